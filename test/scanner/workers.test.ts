import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/scanner/inventory.js';
import { runBin } from '../helpers/run-bin.js';
import { fixtureDir, temporaryDir, type FixtureCopy } from '../helpers/scanner-fixtures.js';

/*
 * Parsing in worker threads is an implementation detail: `scan --workers 2` prints the very
 * bytes `--workers 0` does. Worker threads exist only in the build, so this runs the binary.
 * The pool hands out files in batches of 64 and starts no more workers than batches, so the
 * bigger codebase has well over 64 files to analyse. (An explicit --workers starts them however
 * few the files; left to itself, the scanner parses a few hundred files in its own thread.)
 */

const COPIES = 12;
let big: FixtureCopy;

beforeAll(() => {
  big = temporaryDir('workers');
  const config = JSON.parse(readFileSync(join(fixtureDir('demo'), 'flag-hygiene.config.json'), 'utf8')) as Record<string, unknown>;
  delete config.$schema;
  writeFileSync(join(big.dir, 'flag-hygiene.config.json'), JSON.stringify(config, null, 2));
  cpSync(join(fixtureDir('demo'), 'flags.yaml'), join(big.dir, 'flags.yaml'));
  // A monorepo of storefronts: each package a copy of the demo service, plus the wrapper-heavy web shop.
  for (let copy = 1; copy <= COPIES; copy++) {
    const name = `storefront-${String(copy).padStart(2, '0')}`;
    for (const folder of ['src', 'test'])
      cpSync(join(fixtureDir('demo'), folder), join(big.dir, 'packages', name, folder), { recursive: true });
  }
  for (const folder of ['src', 'test'])
    cpSync(join(fixtureDir('test-coverage'), folder), join(big.dir, 'packages', 'web-shop', folder), { recursive: true });
});

afterAll(() => big.cleanup());

function scanJson(cwd: string, workers: string) {
  return runBin(['scan', '--format', 'json', '--workers', workers, '--no-cache', '--no-progress'], { cwd });
}

describe('scan --workers (built binary)', () => {
  it('fixtures/demo: --workers 2 and --workers 0 print the same bytes', () => {
    const inThread = scanJson(fixtureDir('demo'), '0');
    expect(inThread.status).toBe(0);
    expect(scanJson(fixtureDir('demo'), '2')).toEqual(inThread);
  });

  it(`a codebase of ${COPIES + 1} packages: --workers 2 and --workers 0 print the same bytes`, () => {
    const inThread = scanJson(big.dir, '0');
    expect(inThread.status).toBe(0);
    const inventory = JSON.parse(inThread.stdout) as Inventory;
    expect(inventory.stats.analysed).toBeGreaterThan(64);
    expect(inventory.references.length).toBeGreaterThan(COPIES * 10);
    expect(scanJson(big.dir, '2')).toEqual(inThread);
  });
});
