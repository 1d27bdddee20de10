import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccessorSetting } from '../../src/patterns/index.js';
import { buildReport } from '../../src/report/index.js';
import { evaluation, referenceRows, scanDir } from '../helpers/scanner-fixtures.js';

/*
 * Issue 16, the detector's precision, through the scanner: one site is one reference whatever
 * matched it; a flag catalog and lists of keys are mentions, not uses; keys read off a flags
 * object passed in; a key passed to a closure's parameter is a wrapper's key or dynamic, never
 * nothing. Each case is a small project on disk, scanned as CI would, then reported.
 */

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const MANIFEST_ENTRY = (key: string) => `  ${key}:\n    type: operational\n    owner: web-team\n    createdAt: 2026-01-05\n`;

async function scanCase(files: Readonly<Record<string, string>>, accessors: readonly AccessorSetting[], declared: readonly string[]) {
  const root = mkdtempSync(join(tmpdir(), 'flag-hygiene-precision-'));
  folders.push(root);
  const all: Record<string, string> = {
    ...files,
    'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', accessors, today: '2026-11-28' }),
    'flags.yaml': `flags:\n${declared.map(MANIFEST_ENTRY).join('')}`,
  };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const { inventory, manifest, settings } = await scanDir(root);
  const report = buildReport({ inventory, manifest, today: settings.today, policy: settings.policy, root: settings.root });
  return {
    references: referenceRows(inventory.references),
    unreferenced: report.flags.filter((flag) => flag.reasons.includes('unreferenced')).map((flag) => flag.key),
  };
}

describe('one site, one reference (issue 16 item 3)', () => {
  it('flag({ key: FLAGS.x }) matched by FLAGS.$KEY and by flag({ key: $KEY }) is one reference, the call', async () => {
    const { references } = await scanCase(
      {
        'src/keys.ts': "export const FLAGS = { beta_nav: 'beta_nav' } as const;\n",
        'src/nav.ts': [
          "import { flag } from 'flag-sdk';",
          "import { FLAGS } from './keys';",
          'export const nav = flag({ key: FLAGS.beta_nav }) ? 2 : 1;',
          '',
        ].join('\n'),
      },
      ['FLAGS.$KEY', 'flag({ key: $KEY })'],
      ['beta_nav'],
    );
    expect(references).toEqual([evaluation('src/nav.ts', 3, 32, 'beta_nav', 'flag({ key: $KEY })')]);
  });

  it('an imported wrapper called with FLAGS.x: one reference, via the wrapper', async () => {
    const { references } = await scanCase(
      {
        'src/keys.ts': "export const FLAGS = { beta_nav: 'beta_nav' } as const;\n",
        'src/use-flag.ts': [
          "import { flag } from 'flag-sdk';",
          'export function useFlag(name: string) {',
          '  return flag({ key: name });',
          '}',
          '',
        ].join('\n'),
        'src/nav.ts': [
          "import { FLAGS } from './keys';",
          "import { useFlag } from './use-flag';",
          'export const nav = useFlag(FLAGS.beta_nav as string) ? 2 : 1;',
          '',
        ].join('\n'),
      },
      ['FLAGS.$KEY', 'flag({ key: $KEY })'],
      ['beta_nav'],
    );
    expect(references).toEqual([evaluation('src/nav.ts', 3, 28, 'beta_nav', 'useFlag')]);
  });
});

describe('a flag catalog is not a use (issue 16 item 4)', () => {
  const files = {
    'src/flags.ts': [
      "import { z } from 'zod';",
      "export const FLAGS = { beta_nav: 'beta_nav', dark_mode: 'dark_mode', bulk_edit: 'bulk_edit' };",
      'export const flagSchema = z.object({ [FLAGS.beta_nav]: z.boolean(), [FLAGS.dark_mode]: z.boolean() });',
      'export const ALL_FLAGS = [FLAGS.beta_nav, FLAGS.dark_mode, FLAGS.bulk_edit];',
      'export const DEFAULT_ON = FLAGS.bulk_edit;',
      '',
    ].join('\n'),
    'src/admin.ts': [
      "import { FLAGS } from './flags';",
      'export const adminDefaults = { [FLAGS.dark_mode]: false };',
      'export const adminFlags = [FLAGS.bulk_edit];',
      '',
    ].join('\n'),
    'src/nav.ts': [
      "import { useFlag } from 'flag-sdk';",
      "import { FLAGS } from './flags';",
      'export const nav = useFlag(FLAGS.beta_nav) ? 2 : 1;',
      '',
    ].join('\n'),
  };

  it('the catalog, computed property names and lists of keys keep no flag alive', async () => {
    const { references, unreferenced } = await scanCase(files, ['FLAGS.$KEY'], ['beta_nav', 'bulk_edit', 'dark_mode']);
    expect(references).toEqual([evaluation('src/nav.ts', 3, 34, 'beta_nav', 'FLAGS.$KEY')]);
    expect(unreferenced).toEqual(['bulk_edit', 'dark_mode']);
  });
});

describe('a flags object passed in (issue 16 item 8)', () => {
  it('destructuring from and reading off a parameter every call passes useFlags() to', async () => {
    const nav = [
      "import { useFlags } from 'flag-sdk';",
      'function Nav(flags) {',
      '  const { newNav } = flags;',
      '  return newNav || flags.betaSearch ? 2 : 1;',
      '}',
      'function Count(options) {',
      '  const { oldNav } = options;',
      '  return oldNav;',
      '}',
      'export const page = () => Nav(useFlags()) + Count({ oldNav: 1 });',
      '',
    ].join('\n');
    const { references, unreferenced } = await scanCase({ 'src/nav.ts': nav }, ['useFlags().$KEY'], ['betaSearch', 'newNav', 'oldNav']);
    expect(references).toEqual([
      evaluation('src/nav.ts', 3, 11, 'newNav', 'useFlags().$KEY'),
      evaluation('src/nav.ts', 4, 26, 'betaSearch', 'useFlags().$KEY'),
    ]);
    expect(unreferenced).toEqual(['oldNav']);
  });
});

describe('a key passed to a closure parameter (issue 16 item 12)', () => {
  it('is a wrapper key where every call is seen, and dynamic where the closure is handed out', async () => {
    const hooks = [
      "import { useFlags } from 'flag-sdk';",
      'export function useFeature() {',
      '  const flags = useFlags();',
      '  const isOn = (name: string) => flags[name];',
      '  return isOn;',
      '}',
      'export function useListed(keys: string[]) {',
      '  const flags = useFlags();',
      '  const isOn = (name: string) => flags[name];',
      "  return keys.map(isOn).concat(isOn('beta_nav'));",
      '}',
      'export function useLocal() {',
      '  const flags = useFlags();',
      '  const isOn = (name: string) => flags[name];',
      "  return isOn('dark_mode');",
      '}',
      '',
    ].join('\n');
    const { references } = await scanCase({ 'src/hooks.ts': hooks }, ['useFlags().$KEY'], ['beta_nav', 'dark_mode']);
    expect(references).toEqual([
      evaluation('src/hooks.ts', 4, 40, 'name', 'useFlags().$KEY', { dynamic: true }),
      evaluation('src/hooks.ts', 9, 40, 'name', 'useFlags().$KEY', { dynamic: true }),
      evaluation('src/hooks.ts', 10, 37, 'beta_nav', 'isOn'),
      evaluation('src/hooks.ts', 15, 15, 'dark_mode', 'isOn'),
    ]);
  });
});

describe('object-literal patterns (issue 16 item 6)', () => {
  it('{ flag: $KEY } makes the flag of a route entry a reference, so the flag is in use', async () => {
    const routes = [
      'export const routes = [',
      "  { path: '/replay', flag: 'session_replay', component: 'Replay' },",
      "  { path: '/home', component: 'Home' },",
      '];',
      '',
    ].join('\n');
    const { references, unreferenced } = await scanCase({ 'src/routes.ts': routes }, ['{ flag: $KEY }'], ['old_menu', 'session_replay']);
    expect(references).toEqual([evaluation('src/routes.ts', 2, 28, 'session_replay', '{ flag: $KEY }')]);
    expect(unreferenced).toEqual(['old_menu']);
  });
});

describe('a call of a call result (issue 16 item 7)', () => {
  it('useFlagEvaluator()($KEY) finds the calls of the function the hook returns', async () => {
    const page = [
      "import { useFlagEvaluator } from '@acme/flags';",
      'export function Page() {',
      '  const isOn = useFlagEvaluator();',
      "  if (isOn('new_nav')) return 1;",
      "  return useFlagEvaluator()('dark_mode') ? 2 : 3;",
      '}',
      '',
    ].join('\n');
    const { references, unreferenced } = await scanCase(
      { 'src/page.ts': page },
      ['useFlagEvaluator()($KEY)'],
      ['dark_mode', 'new_nav', 'old_nav'],
    );
    expect(references).toEqual([
      evaluation('src/page.ts', 4, 12, 'new_nav', 'useFlagEvaluator()($KEY)'),
      evaluation('src/page.ts', 5, 29, 'dark_mode', 'useFlagEvaluator()($KEY)'),
    ]);
    expect(unreferenced).toEqual(['old_nav']);
  });
});

describe('a closure returned by a hook of the file (issue 16 item 7)', () => {
  it('is a wrapper: the calls of the const bound to the hook are references, the closure’s key no dynamic one', async () => {
    const page = [
      "import { useFlags } from 'flag-sdk';",
      'function useFlagEvaluator() {',
      '  const flags = useFlags();',
      '  return (name: string) => flags[name];',
      '}',
      'export function Page() {',
      '  const isOn = useFlagEvaluator();',
      "  return isOn('new_nav') ? 1 : 2;",
      '}',
      '',
    ].join('\n');
    const { references } = await scanCase({ 'src/page.ts': page }, ['useFlags().$KEY'], ['new_nav']);
    expect(references).toEqual([evaluation('src/page.ts', 8, 15, 'new_nav', 'useFlagEvaluator()')]);
  });
});

describe('a workspace package is the project’s code (found on GrowthBook)', () => {
  // GrowthBook's front end reads a key constant from its `shared` pnpm workspace package, through
  // the declaration stub of the subpath (`enterprise.d.ts`: `export * from "./src/enterprise"`).
  // The import was taken for an outside package's, and the key for a dynamic one.
  const workspace = {
    'package.json': JSON.stringify({ name: 'app', private: true }),
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    'packages/shared/package.json': JSON.stringify({ name: 'shared', main: 'dist/index.js', types: 'src/index.ts' }),
    'packages/shared/enterprise.d.ts': 'export * from "./src/enterprise";\n',
    'packages/shared/enterprise.js': 'module.exports = require("./dist/enterprise");\n',
    'packages/shared/src/enterprise/index.ts': 'export * from "./pricing-limits";\n',
    'packages/shared/src/enterprise/pricing-limits.ts': 'export const PRICING_FLAG_KEY = "pricing-limits";\n',
    'packages/shared/src/index.ts': 'export * from "./flags";\n',
    'packages/shared/src/flags.ts': [
      "import { useFeatureIsOn } from '@growthbook/growthbook-react';",
      'export function usePricingPage(): boolean {',
      "  return useFeatureIsOn('pricing-page');",
      '}',
      '',
    ].join('\n'),
    'packages/front-end/hooks/useOrgLimits.ts': [
      "import { useFeatureIsOn } from '@growthbook/growthbook-react';",
      "import { PRICING_FLAG_KEY } from 'shared/enterprise';",
      "import { usePricingPage } from 'shared';",
      'export function useOrgLimits() {',
      '  return useFeatureIsOn(PRICING_FLAG_KEY) && usePricingPage();',
      '}',
      '',
    ].join('\n'),
  };

  it('a key constant imported through a declaration stub, and a wrapper exported by the package’s entry', async () => {
    const { references, unreferenced } = await scanCase(workspace, ['useFeatureIsOn($KEY)'], ['pricing-limits', 'pricing-page']);
    expect(references).toEqual([
      evaluation('packages/front-end/hooks/useOrgLimits.ts', 5, 25, 'pricing-limits', 'useFeatureIsOn($KEY)'),
      evaluation('packages/front-end/hooks/useOrgLimits.ts', 5, 46, 'pricing-page', 'usePricingPage', { indirect: true }),
      evaluation('packages/shared/src/flags.ts', 3, 25, 'pricing-page', 'useFeatureIsOn($KEY)'),
    ]);
    expect(unreferenced).toEqual([]);
  });

  it('without the workspace file, `shared` is an outside package: the key stays dynamic', async () => {
    const { 'pnpm-workspace.yaml': _dropped, ...files } = workspace;
    const { references } = await scanCase(files, ['useFeatureIsOn($KEY)'], ['pricing-limits', 'pricing-page']);
    expect(references.filter((row) => row.file.includes('front-end'))).toEqual([
      { ...evaluation('packages/front-end/hooks/useOrgLimits.ts', 5, 25, 'PRICING_FLAG_KEY', 'useFeatureIsOn($KEY)'), dynamic: true },
    ]);
  });
});
