import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { changedLinesSince, parseGitDiff } from '../../src/report/changed-lines.js';
import { runBin } from '../helpers/run-bin.js';
import { temporaryDir, type FixtureCopy } from '../helpers/scanner-fixtures.js';

/*
 * --changed-since decides which findings can fail the gate, so a change git's output hides is a
 * way past it. Each repository here carries the config a user (or a hostile one) might have:
 * another prefix than b/, colour, an external diff driver, a text conversion, fused hunks, quoted
 * non-ASCII names. The answer must be the lines actually changed.
 */

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** Everything git config can change about `git diff`'s output that the gate reads. */
function configureHostileGit(dir: string): void {
  const settings: [key: string, value: string][] = [
    ['diff.mnemonicPrefix', 'true'],
    ['diff.noprefix', 'true'],
    ['core.quotePath', 'true'],
    ['color.diff', 'always'],
    ['color.ui', 'always'],
    // An external diff that prints nothing: every change would vanish.
    ['diff.external', 'true'],
    ['diff.context', '5'],
    ['diff.interHunkContext', '20'],
    ['diff.relative', 'true'],
    ['diff.suppressBlankEmpty', 'true'],
    ['diff.submodule', 'diff'],
    // With the .gitattributes below, TypeScript files would be diffed without their first line.
    ['diff.dropfirst.textconv', 'sed 1d'],
  ];
  for (const [key, value] of settings) git(dir, 'config', key, value);
}

/** A repository with one commit of `files`, then `changes` written over the working tree. */
function repository(files: Record<string, string | Buffer>, changes: Record<string, string | Buffer>): FixtureCopy {
  const folder = temporaryDir('changed-lines');
  git(folder.dir, 'init', '-q');
  write(folder.dir, { '.gitattributes': '*.ts diff=dropfirst\n', ...files });
  git(folder.dir, 'add', '-A');
  git(folder.dir, 'commit', '-q', '-m', 'base');
  configureHostileGit(folder.dir);
  write(folder.dir, changes);
  return folder;
}

const COUNT_BEFORE = [
  'let n = 0;',
  'export function count() {',
  '  return n;',
  '}',
  '// a',
  '// b',
  '// c',
  'export const x = 1;',
  '',
].join('\n');
/** Line 3 is `++ n;` (`+++ n;` in the diff, like a file header), line 10 is added after it. */
const COUNT_AFTER = [
  'let n = 0;',
  'export function count() {',
  '++ n;',
  '  return n;',
  '}',
  '// a',
  '// b',
  '// c',
  'export const x = 1;',
  "export const y = flags.get('sneaky');",
  '',
].join('\n');

const TWO_LINES = 'export const a = 1;\nexport const b = 2;\n';
const THREE_LINES = `${TWO_LINES}export const c = 3;\n`;

/** Names git must quote, or that an unwary split of `diff --git a/… b/…` gets wrong. */
const AWKWARD_NAMES = [
  'src/café.ts',
  'src/with space.ts',
  'src/with b/ inside.ts',
  'src/tab\there.ts',
  'src/quote".ts',
  'src/new\nline.ts',
  'src/back\\slash.ts',
  'src/日本.ts',
];

describe('changedLinesSince under hostile git config', () => {
  const folders: FixtureCopy[] = [];
  afterAll(() => folders.forEach((folder) => folder.cleanup()));
  const make = (files: Record<string, string | Buffer>, changes: Record<string, string | Buffer>) => {
    const folder = repository(files, changes);
    folders.push(folder);
    return folder.dir;
  };

  it('an added line starting with "++ " hides no later hunk of its file', () => {
    const dir = make({ 'src/count.ts': COUNT_BEFORE }, { 'src/count.ts': COUNT_AFTER });
    expect(changedLinesSince('HEAD', dir)).toEqual(new Map([['src/count.ts', new Set([3, 10])]]));
  });

  it('file names with non-ASCII characters, spaces, tabs, quotes, backslashes and newlines', () => {
    const dir = make(
      Object.fromEntries(AWKWARD_NAMES.map((name) => [name, TWO_LINES])),
      Object.fromEntries(AWKWARD_NAMES.map((name) => [name, THREE_LINES])),
    );
    expect(changedLinesSince('HEAD', dir)).toEqual(new Map(AWKWARD_NAMES.map((name) => [name, new Set([3])])));
  });

  it('new, staged, untracked, deleted, binary and mode-only changes', () => {
    const dir = make(
      {
        'src/gone.ts': TWO_LINES,
        'src/logo.ts': Buffer.from([0x89, 0x50, 0x00, 0x01]),
        'src/mode.ts': TWO_LINES,
        'src/same.ts': TWO_LINES,
      },
      { 'src/staged new.ts': THREE_LINES, 'src/untracked.ts': TWO_LINES, 'src/logo.ts': Buffer.from([0x89, 0x50, 0x00, 0x02, 0x03]) },
    );
    git(dir, 'add', 'src/staged new.ts');
    rmSync(join(dir, 'src/gone.ts'));
    execFileSync('chmod', ['+x', join(dir, 'src/mode.ts')]);
    expect(changedLinesSince('HEAD', dir)).toEqual(
      new Map<string, Set<number> | 'all'>([
        ['src/logo.ts', 'all'],
        ['src/mode.ts', new Set()],
        ['src/staged new.ts', new Set([1, 2, 3])],
        ['src/untracked.ts', 'all'],
      ]),
    );
  });

  it('a file where TypeScript breaks lines that git does not (a lone CR, U+2028) counts as changed throughout', () => {
    const dir = make(
      { 'src/cr.ts': TWO_LINES, 'src/separator.ts': TWO_LINES, 'src/crlf.ts': TWO_LINES.replace(/\n/g, '\r\n') },
      {
        'src/cr.ts': `${TWO_LINES}export const c = 3;\rexport const d = flags.get('hidden');\n`,
        'src/separator.ts': `${TWO_LINES}export const c = 3;\u2028export const d = flags.get('hidden');\n`,
        'src/crlf.ts': THREE_LINES.replace(/\n/g, '\r\n'),
      },
    );
    expect(changedLinesSince('HEAD', dir)).toEqual(
      new Map<string, Set<number> | 'all'>([
        ['src/cr.ts', 'all'],
        ['src/crlf.ts', new Set([3])],
        ['src/separator.ts', 'all'],
      ]),
    );
  });

  it('paths are relative to the root, which may be a folder of the repository; files outside it are left out', () => {
    const dir = make(
      { 'app/src/a.ts': TWO_LINES, 'other/b.ts': TWO_LINES },
      { 'app/src/a.ts': THREE_LINES, 'other/b.ts': THREE_LINES, 'app/new.ts': TWO_LINES },
    );
    expect(changedLinesSince('HEAD', join(dir, 'app'))).toEqual(
      new Map<string, Set<number> | 'all'>([
        ['src/a.ts', new Set([3])],
        ['new.ts', 'all'],
      ]),
    );
  });

  it('a ref that would be an option of git is refused, not passed on', () => {
    const dir = make({ 'a.ts': TWO_LINES }, {});
    expect(() => changedLinesSince('--output=/tmp/x', dir)).toThrow(
      new UserError({ message: "--changed-since: '--output=/tmp/x' is not a git ref" }),
    );
  });
});

describe('parseGitDiff reads strictly', () => {
  it('a hunk with context lines counts only the added lines of the new side', () => {
    const diff = [
      'diff --git a/x.ts b/x.ts',
      'index 1..2 100644',
      '--- a/x.ts',
      '+++ b/x.ts',
      '@@ -4,3 +4,4 @@ function f() {',
      ' a',
      '-b',
      '+c',
      '+d',
      ' e',
      '\\ No newline at end of file',
      '',
    ].join('\n');
    expect(parseGitDiff(diff)).toEqual(new Map([['x.ts', new Set([5, 6])]]));
  });

  it('an added line "++ n;" (written "+++ n;") is a line of its hunk, not a file header', () => {
    const diff = [
      'diff --git a/x.ts b/x.ts',
      '--- a/x.ts',
      '+++ b/x.ts',
      '@@ -2,0 +3 @@ export function count() {',
      '+++ n;',
      '@@ -8,0 +10 @@ export const x = 1;',
      "+export const y = flags.get('sneaky');",
      '',
    ].join('\n');
    expect(parseGitDiff(diff)).toEqual(new Map([['x.ts', new Set([3, 10])]]));
  });

  it('output it does not understand is an error, never "nothing changed"', () => {
    const problem = (diff: string) => {
      try {
        parseGitDiff(diff);
      } catch (error) {
        return (error as UserError).problems[0]?.message;
      }
      return 'parsed';
    };
    expect(problem('diff --git w/x.ts i/x.ts\n@@ -1 +1 @@\n-a\n+b\n')).toBe(
      `--changed-since: cannot read git's diff output: expected "diff --git a/<file> b/<file>" at line 1`,
    );
    expect(problem('diff --git a/x.ts b/x.ts\n@@ -1,2 +1,2 @@\n-a\n+b\n')).toBe(
      "--changed-since: cannot read git's diff output: a hunk shorter than its header says at line 5",
    );
    expect(problem('diff --git a/x.ts b/x.ts\n@@ -1 +1 @@\n-a\n+b\n+c\n')).toBe(
      "--changed-since: cannot read git's diff output: a hunk longer than its header says at line 5",
    );
    expect(problem('\u001b[1mdiff --git a/x.ts b/x.ts\u001b[m\n')).toBe(
      `--changed-since: cannot read git's diff output: expected "diff --git a/<file> b/<file>" at line 1`,
    );
  });
});

describe('report --changed-since: the gate fails on a finding after a "++ " line', () => {
  let folder: FixtureCopy;
  beforeAll(() => {
    folder = repository(
      {
        'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' }),
        'flags.yaml': 'flags: {}\n',
        'src/count.ts': `import { flags } from './flags';\n${COUNT_BEFORE}`,
        'src/flags.ts': 'export const flags = { get: (key: string) => ({ key, enabled: true }) };\n',
      },
      { 'src/count.ts': `import { flags } from './flags';\n${COUNT_AFTER}` },
    );
  });
  afterAll(() => folder.cleanup());

  it('exits 1, the undeclared flag on line 11 failing', () => {
    const result = runBin(
      ['report', '--changed-since', 'HEAD', '--fail-on', 'undeclared', '--format', 'json', '--no-cache', '--no-progress'],
      { cwd: folder.dir },
    );
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 1, stderr: '' });
    const errors = (JSON.parse(result.stdout) as { errors: { code: string; key: string; file: string; line: number; failing: boolean }[] })
      .errors;
    expect(
      errors.filter((error) => error.code === 'undeclared').map(({ key, file, line, failing }) => ({ key, file, line, failing })),
    ).toEqual([{ key: 'sneaky', file: 'src/count.ts', line: 11, failing: true }]);
  });
});
