import rule from '../../rules/no-remote-kill-switch.js';
import { ARTICLE_PATTERN_1, ARTICLE_PATTERN_2, ARTICLE_PATTERN_3, ARTICLE_TESTS } from '../helpers/article-patterns.js';
import { BASE_SETTINGS, createRuleTester, lines, settingsProblem } from '../helpers/rule-tester.js';

/*
 * "Kill switches should be instant (cached locally, no network call)": an operational flag (by its
 * manifest type) evaluated through an awaited or promise-returning accessor, or inside a network
 * call's callback.
 */

type How = 'through an awaited call' | 'through an accessor that returns a promise' | "inside a network call's callback";

function remote(key: string, how: How, line: number, column: number) {
  return { messageId: 'remoteKillSwitch' as const, line, column, data: { key, how } };
}

const seed = createRuleTester();

seed.run('no-remote-kill-switch', rule, {
  valid: [
    // Pattern 2 reads the circuit breaker from the local store, inside an async function.
    ARTICLE_PATTERN_1,
    ARTICLE_PATTERN_2,
    ARTICLE_PATTERN_3,
    { code: ARTICLE_TESTS, filename: 'payments.test.ts' },
    // A promise chain that is not network I/O.
    "loadSettings().then(() => flags.get('external_api_circuit_breaker')?.killSwitch);",
    // A release flag read in a network callback is no kill switch.
    "fetch('/api/orders').then(() => isFeatureEnabled(flags.get('new_payment_processor'), ctx));",
  ],
  invalid: [
    {
      // Deciding the circuit breaker after the network answered.
      code: lines(
        'function callExternalApi(request) {',
        "  return fetch('/health').then(() => {",
        "    if (flags.get('external_api_circuit_breaker')?.killSwitch) return getCachedResponse(request);",
        '    return externalApi.call(request);',
        '  });',
        '}',
      ),
      errors: [remote('external_api_circuit_breaker', "inside a network call's callback", 3, 19)],
    },
    {
      code: "axios.get('/flags').then((response) => flags.get('maintenance_mode')?.enabled && showMaintenancePage());",
      errors: [remote('maintenance_mode', "inside a network call's callback", 1, 50)],
    },
  ],
});

// A project accessor that fetches the flag from a remote service.
const remoteAccessor = createRuleTester({
  accessors: [{ pattern: 'remoteFlags.fetch($KEY)', returns: 'flag', async: true }, 'flags.get($KEY)'],
});
remoteAccessor.run('no-remote-kill-switch (async accessor)', rule, {
  valid: [
    "const breaker = flags.get('external_api_circuit_breaker');",
    // Not operational: a release flag may come from anywhere.
    "const processor = await remoteFlags.fetch('new_payment_processor');",
  ],
  invalid: [
    {
      code: lines(
        'async function callExternalApi(request) {',
        "  if ((await remoteFlags.fetch('external_api_circuit_breaker'))?.killSwitch) {",
        '    return getCachedResponse(request) ?? getDefaultResponse(request);',
        '  }',
        '  return await externalApi.call(request);',
        '}',
      ),
      errors: [remote('external_api_circuit_breaker', 'through an awaited call', 2, 32)],
    },
    {
      code: "remoteFlags.fetch('external_api_circuit_breaker').then((breaker) => (breaker?.killSwitch ? serveCached() : callApi()));",
      errors: [remote('external_api_circuit_breaker', 'through an accessor that returns a promise', 1, 19)],
    },
  ],
});

const launchdarkly = createRuleTester({ presets: ['launchdarkly'] });
launchdarkly.run('no-remote-kill-switch (launchdarkly)', rule, {
  valid: [
    {
      // A release flag awaited from the server SDK.
      code: lines(
        "import { init } from '@launchdarkly/node-server-sdk';",
        "const ldClient = init(process.env.LD_SDK_KEY ?? '');",
        "export const flow = async (context) => ((await ldClient.boolVariation('new-checkout', context, false)) ? 'v2' : 'v1');",
      ),
    },
    {
      // The browser client answers from its local cache (key, default).
      code: "export const paused = (ldClient) => ldClient.variation('payments-circuit-breaker', false);",
    },
    {
      // Tests may await anything.
      filename: 'charge.test.ts',
      code: "it('queues when the breaker is open', async () => { expect(await ldClient.variation('payments-circuit-breaker', context, false)).toBe(true); });",
    },
    {
      // An undeclared key has no type to go by.
      code: "export const x = async (ldClient, context) => await ldClient.variation('unknown-switch', context, false);",
    },
  ],
  invalid: [
    {
      // The server SDK's variation, awaited.
      code: lines(
        "import { init } from '@launchdarkly/node-server-sdk';",
        '',
        "const ldClient = init(process.env.LD_SDK_KEY ?? '');",
        '',
        'export async function charge(order, context) {',
        "  const breakerOpen = await ldClient.variation('payments-circuit-breaker', context, false);",
        '  if (breakerOpen) return queueForLater(order);',
        '  return paymentProvider.charge(order);',
        '}',
      ),
      errors: [remote('payments-circuit-breaker', 'through an awaited call', 6, 48)],
    },
    {
      // ... and without await: the server SDK's (key, context, default) call returns a promise.
      code: lines(
        'export function charge(ldClient, order, context) {',
        "  return ldClient.boolVariation('payments-circuit-breaker', context, false).then((open) => (open ? queueForLater(order) : paymentProvider.charge(order)));",
        '}',
      ),
      errors: [remote('payments-circuit-breaker', 'through an accessor that returns a promise', 2, 33)],
    },
  ],
});

const openfeature = createRuleTester({ presets: ['openfeature'] });
openfeature.run('no-remote-kill-switch (openfeature)', rule, {
  valid: ["export const down = (client) => client.getBooleanValue('maintenance_mode', false);"],
  invalid: [
    {
      code: lines(
        "import { OpenFeature } from '@openfeature/server-sdk';",
        "const client = OpenFeature.getClient('checkout-service');",
        'export async function handler(req, res) {',
        "  if (await client.getBooleanValue('maintenance_mode', false, { targetingKey: req.ip })) return res.status(503).end();",
        '  return res.json(await checkout(req));',
        '}',
      ),
      errors: [remote('maintenance_mode', 'through an awaited call', 4, 36)],
    },
  ],
});

const unleash = createRuleTester({ presets: ['unleash', 'growthbook'] });
unleash.run('no-remote-kill-switch (unleash, growthbook)', rule, {
  valid: [
    // Unleash and GrowthBook evaluate from a local copy, synchronously.
    "export const down = (unleash, context) => unleash.isEnabled('maintenance_mode', context);",
    "export const paused = (gb) => gb.isOn('payments-circuit-breaker');",
  ],
  invalid: [
    {
      code: "export const down = (unleash) => fetch('/status').then(() => unleash.isEnabled('maintenance_mode'));",
      errors: [remote('maintenance_mode', "inside a network call's callback", 1, 80)],
    },
  ],
});

const flagsmith = createRuleTester({ presets: ['flagsmith'] });
flagsmith.run('no-remote-kill-switch (flagsmith)', rule, {
  valid: [
    // The browser SDK answers from the flags it holds.
    "import flagsmith from 'flagsmith';\nexport const down = () => flagsmith.hasFeature('maintenance_mode');",
  ],
  invalid: [
    {
      // FS-1 of the SDK research: the Node SDK fetches the environment's flags from the API on
      // every request, and only then reads the maintenance switch; when the API is the problem,
      // the switch cannot be read.
      code: lines(
        "import { Flagsmith } from 'flagsmith-nodejs';",
        "const flagsmith = new Flagsmith({ environmentKey: process.env.FLAGSMITH_SERVER_KEY ?? '' });",
        'export async function handler(req, res) {',
        '  const environmentFlags = await flagsmith.getEnvironmentFlags();',
        "  if (environmentFlags.isFeatureEnabled('maintenance_mode')) {",
        "    return res.status(503).send('maintenance');",
        '  }',
        '  return res.json(await checkout(req));',
        '}',
      ),
      errors: [remote('maintenance_mode', 'through an awaited call', 5, 41)],
    },
  ],
});

seed.run('no-remote-kill-switch: settings problems', rule, {
  valid: [],
  invalid: [
    {
      code: "fetch(url).then(() => flags.get('external_api_circuit_breaker')?.killSwitch);",
      settings: { 'flag-hygiene': { ...BASE_SETTINGS, noRemoteKillSwitchBogusField: true } },
      errors: [
        {
          messageId: 'configuration',
          line: 1,
          column: 1,
          data: { message: settingsProblem('noRemoteKillSwitchBogusField', 'unknown field') },
        },
      ],
    },
  ],
});
