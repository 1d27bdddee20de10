import rule from '../../rules/no-dynamic-flag-key.js';
import { ARTICLE_PATTERN_1, ARTICLE_PATTERN_2, ARTICLE_PATTERN_3, ARTICLE_TESTS } from '../helpers/article-patterns.js';
import { BASE_SETTINGS, createRuleTester, fixturePath, lines, settingsProblem } from '../helpers/rule-tester.js';

/*
 * A key must resolve statically: literals, templates without expressions, consts, enum members,
 * `as const` and frozen objects, imports of those. Anything else is a dynamic key; a parameter
 * counts only when its function is a wrapper whose callers pass the key.
 */

function dynamicKey(text: string, line: number, column: number) {
  return { messageId: 'dynamicKey' as const, line, column, data: { text } };
}

const seed = createRuleTester();

const ROLLOUT_TEST = lines(
  'const ROLLOUT_FLAGS = ["new_payment_processor", "recommendation_v2"];',
  'for (const flagKey of ROLLOUT_FLAGS) {',
  '  it(`serves the legacy path when ${flagKey} is disabled`, async () => {',
  '    flags.override(flagKey, { enabled: false });',
  '    await expect(processPayment(mockOrder)).resolves.toBeDefined();',
  '  });',
  '}',
);

seed.run('no-dynamic-flag-key', rule, {
  valid: [
    ARTICLE_PATTERN_1,
    // A closure called only where its calls are seen is a wrapper: its key is the argument.
    lines('export function useCheckout() {', '  const isOn = (name) => flags.get(name);', "  return isOn('new_payment_processor');", '}'),
    ARTICLE_PATTERN_2,
    ARTICLE_PATTERN_3,
    { code: ARTICLE_TESTS, filename: 'payments.test.ts' },
    'const on = flags.get(`new_payment_processor`)?.enabled;',
    lines("const KEY = 'new_payment_processor';", 'const on = isFeatureEnabled(flags.get(KEY), { userId });'),
    lines("let key = 'new_payment_processor';", 'const on = isFeatureEnabled(flags.get(key), { userId });'),
    lines(
      "enum Flag { Recommendations = 'recommendation_v2' }",
      'const on = isFeatureEnabled(flags.get(Flag.Recommendations), { userId });',
    ),
    lines(
      "const FLAGS = { breaker: 'external_api_circuit_breaker' } as const;",
      'if (flags.get(FLAGS.breaker)?.killSwitch) serveCached();',
    ),
    lines(
      "const FLAGS = { breaker: 'external_api_circuit_breaker' } as const satisfies Record<string, string>;",
      'if (flags.get(FLAGS.breaker)?.killSwitch) serveCached();',
    ),
    lines(
      "const FLAGS = Object.freeze({ breaker: 'external_api_circuit_breaker' });",
      'if (flags.get(FLAGS.breaker)?.killSwitch) serveCached();',
    ),
    lines(
      "const FLAGS = { nested: { breaker: 'external_api_circuit_breaker' } } as const;",
      'if (flags.get(FLAGS.nested.breaker)?.killSwitch) serveCached();',
    ),
    lines(
      "const { breaker } = { breaker: 'external_api_circuit_breaker' } as const;",
      'if (flags.get(breaker)?.killSwitch) serveCached();',
    ),
    {
      // Imports of those, directly and through a re-export.
      filename: fixturePath('keys-imported.ts'),
      code: lines(
        "import { FLAGS, FROZEN_FLAGS, Flag, NEW_PAYMENT_PROCESSOR } from './flag-keys.js';",
        "import * as keys from './keys-barrel.js';",
        'export const a = flags.get(NEW_PAYMENT_PROCESSOR);',
        'export const b = flags.get(FLAGS.recommendationV2);',
        'export const c = flags.get(FROZEN_FLAGS.legacySearch);',
        'export const d = flags.get(Flag.OldBanner);',
        'export const e = flags.get(keys.FLAGS.circuitBreaker);',
      ),
    },
    // The docs' choice between two flags, each evaluated with its own key.
    lines(
      'async function processPayment(order: Order): Promise<PaymentResult> {',
      '  const context = { userId: order.customerId };',
      '  const useNewProcessor =',
      '    order.currency === "EUR"',
      '      ? isFeatureEnabled(flags.get("new_payment_processor_eu"), context)',
      '      : isFeatureEnabled(flags.get("new_payment_processor"), context);',
      '  return useNewProcessor ? await newPaymentProcessor.charge(order) : await legacyPaymentProcessor.charge(order);',
      '}',
    ),
    // A wrapper taking the key: its callers pass static keys.
    lines(
      'function isOn(flagKey: string, userId: string): boolean {',
      '  return isFeatureEnabled(flags.get(flagKey), { userId });',
      '}',
      'async function getRecommendations(userId: string): Promise<Product[]> {',
      '  return isOn("recommendation_v2", userId) ? await newEngine.get(userId) : await currentEngine.get(userId);',
      '}',
    ),
    // ... including a wrapper of a wrapper, and one imported from another module.
    lines(
      'function isOn(flagKey: string, userId: string): boolean {',
      '  return isFeatureEnabled(flags.get(flagKey), { userId });',
      '}',
      'const isOnForUser = (flagKey: string) => isOn(flagKey, currentUser.id);',
      'const express = isOnForUser("flag_b");',
    ),
    {
      filename: fixturePath('checkout-wrapped.ts'),
      code: lines(
        "import { isNewPaymentProcessorOn, isOn } from './wrappers.js';",
        "export const a = isOn('flag_a', user.id) && isNewPaymentProcessorOn(user.id);",
      ),
    },
    // allowInTests: table-driven tests over many flags.
    { code: ROLLOUT_TEST, filename: 'rollouts.test.ts', options: [{ allowInTests: true }] },
  ],
  invalid: [
    {
      // Issue 16 item 12: a closure handed out of the hook is called where no key can be read.
      code: lines('export function useFeature() {', '  const isOn = (name) => flags.get(name);', '  return isOn;', '}'),
      errors: [dynamicKey('name', 2, 36)],
    },
    {
      // A template with an expression.
      code: lines(
        'async function processPayment(order: Order): Promise<PaymentResult> {',
        '  const useNewProcessor = isFeatureEnabled(',
        '    flags.get(`new_payment_processor_${order.region}`),',
        '    { userId: order.customerId }',
        '  );',
        '  return useNewProcessor ? await newPaymentProcessor.charge(order) : await legacyPaymentProcessor.charge(order);',
        '}',
      ),
      errors: [dynamicKey('`new_payment_processor_${order.region}`', 3, 15)],
    },
    {
      // A const whose value is picked at run time.
      code: lines(
        'const flagKey = order.currency === "EUR" ? "new_payment_processor_eu" : "new_payment_processor";',
        'const useNewProcessor = isFeatureEnabled(flags.get(flagKey), { userId: order.customerId });',
      ),
      errors: [dynamicKey('flagKey', 2, 52)],
    },
    {
      // A key from configuration.
      code: 'const useNewAlgorithm = isFeatureEnabled(flags.get(config.recommendationFlag), { userId });',
      errors: [dynamicKey('config.recommendationFlag', 1, 52)],
    },
    {
      // A reassigned variable.
      code: lines(
        'function servedAlgorithm(userId: string): string {',
        '  let flagKey = "recommendation_v2";',
        '  if (isBetaTester(userId)) flagKey = "recommendation_v3";',
        '  return isFeatureEnabled(flags.get(flagKey), { userId }) ? "new" : "current";',
        '}',
      ),
      errors: [dynamicKey('flagKey', 4, 37)],
    },
    {
      // A plain object's property can be reassigned: not a static key.
      code: lines("const FLAG_KEYS = { checkout: 'flag_a' };", 'const on = isFeatureEnabled(flags.get(FLAG_KEYS.checkout), { userId });'),
      errors: [dynamicKey('FLAG_KEYS.checkout', 2, 39)],
    },
    {
      // ... also when imported from another module.
      filename: fixturePath('checkout-mutable.ts'),
      code: lines(
        "import { MUTABLE_FLAGS } from './flag-keys.js';",
        'export const on = isFeatureEnabled(flags.get(MUTABLE_FLAGS.checkout), { userId });',
      ),
      errors: [dynamicKey('MUTABLE_FLAGS.checkout', 2, 46)],
    },
    {
      // A parameter of a callback nobody calls with a key: not a wrapper.
      code: lines(
        "const ROLLOUT_FLAGS = ['new_payment_processor', 'recommendation_v2'];",
        'const enabledFlags = ROLLOUT_FLAGS.filter((flagKey) => flags.get(flagKey)?.enabled);',
      ),
      errors: [dynamicKey('flagKey', 2, 66)],
    },
    {
      // A destructured parameter.
      code: lines('function isOn({ key }: { key: string }): boolean {', '  return flags.get(key)?.enabled === true;', '}'),
      errors: [dynamicKey('key', 2, 20)],
    },
    {
      // A wrapper called with a dynamic key: reported at the call.
      code: lines(
        'function isOn(flagKey: string, userId: string): boolean {',
        '  return isFeatureEnabled(flags.get(flagKey), { userId });',
        '}',
        'const beta = isOn(`beta_${feature}`, user.id);',
      ),
      errors: [dynamicKey('`beta_${feature}`', 4, 19)],
    },
    // Table-driven tests: reported unless allowInTests, which never covers application code.
    { code: ROLLOUT_TEST, filename: 'rollouts.test.ts', errors: [dynamicKey('flagKey', 4, 20)] },
    { code: ROLLOUT_TEST, filename: 'rollouts.ts', options: [{ allowInTests: true }], errors: [dynamicKey('flagKey', 4, 20)] },
  ],
});

const launchdarkly = createRuleTester({ presets: ['launchdarkly'] });
launchdarkly.run('no-dynamic-flag-key (launchdarkly)', rule, {
  valid: [
    lines(
      "import { init } from '@launchdarkly/node-server-sdk';",
      "const ldClient = init(process.env.LD_SDK_KEY ?? '');",
      "export const theme = (context) => ldClient.variation('checkout-theme', context, 'light');",
    ),
  ],
  invalid: [
    {
      code: lines(
        "import { init } from '@launchdarkly/node-server-sdk';",
        "const ldClient = init(process.env.LD_SDK_KEY ?? '');",
        "export const arm = (experimentId, context) => ldClient.variation(`experiment-${experimentId}`, context, 'control');",
      ),
      errors: [dynamicKey('`experiment-${experimentId}`', 3, 66)],
    },
  ],
});

const openfeature = createRuleTester({ presets: ['openfeature'] });
openfeature.run('no-dynamic-flag-key (openfeature)', rule, {
  valid: ["export const flow = (client) => client.getBooleanValue('new-checkout', false);"],
  invalid: [
    {
      code: "export const flow = (client) => client.getBooleanValue(process.env.CHECKOUT_FLAG ?? 'new-checkout', false);",
      errors: [dynamicKey("process.env.CHECKOUT_FLAG ?? 'new-checkout'", 1, 56)],
    },
  ],
});

const growthbook = createRuleTester({ presets: ['growthbook'] });
growthbook.run('no-dynamic-flag-key (growthbook)', rule, {
  valid: [
    {
      filename: 'component.tsx',
      code: lines(
        "import { IfFeatureEnabled } from '@growthbook/growthbook-react';",
        "const EXPRESS_PAY = 'express-pay';",
        'export const Pay = () => <IfFeatureEnabled feature={EXPRESS_PAY}><ExpressPayButton /></IfFeatureEnabled>;',
      ),
    },
  ],
  invalid: [
    {
      filename: 'component.tsx',
      code: lines(
        "import { IfFeatureEnabled } from '@growthbook/growthbook-react';",
        'export const Gate = (props) => <IfFeatureEnabled feature={props.feature}>{props.children}</IfFeatureEnabled>;',
      ),
      errors: [dynamicKey('props.feature', 2, 59)],
    },
  ],
});

const flagsmith = createRuleTester({ presets: ['flagsmith'] });
flagsmith.run('no-dynamic-flag-key (flagsmith)', rule, {
  valid: [
    {
      filename: 'component.tsx',
      code: lines(
        "import { useFlags } from 'flagsmith/react';",
        'export function Banner() {',
        "  const flags = useFlags(['banner_size']);",
        '  return <p style={{ fontSize: Number(flags.banner_size.value) }}>Sale</p>;',
        '}',
      ),
    },
  ],
  invalid: [
    {
      filename: 'component.tsx',
      code: lines(
        "import { useFlags } from 'flagsmith/react';",
        'export function Flagged({ name, children }) {',
        "  const flags = useFlags(['banner_size', 'express_checkout']);",
        '  return flags[name].enabled ? children : null;',
        '}',
      ),
      errors: [dynamicKey('name', 4, 16)],
    },
  ],
});

seed.run('no-dynamic-flag-key: settings problems', rule, {
  valid: [],
  invalid: [
    {
      code: 'flags.get(`x_${y}`);',
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, noDynamicFlagKeyBogusField: true } },
      errors: [
        {
          messageId: 'configuration',
          line: 1,
          column: 1,
          data: { message: settingsProblem('noDynamicFlagKeyBogusField', 'unknown field') },
        },
      ],
    },
    {
      // An accessor pattern that does not compile.
      code: 'flags.get(`x_${y}`);',
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, accessors: ['flags.get()'] } },
      errors: [
        {
          messageId: 'configuration',
          line: 1,
          column: 1,
          data: { message: settingsProblem('accessors[0]', '"flags.get()" has no $KEY: mark where the flag key is') },
        },
      ],
    },
  ],
});
