import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import type { Inventory } from '../../src/scanner/inventory.js';
import { BIN, type BinResult } from '../helpers/run-bin.js';
import { readsDespiteMode, temporaryDir, type FixtureCopy } from '../helpers/scanner-fixtures.js';

/*
 * Bad input (issue 8), one table: every case is one row run through the built binary in a fresh
 * small project. For each row: the exit status; stderr exactly as listed (one clear line, or one
 * line per problem for a manifest, naming the file and the position where there is one), never a
 * stack trace or an internal error; and nothing lost: no file of the project changes, a scan still
 * finds the project's own references, and a skipped file is listed as not scanned.
 *
 * Earlier tests cover some of these at the API level (test/manifest/load.test.ts,
 * test/scanner/bad-input.test.ts, test/cli/cli.test.ts); this table is the complete list, end to end.
 */

const TODAY = '2026-11-28';

const FLAGS_YAML = [
  'flags:', // 1
  '  new_checkout:', // 2
  '    type: release', // 3
  '    owner: checkout-team', // 4
  '    createdAt: 2026-11-01', // 5
  '    expiresAt: 2027-03-01', // 6
  '    enabled: true', // 7
  '    rolloutPercentage: 50', // 8
  '  old_banner:', // 9
  '    type: release', // 10
  '    owner: web-team', // 11
  '    createdAt: 2026-01-01', // 12
  '    expiresAt: 2027-01-01', // 13
  '    enabled: true', // 14
  '    rolloutPercentage: 100', // 15
  '',
].join('\n');

/** The project every row starts from: two flags, each checked in one file. */
const BASE_FILES: Record<string, string> = {
  'flag-hygiene.config.json': `${JSON.stringify({ manifest: 'flags.yaml', today: TODAY }, null, 2)}\n`,
  'flags.yaml': FLAGS_YAML,
  'src/checkout.ts': [
    "import { flags } from './flags';",
    '',
    "export const checkout = flags.get('new_checkout')?.enabled ? 'v2' : 'v1';",
    '',
  ].join('\n'),
  'src/banner.ts': [
    "import { flags } from './flags';",
    '',
    "export const banner = flags.get('old_banner')?.enabled ? 'new' : 'old';",
    '',
  ].join('\n'),
};

/** The base project's references as `file:line:column key`. */
const BASE_REFERENCES = ['src/banner.ts:3:33 old_banner', 'src/checkout.ts:3:35 new_checkout'];

/** A manifest with one flag whose fields are the given lines (the flag's key on line 2, fields from line 3). */
function oneFlag(...fields: string[]): string {
  return ['flags:', '  checkout_v2:', ...fields.map((field) => `    ${field}`), ''].join('\n');
}

const VALID_FIELDS = ['type: operational', 'owner: web', 'createdAt: 2026-01-01'];

function manifestOf(count: number): string {
  const lines = ['flags:'];
  for (let i = 0; i < count; i++) {
    lines.push(
      `  flag_${String(i).padStart(5, '0')}:`,
      '    type: release',
      `    owner: team-${i % 40}`,
      '    createdAt: 2026-01-01',
      '    expiresAt: 2027-01-01',
      '    enabled: true',
      `    rolloutPercentage: ${i % 101}`,
      `    description: Flag number ${i}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A 20 MB minified bundle: one line, with a flag check in it. */
function minifiedBundle(): string {
  const head = 'import{flags as f}from"./flags";export function w(){if(f.get("bundle_flag")?.enabled)return 1;';
  const chunk = Array.from({ length: 1000 }, (_, i) => `var a${i}=${i};`).join('');
  return `${head}${chunk.repeat(Math.ceil((20 * 1024 * 1024) / chunk.length))}return 0}\n`;
}

type Area = 'manifest' | 'source' | 'settings' | 'cli';

interface Row {
  area: Area;
  name: string;
  /** Files written over the base project (a Buffer for bytes that are not text). */
  files?: Record<string, string | Buffer>;
  /** Anything else to arrange: links, modes. */
  arrange?: (dir: string) => void;
  args: string[];
  env?: Record<string, string>;
  status: 0 | 1 | 2;
  /** stderr, line by line: exactly these lines (a function: the line, given the project's folder). */
  stderr: (string | RegExp | ((dir: string) => string))[];
  /** For `scan --format json`: the warnings, as `file[:line:column] message`, exactly. */
  warnings?: (string | RegExp)[] | ((dir: string) => (string | RegExp)[]);
  /** For `scan --format json`: what was not scanned, as `file reason`, exactly (none when left out). */
  notScanned?: (string | RegExp)[] | ((dir: string) => (string | RegExp)[]);
  /** More checks on the result. */
  check?: (result: BinResult, dir: string) => void;
  /** Wall-time limit, printed with the time taken. */
  seconds?: number;
}

/**
 * Puts a link to `target` where the project's file `path` was, as a repository can commit one:
 * to /dev/zero, whose read never ends, or to /dev/stdin, whose read waits for input that may never
 * come (see PIPE).
 */
function linkInPlace(dir: string, path: string, target: string): void {
  rmSync(join(dir, path), { force: true });
  symlinkSync(target, join(dir, path));
}

/**
 * A named pipe no one writes to, in the project: what /dev/stdin is in a CI step fed by a pipe.
 * (The child's own stdin here is a socket, which a read refuses at once instead of waiting.)
 */
const PIPE = 'stdin.fifo';
function makePipe(dir: string): string {
  execFileSync('mkfifo', [join(dir, PIPE)]);
  return join(dir, PIPE);
}

/** A source that imports through a tsconfig `paths` alias, so resolving it reads the tsconfig. */
const ALIASED_IMPORT = { 'src/aliased.ts': "import { flags } from '@app/flags';\n\nexport const aliased = flags.get('new_checkout');\n" };

const SECOND_DOCUMENT =
  'a second YAML document starts here; a manifest is one document: remove this "---" and what follows it, or merge the two';

const SCAN = ['scan', '--format', 'json', '--no-cache', '--no-progress'];
const CHECK = ['check-manifest', 'flags.yaml'];
const at = (line: number, column: number) => `flags.yaml:${line}:${column}`;

const ROWS: Row[] = [
  // ── Manifest ────────────────────────────────────────────────────────────────────────────────
  {
    area: 'manifest',
    name: 'malformed YAML (an unclosed flow list)',
    files: { 'flags.yaml': oneFlag('type: [release', 'owner: web') },
    args: CHECK,
    status: 2,
    stderr: [/^flag-hygiene: flags\.yaml:[3-5]:\d+: [^\n]*flow collection/],
  },
  {
    area: 'manifest',
    name: 'malformed JSON manifest (a brace missing): where the text ends',
    files: { 'flags.json': '{ "flags": { "a": { "type": "release" } }\n' },
    args: ['check-manifest', 'flags.json'],
    status: 2,
    stderr: ['flag-hygiene: flags.json:2:1: unexpected end of the stream within a flow collection'],
  },
  {
    area: 'manifest',
    name: 'a duplicate flag key: at the second one, naming the flag',
    files: {
      'flags.yaml': [
        'flags:',
        '  checkout_v2:',
        ...VALID_FIELDS.map((f) => `    ${f}`),
        '  checkout_v2:',
        ...VALID_FIELDS.map((f) => `    ${f}`),
        '',
      ].join('\n'),
    },
    args: CHECK,
    status: 2,
    // The contract: a manifest error names the flag. Today: "duplicated mapping key", no flag.
    stderr: [/^flag-hygiene: flags\.yaml:6:3: [^\n]*duplicate[^\n]*checkout_v2/i],
  },
  {
    area: 'manifest',
    name: 'a duplicate field inside a flag',
    files: { 'flags.yaml': oneFlag(...VALID_FIELDS, 'owner: ops') },
    args: CHECK,
    status: 2,
    stderr: [/^flag-hygiene: flags\.yaml:6:5: [^\n]*duplicate/i],
  },
  {
    area: 'manifest',
    name: 'wrong types: one line per problem, each with its flag and field',
    files: { 'flags.yaml': oneFlag(...VALID_FIELDS, 'enabled: "yes"', 'rolloutPercentage: "50"', 'targetSegments: beta', 'killSwitch: 1') },
    args: CHECK,
    status: 2,
    stderr: [
      `flag-hygiene: ${at(6, 5)}: flag "checkout_v2", field "enabled": must be true or false, got the string "yes"`,
      /^flag-hygiene: flags\.yaml:7:5: flag "checkout_v2", field "rolloutPercentage": /,
      /^flag-hygiene: flags\.yaml:8:5: flag "checkout_v2", field "targetSegments": /,
      /^flag-hygiene: flags\.yaml:9:5: flag "checkout_v2", field "killSwitch": /,
    ],
  },
  {
    area: 'manifest',
    name: 'an impossible date (2026-02-30)',
    files: { 'flags.yaml': oneFlag('type: release', 'owner: web', 'createdAt: 2026-01-01', 'expiresAt: 2026-02-30') },
    args: CHECK,
    status: 2,
    stderr: [/^flag-hygiene: flags\.yaml:6:(5|16): flag "checkout_v2", field "expiresAt": [^\n]*2026-02-30/],
  },
  {
    area: 'manifest',
    name: 'rolloutPercentage 101',
    files: { 'flags.yaml': oneFlag(...VALID_FIELDS, 'rolloutPercentage: 101') },
    args: CHECK,
    status: 2,
    stderr: [`flag-hygiene: ${at(6, 5)}: flag "checkout_v2", field "rolloutPercentage": must be at most 100, got number 101`],
  },
  {
    area: 'manifest',
    name: 'an unknown type',
    files: { 'flags.yaml': oneFlag('type: rollout', 'owner: web', 'createdAt: 2026-01-01') },
    args: CHECK,
    status: 2,
    stderr: [/^flag-hygiene: flags\.yaml:3:(5|11): flag "checkout_v2", field "type": [^\n]*"release"/],
  },
  {
    area: 'manifest',
    name: 'a byte order mark: read as if it were not there',
    files: { 'flags.yaml': `\uFEFF${FLAGS_YAML}` },
    args: CHECK,
    status: 0,
    stderr: [],
    check: (result) => expect(result.stdout).toBe('flags.yaml: 2 flags, valid\n'),
  },
  {
    area: 'manifest',
    name: 'a byte order mark before an error: positions do not count it',
    files: { 'flags.yaml': `\uFEFF${oneFlag(...VALID_FIELDS, 'rolloutPercentage: 101')}` },
    args: CHECK,
    status: 2,
    stderr: [/^flag-hygiene: flags\.yaml:6:5: flag "checkout_v2", field "rolloutPercentage": /],
  },
  {
    area: 'manifest',
    name: 'CRLF line endings: read, and positions unchanged',
    files: { 'flags.yaml': oneFlag(...VALID_FIELDS, 'rolloutPercentage: 101').replace(/\n/g, '\r\n') },
    args: CHECK,
    status: 2,
    stderr: [/^flag-hygiene: flags\.yaml:6:5: flag "checkout_v2", field "rolloutPercentage": must be at most 100, got number 101$/],
  },
  {
    area: 'manifest',
    name: 'CRLF line endings in a valid manifest',
    files: { 'flags.yaml': FLAGS_YAML.replace(/\n/g, '\r\n') },
    args: ['report', '--no-cache', '--no-progress', '--format', 'json', '--fail-on', 'none'],
    status: 0,
    stderr: [],
    check: (result) =>
      expect((JSON.parse(result.stdout) as { flags: { key: string }[] }).flags.map((flag) => flag.key).sort()).toEqual([
        'new_checkout',
        'old_banner',
      ]),
  },
  {
    area: 'manifest',
    name: 'an empty file',
    files: { 'flags.yaml': '' },
    args: CHECK,
    status: 2,
    stderr: ['flag-hygiene: flags.yaml:1:1: the manifest is empty; expected a top-level "flags:" map'],
  },
  {
    area: 'manifest',
    name: 'a file that is only a byte order mark',
    files: { 'flags.yaml': '\uFEFF' },
    args: CHECK,
    status: 2,
    stderr: ['flag-hygiene: flags.yaml:1:1: the manifest is empty; expected a top-level "flags:" map'],
  },
  {
    area: 'manifest',
    name: 'a manifest of 50,000 flags is checked in seconds',
    files: { 'flags.yaml': manifestOf(50_000) },
    args: CHECK,
    status: 0,
    stderr: [],
    seconds: 10,
    check: (result) => expect(result.stdout).toBe('flags.yaml: 50000 flags, valid\n'),
  },
  {
    area: 'manifest',
    name: 'a YAML alias bomb is refused',
    files: {
      'flags.yaml': [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
        'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
        'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
        'flags: *f',
        '',
      ].join('\n'),
    },
    args: CHECK,
    status: 2,
    stderr: ['flag-hygiene: flags.yaml:1:1: uses YAML aliases more than 100 times; refused as a possible alias bomb'],
    seconds: 10,
  },
  {
    area: 'manifest',
    name: 'a YAML tag that would build code (!!js/function) is refused at the tag, naming the flag',
    files: {
      'flags.yaml': [
        'flags:',
        '  checkout_v2: !!js/function >',
        '    function () { return true }',
        '  other:',
        '    type: release',
        '',
      ].join('\n'),
    },
    args: CHECK,
    status: 2,
    // Today the position is where the parser noticed (4:3, the next key), and the flag is not named.
    stderr: [/^flag-hygiene: flags\.yaml:2:\d+: [^\n]*checkout_v2[^\n]*tag/],
  },
  {
    area: 'manifest',
    name: 'a manifest that does not exist',
    args: ['check-manifest', 'missing.yaml'],
    status: 2,
    stderr: ['flag-hygiene: missing.yaml: manifest not found'],
  },
  {
    area: 'manifest',
    name: 'two YAML documents (a trailing `---`): at the second one',
    files: { 'flags.yaml': `${FLAGS_YAML}---\n` },
    args: CHECK,
    status: 2,
    stderr: [`flag-hygiene: ${at(16, 1)}: ${SECOND_DOCUMENT}`],
  },
  {
    area: 'manifest',
    name: 'two YAML documents in a manifest with anchors: at the second one, and report stops with status 2',
    files: {
      'flags.yaml': ['flags:', '  checkout_v2: &flag', ...VALID_FIELDS.map((f) => `    ${f}`), '---', 'flags:', '  other: *flag', ''].join(
        '\n',
      ),
    },
    args: ['report', '--no-cache', '--no-progress'],
    status: 2,
    stderr: [`flag-hygiene: ${at(6, 1)}: ${SECOND_DOCUMENT}`],
  },
  {
    area: 'manifest',
    name: 'a manifest that is a link to /dev/zero: refused unread',
    arrange: (dir) => linkInPlace(dir, 'flags.yaml', '/dev/zero'),
    args: CHECK,
    status: 2,
    stderr: ['flag-hygiene: flags.yaml: the manifest is not a regular file (a device)'],
    seconds: 20,
  },
  {
    area: 'manifest',
    name: '--manifest naming a link to /dev/stdin: refused unread',
    arrange: (dir) => linkInPlace(dir, 'flags.yaml', '/dev/stdin'),
    args: ['report', '--no-cache', '--no-progress', '--manifest', 'flags.yaml'],
    status: 2,
    stderr: ['flag-hygiene: flags.yaml: the manifest is not a regular file (a socket)'],
    seconds: 20,
  },
  {
    area: 'manifest',
    name: 'the configured manifest is a link to /dev/stdin: outside the repository, refused unread',
    arrange: (dir) => linkInPlace(dir, 'flags.yaml', '/dev/stdin'),
    args: ['report', '--no-cache', '--no-progress'],
    status: 2,
    stderr: [
      (dir) =>
        `flag-hygiene: flag-hygiene.config.json:2:15: manifest "flags.yaml" is outside the repository ${dir} (symlinks followed); settings may only name a manifest inside it: pass --manifest on the command line for one elsewhere`,
    ],
  },
  {
    area: 'manifest',
    name: 'the configured manifest is a link to a pipe no one writes to: refused, not waited on',
    arrange: (dir) => linkInPlace(dir, 'flags.yaml', makePipe(dir)),
    args: ['report', '--no-cache', '--no-progress'],
    status: 2,
    stderr: ['flag-hygiene: flags.yaml: the manifest is not a regular file (a pipe)'],
    seconds: 20,
  },
  {
    area: 'manifest',
    name: 'a manifest larger than 32 MB: refused unread',
    arrange: (dir) => truncateSync(join(dir, 'flags.yaml'), 33 * 1024 * 1024),
    args: CHECK,
    status: 2,
    stderr: ['flag-hygiene: flags.yaml: the manifest is larger than 32 MB (33 MB)'],
  },
  {
    area: 'manifest',
    name: 'a broken manifest stops report with status 2 (the gate is not passed silently)',
    files: { 'flags.yaml': oneFlag(...VALID_FIELDS, 'rolloutPercentage: 101') },
    args: ['report', '--no-cache', '--no-progress'],
    status: 2,
    stderr: [/^flag-hygiene: flags\.yaml:6:5: flag "checkout_v2", field "rolloutPercentage": /],
  },
  {
    area: 'manifest',
    name: 'a broken manifest stops remove before anything is written',
    files: { 'flags.yaml': `${FLAGS_YAML}  broken:\n    type: rollout\n` },
    args: ['remove', 'old_banner', '--no-cache'],
    status: 2,
    stderr: [
      'flag-hygiene: flags.yaml:16:3: flag "broken", field "owner": is required',
      'flag-hygiene: flags.yaml:16:3: flag "broken", field "createdAt": is required',
      /^flag-hygiene: flags\.yaml:17:5: flag "broken", field "type": must be one of "release", /,
    ],
  },

  // ── Sources ─────────────────────────────────────────────────────────────────────────────────
  {
    area: 'source',
    name: 'a syntax error: a warning with file, line and column; the other files still scanned',
    files: {
      'src/half-written.ts':
        "import { flags } from './flags';\n\nexport function pay() {\n  if (flags.get('express_pay')?.enabled {\n    return 1;\n  }\n}\n",
    },
    args: SCAN,
    status: 0,
    stderr: [],
    warnings: [/^src\/half-written\.ts:4:41 does not parse: /],
  },
  {
    area: 'source',
    name: 'an empty file',
    files: { 'src/empty.ts': '' },
    args: SCAN,
    status: 0,
    stderr: [],
    warnings: [],
  },
  {
    area: 'source',
    name: 'a file that is only a byte order mark',
    files: { 'src/bom-only.ts': '\uFEFF' },
    args: SCAN,
    status: 0,
    stderr: [],
    warnings: [],
  },
  {
    area: 'source',
    name: 'invalid UTF-8 (Latin-1 text): skipped with a note',
    files: {
      'src/greeting.ts': Buffer.concat([
        Buffer.from("import { flags } from './flags';\nexport const g = 'Caf"),
        Buffer.from([0xe9]),
        Buffer.from("' + flags.get('formal');\n"),
      ]),
    },
    args: SCAN,
    status: 0,
    stderr: [],
    warnings: [],
    notScanned: ['src/greeting.ts is not valid UTF-8'],
  },
  {
    area: 'source',
    name: 'binary data with a .ts name: skipped with a note',
    files: {
      'src/logo.ts': Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x01,
      ]),
    },
    args: SCAN,
    status: 0,
    stderr: [],
    warnings: [],
    notScanned: ['src/logo.ts is binary (contains NUL bytes)'],
  },
  {
    area: 'source',
    name: 'a 20 MB minified bundle: skipped with a note, not parsed (its flag check is not counted)',
    files: { 'src/vendor/bundle.min.js': minifiedBundle() },
    args: SCAN,
    status: 0,
    stderr: [],
    warnings: [],
    notScanned: [/^src\/vendor\/bundle\.min\.js is larger than 2 MB \(20\.\d MB\)/],
    seconds: 20,
  },
  {
    area: 'source',
    name: 'a minified file under 2 MB (one 20,000-character line): skipped with a note',
    files: { 'src/vendor/widget.min.js': `import{flags as f}from"./flags";${'var a=1;'.repeat(2_500)}f.get("widget");\n` },
    args: SCAN,
    status: 0,
    stderr: [],
    warnings: [],
    notScanned: ['src/vendor/widget.min.js looks minified (a line longer than 5000 characters)'],
  },
  ...(
    [
      ['a line of code over 5,000 characters', `${'var a=1;'.repeat(700)}\n`, 'looks minified (a line longer than 5000 characters)'],
      ['a run of NUL bytes', `// ${'\u0000'.repeat(8)}\n`, 'is binary (contains NUL bytes)'],
      ['invalid UTF-8', Buffer.from([0x2f, 0x2f, 0x20, 0xff, 0x0a]), 'is not valid UTF-8'],
    ] as const
  ).map(([what, spoiler, reason]): Row => ({
    area: 'source',
    name: `${what} hides an undeclared flag from the scan: listed as not scanned, and report --fail-on skipped fails`,
    files: {
      'src/hidden.ts': Buffer.concat([
        Buffer.from("import { flags } from './flags';\nexport const hidden = flags.get('not_in_manifest');\n"),
        Buffer.from(spoiler),
      ]),
    },
    args: ['report', '--no-cache', '--no-progress', '--fail-on', 'undeclared,skipped'],
    status: 1,
    stderr: [],
    check: (result) => {
      expect(result.stdout).toContain(`\nNot scanned (1)\n  ✖ src/hidden.ts ${reason}\n`);
      expect(result.stdout).toMatch(
        /\n✖ \d+ flags? ready for removal, \d+ hygiene errors?, 1 not scanned; 1 finding fail --fail-on undeclared,skipped\n$/,
      );
    },
  })),
  {
    area: 'source',
    name: 'a skipped file with the default --fail-on: listed as not scanned, the gate passes',
    files: {
      'src/hidden.ts': `import { flags } from './flags';\nexport const hidden = flags.get('not_in_manifest');\n// ${'\u0000'.repeat(8)}\n`,
    },
    args: ['report', '--no-cache', '--no-progress'],
    status: 0,
    stderr: [],
    check: (result) => expect(result.stdout).toContain('\nNot scanned (1)\n  ● src/hidden.ts is binary (contains NUL bytes)\n'),
  },
  {
    area: 'source',
    name: 'a symlink loop (a folder linked to its parent) and a link to itself',
    arrange: (dir) => {
      symlinkSync('..', join(dir, 'src/loop'), 'dir');
      symlinkSync('self.ts', join(dir, 'src/self.ts'));
    },
    args: SCAN,
    status: 0,
    stderr: [],
    warnings: [],
    seconds: 20,
  },
  {
    area: 'source',
    name: 'an unreadable file (mode 000): skipped with a note (root reads it anyway)',
    files: { 'src/secrets.ts': "import { flags } from './flags';\nexport const vault = flags.get('vault');\n" },
    arrange: (dir) => chmodSync(join(dir, 'src/secrets.ts'), 0o000),
    args: SCAN,
    status: 0,
    stderr: [],
    warnings: [],
    notScanned: (dir) => (readsDespiteMode(join(dir, 'src/secrets.ts')) ? [] : ['src/secrets.ts cannot be read (EACCES)']),
  },

  // ── Settings ────────────────────────────────────────────────────────────────────────────────
  {
    area: 'settings',
    name: 'an unknown field',
    files: { 'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', colour: 'blue' }) },
    args: SCAN,
    status: 2,
    stderr: ['flag-hygiene: flag-hygiene.config.json:1:26: colour unknown field'],
  },
  {
    area: 'settings',
    name: 'a pattern that does not parse',
    files: { 'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', accessors: ['flags.get('] }) },
    args: SCAN,
    status: 2,
    stderr: [/^flag-hygiene: flag-hygiene\.config\.json:1:39: accessors\[0\] "flags\.get\(" does not parse as code: /],
  },
  {
    area: 'settings',
    name: 'a pattern without $KEY',
    files: { 'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', accessors: ['flags.get(key)'] }) },
    args: SCAN,
    status: 2,
    stderr: ['flag-hygiene: flag-hygiene.config.json:1:39: accessors[0] "flags.get(key)" has no $KEY: mark where the flag key is'],
  },
  {
    area: 'settings',
    name: '`today` that is not a date',
    files: { 'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', today: 'tomorrow' }) },
    args: SCAN,
    status: 2,
    stderr: ['flag-hygiene: flag-hygiene.config.json:1:34: today must be a date written YYYY-MM-DD, got the string "tomorrow"'],
  },
  {
    area: 'settings',
    name: '`today` that is an impossible date',
    files: { 'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', today: '2026-02-30' }) },
    args: SCAN,
    status: 2,
    stderr: ['flag-hygiene: flag-hygiene.config.json:1:34: today must be a real date written YYYY-MM-DD, got "2026-02-30"'],
  },
  {
    area: 'settings',
    name: 'FLAG_HYGIENE_TODAY that is not a date',
    args: SCAN,
    env: { FLAG_HYGIENE_TODAY: 'nope' },
    status: 2,
    stderr: ['flag-hygiene: FLAG_HYGIENE_TODAY must be a real date written YYYY-MM-DD, got "nope"'],
  },
  {
    area: 'settings',
    name: 'a config file that is not JSON: its position',
    files: { 'flag-hygiene.config.json': '{\n  "manifest": "flags.yaml",\n}\n' },
    args: SCAN,
    status: 2,
    stderr: ['flag-hygiene: flag-hygiene.config.json:3:1: not valid JSON: a comma before "}": JSON allows none'],
  },
  {
    area: 'settings',
    name: 'a config file that is a link to /dev/zero: refused unread',
    arrange: (dir) => linkInPlace(dir, 'flag-hygiene.config.json', '/dev/zero'),
    args: SCAN,
    status: 2,
    stderr: ['flag-hygiene: flag-hygiene.config.json: the config file is not a regular file (a device)'],
    seconds: 20,
  },
  {
    area: 'settings',
    name: 'a tsconfig.json that is a link to /dev/zero: read as no tsconfig, the scan goes on',
    files: ALIASED_IMPORT,
    arrange: (dir) => symlinkSync('/dev/zero', join(dir, 'tsconfig.json')),
    args: SCAN,
    status: 0,
    stderr: [],
    warnings: [],
    check: (result) =>
      expect((JSON.parse(result.stdout) as Inventory).references.map((reference) => reference.file)).toContain('src/aliased.ts'),
    seconds: 20,
  },
  {
    area: 'settings',
    name: 'a tsconfig.json extending a link to a pipe no one writes to: not read, the scan goes on',
    files: {
      ...ALIASED_IMPORT,
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { paths: { '@app/*': ['./src/*'] } } }),
    },
    arrange: (dir) => symlinkSync(makePipe(dir), join(dir, 'tsconfig.base.json')),
    args: SCAN,
    status: 0,
    stderr: [],
    warnings: [],
    check: (result) =>
      expect((JSON.parse(result.stdout) as Inventory).references.map((reference) => reference.file)).toContain('src/aliased.ts'),
    seconds: 20,
  },
  {
    area: 'settings',
    name: '--types with a tsconfig.json that is a link to a pipe no one writes to: refused, not waited on',
    files: {
      'src/typed.ts':
        "import { flags } from './flags';\n\nfunction key(): 'typed_flag' {\n  return 'typed_flag';\n}\n\nexport const typed = flags.get(key());\n",
    },
    arrange: (dir) => symlinkSync(makePipe(dir), join(dir, 'tsconfig.json')),
    args: [...SCAN, '--types'],
    status: 2,
    stderr: ['flag-hygiene: tsconfig.json: --types: cannot load the TypeScript project (the file is not a regular file (a pipe))'],
    seconds: 30,
  },
  {
    area: 'settings',
    name: '--types with a tsconfig.json extending a link to /dev/zero: refused, not read',
    files: {
      'src/typed.ts':
        "import { flags } from './flags';\n\nfunction key(): 'typed_flag' {\n  return 'typed_flag';\n}\n\nexport const typed = flags.get(key());\n",
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json' }),
    },
    arrange: (dir) => symlinkSync('/dev/zero', join(dir, 'tsconfig.base.json')),
    args: [...SCAN, '--types'],
    status: 2,
    stderr: [
      (dir) =>
        `flag-hygiene: tsconfig.json: --types: cannot load the TypeScript project (Cannot read file '${join(dir, 'tsconfig.base.json')}'.)`,
    ],
    seconds: 30,
  },
  {
    area: 'settings',
    name: 'an unknown preset and a negative policy value: one line each',
    files: {
      'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', presets: ['seedy'], policy: { releaseMaxAgeDays: -1 } }),
    },
    args: SCAN,
    status: 2,
    stderr: [
      /^flag-hygiene: flag-hygiene\.config\.json:1:37: presets\[0\] must be one of /,
      'flag-hygiene: flag-hygiene.config.json:1:76: policy.releaseMaxAgeDays must be at least 0, got number -1',
    ],
  },

  ...(
    [
      ['../shared/**/*.ts', "reaches outside the config file's folder (a '..' segment); include globs stay inside it"],
      ['src/../../shared/*.ts', "reaches outside the config file's folder (a '..' segment); include globs stay inside it"],
      ['{..,src}/**/*.ts', "reaches outside the config file's folder (a '..' segment); include globs stay inside it"],
      ['/etc/**', "is an absolute path; include globs are relative to the config file's folder and stay inside it"],
    ] as const
  ).map(([glob, problem]): Row => ({
    area: 'settings',
    name: `an include glob outside the root: ${glob}`,
    files: { 'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', include: [glob] }) },
    args: SCAN,
    status: 2,
    stderr: [`flag-hygiene: flag-hygiene.config.json:1:37: include[0] ${JSON.stringify(glob)} ${problem}`],
  })),
  {
    area: 'settings',
    name: 'a problem in a config file written over several lines: its line and column',
    files: {
      'flag-hygiene.config.json': `${JSON.stringify({ manifest: 'flags.yaml', accessors: ['flags.get($KEY)', { pattern: 'flags.is(key)' }] }, null, 2)}\n`,
    },
    args: SCAN,
    status: 2,
    stderr: ['flag-hygiene: flag-hygiene.config.json:6:18: accessors[1] "flags.is(key)" has no $KEY: mark where the flag key is'],
  },

  // ── CLI ─────────────────────────────────────────────────────────────────────────────────────
  {
    area: 'cli',
    name: 'an unknown command',
    args: ['frobnicate'],
    status: 2,
    stderr: ["flag-hygiene: unknown command 'frobnicate' (see 'flag-hygiene --help')"],
  },
  {
    area: 'cli',
    name: 'an unknown option',
    args: ['--frobnicate'],
    status: 2,
    stderr: ["flag-hygiene: unknown option '--frobnicate' (see 'flag-hygiene --help')"],
  },
  {
    area: 'cli',
    name: 'an unknown option of a command',
    args: ['scan', '--frobnicate'],
    status: 2,
    stderr: ["flag-hygiene: scan: unknown option '--frobnicate' (see 'flag-hygiene scan --help')"],
  },
  {
    area: 'cli',
    name: 'a missing argument',
    args: ['remove'],
    status: 2,
    stderr: ["flag-hygiene: remove: missing argument: <key> (see 'flag-hygiene remove --help')"],
  },
  {
    area: 'cli',
    name: 'a missing option value',
    args: ['scan', '--config'],
    status: 2,
    stderr: ["flag-hygiene: scan: option '--config' needs a value (see 'flag-hygiene scan --help')"],
  },
  {
    area: 'cli',
    name: 'a missing option value followed by another option',
    args: ['scan', '--config', '--no-progress'],
    status: 2,
    stderr: ["flag-hygiene: scan: option '--config' needs a value (see 'flag-hygiene scan --help')"],
  },
  {
    area: 'cli',
    name: 'an empty option value',
    args: ['report', '--manifest='],
    status: 2,
    stderr: ["flag-hygiene: report: option '--manifest' needs a value (see 'flag-hygiene report --help')"],
  },
  {
    area: 'cli',
    name: 'an extra argument',
    args: ['check-manifest', 'a.yaml', 'b.yaml'],
    status: 2,
    stderr: ["flag-hygiene: check-manifest: unexpected argument 'b.yaml' (see 'flag-hygiene check-manifest --help')"],
  },
  {
    area: 'cli',
    name: 'a bad option value',
    args: ['report', '--format', 'xml'],
    status: 2,
    stderr: ["flag-hygiene: report: --format must be one of text, json, markdown, sarif, github, got 'xml'"],
  },
  {
    area: 'cli',
    name: 'an unknown --fail-on code',
    args: ['report', '--fail-on', 'bogus', '--no-cache'],
    status: 2,
    stderr: [/^flag-hygiene: report: --fail-on: unknown code 'bogus'; use none or a comma-separated list of /],
  },
  {
    area: 'cli',
    name: 'an impossible --today',
    args: ['report', '--today', '2026-02-30', '--no-cache'],
    status: 2,
    stderr: ['flag-hygiene: --today must be a real date written YYYY-MM-DD, got "2026-02-30"'],
  },
  {
    area: 'cli',
    name: 'a shard out of range',
    args: ['scan', '--shard', '4/3', '--no-cache'],
    status: 2,
    stderr: ["flag-hygiene: --shard must be i/n with 1 <= i <= n <= 1000, got '4/3'"],
  },
  ...['-1/2', '0/2', '3/2', '1/0', '1.5/2', '1/99999999999'].map((shard): Row => ({
    area: 'cli',
    name: `an absurd shard: ${shard}`,
    args: ['scan', '--shard', shard, '--no-cache'],
    status: 2,
    stderr: [`flag-hygiene: --shard must be i/n with 1 <= i <= n <= 1000, got '${shard}'`],
  })),
  {
    area: 'cli',
    name: '--fail-on with commas but no code is not --fail-on none',
    args: ['report', '--fail-on', ',', '--no-cache'],
    status: 2,
    stderr: [/^flag-hygiene: report: --fail-on ',' names no code; use none to fail on nothing, or a comma-separated list of expired, /],
  },
  {
    area: 'cli',
    name: '--output to a folder',
    args: ['report', '--no-cache', '--no-progress', '--fail-on', 'none', '--output', 'src'],
    status: 2,
    stderr: ['flag-hygiene: src: cannot write the output: it is a folder (EISDIR)'],
  },
  {
    area: 'cli',
    name: '--output to a full disk (/dev/full)',
    args: ['scan', '--no-cache', '--no-progress', '--output', '/dev/full'],
    status: 2,
    stderr: ['flag-hygiene: /dev/full: cannot write the output: no space left on the device (ENOSPC)'],
  },
  ...(
    [
      [
        'not JSON',
        'not an inventory\n',
        'flag-hygiene: inv.json:1:1: not a JSON inventory: expected a value (a string in double quotes, a number, true, false, null, an object or a list)',
      ],
      ['a JSON array', '[]\n', 'flag-hygiene: inv.json: not an inventory written by `flag-hygiene scan --format json`'],
      ['JSON null', 'null\n', 'flag-hygiene: inv.json: not an inventory written by `flag-hygiene scan --format json`'],
      [
        'no references',
        '{"version":1,"nestings":[]}',
        'flag-hygiene: inv.json:1:1: not an inventory written by `flag-hygiene scan --format json`: missing required field "references"',
      ],
      [
        'a reference with a field of the wrong type',
        '{"version":1,"references":[{"key":1,"file":"src/a.ts","line":3,"column":1,"test":false,"dynamic":false,"via":"flags.get($KEY)","role":"evaluate","endLine":3,"endColumn":9}],"nestings":[]}',
        'flag-hygiene: inv.json:1:35: references[0].key must be a string, got number 1',
      ],
      [
        'a reference that is null',
        '{"version":1,"references":[null],"nestings":[]}',
        'flag-hygiene: inv.json:1:28: references[0] must be an object, got null',
      ],
      [
        'another version',
        '{"version":2,"references":[],"nestings":[]}',
        'flag-hygiene: inv.json: inventory version 2 is not one this flag-hygiene reads (version 1): scan again with this version',
      ],
      [
        'a line number too large for JSON (Infinity)',
        '{"version":1,"references":[{"key":"x","file":"src/a.ts","line":1e999,"column":1,"test":false,"dynamic":false,"via":"flags.get($KEY)","role":"evaluate","endLine":3,"endColumn":9}],"nestings":[]}',
        'flag-hygiene: inv.json:1:64: references[0].line must be a whole number, got number Infinity',
      ],
      [
        'a count past exact numbers',
        '{"version":1,"references":[],"nestings":[],"stats":{"files":1e300,"analysed":0,"skipped":0}}',
        'flag-hygiene: inv.json:1:61: stats.files must be at most 9007199254740991, got number 1e+300',
      ],
      [
        'an empty file',
        '',
        'flag-hygiene: inv.json: the file is empty; expected an inventory written by `flag-hygiene scan --format json`',
      ],
    ] as const
  ).map(([what, content, stderr]): Row => ({
    area: 'cli',
    name: `a malformed inventory: ${what}`,
    files: { 'inv.json': content },
    args: ['report', '--inventory', 'inv.json'],
    status: 2,
    stderr: [stderr],
  })),
  {
    area: 'cli',
    name: 'a malformed inventory: a folder',
    arrange: (dir) => mkdirSync(join(dir, 'inv.json')),
    args: ['report', '--inventory', 'inv.json'],
    status: 2,
    stderr: ['flag-hygiene: inv.json: the inventory is not a regular file (a folder)'],
  },
  {
    area: 'cli',
    name: 'a path that does not exist',
    args: ['scan', 'src/nope', '--no-cache'],
    status: 2,
    stderr: ['flag-hygiene: src/nope: no such file or folder'],
  },
  {
    area: 'cli',
    name: 'a config file that does not exist',
    args: ['scan', '--config', 'nope.json', '--no-cache'],
    status: 2,
    stderr: ['flag-hygiene: nope.json: config file not found'],
  },
  {
    area: 'cli',
    name: 'a manifest that does not exist',
    args: ['report', '--manifest', 'nope.yaml', '--no-cache'],
    status: 2,
    stderr: ['flag-hygiene: nope.yaml: manifest not found'],
  },
  {
    area: 'cli',
    name: 'an inventory that does not exist',
    args: ['report', '--inventory', 'nope.json'],
    status: 2,
    stderr: ['flag-hygiene: nope.json: the inventory does not exist'],
  },
  {
    area: 'cli',
    name: 'an inventory that is a pipe no one writes to: refused, not waited on',
    arrange: makePipe,
    args: ['report', '--inventory', PIPE],
    status: 2,
    stderr: [`flag-hygiene: ${PIPE}: the inventory is not a regular file (a pipe)`],
    seconds: 20,
  },
  {
    area: 'cli',
    name: 'removing a flag no one knows',
    args: ['remove', 'no_such_flag', '--no-cache'],
    status: 2,
    stderr: ['flag-hygiene: remove: no flag "no_such_flag" in the manifest or the code'],
  },
];

/** At most two binaries at a time (a CI runner has two cores; the timed rows run alone). */
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(run: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await run();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** runBin (test/helpers/run-bin.ts), without blocking, so rows can run side by side. */
function runBinConcurrently(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<BinResult> {
  return slot(
    () =>
      new Promise((resolve, reject) => {
        // Killed before the test times out: a read that waits (see PIPE) fails the row, not the run.
        const child = spawn(process.execPath, [BIN, ...args], {
          cwd: options.cwd,
          env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
          timeout: 50_000,
          killSignal: 'SIGKILL',
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      }),
  );
}

/** Every file of a folder with its content, to tell that nothing changed. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isSymbolicLink()) files.set(relative(dir, path), '<link>');
      else if (entry.isFIFO()) files.set(relative(dir, path), '<pipe>');
      else if (entry.isDirectory()) walk(path);
      else
        files.set(
          relative(dir, path),
          readsDespiteMode(path) ? readFileSync(path, 'latin1') : `<unreadable, mode ${(statSync(path).mode & 0o777).toString(8)}>`,
        );
    }
  };
  walk(dir);
  return files;
}

function warningLine(warning: Inventory['warnings'][number]): string {
  return `${warning.file}${warning.line === undefined ? '' : `:${warning.line}:${warning.column}`} ${warning.message}`;
}

const folders: FixtureCopy[] = [];
afterAll(() => {
  for (const folder of folders) {
    // Unreadable files would stop the cleanup where the user is not root.
    try {
      chmodSync(join(folder.dir, 'src/secrets.ts'), 0o644);
    } catch {
      // not every row has one
    }
    folder.cleanup();
  }
});

describe('bad input: a clear error naming file and position, a non-zero status where it is fatal, nothing lost', () => {
  it('the table covers every case of the issue', () => {
    const names = ROWS.map((row) => `${row.area}: ${row.name}`).join('\n');
    for (const expected of [
      /manifest: malformed YAML/,
      /manifest: a duplicate flag key/,
      /manifest: wrong types/,
      /manifest: an impossible date \(2026-02-30\)/,
      /manifest: rolloutPercentage 101/,
      /manifest: an unknown type/,
      /manifest: a byte order mark/,
      /manifest: CRLF/,
      /manifest: an empty file/,
      /manifest: a manifest of 50,000 flags/,
      /manifest: a YAML alias bomb/,
      /manifest: two YAML documents \(a trailing `---`\)/,
      /manifest: a manifest that is a link to \/dev\/zero/,
      /manifest: the configured manifest is a link to a pipe no one writes to/,
      /manifest: a manifest larger than 32 MB/,
      /settings: a config file that is a link to \/dev\/zero/,
      /settings: a tsconfig\.json that is a link to \/dev\/zero/,
      /settings: a tsconfig\.json extending a link to a pipe/,
      /source: a syntax error/,
      /source: an empty file/,
      /source: a file that is only a byte order mark/,
      /source: invalid UTF-8/,
      /source: binary data with a \.ts name/,
      /source: a 20 MB minified bundle/,
      /source: a symlink loop/,
      /source: an unreadable file/,
      /source: a line of code over 5,000 characters hides an undeclared flag/,
      /source: a run of NUL bytes hides an undeclared flag/,
      /source: invalid UTF-8 hides an undeclared flag/,
      /settings: an unknown field/,
      /settings: a pattern that does not parse/,
      /settings: `today` that is not a date/,
      /cli: an unknown command/,
      /cli: an unknown option/,
      /cli: a missing argument/,
      /cli: a path that does not exist/,
      /cli: an absurd shard: -1\/2/,
      /cli: an absurd shard: 0\/2/,
      /cli: an absurd shard: 3\/2/,
      /cli: an absurd shard: 1\/0/,
      /cli: an absurd shard: 1\.5\/2/,
      /cli: an absurd shard: 1\/99999999999/,
      /cli: --fail-on with commas but no code/,
      /cli: --output to a folder/,
      /cli: --output to a full disk/,
      /cli: a malformed inventory: not JSON/,
      /cli: a malformed inventory: a JSON array/,
      /cli: a malformed inventory: no references/,
      /cli: a malformed inventory: a reference with a field of the wrong type/,
      /cli: a malformed inventory: another version/,
      /cli: a malformed inventory: a line number too large/,
      /cli: a malformed inventory: an empty file/,
      /cli: a malformed inventory: a folder/,
      /settings: an include glob outside the root: \.\.\//,
      /settings: an include glob outside the root: \/etc/,
    ]) {
      expect(names).toMatch(expected);
    }
  });

  const title = (row: Row) => [`${row.area}: ${row.name}`, row] as const;
  it.concurrent.each(ROWS.filter((row) => row.seconds === undefined).map(title))('%s', (_name, row) => runRow(row), 60_000);
  // Rows with a time limit run one at a time, after the others, so the time is theirs alone.
  describe('timed', () => {
    it.each(ROWS.filter((row) => row.seconds !== undefined).map(title))('%s', (_name, row) => runRow(row), 60_000);
  });
});

/** Runs one row in a fresh copy of the base project and checks it. */
async function runRow(row: Row): Promise<void> {
  const folder = temporaryDir('bad-input');
  folders.push(folder);
  const dir = folder.dir;
  for (const [path, content] of Object.entries({ ...BASE_FILES, ...row.files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  row.arrange?.(dir);
  const before = snapshot(dir);

  const started = performance.now();
  const result = await runBinConcurrently(row.args, { cwd: dir, ...(row.env === undefined ? {} : { env: row.env }) });
  const seconds = (performance.now() - started) / 1000;
  if (row.seconds !== undefined) console.log(`${row.area}: ${row.name}: ${seconds.toFixed(2)} s (limit ${row.seconds} s)`);

  expect({ status: result.status, stderr: result.stderr }).toEqual({
    status: row.status,
    stderr: row.stderr.length === 0 ? '' : expect.any(String),
  });
  const lines = result.stderr === '' ? [] : result.stderr.replace(/\n$/, '').split('\n');
  expect(lines).toEqual(
    row.stderr.map((line) => (typeof line === 'string' ? line : typeof line === 'function' ? line(dir) : expect.stringMatching(line))),
  );
  expect(result.stderr).not.toMatch(/internal error|^\s+at |\n\s+at /);
  if (row.status === 2) expect(result.stdout).toBe('');

  if (row.warnings !== undefined) {
    const inventory = JSON.parse(result.stdout) as Inventory;
    const lines = (expected: NonNullable<Row['warnings']>) =>
      (typeof expected === 'function' ? expected(dir) : expected).map((line) =>
        typeof line === 'string' ? line : expect.stringMatching(line),
      );
    expect(inventory.warnings.map(warningLine)).toEqual(lines(row.warnings));
    expect(inventory.skipped.map((entry) => `${entry.file} ${entry.reason}`)).toEqual(lines(row.notScanned ?? []));
    // Nothing lost: the project's own references are all still found.
    const found = inventory.references.map((reference) => `${reference.file}:${reference.line}:${reference.column} ${reference.key}`);
    expect(found).toEqual(expect.arrayContaining(BASE_REFERENCES));
    // What was skipped was not parsed: none of its flag checks is counted.
    const skipped = inventory.skipped.map((entry) => entry.file);
    expect(inventory.references.filter((reference) => skipped.includes(reference.file))).toEqual([]);
  }
  row.check?.(result, dir);
  // Nothing lost: no command here writes (no cache, dry runs, errors before writing).
  expect(snapshot(dir)).toEqual(before);
  if (row.seconds !== undefined) expect(seconds).toBeLessThan(row.seconds);
}

describe('ESLint never crashes on a bad manifest: it says so once, and the rules that need none still run', () => {
  const NESTED_TS = [
    "import { flags } from './flags';",
    '',
    'export function pay(): number {',
    "  if (flags.get('new_checkout')?.enabled) {",
    "    if (flags.get('old_banner')?.enabled) return 2;",
    '    return 1;',
    '  }',
    '  return 0;',
    '}',
    '',
  ].join('\n');

  it.each([
    ['two YAML documents (a trailing `---`)', `${FLAGS_YAML}---\n`, `flags.yaml:16:1: ${SECOND_DOCUMENT}`],
    [
      'two YAML documents, with anchors',
      ['flags:', '  checkout_v2: &flag', ...VALID_FIELDS.map((f) => `    ${f}`), '---', 'other: *flag', ''].join('\n'),
      `flags.yaml:6:1: ${SECOND_DOCUMENT}`,
    ],
  ])('%s', async (_name, manifest, problem) => {
    const folder = temporaryDir('bad-input-eslint');
    folders.push(folder);
    const dir = folder.dir;
    writeFileSync(join(dir, 'flags.yaml'), manifest);
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/pay.ts'), NESTED_TS);
    writeFileSync(join(dir, 'src/banner.ts'), BASE_FILES['src/banner.ts']!);
    const config: Linter.Config = {
      ...(plugin.configs.all as unknown as Linter.Config),
      languageOptions: { parser: tsParser as unknown as Linter.Parser },
      settings: { 'flag-hygiene': { manifest: 'flags.yaml', today: TODAY } },
    };
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [config], ignore: false });
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const messages = results.flatMap((result) => result.messages.map((message) => ({ file: relative(dir, result.filePath), ...message })));
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    // Once per rule that needs the manifest, on the first file linted; always the same text. Which
    // of the two files ESLint lints first is its own affair (it varies from run to run).
    const configuration = messages.filter((message) => message.messageId === 'configuration');
    const places = new Set(configuration.map((message) => `${message.file}:${message.line} ${message.message}`));
    expect(places.size).toBe(1);
    expect(
      ['src/banner.ts', 'src/pay.ts'].map((file) => `${file}:1 flag-hygiene cannot check this project: ${join(dir, problem)}`),
    ).toContain([...places][0]);
    // no-nested-flags needs no manifest: the inner check (line 5) is still reported.
    expect(
      messages
        .filter((message) => message.ruleId === 'flag-hygiene/no-nested-flags')
        .map((message) => `${message.file}:${message.line}:${message.column}`),
    ).toEqual(['src/pay.ts:5:9']);
  });
});
