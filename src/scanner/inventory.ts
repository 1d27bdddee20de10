import type { AccessorRole } from '../patterns/index.js';
import type { OverrideState } from '../detect/facts.js';
import type { FallbackProblemKind } from '../detect/fallback.js';

/** One flag reference, as `scan --format json` prints it (the contracts' fields first). */
export interface InventoryReference {
  /** The key; for a dynamic reference, the expression as written. */
  key: string;
  file: string;
  line: number;
  column: number;
  test: boolean;
  dynamic: boolean;
  /** The accessor pattern or the wrapper function that made it a reference. */
  via: string;
  role: AccessorRole;
  /** For overrides: the state a test forces. */
  state?: OverrideState;
  /** The key is not written here (a call of a wrapper with a fixed key). */
  indirect?: boolean;
  endLine: number;
  endColumn: number;
  /** The key as written when a key-case alias mapped it to the manifest's key. */
  writtenKey?: string;
}

export interface InventoryLocation {
  key: string;
  file: string;
  line: number;
  column: number;
}

/** One flag checked in code controlled by another, possibly through calls into other files. */
export interface InventoryNesting {
  outer: InventoryLocation;
  inner: InventoryLocation;
  /** Functions on the way from the outer region to the inner check (`helper` or `flags.ts#useCheckout`). */
  through: string[];
  /** The call in the outer region, when the inner check is reached through calls. */
  call?: { file: string; line: number; column: number };
}

/** A flag whose off path yields nothing usable (the require-flag-fallback findings). */
export interface InventoryProblem {
  code: 'missing-fallback';
  kind: FallbackProblemKind;
  key: string;
  file: string;
  line: number;
  column: number;
}

export interface InventoryWarning {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/**
 * A file the scan did not read or would not parse (unreadable, binary, not UTF-8, too large,
 * minified), or a folder it could not list: flag checks in it are not in the inventory.
 */
export interface InventorySkipped {
  file: string;
  /** Why, as words that follow the path: `is binary (contains NUL bytes)`. */
  reason: string;
  /** A folder (none of its files was scanned), not a file. */
  folder?: true;
}

/** What a scan found; shards' inventories merge into the whole (`report --inventory a.json b.json`). */
export interface Inventory {
  version: 1;
  tool: string;
  /** Shard `i/n` this inventory covers, when sharded. */
  shard?: string;
  /** The files or folders scanned, when the scan did not cover the whole configured codebase. */
  paths?: string[];
  references: InventoryReference[];
  nestings: InventoryNesting[];
  problems: InventoryProblem[];
  warnings: InventoryWarning[];
  /** What was not scanned, by path; `stats.skipped` counts its files. */
  skipped: InventorySkipped[];
  stats: { files: number; analysed: number; skipped: number };
}

function compareLocation(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** Puts an inventory's lists in their canonical order, so equal scans print equal bytes. */
export function sortInventory(inventory: Inventory): Inventory {
  inventory.references.sort((a, b) => compareLocation(a, b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  inventory.nestings.sort((a, b) => compareLocation(a.inner, b.inner) || compareLocation(a.outer, b.outer));
  inventory.problems.sort((a, b) => compareLocation(a, b) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  inventory.warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  inventory.skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return inventory;
}

/** Merges shard inventories into one; the shards cover disjoint files, so this is a union. */
export function mergeInventories(inventories: readonly Inventory[]): Inventory {
  const merged: Inventory = {
    version: 1,
    tool: inventories[0]?.tool ?? '',
    references: [],
    nestings: [],
    problems: [],
    warnings: [],
    skipped: [],
    stats: { files: 0, analysed: 0, skipped: 0 },
  };
  const seen = new Set<string>();
  const shards = new Set(inventories.map((inventory) => inventory.shard));
  const counts = new Set(inventories.map((inventory) => inventory.shard?.split('/')[1]));
  const paths = inventories.flatMap((inventory) => inventory.paths ?? []);
  if (paths.length > 0) merged.paths = [...new Set(paths)];
  // All shards of one split make the whole; anything less stays partial.
  const [count] = [...counts];
  const complete = !shards.has(undefined) ? counts.size === 1 && count !== undefined && shards.size === Number(count) : shards.size === 1;
  if (!complete)
    merged.shard =
      [...shards]
        .filter((shard) => shard !== undefined)
        .sort()
        .join(',') || 'partial';
  for (const inventory of inventories) {
    // One at a time: a shard's hundred thousand references spread into push() would overflow the stack.
    for (const reference of inventory.references) merged.references.push(reference);
    for (const nesting of inventory.nestings) {
      const id = JSON.stringify(nesting);
      if (!seen.has(id)) {
        seen.add(id);
        merged.nestings.push(nesting);
      }
    }
    for (const problem of inventory.problems) merged.problems.push(problem);
    for (const warning of inventory.warnings) merged.warnings.push(warning);
    for (const skipped of inventory.skipped) merged.skipped.push(skipped);
    merged.stats.files += inventory.stats.files;
    merged.stats.analysed += inventory.stats.analysed;
    merged.stats.skipped += inventory.stats.skipped;
  }
  return sortInventory(merged);
}
