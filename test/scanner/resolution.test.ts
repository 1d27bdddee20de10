import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  copyFixture,
  evaluation,
  override,
  referenceRows,
  scanDir,
  scanFixture,
  VIA,
  type FixtureCopy,
  type ReferenceRow,
} from '../helpers/scanner-fixtures.js';

/*
 * fixtures/resolution: keys written as consts, an enum, an `as const` object and a frozen object
 * in src/flags/keys.ts, read through relative imports, the src/flags barrel (`export *` and a
 * renamed re-export), the `@flags/*` path alias and a namespace import; one key no one can know
 * statically; and files that must not be scanned (an excluded folder, a .d.ts, git-ignored files).
 */

const FIXTURE = 'resolution';

const PROCESS_PAYMENT = evaluation('src/payments/process-payment.ts', 9, 54, 'new_payment_processor', VIA.isFeatureEnabled);
const REFUNDS = evaluation('src/payments/refunds.ts', 6, 55, 'new_payment_processor', VIA.isFeatureEnabled);
const CIRCUIT_BREAKER = evaluation('src/integrations/external-api.ts', 25, 17, 'external_api_circuit_breaker', VIA.get);
const READ_ONLY = evaluation('src/orders/save-order.ts', 10, 17, 'read_only_mode', VIA.get);
const RECOMMENDATIONS = evaluation('src/recommendations/get-recommendations.ts', 13, 54, 'recommendation_v2', VIA.isFeatureEnabled);
const SEARCH = evaluation('src/search/search.ts', 14, 34, 'search_reranker_v3', VIA.isFeatureEnabled);
const BULK_IMPORT = evaluation('src/billing/bulk-import.ts', 9, 37, 'bulk_import', VIA.isFeatureEnabled);
const SCRIPT = evaluation('scripts/rollout-status.mts', 4, 29, 'new_payment_processor', VIA.get);
const DYNAMIC = evaluation('src/admin/flag-states.ts', 7, 29, 'key', VIA.get, { dynamic: true });
const TEST_OVERRIDES = [
  override('test/payments.test.ts', 14, 20, 'new_payment_processor', 'on', VIA.override),
  override('test/payments.test.ts', 19, 20, 'new_payment_processor', 'off', VIA.override),
  override('test/payments.test.ts', 24, 20, 'external_api_circuit_breaker', 'off', VIA.override),
];

/** Every reference of the fixture, in the inventory's order (file, line, column). */
const ALL_REFERENCES: ReferenceRow[] = [
  SCRIPT,
  DYNAMIC,
  BULK_IMPORT,
  CIRCUIT_BREAKER,
  READ_ONLY,
  PROCESS_PAYMENT,
  REFUNDS,
  RECOMMENDATIONS,
  SEARCH,
  ...TEST_OVERRIDES,
];

/** The files the default include globs select, minus legacy/** (excluded) and the .d.ts. */
const INCLUDED_FILES = 16;

const copies: FixtureCopy[] = [];

function copy(): FixtureCopy {
  const created = copyFixture(FIXTURE);
  copies.push(created);
  return created;
}

afterEach(() => {
  for (const created of copies.splice(0)) created.cleanup();
});

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

describe('key resolution across files', () => {
  it.each([
    ['a const imported by a relative path', PROCESS_PAYMENT],
    ['a renamed re-export of the barrel (`export { X as Y }`)', REFUNDS],
    ['an enum member through the barrel’s `export *`', CIRCUIT_BREAKER],
    ['an enum imported under another name through the path alias', READ_ONLY],
    ['an `as const` object imported through the path alias', RECOMMENDATIONS],
    ['a namespace import through the path alias', SEARCH],
    ['a renamed re-export, imported with a .js extension into an .mts script', SCRIPT],
    ['an Object.freeze object through the barrel’s `export *`', BULK_IMPORT],
  ])('%s', async (_description, expected) => {
    const { inventory } = await scanFixture(FIXTURE);
    expect(
      referenceRows(inventory.references.filter((reference) => reference.file === expected.file && reference.role === 'evaluate')),
    ).toEqual([expected]);
  });

  it('a key that cannot be known statically is a dynamic reference with its text, never a guess', async () => {
    const { inventory } = await scanFixture(FIXTURE);
    expect(referenceRows(inventory.references.filter((reference) => reference.dynamic))).toEqual([DYNAMIC]);
  });

  it('overrides in test files resolve their keys the same way and carry the state they force', async () => {
    const { inventory } = await scanFixture(FIXTURE);
    expect(referenceRows(inventory.references.filter((reference) => reference.test))).toEqual(TEST_OVERRIDES);
  });

  it('finds exactly these references, nothing in excluded files, and reports no problem with the files', async () => {
    const { inventory } = await scanFixture(FIXTURE);
    expect(referenceRows(inventory.references)).toEqual(ALL_REFERENCES);
    expect(inventory.warnings).toEqual([]);
    expect(inventory.stats.files).toBe(INCLUDED_FILES);
    expect(inventory.stats.skipped).toBe(0);
  });

  it('without the tsconfig paths, aliased imports stay unresolved: dynamic references with the key as written', async () => {
    const { dir } = copy();
    rmSync(join(dir, 'tsconfig.json'));
    const { inventory } = await scanDir(dir);
    const aliased = ['src/orders/save-order.ts', 'src/recommendations/get-recommendations.ts', 'src/search/search.ts'];
    expect(referenceRows(inventory.references.filter((reference) => aliased.includes(reference.file)))).toEqual([
      { ...READ_ONLY, key: 'Ops.ReadOnlyMode', dynamic: true },
      { ...RECOMMENDATIONS, key: 'EXPERIMENTS.recommendations', dynamic: true },
      { ...SEARCH, key: 'keys.EXPERIMENTS.searchRanking', dynamic: true },
    ]);
  });
});

describe('key resolution through types (types: true, --types)', () => {
  const TYPED = [
    "import { flags } from '../flags';",
    '',
    "type Checkout = 'new_checkout';",
    'declare function currentKey(): Checkout;',
    'export function checkoutOn(): boolean {',
    '  return flags.get(currentKey())?.enabled ?? false;',
    '}',
    '',
  ].join('\n');
  const TYPED_ROW = evaluation('src/admin/typed.ts', 6, 20, 'new_checkout', VIA.get);

  it('a key whose type is a single string literal is that key; a string stays dynamic', async () => {
    const { dir } = copy();
    write(dir, 'src/admin/typed.ts', TYPED);
    const { inventory } = await scanDir(dir, { types: true });
    expect(referenceRows(inventory.references.filter((reference) => reference.file.startsWith('src/admin/')))).toEqual([
      DYNAMIC,
      TYPED_ROW,
    ]);
  });

  it('without it, the same key is dynamic, with its text', async () => {
    const { dir } = copy();
    write(dir, 'src/admin/typed.ts', TYPED);
    const { inventory } = await scanDir(dir);
    expect(referenceRows(inventory.references.filter((reference) => reference.file === 'src/admin/typed.ts'))).toEqual([
      { ...TYPED_ROW, key: 'currentKey()', dynamic: true },
    ]);
  });
});

describe('which files are scanned', () => {
  it('ignores what .gitignore files ignore, at the root and in subfolders', async () => {
    const { dir } = copy();
    // Files the fixture's .gitignore files ignore: they exist in a working tree, never in a clone.
    write(
      dir,
      'src/generated/flag-defaults.ts',
      "import { flags } from '../flags/store';\n\nexport const defaults = { snapshot_banner: flags.get('snapshot_banner')?.enabled ?? false };\n",
    );
    write(
      dir,
      'src/payments/sandbox.local.ts',
      "import { flags } from '../flags/store';\n\nexport const sandbox = flags.get('sandbox_gateway');\n",
    );
    const { inventory } = await scanDir(dir);
    expect(referenceRows(inventory.references)).toEqual(ALL_REFERENCES);
    expect(inventory.stats.files).toBe(INCLUDED_FILES);
  });

  it('the excluded folder and the declaration file would have references if they were included', async () => {
    const { dir } = copy();
    const config = JSON.parse(readFileSync(join(dir, 'flag-hygiene.config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'flag-hygiene.config.json'), JSON.stringify({ ...config, exclude: ['**/node_modules/**'] }));
    const { inventory } = await scanDir(dir);
    expect(referenceRows(inventory.references.filter((reference) => reference.file.startsWith('legacy/')))).toEqual([
      evaluation('legacy/old-checkout.js', 5, 17, 'legacy_checkout', VIA.get),
    ]);
    // A .d.ts is never source, whatever the globs say.
    expect(inventory.stats.files).toBe(INCLUDED_FILES + 1);
  });

  it('honours the include globs: only src/**/*.ts, so no test file and no script', async () => {
    const { dir } = copy();
    const config = JSON.parse(readFileSync(join(dir, 'flag-hygiene.config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'flag-hygiene.config.json'), JSON.stringify({ ...config, include: ['src/**/*.ts'] }));
    const { inventory } = await scanDir(dir);
    expect(referenceRows(inventory.references)).toEqual(ALL_REFERENCES.filter((reference) => reference.file.startsWith('src/')));
    expect(inventory.stats.files).toBe(INCLUDED_FILES - 2);
  });

  it('given paths, scans only those files and folders, still resolving keys defined elsewhere', async () => {
    const { inventory } = await scanFixture(FIXTURE, { paths: ['src/payments', 'src/search/search.ts'] });
    expect(inventory.paths).toEqual(['src/payments', 'src/search/search.ts']);
    expect(referenceRows(inventory.references)).toEqual([PROCESS_PAYMENT, REFUNDS, SEARCH]);
  });
});
