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
export const createRule = ESLintUtils.RuleCreator<FlagHygieneDocs>((name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`);
