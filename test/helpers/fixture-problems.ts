import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FlagHygieneSettings } from '../../src/config/schema.js';

/*
 * What `configs.recommended` reports on each fixture codebase, worked out by hand from the
 * fixtures' code and flags.yaml against docs/rules/*.md, with today pinned to 2026-11-28 by each
 * fixture's flag-hygiene.config.json (default policy: releaseMaxAgeDays 30, expiringSoonDays 14).
 * Columns are 1-based, as ESLint prints them: a lifecycle, key or undeclared problem sits on the key,
 * a nesting or fallback problem on the condition that reads the flag.
 *
 * Reminders from the docs that decide what is (not) here:
 * - ESLint lints one file at a time: a check nested through an imported function is not reported
 *   (no-nested-flags, "When not to use it"); cross-file nesting is the scanner's job.
 * - no-stale-flag leaves a flag that is only expired to no-expired-flag; both look at every reference,
 *   test overrides included. A call of a fixed-key wrapper (`isDarkMode()`) does not write the key:
 *   the lifecycle rules report the key where the wrapper writes it.
 * - `include`/`exclude` are the scanner's file selection; ESLint lints the files it is given.
 * - An expiry more than expiringSoonDays (14) away is not reported at all.
 */

export interface ExpectedProblem {
  /** `file:line:column rule/messageId severity`, as problemLines() writes a problem. */
  line: string;
  /** A part of the message, worked out from the manifest and the code. */
  says: string;
}

/** Severities of configs.recommended, as the docs' headers give them (💼 error, ⚠️ warn). */
export const RECOMMENDED_SEVERITY: Readonly<Record<string, 'error' | 'warn'>> = {
  'no-nested-flags': 'error',
  'require-flag-fallback': 'error',
  'no-undeclared-flag': 'error',
  'no-expired-flag': 'warn',
  'no-stale-flag': 'warn',
  'no-dynamic-flag-key': 'warn',
  'deterministic-flag-context': 'error',
  'no-remote-kill-switch': 'error',
};

function problem(at: string, rule: string, messageId: string, says: string): ExpectedProblem {
  const severity = RECOMMENDED_SEVERITY[rule];
  if (severity === undefined) throw new Error(`${rule} is not in configs.recommended`);
  return { line: `${at} ${rule}/${messageId} ${severity}`, says };
}

const expired = (at: string, key: string, expiresAt: string, owner: string, ticket: string) =>
  problem(at, 'no-expired-flag', 'expired', `Flag "${key}" expired on ${expiresAt} (owner: ${owner}, ticket: ${ticket}).`);
const fullyRolledOut = (at: string, key: string) =>
  problem(at, 'no-stale-flag', 'staleFlag', `Flag "${key}" is ready for removal (fully rolled out): keep its on path and delete the other`);
const alwaysOff = (at: string, key: string) =>
  problem(at, 'no-stale-flag', 'staleFlag', `Flag "${key}" is ready for removal (always off): keep its off path and delete the other`);
const nested = (at: string, inner: string, outer: string, outerLine: number) =>
  problem(at, 'no-nested-flags', 'nestedFlag', `Flag "${inner}" is checked on the on path of flag "${outer}" (line ${outerLine}).`);

export const EXPECTED_PROBLEMS: Readonly<Record<string, readonly ExpectedProblem[]>> = {
  // checkout_redesign expired on 2026-09-30; new_payment_processor is a release at 100% since March
  // (fully rolled out); search_reranker_v3 is killed (always off); recomendation_v2 is a typo.
  demo: [
    // `isFeatureEnabled(…) && createBulkImporter()` is stored in `importer`: off, it is `false`.
    problem(
      'src/billing/bulk-import.ts:20:20',
      'require-flag-fallback',
      'valueWithoutOffPath',
      'When flag "bulk_import" is off, this expression is the flag\'s own falsy value',
    ),
    expired('src/checkout/checkout-page.ts:17:49', 'checkout_redesign', '2026-09-30', 'web-team', 'WEB-1290'),
    // express_pay is checked inside `if (redesigned)`, the decision variable of checkout_redesign.
    nested('src/checkout/checkout-page.ts:23:9', 'express_pay', 'checkout_redesign', 20),
    fullyRolledOut('src/payments/process-payment.ts:34:54', 'new_payment_processor'),
    alwaysOff('src/search/search.ts:15:47', 'search_reranker_v3'),
    problem(
      'src/search/search.ts:22:51',
      'no-undeclared-flag',
      'undeclaredDidYouMean',
      'Flag "recomendation_v2" is not declared in the manifest (flags.yaml); did you mean "recommendation_v2"?',
    ),
    // Test overrides are references too.
    expired('test/checkout.test.ts:11:20', 'checkout_redesign', '2026-09-30', 'web-team', 'WEB-1290'),
    expired('test/checkout.test.ts:16:20', 'checkout_redesign', '2026-09-30', 'web-team', 'WEB-1290'),
    expired('test/checkout.test.ts:22:20', 'checkout_redesign', '2026-09-30', 'web-team', 'WEB-1290'),
    fullyRolledOut('test/process-payment.test.ts:15:20', 'new_payment_processor'),
    fullyRolledOut('test/process-payment.test.ts:23:20', 'new_payment_processor'),
    fullyRolledOut('test/process-payment.test.ts:31:20', 'new_payment_processor'),
    alwaysOff('test/search.test.ts:14:20', 'search_reranker_v3'),
    alwaysOff('test/search.test.ts:19:20', 'search_reranker_v3'),
  ],

  // Every flag is declared, partly rolled out and far from its expiry; the nestings in this
  // fixture all go through imported functions and components, which one-file linting cannot see.
  'cross-file-nesting': [],

  resolution: [
    // legacy/** is excluded from the scanner, not from ESLint; nothing declares legacy_checkout and
    // no declared key is within three edits of it.
    problem(
      'legacy/old-checkout.js:5:17',
      'no-undeclared-flag',
      'undeclared',
      'Flag "legacy_checkout" is not declared in the manifest (flags.yaml). Declare it',
    ),
    // `for (const key of query.keys.split(','))`: data decides the key. Every other key resolves
    // through consts, the enum, `as const`/frozen objects, the barrel and the @flags/* alias.
    problem('src/admin/flag-states.ts:7:29', 'no-dynamic-flag-key', 'dynamicKey', 'The flag key `key` cannot be resolved statically'),
  ],

  // dark_mode is a release at 100% since July (fully rolled out); saved_carts is disabled (always off).
  'test-coverage': [
    alwaysOff('src/account/saved-carts.ts:5:34', 'saved_carts'),
    // An override outside the tests (the dev panel) is a reference like any other.
    alwaysOff('src/dev/flag-panel.ts:5:18', 'saved_carts'),
    // isDarkMode() in theme.ts calls this fixed-key wrapper: the key is written here, and reported here.
    fullyRolledOut('src/flags/checks.ts:11:76', 'dark_mode'),
    // setFlag(key, state) wraps flags.override: its call is an override reference at its key.
    alwaysOff('test/checkout.test.ts:44:13', 'saved_carts'),
  ],

  // dark_mode is fully rolled out, holiday_banner disabled (always off), legacy_cart expired on
  // 2026-10-01. Components reach the store only through wrappers, found without configuration.
  wrappers: [
    // isNewCheckout() (a fixed-key wrapper of another file) decides; useFlag('gift_wrap') runs on its on path.
    nested('src/checkout/checkout-steps.ts:7:12', 'gift_wrap', 'new_checkout', 5),
    // useFeature is useFlag re-exported under another name by src/lib.
    alwaysOff('src/components/HolidayBanner.tsx:4:30', 'holiday_banner'),
    fullyRolledOut('src/flags/use-flag.ts:10:41', 'dark_mode'),
    expired('src/legacy/cart.cjs:8:37', 'legacy_cart', '2026-10-01', 'web-team', 'WEB-990'),
  ],
};

/** The expected problem lines of a fixture, optionally all at one severity (the self-lint warns). */
export function expectedLines(fixture: string, severity?: 'warn' | 'error'): string[] {
  const expected = EXPECTED_PROBLEMS[fixture];
  if (expected === undefined) throw new Error(`no expected problems written down for fixtures/${fixture}`);
  return expected.map(({ line }) => (severity === undefined ? line : line.replace(/ (warn|error)$/, ` ${severity}`))).sort();
}

/** A fixture's flag-hygiene.config.json as ESLint settings, the manifest made absolute. */
export function fixtureSettings(dir: string): FlagHygieneSettings {
  const settings = JSON.parse(readFileSync(join(dir, 'flag-hygiene.config.json'), 'utf8')) as FlagHygieneSettings;
  return settings.manifest === undefined ? settings : { ...settings, manifest: resolve(dir, settings.manifest) };
}
