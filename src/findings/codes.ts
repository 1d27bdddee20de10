import { REMOVAL_REASONS, type RemovalReason } from '../manifest/policy.js';

/** Hygiene errors: findings that are not reasons to remove a flag. */
export type ErrorCode = 'undeclared' | 'dynamic' | 'untested-state' | 'nested' | 'missing-fallback' | 'text-mention';
export const ERROR_CODES: readonly ErrorCode[] = ['undeclared', 'dynamic', 'untested-state', 'nested', 'missing-fallback', 'text-mention'];

/** A file or folder the scan did not read or would not parse: flag checks in it count for nothing. */
export type SkippedCode = 'skipped';

/** Everything `--fail-on` can name. */
export type FindingCode = RemovalReason | ErrorCode | SkippedCode;
export const FINDING_CODES: readonly FindingCode[] = [...REMOVAL_REASONS, ...ERROR_CODES, 'skipped'];

export const DEFAULT_FAIL_ON: readonly FindingCode[] = ['expired', 'undeclared'];

/** One line of help per code: what it means and what to do (SARIF rule help, Markdown legends). */
export const CODE_HELP: Record<FindingCode, { title: string; help: string }> = {
  expired: {
    title: 'Flag past its expiry date',
    help: 'The flag is past the expiresAt its manifest entry promised. Remove it: keep the path its state settled on, delete the other, then delete the manifest entry.',
  },
  'fully-rolled-out': {
    title: 'Release flag fully rolled out',
    help: 'A release flag has been on for everyone for longer than the policy allows. Keep the on path, delete the off path and the flag.',
  },
  'always-off': {
    title: 'Flag always off',
    help: 'A release or experiment flag is disabled or killed. Keep the off path, delete the on path and the flag.',
  },
  'not-evaluated': {
    title: 'Flag not evaluated recently',
    help: 'Production has not evaluated the flag for longer than the policy allows: the code behind it is dead or unreachable. Remove it.',
  },
  unreferenced: {
    title: 'Flag declared but never used',
    help: 'The manifest declares the flag but no code outside tests evaluates it. Delete the manifest entry (and any test overrides).',
  },
  undeclared: {
    title: 'Flag not declared in the manifest',
    help: 'Code uses a flag key the manifest does not declare: often a typo. Fix the key or declare the flag with its type, owner and expiry.',
  },
  dynamic: {
    title: 'Flag key not statically known',
    help: 'The key is computed at run time, so it cannot be checked or cleaned up. Use a string literal, a const, an enum member or an `as const` object.',
  },
  'untested-state': {
    title: 'Flag state never tested',
    help: 'No test forces the flag on, or none forces it off: one of its paths is untested. Add a test that overrides the flag to that state.',
  },
  nested: {
    title: 'Flag checked inside another flag',
    help: 'A flag is checked in code controlled by another flag, so the combinations multiply. Check the flags side by side, or make them one flag.',
  },
  'missing-fallback': {
    title: 'Flag without a usable off path',
    help: 'When the flag is off (or missing), the code gets nothing usable. Give the off path an explicit value, or read the lookup with `?.`.',
  },
  'text-mention': {
    title: 'Unreferenced flag whose key appears in the text',
    help: "No accessor evaluates the flag, but its key appears in the repository (a route table, a call through a hook's result …): it may be in use in a shape the patterns cannot see. Check those places before deleting the flag; add an accessor pattern if they evaluate it.",
  },
  skipped: {
    title: 'File not scanned',
    help: 'The scan could not read the file or list the folder, or would not parse the file (binary, not UTF-8, over 2 MB, a line over 5,000 characters): its flag checks, undeclared flags included, are not counted. Make it readable source, or exclude it; `--fail-on skipped` fails the gate on it.',
  },
};
