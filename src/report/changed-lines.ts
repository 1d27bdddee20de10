import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';

/** Lines changed since a git ref, per file (relative to the repository's working tree, `/`-separated). */
export type ChangedLines = ReadonlyMap<string, ReadonlySet<number> | 'all'>;

/*
 * The gate passes what `git diff` does not show as changed, so the diff must be read exactly. Git's
 * output depends on the user's and the repository's config (colour, `b/` as `w/` or no prefix at
 * all, external diff drivers, text conversions, fused hunks, quoted non-ASCII names): these options
 * pin the one format parseGitDiff reads, and it reads it strictly, failing rather than guessing.
 */
const GIT_CONFIG = ['-c', 'core.quotePath=false', '-c', 'diff.mnemonicPrefix=false', '-c', 'diff.noprefix=false', '-c', 'color.ui=never'];
const DIFF_OPTIONS = [
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-renames',
  '--no-relative',
  '--submodule=short',
  '--unified=0',
  '--inter-hunk-context=0',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

function git(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('git', [...GIT_CONFIG, ...args], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '')
      .trim()
      .split('\n')[0];
    throw new UserError({ message: `--changed-since: git ${args[0]} failed: ${stderr || (error as Error).message}` });
  }
}

/** One line of git's output without its line break (a folder name may end in spaces). */
function firstLine(output: string): string {
  return output.replace(/\n$/, '');
}

const C_ESCAPES = new Map([
  ['a', 7],
  ['b', 8],
  ['t', 9],
  ['n', 10],
  ['v', 11],
  ['f', 12],
  ['r', 13],
  ['"', 34],
  ['\\', 92],
]);

/**
 * A name git wrote in C-style quotes (`"tab\there.ts"`, `"caf\303\251.ts"`) starting at `start`:
 * the name and where the text after the closing quote starts; undefined when it is not one.
 */
function unquoteC(text: string, start: number): { value: string; end: number } | undefined {
  if (text[start] !== '"') return undefined;
  const bytes: number[] = [];
  let i = start + 1;
  while (i < text.length) {
    const character = String.fromCodePoint(text.codePointAt(i)!);
    if (character === '"') return { value: Buffer.from(bytes).toString('utf8'), end: i + 1 };
    if (character !== '\\') {
      bytes.push(...Buffer.from(character));
      i += character.length;
      continue;
    }
    // An octal escape is one byte of the name's UTF-8 (core.quotePath), the others one character.
    const octal = /^[0-7]{3}/.exec(text.slice(i + 1, i + 4));
    const escaped = C_ESCAPES.get(text.charAt(i + 1));
    if (octal) bytes.push(parseInt(octal[0], 8));
    else if (escaped !== undefined) bytes.push(escaped);
    else return undefined;
    i += octal ? 4 : 2;
  }
  return undefined;
}

/**
 * The path of a `diff --git a/<path> b/<path>` line (after `diff --git `). Without renames both
 * sides name the same path, which is how an unquoted path with spaces (even ` b/` in it) splits.
 */
function diffGitPath(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const source = unquoteC(rest, 0);
    const target = source === undefined || rest[source.end] !== ' ' ? undefined : unquoteC(rest, source.end + 1);
    if (source === undefined || target === undefined || target.end !== rest.length) return undefined;
    if (!source.value.startsWith('a/') || !target.value.startsWith('b/') || source.value.slice(2) !== target.value.slice(2))
      return undefined;
    return target.value.slice(2);
  }
  const length = (rest.length - 5) / 2;
  if (!Number.isInteger(length) || length < 1) return undefined;
  const path = rest.slice(2, 2 + length);
  return rest === `a/${path} b/${path}` ? path : undefined;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Reads the output of `git diff` run with DIFF_OPTIONS: per file, the new-side numbers of the lines
 * added or changed, or `all` for a file whose change has no lines (binary). Deleted files are left
 * out. A file starts only at a `diff --git` line, and each hunk's body is exactly as many lines as
 * its `@@` header counts, so no added line (`++ n;` reads as `+++ n;`) can pass for a header.
 * Anything else is an error: a gate must not pass on output it did not understand.
 */
export function parseGitDiff(diff: string): Map<string, Set<number> | 'all'> {
  const changed = new Map<string, Set<number> | 'all'>();
  const lines = diff.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let i = 0;
  const unreadable = (what: string): never => {
    throw new UserError({ message: `--changed-since: cannot read git's diff output: ${what} at line ${i + 1}` });
  };
  while (i < lines.length) {
    const header = lines[i]!;
    const path = header.startsWith('diff --git ') ? diffGitPath(header.slice('diff --git '.length)) : undefined;
    if (path === undefined) unreadable('expected "diff --git a/<file> b/<file>"');
    i++;
    let deleted = false;
    let binary = false;
    // The extended header (modes, index, ---/+++, "Binary files … differ"): quoted names, no content.
    while (i < lines.length && !lines[i]!.startsWith('@@') && !lines[i]!.startsWith('diff --git ')) {
      const line = lines[i]!;
      if (line.startsWith('deleted file mode ')) deleted = true;
      else if (line.startsWith('Binary files ')) binary = true;
      i++;
    }
    const added = new Set<number>();
    while (i < lines.length && lines[i]!.startsWith('@@')) {
      const match = HUNK_HEADER.exec(lines[i]!) ?? unreadable('a hunk header that is not "@@ -a,b +c,d @@"');
      let oldLeft = match[2] === undefined ? 1 : Number(match[2]);
      let newLeft = match[4] === undefined ? 1 : Number(match[4]);
      let newLine = Number(match[3]);
      i++;
      while (oldLeft > 0 || newLeft > 0 || lines[i]?.startsWith('\\')) {
        const line = lines[i] ?? unreadable('a hunk shorter than its header says');
        const kind = line.charAt(0);
        if (kind === '+' && newLeft > 0) {
          added.add(newLine++);
          newLeft--;
        } else if (kind === '-' && oldLeft > 0) oldLeft--;
        else if ((kind === ' ' || kind === '') && oldLeft > 0 && newLeft > 0) {
          newLine++;
          oldLeft--;
          newLeft--;
        } else if (kind !== '\\') unreadable('a hunk longer than its header says');
        i++;
      }
    }
    if (i < lines.length && !lines[i]!.startsWith('diff --git ')) unreadable('a hunk longer than its header says');
    if (!deleted) changed.set(path!, binary ? 'all' : added);
  }
  return changed;
}

/**
 * TypeScript (and so every position in a report) also breaks lines at a lone CR and at U+2028 and
 * U+2029; git only at LF. In a file holding one, git's line numbers are not the report's.
 */
const OTHER_LINE_BREAK = /\r(?!\n)|[\u2028\u2029]/;

function hasOtherLineBreaks(file: string): boolean {
  try {
    return OTHER_LINE_BREAK.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Lines added or changed between `ref` and the working tree, and untracked files as a whole, with
 * paths relative to `root` (the config's folder) so they match the report's paths.
 */
export function changedLinesSince(ref: string, root: string): ChangedLines {
  if (ref.startsWith('-')) throw new UserError({ message: `--changed-since: '${ref}' is not a git ref` });
  const top = firstLine(git(['rev-parse', '--show-toplevel'], root));
  let commit: string;
  try {
    commit = firstLine(git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root));
  } catch {
    throw new UserError({ message: `--changed-since: '${ref}' is not a commit in this repository` });
  }
  const prefix = firstLine(git(['rev-parse', '--show-prefix'], root));
  const result = new Map<string, ReadonlySet<number> | 'all'>();
  const strip = (path: string) => (path.startsWith(prefix) ? path.slice(prefix.length) : undefined);
  for (const [file, lines] of parseGitDiff(git(['diff', ...DIFF_OPTIONS, commit, '--'], top))) {
    const relative = strip(file);
    if (relative === undefined) continue;
    result.set(relative, lines !== 'all' && lines.size > 0 && hasOtherLineBreaks(join(top, file)) ? 'all' : lines);
  }
  for (const file of git(['ls-files', '-z', '--others', '--exclude-standard', '--full-name'], top).split('\0')) {
    const relative = file === '' ? undefined : strip(file);
    if (relative !== undefined) result.set(relative, 'all');
  }
  return result;
}

/** Whether any line of the file changed (an untracked or binary file counts whole). */
export function isFileChanged(changed: ChangedLines, file: string): boolean {
  const lines = changed.get(file);
  return lines === 'all' || (lines !== undefined && lines.size > 0);
}

export function isChanged(changed: ChangedLines, file: string, line: number): boolean {
  const lines = changed.get(file);
  return lines === 'all' || (lines !== undefined && lines.has(line));
}
