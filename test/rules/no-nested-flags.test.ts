import rule from '../../rules/no-nested-flags.js';
import { ARTICLE_PATTERN_1, ARTICLE_PATTERN_2, ARTICLE_PATTERN_3 } from '../helpers/article-patterns.js';
import { BASE_SETTINGS, createRuleTester, fixturePath, lines, settingsProblem } from '../helpers/rule-tester.js';

/*
 * "Never nest flags (if flag A && flag B → impossible to reason about)": a flag decided inside the
 * on or off region of another flag's decision. The message names both flags, the region and the
 * line of the outer check.
 */

const seed = createRuleTester();

seed.run('no-nested-flags', rule, {
  valid: [
    // The hygiene article's three patterns decide one flag each.
    ARTICLE_PATTERN_1,
    ARTICLE_PATTERN_2,
    ARTICLE_PATTERN_3,
    // Flags decided side by side.
    lines(
      'function checkout(ctx) {',
      "  const useA = isFeatureEnabled(flags.get('flag_a'), ctx);",
      "  const useB = isFeatureEnabled(flags.get('flag_b'), ctx);",
      '  if (useA) newLayout();',
      '  if (useB) expressPay();',
      '}',
    ),
    // The same flag checked again inside its own branch is one flag, not two.
    lines("if (isFeatureEnabled(flags.get('flag_a'), ctx)) {", "  if (isFeatureEnabled(flags.get('flag_a'), ctx)) track();", '}'),
    // A helper that checks a flag, called outside any flag region.
    lines(
      'function paymentButton(ctx) {',
      "  if (isFeatureEnabled(flags.get('flag_b'), ctx)) return expressButton();",
      '  return cardButton();',
      '}',
      "const header = isFeatureEnabled(flags.get('flag_a'), ctx) ? newHeader() : oldHeader();",
      'const button = paymentButton(ctx);',
    ),
    // Constants and enums name the flags; still side by side.
    lines(
      "enum Flag { A = 'flag_a', B = 'flag_b' }",
      'const useA = isFeatureEnabled(flags.get(Flag.A), ctx);',
      'const useB = isFeatureEnabled(flags.get(Flag.B), ctx);',
      "render(useA ? 'a' : 'legacy', useB ? 'b' : 'legacy');",
    ),
  ],
  invalid: [
    {
      // A flag decided inside the on branch of another.
      code: lines(
        'function checkout(ctx) {',
        "  if (isFeatureEnabled(flags.get('flag_a'), ctx)) {",
        "    if (isFeatureEnabled(flags.get('flag_b'), ctx)) {",
        '      expressCheckout();',
        '    }',
        '  }',
        '}',
      ),
      errors: [{ messageId: 'nestedFlag', line: 3, column: 9, data: { inner: 'flag_b', outer: 'flag_a', region: 'on path', line: '2' } }],
    },
    {
      // One condition reading the inner flag twice is one nesting, reported once (and one outer
      // condition reading its flag twice is one outer).
      code: lines(
        'function checkout(ctx) {',
        "  if (flags.get('flag_a')?.enabled && flags.get('flag_a')?.killSwitch !== true) {",
        "    if (flags.get('flag_b')?.enabled && flags.get('flag_b')?.killSwitch !== true) {",
        '      expressCheckout();',
        '    }',
        '  }',
        '}',
      ),
      errors: [{ messageId: 'nestedFlag', line: 3, column: 9, data: { inner: 'flag_b', outer: 'flag_a', region: 'on path', line: '2' } }],
    },
    {
      // ... and inside its off branch (`else if`).
      code: lines(
        'function checkout(ctx) {',
        "  if (isFeatureEnabled(flags.get('flag_a'), ctx)) {",
        '    newCheckout();',
        "  } else if (isFeatureEnabled(flags.get('flag_b'), ctx)) {",
        '    expressCheckout();',
        '  }',
        '}',
      ),
      errors: [{ messageId: 'nestedFlag', line: 4, column: 14, data: { inner: 'flag_b', outer: 'flag_a', region: 'off path', line: '2' } }],
    },
    {
      // `flagA && flagB` in one condition: B is only checked when A is on.
      code: lines("if (isFeatureEnabled(flags.get('flag_a'), ctx) && isFeatureEnabled(flags.get('flag_b'), ctx)) {", '  bothOn();', '}'),
      errors: [{ messageId: 'nestedFlag', line: 1, column: 5, data: { inner: 'flag_b', outer: 'flag_a', region: 'on path', line: '1' } }],
    },
    {
      // `flagA && flagB` through the article's decision variables.
      code: lines(
        'function checkout(ctx) {',
        "  const useA = isFeatureEnabled(flags.get('flag_a'), ctx);",
        "  const useB = isFeatureEnabled(flags.get('flag_b'), ctx);",
        '  if (useA && useB) {',
        '    bothOn();',
        '  }',
        '}',
      ),
      errors: [{ messageId: 'nestedFlag', line: 4, column: 7, data: { inner: 'flag_b', outer: 'flag_a', region: 'on path', line: '4' } }],
    },
    {
      // `flagA && flagB` held in one variable, then used as the condition: flag_b is evaluated only
      // when flag_a is on (line 1), and decides at the if.
      code: lines(
        "const both = isFeatureEnabled(flags.get('flag_a'), ctx) && isFeatureEnabled(flags.get('flag_b'), ctx);",
        'if (both) {',
        '  bothOn();',
        '}',
      ),
      errors: [{ messageId: 'nestedFlag', line: 2, column: 5, data: { inner: 'flag_b', outer: 'flag_a', region: 'on path', line: '1' } }],
    },
    {
      // A check after an early-return guard on another flag runs only when that flag is on.
      code: lines(
        'function checkout(ctx) {',
        "  if (!isFeatureEnabled(flags.get('flag_a'), ctx)) return legacyCheckout();",
        "  if (isFeatureEnabled(flags.get('flag_b'), ctx)) {",
        '    expressCheckout();',
        '  }',
        '  return newCheckout();',
        '}',
      ),
      errors: [{ messageId: 'nestedFlag', line: 3, column: 7, data: { inner: 'flag_b', outer: 'flag_a', region: 'on path', line: '2' } }],
    },
    {
      // Nested ternary in the on branch.
      code: lines(
        "const label = isFeatureEnabled(flags.get('flag_a'), ctx)",
        "  ? (isFeatureEnabled(flags.get('flag_b'), ctx) ? 'express' : 'new')",
        "  : 'legacy';",
      ),
      errors: [{ messageId: 'nestedFlag', line: 2, column: 6, data: { inner: 'flag_b', outer: 'flag_a', region: 'on path', line: '1' } }],
    },
    {
      // Chained ternary: the second flag is decided on the first one's off path.
      code: "const label = isFeatureEnabled(flags.get('flag_a'), ctx) ? 'new' : isFeatureEnabled(flags.get('flag_b'), ctx) ? 'express' : 'legacy';",
      errors: [{ messageId: 'nestedFlag', line: 1, column: 68, data: { inner: 'flag_b', outer: 'flag_a', region: 'off path', line: '1' } }],
    },
    {
      // Flags named through an enum.
      code: lines(
        "enum Flag { A = 'flag_a', B = 'flag_b' }",
        'if (isFeatureEnabled(flags.get(Flag.A), ctx)) {',
        '  if (isFeatureEnabled(flags.get(Flag.B), ctx)) both();',
        '}',
      ),
      errors: [{ messageId: 'nestedFlag', line: 3, column: 7, data: { inner: 'flag_b', outer: 'flag_a', region: 'on path', line: '2' } }],
    },
    {
      // A same-file helper that decides a flag, called inside another flag's region.
      code: lines(
        'function paymentButton(ctx) {',
        "  if (isFeatureEnabled(flags.get('flag_b'), ctx)) return expressButton();",
        '  return cardButton();',
        '}',
        '',
        'export function checkoutPage(ctx) {',
        "  if (isFeatureEnabled(flags.get('flag_a'), ctx)) {",
        '    return renderV2(paymentButton(ctx));',
        '  }',
        '  return renderV1();',
        '}',
      ),
      errors: [
        {
          messageId: 'nestedThroughCall',
          line: 8,
          column: 21,
          data: { inner: 'flag_b', outer: 'flag_a', region: 'on path', line: '7', through: 'paymentButton()' },
        },
      ],
    },
    {
      // Through two helpers: the message names the call path.
      code: lines(
        'function expressButton(ctx) {',
        "  return isFeatureEnabled(flags.get('flag_c'), ctx) ? 'express' : 'card';",
        '}',
        'function paymentSection(ctx) {',
        "  return ['pay', expressButton(ctx)];",
        '}',
        'export function checkoutPage(ctx) {',
        "  return isFeatureEnabled(flags.get('flag_a'), ctx) ? paymentSection(ctx) : [];",
        '}',
      ),
      errors: [
        {
          messageId: 'nestedThroughCall',
          line: 8,
          column: 55,
          data: { inner: 'flag_c', outer: 'flag_a', region: 'on path', line: '8', through: 'paymentSection() → expressButton()' },
        },
      ],
    },
    {
      // A method of the same class, called through `this`.
      code: lines(
        'class CheckoutPage {',
        '  paymentButton(ctx) {',
        "    if (isFeatureEnabled(flags.get('flag_b'), ctx)) return 'express';",
        "    return 'card';",
        '  }',
        '  render(ctx) {',
        "    return isFeatureEnabled(flags.get('flag_a'), ctx) ? this.paymentButton(ctx) : 'legacy';",
        '  }',
        '}',
      ),
      errors: [
        {
          messageId: 'nestedThroughCall',
          line: 7,
          column: 57,
          data: { inner: 'flag_b', outer: 'flag_a', region: 'on path', line: '7', through: 'CheckoutPage.paymentButton()' },
        },
      ],
    },
    {
      // Wrappers imported from another module: a fixed-key wrapper decides the outer flag, a
      // key-taking wrapper the inner one.
      filename: fixturePath('checkout-nested.ts'),
      code: lines(
        "import { isNewPaymentProcessorOn, isOn } from './wrappers.js';",
        '',
        'export function checkout(order) {',
        '  if (isNewPaymentProcessorOn(order.customerId)) {',
        "    return isOn('flag_b', order.customerId) ? chargeExpress(order) : chargeNew(order);",
        '  }',
        '  return chargeLegacy(order);',
        '}',
      ),
      errors: [
        {
          messageId: 'nestedFlag',
          line: 5,
          column: 12,
          data: { inner: 'flag_b', outer: 'new_payment_processor', region: 'on path', line: '4' },
        },
      ],
    },
  ],
});

// An unknown field in settings['flag-hygiene'] is reported once per process, at the first line
// of the first file linted: the second file with the same settings gets nothing.
const badSettings = { 'flag-hygiene': { ...BASE_SETTINGS, noNestedFlagsBogusField: true } };
seed.run('no-nested-flags: invalid settings', rule, {
  valid: [],
  invalid: [
    {
      code: "if (isFeatureEnabled(flags.get('flag_a'), ctx)) { if (isFeatureEnabled(flags.get('flag_b'), ctx)) both(); }",
      settings: badSettings,
      errors: [
        {
          messageId: 'configuration',
          line: 1,
          column: 1,
          data: { message: settingsProblem('noNestedFlagsBogusField', 'unknown field') },
        },
      ],
    },
    {
      code: 'const a = 1;',
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, presetz: ['seed'] } },
      errors: [
        {
          messageId: 'configuration',
          line: 1,
          column: 1,
          data: { message: settingsProblem('presetz', 'unknown field (did you mean "presets"?)') },
        },
      ],
    },
  ],
});
seed.run('no-nested-flags: invalid settings, announced once', rule, {
  valid: [
    {
      // Same settings as the first invalid case above: already announced in this process.
      code: "if (isFeatureEnabled(flags.get('flag_a'), ctx)) { if (isFeatureEnabled(flags.get('flag_b'), ctx)) both(); } // again",
      settings: badSettings,
    },
  ],
  invalid: [],
});

const allowJsx = [{ allowJsxShortCircuit: true }] as const;

const growthbook = createRuleTester({ presets: ['growthbook'] });
const gbShortCircuit = lines(
  "import { useFeatureIsOn } from '@growthbook/growthbook-react';",
  '',
  'export function Checkout() {',
  "  const newCheckout = useFeatureIsOn('new-checkout');",
  "  const expressPay = useFeatureIsOn('express-pay');",
  '  return (',
  '    <section>',
  '      {newCheckout && (',
  '        <CheckoutV2>{expressPay && <ExpressPayButton />}</CheckoutV2>',
  '      )}',
  '    </section>',
  '  );',
  '}',
);
const gbComponent = lines(
  "import { useFeatureIsOn } from '@growthbook/growthbook-react';",
  '',
  'function ExpressSection() {',
  "  const expressPay = useFeatureIsOn('express-pay');",
  '  return expressPay ? <ExpressPayButton /> : <CardPayButton />;',
  '}',
  '',
  'export function Checkout() {',
  "  const newCheckout = useFeatureIsOn('new-checkout');",
  '  return <main>{newCheckout && <ExpressSection />}</main>;',
  '}',
);
growthbook.run('no-nested-flags (growthbook)', rule, {
  valid: [
    {
      // GB-2 of the SDK research: hooks and components side by side.
      filename: 'component.tsx',
      code: lines(
        "import { GrowthBook } from '@growthbook/growthbook';",
        "import { FeatureString, GrowthBookProvider, IfFeatureEnabled, useFeature, useFeatureIsOn, useFeatureValue } from '@growthbook/growthbook-react';",
        '',
        "export const gb = new GrowthBook({ apiHost: 'https://cdn.growthbook.io', clientKey: 'sdk-abc123', attributes: { id: 'u1' } });",
        'gb.init({ timeout: 2000 });',
        '',
        'export function Checkout() {',
        "  const newCheckout = useFeatureIsOn('new-checkout');",
        "  const buttonColor = useFeatureValue('promo-banner', 'blue');",
        "  const theme = useFeature('checkout-theme');",
        '  return (',
        "    <section data-theme={theme.on ? String(theme.value) : 'default'}>",
        '      <h1><FeatureString feature="checkout-max-items" default="Checkout" /></h1>',
        '      {newCheckout ? <CheckoutV2 data-testid="checkout-v2" color={buttonColor} /> : <CheckoutV1 data-testid="checkout-v1" />}',
        '      <IfFeatureEnabled feature="express-pay"><ExpressPayButton /></IfFeatureEnabled>',
        '    </section>',
        '  );',
        '}',
      ),
    },
    // allowJsxShortCircuit: a flag inside JSX rendered by `{flagA && …}` is allowed, also inside
    // a component of this file rendered there.
    { filename: 'component.tsx', code: gbShortCircuit, options: allowJsx },
    { filename: 'component.tsx', code: gbComponent, options: allowJsx },
  ],
  invalid: [
    {
      // JSX short-circuit inside another flag's short-circuit.
      filename: 'component.tsx',
      code: gbShortCircuit,
      errors: [
        {
          messageId: 'nestedFlag',
          line: 9,
          column: 22,
          data: { inner: 'express-pay', outer: 'new-checkout', region: 'on path', line: '8' },
        },
      ],
    },
    {
      // A component of this file that decides a flag, rendered by `{flagA && <Section />}`: the
      // case allowJsxShortCircuit exists for, so reported by default.
      filename: 'component.tsx',
      code: gbComponent,
      errors: [
        {
          messageId: 'nestedThroughCall',
          line: 10,
          column: 32,
          data: { inner: 'express-pay', outer: 'new-checkout', region: 'on path', line: '10', through: 'ExpressSection()' },
        },
      ],
    },
    {
      // A flag component inside a flag's short-circuit.
      filename: 'component.tsx',
      code: lines(
        "import { IfFeatureEnabled, useFeatureIsOn } from '@growthbook/growthbook-react';",
        '',
        'export function Checkout() {',
        "  const newCheckout = useFeatureIsOn('new-checkout');",
        '  return (',
        '    <section>',
        '      {newCheckout && (',
        '        <IfFeatureEnabled feature="express-pay"><ExpressPayButton /></IfFeatureEnabled>',
        '      )}',
        '    </section>',
        '  );',
        '}',
      ),
      errors: [
        {
          messageId: 'nestedFlag',
          line: 8,
          column: 9,
          data: { inner: 'express-pay', outer: 'new-checkout', region: 'on path', line: '7' },
        },
      ],
    },
    {
      // allowJsxShortCircuit covers `{flagA && …}` only, not a JSX ternary.
      filename: 'component.tsx',
      code: lines(
        "import { useFeatureIsOn } from '@growthbook/growthbook-react';",
        '',
        'export function Checkout() {',
        "  const newCheckout = useFeatureIsOn('new-checkout');",
        "  const expressPay = useFeatureIsOn('express-pay');",
        '  return <section>{newCheckout ? <CheckoutV2>{expressPay && <ExpressPayButton />}</CheckoutV2> : <CheckoutV1 />}</section>;',
        '}',
      ),
      options: allowJsx,
      errors: [
        {
          messageId: 'nestedFlag',
          line: 6,
          column: 47,
          data: { inner: 'express-pay', outer: 'new-checkout', region: 'on path', line: '6' },
        },
      ],
    },
    {
      // Server side: GB-1's scoped instance, isOff inside isOn.
      code: lines(
        'export function checkoutFlow(gb) {',
        "  if (gb.isOn('new-checkout')) {",
        "    return gb.isOff('tax-v2') ? 'v2-legacy-tax' : 'v2';",
        '  }',
        "  return 'v1';",
        '}',
      ),
      errors: [
        { messageId: 'nestedFlag', line: 3, column: 12, data: { inner: 'tax-v2', outer: 'new-checkout', region: 'on path', line: '2' } },
      ],
    },
  ],
});

const openfeature = createRuleTester({ presets: ['openfeature'] });
openfeature.run('no-nested-flags (openfeature)', rule, {
  valid: [
    {
      // OF-2 of the SDK research: hooks and the <FeatureFlag> component side by side.
      filename: 'component.tsx',
      code: lines(
        "import { FeatureFlag, useBooleanFlagValue, useFlag, useStringFlagDetails } from '@openfeature/react-sdk';",
        '',
        'export function CheckoutPage() {',
        "  const showBanner = useBooleanFlagValue('promo-banner', false);",
        "  const { value: newCheckout } = useFlag('new-checkout', false);",
        "  const theme = useStringFlagDetails('checkout-theme', 'light');",
        '',
        '  return (',
        '    <main className={`theme-${theme.value}`}>',
        '      {showBanner && <PromoBanner />}',
        '      {newCheckout ? <CheckoutV2 data-testid="checkout-v2" /> : <CheckoutV1 data-testid="checkout-v1" />}',
        '      <FeatureFlag flagKey="express-pay" defaultValue={false} fallback={<CardPayOnly />}>',
        '        <ExpressPayButton />',
        '      </FeatureFlag>',
        '    </main>',
        '  );',
        '}',
      ),
    },
  ],
  invalid: [
    {
      // A flag decided inside the children of <FeatureFlag>.
      filename: 'component.tsx',
      code: lines(
        "import { FeatureFlag, useFlag } from '@openfeature/react-sdk';",
        '',
        'export function CheckoutPage() {',
        "  const { value: newCheckout } = useFlag('new-checkout', false);",
        '  return (',
        '    <FeatureFlag flagKey="express-pay" defaultValue={false} fallback={<CardPayOnly />}>',
        '      {newCheckout ? <ExpressPayV2 /> : <ExpressPayButton />}',
        '    </FeatureFlag>',
        '  );',
        '}',
      ),
      errors: [
        {
          messageId: 'nestedFlag',
          line: 7,
          column: 8,
          data: { inner: 'new-checkout', outer: 'express-pay', region: 'on path', line: '6' },
        },
      ],
    },
    {
      // Server SDK: awaited evaluations, one inside the other's branch.
      code: lines(
        "import { OpenFeature } from '@openfeature/server-sdk';",
        '',
        "const client = OpenFeature.getClient('checkout-service');",
        '',
        'export async function chooseFlow(context) {',
        "  if (await client.getBooleanValue('new-checkout', false, context)) {",
        "    const express = await client.getBooleanValue('express-pay', false, context);",
        "    return express ? 'v2-express' : 'v2';",
        '  }',
        "  return 'v1';",
        '}',
      ),
      errors: [
        {
          messageId: 'nestedFlag',
          line: 8,
          column: 12,
          data: { inner: 'express-pay', outer: 'new-checkout', region: 'on path', line: '6' },
        },
      ],
    },
  ],
});

const launchdarkly = createRuleTester({ presets: ['launchdarkly'] });
launchdarkly.run('no-nested-flags (launchdarkly)', rule, {
  valid: [
    {
      // LD-2 of the SDK research: camelCased useFlags() and the browser client side by side.
      filename: 'component.tsx',
      code: lines(
        "import { useFlags, useLDClient } from 'launchdarkly-react-client-sdk';",
        '',
        'export function CheckoutButton() {',
        '  const { newCheckout, promoBanner } = useFlags();',
        '  const ldClient = useLDClient();',
        "  const compact: boolean = ldClient?.variation('compact-checkout', false) ?? false;",
        '',
        '  return (',
        "    <button className={compact ? 'compact' : ''} style={{ background: promoBanner ? 'gold' : 'white' }}",
        "      onClick={() => ldClient?.track('checkout-clicked')}>",
        "      {newCheckout ? 'Express checkout' : 'Checkout'}",
        '    </button>',
        '  );',
        '}',
      ),
    },
  ],
  invalid: [
    {
      // React SDK v3: a camelCased flag after a guard on another; the message uses manifest keys.
      filename: 'component.tsx',
      code: lines(
        "import { useFlags } from 'launchdarkly-react-client-sdk';",
        '',
        'export function CheckoutButton() {',
        '  const { newCheckout, compactCheckout } = useFlags();',
        '  if (!newCheckout) return <button>Checkout</button>;',
        "  return <button className={compactCheckout ? 'compact' : ''}>Express checkout</button>;",
        '}',
      ),
      errors: [
        {
          messageId: 'nestedFlag',
          line: 6,
          column: 29,
          data: { inner: 'compact-checkout', outer: 'new-checkout', region: 'on path', line: '5' },
        },
      ],
    },
    {
      // Node server SDK: key, context, default.
      code: lines(
        "import { init } from '@launchdarkly/node-server-sdk';",
        '',
        "const ldClient = init(process.env.LD_SDK_KEY ?? '');",
        '',
        'export async function chooseFlow(context) {',
        "  const useNewCheckout = await ldClient.boolVariation('new-checkout', context, false);",
        '  if (useNewCheckout) {',
        "    if (await ldClient.boolVariation('express-pay', context, false)) return 'v2-express';",
        "    return 'v2';",
        '  }',
        "  return 'v1';",
        '}',
      ),
      errors: [
        {
          messageId: 'nestedFlag',
          line: 8,
          column: 9,
          data: { inner: 'express-pay', outer: 'new-checkout', region: 'on path', line: '7' },
        },
      ],
    },
    {
      // A switch on a variant: the region is named by its case.
      code: lines(
        'export function themeFor(client) {',
        "  switch (client.variation('checkout-theme')) {",
        "    case 'dark':",
        "      return client.boolVariation('compact-checkout') ? 'dark-compact' : 'dark';",
        '    default:',
        "      return 'light';",
        '  }',
        '}',
      ),
      errors: [
        {
          messageId: 'nestedFlag',
          line: 4,
          column: 14,
          data: { inner: 'compact-checkout', outer: 'checkout-theme', region: "'dark' case", line: '2' },
        },
      ],
    },
  ],
});

const unleash = createRuleTester({ presets: ['unleash'] });
unleash.run('no-nested-flags (unleash)', rule, {
  valid: [
    {
      // UN-2 of the SDK research: the express-pay check lives in a callback defined outside the branch.
      filename: 'component.tsx',
      code: lines(
        "import { useFlag, useFlagsStatus, useUnleashClient, useVariant } from '@unleash/proxy-client-react';",
        '',
        'export function Checkout() {',
        '  const { flagsReady } = useFlagsStatus();',
        "  const newCheckout = useFlag('new-checkout');",
        "  const theme = useVariant('checkout-theme');",
        '  const client = useUnleashClient();',
        '',
        '  if (!flagsReady) return <Spinner />;',
        '',
        "  const onPay = () => (client.isEnabled('express-pay') ? payExpress() : payByCard());",
        '  return (',
        "    <section data-theme={theme.enabled ? theme.name : 'default'}>",
        '      {newCheckout ? <CheckoutV2 data-testid="checkout-v2" onPay={onPay} /> : <CheckoutV1 data-testid="checkout-v1" onPay={onPay} />}',
        '    </section>',
        '  );',
        '}',
      ),
    },
  ],
  invalid: [
    {
      // Node SDK: `flagA && flagB` in one condition.
      code: lines(
        "import { initialize } from 'unleash-client';",
        '',
        "const unleash = initialize({ url: 'http://localhost:4242/api/', appName: 'checkout-service' });",
        '',
        'export function exportButton(userId) {',
        "  if (unleash.isEnabled('bulk-export', { userId }) && unleash.isEnabled('new-checkout', { userId })) {",
        "    return 'export-v2';",
        '  }',
        "  return 'export';",
        '}',
      ),
      errors: [
        {
          messageId: 'nestedFlag',
          line: 6,
          column: 7,
          data: { inner: 'new-checkout', outer: 'bulk-export', region: 'on path', line: '6' },
        },
      ],
    },
    {
      // React SDK: a flag decided in a prop of the on branch.
      filename: 'component.tsx',
      code: lines(
        "import { useFlag } from '@unleash/proxy-client-react';",
        '',
        'export function Checkout() {',
        "  const newCheckout = useFlag('new-checkout');",
        "  const expressPay = useFlag('express-pay');",
        "  return newCheckout ? <CheckoutV2 express={expressPay ? 'button' : 'none'} /> : <CheckoutV1 />;",
        '}',
      ),
      errors: [
        {
          messageId: 'nestedFlag',
          line: 6,
          column: 45,
          data: { inner: 'express-pay', outer: 'new-checkout', region: 'on path', line: '6' },
        },
      ],
    },
  ],
});

const flagsmith = createRuleTester({ presets: ['flagsmith'] });
flagsmith.run('no-nested-flags (flagsmith)', rule, {
  valid: [
    {
      // FS-2 of the SDK research (with this manifest's keys): flags side by side.
      filename: 'component.tsx',
      code: lines(
        "import flagsmith from 'flagsmith';",
        "import { FlagsmithProvider, useFlags, useFlagsmith } from 'flagsmith/react';",
        '',
        'export function Checkout() {',
        "  const flags = useFlags(['express_checkout', 'banner_size']);",
        '  const fs = useFlagsmith();',
        "  const showExpressPay = fs.hasFeature('express-pay');",
        '',
        '  return (',
        '    <section style={{ fontSize: Number(flags.banner_size.value) }}>',
        '      {flags.express_checkout.enabled',
        '        ? <CheckoutV2 data-testid="checkout-v2" />',
        '        : <CheckoutV1 data-testid="checkout-v1" />}',
        '      {showExpressPay && <ExpressPayButton />}',
        '    </section>',
        '  );',
        '}',
        '',
        'export const App = () => (',
        "  <FlagsmithProvider flagsmith={flagsmith} options={{ environmentID: 'client-env-key' }}>",
        '    <Checkout />',
        '  </FlagsmithProvider>',
        ');',
      ),
    },
  ],
  invalid: [
    {
      // FS-1 of the SDK research: the maintenance guard returns early, so every flag checked after
      // it is checked on maintenance_mode's off path.
      code: lines(
        "import express from 'express';",
        "import { Flagsmith } from 'flagsmith-nodejs';",
        '',
        "const flagsmith = new Flagsmith({ environmentKey: process.env.FLAGSMITH_SERVER_KEY ?? '' });",
        'const app = express();',
        '',
        "app.get('/checkout', async (req, res) => {",
        '  const environmentFlags = await flagsmith.getEnvironmentFlags();',
        "  if (environmentFlags.isFeatureEnabled('maintenance_mode')) {",
        "    return res.status(503).send('maintenance');",
        '  }',
        '',
        "  const identityFlags = await flagsmith.getIdentityFlags(req.header('x-user-id') ?? 'anonymous', { plan: 'pro' });",
        "  const newCheckout = identityFlags.isFeatureEnabled('express_checkout');",
        "  return res.json({ flow: newCheckout ? 'v2' : 'v1' });",
        '});',
      ),
      errors: [
        {
          messageId: 'nestedFlag',
          line: 15,
          column: 27,
          data: { inner: 'express_checkout', outer: 'maintenance_mode', region: 'off path', line: '9' },
        },
      ],
    },
  ],
});
