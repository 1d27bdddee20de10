import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanProgress } from '../../src/scanner/scan.js';
import { scanDir } from '../helpers/scanner-fixtures.js';

/*
 * The first pass reads and prefilters every file, then parses the few that name an accessor in a
 * round of their own: that round alone decides whether worker threads (each loading the parser)
 * pay, so a large codebase with a few dozen flag-using files loads no parser in any worker.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flag-hygiene-read-pass-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the first pass: read every file, then parse the ones that need it', () => {
  it('reports reading all files, analysing only those that name an accessor, widening over the others, resolving the analysed', async () => {
    const dir = project({
      'src/checkout.ts': "export function pay() { if (flags.get('new_checkout').enabled) return 2; return 1; }\n",
      'src/format.ts': 'export const formatPrice = (cents: number) => (cents / 100).toFixed(2);\n',
      'src/session.ts': "export const currentUser = () => ({ id: 'u1' });\n",
    });
    const progress: string[] = [];
    const { inventory } = await scanDir(dir, {
      cache: false,
      onProgress: ({ phase, done, total }: ScanProgress) => progress.push(`${phase} ${done}/${total}`),
    });
    expect(progress).toEqual([
      'reading 1/3',
      'reading 2/3',
      'reading 3/3',
      'analysing 1/1',
      'widening 1/2',
      'widening 2/2',
      'resolving 1/1',
    ]);
    // The reference is where its key is written.
    expect(inventory.references.map((reference) => `${reference.key} ${reference.file}:${reference.line}:${reference.column}`)).toEqual([
      'new_checkout src/checkout.ts:1:39',
    ]);
    expect(inventory.stats).toEqual({ files: 3, analysed: 1, skipped: 0 });
  });
});
