import { describe, expect, it } from 'vitest';
import { blocksRun } from '../helpers/work-meter.js';
import { analyzeSource, keyName, type Analysis } from '../helpers/analyze-source.js';

/*
 * The analysis of a file costs work in proportion to the file: the same shape four times as long
 * costs at most a tenth more per unit than once (a quadratic cost would be four times as much).
 * Work is counted, not timed (test/helpers/work-meter.ts). Each shape is one that generated or very
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

  it('top-level declarations deciding on a flag each (every decision against every declaration)', async () => {
    const { small, large, perUnit } = await growth(
      (n) => lines(n, (i) => `export const v${i} = flags.get('k${i}').enabled ? 'new' : 'old';`),
      100,
    );
    expect([small.decisions.length, large.decisions.length]).toEqual([100, 400]);
    expect(large.decisions[321]!.assigned).toEqual(['v321']);
    expect(perUnit).toBeLessThan(LINEAR);
  });

  it('many top-level functions, each checking a flag (every decision and call against every function)', async () => {
    const { small, large, perUnit } = await growth(
      (n) => lines(n, (i) => `export function f${i}() { if (flags.get('k${i}').enabled) { work(${i}); } return 0; }`),
      100,
    );
    expect([small.decisions.length, large.decisions.length]).toEqual([100, 400]);
    expect(large.facts.functions[321]).toMatchObject({ name: 'f321', decisions: [321] });
    expect(perUnit).toBeLessThan(LINEAR);
  });

  it('one function of many flag checks, each calling a helper (every call against every region)', async () => {
    const shape = (n: number) =>
      `function log(i: number) {}\nexport function main() {\n${lines(n, (i) => `  if (flags.get('k${i % 50}').enabled) { log(${i}); }`)}\n}`;
    const { small, large, perUnit } = await growth(shape, 100);
    expect([small.decisions.length, large.decisions.length]).toEqual([100, 400]);
    expect([small.facts.regionCalls.length, large.facts.regionCalls.length]).toEqual([100, 400]);
    expect(perUnit).toBeLessThan(LINEAR);
  });

  it('a region calling a chain of helpers that each check a flag and call the next (followed 8 calls deep)', async () => {
    const shape = (n: number) =>
      lines(n, (i) => `function h${i}() { if (flags.get('k${i}').enabled) work(); ${i + 1 < n ? `h${i + 1}();` : ''} }`) +
      `\nexport function main() { if (flags.get('outer').enabled) { ${lines(n, (i) => `h${i}();`)} } }`;
    const { small, large, perUnit } = await growth(shape, 50);
    expect([small.nestings.length, large.nestings.length]).toEqual([50, 200]);
    // Reached first from the call of h142, 8 calls deep: the path from h0 is longer than nesting is followed.
    expect(large.nestingPairs()[150]).toBe('outer > k150 via h142 > h143 > h144 > h145 > h146 > h147 > h148 > h149 > h150');
    expect(perUnit).toBeLessThan(LINEAR);
  });

  it('fixed-key wrappers, each called once (every wrapper looking through every call)', async () => {
    const shape = (n: number) =>
      `${lines(n, (i) => `export const is${i} = () => flags.get('k${i}').enabled;`)}\n${lines(n, (i) => `if (is${i}()) work(${i});`)}`;
    const { small, large, perUnit } = await growth(shape, 100);
    expect([small.references.length, large.references.length]).toEqual([200, 800]);
    expect(large.referencesOf('k321').map((reference) => reference.via)).toEqual(['flags.get($KEY)', 'is321']);
    expect(perUnit).toBeLessThan(LINEAR);
  });

  it('key wrappers declared before the wrappers they call (one pass over every call per wrapper)', async () => {
    const shape = (n: number) =>
      `${lines(n, (i) => `export function w${i}(key: string) { return ${i === n - 1 ? 'flags.get(key).enabled' : `w${i + 1}(key)`}; }`)}\nif (w0('x')) work();`;
    const { small, large, perUnit } = await growth(shape, 50);
    expect(small.references.map((reference) => [keyName(reference), reference.via])).toEqual([['x', 'w0']]);
    expect(large.references.map((reference) => [keyName(reference), reference.via])).toEqual([['x', 'w0']]);
    expect(perUnit).toBeLessThan(LINEAR);
  });

  it('exported functions passing their parameter to an imported function (every function against every call)', async () => {
    const shape = (n: number) =>
      `import { track } from './tracking';\n${lines(n, (i) => `export function f${i}(key: string) { track(key); }`)}`;
    const { small, large, perUnit } = await growth(shape, 100);
    expect(small.facts.module.exports['f99']).toEqual({
      kind: 'wrapper',
      functionId: 99,
      wrapper: {
        kind: 'forward',
        param: 0,
        targets: [{ target: { source: './tracking', name: 'track', path: [] }, argument: 0 }],
        name: 'f99',
      },
    });
    expect(Object.keys(large.facts.module.exports)).toHaveLength(400);
    expect(perUnit).toBeLessThan(LINEAR);
  });

  it('a class whose methods call each other (every call searching the class)', async () => {
    const shape = (n: number) =>
      `export class Service {\n${lines(n, (i) => `  m${i}() { return this.m${i + 1}(); }`)}\n  m${n}() { return flags.get('deep').enabled; }\n}`;
    const { small, large, perUnit } = await growth(shape, 100);
    expect([small.facts.functions.length, large.facts.functions.length]).toEqual([101, 401]);
    expect(large.facts.functions[7]!.calls).toEqual([{ kind: 'local', functionId: 8 }]);
    expect(perUnit).toBeLessThan(LINEAR);
  });

  it('one flag lookup read many times (each read asking whether any read checks it)', async () => {
    const shape = (n: number) => `const flag = flags.get('banner');\n${lines(n, (i) => `show(flag.text${i});`)}`;
    const { small, large, perUnit } = await growth(shape, 100);
    expect(large.references.map((reference) => [keyName(reference), reference.uncheckedLookup])).toEqual([['banner', [39, 49]]]);
    expect(small.references).toHaveLength(1);
    expect(perUnit).toBeLessThan(LINEAR);
  });

  it('one context object passed to every evaluation (walked again for each)', async () => {
    const shape = (n: number) => `const ctx = { ${lines(n, (i) => `p${i}: ${i},`)} };\n${lines(n, (i) => `flags.get('k${i}', ctx);`)}`;
    const { small, large, perUnit } = await growth(shape, 100);
    expect([small.references.length, large.references.length]).toEqual([100, 400]);
    expect(large.references.filter((reference) => reference.nondeterministic !== undefined)).toEqual([]);
    expect(perUnit).toBeLessThan(LINEAR);
  });

  it('many imports (linear already: a guard)', async () => {
    const shape = (n: number) =>
      `${lines(n, (i) => `import { a${i} } from './m${i}';`)}\nexport const on = flags.get('x').enabled ? a0() : a1();`;
    const { small, large, perUnit } = await growth(shape, 100);
    expect([small.facts.module.imports.length, large.facts.module.imports.length]).toEqual([100, 400]);
    expect(perUnit).toBeLessThan(LINEAR);
  });

  it('a long chain of constants naming a key (linear already: resolution gives up after 23 hops)', async () => {
    const shape = (n: number) =>
      `const a0 = 'key';\n${lines(n, (i) => `const a${i + 1} = a${i};`)}\n${lines(n, (i) => `flags.get(a${i + 1});`)}`;
    const { small, large, perUnit } = await growth(shape, 100);
    expect(large.referencesOf('key')).toHaveLength(23);
    expect(large.references.filter((reference) => reference.key.kind === 'dynamic')).toHaveLength(400 - 23);
    expect(small.referencesOf('key')).toHaveLength(23);
    expect(perUnit).toBeLessThan(LINEAR);
  });
});

describe('nesting depth', () => {
  it('300 nested flag checks (TypeScript’s parser overflows its stack near 400): every level nests in the one around it', () => {
    const depth = 300;
    const analysis = analyzeSource(
      `export function main() {\n${lines(depth, (i) => `if (flags.get('k${i}').enabled) { work(${i});`)}\n${'}'.repeat(depth)}\n}`,
      { jsx: false },
    );
    expect(analysis.decisions).toHaveLength(depth);
    expect(analysis.nestings).toHaveLength(depth - 1);
    expect(analysis.nestingPairs()[298]).toBe('k298 > k299');
  });
});
