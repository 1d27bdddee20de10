import { describe, expect, it } from 'vitest';
import type { DiffFailCode } from '../../src/diff/codes.js';
import { compareInventories, failingCategories, type FlagDiff } from '../../src/diff/compare.js';
import type { ManifestFlag, Manifest } from '../../src/manifest/types.js';
import type { Inventory, InventoryNesting, InventoryReference } from '../../src/scanner/inventory.js';

function reference(key: string, file: string, line: number, extra: Partial<InventoryReference> = {}): InventoryReference {
  return {
    key,
    file,
    line,
    column: 1,
    endLine: line,
    endColumn: 10,
    test: false,
    dynamic: false,
    via: 'flags.isEnabled($KEY)',
    role: 'evaluate',
    ...extra,
  };
}

function nesting(outer: string, inner: string, file: string, line: number): InventoryNesting {
  return { outer: { key: outer, file, line, column: 1 }, inner: { key: inner, file, line: line + 1, column: 3 }, through: [] };
}

function inventory(references: InventoryReference[], nestings: InventoryNesting[] = []): Inventory {
  return {
    version: 1,
    tool: 'test',
    references,
    nestings,
    problems: [],
    warnings: [],
    skipped: [],
    stats: { files: 1, analysed: 1, skipped: 0 },
  };
}

function manifest(flags: ManifestFlag[]): Manifest {
  return { flags: new Map(flags.map((flag) => [flag.key, flag])), hash: '', format: 'flag-hygiene', positionOf: () => undefined };
}

const EXPIRED: ManifestFlag = {
  key: 'old',
  type: 'release',
  owner: 'team',
  createdAt: '2026-01-01',
  expiresAt: '2026-02-01',
  enabled: true,
  rolloutPercentage: 30,
};

function compare(base: Inventory, head: Inventory, options: { manifest?: Manifest; changed?: Record<string, number[]> } = {}): FlagDiff {
  return compareInventories({
    base: { ref: 'main', commit: 'c0ffee', inventory: base, manifest: options.manifest },
    head: { inventory: head, manifest: options.manifest },
    changedLines: new Map(Object.entries(options.changed ?? {}).map(([file, lines]) => [file, new Set(lines)])),
    today: '2026-11-28',
    policy: {},
  });
}

describe('compareInventories', () => {
  it('leaves "declared" unknown (null) without a manifest, and then no flag is undeclared', () => {
    const diff = compare(inventory([reference('gone', 'a.ts', 1)]), inventory([reference('fresh', 'a.ts', 1)]), {
      changed: { 'a.ts': [1] },
    });
    expect(diff.introduced).toEqual([
      {
        key: 'fresh',
        declared: null,
        declaredAtBase: null,
        type: null,
        owner: null,
        expiresAt: null,
        before: 0,
        after: 1,
        references: [{ file: 'a.ts', line: 1, column: 1, test: false }],
      },
    ]);
    expect(diff.removed).toEqual([
      { key: 'gone', declared: null, before: 1, after: 0, references: [{ file: 'a.ts', line: 1, column: 1, test: false }] },
    ]);
    expect(failingCategories(diff, ['introduced-undeclared'])).toEqual([]);
  });

  it('counts a moved reference to a stale flag as no new use, and lists the new ones by changed lines', () => {
    const base = inventory([reference('old', 'a.ts', 3)]);
    const moved = compare(base, inventory([reference('old', 'a.ts', 9)]), { manifest: manifest([EXPIRED]), changed: { 'a.ts': [1] } });
    expect(moved.addedToStale).toEqual([]);
    const added = compare(base, inventory([reference('old', 'a.ts', 5), reference('old', 'b.ts', 2)]), {
      manifest: manifest([EXPIRED]),
      changed: { 'a.ts': [1, 2], 'b.ts': [2] },
    });
    expect(added.addedToStale).toEqual([
      { key: 'old', reasons: ['expired'], owner: 'team', before: 1, after: 2, added: [{ file: 'b.ts', line: 2, column: 1, test: false }] },
    ]);
  });

  it('finds new nestings by the pair of flags, and new dynamic keys by expression and file', () => {
    const dynamic = (line: number) => reference('`x_${n}`', 'a.ts', line, { dynamic: true });
    const base = inventory(
      [dynamic(2), reference('outer', 'a.ts', 4), reference('inner', 'a.ts', 5)],
      [nesting('outer', 'inner', 'a.ts', 4)],
    );
    const head = inventory(
      [dynamic(3), dynamic(8), reference('outer', 'a.ts', 10), reference('inner', 'a.ts', 11), reference('other', 'a.ts', 12)],
      [nesting('outer', 'inner', 'a.ts', 10), nesting('outer', 'other', 'a.ts', 11)],
    );
    const diff = compare(base, head, { changed: { 'a.ts': [8, 11, 12] } });
    expect(diff.newNestings).toEqual([nesting('outer', 'other', 'a.ts', 11)]);
    expect(diff.newDynamic).toEqual([
      { expression: '`x_${n}`', file: 'a.ts', line: 8, column: 1, test: false, via: 'flags.isEnabled($KEY)' },
    ]);
  });
});

describe('failingCategories', () => {
  const empty: FlagDiff = {
    base: { ref: 'main', commit: 'c0ffee' },
    introduced: [],
    removed: [],
    addedToStale: [],
    newNestings: [],
    newDynamic: [],
  };
  const flag = { key: 'k', declaredAtBase: false, type: null, owner: null, expiresAt: null, before: 0, after: 1, references: [] };
  const ALL: DiffFailCode[] = ['introduced-undeclared', 'added-to-stale', 'new-nesting', 'new-dynamic'];

  it('names each category that has entries, and only those --fail-on lists', () => {
    expect(failingCategories(empty, ALL)).toEqual([]);
    expect(
      failingCategories(
        {
          ...empty,
          introduced: [{ ...flag, declared: true }],
          removed: [{ key: 'r', declared: true, before: 1, after: 0, references: [] }],
        },
        ALL,
      ),
    ).toEqual([]);
    expect(failingCategories({ ...empty, introduced: [{ ...flag, declared: false }] }, ALL)).toEqual(['introduced-undeclared']);
    expect(
      failingCategories({ ...empty, addedToStale: [{ key: 'k', reasons: ['expired'], owner: null, before: 1, after: 2, added: [] }] }, ALL),
    ).toEqual(['added-to-stale']);
    expect(failingCategories({ ...empty, newNestings: [nesting('a', 'b', 'a.ts', 1)] }, ALL)).toEqual(['new-nesting']);
    const dynamic = { ...empty, newDynamic: [{ expression: 'name', file: 'a.ts', line: 1, column: 1, test: false, via: 'v' }] };
    expect(failingCategories(dynamic, ALL)).toEqual(['new-dynamic']);
    expect(failingCategories(dynamic, ['new-nesting'])).toEqual([]);
  });
});
