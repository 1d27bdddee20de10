import { ESLintUtils } from '@typescript-eslint/utils';

export const REPOSITORY_URL = 'https://github.com/flag-hygiene/eslint-plugin-flag-hygiene';

/**
 * What a rule's docs say beyond its description; the configs are built from it, so a rule's
 * metadata is the one place that decides where it is on and how loud.
 */
export interface FlagHygieneDocs {
  /** Severity in `configs.recommended`; absent when the rule is not in it. */
  recommended?: 'error' | 'warn';
  /** Severity and options in `configs.strict` (default: as in recommended). */
  strict?: 'error' | 'warn' | ['error' | 'warn', Record<string, unknown>];
  /** The rule reads the flag manifest (it does nothing without one). */
  requiresManifest?: boolean;
}

/** Every rule's documentation lives at docs/rules/<name>.md. */
const withDocsUrl = ESLintUtils.RuleCreator<FlagHygieneDocs>((name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`);

/**
 * RuleCreator, minus its per-file merge of the default options: ESLint applies
 * `meta.defaultOptions` once, when it normalises the config, so `context.options` already holds
 * them (a deep clone and merge per rule per file was about 1% of a lint run on a large project).
 */
export const createRule: typeof withDocsUrl = (rule) => {
  const created = withDocsUrl(rule);
  return { ...created, create: (context) => rule.create(context, context.options) };
};
