import rule from '../../rules/no-stale-flag.js';
import { ARTICLE_PATTERN_1, ARTICLE_PATTERN_2, ARTICLE_PATTERN_3, ARTICLE_TESTS } from '../helpers/article-patterns.js';
import { BASE_SETTINGS, createRuleTester, fixturePath, lines, settingsProblem } from '../helpers/rule-tester.js';

/*
 * "Run a monthly flag cleanup — delete stale flags": a reference to a flag the lifecycle policy
 * marks ready for removal, with the reason and the path to keep. Today is 2026-11-28; the policy
 * defaults are releaseMaxAgeDays 30 and unevaluatedDays 90.
 */

type Keep = 'on' | 'off';

/** `search()` deciding on a flag: the key is on line 2, column 37. */
function decide(key: string): string {
  return lines(
    'export function search(query) {',
    `  return isFeatureEnabled(flags.get('${key}'), { userId }) ? newSearch(query) : oldSearch(query);`,
    '}',
  );
}

/** `search()` once the kept path is inlined and the other deleted. */
function kept(keep: Keep): string {
  return lines('export function search(query) {', `  return ${keep === 'on' ? 'newSearch(query)' : 'oldSearch(query)'};`, '}');
}

/** A staleFlag report; `output` is the code after the suggestion that inlines the kept value, when one is offered. */
function stale(key: string, reasons: string, keep: Keep, line: number, column: number, output?: string) {
  return {
    messageId: 'staleFlag' as const,
    line,
    column,
    data: { key, reasons, keep },
    suggestions: output === undefined ? [] : [{ messageId: 'inlineKeptValue' as const, data: { key, keep }, output }],
  };
}

function staleNoKeepPath(key: string, reasons: string, line: number, column: number) {
  return { messageId: 'staleFlagNoKeepPath' as const, line, column, data: { key, reasons } };
}

const includeExpired = [{ includeExpired: true }] as const;

const seed = createRuleTester();

seed.run('no-stale-flag', rule, {
  valid: [
    // The article's flags are healthy: a 10% rollout 27 days old, an operational circuit breaker
    // evaluated yesterday, a running experiment.
    ARTICLE_PATTERN_1,
    ARTICLE_PATTERN_2,
    ARTICLE_PATTERN_3,
    { code: ARTICLE_TESTS, filename: 'payments.test.ts' },
    // Fully rolled out exactly 30 days ago: not older than releaseMaxAgeDays yet.
    decide('rolled_out_30_days'),
    // Last evaluated exactly 90 days ago: not older than unevaluatedDays.
    decide('evaluated_90_days_ago'),
    // Permission and operational flags never age out: enterprise_sso is three years old at 100%.
    decide('enterprise_sso'),
    decide('bulk-export'),
    // Only expired: left to no-expired-flag.
    decide('old_banner'),
    decide('legacy_checkout_copy'),
    // A longer releaseMaxAgeDays keeps legacy_search (88 days at 100%) alive.
    { code: decide('legacy_search'), settings: { 'flag-hygiene': { policy: { releaseMaxAgeDays: 90 } } } },
    // Undeclared keys are no-undeclared-flag's business.
    decide('not_in_the_manifest'),
  ],
  invalid: [
    {
      // A release flag at 100% for longer than 30 days: keep the on path.
      code: lines(
        'async function search(query: string): Promise<Result[]> {',
        "  if (flags.get('legacy_search')?.enabled) {",
        '    return await newSearch(query);',
        '  }',
        '  return await oldSearch(query);',
        '}',
      ),
      errors: [
        stale(
          'legacy_search',
          'fully rolled out',
          'on',
          2,
          17,
          lines('async function search(query: string): Promise<Result[]> {', '  return await newSearch(query);', '}'),
        ),
      ],
    },
    // The day after the 30-day boundary.
    { code: decide('rolled_out_31_days'), errors: [stale('rolled_out_31_days', 'fully rolled out', 'on', 2, 37, kept('on'))] },
    // A disabled release flag and a killed experiment: keep the off path.
    { code: decide('dark_mode_v1'), errors: [stale('dark_mode_v1', 'always off', 'off', 2, 37, kept('off'))] },
    { code: decide('pricing_test'), errors: [stale('pricing_test', 'always off', 'off', 2, 37, kept('off'))] },
    // Not evaluated for 91 days; fully on, so the on path stays.
    { code: decide('bulk_import'), errors: [stale('bulk_import', 'not evaluated recently', 'on', 2, 37, kept('on'))] },
    // Not evaluated for months at a 50% rollout: the manifest does not say which path to keep.
    { code: decide('search_throttle'), errors: [staleNoKeepPath('search_throttle', 'not evaluated recently', 2, 37)] },
    {
      // Expired and stale for other reasons: reported with the other reasons only.
      code: decide('old_rollout'),
      errors: [stale('old_rollout', 'fully rolled out, not evaluated recently', 'on', 2, 37, kept('on'))],
    },
    {
      // includeExpired: the expiry joins the reasons.
      code: decide('old_rollout'),
      options: includeExpired,
      errors: [stale('old_rollout', 'expired, fully rolled out, not evaluated recently', 'on', 2, 37, kept('on'))],
    },
    // includeExpired: flags ready only because they expired; the path to keep comes from their state.
    {
      code: decide('legacy_checkout_copy'),
      options: includeExpired,
      errors: [stale('legacy_checkout_copy', 'expired', 'on', 2, 37, kept('on'))],
    },
    { code: decide('old_banner'), options: includeExpired, errors: [staleNoKeepPath('old_banner', 'expired', 2, 37)] },
    {
      // A shorter unevaluatedDays makes a recently evaluated flag stale.
      code: decide('external_api_circuit_breaker'),
      settings: { 'flag-hygiene': { today: '2026-12-01', policy: { unevaluatedDays: 3 } } },
      errors: [stale('external_api_circuit_breaker', 'not evaluated recently', 'on', 2, 37, kept('on'))],
    },
    {
      // A bare lookup says nothing about on or off: the message only, no suggestion.
      code: "const flag = flags.get('legacy_search');",
      errors: [stale('legacy_search', 'fully rolled out', 'on', 1, 24)],
    },
    {
      // The test forcing a stale flag: the test goes with it.
      filename: 'search.test.ts',
      code: "flags.override('legacy_search', { enabled: false });",
      errors: [stale('legacy_search', 'fully rolled out', 'on', 1, 16)],
    },
    {
      // Keys through an imported `Object.freeze` object (still used elsewhere in the file).
      filename: fixturePath('search.ts'),
      code: lines(
        "import { FROZEN_FLAGS } from './flag-keys.js';",
        'export const FLAG_KEYS = FROZEN_FLAGS;',
        "export const engine = isFeatureEnabled(flags.get(FROZEN_FLAGS.legacySearch), { userId }) ? 'new' : 'old';",
      ),
      errors: [
        stale(
          'legacy_search',
          'fully rolled out',
          'on',
          3,
          50,
          lines("import { FROZEN_FLAGS } from './flag-keys.js';", 'export const FLAG_KEYS = FROZEN_FLAGS;', "export const engine = 'new';"),
        ),
      ],
    },
  ],
});

const growthbook = createRuleTester({ presets: ['growthbook'] });
growthbook.run('no-stale-flag (growthbook)', rule, {
  valid: [
    {
      filename: 'component.tsx',
      code: lines(
        "import { IfFeatureEnabled } from '@growthbook/growthbook-react';",
        'export const Pay = () => <IfFeatureEnabled feature="express-pay"><ExpressPayButton /></IfFeatureEnabled>;',
      ),
    },
  ],
  invalid: [
    {
      // An always-off flag component renders nothing.
      filename: 'component.tsx',
      code: lines(
        "import { IfFeatureEnabled } from '@growthbook/growthbook-react';",
        'export const Pay = () => <IfFeatureEnabled feature="express-pay"><ExpressPayButton /></IfFeatureEnabled>;',
        'export const Theme = () => <IfFeatureEnabled feature="dark_mode_v1"><DarkTheme /></IfFeatureEnabled>;',
      ),
      errors: [
        stale(
          'dark_mode_v1',
          'always off',
          'off',
          3,
          54,
          lines(
            "import { IfFeatureEnabled } from '@growthbook/growthbook-react';",
            'export const Pay = () => <IfFeatureEnabled feature="express-pay"><ExpressPayButton /></IfFeatureEnabled>;',
            'export const Theme = () => null;',
          ),
        ),
      ],
    },
  ],
});

seed.run('no-stale-flag: settings problems', rule, {
  valid: [],
  invalid: [
    {
      code: decide('legacy_search'),
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, noStaleFlagBogusField: [] } },
      errors: [
        { messageId: 'configuration', line: 1, column: 1, data: { message: settingsProblem('noStaleFlagBogusField', 'unknown field') } },
      ],
    },
    {
      // A policy field of the wrong type.
      code: decide('legacy_search'),
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, policy: { releaseMaxAgeDays: 'thirty' } } },
      errors: [
        {
          messageId: 'configuration',
          line: 1,
          column: 1,
          data: { message: settingsProblem('policy.releaseMaxAgeDays', 'must be a whole number, got the string "thirty"') },
        },
      ],
    },
  ],
});
