import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { analyzeFile } from '../detect/analyze.js';
import type { FileFacts } from '../detect/facts.js';
import type { AccessorIndex } from '../patterns/index.js';
import { parseSource } from '../detect/module-graph.js';
import { withoutForeignCalls } from '../detect/project-specifiers.js';

export type AnalysisResult =
  | { kind: 'facts'; facts: FileFacts }
  | { kind: 'parse-error'; line?: number; column?: number; message: string };

/** typescript-estree's parse errors carry a location; keep it, and the first line of the message. */
function describeParseError(error: unknown): Extract<AnalysisResult, { kind: 'parse-error' }> {
  const candidate = error as { message?: string; location?: { start?: { line?: number; column?: number } }; lineNumber?: number; column?: number };
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

/** Parses and analyses one file; a file that does not parse is a result, not an exception. */
export function analyzeSource(file: string, text: string, options: SourceAnalysisOptions, test: boolean): AnalysisResult {
  let program: TSESTree.Program;
  try {
    program = parseSource(file, text);
  } catch (error) {
    return describeParseError(error);
  }
  return { kind: 'facts', facts: withoutForeignCalls(analyzeFile(program, { index: options.index.forFile(file), test, text }), options.inProject) };
}
