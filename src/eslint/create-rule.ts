import { ESLintUtils } from '@typescript-eslint/utils';

const { applyDefault } = ESLintUtils;

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
 * RuleCreator, minus its per-file deep merge of the default options. ESLint 9.15 and later apply
 * `meta.defaultOptions` once, when they normalise the config, so `context.options` already holds
 * every default (a deep clone and merge per rule per file was about 1% of a lint run on a large
 * project); ESLint 8 does not, and there the defaults are merged here.
 */
export const createRule: typeof withDocsUrl = (rule) => {
  const created = withDocsUrl(rule);
  const defaults = rule.meta.defaultOptions ?? [];
  // The keys each default object has, listed once: create runs for every rule on every file.
  const defaultKeys = defaults.map((fallback) => (isPlainObject(fallback) ? Object.keys(fallback) : undefined));
  return {
    ...created,
    create: (context) =>
      rule.create(
        context,
        hasEveryDefault(defaultKeys, context.options)
          ? context.options
          : (applyDefault(defaults, context.options) as typeof context.options),
      ),
  };
};

/** Whether ESLint already merged the defaults: every option object has each key its default has. */
function hasEveryDefault(defaultKeys: readonly (readonly string[] | undefined)[], options: readonly unknown[]): boolean {
  for (let index = 0; index < defaultKeys.length; index++) {
    const option = options[index];
    if (option === undefined) return false;
    const keys = defaultKeys[index];
    if (keys === undefined) continue;
    if (!isPlainObject(option)) return false;
    for (const key of keys) if (!(key in option)) return false;
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
