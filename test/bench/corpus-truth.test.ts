import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus, type CorpusTruth } from '../../bench/corpus.js';
import type { Inventory } from '../../src/scanner/inventory.js';
import { scan } from '../../src/scanner/index.js';
import { temporaryFolder } from '../helpers/eslint-cli.js';

/*
 * The benchmark's generated codebase records what it put where (truth.json): which files evaluate
 * which flags, which compute a key at run time, which tests force a flag. The scanner, run on a
 * small one, must find exactly that: a precision and recall check on code in five flag styles
 * (the article's seed store, key constants, wrappers, OpenFeature, LaunchDarkly React hooks).
 */

const work = temporaryFolder('corpus-truth');
let truth: CorpusTruth;
let inventory: Inventory;

beforeAll(async () => {
  await generateCorpus({ files: 300, seed: 7, outDir: work.dir });
  truth = JSON.parse(readFileSync(join(work.dir, 'truth.json'), 'utf8')) as CorpusTruth;
  inventory = await scan({ cwd: work.dir, cache: false, workers: 0 });
}, 120_000);

afterAll(() => work.cleanup());

/** Files per key; LaunchDarkly's useFlags() shows an undeclared key only in its camelCase form. */
function filesByKey(keep: (reference: Inventory['references'][number]) => boolean): Map<string, string[]> {
  const byKey = new Map<string, Set<string>>();
  const camelToKey = new Map(Object.entries(truth.keys).map(([key, entry]) => [entry.camelCase, key]));
  for (const reference of inventory.references) {
    if (reference.dynamic || !keep(reference)) continue;
    const key = reference.key in truth.keys ? reference.key : (camelToKey.get(reference.key) ?? reference.key);
    const files = byKey.get(key) ?? new Set<string>();
    files.add(reference.file);
    byKey.set(key, files);
  }
  return new Map([...byKey].map(([key, files]) => [key, [...files].sort()]));
}

describe('the scanner on the generated corpus (300 files, seed 7) finds what the corpus put there', () => {
  it('every flag evaluated in exactly the files that evaluate it, the misspelt keys included', () => {
    const found = filesByKey((reference) => reference.role === 'evaluate' && !reference.test);
    const expected = new Map(
      Object.entries(truth.keys)
        .filter(([, entry]) => entry.files.length > 0)
        .map(([key, entry]) => [key, [...entry.files].sort()]),
    );
    // A misspelt key is evaluated where the corpus misspelt it; the truth lists the keys, not their files.
    expect(new Set(truth.typos.filter((key) => found.has(key)))).toEqual(new Set(truth.typos));
    for (const typo of truth.typos) found.delete(typo);
    expect(Object.fromEntries(found)).toEqual(Object.fromEntries(expected));
  });

  it('the keys computed at run time in exactly the files that compute them', () => {
    const dynamic = [
      ...new Set(inventory.references.filter((reference) => reference.dynamic && !reference.test).map((reference) => reference.file)),
    ].sort();
    expect(dynamic).toEqual([...truth.dynamicFiles].sort());
  });

  it('the flag states forced in exactly the tests that force them', () => {
    const forced = filesByKey((reference) => reference.role === 'override' && reference.test);
    const expected = new Map(
      Object.entries(truth.keys)
        .filter(([, entry]) => entry.tests.length > 0)
        .map(([key, entry]) => [key, [...entry.tests].sort()]),
    );
    expect(Object.fromEntries(forced)).toEqual(Object.fromEntries(expected));
    expect([...new Set([...forced.values()].flat())].sort()).toEqual([...truth.overrideTestFiles].sort());
  });
});
