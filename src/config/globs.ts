import picomatch from 'picomatch';
import { toPosixRelative } from '../posix-path.js';

/*
 * Globs from the settings (`include`, `exclude`, `tests`) come from the repository being scanned, so
 * they must not be able to hang a scan. picomatch compiles a glob into a backtracking regular
 * expression: extglobs (`+(*a)+(a*)b`) and the regex groups it passes through (`(a|aa)+`) nest
 * quantifiers, which takes exponential time on a long file name, and many `*` in one path segment
 * take polynomial time of that degree. So extglobs are off, `(`, `)`, `|` and `+` match
 * themselves (extglob syntax is read literally), and a segment holds at most a few `*`.
 */

/** picomatch's options for every settings glob (tinyglobby: `extglob: false`). */
export const GLOB_OPTIONS = { dot: true, noextglob: true } as const;

/** More than this many `*` in one path segment is refused (`*a*a*a*a*b` takes seconds on a 250-character name). */
export const MAX_STARS_PER_SEGMENT = 3;

/** Longer than any path a file system allows; picomatch refuses globs past 65,536 characters. */
export const MAX_GLOB_LENGTH = 4096;

/** Characters picomatch passes to the regular expression as groups, alternatives and quantifiers. */
const REGEX_ONLY = new Set(['(', ')', '|', '+']);

/** Why a settings glob is refused, in terms of the glob; undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `is ${glob.length} characters long; at most ${MAX_GLOB_LENGTH} are allowed`;
  const stars = Math.max(...glob.split('/').map((segment) => (segment === '**' ? 0 : [...segment].filter((c) => c === '*').length)));
  if (stars > MAX_STARS_PER_SEGMENT) {
    return `has ${stars} "*" in one path segment; at most ${MAX_STARS_PER_SEGMENT} are allowed (more makes matching a long file name slow)`;
  }
  return undefined;
}

/**
 * Why an `include` glob is refused on top of globProblem: the settings come from the scanned
 * repository, and an absolute glob or one with a `..` segment (also as a brace alternative,
 * `{..,src}`) would have the scan read files outside the config file's folder.
 */
export function includeGlobProblem(glob: string): string | undefined {
  if (/^(?:[/\\]|[A-Za-z]:)/.test(glob))
    return "is an absolute path; include globs are relative to the config file's folder and stay inside it";
  if (/(?:^|[/\\{,])\.\.(?:[/\\},]|$)/.test(glob))
    return "reaches outside the config file's folder (a '..' segment); include globs stay inside it";
  return undefined;
}

/**
 * The glob as picomatch must read it: `(`, `)`, `|` and `+`, which picomatch would pass to the
 * regular expression (as extglobs, groups, alternatives, quantifiers), stand for themselves:
 * `app/(shop)/**` matches the folder named `(shop)`, and `+(a|b).ts` only a file of that very name.
 * Written as `[(]`, which means the same on every platform. Applying it twice changes nothing.
 */
export function literalGlob(glob: string): string {
  let literal = '';
  for (let i = 0; i < glob.length; i++) {
    const character = glob[i]!;
    if (character === '\\' && i + 1 < glob.length) {
      const next = glob[++i]!;
      literal += REGEX_ONLY.has(next) ? `[${next}]` : `\\${next}`;
    } else if (character === '[') {
      const end = bracketEnd(glob, i);
      literal += glob.slice(i, end + 1);
      i = end;
    } else {
      literal += REGEX_ONLY.has(character) ? `[${character}]` : character;
    }
  }
  return literal;
}

/** Where the bracket expression opened at `start` closes; `start` itself when it does not. */
function bracketEnd(glob: string, start: number): number {
  // `[]a]` and `[!]a]`: a `]` right after the opening is one of the characters.
  let from = start + 1;
  if (glob[from] === '!' || glob[from] === '^') from++;
  const end = glob.indexOf(']', from + 1);
  return end === -1 ? start : end;
}

/**
 * One matcher for settings globs (already made literal by the settings), with no path but a
 * relative, `/`-separated one. picomatch's matcher of a list tries each glob's expression in
 * turn; this is one expression for all of them, with picomatch's own shortcut (a path equal to a
 * glob matches it), so it answers as picomatch's does (test/config/globs.test.ts) in one search:
 * telling test files apart was 1 in 200 of an ESLint run on PatternFly, each file through six globs.
 */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  // No glob matches nothing (an empty list would join into an expression that matches everything).
  if (globs.length === 0) return () => false;
  const literal = globs.map(literalGlob);
  const options = { ...GLOB_OPTIONS, windows: process.platform === 'win32' };
  const expressions = literal.map((glob) => picomatch.makeRe(glob, options));
  // Another platform's or option's flags would not survive the join: picomatch's own matcher then.
  if (expressions.some((expression) => expression.flags !== '')) return picomatch(literal, GLOB_OPTIONS);
  const exact = new Set(literal);
  const combined = new RegExp(expressions.map((expression) => `(?:${expression.source})`).join('|'));
  return (path) => path !== '' && (exact.has(path) || combined.test(path));
}

/**
 * Whether a file (an absolute path) is a test file by the settings' `tests` globs, read relative
 * to the root: the one test the rules, the scanner and the codemod share. The globs compile on the
 * first question: a warm scan whose every file the cache knows asks none.
 */
export function testFileMatcher(root: string, tests: readonly string[]): (file: string) => boolean {
  let matches: ((path: string) => boolean) | undefined;
  return (file) => (matches ??= globMatcher(tests))(toPosixRelative(root, file));
}
