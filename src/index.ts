import type { TSESLint } from '@typescript-eslint/utils';
import tsParser from '@typescript-eslint/parser';
import { rules, type RuleName } from '../rules/index.js';
import { withCacheKey } from './eslint/cache-key.js';
import type { FlagHygieneDocs } from './eslint/create-rule.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

type Severity = 'error' | 'warn';
type RuleEntry = Severity | [Severity, Record<string, unknown>];

/** Every source file ESLint should hand to the rules when a config is used on its own. */
const FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

const plugin = {
  meta: { name: PACKAGE_NAME, version: PACKAGE_VERSION },
  rules,
  configs: {} as Record<'recommended' | 'strict' | 'all', TSESLint.FlatConfig.Config>,
  /** Settings for eslint.config.js, with a cache key so `eslint --cache` notices manifest edits and a new day. */
  settings: withCacheKey,
};

function config(name: 'recommended' | 'strict' | 'all', pick: (docs: FlagHygieneDocs) => RuleEntry | undefined): TSESLint.FlatConfig.Config {
  const entries: Record<string, RuleEntry> = {};
  for (const [id, rule] of Object.entries(rules) as [RuleName, (typeof rules)[RuleName]][]) {
    const entry = pick(rule.meta.docs ?? {});
    if (entry !== undefined) entries[`flag-hygiene/${id}`] = entry;
  }
  return {
    name: `flag-hygiene/${name}`,
    files: FILES,
    plugins: { 'flag-hygiene': plugin as unknown as TSESLint.FlatConfig.Plugin },
    languageOptions: { parser: tsParser as TSESLint.FlatConfig.Parser },
    rules: entries,
  };
}

// Severities come from each rule's docs metadata, the one source configs and docs share.
plugin.configs.recommended = config('recommended', (docs) => docs.recommended);
plugin.configs.strict = config('strict', (docs) => docs.strict ?? docs.recommended);
plugin.configs.all = config('all', (docs) => docs.strict ?? docs.recommended ?? 'error');

export default plugin;
export type { FlagHygieneSettings } from './config/schema.js';
