import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceBucket } from '../helpers/murmur-reference.js';
import { REPO_ROOT, requireBuiltPlugin, temporaryFolder } from '../helpers/eslint-cli.js';

/*
 * CONTRACTS.md, Package: what `import … from 'eslint-plugin-flag-hygiene…'` gives a user. Every
 * import here goes through the package's own `exports` map (Node resolves a package's name from
 * inside the package to itself), so it loads the built files npm would publish.
 */

interface PackageJson {
  name: string;
  version: string;
  type: string;
  exports: Record<string, string | { types: string; default: string } | Record<'import' | 'require', { types: string; default: string }>>;
  bin: Record<string, string>;
  files: string[];
}

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
const work = temporaryFolder('exports');

beforeAll(() => requireBuiltPlugin());
afterAll(() => work.cleanup());

describe('package.json', () => {
  it('is the ESM package eslint-plugin-flag-hygiene with the contracts’ entry points, each built with its types', () => {
    expect(pkg.name).toBe('eslint-plugin-flag-hygiene');
    expect(pkg.type).toBe('module');
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './evaluator', './manifest', './package.json', './scanner']);
    for (const [subpath, entry] of Object.entries(pkg.exports)) {
      if (typeof entry === 'string') {
        expect(existsSync(join(REPO_ROOT, entry)), subpath).toBe(true);
        continue;
      }
      // The plugin has an import and a require condition; every other entry point is ESM only.
      const targets = 'import' in entry ? [entry.import, entry.require] : [entry];
      for (const target of targets) {
        expect(existsSync(join(REPO_ROOT, target.default)), `${subpath} → ${target.default}`).toBe(true);
        expect(existsSync(join(REPO_ROOT, target.types)), `${subpath} → ${target.types}`).toBe(true);
        expect(
          pkg.files.some((folder) => target.default.startsWith(`./${folder}/`)),
          `${subpath} is published`,
        ).toBe(true);
      }
    }
  });

  it('has the flag-hygiene bin, an executable Node script', () => {
    const bin = pkg.bin['flag-hygiene'];
    expect(bin).toBeDefined();
    expect(readFileSync(join(REPO_ROOT, bin!), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('resolves each entry point with plain Node (no test runner in between) and keeps the rest private', () => {
    const script = [
      "const entries = ['eslint-plugin-flag-hygiene', 'eslint-plugin-flag-hygiene/evaluator', 'eslint-plugin-flag-hygiene/manifest', 'eslint-plugin-flag-hygiene/scanner'];",
      'const resolved = {};',
      'for (const entry of entries) resolved[entry] = import.meta.resolve(entry);',
      "let privateImport = 'resolved';",
      "try { await import('eslint-plugin-flag-hygiene/dist/src/cli/main.js'); } catch (error) { privateImport = error.code; }",
      'console.log(JSON.stringify({ resolved, privateImport }));',
    ].join('\n');
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(result.stderr).toBe('');
    const { resolved, privateImport } = JSON.parse(result.stdout) as { resolved: Record<string, string>; privateImport: string };
    const built = (path: string) => pathToFileURL(join(REPO_ROOT, path)).href;
    expect(resolved).toEqual({
      'eslint-plugin-flag-hygiene': built('dist/src/index.js'),
      'eslint-plugin-flag-hygiene/evaluator': built('dist/src/evaluator/index.js'),
      'eslint-plugin-flag-hygiene/manifest': built('dist/src/manifest/index.js'),
      'eslint-plugin-flag-hygiene/scanner': built('dist/src/scanner/index.js'),
    });
    expect(privateImport).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});

describe("require('eslint-plugin-flag-hygiene')", () => {
  it('gives the plugin itself, the very object import gives (an eslint.config.cjs or .eslintrc.js needs no .default)', () => {
    const script = [
      "const required = require('eslint-plugin-flag-hygiene');",
      "import('eslint-plugin-flag-hygiene').then(({ default: imported }) => {",
      '  console.log(JSON.stringify({ same: required === imported, configs: Object.keys(required.configs), rules: Object.keys(required.rules).length }));',
      '});',
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      same: true,
      configs: ['recommended', 'recommended-legacy', 'strict', 'strict-legacy', 'all', 'all-legacy'],
      rules: 9,
    });
  });
});

describe("import plugin from 'eslint-plugin-flag-hygiene'", () => {
  it('is { meta: { name, version }, rules, configs } with the contracts’ rules and configs', async () => {
    const { default: plugin } = await import('eslint-plugin-flag-hygiene');
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version });
    expect(Object.keys(plugin.rules).sort()).toEqual([
      'deterministic-flag-context',
      'no-dynamic-flag-key',
      'no-expired-flag',
      'no-nested-flags',
      'no-remote-kill-switch',
      'no-stale-flag',
      'no-undeclared-flag',
      'require-flag-decision-log',
      'require-flag-fallback',
    ]);
    for (const name of ['recommended', 'strict', 'all'] as const) expect(plugin.configs[name].plugins?.['flag-hygiene']).toBe(plugin);
    expect(typeof plugin.settings).toBe('function');
  });

  it('lints a tiny file with configs.recommended alone', async () => {
    const { default: plugin } = await import('eslint-plugin-flag-hygiene');
    const code = [
      "if (isFeatureEnabled(flags.get('flag_a'), ctx)) {",
      "  if (isFeatureEnabled(flags.get('flag_b'), ctx)) run();",
      '}',
      '',
    ].join('\n');
    const messages = new Linter({ cwd: work.dir }).verify(
      code,
      [plugin.configs.recommended as unknown as Linter.Config],
      join(work.dir, 'checkout.ts'),
    );
    expect(messages.map(({ ruleId, messageId, line, column }) => ({ ruleId, messageId, line, column }))).toEqual([
      { ruleId: 'flag-hygiene/no-nested-flags', messageId: 'nestedFlag', line: 2, column: 7 },
    ]);
  });
});

describe("'eslint-plugin-flag-hygiene/evaluator'", () => {
  it('bucket(flagKey, unitId): MurmurHash3 of `key:unit`, modulo 100, plus one', async () => {
    const { bucket } = await import('eslint-plugin-flag-hygiene/evaluator');
    for (const [key, unit] of [
      ['new_payment_processor', 'customer-42'],
      ['recommendation_v2', 'user-7'],
      ['k', ''],
    ] as const) {
      expect(bucket(key, unit), `${key}:${unit}`).toBe(referenceBucket(key, unit));
    }
  });

  it('isFeatureEnabled(flag, context): kill switch, enabled, segments, then the rollout bucket', async () => {
    const { bucket, isFeatureEnabled } = await import('eslint-plugin-flag-hygiene/evaluator');
    const at = referenceBucket('new_payment_processor', 'customer-42');
    const flag = { key: 'new_payment_processor', enabled: true, rolloutPercentage: at, killSwitch: false };
    const context = { userId: 'customer-42' };
    expect(bucket(flag.key, context.userId)).toBe(at);
    expect(isFeatureEnabled(flag, context)).toBe(true);
    expect(isFeatureEnabled({ ...flag, rolloutPercentage: at - 1 }, context)).toBe(false);
    expect(isFeatureEnabled({ ...flag, rolloutPercentage: 100, killSwitch: true }, context)).toBe(false);
    expect(isFeatureEnabled({ ...flag, rolloutPercentage: 100, enabled: false }, context)).toBe(false);
    expect(isFeatureEnabled({ ...flag, rolloutPercentage: 100, targetSegments: ['beta'] }, context)).toBe(false);
    expect(isFeatureEnabled({ ...flag, rolloutPercentage: 100, targetSegments: ['beta'] }, { ...context, segment: 'beta' })).toBe(true);
  });

  it('createFlagStore(flags): local lookups, overrides for tests, and a record of each decision', async () => {
    const { createFlagStore } = await import('eslint-plugin-flag-hygiene/evaluator');
    const store = createFlagStore([{ key: 'express_pay', enabled: true, rolloutPercentage: 0, killSwitch: false }], {
      now: () => new Date('2026-11-28T10:00:00Z'),
    });
    expect(store.get('express_pay')?.rolloutPercentage).toBe(0);
    expect(store.isEnabled('express_pay', { userId: 'u1' })).toBe(false);
    store.override('express_pay', true);
    expect(store.isEnabled('express_pay', { userId: 'u1' })).toBe(true);
    expect(store.isEnabled('missing_flag', { userId: 'u1' })).toBe(false);
    expect(store.evaluations().map(({ key, enabled, reason, overridden }) => ({ key, enabled, reason, overridden }))).toEqual([
      { key: 'express_pay', enabled: false, reason: 'rollout', overridden: false },
      { key: 'express_pay', enabled: true, reason: 'rollout', overridden: true },
      { key: 'missing_flag', enabled: false, reason: 'missing', overridden: false },
    ]);
    expect(store.lastEvaluated()).toEqual({ express_pay: '2026-11-28', missing_flag: '2026-11-28' });
    store.reset();
    expect(store.isEnabled('express_pay', { userId: 'u1' })).toBe(false);
  });
});

const MANIFEST = [
  'flags:',
  '  new_payment_processor:',
  '    type: release',
  '    owner: payments-team',
  '    createdAt: 2026-05-01',
  '    expiresAt: 2026-08-01',
  '    ticket: PAY-123',
  '    enabled: true',
  '    rolloutPercentage: 100',
  '  external_api_circuit_breaker:',
  '    type: operational',
  '    owner: platform-team',
  '    createdAt: 2026-03-02',
  '    enabled: true',
  '    killSwitch: false',
  '',
].join('\n');

describe("'eslint-plugin-flag-hygiene/manifest'", () => {
  it('loadManifest(path) reads the flags; a missing file is a user error naming it', async () => {
    const { loadManifest } = await import('eslint-plugin-flag-hygiene/manifest');
    const path = join(work.dir, 'flags.yaml');
    writeFileSync(path, MANIFEST);
    const manifest = loadManifest(path);
    expect([...manifest.flags.keys()]).toEqual(['new_payment_processor', 'external_api_circuit_breaker']);
    expect(manifest.flags.get('new_payment_processor')).toMatchObject({
      type: 'release',
      owner: 'payments-team',
      expiresAt: '2026-08-01',
      rolloutPercentage: 100,
    });
    const missing = join(work.dir, 'nowhere.yaml');
    expect(() => loadManifest(missing)).toThrow(`${missing}: manifest not found`);
  });

  it('validateManifest(data) names the flag and the field of each problem', async () => {
    const { validateManifest } = await import('eslint-plugin-flag-hygiene/manifest');
    const valid = validateManifest({ flags: { dark_mode: { type: 'permission', owner: 'design-team', createdAt: '2026-07-01' } } });
    expect(valid.problems).toEqual([]);
    expect([...valid.flags.keys()]).toEqual(['dark_mode']);
    // A release flag must say when it goes.
    const invalid = validateManifest({ flags: { checkout_v2: { type: 'release', owner: 'web-team', createdAt: '2026-11-01' } } });
    expect(invalid.problems).toEqual([{ message: 'is required for a release flag', flag: 'checkout_v2', field: 'expiresAt' }]);
  });

  it('findStaleFlags(flags, { today }) gives the reasons and the path to keep', async () => {
    const { findStaleFlags, loadManifest } = await import('eslint-plugin-flag-hygiene/manifest');
    const path = join(work.dir, 'stale.yaml');
    writeFileSync(path, MANIFEST);
    const stale = findStaleFlags(loadManifest(path).flags.values(), { today: '2026-11-28' });
    // Expired on 2026-08-01, and a release at 100% for 211 days (> 30): keep the on path. The
    // operational breaker never ages out.
    expect(stale).toEqual([
      expect.objectContaining({
        key: 'new_payment_processor',
        readyForRemoval: true,
        reasons: ['expired', 'fully-rolled-out'],
        keep: 'on',
      }),
    ]);
  });
});

describe("'eslint-plugin-flag-hygiene/scanner'", () => {
  it('scan(options) returns the inventory of flag references', async () => {
    const { scan } = await import('eslint-plugin-flag-hygiene/scanner');
    const dir = join(work.dir, 'project');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'flags.yaml'), MANIFEST);
    writeFileSync(join(dir, 'flag-hygiene.config.json'), JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' }));
    writeFileSync(
      join(dir, 'src', 'pay.ts'),
      "import { flags } from './store';\nexport const useNew = flags.get('new_payment_processor')?.enabled ?? false;\n",
    );
    const inventory = await scan({ cwd: dir, cache: false, workers: 0 });
    expect(inventory.references).toEqual([
      expect.objectContaining({
        key: 'new_payment_processor',
        file: 'src/pay.ts',
        line: 2,
        column: 33,
        test: false,
        dynamic: false,
        via: 'flags.get($KEY)',
        role: 'evaluate',
      }),
    ]);
  });
});
