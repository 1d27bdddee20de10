import type { PolicySettings } from '../config/schema.js';
import type { DiffFailCode } from './codes.js';
import type { IsoDate } from '../dates.js';
import { assessFlag, type RemovalReason } from '../manifest/policy.js';
import type { FlagType } from '../manifest/schema.js';
import type { Manifest } from '../manifest/types.js';
import { isChanged, type ChangedLines } from '../report/changed-lines.js';
import type { Inventory, InventoryLocation, InventoryReference } from '../scanner/inventory.js';

export interface DiffReference {
  file: string;
  line: number;
  column: number;
  test: boolean;
}

/** A key with references now and none at the base. */
export interface IntroducedFlag {
  key: string;
  /** In the working tree's manifest; null when no manifest is configured. */
  declared: boolean | null;
  /** In the base's manifest; null when the base has no manifest. */
  declaredAtBase: boolean | null;
  type: FlagType | null;
  owner: string | null;
  expiresAt: IsoDate | null;
  before: number;
  after: number;
  references: DiffReference[];
}

/** A key with references at the base and none now: its manifest entry can go. */
export interface RemovedFlag {
  key: string;
  declared: boolean | null;
  before: number;
  after: number;
  /** Where the base referenced it (the base's lines). */
  references: DiffReference[];
}

/** A flag ready for removal that has more references now than at the base. */
export interface StaleFlagUse {
  key: string;
  reasons: RemovalReason[];
  owner: string | null;
  before: number;
  after: number;
  /** Its references on lines the change added or edited. */
  added: DiffReference[];
}

/** A nesting of two flags that the base had nowhere. */
export interface NewNesting {
  outer: InventoryLocation;
  inner: InventoryLocation;
  through: string[];
}

/** A flag read whose key cannot be resolved, beyond those the base had in that file. */
export interface NewDynamicKey {
  expression: string;
  file: string;
  line: number;
  column: number;
  test: boolean;
  via: string;
}

/** What a change does to the flags (`flag-hygiene diff --format json`). */
export interface FlagDiff {
  base: { ref: string; commit: string };
  introduced: IntroducedFlag[];
  removed: RemovedFlag[];
  addedToStale: StaleFlagUse[];
  newNestings: NewNesting[];
  newDynamic: NewDynamicKey[];
}

export interface CompareInput {
  base: { ref: string; commit: string; inventory: Inventory; manifest: Manifest | undefined };
  head: { inventory: Inventory; manifest: Manifest | undefined };
  /** Lines changed since the base (paths as the inventories write them): which references are the new ones. */
  changedLines: ChangedLines;
  today: IsoDate;
  policy: PolicySettings;
}

/** The codes `diff --fail-on` takes, one per category that can fail a build. */

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLocation(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function toDiffReference({ file, line, column, test }: InventoryReference): DiffReference {
  return { file, line, column, test };
}

/**
 * Of a group of references that grew, the ones on changed lines: line numbers move, so the new
 * ones are told from the old by the change's own lines. When none is on a changed line (a call of
 * a fixed-key wrapper moved in), the whole group.
 */
function newOf(references: readonly InventoryReference[], changed: ChangedLines): InventoryReference[] {
  const onChangedLines = references.filter((reference) => isChanged(changed, reference.file, reference.line));
  return onChangedLines.length > 0 ? onChangedLines : [...references];
}

/**
 * Compares the inventories of the base and the working tree. A reference is any read of the key
 * whose key resolves (evaluations and test overrides, in tests or not); counts are per key over the
 * whole scan. Pure: everything it knows comes in as arguments.
 */
export function compareInventories(input: CompareInput): FlagDiff {
  const { base, head, changedLines } = input;
  const staticReferences = (inventory: Inventory) =>
    groupBy(
      inventory.references.filter((reference) => !reference.dynamic),
      (reference) => reference.key,
    );
  const before = staticReferences(base.inventory);
  const after = staticReferences(head.inventory);
  const declaredIn = (manifest: Manifest | undefined, key: string) => (manifest === undefined ? null : manifest.flags.has(key));

  const introduced: IntroducedFlag[] = [];
  const addedToStale: StaleFlagUse[] = [];
  for (const key of [...after.keys()].sort(compareText)) {
    const now = after.get(key)!;
    const then = before.get(key) ?? [];
    const entry = head.manifest?.flags.get(key);
    if (then.length === 0) {
      introduced.push({
        key,
        declared: declaredIn(head.manifest, key),
        declaredAtBase: declaredIn(base.manifest, key),
        type: entry?.type ?? null,
        owner: entry?.owner ?? null,
        expiresAt: entry?.expiresAt ?? null,
        before: 0,
        after: now.length,
        references: now.map(toDiffReference),
      });
    }
    if (entry !== undefined && now.length > then.length) {
      // Only what the manifest and today decide: a flag with new references is not unreferenced.
      const { reasons } = assessFlag(entry, { today: input.today, policy: input.policy });
      if (reasons.length > 0) {
        addedToStale.push({
          key,
          reasons,
          owner: entry.owner ?? null,
          before: then.length,
          after: now.length,
          added: newOf(now, changedLines).map(toDiffReference),
        });
      }
    }
  }

  const removed: RemovedFlag[] = [...before.keys()]
    .filter((key) => !after.has(key))
    .sort(compareText)
    .map((key) => ({
      key,
      declared: declaredIn(head.manifest, key),
      before: before.get(key)!.length,
      after: 0,
      references: before.get(key)!.map(toDiffReference),
    }));

  const pair = (nesting: { outer: { key: string }; inner: { key: string } }) => JSON.stringify([nesting.outer.key, nesting.inner.key]);
  const basePairs = new Set(base.inventory.nestings.map(pair));
  const newNestings: NewNesting[] = head.inventory.nestings
    .filter((nesting) => !basePairs.has(pair(nesting)))
    .map(({ outer, inner, through }) => ({ outer: { ...outer }, inner: { ...inner }, through: [...through] }))
    .sort((a, b) => compareLocation(a.inner, b.inner) || compareLocation(a.outer, b.outer));

  // Dynamic keys have no key to count by: the expression as written, per file.
  const dynamicEvaluations = (inventory: Inventory) =>
    groupBy(
      inventory.references.filter((reference) => reference.dynamic && reference.role === 'evaluate'),
      (reference) => JSON.stringify([reference.file, reference.key]),
    );
  const baseDynamic = dynamicEvaluations(base.inventory);
  const newDynamic: NewDynamicKey[] = [];
  for (const [group, now] of dynamicEvaluations(head.inventory)) {
    if (now.length <= (baseDynamic.get(group)?.length ?? 0)) continue;
    for (const reference of newOf(now, changedLines)) {
      newDynamic.push({
        expression: reference.key,
        file: reference.file,
        line: reference.line,
        column: reference.column,
        test: reference.test,
        via: reference.via,
      });
    }
  }
  newDynamic.sort((a, b) => compareLocation(a, b) || compareText(a.expression, b.expression));

  return { base: { ref: base.ref, commit: base.commit }, introduced, removed, addedToStale, newNestings, newDynamic };
}

/** The categories `--fail-on` names that the diff has entries in. */
export function failingCategories(diff: FlagDiff, failOn: readonly DiffFailCode[]): DiffFailCode[] {
  const present: Record<DiffFailCode, boolean> = {
    'introduced-undeclared': diff.introduced.some((flag) => flag.declared === false),
    'added-to-stale': diff.addedToStale.length > 0,
    'new-nesting': diff.newNestings.length > 0,
    'new-dynamic': diff.newDynamic.length > 0,
  };
  return failOn.filter((code) => present[code]);
}
