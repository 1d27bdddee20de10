import rule from '../../rules/require-flag-fallback.js';
import { ARTICLE_PATTERN_1, ARTICLE_PATTERN_2, ARTICLE_PATTERN_3, ARTICLE_TESTS } from '../helpers/article-patterns.js';
import { BASE_SETTINGS, createRuleTester, lines, settingsProblem } from '../helpers/rule-tester.js';

/*
 * "Always have a fallback for the flag off path": a flag used as a value whose off path yields the
 * flag's own falsy value, a lookup whose missing-flag case throws, and (requireElse) an `if` on a
 * flag that says nothing about the off path.
 */

const requireElse = [{ requireElse: true }] as const;

function valueWithoutOffPath(key: string, line: number, column: number) {
  return { messageId: 'valueWithoutOffPath' as const, line, column, data: { key } };
}

function uncheckedLookup(key: string, line: number, column: number, endColumn: number) {
  return { messageId: 'uncheckedLookup' as const, line, column, endLine: line, endColumn, data: { key } };
}

function missingElse(key: string, line: number, column: number) {
  return { messageId: 'missingElse' as const, line, column, data: { key } };
}

const seed = createRuleTester();

seed.run('require-flag-fallback', rule, {
  valid: [
    // The article's three patterns have a working off path, with or without requireElse.
    ARTICLE_PATTERN_1,
    ARTICLE_PATTERN_2,
    ARTICLE_PATTERN_3,
    { code: ARTICLE_PATTERN_1, options: requireElse },
    { code: ARTICLE_PATTERN_2, options: requireElse },
    { code: ARTICLE_PATTERN_3, options: requireElse },
    { code: ARTICLE_TESTS, filename: 'payments.test.ts' },
    // Values with an off path.
    "const processor = isFeatureEnabled(flags.get('new_payment_processor'), ctx) ? createProcessor() : createLegacyProcessor();",
    "const processor = isFeatureEnabled(flags.get('new_payment_processor'), ctx) && createProcessor() || createLegacyProcessor();",
    "const legacy = !isFeatureEnabled(flags.get('new_payment_processor'), ctx) || createLegacyProcessor();",
    // A condition, not a value.
    "if (isFeatureEnabled(flags.get('new_payment_processor'), ctx) && processorIsHealthy()) route(order);",
    // A statement: nothing uses the value, so doing nothing is the off path.
    "isFeatureEnabled(flags.get('new_payment_processor'), ctx) && warmUpProcessor();",
    // Lookups checked before a field is read.
    "const breaker = flags.get('external_api_circuit_breaker')?.killSwitch;",
    lines(
      "const breaker = flags.get('external_api_circuit_breaker');",
      'if (!breaker) return getDefaultResponse(request);',
      'const open = breaker.killSwitch;',
    ),
    lines("const breaker = flags.get('external_api_circuit_breaker');", 'const open = breaker !== undefined && breaker.killSwitch;'),
    // An if without else, when requireElse is off (the default).
    "if (isFeatureEnabled(flags.get('new_payment_processor'), ctx)) banner.show();",
    // requireElse: an else branch, or an early return.
    {
      code: lines(
        'function render(ctx) {',
        "  if (isFeatureEnabled(flags.get('new_payment_processor'), ctx)) {",
        '    return renderNew();',
        '  }',
        '  return renderLegacy();',
        '}',
      ),
      options: requireElse,
    },
    {
      code: lines(
        'function render(ctx) {',
        "  if (!isFeatureEnabled(flags.get('new_payment_processor'), ctx)) return renderLegacy();",
        '  return renderNew();',
        '}',
      ),
      options: requireElse,
    },
    // Spread into an object or JSX props, the flag's `false` adds nothing: that is the off path
    // (seen in Unleash's frontend: `sx={{ ...(topLabelInputs && { alignItems: 'flex-start' }) }}`).
    "const sx = { display: 'flex', ...(isFeatureEnabled(flags.get('top_labels'), ctx) && { alignItems: 'flex-start' }) };",
    {
      filename: 'component.tsx',
      code: "export const Box = ({ ctx }) => <div {...(isFeatureEnabled(flags.get('top_labels'), ctx) && { role: 'note' })} />;",
    },
    // `{flag && <New />}` renders nothing when off: allowed by default.
    {
      filename: 'component.tsx',
      code: "export const Banner = ({ ctx }) => <main>{isFeatureEnabled(flags.get('flag_a'), ctx) && <PromoBanner />}</main>;",
    },
  ],
  invalid: [
    {
      // Spread into an array (or a call), `false` throws: not an off path.
      code: "const steps = [...(isFeatureEnabled(flags.get('new_checkout'), ctx) && newSteps)];",
      errors: [valueWithoutOffPath('new_checkout', 1, 20)],
    },
    {
      // The example: when off, `p` is `false`, not a processor.
      code: "const p = isFeatureEnabled(flags.get('new_payment_processor'), ctx) && createProcessor();",
      errors: [valueWithoutOffPath('new_payment_processor', 1, 11)],
    },
    {
      code: lines(
        'function processorFor(order) {',
        "  return isFeatureEnabled(flags.get('new_payment_processor'), { userId: order.customerId }) && newPaymentProcessor;",
        '}',
      ),
      errors: [valueWithoutOffPath('new_payment_processor', 2, 10)],
    },
    {
      // Through the article's decision variable.
      code: lines(
        'async function processPayment(order: Order): Promise<PaymentResult> {',
        '  const useNewProcessor = isFeatureEnabled(flags.get("new_payment_processor"), { userId: order.customerId });',
        '  const processor = useNewProcessor && newPaymentProcessor;',
        '  return await processor.charge(order);',
        '}',
      ),
      errors: [valueWithoutOffPath('new_payment_processor', 3, 21)],
    },
    {
      // The article's circuit breaker without `?.`: a missing flag throws.
      code: lines(
        'async function callExternalApi(request: ApiRequest): Promise<ApiResponse> {',
        '  if (flags.get("external_api_circuit_breaker").killSwitch) {',
        '    return getCachedResponse(request) ?? getDefaultResponse(request);',
        '  }',
        '  return await externalApi.call(request);',
        '}',
      ),
      errors: [uncheckedLookup('external_api_circuit_breaker', 2, 7, 59)],
    },
    {
      // A lookup held in a variable and never checked.
      code: lines(
        "const breaker = flags.get('external_api_circuit_breaker');",
        'const response = breaker.killSwitch ? getCachedResponse(request) : await externalApi.call(request);',
      ),
      errors: [uncheckedLookup('external_api_circuit_breaker', 2, 18, 36)],
    },
    {
      // A non-null assertion is no check: it still throws when the flag is missing.
      code: "const open = flags.get('external_api_circuit_breaker')!.killSwitch;",
      errors: [uncheckedLookup('external_api_circuit_breaker', 1, 14, 67)],
    },
    {
      code: "if (flags.get('legacy_search').enabled) useNewSearch();",
      errors: [uncheckedLookup('legacy_search', 1, 5, 39)],
    },
    {
      // requireElse: the consequent falls through and there is no else.
      code: lines(
        'function render(ctx) {',
        "  if (isFeatureEnabled(flags.get('new_payment_processor'), ctx)) {",
        '    banner.show();',
        '  }',
        '  page.render();',
        '}',
      ),
      options: requireElse,
      errors: [missingElse('new_payment_processor', 2, 7)],
    },
    {
      code: lines(
        'function checkout(order) {',
        '  const useNewProcessor = isFeatureEnabled(flags.get("new_payment_processor"), { userId: order.customerId });',
        '  if (useNewProcessor) metrics.increment("payment.new_processor");',
        '  return charge(order);',
        '}',
      ),
      options: requireElse,
      errors: [missingElse('new_payment_processor', 3, 7)],
    },
    {
      // allowJsxShortCircuit: false asks for an explicit off path in JSX too.
      filename: 'component.tsx',
      code: "export const Banner = ({ ctx }) => <main>{isFeatureEnabled(flags.get('flag_a'), ctx) && <PromoBanner />}</main>;",
      options: [{ allowJsxShortCircuit: false }],
      errors: [valueWithoutOffPath('flag_a', 1, 43)],
    },
  ],
});

const openfeature = createRuleTester({ presets: ['openfeature'] });
openfeature.run('require-flag-fallback (openfeature)', rule, {
  valid: [
    // Issue 16 item 1: values that are booleans anyway, where `false` is the right off value.
    lines(
      'async function render(client, isAdmin, user, items) {',
      "  const on = await client.getBooleanValue('new_ui', false);",
      '  const a = Boolean(on && isAdmin);',
      '  const b = on && isAdmin;',
      '  const c = on && user.hasRole("editor");',
      '  const d = !(on && user.id);',
      '  const canEdit = on && user;',
      '  const shown = items.filter((item) => on && item);',
      '  const e = (on && user) === undefined;',
      '  return { a, b, c, d, canEdit, shown, e, enabled: on && user, visible: on && items.length > 0 };',
      '}',
    ),
    lines(
      "export const isNewUi = (client, user) => client.getBooleanValue('new_ui', false) && user;",
      'export function hasLimit(client, limit) {',
      "  return client.getObjectValue('limits', {})?.max !== undefined && limit;",
      '}',
    ),
    {
      filename: 'component.tsx',
      code: lines(
        "import { useBooleanFlagValue } from '@openfeature/react-sdk';",
        'export function Cart({ cart }) {',
        "  const discount = useBooleanFlagValue('promo-banner', false) ? computeDiscount(cart) : 0;",
        '  return <Total cart={cart} discount={discount} />;',
        '}',
      ),
    },
  ],
  invalid: [
    {
      // The shape rule 4 means: when off, the caller gets `false` where it wanted a processor, a label, a number.
      code: lines(
        'async function render(client, user) {',
        "  const on = await client.getBooleanValue('new_ui', false);",
        '  const processor = on && createProcessor();',
        "  const label = on && 'New';",
        '  return `${on && user.name}`;',
        '}',
      ),
      errors: [valueWithoutOffPath('new_ui', 3, 21), valueWithoutOffPath('new_ui', 4, 17), valueWithoutOffPath('new_ui', 5, 13)],
    },
    {
      filename: 'component.tsx',
      code: lines(
        "import { useBooleanFlagValue } from '@openfeature/react-sdk';",
        'export function Cart({ cart }) {',
        "  const discount = useBooleanFlagValue('promo-banner', false) && computeDiscount(cart);",
        '  return <Total cart={cart} discount={discount} />;',
        '}',
      ),
      errors: [valueWithoutOffPath('promo-banner', 3, 20)],
    },
  ],
});

const launchdarkly = createRuleTester({ presets: ['launchdarkly'] });
launchdarkly.run('require-flag-fallback (launchdarkly)', rule, {
  valid: [
    {
      filename: 'component.tsx',
      code: lines(
        "import { useFlags } from 'launchdarkly-react-client-sdk';",
        'export function CheckoutButton() {',
        '  const { newCheckout } = useFlags();',
        "  return <button>{newCheckout ? 'Express checkout' : 'Checkout'}</button>;",
        '}',
      ),
    },
  ],
  invalid: [
    {
      filename: 'component.tsx',
      code: lines(
        "import { useFlags } from 'launchdarkly-react-client-sdk';",
        'export function CheckoutButton() {',
        '  const { newCheckout } = useFlags();',
        "  const label = newCheckout && 'Express checkout';",
        '  return <button aria-label={label}>Checkout</button>;',
        '}',
      ),
      errors: [valueWithoutOffPath('new-checkout', 4, 17)],
    },
  ],
});

const unleash = createRuleTester({ presets: ['unleash', 'growthbook'] });
unleash.run('require-flag-fallback (unleash, growthbook)', rule, {
  valid: [
    // unleash-server 8.2.0, dist/test/e2e/services/playground-service.test.js:164 (a false alarm before issue 16):
    // a comparison with the flag's value, returned with a predicate call: a boolean either way.
    lines(
      'function matches(client, feature, clientContext, expectedSDKState) {',
      '  const enabledStateMatches = expectedSDKState === client.isEnabled(feature.name, clientContext);',
      '  return (enabledStateMatches && isDisabledVariant(feature.variant));',
      '}',
    ),
    lines(
      "import { isEnabled } from 'unleash-client';",
      "export const exporter = (userId) => (isEnabled('bulk-export', { userId }) ? createExporter() : null);",
    ),
    "export const color = (gb) => (gb.isOn('new-checkout') ? 'green' : 'blue');",
  ],
  invalid: [
    {
      code: lines(
        "import { isEnabled } from 'unleash-client';",
        "export const exporter = (userId) => isEnabled('bulk-export', { userId }) && createExporter();",
      ),
      errors: [valueWithoutOffPath('bulk-export', 2, 37)],
    },
    {
      code: "export const color = (gb) => gb.isOn('new-checkout') && 'green';",
      errors: [valueWithoutOffPath('new-checkout', 1, 30)],
    },
  ],
});

seed.run('require-flag-fallback: settings problems', rule, {
  valid: [],
  invalid: [
    {
      code: "const p = isFeatureEnabled(flags.get('new_payment_processor'), ctx) && createProcessor();",
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, requireFlagFallbackBogusField: true } },
      errors: [
        {
          messageId: 'configuration',
          line: 1,
          column: 1,
          data: { message: settingsProblem('requireFlagFallbackBogusField', 'unknown field') },
        },
      ],
    },
  ],
});
