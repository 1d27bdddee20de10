/** What `diff --fail-on` can name, and the formats it writes: all the command's definition needs. */
export const DIFF_FAIL_CODES = ['introduced-undeclared', 'added-to-stale', 'new-nesting', 'new-dynamic'] as const;
export type DiffFailCode = (typeof DIFF_FAIL_CODES)[number];

export const DIFF_FORMATS = ['markdown', 'json', 'text'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];
