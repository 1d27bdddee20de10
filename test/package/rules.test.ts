import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import plugin from '../../src/index.js';
import { lintJson, problemLines, REPO_ROOT, requireBuiltPlugin, temporaryFolder, writeEslintConfig } from '../helpers/eslint-cli.js';

/*
 * STYLE.md: "A package test checks that every rule has a doc, a test, and a place in configs.all",
 * one name everywhere (rules/<name>.ts, the rule id, docs/rules/<name>.md, test/rules/<name>.test.ts);
 * the configs follow each rule's docs metadata; and every config works as the only entry of an
 * eslint.config.js (CONTRACTS.md).
 */

const RULE_IDS = Object.keys(rules).sort();
type RuleId = keyof typeof rules;
type Entry = TSESLint.FlatConfig.RuleEntry | undefined;

const repoFile = (...path: string[]) => join(REPO_ROOT, ...path);
const configRule = (config: 'recommended' | 'strict' | 'all', id: string): Entry => plugin.configs[config].rules?.[`flag-hygiene/${id}`];
const severityOf = (entry: Entry): string | undefined =>
  entry === undefined ? undefined : String(Array.isArray(entry) ? entry[0] : entry);

describe('every rule', () => {
  it('is the contracts’ nine rules', () => {
    expect(RULE_IDS).toEqual(
      [
        'no-nested-flags',
        'require-flag-fallback',
        'no-undeclared-flag',
        'no-expired-flag',
        'no-stale-flag',
        'no-dynamic-flag-key',
        'deterministic-flag-context',
        'no-remote-kill-switch',
        'require-flag-decision-log',
      ].sort(),
    );
    expect(plugin.rules).toBe(rules);
  });

  it.each(RULE_IDS)('%s: one name for the file, the id, the doc and the test', (id) => {
    expect(existsSync(repoFile('rules', `${id}.ts`)), `rules/${id}.ts`).toBe(true);
    expect(existsSync(repoFile('docs', 'rules', `${id}.md`)), `docs/rules/${id}.md`).toBe(true);
    expect(existsSync(repoFile('test', 'rules', `${id}.test.ts`)), `test/rules/${id}.test.ts`).toBe(true);
    const rule = rules[id as RuleId];
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
    expect(readFileSync(repoFile('docs', 'rules', `${id}.md`), 'utf8').split('\n')[0]).toBe(`# flag-hygiene/${id}`);
  });

  it.each(RULE_IDS)('%s: in configs.all, and in recommended and strict as its docs metadata says', (id) => {
    const docs = rules[id as RuleId].meta.docs;
    expect(configRule('all', id)).toBeDefined();
    expect(configRule('recommended', id)).toEqual(docs?.recommended);
    expect(configRule('strict', id)).toEqual(docs?.strict ?? docs?.recommended);
  });

  it.each(RULE_IDS)('%s: its doc header names the configs it is in, and how loud', (id) => {
    const header = readFileSync(repoFile('docs', 'rules', `${id}.md`), 'utf8').split('<!-- end auto-generated rule header -->')[0] ?? '';
    const inRecommended = severityOf(configRule('recommended', id));
    const inStrict = severityOf(configRule('strict', id));
    expect(header.includes('✅ `recommended`'), 'recommended').toBe(inRecommended !== undefined);
    expect(header.includes('🔒 `strict`'), 'strict').toBe(inStrict !== undefined);
    expect(header.includes('💼'), 'enabled as an error').toBe(inRecommended === 'error' || inStrict === 'error');
    expect(header.includes('⚠️'), 'warns').toBe(inRecommended === 'warn' || inStrict === 'warn');
  });

  it('has no doc or rule test without a rule', () => {
    expect(
      readdirSync(repoFile('docs', 'rules'))
        .filter((file) => file.endsWith('.md'))
        .map((file) => file.slice(0, -'.md'.length))
        .sort(),
    ).toEqual(RULE_IDS);
    expect(
      readdirSync(repoFile('test', 'rules'))
        .filter((file) => file.endsWith('.test.ts'))
        .map((file) => file.slice(0, -'.test.ts'.length))
        .sort(),
    ).toEqual(RULE_IDS);
  });
});

type FlatName = 'recommended' | 'strict' | 'all';
const FLAT_NAMES: FlatName[] = ['recommended', 'strict', 'all'];

describe('every config', () => {
  it('is a flat config and its -legacy twin for each of recommended, strict and all', () => {
    expect(Object.keys(plugin.configs).sort()).toEqual([
      'all',
      'all-legacy',
      'recommended',
      'recommended-legacy',
      'strict',
      'strict-legacy',
    ]);
  });

  it.each(FLAT_NAMES)('%s: registers the plugin under flag-hygiene and turns on its rules, and sets nothing else', (name) => {
    const config = plugin.configs[name];
    // No parser, no languageOptions, no settings: adding the config never changes how a project parses.
    expect(Object.keys(config).sort()).toEqual(['files', 'name', 'plugins', 'rules']);
    expect(config.name).toBe(`flag-hygiene/${name}`);
    expect(config.plugins).toEqual({ 'flag-hygiene': plugin });
    for (const id of Object.keys(config.rules ?? {})) expect(RULE_IDS.map((rule) => `flag-hygiene/${rule}`)).toContain(id);
  });

  it.each(FLAT_NAMES)('%s-legacy: the same rules for .eslintrc, with the plugin by name', (name) => {
    const legacy = plugin.configs[`${name}-legacy`];
    expect(legacy).toEqual({ plugins: ['flag-hygiene'], rules: plugin.configs[name].rules });
  });
});

/*
 * Each config as the plugin's only entry of an eslint.config.mjs (after the project's own parser
 * entry), no settings: the seed preset and no manifest, so the rules that need a manifest stay
 * silent (their docs: "does nothing without one").
 */
const SAMPLE = [
  'declare const flags: { get(key: string): { enabled: boolean } | undefined };',
  'declare function isFeatureEnabled(flag: { enabled: boolean } | undefined, context: { userId: string }): boolean;',
  'declare const metrics: { increment(name: string, tags: Record<string, string>): void };',
  '',
  'export function checkoutLayout(userId: string): string {',
  "  if (isFeatureEnabled(flags.get('new_checkout'), { userId })) {",
  "    if (isFeatureEnabled(flags.get('express_pay'), { userId })) return 'express';",
  "    return 'single-page';",
  '  }',
  "  return 'multi-step';",
  '}',
  '',
  'export function bannerFor(userId: string, region: string): string | false {',
  "  return isFeatureEnabled(flags.get(`banner_${region}`), { userId }) && 'banner';",
  '}',
  '',
  'export function recommendations(): string {',
  "  const useNew = isFeatureEnabled(flags.get('recommendation_v2'), { userId: String(Math.random()) });",
  "  metrics.increment('recommendations', { algorithm: useNew ? 'v2' : 'v1' });",
  "  if (useNew) metrics.increment('recommendations.v2', {});",
  "  return useNew ? 'v2' : 'v1';",
  '}',
  '',
].join('\n');

const RECOMMENDED_PROBLEMS = [
  // express_pay is checked on the on path of new_checkout (line 6).
  'src/checkout.ts:7:9 no-nested-flags/nestedFlag error',
  // `… && 'banner'` returns false when the flag is off.
  'src/checkout.ts:14:10 require-flag-fallback/valueWithoutOffPath error',
  'src/checkout.ts:14:37 no-dynamic-flag-key/dynamicKey warn',
  'src/checkout.ts:18:84 deterministic-flag-context/nondeterministic error',
];

const STRICT_PROBLEMS = [
  ...RECOMMENDED_PROBLEMS,
  // No logger call in checkoutLayout() or bannerFor(); recommendations() logs `useNew` to metrics.
  'src/checkout.ts:6:7 require-flag-decision-log/unloggedDecision warn',
  'src/checkout.ts:7:9 require-flag-decision-log/unloggedDecision warn',
  'src/checkout.ts:14:10 require-flag-decision-log/unloggedDecision warn',
  // requireElse: `if (useNew) …` has no else and does not return. The ifs of checkoutLayout() return.
  'src/checkout.ts:20:7 require-flag-fallback/missingElse error',
];

const EXPECTED_BY_CONFIG: Record<string, string[]> = {
  recommended: RECOMMENDED_PROBLEMS,
  strict: STRICT_PROBLEMS,
  // Every rule is in strict, so all (every rule, at its strict severity) reports what strict does.
  all: STRICT_PROBLEMS,
};

const FLAT_CONFIGS = Object.keys(plugin.configs).filter((name) => !name.endsWith('-legacy'));

describe('each flat config as the plugin’s only entry of eslint.config.mjs (the real ESLint CLI)', { timeout: 60_000 }, () => {
  const work = temporaryFolder('configs-alone');
  beforeAll(() => requireBuiltPlugin());
  afterAll(() => work.cleanup());

  it('has its expected problems written down', () => {
    expect(Object.keys(EXPECTED_BY_CONFIG).sort()).toEqual(FLAT_CONFIGS.sort());
  });

  it.each(FLAT_CONFIGS)('configs.%s', (name) => {
    const dir = join(work.dir, name);
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src', 'checkout.ts'), SAMPLE);
    writeEslintConfig(dir, `  flagHygiene.configs.${name},`);
    const lines = problemLines(lintJson(['src'], { cwd: dir }), dir);
    expect(lines).toEqual([...(EXPECTED_BY_CONFIG[name] ?? [])].sort());
  });
});
