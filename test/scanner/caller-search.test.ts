import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportedValue, FileFacts, FunctionFact, ImportedName, RegionCall } from '../../src/detect/facts.js';
import type { ScannedImport } from '../../src/detect/import-scan.js';
import type { ModuleGraph } from '../../src/detect/module-graph.js';
import { CallerSearch } from '../../src/scanner/caller-search.js';
import { CallerIndex, type CallingRegion, type FunctionKey } from '../../src/scanner/cross-nesting.js';

/*
 * The scanner looks for the callers of functions that flag regions reach (nestings through calls)
 * among the files importing them, and analyses only those whose calls can still change which
 * functions run only inside a region. Each project here: candidate functions `cN` in
 * /p/cN.tsx (function 0, exported as `cN`), a region in /p/flags.tsx, plain files importing them.
 */
type Call = RegionCall['callee'];

const imported = (name: string, path: string[] = []): Call => ({ kind: 'imported', source: `./${name}`, name, path });

function fn(id: number, calls: Call[], exportedAs: string[] = [], range: [number, number] = [id * 100, id * 100 + 50]): FunctionFact {
  return { id, name: `f${id}`, range, exportedAs, decisions: [], calls };
}

interface Project {
  facts: Map<string, FileFacts>;
  imports: Map<string, ScannedImport[]>;
  /** What each module exports, beyond the candidates' own function. */
  exports: Map<string, Record<string, ExportedValue>>;
  /** The imports a module hands on, as its text shows (scanPassedOnImports); a module left out cannot be read. */
  passedOn: Map<string, ScannedImport[]>;
  /** The modules whose exports the search looked up. */
  lookedUp: Set<string>;
}

function project(): Project {
  return { facts: new Map(), imports: new Map(), exports: new Map(), passedOn: new Map(), lookedUp: new Set() };
}

function addFile(p: Project, file: string, functions: FunctionFact[], imports: ScannedImport[] = []): void {
  p.facts.set(file, { functions } as unknown as FileFacts);
  p.imports.set(file, imports);
}

/** A graph over the project: `./x` is /p/x.tsx, whose exports are its functions' exportedAs names. */
function graphOf(p: Project): ModuleGraph {
  const moduleFile = (specifier: string) => (specifier.startsWith('./') ? `/p/${specifier.slice(2)}.tsx` : undefined);
  const resolveExport = (_: string, { source, name, path }: ImportedName) => {
    const file = moduleFile(source);
    if (file === undefined) return undefined;
    p.lookedUp.add(file);
    let value: ExportedValue | undefined = p.exports.get(file)?.[name];
    const exported = p.facts.get(file)?.functions.find((f) => f.exportedAs.includes(name));
    if (value === undefined && exported !== undefined) value = { kind: 'function', functionId: exported.id };
    for (const step of path) value = value?.kind === 'object' ? value.entries[step] : undefined;
    return value === undefined ? undefined : { value, file };
  };
  return { resolveModule: (_: string, specifier: string) => moduleFile(specifier), resolveExport } as unknown as ModuleGraph;
}

/** Runs the search as the scanner does; returns the files it analysed, round by round, and its index. */
function search(p: Project, candidates: Set<FunctionKey>, names: Set<string>, regionFiles: Set<string>, known: Set<string>) {
  const analysed = new Set(known);
  const rounds: string[][] = [];
  const files = new Set(p.facts.keys());
  const searcher = new CallerSearch(
    graphOf(p),
    candidates,
    { names, files },
    {
      known: (file) => analysed.has(file),
      factsOf: (file) => {
        // The index must never ask for a file the search did not have analysed.
        expect(analysed.has(file)).toBe(true);
        return p.facts.get(file);
      },
      importsOf: (file) => p.imports.get(file),
      passedOnImports: (file) => p.passedOn.get(file),
      regionFiles,
    },
  );
  for (let batch = searcher.next(); batch.length > 0; batch = searcher.next()) {
    rounds.push([...batch].sort());
    for (const file of batch) analysed.add(file);
    searcher.take(batch);
  }
  return { rounds, index: searcher.index };
}

describe('CallerSearch', () => {
  const candidate = '/p/c0.tsx#0';
  const flagsFile = '/p/flags.tsx';

  function withImporters(count: number, calls: (i: number) => boolean): Project {
    const p = project();
    addFile(p, '/p/c0.tsx', [fn(0, [], ['c0'])]);
    addFile(p, flagsFile, [fn(0, [imported('c0')])]);
    for (let i = 0; i < count; i++)
      addFile(p, `/p/page${i}.tsx`, [fn(0, calls(i) ? [imported('c0')] : [])], [{ specifier: './c0', names: ['c0'] }]);
    return p;
  }

  it('analyses one importer of a candidate that it calls, and none of the others', () => {
    const p = withImporters(6, () => true);
    const { rounds } = search(p, new Set([candidate]), new Set(['c0']), new Set([flagsFile]), new Set([flagsFile, '/p/c0.tsx']));
    expect(rounds).toEqual([['/p/page0.tsx']]);
  });

  it('analyses every importer of a candidate that none of them calls, in rounds of 1, 2, 4 …', () => {
    const p = withImporters(6, () => false);
    const { rounds } = search(p, new Set([candidate]), new Set(['c0']), new Set([flagsFile]), new Set([flagsFile, '/p/c0.tsx']));
    expect(rounds.map((round) => round.length)).toEqual([1, 2, 3]);
    expect(rounds.flat().sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `/p/page${i}.tsx`).sort());
  });

  it('takes a file that holds a candidate or a region in the first round, whatever it imports', () => {
    const p = withImporters(2, () => true);
    const { rounds } = search(p, new Set([candidate]), new Set(['c0']), new Set([flagsFile]), new Set());
    expect(rounds[0]).toEqual(['/p/c0.tsx', flagsFile, '/p/page0.tsx']);
    expect(rounds.flat()).not.toContain('/p/page1.tsx');
  });

  it('takes a namespace importer while any candidate may still run only through the region', () => {
    const p = withImporters(1, () => false);
    addFile(p, '/p/all.tsx', [fn(0, [imported('c0')])], [{ specifier: './c0', names: ['*'] }]);
    addFile(p, '/p/late.tsx', [fn(0, [imported('c0')])], [{ specifier: './c0', names: ['*'] }]);
    const { rounds } = search(p, new Set([candidate]), new Set(['c0']), new Set([flagsFile]), new Set([flagsFile, '/p/c0.tsx']));
    // all.tsx calls c0: c0 escapes, and late.tsx is left alone.
    expect(rounds).toEqual([['/p/all.tsx', '/p/page0.tsx']]);
  });

  it('follows an import of an object of functions to any candidate, and of a package to none', () => {
    const p = withImporters(0, () => false);
    p.exports.set('/p/api.tsx', { c0: { kind: 'object', entries: {} } });
    addFile(p, '/p/api.tsx', []);
    addFile(p, '/p/member.tsx', [fn(0, [])], [{ specifier: './api', names: ['c0'] }]);
    addFile(p, '/p/package.tsx', [fn(0, [])], [{ specifier: 'lodash', names: ['c0'] }]);
    const { rounds } = search(p, new Set([candidate]), new Set(['c0']), new Set([flagsFile]), new Set([flagsFile, '/p/c0.tsx']));
    // api.tsx imports nothing: it can call no candidate.
    expect(rounds).toEqual([['/p/member.tsx']]);
  });

  it('looks up no export of a module that defines no candidate and hands no import on', () => {
    for (const handsOn of [false, true]) {
      const p = withImporters(0, () => false);
      // api.tsx exports an object: of its own functions, or (for all the search can tell) of c0 too.
      p.exports.set('/p/api.tsx', { c0: { kind: 'object', entries: {} } });
      addFile(p, '/p/api.tsx', []);
      p.passedOn.set('/p/api.tsx', handsOn ? [{ specifier: './c0', names: ['c0'] }] : []);
      addFile(p, '/p/member.tsx', [fn(0, [])], [{ specifier: './api', names: ['c0'] }]);
      const { rounds } = search(p, new Set([candidate]), new Set(['c0']), new Set([flagsFile]), new Set([flagsFile, '/p/c0.tsx']));
      expect(rounds).toEqual(handsOn ? [['/p/member.tsx']] : []);
      expect(p.lookedUp.has('/p/api.tsx')).toBe(handsOn);
    }
  });

  /*
   * The point of it all: whatever the calls, onlyThrough answers from the search's index as from an
   * index over every file.
   */
  it('answers onlyThrough as an index built from every file does', () => {
    const arbitraryProject = fc.record({
      candidates: fc.integer({ min: 1, max: 5 }),
      // Each candidate calls some others (as shared code does).
      candidateCalls: fc.array(fc.array(fc.nat(4), { maxLength: 3 }), { minLength: 5, maxLength: 5 }),
      // Each plain file imports some candidates (or all, as a namespace) and calls some of what it imports.
      pages: fc.array(
        fc.record({
          imports: fc.array(fc.nat(4), { maxLength: 3 }),
          namespace: fc.boolean(),
          calls: fc.array(fc.nat(4), { maxLength: 3 }),
        }),
        { maxLength: 12 },
      ),
      regionCalls: fc.array(fc.nat(4), { minLength: 1, maxLength: 3 }),
      // The function holding the region calls some candidates outside it too.
      holderCalls: fc.array(fc.nat(4), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(arbitraryProject, (spec) => {
        const p = project();
        const n = spec.candidates;
        const keys = Array.from({ length: n }, (_, i) => `/p/c${i}.tsx#0`);
        for (let i = 0; i < n; i++)
          addFile(p, `/p/c${i}.tsx`, [
            fn(
              0,
              spec.candidateCalls[i]!.filter((j) => j < n).map((j) => imported(`c${j}`)),
              [`c${i}`],
            ),
          ]);
        const regionCalls = spec.regionCalls.filter((j) => j < n).map((j) => imported(`c${j}`));
        const holderCalls = spec.holderCalls.filter((j) => j < n).map((j) => imported(`c${j}`));
        addFile(p, flagsFile, [fn(0, [...regionCalls, ...holderCalls], [], [0, 1000])]);
        spec.pages.forEach((page, i) => {
          const names = page.imports.filter((j) => j < n).map((j) => `c${j}`);
          const calls = page.calls.filter((j) => j < n && (page.namespace || names.includes(`c${j}`))).map((j) => imported(`c${j}`));
          const scanned: ScannedImport[] = page.namespace
            ? [{ specifier: './c0', names: ['*'] }]
            : names.map((name) => ({ specifier: `./${name}`, names: [name] }));
          addFile(p, `/p/page${i}.tsx`, [fn(0, calls)], scanned);
        });
        const candidates = new Set(keys);
        const names = new Set(keys.map((_, i) => `c${i}`));
        const region: CallingRegion = { file: flagsFile, range: [10, 20], calls: regionCalls, reachable: candidates };
        const graph = graphOf(p);
        const full = new CallerIndex(graph, candidates, names);
        for (const [file, facts] of p.facts) full.add(file, facts);
        const { index } = search(p, candidates, names, new Set([flagsFile]), new Set([flagsFile, ...keys.map((key) => key.slice(0, -2))]));
        expect([...index.onlyThrough(region)].sort()).toEqual([...full.onlyThrough(region)].sort());
      }),
      { numRuns: 300 },
    );
  });
});
