import type { TSESLint } from '@typescript-eslint/utils';

/** Every rule of the plugin, by id. */
export const rules: Record<string, TSESLint.RuleModule<string, unknown[]>> = {};
