import { createHash } from 'node:crypto';
import { scanImports, type ScannedImport } from '../detect/import-scan.js';
import type { PrefilterVerdict } from '../detect/module-texts.js';
import { analyzeSource, type SourceAnalysisOptions } from './analyze-source.js';
import { serializeResult, type HeldResult } from './facts-store.js';
import { readSourceText } from '../detect/source-text.js';

/** One file for the scanner's first pass. */
export interface FileTask {
  file: string;
  test: boolean;
  /** The content hash the facts cache holds for this file, if any: a match skips the parse. */
  cachedHash?: string;
  /** Analyse even if the text names no accessor (it imports a wrapper). */
  force?: boolean;
  /** Stop before the parse: a file that needs one comes back `matched` (see readFiles). */
  prefilterOnly?: boolean;
}

export type FileOutcome =
  /** `prefilter`: what the text of a skipped file shows other modules (see ModuleGraph), when it was decoded. */
  | { kind: 'skipped'; reason: string; unreadable?: true; prefilter?: PrefilterVerdict }
  | { kind: 'cached'; hash: string }
  | { kind: 'unmatched'; hash: string; imports: ScannedImport[] }
  /** The result: deflated in a worker (it crosses threads so), the objects in the main thread (FactsStore). */
  | { kind: 'analysed'; hash: string; result: HeldResult };

/** A task's outcome: a file that needs a parse stays `matched` when the task asked for its prefilter only. */
export type TaskOutcome = FileOutcome | { kind: 'matched'; hash: string };

/**
 * Reads one file and does what it needs: skip it (binary, huge, minified …), or, when its text
 * can hold a reference, parse and analyse it (unless the cache already has its facts); otherwise
 * keep just its imports, in case one of them turns out to be a wrapper.
 */
export function processFile(task: FileTask, options: SourceAnalysisOptions): FileOutcome {
  const read = readFile(task, options);
  return read.kind === 'matched' ? analysed(task, read, options, false) : read;
}

/**
 * processFile, but with `prefilterOnly` a file that needs a parse is left `matched`, and so is one
 * whose text is longer than `parseUpTo` characters (a worker thread's heap is too small for its
 * tree); with `serialize` (in a worker) the facts come back deflated.
 */
export function processTask(task: FileTask, options: SourceAnalysisOptions, parseUpTo = Infinity, serialize = false): TaskOutcome {
  const read = readFile(task, options);
  if (read.kind !== 'matched') return read;
  return task.prefilterOnly === true || read.text.length > parseUpTo
    ? { kind: 'matched', hash: read.hash }
    : analysed(task, read, options, serialize);
}

function analysed(
  task: FileTask,
  { hash, text }: { hash: string; text: string },
  options: SourceAnalysisOptions,
  serialize: boolean,
): FileOutcome {
  const analysis = analyzeSource(task.file, text, options, task.test);
  return { kind: 'analysed', hash, result: serialize ? serializeResult(analysis) : analysis };
}

/** Everything short of the parse: the file's text when it needs one. */
function readFile(
  task: FileTask,
  options: SourceAnalysisOptions,
): Exclude<FileOutcome, { kind: 'analysed' }> | { kind: 'matched'; hash: string; text: string } {
  // Only imports the module resolver can follow into the project can bring in a wrapper.
  const projectImports = (text: string) => scanImports(text).filter((scanned) => options.inProject(scanned.specifier));
  const source = readSourceText(task.file);
  if (source.kind === 'skipped') {
    const { text, ...skipped } = source;
    // Not scanned, but a module may still import it: the graph asks what its text shows.
    return text === undefined
      ? skipped
      : { ...skipped, prefilter: { namesAccessor: options.index.mayMatch(text), imports: projectImports(text) } };
  }
  const hash = createHash('sha1').update(source.bytes).digest('hex');
  if (!task.force && !options.index.mayMatch(source.text)) return { kind: 'unmatched', hash, imports: projectImports(source.text) };
  if (task.cachedHash === hash) return { kind: 'cached', hash };
  return { kind: 'matched', hash, text: source.text };
}
