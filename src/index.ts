import type { TSESLint } from '@typescript-eslint/utils';
import { rules, type RuleName } from '../rules/index.js';
import { withCacheKey } from './eslint/cache-key.js';
import type { FlagHygieneDocs } from './eslint/create-rule.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

type Severity = 'error' | 'warn';
type RuleEntry = Severity | [Severity, Record<string, unknown>];
type ConfigName = 'recommended' | 'strict' | 'all';
type LegacyConfigName = `${ConfigName}-legacy`;

/** The source files the flat configs turn the rules on for (the project's own config decides how they parse). */
const FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

const plugin = {
  meta: { name: PACKAGE_NAME, version: PACKAGE_VERSION },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config> & Record<LegacyConfigName, TSESLint.ClassicConfig.Config>,
  /** A flat-config entry with the settings, and a cache key so `eslint --cache` notices manifest edits and a new day. */
  settings: withCacheKey,
};

/** Each config's rules, with severities from each rule's docs metadata, the one source configs and docs share. */
const CONFIG_RULES: Record<ConfigName, (docs: FlagHygieneDocs) => RuleEntry | undefined> = {
  recommended: (docs) => docs.recommended,
  strict: (docs) => docs.strict ?? docs.recommended,
  all: (docs) => docs.strict ?? docs.recommended ?? 'error',
};

function rulesOf(name: ConfigName): Record<string, RuleEntry> {
  const entries: Record<string, RuleEntry> = {};
  for (const [id, rule] of Object.entries(rules) as [RuleName, (typeof rules)[RuleName]][]) {
    const entry = CONFIG_RULES[name](rule.meta.docs ?? {});
    if (entry !== undefined) entries[`flag-hygiene/${id}`] = entry;
  }
  return entries;
}

// A config registers the plugin and turns rules on: it sets no parser and no language options, so
// adding it never changes how a project parses its files.
for (const name of Object.keys(CONFIG_RULES) as ConfigName[]) {
  plugin.configs[name] = {
    name: `flag-hygiene/${name}`,
    files: FILES,
    plugins: { 'flag-hygiene': plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: rulesOf(name),
  };
  // For .eslintrc users: `extends: ['plugin:flag-hygiene/recommended-legacy']`.
  plugin.configs[`${name}-legacy`] = { plugins: ['flag-hygiene'], rules: rulesOf(name) };
}

export default plugin;
export type { FlagHygieneSettings } from './config/schema.js';
