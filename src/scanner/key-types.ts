import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TsMorph from 'ts-morph';
import type { Node as MorphNode, Project } from 'ts-morph';
import { READ_LIMITS, regularFileProblem } from '../bounded-read.js';
import type { Range } from '../detect/facts.js';
import type { ResolvedReference } from '../detect/resolve.js';
import { UserError } from '../errors.js';

/**
 * The scanner's type information (`--types`): a ts-morph project over the codebase, asked only
 * about keys the detector could not resolve. A key whose type is a single string literal
 * (`'new-checkout'`, a string enum member, a function declared to return one) is that key, as with
 * typed linting in ESLint. Building the program costs a type check of what those files import, so
 * it is opt-in and built only when a dynamic key exists.
 *
 * ts-morph bundles its own TypeScript: only its nodes are inspected here, never typescript-estree's.
 * It is loaded on the first question, not with the scanner: that second TypeScript alone holds some
 * 50 MB of the process's memory.
 */
export class KeyTypes {
  private project: Project | undefined;

  private readonly tsconfig: string;

  constructor(root: string) {
    this.tsconfig = join(root, 'tsconfig.json');
  }

  /** The single string literal type of the expression at `range` in `file`, if it has one. */
  literalAt(file: string, range: Range): string | undefined {
    const project = this.projectFor();
    const source = project.getSourceFile(file) ?? project.addSourceFileAtPathIfExists(file);
    const node = source === undefined ? undefined : expressionAt(source.getDescendantAtPos(range[0]), range);
    if (node === undefined) return undefined;
    const type = node.getType();
    const value = type.isStringLiteral() ? type.getLiteralValue() : undefined;
    return typeof value === 'string' ? value : undefined;
  }

  private projectFor(): Project {
    if (this.project !== undefined) return this.project;
    const tsconfig = this.tsconfig;
    try {
      // Files join on demand; the program follows their imports, so only what they need is checked.
      const { Project, ts } = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
      this.project = new Project({
        compilerOptions: existsSync(tsconfig) ? compilerOptionsOf(ts, tsconfig) : { allowJs: true, strict: true },
      });
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError({
        file: tsconfig,
        message: `--types: cannot load the TypeScript project (${(error as Error).message.split('\n')[0]})`,
      });
    }
    return this.project;
  }
}

/**
 * The compiler options of a tsconfig file, read (with the files it extends) only where each is a
 * regular file of at most READ_LIMITS.config: a repository can put a link to /dev/zero or
 * /dev/stdin there. What TypeScript cannot read or parse is a UserError naming the tsconfig.
 */
function compilerOptionsOf(ts: typeof TsMorph.ts, tsconfig: string): TsMorph.ts.CompilerOptions {
  const host: TsMorph.ts.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    fileExists: (path) => ts.sys.fileExists(path),
    readFile: (path) => (regularFileProblem(path, READ_LIMITS.config) === undefined ? ts.sys.readFile(path) : undefined),
  };
  const read = ts.readConfigFile(tsconfig, host.readFile);
  const parsed =
    read.error === undefined ? ts.parseJsonConfigFileContent(read.config, host, dirname(tsconfig), undefined, tsconfig) : undefined;
  const problem = read.error ?? parsed?.errors.find((error) => error.category === ts.DiagnosticCategory.Error);
  if (problem !== undefined) {
    const problemText = regularFileProblem(tsconfig, READ_LIMITS.config);
    const message =
      problemText === undefined ? ts.flattenDiagnosticMessageText(problem.messageText, ' ') : `the file ${problemText.message}`;
    throw new UserError({ file: tsconfig, message: `--types: cannot load the TypeScript project (${message})` });
  }
  return parsed!.options;
}

/** `references` of `file` with each dynamic key whose type is a single string literal made that key. */
export function typedKeys(file: string, references: ResolvedReference[], types: KeyTypes): ResolvedReference[] {
  if (!references.some((reference) => reference.key.kind === 'dynamic')) return references;
  return references.map((reference) => {
    if (reference.key.kind !== 'dynamic') return reference;
    const key = types.literalAt(file, reference.range);
    return key === undefined ? reference : { ...reference, key: { kind: 'static', key } };
  });
}

/** The node spanning exactly `range`, climbing from the innermost node at its start. */
function expressionAt(start: MorphNode | undefined, range: Range): MorphNode | undefined {
  for (let node = start; node !== undefined; node = node.getParent()) {
    if (node.getStart() !== range[0]) return undefined;
    if (node.getEnd() === range[1]) return node;
    if (node.getEnd() > range[1]) return undefined;
  }
  return undefined;
}
