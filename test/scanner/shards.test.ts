import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeInventories, type Inventory } from '../../src/scanner/inventory.js';
import { runBin } from '../helpers/run-bin.js';
import { fixtureDir, fixtureNames, scanFixture, temporaryDir } from '../helpers/scanner-fixtures.js';

/*
 * A CI matrix scans the codebase in shards and merges the inventories: the merge must be the
 * unsharded scan, references, nestings (whose outer and inner checks may fall in different
 * shards), fallback problems and warnings alike.
 */

const output = temporaryDir('shards');
afterAll(() => output.cleanup());

function comparable(inventory: Inventory) {
  return {
    references: inventory.references,
    nestings: inventory.nestings,
    problems: inventory.problems,
    warnings: inventory.warnings,
    files: inventory.stats.files,
  };
}

describe('sharded scans merge into the whole', () => {
  it.each(fixtureNames())('fixtures/%s: shards 1/3, 2/3 and 3/3 merged equal one unsharded scan', async (name) => {
    const whole = (await scanFixture(name)).inventory;
    const shards = await Promise.all(['1/3', '2/3', '3/3'].map(async (shard) => (await scanFixture(name, { shard })).inventory));
    expect(shards.map((shard) => shard.shard)).toEqual(['1/3', '2/3', '3/3']);
    const merged = mergeInventories(shards);
    expect(comparable(merged)).toEqual(comparable(whole));
    // All shards of one split are the whole codebase, not a partial scan.
    expect(merged.shard).toBeUndefined();
  });

  it('a missing shard leaves the merge marked partial', async () => {
    const shards = await Promise.all(['1/3', '3/3'].map(async (shard) => (await scanFixture('demo', { shard })).inventory));
    expect(mergeInventories(shards).shard).toBe('1/3,3/3');
  });
});

describe('merging very large shards', () => {
  it('two shards of 150,000 references each merge into 300,000, without a stack overflow', () => {
    const shard = (index: number): Inventory => ({
      version: 1,
      tool: 'flag-hygiene',
      shard: `${index}/2`,
      references: Array.from({ length: 150_000 }, (_, line) => ({
        key: 'checkout_v2',
        file: `src/shard${index}.ts`,
        line: line + 1,
        column: 1,
        test: false,
        dynamic: false,
        via: 'flags.get($KEY)',
        role: 'evaluate',
        endLine: line + 1,
        endColumn: 20,
      })),
      nestings: [],
      problems: [],
      warnings: [],
      skipped: [],
      stats: { files: 1, analysed: 1, skipped: 0 },
    });
    const merged = mergeInventories([shard(1), shard(2)]);
    expect(merged.references).toHaveLength(300_000);
    expect([merged.references[0], merged.references[150_000]].map((reference) => `${reference!.file}:${reference!.line}`)).toEqual([
      'src/shard1.ts:1',
      'src/shard2.ts:1',
    ]);
    expect(merged.stats).toEqual({ files: 2, analysed: 2, skipped: 0 });
  });
});

describe('flag-hygiene scan --shard, then report --inventory (built binary)', () => {
  it.each(fixtureNames())('fixtures/%s: the report from two shard inventories equals the report of a full scan', (name) => {
    const cwd = fixtureDir(name);
    const files = ['1/2', '2/2'].map((shard) => {
      const file = join(output.dir, `${name}-${shard.replace('/', '-of-')}.json`);
      const result = runBin(['scan', '--shard', shard, '--format', 'json', '--output', file, '--no-cache', '--no-progress'], { cwd });
      expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
      expect((JSON.parse(readFileSync(file, 'utf8')) as Inventory).shard).toBe(shard);
      return file;
    });
    const merged = runBin(['report', '--inventory', ...files, '--format', 'json', '--no-progress'], { cwd });
    const whole = runBin(['report', '--format', 'json', '--no-cache', '--no-progress'], { cwd });
    expect(whole.stderr).toBe('');
    expect(merged).toEqual(whole);
  });
});
