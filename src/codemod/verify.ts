import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as TsMorph from 'ts-morph';
import type { Diagnostic, Project } from 'ts-morph';
import { UserError } from '../errors.js';
import { parametersBefore, removeUnusedParameters, type UnusedParameter } from './unused-parameters.js';

/*
 * "Verify, don't hope" (issue 17): the touched files are type-checked as they were and as the
 * removal leaves them, in memory, with the project's own tsconfig. Only diagnostics the removal
 * adds count: a project that did not type-check before is judged against itself.
 */

/** A diagnostic the removal would add, at its position in the rewritten file (1-based). */
export interface NewDiagnostic {
  file: string;
  line: number;
  column: number;
  code: number;
  message: string;
}

export interface TypeCheck {
  /** How many files were checked (the touched ones). */
  files: number;
  /** Diagnostics after the removal that were not there before. */
  added: NewDiagnostic[];
}

export interface CheckedFile {
  path: string;
  relative: string;
  before: string;
  /** Parameters the removal left unused are removed here, where that is safe. */
  after: string;
}

export interface Verification {
  typeCheck: TypeCheck;
  /** Parameters the removal left unused: removed, or kept for a person with the reason. */
  parameters: UnusedParameter[];
}

function loadProject(root: string): { morph: typeof TsMorph; project: Project } {
  const tsconfig = join(root, 'tsconfig.json');
  try {
    // ts-morph is loaded only when a removal is verified; the program follows the touched files' imports.
    const morph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
    const { Project } = morph;
    const project = existsSync(tsconfig)
      ? new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true })
      : new Project({ compilerOptions: { allowJs: true, strict: true, jsx: 4 /* react-jsx */ } });
    return { morph, project };
  } catch (error) {
    throw new UserError({
      file: tsconfig,
      message: `remove: cannot load the TypeScript project to verify the removal (${(error as Error).message.split('\n')[0]}); pass --no-verify to skip it`,
    });
  }
}

/** A diagnostic without its position, to tell one that moved from one that is new. */
function identity(diagnostic: Diagnostic): string {
  const text = diagnostic.getMessageText();
  const message = typeof text === 'string' ? text : text.getMessageText();
  return `${diagnostic.getSourceFile()?.getFilePath() ?? ''}\u0000${diagnostic.getCode()}\u0000${message}`;
}

function messageOf(diagnostic: Diagnostic): string {
  const text = diagnostic.getMessageText();
  return (typeof text === 'string' ? text : text.getMessageText()).split('\n')[0]!;
}

/**
 * Type-checks `files` before and after the removal, in one in-memory project: first removes the
 * parameters the removal left unused where that is safe (into each file's `after`), then returns
 * the diagnostics the result adds.
 */
export function verifyRemoval(root: string, files: CheckedFile[]): Verification {
  if (files.length === 0) return { typeCheck: { files: 0, added: [] }, parameters: [] };
  const { morph, project } = loadProject(root);
  const sources = files.map((file) => project.createSourceFile(file.path, file.before, { overwrite: true }));
  const diagnosticsOf = () =>
    sources.flatMap((source) =>
      project.getProgram().getSemanticDiagnostics(source).concat(project.getProgram().getSyntacticDiagnostics(source)),
    );
  const before = new Map<string, number>();
  for (const diagnostic of diagnosticsOf()) before.set(identity(diagnostic), (before.get(identity(diagnostic)) ?? 0) + 1);
  const parametersBeforeOf = sources.map((source) => parametersBefore(morph, project, source));
  files.forEach((file, index) => sources[index]!.replaceWithText(file.after));
  const parameters = files.flatMap((file, index) => {
    const outcome = removeUnusedParameters(morph, project, sources[index]!, parametersBeforeOf[index]!, file.relative);
    if (outcome.some((parameter) => parameter.keptBecause === undefined)) file.after = sources[index]!.getFullText();
    return outcome;
  });
  const added: NewDiagnostic[] = [];
  for (const diagnostic of diagnosticsOf()) {
    const seen = before.get(identity(diagnostic)) ?? 0;
    if (seen > 0) {
      before.set(identity(diagnostic), seen - 1);
      continue;
    }
    const source = diagnostic.getSourceFile();
    const file = files.find((candidate) => candidate.path === source?.getFilePath());
    const start = diagnostic.getStart() ?? 0;
    const position = source?.getLineAndColumnAtPos(start) ?? { line: 0, column: 0 };
    added.push({
      file: file?.relative ?? source?.getFilePath() ?? '',
      line: position.line,
      column: position.column,
      code: diagnostic.getCode(),
      message: messageOf(diagnostic),
    });
  }
  added.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { typeCheck: { files: files.length, added }, parameters };
}
