import { describe, expect, it } from 'vitest';
import { blocksRun } from '../work-meter.js';
import { analyzeSource, keyName, type Analysis } from './analyze-source.js';

/*
 * The analysis of a file costs work in proportion to the file: the same shape four times as long
 * costs at most a tenth more per unit than once (a quadratic cost would be four times as much).
 * Work is counted, not timed (test/work-meter.ts). Each shape is one that generated or very
 * regular code takes, and that once made some part of the detector quadratic.
 */

const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n');

/** The analysis of the shape at `n` and `4n` units, and the work per unit at 4n over the work per unit at n. */
async function growth(shape: (n: number) => string, n: number): Promise<{ small: Analysis; large: Analysis; perUnit: number }> {
  const small = await blocksRun(() => analyzeSource(shape(n), { jsx: false }));
  const large = await blocksRun(() => analyzeSource(shape(4 * n), { jsx: false }));
  return { small: small.result, large: large.result, perUnit: large.blocks / (4 * small.blocks) };
}

const LINEAR = 1.1;

describe('the work of analysing a file grows linearly with it', () => {
  it('top-level declarations, each a flag evaluation (a generated config module)', async () => {
    const { small, large, perUnit } = await growth((n) => lines(n, (i) => `export const v${i} = flags.get('ok');`), 100);
    expect([small.references.length, large.references.length]).toEqual([100, 400]);
    expect(new Set(large.references.map(keyName))).toEqual(new Set(['ok']));
    expect(perUnit).toBeLessThan(LINEAR);
  });
});
