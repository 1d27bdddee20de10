import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InventoryNesting, InventoryReference } from '../../src/scanner/inventory.js';
import { scanProject, type ScanOptions, type ScanResult } from '../../src/scanner/scan.js';

/*
 * Helpers for the scanner's tests: the fixture codebases under fixtures/, scanned the way CI
 * would, and references reduced to the fields the contracts name.
 */

export const FIXTURES_ROOT = fileURLToPath(new URL('../../fixtures', import.meta.url));

export function fixtureDir(name: string): string {
  return join(FIXTURES_ROOT, name);
}

/** Every fixture codebase, including the ones added after these tests were written. */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_ROOT)
    .filter((name) => statSync(join(FIXTURES_ROOT, name)).isDirectory())
    .sort();
}

/** Scans a folder with no cache and no worker threads (the defaults CI would change are pinned). */
export function scanDir(dir: string, options: Omit<ScanOptions, 'cwd'> = {}): Promise<ScanResult> {
  return scanProject({ cwd: dir, cache: false, workers: 0, ...options });
}

export function scanFixture(name: string, options: Omit<ScanOptions, 'cwd'> = {}): Promise<ScanResult> {
  return scanDir(fixtureDir(name), options);
}

/** A reference as `scan --format json` describes it, without the end position. */
export type ReferenceRow = Omit<InventoryReference, 'endLine' | 'endColumn'>;

export function referenceRow(reference: InventoryReference): ReferenceRow {
  const row: ReferenceRow = {
    key: reference.key,
    file: reference.file,
    line: reference.line,
    column: reference.column,
    test: reference.test,
    dynamic: reference.dynamic,
    via: reference.via,
    role: reference.role,
  };
  if (reference.state !== undefined) row.state = reference.state;
  if (reference.indirect) row.indirect = true;
  return row;
}

export function referenceRows(references: readonly InventoryReference[]): ReferenceRow[] {
  return references.map(referenceRow);
}

/** An expected evaluation: defaults for the fields most references share. */
export function evaluation(
  file: string,
  line: number,
  column: number,
  key: string,
  via: string,
  extra: Partial<ReferenceRow> = {},
): ReferenceRow {
  return { key, file, line, column, test: false, dynamic: false, via, role: 'evaluate', ...extra };
}

/** An expected override in a test file. */
export function override(
  file: string,
  line: number,
  column: number,
  key: string,
  state: 'on' | 'off' | 'unknown',
  via: string,
  extra: Partial<ReferenceRow> = {},
): ReferenceRow {
  return { key, file, line, column, test: true, dynamic: false, via, role: 'override', state, ...extra };
}

/** A nesting as one line: `outer@file:line:col > inner@file:line:col through a > b (call file:line:col)`. */
export function nestingLine(nesting: InventoryNesting): string {
  const at = (location: { file: string; line: number; column: number }) => `${location.file}:${location.line}:${location.column}`;
  const through = nesting.through.length === 0 ? '' : ` through ${nesting.through.join(' > ')}`;
  const call = nesting.call === undefined ? '' : ` (call ${at(nesting.call)})`;
  return `${nesting.outer.key}@${at(nesting.outer)} > ${nesting.inner.key}@${at(nesting.inner)}${through}${call}`;
}

/** The SDK seed preset's two evaluation patterns and its override, as `via` names them. */
export const VIA = {
  get: 'flags.get($KEY)',
  isFeatureEnabled: 'isFeatureEnabled(flags.get($KEY), …)',
  override: 'flags.override($KEY, $STATE)',
} as const;

/** A private copy of a fixture in a temporary folder (without caches), for tests that change files. */
export interface FixtureCopy {
  dir: string;
  cleanup(): void;
}

export function copyFixture(name: string): FixtureCopy {
  const parent = realpathSync(mkdtempSync(join(tmpdir(), `flag-hygiene-${name}-`)));
  const dir = join(parent, name);
  cpSync(fixtureDir(name), dir, { recursive: true, filter: (source) => basename(source) !== 'node_modules' });
  return { dir, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}

/** An old time, for files the facts cache should take as unchanged since long before a scan. */
export const LONG_AGO = new Date('2026-01-01T00:00:00Z');

/**
 * Sets the times of a folder and everything under it back to LONG_AGO: written moments before a
 * scan, files are "racily" fresh, and the cache reads them again rather than trust their stamps.
 */
export function backdate(path: string): void {
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) backdate(join(path, name));
  utimesSync(path, LONG_AGO, LONG_AGO);
}

export function temporaryDir(prefix: string): FixtureCopy {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `flag-hygiene-${prefix}-`)));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Whether this process can read a file whatever its mode (root can). */
export function readsDespiteMode(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}
