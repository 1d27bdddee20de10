import rule from '../../rules/deterministic-flag-context.js';
import { ARTICLE_PATTERN_1, ARTICLE_PATTERN_2, ARTICLE_PATTERN_3, ARTICLE_TESTS } from '../helpers/article-patterns.js';
import { BASE_SETTINGS, createRuleTester, lines, settingsProblem } from '../helpers/rule-tester.js';

/*
 * "Flag evaluation must be deterministic (same input = same result)": clock and random reads that
 * flow into a flag's key or its evaluation context, directly or through consts.
 */

function nondeterministic(source: string, key: string, line: number, column: number) {
  return { messageId: 'nondeterministic' as const, line, column, data: { source, key } };
}

const seed = createRuleTester();

seed.run('deterministic-flag-context', rule, {
  valid: [
    // Pattern 3 reads the clock to time the call; it never reaches the evaluation.
    ARTICLE_PATTERN_1,
    ARTICLE_PATTERN_2,
    ARTICLE_PATTERN_3,
    { code: ARTICLE_TESTS, filename: 'payments.test.ts' },
    // Guests bucketed by their cart, which lives as long as the checkout.
    'const useNewProcessor = isFeatureEnabled(flags.get("new_payment_processor"), { userId: order.customerId ?? order.cartId });',
    // A fixed date is not a clock read.
    "const on = isFeatureEnabled(flags.get('flag_a'), { userId, segment: new Date('2026-01-01') > cutoff ? 'new' : 'old' });",
    // A clock read kept out of the context.
    lines(
      "const useNew = isFeatureEnabled(flags.get('flag_a'), { userId });",
      'const startedAt = Date.now();',
      "metrics.histogram('checkout.latency', Date.now() - startedAt, { variant: useNew ? 'new' : 'old' });",
    ),
    // A seeded generator of the project's own, and a local `Math` that is not the global one.
    lines("import { random } from './seeded-random';", "const on = isFeatureEnabled(flags.get('flag_a'), { userId: String(random()) });"),
    lines('function evaluate(Math, userId) {', "  return isFeatureEnabled(flags.get('flag_a'), { userId, salt: Math.random() });", '}'),
  ],
  invalid: [
    {
      // The docs' first example: guests get a new "user" on every call.
      code: lines(
        'import { randomUUID } from "node:crypto";',
        '',
        'async function processPayment(order: Order): Promise<PaymentResult> {',
        '  const useNewProcessor = isFeatureEnabled(',
        '    flags.get("new_payment_processor"),',
        '    { userId: order.customerId ?? randomUUID() }',
        '  );',
        '  return useNewProcessor ? await newPaymentProcessor.charge(order) : await legacyPaymentProcessor.charge(order);',
        '}',
      ),
      errors: [nondeterministic('randomUUID()', 'new_payment_processor', 6, 35)],
    },
    {
      // A home-made canary in a const context: 10% of requests, not of users.
      code: lines(
        'async function getRecommendations(userId: string): Promise<Product[]> {',
        '  const context = { userId, segment: Math.random() < 0.1 ? "canary" : "default" };',
        '  const useNewAlgorithm = isFeatureEnabled(flags.get("recommendation_v2"), context);',
        '  return useNewAlgorithm ? await newEngine.get(userId) : await currentEngine.get(userId);',
        '}',
      ),
      errors: [nondeterministic('Math.random()', 'recommendation_v2', 2, 38)],
    },
    {
      // A launch time compared with the clock, inline in the context.
      code: lines(
        'const LAUNCH_AT = Date.parse("2026-12-01T09:00:00Z");',
        '',
        'async function getRecommendations(userId: string): Promise<Product[]> {',
        '  const useNewAlgorithm = isFeatureEnabled(flags.get("recommendation_v2"), {',
        '    userId,',
        '    segment: Date.now() >= LAUNCH_AT ? "launched" : "prelaunch",',
        '  });',
        '  return useNewAlgorithm ? await newEngine.get(userId) : await currentEngine.get(userId);',
        '}',
      ),
      errors: [nondeterministic('Date.now()', 'recommendation_v2', 6, 14)],
    },
    {
      // uuid's v4 under another name, through a const.
      code: lines(
        'import { v4 as uuidv4 } from "uuid";',
        '',
        'function recommendationContext(request: Request) {',
        '  const context = { userId: request.session?.userId ?? uuidv4() };',
        '  return isFeatureEnabled(flags.get("recommendation_v2"), context);',
        '}',
      ),
      errors: [nondeterministic('uuidv4()', 'recommendation_v2', 4, 56)],
    },
    {
      code: "const on = isFeatureEnabled(flags.get('flag_a'), { userId, now: new Date() });",
      errors: [nondeterministic('new Date()', 'flag_a', 1, 65)],
    },
    {
      code: "const on = isFeatureEnabled(flags.get('flag_a'), { userId: String(Math.floor(performance.now())) });",
      errors: [nondeterministic('performance.now()', 'flag_a', 1, 78)],
    },
    {
      // Through two consts.
      code: lines(
        'const sessionId = crypto.randomUUID();',
        'const context = { userId: sessionId };',
        "const on = isFeatureEnabled(flags.get('flag_a'), context);",
      ),
      errors: [nondeterministic('crypto.randomUUID()', 'flag_a', 1, 19)],
    },
    {
      // Two sources, two reports.
      code: "const on = isFeatureEnabled(flags.get('flag_a'), { userId: String(Math.random()), at: Date.now() });",
      errors: [nondeterministic('Math.random()', 'flag_a', 1, 67), nondeterministic('Date.now()', 'flag_a', 1, 87)],
    },
    {
      // nanoid, imported.
      code: lines(
        "import { nanoid } from 'nanoid';",
        "const on = isFeatureEnabled(flags.get('flag_a'), { userId: visitorId ?? nanoid() });",
      ),
      errors: [nondeterministic('nanoid()', 'flag_a', 2, 73)],
    },
    {
      // Node's crypto module imported as a whole, the way Node code often writes it.
      code: lines(
        "import crypto from 'node:crypto';",
        "const on = isFeatureEnabled(flags.get('flag_a'), { userId: crypto.randomUUID() });",
      ),
      errors: [nondeterministic('crypto.randomUUID()', 'flag_a', 2, 60)],
    },
    {
      // uuid's v4 through a namespace import.
      code: lines("import * as uuid from 'uuid';", "const on = isFeatureEnabled(flags.get('flag_a'), { userId: uuid.v4() });"),
      errors: [nondeterministic('uuid.v4()', 'flag_a', 2, 60)],
    },
    {
      // Into the key itself.
      code: 'const arm = flags.get(`checkout_arm_${Date.now() % 2}`);',
      errors: [nondeterministic('Date.now()', '`checkout_arm_${Date.now() % 2}`', 1, 39)],
    },
  ],
});

const openfeature = createRuleTester({ presets: ['openfeature'] });
openfeature.run('deterministic-flag-context (openfeature)', rule, {
  valid: [
    "export const flow = (client, req) => client.getBooleanValue('new-checkout', false, { targetingKey: req.header('x-user-id') ?? 'anonymous' });",
  ],
  invalid: [
    {
      code: "export const flow = (client) => client.getBooleanValue('new-checkout', false, { targetingKey: crypto.randomUUID() });",
      errors: [nondeterministic('crypto.randomUUID()', 'new-checkout', 1, 95)],
    },
  ],
});

const launchdarkly = createRuleTester({ presets: ['launchdarkly'] });
launchdarkly.run('deterministic-flag-context (launchdarkly)', rule, {
  valid: [
    lines(
      "import { init, type LDContext } from '@launchdarkly/node-server-sdk';",
      "const ldClient = init(process.env.LD_SDK_KEY ?? '');",
      'export async function flow(req) {',
      "  const context: LDContext = { kind: 'user', key: req.header('x-user-id') ?? 'anon' };",
      "  return ldClient.boolVariation('new-checkout', context, false);",
      '}',
    ),
  ],
  invalid: [
    {
      code: lines(
        "import { init, type LDContext } from '@launchdarkly/node-server-sdk';",
        "import { v4 as uuidv4 } from 'uuid';",
        "const ldClient = init(process.env.LD_SDK_KEY ?? '');",
        'export async function flow(req) {',
        "  const context: LDContext = { kind: 'user', key: req.header('x-user-id') ?? uuidv4() };",
        "  return ldClient.boolVariation('new-checkout', context, false);",
        '}',
      ),
      errors: [nondeterministic('uuidv4()', 'new-checkout', 5, 78)],
    },
  ],
});

const unleash = createRuleTester({ presets: ['unleash'] });
unleash.run('deterministic-flag-context (unleash)', rule, {
  valid: ["export const on = (unleash, userId) => unleash.isEnabled('new-checkout', { userId });"],
  invalid: [
    {
      code: "export const on = (unleash) => unleash.isEnabled('new-checkout', { sessionId: String(Math.random()) });",
      errors: [nondeterministic('Math.random()', 'new-checkout', 1, 86)],
    },
  ],
});

const growthbook = createRuleTester({ presets: ['growthbook'] });
growthbook.run('deterministic-flag-context (growthbook)', rule, {
  valid: ["export const on = (gbClient, user) => gbClient.isOn('new-checkout', { attributes: { id: user.id } });"],
  invalid: [
    {
      code: lines(
        "import { randomUUID } from 'crypto';",
        "export const on = (gbClient) => gbClient.isOn('new-checkout', { attributes: { id: randomUUID() } });",
      ),
      errors: [nondeterministic('randomUUID()', 'new-checkout', 2, 83)],
    },
  ],
});

seed.run('deterministic-flag-context: settings problems', rule, {
  valid: [],
  invalid: [
    {
      code: "const on = isFeatureEnabled(flags.get('flag_a'), { userId: Math.random() });",
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, deterministicBogusField: true } },
      errors: [
        { messageId: 'configuration', line: 1, column: 1, data: { message: settingsProblem('deterministicBogusField', 'unknown field') } },
      ],
    },
  ],
});
