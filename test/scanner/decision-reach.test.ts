import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScannedImport } from '../../src/detect/import-scan.js';
import { DecisionReach } from '../../src/scanner/decision-reach.js';

/*
 * The call follower of the scanner's nestings goes only into modules from which a flag decision can
 * be reached through imports: the analysed files (they may hold one), and files the scan does not
 * know (outside it, or skipped), which may. Whatever the order it is asked in, and whatever cycles
 * the imports make, each answer must be the one a full walk of the module's imports gives.
 */
const file = (i: number) => `/p/m${i}.ts`;

function reachOf(modules: number, analysed: number[], unknown: number[], edges: [number, number][]) {
  const unmatched = new Map<string, ScannedImport[]>();
  for (let i = 0; i < modules; i++) if (!analysed.includes(i) && !unknown.includes(i)) unmatched.set(file(i), []);
  for (const [from, to] of edges) unmatched.get(file(from))?.push({ specifier: `./m${to}`, names: ['default'] });
  const resolveModule = (_: string, specifier: string) => (specifier === './m-1' ? undefined : `/p/${specifier.slice(2)}.ts`);
  return new DecisionReach({ analysed: new Set(analysed.map(file)), unmatched, resolveModule });
}

/** The answer by definition: a module that may hold a decision is reachable over the imports. */
function expected(start: number, analysed: number[], unknown: number[], edges: [number, number][]): boolean {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (analysed.includes(current) || unknown.includes(current)) return true;
    // An analysed or unknown module's imports are not read: it is a stop either way.
    for (const [from, to] of edges)
      if (from === current && to >= 0 && !seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
  }
  return false;
}

describe('DecisionReach', () => {
  it('follows imports to an analysed module, through a cycle, and stops at modules that lead nowhere', () => {
    // 0 → 1 → 2 → 1 (a cycle), 2 → 3 (analysed); 4 → 5 → 4 (a cycle with nothing behind it); 6 imports a package.
    const edges: [number, number][] = [
      [0, 1],
      [1, 2],
      [2, 1],
      [2, 3],
      [4, 5],
      [5, 4],
      [6, -1],
    ];
    const reach = reachOf(8, [3], [7], edges);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => reach.mayReach(file(i)))).toEqual([true, true, true, true, false, false, false, true]);
  });

  it('answers as a full walk does, whatever the graph and the order of the questions', () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((modules) =>
      fc.record({
        modules: fc.constant(modules),
        analysed: fc.uniqueArray(fc.nat(modules - 1), { maxLength: 3 }),
        unknown: fc.uniqueArray(fc.nat(modules - 1), { maxLength: 2 }),
        edges: fc.array(fc.tuple(fc.nat(modules - 1), fc.integer({ min: -1, max: modules - 1 })), { maxLength: 30 }),
        order: fc.array(fc.nat(modules - 1), { minLength: 1, maxLength: 20 }),
      }),
    );
    fc.assert(
      fc.property(graph, ({ modules, analysed, unknown, edges, order }) => {
        const known = unknown.filter((i) => !analysed.includes(i));
        const reach = reachOf(modules, analysed, known, edges);
        for (const i of order) expect(reach.mayReach(file(i))).toBe(expected(i, analysed, known, edges));
      }),
      { numRuns: 500 },
    );
  });
});

describe('DecisionReach on modules outside the scan', () => {
  // /p/a imports /p/outside-1 (a declaration stub re-exporting /p/outside-2, which names no accessor),
  // /p/b imports /p/outside-3, whose text names an accessor; /p/c imports /p/unread, which nothing judges.
  const unmatched = new Map<string, ScannedImport[]>([
    ['/p/a.ts', [{ specifier: './outside-1', names: ['x'] }]],
    ['/p/b.ts', [{ specifier: './outside-3', names: ['x'] }]],
    ['/p/c.ts', [{ specifier: './unread', names: ['x'] }]],
  ]);
  const resolveModule = (_: string, specifier: string) => `/p/${specifier.slice(2)}.ts`;
  const verdicts = new Map([
    ['/p/outside-1.ts', { namesAccessor: false, imports: [{ specifier: './outside-2', names: ['*'] }] }],
    ['/p/outside-2.ts', { namesAccessor: false, imports: [] }],
    ['/p/outside-3.ts', { namesAccessor: true, imports: [] }],
  ]);

  it('judges them by their text when it can: they lead to a decision only through an accessor named on the way', () => {
    const asked: string[] = [];
    const verdictOf = (file: string) => (asked.push(file), verdicts.get(file) ?? { namesAccessor: false, imports: [] });
    const reach = new DecisionReach({ analysed: new Set(), unmatched, resolveModule, verdictOf });
    expect(['/p/a.ts', '/p/b.ts', '/p/c.ts'].map((file) => reach.mayReach(file))).toEqual([false, true, false]);
    // The scan's own modules are known from the first pass: only the others are read.
    expect(asked.every((file) => !unmatched.has(file))).toBe(true);
  });

  it('without a way to judge them, they may lead to one', () => {
    const reach = new DecisionReach({ analysed: new Set(), unmatched, resolveModule });
    expect(['/p/a.ts', '/p/b.ts', '/p/c.ts'].map((file) => reach.mayReach(file))).toEqual([true, true, true]);
  });
});
