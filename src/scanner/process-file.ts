import { createHash } from 'node:crypto';
import { scanImports, type ScannedImport } from '../detect/import-scan.js';
import { analyzeSource, type SourceAnalysisOptions } from './analyze-source.js';
import { serializeResult, type SerializedResult } from './facts-store.js';
import { readSourceText } from './source-text.js';

/** One file for the scanner's first pass. */
export interface FileTask {
  file: string;
  test: boolean;
  /** The content hash the facts cache holds for this file, if any: a match skips the parse. */
  cachedHash?: string;
  /** Analyse even if the text names no accessor (it imports a wrapper). */
  force?: boolean;
}

export type FileOutcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'cached'; hash: string }
  | { kind: 'unmatched'; hash: string; imports: ScannedImport[] }
  /** The result serialized: the main thread keeps it so until it needs it (FactsStore). */
  | { kind: 'analysed'; hash: string; result: SerializedResult };

/**
 * Reads one file and does what it needs: skip it (binary, huge, minified …), or, when its text
 * can hold a reference, parse and analyse it (unless the cache already has its facts); otherwise
 * keep just its imports, in case one of them turns out to be a wrapper.
 */
export function processFile(task: FileTask, options: SourceAnalysisOptions): FileOutcome {
  const source = readSourceText(task.file);
  if (source.kind === 'skipped') return { kind: 'skipped', reason: source.reason };
  const hash = createHash('sha1').update(source.bytes).digest('hex');
  if (!task.force && !options.index.mayMatch(source.text)) return { kind: 'unmatched', hash, imports: scanImports(source.text) };
  if (task.cachedHash === hash) return { kind: 'cached', hash };
  return { kind: 'analysed', hash, result: serializeResult(analyzeSource(task.file, source.text, options, task.test)) };
}
