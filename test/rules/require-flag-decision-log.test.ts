import rule from '../../rules/require-flag-decision-log.js';
import { ARTICLE_PATTERN_1, ARTICLE_PATTERN_2, ARTICLE_PATTERN_3, ARTICLE_TESTS } from '../helpers/article-patterns.js';
import { BASE_SETTINGS, createRuleTester, lines, settingsProblem } from '../helpers/rule-tester.js';

/*
 * "Log which flag variant was used for every decision" (strict config only): a function that
 * decides on a flag must pass the flag key, the decision variable or a variable its branches set
 * to a logger (`metrics.*`, `analytics.track`, `logger.*` by default; `console.*` with includeConsole).
 */

function unlogged(key: string, fn: string, line: number, column: number) {
  return { messageId: 'unloggedDecision' as const, line, column, data: { key, fn } };
}

const CONSOLE_ONLY = lines(
  'function checkout(order) {',
  "  const useNew = isFeatureEnabled(flags.get('new_payment_processor'), { userId: order.customerId });",
  "  console.log('checkout', { useNew });",
  '  return useNew ? chargeNew(order) : chargeLegacy(order);',
  '}',
);

const TELEMETRY = lines(
  'function checkout(order) {',
  "  const useNew = isFeatureEnabled(flags.get('new_payment_processor'), { userId: order.customerId });",
  "  telemetry.record('checkout.processor', { useNew });",
  '  return useNew ? chargeNew(order) : chargeLegacy(order);',
  '}',
);

const seed = createRuleTester();

seed.run('require-flag-decision-log', rule, {
  valid: [
    // Pattern 3: metrics.histogram and analytics.track record `algorithm`, which the branches set.
    ARTICLE_PATTERN_3,
    { code: ARTICLE_TESTS, filename: 'payments.test.ts' },
    // The decision variable, logged.
    lines(
      'async function processPayment(order) {',
      "  const useNewProcessor = isFeatureEnabled(flags.get('new_payment_processor'), { userId: order.customerId });",
      "  metrics.increment('payment.processor', { useNewProcessor });",
      '  return useNewProcessor ? await newPaymentProcessor.charge(order) : await legacyPaymentProcessor.charge(order);',
      '}',
    ),
    // The flag key, logged with the state.
    lines(
      'function callExternalApi(request) {',
      "  if (flags.get('external_api_circuit_breaker')?.killSwitch) {",
      "    logger.warn('circuit open', { flag: 'external_api_circuit_breaker' });",
      '    return getCachedResponse(request) ?? getDefaultResponse(request);',
      '  }',
      '  return externalApi.call(request);',
      '}',
    ),
    // A logger reached through `this`, matched by the end of its chain.
    lines(
      'class Checkout {',
      '  route(order) {',
      "    const variant = isFeatureEnabled(flags.get('new_payment_processor'), { userId: order.customerId }) ? 'new' : 'legacy';",
      "    this.metrics.increment('checkout.route', { variant });",
      '    return variant;',
      '  }',
      '}',
    ),
    // A callback decides; the function around it logs.
    lines(
      'export function renderRows(rows, ctx) {',
      "  const useCompact = isFeatureEnabled(flags.get('flag_a'), ctx);",
      "  analytics.track('rows_rendered', { useCompact, count: rows.length });",
      '  return rows.map((row) => (useCompact ? compactRow(row) : fullRow(row)));',
      '}',
    ),
    // includeConsole counts console.* as logging.
    { code: CONSOLE_ONLY, options: [{ includeConsole: true }] },
    // A project's own logger.
    { code: TELEMETRY, options: [{ loggers: ['telemetry.record'] }] },
    // At module level there is no function to log in.
    "const banner = isFeatureEnabled(flags.get('flag_a'), { userId: 'system' }) ? 'new' : 'old';",
  ],
  invalid: [
    {
      // Pattern 1 logs only the fallback, never which processor was chosen.
      code: ARTICLE_PATTERN_1,
      errors: [unlogged('new_payment_processor', 'processPayment()', 8, 7)],
    },
    {
      // Pattern 2 serves the cached response without recording that the circuit was open.
      code: ARTICLE_PATTERN_2,
      errors: [unlogged('external_api_circuit_breaker', 'callExternalApi()', 3, 7)],
    },
    // console.* does not count by default.
    { code: CONSOLE_ONLY, errors: [unlogged('new_payment_processor', 'checkout()', 4, 10)] },
    // Only the configured loggers count: telemetry by default is not one, and `loggers` replaces the defaults.
    { code: TELEMETRY, errors: [unlogged('new_payment_processor', 'checkout()', 4, 10)] },
    {
      code: lines(
        'function checkout(order) {',
        "  const useNew = isFeatureEnabled(flags.get('new_payment_processor'), { userId: order.customerId });",
        "  metrics.increment('checkout.processor', { useNew });",
        '  return useNew ? chargeNew(order) : chargeLegacy(order);',
        '}',
      ),
      options: [{ loggers: ['telemetry.record'] }],
      errors: [unlogged('new_payment_processor', 'checkout()', 4, 10)],
    },
    {
      // A logger call that mentions neither the flag nor its decision.
      code: lines(
        'function checkout(order) {',
        "  metrics.increment('checkout.started');",
        "  if (isFeatureEnabled(flags.get('new_payment_processor'), { userId: order.customerId })) return chargeNew(order);",
        '  return chargeLegacy(order);',
        '}',
      ),
      errors: [unlogged('new_payment_processor', 'checkout()', 3, 7)],
    },
    {
      // Two decisions on one flag in one function: one report, at the first.
      code: lines(
        'function render(ctx) {',
        "  const useNew = isFeatureEnabled(flags.get('flag_a'), ctx);",
        '  const header = useNew ? newHeader() : oldHeader();',
        '  const footer = useNew ? newFooter() : oldFooter();',
        '  return [header, footer];',
        '}',
      ),
      errors: [unlogged('flag_a', 'render()', 3, 18)],
    },
  ],
});

const growthbook = createRuleTester({ presets: ['growthbook'] });
growthbook.run('require-flag-decision-log (growthbook)', rule, {
  valid: [
    lines(
      "app.get('/checkout', (req, res) => {",
      "  const newCheckout = req.growthbook.isOn('new-checkout');",
      "  analytics.track('checkout_viewed', { newCheckout });",
      "  res.json({ flow: newCheckout ? 'v2' : 'v1' });",
      '});',
    ),
  ],
  invalid: [
    {
      // An anonymous handler is named "this function".
      code: lines(
        "app.get('/checkout', (req, res) => {",
        "  const newCheckout = req.growthbook.isOn('new-checkout');",
        "  res.json({ flow: newCheckout ? 'v2' : 'v1' });",
        '});',
      ),
      errors: [unlogged('new-checkout', 'this function', 3, 20)],
    },
  ],
});

const launchdarkly = createRuleTester({ presets: ['launchdarkly'] });
launchdarkly.run('require-flag-decision-log (launchdarkly)', rule, {
  valid: [
    {
      filename: 'component.tsx',
      code: lines(
        "import { useFlags } from 'launchdarkly-react-client-sdk';",
        'export function CheckoutButton() {',
        '  const { newCheckout } = useFlags();',
        "  analytics.track('checkout_button_rendered', { newCheckout });",
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
        "  return <button>{newCheckout ? 'Express checkout' : 'Checkout'}</button>;",
        '}',
      ),
      errors: [unlogged('new-checkout', 'CheckoutButton()', 4, 19)],
    },
  ],
});

seed.run('require-flag-decision-log: settings problems', rule, {
  valid: [],
  invalid: [
    {
      code: ARTICLE_PATTERN_3,
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, decisionLogBogusField: true } },
      errors: [
        { messageId: 'configuration', line: 1, column: 1, data: { message: settingsProblem('decisionLogBogusField', 'unknown field') } },
      ],
    },
  ],
});
