import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_FILE_BYTES, readSourceText } from '../../src/detect/source-text.js';
import plugin from '../../src/index.js';
import { referenceRows, scanDir } from '../helpers/scanner-fixtures.js';
import { writeProject, type Project } from '../helpers/analyze-source.js';

/*
 * The limits on source text (2 MB, not binary (control bytes), UTF-8, no line over 5,000 characters) hold for
 * every file the detector reads: the scanned ones, and the modules it reads to find keys and
 * wrappers, in ESLint and in the scanner alike. A module over a limit is an unknown module (no
 * wrappers from it), and one over the size limit is never read at all.
 */

// Which file each open descriptor is, and the opens of each file that read from it.
const opened = new Map<number, { path: string; read: boolean }>();
const opens: { path: string; read: boolean }[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return {
    ...actual,
    openSync: vi.fn((...args: Parameters<typeof actual.openSync>) => {
      const descriptor = actual.openSync(...args);
      const open = { path: String(args[0]), read: false };
      opened.set(descriptor, open);
      opens.push(open);
      return descriptor;
    }),
    readSync: vi.fn((...args: Parameters<typeof actual.readSync>) => {
      const open = opened.get(args[0]);
      if (open !== undefined) open.read = true;
      return (actual.readSync as (...a: unknown[]) => number)(...args);
    }),
  };
});

const FLAGS = 'export const flags = { get: (key: string) => ({ key, enabled: false }) };\n';
const WRAPPER = "import { flags } from './flags';\n\nexport function isOn(key: string): boolean {\n  return flags.get(key).enabled;\n}\n";
const APP =
  "import { isOn } from './feature';\n\nexport function pay(order: { method: string }): number {\n  if (isOn('express_pay')) return 1;\n  return isOn(order.method) ? 2 : 3;\n}\n";

/** The wrapper module followed by comment lines of 100 characters, up to `bytes` in all. */
function paddedWrapper(bytes: number): string {
  const line = `// ${'x'.repeat(96)}\n`;
  const lines = Math.ceil((bytes - WRAPPER.length) / line.length);
  return (WRAPPER + line.repeat(lines)).slice(0, bytes);
}

const MODULES: { name: string; feature: string | Buffer; known: boolean }[] = [
  { name: 'a module of 1 KB', feature: paddedWrapper(1024), known: true },
  { name: 'a module of exactly 2 MB', feature: paddedWrapper(MAX_FILE_BYTES), known: true },
  { name: 'a module one byte over 2 MB', feature: paddedWrapper(MAX_FILE_BYTES + 1), known: false },
  { name: 'a minified module (a line of 6,000 characters of code)', feature: `${WRAPPER}${'var a=1;'.repeat(750)}\n`, known: false },
  // Found on dub: components drawing an SVG path of 6,000-115,000 characters on one line.
  {
    name: 'a module with a line of 6,000 characters in one string',
    feature: `${WRAPPER}export const d = 'M0 0${' L1 2'.repeat(1500)}';\n`,
    known: true,
  },
  { name: 'a module with NUL bytes', feature: `${WRAPPER}// ${'\u0000'.repeat(8)}\n`, known: false },
  // Issue 16 item 10: one NUL byte (here in a template literal) does not make source text binary.
  { name: 'a module with one NUL byte in a template literal', feature: `${WRAPPER}export const separator = \`a\u0000b\`;\n`, known: true },
  {
    name: 'a module that is not UTF-8',
    feature: Buffer.concat([Buffer.from(`${WRAPPER}// caf`), Buffer.from([0xe9]), Buffer.from('\n')]),
    known: false,
  },
];

const projects: Project[] = [];
afterEach(() => {
  for (const project of projects.splice(0)) project.cleanup();
});
beforeEach(() => {
  opens.length = 0;
});

function project(feature: string | Buffer): Project {
  const created = writeProject({ 'src/flags.ts': FLAGS, 'src/feature.ts': '', 'src/app.ts': APP });
  fs.writeFileSync(join(created.root, 'src/feature.ts'), feature);
  projects.push(created);
  return created;
}

/** How many times the file's bytes were read (opened and read from; an open that only looks at its size is not a read). */
function readsOf(path: string): number {
  return opens.filter((open) => open.read && open.path.endsWith(path)).length;
}

describe('modules over a limit, in the module graph (as ESLint uses it)', () => {
  it.each(MODULES)('$name: its wrappers known = $known', ({ feature, known }) => {
    const { analyze } = project(feature);
    const analysis = analyze('src/app.ts');
    expect(analysis.references.map((reference) => [reference.key, reference.via])).toEqual(
      known
        ? [
            [{ kind: 'static', key: 'express_pay' }, 'isOn'],
            [{ kind: 'dynamic', text: 'order.method' }, 'isOn'],
          ]
        : [],
    );
  });

  it('a module over 2 MB is never read, however often it is asked about', () => {
    const { analyze } = project(paddedWrapper(MAX_FILE_BYTES + 1));
    analyze('src/app.ts');
    analyze('src/app.ts');
    expect(readsOf('src/feature.ts')).toBe(0);
  });

  it('a module of 2 MB is read once', () => {
    const { analyze } = project(paddedWrapper(MAX_FILE_BYTES));
    analyze('src/app.ts');
    analyze('src/app.ts');
    expect(readsOf('src/feature.ts')).toBe(1);
  });
});

describe('a module over a limit in ESLint: silently unknown', () => {
  async function lint(root: string): Promise<string[]> {
    const config: Linter.Config = {
      files: ['**/*.ts'],
      plugins: { 'flag-hygiene': plugin as unknown as ESLint.Plugin },
      languageOptions: { parser: tsParser as unknown as Linter.Parser },
      rules: { 'flag-hygiene/no-dynamic-flag-key': 'error' },
    };
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [config], ignore: false });
    const [result] = await eslint.lintFiles([join(root, 'src/app.ts')]);
    return result!.messages.map((message) => `${message.line}:${message.column} ${message.ruleId ?? message.message}`);
  }

  it('under the limit, the wrapper call with a dynamic key is reported', async () => {
    expect(await lint(project(paddedWrapper(MAX_FILE_BYTES)).root)).toEqual(['5:15 flag-hygiene/no-dynamic-flag-key']);
  });

  it('over the limit, nothing is reported and the module is not read', async () => {
    expect(await lint(project(paddedWrapper(MAX_FILE_BYTES + 1)).root)).toEqual([]);
    expect(readsOf('src/feature.ts')).toBe(0);
  });
});

describe('a module over a limit in the scanner', () => {
  it('imported from the scanned file but not scanned itself: no wrapper from it, never read', async () => {
    const { root } = project(paddedWrapper(MAX_FILE_BYTES + 1));
    const { inventory } = await scanDir(root, { paths: ['src/app.ts'] });
    expect(referenceRows(inventory.references)).toEqual([]);
    expect(readsOf('src/feature.ts')).toBe(0);
  });

  it('scanned too: listed as skipped, no wrapper from it', async () => {
    const { root } = project(paddedWrapper(MAX_FILE_BYTES + 1));
    const { inventory } = await scanDir(root);
    expect(referenceRows(inventory.references)).toEqual([]);
    expect(inventory.skipped).toEqual([
      { file: 'src/feature.ts', reason: 'is larger than 2 MB (2.0 MB): generated or bundled code is not scanned' },
    ]);
    expect(readsOf('src/feature.ts')).toBe(0);
  });
});

describe('readSourceText', () => {
  it('a named pipe is not a regular file: skipped without opening it (which would wait for a writer)', () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'flag-hygiene-fifo-'));
    try {
      const fifo = join(dir, 'pipe.ts');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      expect(readSourceText(fifo)).toEqual({ kind: 'skipped', reason: 'is not a regular file' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
