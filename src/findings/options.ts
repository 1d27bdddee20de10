/*
 * Options that change which findings exist, for both front-ends. ESLint takes them as rule options
 * (their defaults are these); the CI gate takes them from the settings' `findings` field, so a
 * team that turns one on in ESLint can turn it on for the gate too, in the same words.
 */

export interface FallbackOptions {
  /** Also require an else branch (or an early return) on every `if` that checks a flag. */
  requireElse: boolean;
  /** `{flag && <New />}` in JSX: rendering nothing is a usable off path. */
  allowJsxShortCircuit: boolean;
}

export interface DynamicKeyOptions {
  /** Dynamic keys in test files (table-driven tests over many flags) are no finding. */
  allowInTests: boolean;
}

export interface FindingOptions {
  'missing-fallback': FallbackOptions;
  dynamic: DynamicKeyOptions;
}

export const DEFAULT_FINDING_OPTIONS: FindingOptions = {
  'missing-fallback': { requireElse: false, allowJsxShortCircuit: true },
  dynamic: { allowInTests: false },
};
