import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { InventorySkipped, InventoryWarning } from '../../src/scanner/inventory.js';
import { runBin } from '../helpers/run-bin.js';
import {
  copyFixture,
  evaluation,
  fixtureDir,
  readsDespiteMode,
  referenceRows,
  scanDir,
  scanFixture,
  VIA,
  type FixtureCopy,
  type ReferenceRow,
} from '../helpers/scanner-fixtures.js';

/*
 * Bad inputs in a real checkout never stop a scan: a file that does not parse is a warning with
 * its file and line; minified, huge, binary and non-UTF-8 files are listed as not scanned; symlink
 * loops and unreadable files are survived. Each case is added to a copy of fixtures/resolution,
 * whose own references must all still be found.
 */

const BASE = 'resolution';
/** fixtures/resolution's included files (its own test checks them). */
const BASE_FILES = 16;

let baseReferences: ReferenceRow[];

beforeAll(async () => {
  baseReferences = referenceRows((await scanFixture(BASE)).inventory.references);
});

const copies: FixtureCopy[] = [];

afterEach(() => {
  for (const copy of copies.splice(0)) copy.cleanup();
});

function write(dir: string, path: string, content: string | Buffer): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

/** A generated catalogue just over 2 MB: short lines, one flag check near the top. */
function hugeSource(): string {
  const lines = [
    "import { flags } from '../flags/store';",
    '',
    "export const showCatalog = flags.get('catalog_v2')?.enabled ?? false;",
    'export const catalog = [',
  ];
  let size = lines.join('\n').length;
  for (let sku = 0; size <= 2 * 1024 * 1024; sku++) {
    const line = `  { sku: 'SKU-${String(sku).padStart(7, '0')}', priceCents: ${1000 + (sku % 9000)} },`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push('];', '');
  return lines.join('\n');
}

/** A minified bundle: one line of 20,000 characters with a flag check in it. */
function minifiedSource(): string {
  const head = 'import{flags as f}from"../flags/store";export function w(){if(f.get("widget_v2")?.enabled)return 1;';
  const filler = Array.from({ length: 2000 }, (_, i) => `var a${i}=${i};`).join('');
  return (head + filler).slice(0, 19_990) + 'return 0}\n';
}

interface BadInput {
  name: string;
  arrange(dir: string): void;
  /** Warnings the scan must give, exactly. */
  warnings: (Omit<InventoryWarning, 'message'> & { message: string | RegExp })[];
  /** What the scan must list as not scanned, exactly. */
  notScanned?: (Omit<InventorySkipped, 'reason'> & { reason: string | RegExp })[];
  /** References the case adds to the base fixture's. */
  found?: ReferenceRow[];
  /** Files the scan counts beyond the base fixture's. */
  extraFiles: number;
  /** Files skipped unread (not a parse failure). */
  skipped: number;
}

const CASES: BadInput[] = [
  {
    name: 'a file with a syntax error: a warning with its file and line, the other files still scanned',
    arrange: (dir) =>
      write(
        dir,
        'src/checkout/half-written.ts',
        [
          "import { flags } from '../flags/store';",
          '',
          'export function expressPayEnabled(): boolean {',
          "  if (flags.get('express_pay')?.enabled {",
          '    return true;',
          '  }',
          '  return false;',
          '}',
          '',
        ].join('\n'),
      ),
    warnings: [{ file: 'src/checkout/half-written.ts', line: 4, column: 41, message: /^does not parse: / }],
    extraFiles: 1,
    skipped: 0,
  },
  {
    name: 'an empty file',
    arrange: (dir) => write(dir, 'src/empty.ts', ''),
    warnings: [],
    extraFiles: 1,
    skipped: 0,
  },
  {
    name: 'a file that is only a byte order mark',
    arrange: (dir) => write(dir, 'src/bom-only.ts', '\uFEFF'),
    warnings: [],
    extraFiles: 1,
    skipped: 0,
  },
  {
    name: 'a file starting with a byte order mark: positions do not count it',
    arrange: (dir) =>
      write(dir, 'src/banner.ts', "\uFEFFimport { flags } from './flags/store';\nexport const banner = flags.get('holiday_banner');\n"),
    warnings: [],
    found: [evaluation('src/banner.ts', 2, 33, 'holiday_banner', VIA.get)],
    extraFiles: 1,
    skipped: 0,
  },
  {
    name: 'a file that is not UTF-8 (Latin-1): skipped with a note',
    arrange: (dir) =>
      write(
        dir,
        'src/greeting.ts',
        Buffer.concat([
          Buffer.from("import { flags } from './flags/store';\nexport const greeting = 'Caf"),
          Buffer.from([0xe9]),
          Buffer.from("';\nexport const formal = flags.get('formal_greeting');\n"),
        ]),
      ),
    warnings: [],
    notScanned: [{ file: 'src/greeting.ts', reason: 'is not valid UTF-8' }],
    extraFiles: 1,
    skipped: 1,
  },
  {
    name: 'binary data with a .ts name: skipped with a note',
    arrange: (dir) =>
      write(
        dir,
        'src/logo.ts',
        Buffer.from([
          0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00, 0x00,
          0x00, 0x01, 0x00, 0x08, 0x06,
        ]),
      ),
    warnings: [],
    notScanned: [{ file: 'src/logo.ts', reason: 'is binary (contains NUL bytes)' }],
    extraFiles: 1,
    skipped: 1,
  },
  {
    // Issue 16 item 10: one NUL is no proof of binary data; the file parses, so it is scanned.
    name: 'one NUL byte inside a template literal: scanned, its flag check counted',
    arrange: (dir) =>
      write(
        dir,
        'src/separator.ts',
        "import { flags } from './flags/store';\nexport const separator = `a\u0000b`;\nexport const formal = flags.get('formal_greeting');\n",
      ),
    warnings: [],
    found: [evaluation('src/separator.ts', 3, 33, 'formal_greeting', VIA.get)],
    extraFiles: 1,
    skipped: 0,
  },
  {
    name: 'a file over 2 MB: skipped with a note, its flag check not counted',
    arrange: (dir) => write(dir, 'src/catalog/catalog-data.ts', hugeSource()),
    warnings: [],
    notScanned: [{ file: 'src/catalog/catalog-data.ts', reason: /^is larger than 2 MB \(2\.0 MB\)/ }],
    extraFiles: 1,
    skipped: 1,
  },
  {
    name: 'a minified file (one 20,000-character line): skipped with a note',
    arrange: (dir) => write(dir, 'src/vendor/widget.min.js', minifiedSource()),
    warnings: [],
    notScanned: [{ file: 'src/vendor/widget.min.js', reason: 'looks minified (a line longer than 5000 characters)' }],
    extraFiles: 1,
    skipped: 1,
  },
  {
    name: 'a symlink loop (a folder linked to its parent)',
    arrange: (dir) => symlinkSync('..', join(dir, 'src/flags/loop'), 'dir'),
    warnings: [],
    extraFiles: 0,
    skipped: 0,
  },
  {
    name: 'a dangling symlink with a code extension',
    arrange: (dir) => symlinkSync('missing.ts', join(dir, 'src/dangling.ts')),
    warnings: [],
    extraFiles: 0,
    skipped: 0,
  },
];

describe('bad inputs never stop a scan', () => {
  it.each(CASES.map((badInput) => [badInput.name, badInput] as const))('%s', async (_name, badInput) => {
    const copy = copyFixture(BASE);
    copies.push(copy);
    badInput.arrange(copy.dir);
    const { inventory } = await scanDir(copy.dir);
    expect(inventory.warnings).toEqual(
      badInput.warnings.map(({ message, ...rest }) => ({
        ...rest,
        message: typeof message === 'string' ? message : expect.stringMatching(message),
      })),
    );
    expect(inventory.skipped).toEqual(
      (badInput.notScanned ?? []).map(({ reason, ...rest }) => ({
        ...rest,
        reason: typeof reason === 'string' ? reason : expect.stringMatching(reason),
      })),
    );
    const expected = [...baseReferences, ...(badInput.found ?? [])];
    expect(referenceRows(inventory.references)).toEqual(expect.arrayContaining(expected));
    expect(inventory.references).toHaveLength(expected.length);
    expect(inventory.stats.files).toBe(BASE_FILES + badInput.extraFiles);
    expect(inventory.stats.skipped).toBe(badInput.skipped);
  });

  it('an unreadable file (mode 000) is skipped with a note — or, where the user reads anything (root), simply scanned', async () => {
    const copy = copyFixture(BASE);
    copies.push(copy);
    const path = join(copy.dir, 'src/secrets.ts');
    write(copy.dir, 'src/secrets.ts', "import { flags } from './flags/store';\nexport const vault = flags.get('vault_v2');\n");
    chmodSync(path, 0o000);
    try {
      const readable = readsDespiteMode(path);
      const { inventory } = await scanDir(copy.dir);
      const secrets = referenceRows(inventory.references.filter((reference) => reference.file === 'src/secrets.ts'));
      expect({ warnings: inventory.warnings, skipped: inventory.skipped, references: secrets }).toEqual(
        readable
          ? { warnings: [], skipped: [], references: [evaluation('src/secrets.ts', 2, 32, 'vault_v2', VIA.get)] }
          : { warnings: [], skipped: [{ file: 'src/secrets.ts', reason: 'cannot be read (EACCES)' }], references: [] },
      );
      expect(referenceRows(inventory.references)).toEqual(expect.arrayContaining(baseReferences));
    } finally {
      chmodSync(path, 0o644);
    }
  });

  it('all of them at once: one warning or one entry of what was not scanned each, in file order, and every good reference', async () => {
    const copy = copyFixture(BASE);
    copies.push(copy);
    for (const badInput of CASES) badInput.arrange(copy.dir);
    const { inventory } = await scanDir(copy.dir);
    expect(inventory.warnings.map((warning) => warning.file)).toEqual(
      CASES.flatMap((badInput) => badInput.warnings.map((warning) => warning.file)).sort(),
    );
    expect(inventory.skipped.map((entry) => entry.file)).toEqual(
      CASES.flatMap((badInput) => (badInput.notScanned ?? []).map((entry) => entry.file)).sort(),
    );
    expect(referenceRows(inventory.references)).toEqual(
      expect.arrayContaining([...baseReferences, ...CASES.flatMap((badInput) => badInput.found ?? [])]),
    );
  });

  it('a path that does not exist is a user error from the API', async () => {
    await expect(scanFixture(BASE, { paths: ['src/does-not-exist'] })).rejects.toThrow(UserError);
  });

  it('a path that does not exist: the CLI exits 2 with one clear message and no stack trace', () => {
    const result = runBin(['scan', 'src/does-not-exist', '--no-cache', '--no-progress'], { cwd: fixtureDir(BASE) });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^flag-hygiene: [^\n]*src\/does-not-exist[^\n]*no such file or folder\n$/);
  });
});
