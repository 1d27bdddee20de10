import type { TestCaseError } from '@typescript-eslint/rule-tester';
import rule, { type MessageId } from '../../rules/no-expired-flag.js';
import { ARTICLE_PATTERN_1, ARTICLE_PATTERN_2, ARTICLE_PATTERN_3, ARTICLE_TESTS } from '../helpers/article-patterns.js';
import { BASE_SETTINGS, createRuleTester, fixturePath, lines, settingsProblem } from '../helpers/rule-tester.js';

/*
 * "Every release flag has an expiration date and cleanup owner": a reference to a flag past its
 * expiresAt is reported with its owner, expiry date and ticket; within policy.expiringSoonDays
 * (14) before it, as expiring soon. Today is 2026-11-28 unless a case says otherwise.
 */

const KEEP_ON = 'it is on for everyone, so keep the on path and delete the off path.';
/** Issue 16 item 13: at 50% nothing has settled, so the message must not say which path to keep. */
const UNDECIDED_AT_50 = 'its rollout is undecided (on for 50% of users): decide with the owner which path to keep, then delete the other.';
const UNDECIDED_AT_10 = 'its rollout is undecided (on for 10% of users): decide with the owner which path to keep, then delete the other.';
const ADVICE: Record<string, string> = {
  old_banner: UNDECIDED_AT_50,
  legacy_checkout_copy: KEEP_ON,
  old_rollout: KEEP_ON,
  new_payment_processor: UNDECIDED_AT_10,
};

function expired(key: string, expiresAt: string, owner: string, ticket: string | undefined, line: number, column: number) {
  const data = { key, expiresAt, owner, ticket: ticket === undefined ? '' : `, ticket: ${ticket}`, advice: ADVICE[key] };
  return { messageId: 'expired' as const, line, column, data };
}

/** An error checked by its whole text (the rule tester supports `message`; its types leave it out). */
function exactly(message: string, line: number, column: number): TestCaseError<MessageId> {
  return { message, line, column } as unknown as TestCaseError<MessageId>;
}

function expiringSoon(key: string, expiresAt: string, days: string, owner: string, ticket: string, line: number, column: number) {
  return { messageId: 'expiringSoon' as const, line, column, data: { key, expiresAt, days, owner, ticket: `, ticket: ${ticket}` } };
}

/** `const on = isFeatureEnabled(flags.get('<key>'), { userId });`: the key is at column 39. */
function evaluate(key: string): string {
  return `const on = isFeatureEnabled(flags.get('${key}'), { userId });`;
}

const seed = createRuleTester();

seed.run('no-expired-flag', rule, {
  valid: [
    // new_payment_processor expires 2027-02-01, recommendation_v2 2027-01-31: more than 14 days
    // away; the circuit breaker is operational, with no expiry.
    ARTICLE_PATTERN_1,
    ARTICLE_PATTERN_2,
    ARTICLE_PATTERN_3,
    { code: ARTICLE_TESTS, filename: 'payments.test.ts' },
    // 15 days before expiry is outside the 14-day window.
    evaluate('expires_in_15_days'),
    // No expiresAt: permission and operational flags.
    evaluate('bulk-export'),
    evaluate('maintenance_mode'),
    // Undeclared and dynamic keys are other rules' business.
    evaluate('not_in_the_manifest'),
    'const on = isFeatureEnabled(flags.get(`old_${name}`), { userId });',
    // reportExpiringSoon: false reports only what has expired.
    { code: evaluate('expires_tomorrow'), options: [{ reportExpiringSoon: false }] },
    // policy.expiringSoonDays sets the window.
    { code: evaluate('expires_tomorrow'), settings: { 'flag-hygiene': { policy: { expiringSoonDays: 0 } } } },
    // On its expiry date a flag has not expired yet: only the expiring-soon report would name it.
    { code: evaluate('expires_today'), options: [{ reportExpiringSoon: false }] },
  ],
  invalid: [
    {
      // Issue 16 item 13, the whole text: at 50% the rollout settled on nothing, so no path is named.
      code: evaluate('old_banner'),
      errors: [
        exactly(
          'Flag "old_banner" expired on 2026-11-27 (owner: growth-team, ticket: GROW-42). Remove it: its rollout is undecided (on for 50% of users): decide with the owner which path to keep, then delete the other.',
          1,
          39,
        ),
      ],
    },
    {
      code: evaluate('legacy_checkout_copy'),
      errors: [
        exactly(
          'Flag "legacy_checkout_copy" expired on 2026-10-01 (owner: copy-team). Remove it: it is on for everyone, so keep the on path and delete the off path.',
          1,
          39,
        ),
      ],
    },
    {
      // Expired yesterday: the message names owner, expiry date and ticket.
      code: evaluate('old_banner'),
      errors: [expired('old_banner', '2026-11-27', 'growth-team', 'GROW-42', 1, 39)],
    },
    {
      // Expired and reported even with reportExpiringSoon: false.
      code: evaluate('old_banner'),
      options: [{ reportExpiringSoon: false }],
      errors: [expired('old_banner', '2026-11-27', 'growth-team', 'GROW-42', 1, 39)],
    },
    {
      // A flag without a ticket.
      code: lines(
        'export function checkoutCopy(user) {',
        "  return flags.get('legacy_checkout_copy')?.enabled ? legacyCopy(user) : newCopy(user);",
        '}',
      ),
      errors: [expired('legacy_checkout_copy', '2026-10-01', 'copy-team', undefined, 2, 20)],
    },
    {
      // Every reference is reported: the evaluation and a second lookup.
      code: lines(evaluate('old_banner'), "const banner = flags.get('old_banner');"),
      errors: [
        expired('old_banner', '2026-11-27', 'growth-team', 'GROW-42', 1, 39),
        expired('old_banner', '2026-11-27', 'growth-team', 'GROW-42', 2, 26),
      ],
    },
    {
      // The article's test overriding an expired flag: the test goes with the flag.
      filename: 'payments.test.ts',
      code: lines(
        'it("processes payment with the new processor when the flag is enabled", async () => {',
        '  flags.override("old_rollout", { enabled: true, rolloutPercentage: 100 });',
        '  const result = await processPayment(mockOrder);',
        '});',
      ),
      errors: [expired('old_rollout', '2026-08-01', 'payments-team', 'PAY-99', 2, 18)],
    },
    {
      // A key from an enum imported from another module.
      filename: fixturePath('banner.ts'),
      code: lines(
        "import { Flag } from './flag-keys.js';",
        'export const showBanner = isFeatureEnabled(flags.get(Flag.OldBanner), { userId });',
      ),
      errors: [expired('old_banner', '2026-11-27', 'growth-team', 'GROW-42', 2, 54)],
    },
    {
      // ... and from an `as const` object through a re-export.
      filename: fixturePath('banner-barrel.ts'),
      code: lines(
        "import { FLAGS } from './keys-barrel.js';",
        'export const showBanner = isFeatureEnabled(flags.get(FLAGS.oldBanner), { userId });',
      ),
      errors: [expired('old_banner', '2026-11-27', 'growth-team', 'GROW-42', 2, 54)],
    },
    // The expiring-soon window, day by day.
    {
      code: evaluate('expires_today'),
      errors: [expiringSoon('expires_today', '2026-11-28', 'less than a day', 'search-team', 'SRCH-1', 1, 39)],
    },
    {
      code: evaluate('expires_tomorrow'),
      errors: [expiringSoon('expires_tomorrow', '2026-11-29', '1 day', 'search-team', 'SRCH-2', 1, 39)],
    },
    {
      code: evaluate('expires_in_14_days'),
      errors: [expiringSoon('expires_in_14_days', '2026-12-12', '14 days', 'search-team', 'SRCH-3', 1, 39)],
    },
    {
      // A wider window from policy.expiringSoonDays.
      code: evaluate('expires_in_15_days'),
      settings: { 'flag-hygiene': { policy: { expiringSoonDays: 30 } } },
      errors: [expiringSoon('expires_in_15_days', '2026-12-13', '15 days', 'search-team', 'SRCH-4', 1, 39)],
    },
    {
      // With the window at zero days, the expiry day itself is still announced.
      code: evaluate('expires_today'),
      settings: { 'flag-hygiene': { policy: { expiringSoonDays: 0 } } },
      errors: [expiringSoon('expires_today', '2026-11-28', 'less than a day', 'search-team', 'SRCH-1', 1, 39)],
    },
    // The same flag (expiresAt 2026-11-27) seen on three days: `today` decides.
    {
      code: evaluate('old_banner'),
      settings: { 'flag-hygiene': { today: '2026-11-26' } },
      errors: [expiringSoon('old_banner', '2026-11-27', '1 day', 'growth-team', 'GROW-42', 1, 39)],
    },
    {
      code: evaluate('old_banner'),
      settings: { 'flag-hygiene': { today: '2026-11-27' } },
      errors: [expiringSoon('old_banner', '2026-11-27', 'less than a day', 'growth-team', 'GROW-42', 1, 39)],
    },
    {
      code: evaluate('new_payment_processor'),
      settings: { 'flag-hygiene': { today: '2027-02-02' } },
      errors: [expired('new_payment_processor', '2027-02-01', 'payments-team', 'PAY-123', 1, 39)],
    },
  ],
});

const launchdarkly = createRuleTester({ presets: ['launchdarkly'] });
launchdarkly.run('no-expired-flag (launchdarkly)', rule, {
  valid: [
    {
      filename: 'component.tsx',
      code: lines(
        "import { useFlags } from 'launchdarkly-react-client-sdk';",
        'export function Checkout() {',
        '  const { newCheckout } = useFlags();',
        '  return newCheckout ? <CheckoutV2 /> : <CheckoutV1 />;',
        '}',
      ),
    },
  ],
  invalid: [
    {
      // useFlags() camelCases old_banner: the message names the manifest's key.
      filename: 'component.tsx',
      code: lines(
        "import { useFlags } from 'launchdarkly-react-client-sdk';",
        'export function Banner() {',
        '  const { oldBanner } = useFlags();',
        '  return oldBanner ? <SaleBanner /> : null;',
        '}',
      ),
      errors: [expired('old_banner', '2026-11-27', 'growth-team', 'GROW-42', 3, 11)],
    },
    {
      code: lines(
        "import { init } from '@launchdarkly/node-server-sdk';",
        "const ldClient = init(process.env.LD_SDK_KEY ?? '');",
        "export const showBanner = (context) => ldClient.boolVariation('expires_tomorrow', context, false);",
      ),
      errors: [expiringSoon('expires_tomorrow', '2026-11-29', '1 day', 'search-team', 'SRCH-2', 3, 63)],
    },
  ],
});

seed.run('no-expired-flag: settings problems', rule, {
  valid: [],
  invalid: [
    {
      code: evaluate('old_banner'),
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, noExpiredFlagBogusField: 'x' } },
      errors: [
        { messageId: 'configuration', line: 1, column: 1, data: { message: settingsProblem('noExpiredFlagBogusField', 'unknown field') } },
      ],
    },
    {
      // A manifest with an error: file:line:column, the flag and the field.
      code: evaluate('orphan_flag'),
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, manifest: fixturePath('broken-flags.yaml') } },
      errors: [
        {
          messageId: 'configuration',
          line: 1,
          column: 1,
          data: { message: `${fixturePath('broken-flags.yaml')}:2:3: flag "orphan_flag", field "owner": is required` },
        },
      ],
    },
    {
      // `today` must be a real calendar date.
      code: evaluate('old_banner'),
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, today: '2026-02-30' } },
      errors: [
        {
          messageId: 'configuration',
          line: 1,
          column: 1,
          data: { message: 'ESLint settings[\'flag-hygiene\']: today must be a real date written YYYY-MM-DD, got "2026-02-30"' },
        },
      ],
    },
  ],
});
