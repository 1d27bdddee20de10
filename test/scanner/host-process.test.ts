import { mkdirSync, writeFileSync } from 'node:fs';
import type * as v8 from 'node:v8';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { temporaryDir, type FixtureCopy } from '../helpers/scanner-fixtures.js';

/*
 * `scan()` is a library call: it must leave the process that calls it as it was. It used to turn
 * on V8's --expose-gc for a moment (to take `gc` and collect at a steady pace) once a scan reached
 * 10,000 files, changing the flags of its host's V8 and collecting its host's heap.
 */

const v8Flags: string[] = [];
vi.mock('node:v8', async (importOriginal) => {
  const original = await importOriginal<typeof v8>();
  return {
    ...original,
    setFlagsFromString: (flags: string) => {
      v8Flags.push(flags);
    },
  };
});

const { scan } = await import('../../src/scanner/scan.js');

const created: FixtureCopy[] = [];
afterEach(() => {
  for (const copy of created.splice(0)) copy.cleanup();
});

describe('scan() and its host process', () => {
  it('a scan of 10,000 files sets no V8 flag and leaves no gc function behind', async () => {
    const copy = temporaryDir('host-process');
    created.push(copy);
    writeFileSync(join(copy.dir, 'flag-hygiene.config.json'), JSON.stringify({ include: ['src/**/*.ts'] }));
    for (let folder = 0; folder < 100; folder++) {
      mkdirSync(join(copy.dir, 'src', `m${folder}`), { recursive: true });
      for (let file = 0; file < 100; file++)
        writeFileSync(join(copy.dir, 'src', `m${folder}`, `f${file}.ts`), `export const value${file} = ${file};\n`);
    }
    // The key argument is where the reference is: line 2, column 29.
    writeFileSync(join(copy.dir, 'src/m0/f0.ts'), "import { flags } from './store';\nexport const on = flags.get('new_checkout');\n");
    const hadGc = typeof (globalThis as { gc?: unknown }).gc === 'function';

    const inventory = await scan({ cwd: copy.dir, cache: false, workers: 0 });

    expect(inventory.stats).toEqual({ files: 10_000, analysed: 1, skipped: 0 });
    expect(inventory.references.map((reference) => `${reference.file}:${reference.line}:${reference.column} ${reference.key}`)).toEqual([
      'src/m0/f0.ts:2:29 new_checkout',
    ]);
    expect(v8Flags).toEqual([]);
    expect(typeof (globalThis as { gc?: unknown }).gc === 'function').toBe(hadGc);
  }, 120_000);
});
