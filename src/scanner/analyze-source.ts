import { analyzeFile } from '../detect/analyze.js';
import type { FileFacts } from '../detect/facts.js';
import type { AccessorIndex } from '../patterns/index.js';
import { withoutForeignCalls } from '../detect/project-specifiers.js';
import { parseAsScanned, type ScannedProgram } from '../sfc/parse.js';

export type AnalysisResult = { kind: 'facts'; facts: FileFacts } | { kind: 'parse-error'; line?: number; column?: number; message: string };

/** typescript-estree's parse errors carry a location; keep it, and the first line of the message. */
function describeParseError(error: unknown): Extract<AnalysisResult, { kind: 'parse-error' }> {
  const candidate = error as {
    message?: string;
    location?: { start?: { line?: number; column?: number } };
    lineNumber?: number;
    column?: number;
  };
  const message = String(candidate.message ?? error).split('\n')[0]!;
  const line = candidate.location?.start?.line ?? candidate.lineNumber;
  const column = candidate.location?.start?.column ?? candidate.column;
  const result: Extract<AnalysisResult, { kind: 'parse-error' }> = { kind: 'parse-error', message };
  if (line !== undefined) result.line = line;
  if (column !== undefined) result.column = column + 1;
  return result;
}

/** What the scanner's analysis of a file depends on besides the file: the accessors, and which imports can reach project code. */
export interface SourceAnalysisOptions {
  index: AccessorIndex;
  inProject: (specifier: string) => boolean;
}

/**
 * Parses and analyses one file; a file that does not parse is a result, not an exception. A
 * single-file component (`.vue`, `.svelte`, `.astro`) is read as the script view of it (see
 * sfc/script-view.ts): its scripts and template expressions at their places in the file.
 */
export function analyzeSource(file: string, fileText: string, options: SourceAnalysisOptions, test: boolean): AnalysisResult {
  let parsed: ScannedProgram;
  try {
    parsed = parseAsScanned(file, fileText);
  } catch (error) {
    return describeParseError(error);
  }
  return {
    kind: 'facts',
    facts: withoutForeignCalls(
      analyzeFile(parsed.program, { index: options.index.forFile(file), test, text: parsed.text }),
      options.inProject,
    ),
  };
}
