import rule from '../../rules/no-undeclared-flag.js';
import { ARTICLE_PATTERN_1, ARTICLE_PATTERN_2, ARTICLE_PATTERN_3, ARTICLE_TESTS } from '../helpers/article-patterns.js';
import { BASE_SETTINGS, createRuleTester, fixturePath, lines, settingsProblem } from '../helpers/rule-tester.js';

/*
 * A key the manifest does not declare. When a declared key is a likely typo of it, the message names
 * it and a suggestion puts it in place of the key, where the key is written at the reference.
 */

const MANIFEST_NAME = 'flags.yaml';

/** The error for a key with a likely declared twin; `fixed` is the code after the suggestion, if any. */
function didYouMean(key: string, suggestion: string, line: number, column: number, fixed?: string) {
  return {
    messageId: 'undeclaredDidYouMean' as const,
    line,
    column,
    data: { key, manifest: MANIFEST_NAME, suggestion },
    suggestions: fixed === undefined ? [] : [{ messageId: 'replaceWithDeclared' as const, data: { suggestion }, output: fixed }],
  };
}

function undeclared(key: string, line: number, column: number) {
  return { messageId: 'undeclared' as const, line, column, data: { key, manifest: MANIFEST_NAME } };
}

const seed = createRuleTester();

seed.run('no-undeclared-flag', rule, {
  valid: [
    ARTICLE_PATTERN_1,
    ARTICLE_PATTERN_2,
    ARTICLE_PATTERN_3,
    { code: ARTICLE_TESTS, filename: 'payments.test.ts' },
    // Keys through constants, enums and `as const` objects.
    lines("const NEW_PAYMENT_PROCESSOR = 'new_payment_processor';", 'const processor = flags.get(NEW_PAYMENT_PROCESSOR);'),
    lines(
      "enum Flag { Recommendations = 'recommendation_v2' }",
      'const on = isFeatureEnabled(flags.get(Flag.Recommendations), { userId });',
    ),
    lines(
      "const FLAGS = { circuitBreaker: 'external_api_circuit_breaker' } as const;",
      'if (flags.get(FLAGS.circuitBreaker)?.killSwitch) serveCached();',
    ),
    // Keys imported from another module, directly and through a re-export.
    {
      filename: fixturePath('recommendations.ts'),
      code: lines(
        "import { FLAGS, NEW_PAYMENT_PROCESSOR } from './flag-keys.js';",
        'export const useNew = isFeatureEnabled(flags.get(NEW_PAYMENT_PROCESSOR), { userId });',
        'export const useV2 = isFeatureEnabled(flags.get(FLAGS.recommendationV2), { userId });',
      ),
    },
    {
      filename: fixturePath('recommendations-barrel.ts'),
      code: lines(
        "import { Flag } from './keys-barrel.js';",
        'export const useNew = isFeatureEnabled(flags.get(Flag.NewPaymentProcessor), { userId });',
      ),
    },
    // A wrapper from another module, called with a declared key.
    {
      filename: fixturePath('checkout-declared.ts'),
      code: lines("import { isOn } from './wrappers.js';", "export const express = isOn('flag_b', user.id);"),
    },
    // A dynamic key is no-dynamic-flag-key's business.
    'const on = flags.get(`checkout_${variant}`)?.enabled;',
  ],
  invalid: [
    {
      // A typo in the article's first pattern: the suggestion rewrites the string literal.
      code: lines(
        'async function processPayment(order: Order): Promise<PaymentResult> {',
        '  const useNewProcessor = isFeatureEnabled(',
        '    flags.get("new_payment_procesor"),',
        '    { userId: order.customerId }',
        '  );',
        '  return useNewProcessor',
        '    ? await newPaymentProcessor.charge(order)',
        '    : await legacyPaymentProcessor.charge(order);',
        '}',
      ),
      errors: [
        didYouMean(
          'new_payment_procesor',
          'new_payment_processor',
          3,
          15,
          lines(
            'async function processPayment(order: Order): Promise<PaymentResult> {',
            '  const useNewProcessor = isFeatureEnabled(',
            '    flags.get("new_payment_processor"),',
            '    { userId: order.customerId }',
            '  );',
            '  return useNewProcessor',
            '    ? await newPaymentProcessor.charge(order)',
            '    : await legacyPaymentProcessor.charge(order);',
            '}',
          ),
        ),
      ],
    },
    {
      // Single quotes and a template without expressions keep their quoting.
      code: "const processor = flags.get('new_paymnet_processor');",
      errors: [
        didYouMean('new_paymnet_processor', 'new_payment_processor', 1, 29, "const processor = flags.get('new_payment_processor');"),
      ],
    },
    {
      code: 'const processor = flags.get(`new_paymnet_processor`);',
      errors: [
        didYouMean('new_paymnet_processor', 'new_payment_processor', 1, 29, 'const processor = flags.get(`new_payment_processor`);'),
      ],
    },
    {
      // No declared key is close: no suggestion.
      code: "if (isFeatureEnabled(flags.get('gift_cards'), ctx)) showGiftCards();",
      errors: [undeclared('gift_cards', 1, 32)],
    },
    {
      // flag_a, flag_b and flag_c are all one edit away: a suggestion would be a coin toss.
      code: "if (isFeatureEnabled(flags.get('flag_d'), ctx)) showD();",
      errors: [undeclared('flag_d', 1, 32)],
    },
    {
      // A key from a const: the message names the likely flag, but the fix belongs to the constant.
      code: lines("const KEY = 'new_paymnet_processor';", 'const processor = flags.get(KEY);'),
      errors: [didYouMean('new_paymnet_processor', 'new_payment_processor', 2, 29)],
    },
    {
      // The docs' `as const` example: a key never declared.
      code: lines(
        'const FLAGS = {',
        '  recommendationV2: "recommendation_v2",',
        '  recommendationEmbeddings: "recommendation_embeddings",',
        '} as const;',
        '',
        'async function getRecommendations(userId: string): Promise<Product[]> {',
        '  const useEmbeddings = isFeatureEnabled(flags.get(FLAGS.recommendationEmbeddings), { userId });',
        '  return useEmbeddings',
        '    ? await embeddingRecommendationEngine.getRecommendations(userId)',
        '    : await currentRecommendationEngine.getRecommendations(userId);',
        '}',
      ),
      errors: [undeclared('recommendation_embeddings', 7, 52)],
    },
    {
      // The docs' enum example: a misspelt enum value.
      code: lines(
        'enum OperationalFlag {',
        '  ExternalApiBreaker = "external_api_circuit_braker",',
        '}',
        '',
        'async function callExternalApi(request: ApiRequest): Promise<ApiResponse> {',
        '  if (flags.get(OperationalFlag.ExternalApiBreaker)?.killSwitch) {',
        '    return getCachedResponse(request) ?? getDefaultResponse(request);',
        '  }',
        '  return await externalApi.call(request);',
        '}',
      ),
      errors: [didYouMean('external_api_circuit_braker', 'external_api_circuit_breaker', 6, 17)],
    },
    {
      // A constant imported from another module.
      filename: fixturePath('payments-typo.ts'),
      code: lines("import { TYPO_KEY } from './flag-keys.js';", 'export const processor = flags.get(TYPO_KEY);'),
      errors: [didYouMean('new_paymnet_processor', 'new_payment_processor', 2, 36)],
    },
    {
      // A test forcing a flag the manifest does not know.
      filename: 'payments.test.ts',
      code: lines(
        'it("processes payment with the new processor when the flag is enabled", async () => {',
        '  flags.override("new_processor", { enabled: true, rolloutPercentage: 100 });',
        '  await processPayment(mockOrder);',
        '});',
      ),
      errors: [undeclared('new_processor', 2, 18)],
    },
    {
      // A wrapper of this file: its callers pass the key, and the suggestion rewrites that argument.
      code: lines(
        'function isOn(key: string, userId: string): boolean {',
        '  return isFeatureEnabled(flags.get(key), { userId });',
        '}',
        "const express = isOn('new_paymnet_processor', user.id);",
      ),
      errors: [
        didYouMean(
          'new_paymnet_processor',
          'new_payment_processor',
          4,
          22,
          lines(
            'function isOn(key: string, userId: string): boolean {',
            '  return isFeatureEnabled(flags.get(key), { userId });',
            '}',
            "const express = isOn('new_payment_processor', user.id);",
          ),
        ),
      ],
    },
    {
      // A wrapper imported from another module: reported at the key argument, and the suggestion
      // rewrites the argument, not the call.
      filename: fixturePath('checkout-typo.ts'),
      code: lines("import { isOn } from './wrappers.js';", "export const express = isOn('new_paymnet_processor', user.id);"),
      errors: [
        didYouMean(
          'new_paymnet_processor',
          'new_payment_processor',
          2,
          29,
          lines("import { isOn } from './wrappers.js';", "export const express = isOn('new_payment_processor', user.id);"),
        ),
      ],
    },
  ],
});

// Issue 16 items 3 and 4: a key catalog read through `KEYS.$KEY` next to a call pattern.
const catalog = createRuleTester({ accessors: ['KEYS.$KEY', 'flag({ key: $KEY })'] });
catalog.run('no-undeclared-flag (a key catalog)', rule, {
  valid: [
    // The module declaring the catalog, its computed property names and its lists of keys name keys, evaluating none.
    lines(
      "export const KEYS = { nav: 'beta_nav', dark: 'dark_mode' };",
      'export const schema = { [KEYS.nav]: true };',
      'export const ALL = [KEYS.nav, KEYS.dark];',
      'export const FIRST = KEYS.nav;',
    ),
    {
      filename: fixturePath('catalog-lists.ts'),
      code: lines(
        "import { FLAGS as KEYS } from './flag-keys.js';",
        'export const defaults = { [KEYS.recommendationV2]: false };',
        'export const listed = [KEYS.oldBanner, KEYS.circuitBreaker];',
      ),
    },
  ],
  invalid: [
    {
      // One site, one reference: the call's key, not also the property the member pattern sees.
      code: lines("const KEYS = { nav: 'beta_nav' } as const;", 'export const nav = flag({ key: KEYS.nav });'),
      errors: [undeclared('beta_nav', 2, 32)],
    },
  ],
});

// Issue 16 item 6: the flag of a route entry, through an object-literal pattern.
const routeEntries = createRuleTester({ accessors: ['{ flag: $KEY }'] });
routeEntries.run('no-undeclared-flag (object-literal pattern)', rule, {
  valid: ["export const routes = [{ path: '/promo', flag: 'promo-banner' }, { path: '/home' }];"],
  invalid: [
    {
      code: "export const routes = [{ path: '/x', flag: 'promo-baner' }];",
      errors: [didYouMean('promo-baner', 'promo-banner', 1, 44, "export const routes = [{ path: '/x', flag: 'promo-banner' }];")],
    },
  ],
});

// Issue 16 item 7: a call of the function a hook returns.
const evaluatorHook = createRuleTester({ accessors: ['useFlagEvaluator()($KEY)'] });
evaluatorHook.run('no-undeclared-flag (a call of a call result)', rule, {
  valid: [lines('const isOn = useFlagEvaluator();', "export const promo = isOn('promo-banner');")],
  invalid: [
    {
      code: lines('const isOn = useFlagEvaluator();', "export const promo = isOn('promo-baner');"),
      errors: [
        didYouMean(
          'promo-baner',
          'promo-banner',
          2,
          27,
          lines('const isOn = useFlagEvaluator();', "export const promo = isOn('promo-banner');"),
        ),
      ],
    },
  ],
});

// Issue 16 item 7: the closure a hook of this file returns is a wrapper like others.
seed.run('no-undeclared-flag (a closure returned by a hook)', rule, {
  valid: [],
  invalid: [
    {
      code: lines(
        'function useFlagEvaluator() {',
        '  return (name) => flags.get(name);',
        '}',
        'export function Page() {',
        '  const isOn = useFlagEvaluator();',
        "  return isOn('promo-baner');",
        '}',
      ),
      errors: [
        didYouMean(
          'promo-baner',
          'promo-banner',
          6,
          15,
          lines(
            'function useFlagEvaluator() {',
            '  return (name) => flags.get(name);',
            '}',
            'export function Page() {',
            '  const isOn = useFlagEvaluator();',
            "  return isOn('promo-banner');",
            '}',
          ),
        ),
      ],
    },
  ],
});

const launchdarkly = createRuleTester({ presets: ['launchdarkly'] });
launchdarkly.run('no-undeclared-flag (launchdarkly)', rule, {
  valid: [
    {
      // LD-2 of the SDK research: useFlags() camelCases the manifest keys new-checkout and promo-banner.
      filename: 'component.tsx',
      code: lines(
        "import { useFlags, useLDClient, withLDConsumer, type LDProps } from 'launchdarkly-react-client-sdk';",
        '',
        'export function CheckoutButton() {',
        '  const { newCheckout, promoBanner } = useFlags();',
        '  const ldClient = useLDClient();',
        "  const compact: boolean = ldClient?.variation('compact-checkout', false) ?? false;",
        '',
        '  return (',
        "    <button className={compact ? 'compact' : ''} style={{ background: promoBanner }}",
        "      onClick={() => ldClient?.track('checkout-clicked')}>",
        "      {newCheckout ? 'Express checkout' : 'Checkout'}",
        '    </button>',
        '  );',
        '}',
        '',
        'function PromoBannerBase({ flags }: LDProps) {',
        '  return flags?.promoBanner ? <aside>Spring sale!</aside> : null;',
        '}',
        'export const PromoBanner = withLDConsumer()(PromoBannerBase);',
      ),
    },
    {
      // LD-1 of the SDK research: the Node server SDK, key, context, default.
      code: lines(
        "import express from 'express';",
        "import { init, type LDContext } from '@launchdarkly/node-server-sdk';",
        '',
        "const ldClient = init(process.env.LD_SDK_KEY ?? '');",
        'const app = express();',
        '',
        "app.get('/api/checkout', async (req, res) => {",
        "  const context: LDContext = { kind: 'user', key: req.header('x-user-id') ?? 'anon' };",
        "  const useNewCheckout = await ldClient.boolVariation('new-checkout', context, false);",
        "  const bannerText = await ldClient.variation('promo-banner', context, 'Welcome');",
        "  const theme = await ldClient.variationDetail('checkout-theme', context, 'light');",
        '',
        '  res.json({',
        "    flow: useNewCheckout ? 'v2' : 'v1',",
        '    bannerText,',
        '    theme: theme.value,',
        '    reason: theme.reason.kind,',
        '  });',
        '});',
      ),
    },
    {
      // The React SDK v4 hooks take the key as written in the manifest.
      filename: 'component.tsx',
      code: lines(
        "import { useBoolVariation, useStringVariation } from '@launchdarkly/react-sdk';",
        'export function Checkout() {',
        "  const newCheckout = useBoolVariation('new-checkout', false);",
        "  const theme = useStringVariation('checkout-theme', 'light');",
        '  return newCheckout ? <CheckoutV2 theme={theme} /> : <CheckoutV1 />;',
        '}',
      ),
    },
    {
      // LD-3: jest-launchdarkly-mock accepts keys in any case.
      filename: 'CheckoutButton.test.tsx',
      code: lines(
        "import { mockFlags } from 'jest-launchdarkly-mock';",
        "it('shows express checkout when new-checkout is on', () => {",
        "  mockFlags({ 'new-checkout': true, promoBanner: 'green' });",
        '  render(<CheckoutButton />);',
        '});',
      ),
    },
    {
      // useFlags() of another library is not LaunchDarkly's.
      code: lines("import { useFlags } from './our-flags';", 'const { anythingGoes } = useFlags();'),
    },
  ],
  invalid: [
    {
      // A camelCased key with a typo: the suggestion writes the declared key camelCased too.
      filename: 'component.tsx',
      code: lines(
        "import { useFlags } from 'launchdarkly-react-client-sdk';",
        'export function CheckoutButton() {',
        '  const flags = useFlags();',
        "  return <button>{flags.newChekout ? 'Express checkout' : 'Checkout'}</button>;",
        '}',
      ),
      errors: [
        didYouMean(
          'newChekout',
          'new-checkout',
          4,
          25,
          lines(
            "import { useFlags } from 'launchdarkly-react-client-sdk';",
            'export function CheckoutButton() {',
            '  const flags = useFlags();',
            "  return <button>{flags.newCheckout ? 'Express checkout' : 'Checkout'}</button>;",
            '}',
          ),
        ),
      ],
    },
    {
      // Issue 16 item 8: destructured from the flags object every call passes in.
      filename: 'component.tsx',
      code: lines(
        "import { useFlags } from 'launchdarkly-react-client-sdk';",
        'function Banner(flags) {',
        '  const { promoBaner: promo } = flags;',
        "  return promo ? 'Sale' : null;",
        '}',
        'export function Page() {',
        '  return Banner(useFlags());',
        '}',
      ),
      errors: [
        didYouMean(
          'promoBaner',
          'promo-banner',
          3,
          11,
          lines(
            "import { useFlags } from 'launchdarkly-react-client-sdk';",
            'function Banner(flags) {',
            '  const { promoBanner: promo } = flags;',
            "  return promo ? 'Sale' : null;",
            '}',
            'export function Page() {',
            '  return Banner(useFlags());',
            '}',
          ),
        ),
      ],
    },
    {
      // Destructured shorthand: the fix must keep the local name the rest of the code uses.
      filename: 'component.tsx',
      code: lines(
        "import { useFlags } from 'launchdarkly-react-client-sdk';",
        'export function CheckoutButton() {',
        '  const { newChekout } = useFlags();',
        "  return <button>{newChekout ? 'Express checkout' : 'Checkout'}</button>;",
        '}',
      ),
      errors: [
        didYouMean(
          'newChekout',
          'new-checkout',
          3,
          11,
          lines(
            "import { useFlags } from 'launchdarkly-react-client-sdk';",
            'export function CheckoutButton() {',
            '  const { newCheckout: newChekout } = useFlags();',
            "  return <button>{newChekout ? 'Express checkout' : 'Checkout'}</button>;",
            '}',
          ),
        ),
      ],
    },
    {
      filename: 'component.tsx',
      code: lines(
        "import { useFlags } from 'launchdarkly-react-client-sdk';",
        'export function GiftCards() {',
        '  const { giftCards } = useFlags();',
        '  return giftCards ? <GiftCardForm /> : null;',
        '}',
      ),
      errors: [undeclared('giftCards', 3, 11)],
    },
    {
      // LD-2's withLDConsumer: the injected `flags` prop holds camelCased keys too.
      filename: 'component.tsx',
      code: lines(
        "import { withLDConsumer, type LDProps } from 'launchdarkly-react-client-sdk';",
        'function PromoBannerBase({ flags }: LDProps) {',
        '  return flags?.promoBaner ? <aside>Spring sale!</aside> : null;',
        '}',
        'export const PromoBanner = withLDConsumer()(PromoBannerBase);',
      ),
      errors: [
        didYouMean(
          'promoBaner',
          'promo-banner',
          3,
          17,
          lines(
            "import { withLDConsumer, type LDProps } from 'launchdarkly-react-client-sdk';",
            'function PromoBannerBase({ flags }: LDProps) {',
            '  return flags?.promoBanner ? <aside>Spring sale!</aside> : null;',
            '}',
            'export const PromoBanner = withLDConsumer()(PromoBannerBase);',
          ),
        ),
      ],
    },
    {
      code: lines(
        "import { init } from '@launchdarkly/node-server-sdk';",
        "const ldClient = init(process.env.LD_SDK_KEY ?? '');",
        'export async function flow(context) {',
        "  return (await ldClient.boolVariation('new-chekout', context, false)) ? 'v2' : 'v1';",
        '}',
      ),
      errors: [
        didYouMean(
          'new-chekout',
          'new-checkout',
          4,
          40,
          lines(
            "import { init } from '@launchdarkly/node-server-sdk';",
            "const ldClient = init(process.env.LD_SDK_KEY ?? '');",
            'export async function flow(context) {',
            "  return (await ldClient.boolVariation('new-checkout', context, false)) ? 'v2' : 'v1';",
            '}',
          ),
        ),
      ],
    },
    {
      // mockFlags takes camelCased keys; the suggestion keeps that spelling.
      filename: 'CheckoutButton.test.tsx',
      code: lines("import { mockFlags } from 'jest-launchdarkly-mock';", 'mockFlags({ newChekout: false });'),
      errors: [
        didYouMean(
          'newChekout',
          'new-checkout',
          2,
          13,
          lines("import { mockFlags } from 'jest-launchdarkly-mock';", 'mockFlags({ newCheckout: false });'),
        ),
      ],
    },
  ],
});

const openfeature = createRuleTester({ presets: ['openfeature'] });
openfeature.run('no-undeclared-flag (openfeature)', rule, {
  valid: [
    {
      // OF-1 of the SDK research.
      code: lines(
        "import express from 'express';",
        "import { OpenFeature } from '@openfeature/server-sdk';",
        '',
        'const app = express();',
        "const client = OpenFeature.getClient('checkout-service');",
        '',
        "app.get('/checkout', async (req, res) => {",
        "  const context = { targetingKey: req.header('x-user-id') ?? 'anonymous' };",
        "  const useNewCheckout = await client.getBooleanValue('new-checkout', false, context);",
        "  const maxItems = await client.getNumberValue('checkout-max-items', 20, context);",
        "  const theme = await client.getStringDetails('checkout-theme', 'light', context);",
        '',
        '  res.json({',
        "    flow: useNewCheckout ? 'v2' : 'v1',",
        '    maxItems,',
        '    theme: theme.value,',
        '    themeReason: theme.reason,',
        '  });',
        '});',
      ),
    },
    {
      // OF-3: the React test provider forcing both states.
      filename: 'CheckoutPage.test.tsx',
      code: lines(
        "import { render, screen } from '@testing-library/react';",
        "import { OpenFeatureTestProvider } from '@openfeature/react-sdk';",
        "import { CheckoutPage } from './CheckoutPage';",
        '',
        "it('renders the v2 flow when new-checkout is on', () => {",
        '  render(',
        "    <OpenFeatureTestProvider flagValueMap={{ 'new-checkout': true, 'promo-banner': false }}>",
        '      <CheckoutPage />',
        '    </OpenFeatureTestProvider>,',
        '  );',
        "  expect(screen.getByTestId('checkout-v2')).toBeInTheDocument();",
        '});',
      ),
    },
    {
      // OF-4: InMemoryProvider configured from a const.
      filename: 'pricing.test.ts',
      code: lines(
        "import { InMemoryProvider, OpenFeature } from '@openfeature/server-sdk';",
        '',
        'const flags = {',
        "  'new-checkout': { variants: { on: true, off: false }, defaultVariant: 'on', disabled: false },",
        "  'checkout-max-items': { variants: { low: 5, high: 50 }, defaultVariant: 'low', disabled: false },",
        '};',
        '',
        'beforeAll(async () => {',
        '  await OpenFeature.setProviderAndWait(new InMemoryProvider(flags));',
        '});',
      ),
    },
  ],
  invalid: [
    {
      code: lines(
        "import { OpenFeature } from '@openfeature/server-sdk';",
        "const client = OpenFeature.getClient('checkout-service');",
        "export const flow = async (context) => ((await client.getBooleanValue('new-chekout', false, context)) ? 'v2' : 'v1');",
      ),
      errors: [
        didYouMean(
          'new-chekout',
          'new-checkout',
          3,
          71,
          lines(
            "import { OpenFeature } from '@openfeature/server-sdk';",
            "const client = OpenFeature.getClient('checkout-service');",
            "export const flow = async (context) => ((await client.getBooleanValue('new-checkout', false, context)) ? 'v2' : 'v1');",
          ),
        ),
      ],
    },
    {
      // The key of <FeatureFlag> is a JSX attribute.
      filename: 'component.tsx',
      code: lines(
        "import { FeatureFlag } from '@openfeature/react-sdk';",
        'export const Pay = () => (',
        '  <FeatureFlag flagKey="expres-pay" defaultValue={false} fallback={<CardPayOnly />}>',
        '    <ExpressPayButton />',
        '  </FeatureFlag>',
        ');',
      ),
      errors: [
        didYouMean(
          'expres-pay',
          'express-pay',
          3,
          24,
          lines(
            "import { FeatureFlag } from '@openfeature/react-sdk';",
            'export const Pay = () => (',
            '  <FeatureFlag flagKey="express-pay" defaultValue={false} fallback={<CardPayOnly />}>',
            '    <ExpressPayButton />',
            '  </FeatureFlag>',
            ');',
          ),
        ),
      ],
    },
    {
      filename: 'CheckoutPage.test.tsx',
      code: lines(
        "import { OpenFeatureTestProvider } from '@openfeature/react-sdk';",
        "render(<OpenFeatureTestProvider flagValueMap={{ 'new-chekout': true }}><CheckoutPage /></OpenFeatureTestProvider>);",
      ),
      errors: [
        didYouMean(
          'new-chekout',
          'new-checkout',
          2,
          49,
          lines(
            "import { OpenFeatureTestProvider } from '@openfeature/react-sdk';",
            "render(<OpenFeatureTestProvider flagValueMap={{ 'new-checkout': true }}><CheckoutPage /></OpenFeatureTestProvider>);",
          ),
        ),
      ],
    },
  ],
});

const unleash = createRuleTester({ presets: ['unleash'] });
unleash.run('no-undeclared-flag (unleash)', rule, {
  valid: [
    {
      // UN-1 of the SDK research (export-format replaced by a declared variant flag).
      code: lines(
        "import express from 'express';",
        "import { initialize, isEnabled, getVariant, type Context } from 'unleash-client';",
        '',
        'const unleash = initialize({',
        "  url: process.env.UNLEASH_URL ?? 'http://localhost:4242/api/',",
        "  appName: 'checkout-service',",
        "  customHeaders: { Authorization: process.env.UNLEASH_TOKEN ?? '' },",
        '});',
        'const app = express();',
        '',
        "app.get('/checkout', (req, res) => {",
        "  const context: Context = { userId: req.header('x-user-id') ?? undefined };",
        "  const newCheckout = unleash.isEnabled('new-checkout', context, false);",
        "  const theme = unleash.getVariant('checkout-theme', context);",
        "  res.json({ flow: newCheckout ? 'v2' : 'v1', theme: theme.enabled ? theme.name : 'default' });",
        '});',
        '',
        'export function canBulkExport(userId: string): boolean {',
        "  return isEnabled('bulk-export', { userId }) && getVariant('checkout-theme', { userId }).name !== 'csv';",
        '}',
      ),
    },
    {
      // UN-3: a bootstrapped FlagProvider in a test.
      filename: 'Checkout.test.tsx',
      code: lines(
        "import { FlagProvider } from '@unleash/proxy-client-react';",
        'const renderWithNewCheckout = (enabled: boolean) =>',
        '  render(',
        '    <FlagProvider',
        '      startClient={false}',
        '      config={{',
        "        url: 'http://localhost:4242/api/frontend',",
        "        clientKey: 'test',",
        "        appName: 'checkout-tests',",
        "        bootstrap: [{ name: 'new-checkout', enabled, variant: { name: 'disabled', enabled: false }, impressionData: false }],",
        '      }}',
        '    >',
        '      <Checkout />',
        '    </FlagProvider>,',
        '  );',
      ),
    },
  ],
  invalid: [
    {
      code: lines(
        "import { initialize } from 'unleash-client';",
        "const unleash = initialize({ url: 'http://localhost:4242/api/', appName: 'checkout-service' });",
        "export const canExport = (context) => unleash.isEnabled('bulk-exprt', context);",
      ),
      errors: [
        didYouMean(
          'bulk-exprt',
          'bulk-export',
          3,
          57,
          lines(
            "import { initialize } from 'unleash-client';",
            "const unleash = initialize({ url: 'http://localhost:4242/api/', appName: 'checkout-service' });",
            "export const canExport = (context) => unleash.isEnabled('bulk-export', context);",
          ),
        ),
      ],
    },
    {
      filename: 'component.tsx',
      code: lines(
        "import { useFlag } from '@unleash/proxy-client-react';",
        'export function Checkout() {',
        "  return useFlag('new-chekout') ? <CheckoutV2 /> : <CheckoutV1 />;",
        '}',
      ),
      errors: [
        didYouMean(
          'new-chekout',
          'new-checkout',
          3,
          18,
          lines(
            "import { useFlag } from '@unleash/proxy-client-react';",
            'export function Checkout() {',
            "  return useFlag('new-checkout') ? <CheckoutV2 /> : <CheckoutV1 />;",
            '}',
          ),
        ),
      ],
    },
    {
      filename: 'Checkout.test.tsx',
      code: lines(
        "import { UnleashClient } from 'unleash-proxy-client';",
        "const unleash = new UnleashClient({ url: 'http://localhost', clientKey: 'test', appName: 'tests', bootstrap: [{ name: 'new-chekout', enabled: true }] });",
      ),
      errors: [
        didYouMean(
          'new-chekout',
          'new-checkout',
          2,
          119,
          lines(
            "import { UnleashClient } from 'unleash-proxy-client';",
            "const unleash = new UnleashClient({ url: 'http://localhost', clientKey: 'test', appName: 'tests', bootstrap: [{ name: 'new-checkout', enabled: true }] });",
          ),
        ),
      ],
    },
  ],
});

const growthbook = createRuleTester({ presets: ['growthbook'] });
growthbook.run('no-undeclared-flag (growthbook)', rule, {
  valid: [
    {
      // GB-3 of the SDK research: forced features in a test.
      filename: 'Checkout.test.tsx',
      code: lines(
        "import { GrowthBook } from '@growthbook/growthbook';",
        "test('renders v2 when new-checkout is forced on', () => {",
        "  const gb = new GrowthBook({ attributes: { id: 'test-user' } });",
        "  gb.setForcedFeatures(new Map([['new-checkout', true], ['promo-banner', 'green']]));",
        '  renderWith(gb);',
        '});',
        "test('renders v1 when new-checkout is forced off', () => {",
        "  const gb = new GrowthBook({ forcedFeatureValues: new Map([['new-checkout', false]]) });",
        '  renderWith(gb);',
        '});',
      ),
    },
    {
      // GB-1: a scoped instance and the multi-user client.
      code: lines(
        'export function checkout(req, res, gbClient) {',
        '  const gb = req.growthbook;',
        "  const newCheckout = gb.isOn('new-checkout');",
        "  const maxItems = gb.getFeatureValue('checkout-max-items', 20);",
        "  const legacyTax = gbClient.isOff('tax-v2', { attributes: { id: 'system' } });",
        "  res.json({ flow: newCheckout ? 'v2' : 'v1', maxItems, legacyTax });",
        '}',
      ),
    },
  ],
  invalid: [
    {
      filename: 'component.tsx',
      code: lines(
        "import { IfFeatureEnabled } from '@growthbook/growthbook-react';",
        'export const Pay = () => <IfFeatureEnabled feature="expres-pay"><ExpressPayButton /></IfFeatureEnabled>;',
      ),
      errors: [
        didYouMean(
          'expres-pay',
          'express-pay',
          2,
          52,
          lines(
            "import { IfFeatureEnabled } from '@growthbook/growthbook-react';",
            'export const Pay = () => <IfFeatureEnabled feature="express-pay"><ExpressPayButton /></IfFeatureEnabled>;',
          ),
        ),
      ],
    },
    {
      code: "export const flow = (gb) => (gb.isOn('new-chekout') ? 'v2' : 'v1');",
      errors: [didYouMean('new-chekout', 'new-checkout', 1, 38, "export const flow = (gb) => (gb.isOn('new-checkout') ? 'v2' : 'v1');")],
    },
    {
      filename: 'checkout.test.ts',
      code: "const gb = new GrowthBook({ features: { 'new-chekout': { defaultValue: true } } });",
      errors: [
        didYouMean(
          'new-chekout',
          'new-checkout',
          1,
          41,
          "const gb = new GrowthBook({ features: { 'new-checkout': { defaultValue: true } } });",
        ),
      ],
    },
  ],
});

const flagsmith = createRuleTester({ presets: ['flagsmith'] });
flagsmith.run('no-undeclared-flag (flagsmith)', rule, {
  valid: [
    {
      // FS-1 of the SDK research, with this manifest's keys.
      code: lines(
        "import express from 'express';",
        "import { Flagsmith } from 'flagsmith-nodejs';",
        '',
        "const flagsmith = new Flagsmith({ environmentKey: process.env.FLAGSMITH_SERVER_KEY ?? '' });",
        'const app = express();',
        '',
        "app.get('/checkout', async (req, res) => {",
        '  const environmentFlags = await flagsmith.getEnvironmentFlags();',
        "  const identityFlags = await flagsmith.getIdentityFlags(req.header('x-user-id') ?? 'anonymous', { plan: 'pro' });",
        "  const newCheckout = identityFlags.isFeatureEnabled('express_checkout');",
        "  const maxItems = identityFlags.getFeatureValue('banner_size');",
        "  const theme = identityFlags.getFlag('banner_size');",
        "  if (environmentFlags.isFeatureEnabled('maintenance_mode')) return res.status(503).send('maintenance');",
        "  return res.json({ flow: newCheckout ? 'v2' : 'v1', maxItems, theme: theme.enabled ? theme.value : 'light' });",
        '});',
      ),
    },
    {
      // FS-3: serverState and defaultFlags in a test.
      filename: 'Checkout.test.tsx',
      code: lines(
        "import { FlagsmithProvider } from 'flagsmith/react';",
        'function renderWith(enabled: boolean) {',
        '  return render(',
        '    <FlagsmithProvider',
        '      flagsmith={createFlagsmithInstance()}',
        "      options={{ environmentID: 'test-env', preventFetch: true, defaultFlags: { express_checkout: { enabled: false } } }}",
        "      serverState={{ api: 'https://edge.api.flagsmith.com/api/v1/', environmentID: 'test-env', traits: {},",
        '        flags: { banner_size: { enabled, value: null } } }}',
        '    >',
        '      <Checkout />',
        '    </FlagsmithProvider>,',
        '  );',
        '}',
      ),
    },
  ],
  invalid: [
    {
      code: "export const down = (flags) => flags.isFeatureEnabled('maintenance_mod');",
      errors: [
        didYouMean(
          'maintenance_mod',
          'maintenance_mode',
          1,
          55,
          "export const down = (flags) => flags.isFeatureEnabled('maintenance_mode');",
        ),
      ],
    },
    {
      // useFlags([…]) names the flag, then flags.<key> reads it: both spellings are references.
      filename: 'component.tsx',
      code: lines(
        "import { useFlags } from 'flagsmith/react';",
        'export function Banner() {',
        "  const flags = useFlags(['banner_sise']);",
        '  return <p style={{ fontSize: Number(flags.banner_sise.value) }}>Sale</p>;',
        '}',
      ),
      errors: [
        didYouMean(
          'banner_sise',
          'banner_size',
          3,
          27,
          lines(
            "import { useFlags } from 'flagsmith/react';",
            'export function Banner() {',
            "  const flags = useFlags(['banner_size']);",
            '  return <p style={{ fontSize: Number(flags.banner_sise.value) }}>Sale</p>;',
            '}',
          ),
        ),
        didYouMean(
          'banner_sise',
          'banner_size',
          4,
          45,
          lines(
            "import { useFlags } from 'flagsmith/react';",
            'export function Banner() {',
            "  const flags = useFlags(['banner_sise']);",
            '  return <p style={{ fontSize: Number(flags.banner_size.value) }}>Sale</p>;',
            '}',
          ),
        ),
      ],
    },
  ],
});

// Settings problems: reported once per process, each test with its own unknown field.
seed.run('no-undeclared-flag: settings problems', rule, {
  valid: [],
  invalid: [
    {
      code: "flags.get('new_payment_processor');",
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, noUndeclaredFlagBogusField: 1 } },
      errors: [
        {
          messageId: 'configuration',
          line: 1,
          column: 1,
          data: { message: settingsProblem('noUndeclaredFlagBogusField', 'unknown field') },
        },
      ],
    },
    {
      // A manifest that cannot be read.
      code: "flags.get('new_payment_processor');",
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, manifest: fixturePath('no-such-manifest.yaml') } },
      errors: [
        {
          messageId: 'configuration',
          line: 1,
          column: 1,
          data: { message: `${fixturePath('no-such-manifest.yaml')}: manifest not found` },
        },
      ],
    },
  ],
});
