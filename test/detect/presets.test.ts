import { describe, expect, it } from 'vitest';
import type { PresetName } from '../../src/config/schema.js';
import { analyzeSource, type Analysis } from '../helpers/analyze-source.js';

/*
 * Each preset against code written the way its SDK's documentation writes it: a server or web
 * snippet, a React snippet and a test snippet. For each, the exact set of (key, role, state) found,
 * and the decisions that matter.
 */

function analyze(preset: PresetName, code: string, test = false): Analysis {
  return analyzeSource(code, { presets: [preset], test });
}

describe('seed preset (the hygiene article)', () => {
  it("server: the article's processPayment and circuit breaker", () => {
    const analysis = analyze(
      'seed',
      `
      export async function processPayment(order: Order): Promise<PaymentResult> {
        const useNewProcessor = isFeatureEnabled(flags.get("new_payment_processor"), { userId: order.customerId });
        if (useNewProcessor) {
          return await newPaymentProcessor.charge(order);
        }
        return await legacyPaymentProcessor.charge(order);
      }
      export async function callExternalApi(request: ApiRequest): Promise<ApiResponse> {
        if (flags.get("external_api_circuit_breaker")?.killSwitch) {
          return getCachedResponse(request) ?? getDefaultResponse(request);
        }
        return await externalApi.call(request);
      }
    `,
    );
    expect(analysis.referenceSet()).toEqual(['external_api_circuit_breaker evaluate', 'new_payment_processor evaluate']);
    const decision = analysis.decisionOf('new_payment_processor');
    expect(analysis.regionText(decision, 'on')).toBe('{ return await newPaymentProcessor.charge(order); }');
    expect(analysis.regionText(decision, 'off')).toBe('return await legacyPaymentProcessor.charge(order);');
  });

  it('React: a component reading the store', () => {
    const analysis = analyze(
      'seed',
      `
      import { flags, isFeatureEnabled } from './flags';

      export function CheckoutPage({ user }: { user: User }) {
        const showBanner = isFeatureEnabled(flags.get('promo_banner'), { userId: user.id });
        return (
          <main>
            {showBanner && <PromoBanner />}
            {flags.get('checkout_v2')?.enabled ? <CheckoutV2 /> : <CheckoutV1 />}
          </main>
        );
      }
    `,
    );
    expect(analysis.referenceSet()).toEqual(['checkout_v2 evaluate', 'promo_banner evaluate']);
    expect(analysis.regionText(analysis.decisionOf('promo_banner'), 'on')).toBe('<PromoBanner />');
    const checkout = analysis.decisionOf('checkout_v2');
    expect(analysis.regionText(checkout, 'on')).toBe('<CheckoutV2 />');
    expect(analysis.regionText(checkout, 'off')).toBe('<CheckoutV1 />');
  });

  it('test: flags.override forces each state', () => {
    const analysis = analyze(
      'seed',
      `
      it('uses the new processor', async () => {
        flags.override('new_payment_processor', { enabled: true, rolloutPercentage: 100 });
        await processPayment(mockOrder);
      });
      it('uses the legacy processor', async () => {
        flags.override('new_payment_processor', { enabled: false });
        await processPayment(mockOrder);
      });
      it('opens the circuit', async () => {
        flags.override('external_api_circuit_breaker', { killSwitch: true });
      });
    `,
      true,
    );
    expect(analysis.referenceSet()).toEqual([
      'external_api_circuit_breaker override off',
      'new_payment_processor override off',
      'new_payment_processor override on',
    ]);
  });
});

describe('openfeature preset', () => {
  it('server: an Express handler with the server SDK (awaited)', () => {
    const analysis = analyze(
      'openfeature',
      `
      import express from 'express';
      import { OpenFeature } from '@openfeature/server-sdk';

      const app = express();
      const client = OpenFeature.getClient('checkout-service');

      app.get('/checkout', async (req, res) => {
        const context = { targetingKey: req.header('x-user-id') ?? 'anonymous' };
        const newCheckout = await client.getBooleanValue('new-checkout', false, context);
        const maxItems = await client.getNumberValue('checkout-max-items', 20, context);
        const theme = await client.getStringDetails('checkout-theme', 'light', context);
        res.json({ flow: newCheckout ? 'v2' : 'v1', maxItems, theme: theme.value, reason: theme.reason });
      });
    `,
    );
    expect(analysis.referenceSet()).toEqual(['checkout-max-items evaluate', 'checkout-theme evaluate', 'new-checkout evaluate']);
    expect(analysis.referencesOf('new-checkout')[0]!.awaited).toBe(true);
    const decision = analysis.decisionOf('new-checkout');
    expect(decision.variable).toBe('newCheckout');
    expect(analysis.regionText(decision, 'on')).toBe("'v2'");
    expect(analysis.regionText(decision, 'off')).toBe("'v1'");
  });

  it('React: hooks, a destructured useFlag and the FeatureFlag component', () => {
    const analysis = analyze(
      'openfeature',
      `
      import { FeatureFlag, useBooleanFlagValue, useFlag, useStringFlagDetails } from '@openfeature/react-sdk';

      export function CheckoutPage() {
        const showBanner = useBooleanFlagValue('promo-banner', false);
        const { value: newCheckout } = useFlag('new-checkout', false);
        const theme = useStringFlagDetails('checkout-theme', 'light');

        return (
          <main className={\`theme-\${theme.value}\`}>
            {showBanner && <PromoBanner />}
            {newCheckout ? <CheckoutV2 /> : <CheckoutV1 />}
            <FeatureFlag flagKey="express-pay" defaultValue={false} fallback={<CardPayOnly />}>
              <ExpressPayButton />
            </FeatureFlag>
          </main>
        );
      }
    `,
    );
    expect(analysis.referenceSet()).toEqual([
      'checkout-theme evaluate',
      'express-pay evaluate',
      'new-checkout evaluate',
      'promo-banner evaluate',
    ]);
    expect(analysis.regionText(analysis.decisionOf('promo-banner'), 'on')).toBe('<PromoBanner />');
    const checkout = analysis.decisionOf('new-checkout');
    expect(analysis.regionText(checkout, 'on')).toBe('<CheckoutV2 />');
    expect(analysis.regionText(checkout, 'off')).toBe('<CheckoutV1 />');
    const pay = analysis.decisionOf('express-pay');
    expect(analysis.regionText(pay, 'on')).toBe('<ExpressPayButton />');
    expect(analysis.regionText(pay, 'off')).toBe('{<CardPayOnly />}');
  });

  it('web: the synchronous web SDK client', () => {
    const analysis = analyze(
      'openfeature',
      `
      import { OpenFeature } from '@openfeature/web-sdk';
      const client = OpenFeature.getClient();
      if (client.getBooleanValue('dark-mode', false)) {
        document.body.classList.add('dark');
      }
      const details = client.getBooleanDetails('compact-nav', false);
      const nav = details.value ? renderCompactNav() : renderNav();
    `,
    );
    expect(analysis.referenceSet()).toEqual(['compact-nav evaluate', 'dark-mode evaluate']);
    expect(analysis.referencesOf('dark-mode')[0]!.awaited).toBe(false);
    expect(analysis.regionText(analysis.decisionOf('dark-mode'), 'on')).toBe("{ document.body.classList.add('dark'); }");
    const nav = analysis.decisionOf('compact-nav');
    expect(analysis.regionText(nav, 'on')).toBe('renderCompactNav()');
    expect(analysis.regionText(nav, 'off')).toBe('renderNav()');
  });

  it('test: OpenFeatureTestProvider flag values', () => {
    const analysis = analyze(
      'openfeature',
      `
      import { render, screen } from '@testing-library/react';
      import { OpenFeatureTestProvider } from '@openfeature/react-sdk';
      import { CheckoutPage } from './CheckoutPage';

      it('renders v2 when new-checkout is on', () => {
        render(
          <OpenFeatureTestProvider flagValueMap={{ 'new-checkout': true, 'promo-banner': false }}>
            <CheckoutPage />
          </OpenFeatureTestProvider>,
        );
        expect(screen.getByTestId('checkout-v2')).toBeInTheDocument();
      });

      it('renders v1 when new-checkout is off', () => {
        render(
          <OpenFeatureTestProvider flagValueMap={{ 'new-checkout': false }}>
            <CheckoutPage />
          </OpenFeatureTestProvider>,
        );
      });
    `,
      true,
    );
    expect(analysis.referenceSet()).toEqual(['new-checkout override off', 'new-checkout override on', 'promo-banner override off']);
  });

  it('test: an InMemoryProvider configuration; the state is variants[defaultVariant]', () => {
    const analysis = analyze(
      'openfeature',
      `
      import { InMemoryProvider, OpenFeature } from '@openfeature/server-sdk';

      const flagConfig = {
        'new-checkout': { variants: { on: true, off: false }, defaultVariant: 'on', disabled: false },
        'legacy-tax': { variants: { on: true, off: false }, defaultVariant: 'off', disabled: false },
        'checkout-max-items': { variants: { low: 5, high: 50 }, defaultVariant: 'low', disabled: false },
      };

      beforeAll(async () => {
        await OpenFeature.setProviderAndWait(new InMemoryProvider(flagConfig));
      });
    `,
      true,
    );
    expect(analysis.referenceSet()).toEqual(['checkout-max-items override unknown', 'legacy-tax override off', 'new-checkout override on']);
  });
});

describe('launchdarkly preset', () => {
  it('server: the Node SDK (key, context, default), awaited', () => {
    const analysis = analyze(
      'launchdarkly',
      `
      import { init, type LDContext } from '@launchdarkly/node-server-sdk';

      const ldClient = init(process.env.LD_SDK_KEY ?? '');

      export async function checkout(req: Request, res: Response) {
        const context: LDContext = { kind: 'user', key: req.userId };
        if (await ldClient.boolVariation('new-checkout', context, false)) {
          return res.json(await newFlow());
        }
        const bannerText = await ldClient.variation('checkout-banner-text', context, 'Welcome');
        const theme = await ldClient.variationDetail('checkout-theme', context, 'light');
        return res.json(await legacyFlow(bannerText, theme.value));
      }
    `,
    );
    expect(analysis.referenceSet()).toEqual(['checkout-banner-text evaluate', 'checkout-theme evaluate', 'new-checkout evaluate']);
    const decision = analysis.decisionOf('new-checkout');
    expect(analysis.regionText(decision, 'on')).toBe('{ return res.json(await newFlow()); }');
    expect(analysis.regionText(decision, 'off')).toBe(
      "const bannerText = await ldClient.variation('checkout-banner-text', context, 'Welcome'); const theme = await ldClient.variationDetail('checkout-theme', context, 'light'); return res.json(await legacyFlow(bannerText, theme.value));",
    );
  });

  it('React v3: properties destructured from a const bound to useFlags() are reads (issue 17)', () => {
    const analysis = analyze(
      'launchdarkly',
      `
      import { useFlags } from 'launchdarkly-react-client-sdk';

      export function Nav() {
        const flags = useFlags();
        const { newNav, navColor: color } = flags;
        return newNav ? <NewNav color={color} /> : <OldNav />;
      }
    `,
    );
    expect(analysis.referenceSet()).toEqual(['navColor evaluate', 'newNav evaluate']);
    const decision = analysis.decisionOf('newNav');
    expect(analysis.regionText(decision, 'on')).toBe('<NewNav color={color} />');
    expect(analysis.regionText(decision, 'off')).toBe('<OldNav />');
  });

  it('React v3: camelCased useFlags(), useLDClient().variation, and track is no flag', () => {
    const analysis = analyze(
      'launchdarkly',
      `
      import { useFlags, useLDClient } from 'launchdarkly-react-client-sdk';

      export function CheckoutButton() {
        const { newCheckout, checkoutButtonColor } = useFlags();
        const ldClient = useLDClient();
        const compact: boolean = ldClient?.variation('compact-checkout', false) ?? false;

        return (
          <button className={compact ? 'compact' : ''} style={{ background: checkoutButtonColor }}
            onClick={() => ldClient?.track('checkout-clicked')}>
            {newCheckout ? 'Express checkout' : 'Checkout'}
          </button>
        );
      }

      export function Banner() {
        const flags = useFlags();
        return flags.promoBanner ? <aside>Spring sale!</aside> : null;
      }
    `,
    );
    expect(analysis.referenceSet()).toEqual([
      'checkoutButtonColor evaluate',
      'compact-checkout evaluate',
      'newCheckout evaluate',
      'promoBanner evaluate',
    ]);
    expect(analysis.referencesOf('newCheckout')[0]!.keyCase).toBe('camelCase');
    const checkout = analysis.decisionOf('newCheckout');
    expect(analysis.regionText(checkout, 'on')).toBe("'Express checkout'");
    expect(analysis.regionText(checkout, 'off')).toBe("'Checkout'");
    const banner = analysis.decisionOf('promoBanner');
    expect(analysis.regionText(banner, 'on')).toBe('<aside>Spring sale!</aside>');
    expect(analysis.regionText(banner, 'off')).toBe('null');
    const compact = analysis.decisionsOf('compact-checkout').find((decision) => decision.kind === 'conditional')!;
    expect(compact.variable).toBe('compact');
    expect(analysis.regionText(compact, 'on')).toBe("'compact'");
    expect(analysis.regionText(compact, 'off')).toBe("''");
  });

  it('React v4: the typed variation hooks', () => {
    const analysis = analyze(
      'launchdarkly',
      `
      import { useBoolVariation, useStringVariation } from '@launchdarkly/react-sdk';

      export function Header() {
        const darkMode = useBoolVariation('dark-mode', false);
        const title = useStringVariation('header-title', 'Welcome');
        return darkMode ? <DarkHeader title={title} /> : <LightHeader title={title} />;
      }
    `,
    );
    expect(analysis.referenceSet()).toEqual(['dark-mode evaluate', 'header-title evaluate']);
    const decision = analysis.decisionOf('dark-mode');
    expect(analysis.regionText(decision, 'on')).toBe('<DarkHeader title={title} />');
    expect(analysis.regionText(decision, 'off')).toBe('<LightHeader title={title} />');
  });

  it('test: jest-launchdarkly-mock mockFlags, keys in any case', () => {
    const analysis = analyze(
      'launchdarkly',
      `
      import { render, screen } from '@testing-library/react';
      import { ldClientMock, mockFlags, resetLDMocks } from 'jest-launchdarkly-mock';
      import { CheckoutButton } from './CheckoutButton';

      describe('CheckoutButton', () => {
        beforeEach(() => resetLDMocks());

        it('shows express checkout when new-checkout is on', () => {
          mockFlags({ 'new-checkout': true, checkoutButtonColor: 'green' });
          render(<CheckoutButton />);
        });

        it('shows the classic label when new-checkout is off', () => {
          mockFlags({ newCheckout: false });
          render(<CheckoutButton />);
          expect(ldClientMock.track).toHaveBeenCalledWith('checkout-clicked');
        });
      });
    `,
      true,
    );
    expect(analysis.referenceSet()).toEqual([
      'checkoutButtonColor override unknown',
      'new-checkout override on',
      'newCheckout override off',
    ]);
    expect(analysis.references.every((reference) => reference.keyCase === 'camelCase')).toBe(true);
  });

  it('test: the server TestData flag builder', () => {
    const analysis = analyze(
      'launchdarkly',
      `
      import { init, integrations, type LDClient } from '@launchdarkly/node-server-sdk';

      describe('chooseFlow', () => {
        let td: integrations.TestData;
        let client: LDClient;

        beforeEach(async () => {
          td = new integrations.TestData();
          td.update(td.flag('new-checkout').booleanFlag().variationForAll(true));
          td.update(td.flag('checkout-theme').valueForAll('dark'));
          client = init('sdk-key-test', { updateProcessor: td.getFactory(), sendEvents: false });
        });

        it('returns v1 once new-checkout is switched off', async () => {
          await td.update(td.flag('new-checkout').variationForAll(false));
          expect(await chooseFlow(client, { kind: 'user', key: 'u1' })).toBe('v1');
        });
      });
    `,
      true,
    );
    expect(analysis.referenceSet()).toEqual(['checkout-theme override unknown', 'new-checkout override off', 'new-checkout override on']);
  });
});

describe('unleash preset', () => {
  it('server: instance methods and the module-level functions of unleash-client', () => {
    const analysis = analyze(
      'unleash',
      `
      import express from 'express';
      import { initialize, isEnabled, getVariant, type Context } from 'unleash-client';

      const unleash = initialize({ url: 'http://localhost:4242/api/', appName: 'checkout-service' });
      const app = express();

      app.get('/checkout', (req, res) => {
        const context: Context = { userId: req.header('x-user-id') ?? undefined };
        const newCheckout = unleash.isEnabled('new-checkout', context, false);
        const theme = unleash.getVariant('checkout-theme', context);
        res.json({ flow: newCheckout ? 'v2' : 'v1', theme: theme.enabled ? theme.name : 'default' });
      });

      export function canBulkExport(userId: string): boolean {
        return isEnabled('bulk-export', { userId }) && getVariant('export-format', { userId }).name !== 'csv';
      }
    `,
    );
    expect(analysis.referenceSet()).toEqual([
      'bulk-export evaluate',
      'checkout-theme evaluate',
      'export-format evaluate',
      'new-checkout evaluate',
    ]);
    const checkout = analysis.decisionOf('new-checkout');
    expect(analysis.regionText(checkout, 'on')).toBe("'v2'");
    expect(analysis.regionText(checkout, 'off')).toBe("'v1'");
    const theme = analysis.decisionOf('checkout-theme');
    expect(analysis.regionText(theme, 'on')).toBe('theme.name');
    expect(analysis.regionText(theme, 'off')).toBe("'default'");
    expect(analysis.regionText(analysis.decisionOf('bulk-export'), 'on')).toBe("getVariant('export-format', { userId }).name !== 'csv'");
  });

  it("server: a module-level isEnabled imported from elsewhere is not Unleash's", () => {
    const analysis = analyze(
      'unleash',
      `
      import { isEnabled } from './permissions';
      export const canEdit = (user: User) => isEnabled('edit', user);
    `,
    );
    expect(analysis.references).toEqual([]);
  });

  it('React: useFlag, useVariant and the client from useUnleashClient', () => {
    const analysis = analyze(
      'unleash',
      `
      import { useFlag, useFlagsStatus, useUnleashClient, useVariant } from '@unleash/proxy-client-react';

      export function Checkout() {
        const { flagsReady } = useFlagsStatus();
        const newCheckout = useFlag('new-checkout');
        const theme = useVariant('checkout-theme');
        const client = useUnleashClient();

        if (!flagsReady) return <Spinner />;

        const onPay = () => (client.isEnabled('express-pay') ? payExpress() : payByCard());
        return (
          <section data-theme={theme.enabled ? theme.name : 'default'}>
            {newCheckout ? <CheckoutV2 onPay={onPay} /> : <CheckoutV1 onPay={onPay} />}
          </section>
        );
      }
    `,
    );
    expect(analysis.referenceSet()).toEqual(['checkout-theme evaluate', 'express-pay evaluate', 'new-checkout evaluate']);
    const checkout = analysis.decisionOf('new-checkout');
    expect(analysis.regionText(checkout, 'on')).toBe('<CheckoutV2 onPay={onPay} />');
    expect(analysis.regionText(checkout, 'off')).toBe('<CheckoutV1 onPay={onPay} />');
    const pay = analysis.decisionOf('express-pay');
    expect(analysis.regionText(pay, 'on')).toBe('payExpress()');
    expect(analysis.regionText(pay, 'off')).toBe('payByCard()');
  });

  it('test: bootstrapped FlagProvider, UnleashClient and Node client', () => {
    const analysis = analyze(
      'unleash',
      `
      import { render } from '@testing-library/react';
      import { FlagProvider, UnleashClient } from '@unleash/proxy-client-react';
      import { InMemStorageProvider, Unleash } from 'unleash-client';

      const renderWithNewCheckout = (enabled: boolean) =>
        render(
          <FlagProvider
            startClient={false}
            config={{
              url: 'http://localhost:4242/api/frontend',
              clientKey: 'test',
              appName: 'checkout-tests',
              bootstrap: [{ name: 'new-checkout', enabled, variant: { name: 'disabled', enabled: false }, impressionData: false }],
            }}
          >
            <Checkout />
          </FlagProvider>,
        );

      const offline = new UnleashClient({ url: 'http://x', clientKey: 'k', appName: 'a', bootstrap: [{ name: 'express-pay', enabled: false }] });

      const node = new Unleash({
        appName: 'checkout-tests',
        url: 'http://unleash.invalid/api/',
        refreshInterval: 0,
        storageProvider: new InMemStorageProvider(),
        bootstrap: { data: [{ name: 'new-checkout', enabled: true, strategies: [{ name: 'default' }] }] },
      });
    `,
      true,
    );
    expect(analysis.referenceSet()).toEqual(['express-pay override off', 'new-checkout override on', 'new-checkout override unknown']);
  });
});

describe('growthbook preset', () => {
  it('server: GrowthBookClient and a scoped instance', () => {
    const analysis = analyze(
      'growthbook',
      `
      import { GrowthBookClient } from '@growthbook/growthbook';

      const gbClient = new GrowthBookClient({ apiHost: 'https://cdn.growthbook.io', clientKey: 'sdk-abc' });
      await gbClient.init({ timeout: 3000 });

      app.get('/checkout', (req, res) => {
        const gb = gbClient.createScopedInstance({ attributes: { id: req.header('x-user-id') ?? 'anon' } });
        const newCheckout = gb.isOn('new-checkout');
        const maxItems = gb.getFeatureValue('checkout-max-items', 20);
        if (gbClient.isOff('tax-v2', { attributes: { id: 'system' } })) {
          return res.json(legacyTax());
        }
        res.json({ flow: newCheckout ? 'v2' : 'v1', maxItems, tax: newTax() });
      });
    `,
    );
    expect(analysis.referenceSet()).toEqual(['checkout-max-items evaluate', 'new-checkout evaluate', 'tax-v2 evaluate']);
    // isOff answers "is it off": its truthy branch is the off path.
    const tax = analysis.decisionOf('tax-v2');
    expect(analysis.regionText(tax, 'off')).toBe('{ return res.json(legacyTax()); }');
    expect(analysis.regionText(tax, 'on')).toBe("res.json({ flow: newCheckout ? 'v2' : 'v1', maxItems, tax: newTax() });");
    const checkout = analysis.decisionOf('new-checkout');
    expect(analysis.regionText(checkout, 'on')).toBe("'v2'");
    expect(analysis.regionText(checkout, 'off')).toBe("'v1'");
  });

  it('React: hooks and the IfFeatureEnabled / FeatureString components', () => {
    const analysis = analyze(
      'growthbook',
      `
      import { FeatureString, IfFeatureEnabled, useFeature, useFeatureIsOn, useFeatureValue } from '@growthbook/growthbook-react';

      export function Checkout() {
        const newCheckout = useFeatureIsOn('new-checkout');
        const buttonColor = useFeatureValue('checkout-button-color', 'blue');
        const theme = useFeature('checkout-theme');
        return (
          <section data-theme={theme.on ? String(theme.value) : 'default'}>
            <h1><FeatureString feature="checkout-title" default="Checkout" /></h1>
            {newCheckout ? <CheckoutV2 color={buttonColor} /> : <CheckoutV1 />}
            <IfFeatureEnabled feature="express-pay"><ExpressPayButton /></IfFeatureEnabled>
          </section>
        );
      }
    `,
    );
    expect(analysis.referenceSet()).toEqual([
      'checkout-button-color evaluate',
      'checkout-theme evaluate',
      'checkout-title evaluate',
      'express-pay evaluate',
      'new-checkout evaluate',
    ]);
    const theme = analysis.decisionOf('checkout-theme');
    expect(analysis.regionText(theme, 'on')).toBe('String(theme.value)');
    expect(analysis.regionText(theme, 'off')).toBe("'default'");
    const checkout = analysis.decisionOf('new-checkout');
    expect(analysis.regionText(checkout, 'on')).toBe('<CheckoutV2 color={buttonColor} />');
    expect(analysis.regionText(checkout, 'off')).toBe('<CheckoutV1 />');
    expect(analysis.regionText(analysis.decisionOf('express-pay'), 'on')).toBe('<ExpressPayButton />');
  });

  it('test: forced feature values and inline feature definitions', () => {
    const analysis = analyze(
      'growthbook',
      `
      import { GrowthBook } from '@growthbook/growthbook';

      test('renders v2 when new-checkout is forced on', () => {
        const gb = new GrowthBook({ attributes: { id: 'test-user' } });
        gb.setForcedFeatures(new Map([['new-checkout', true], ['checkout-button-color', 'green']]));
      });

      test('renders v1 when new-checkout is forced off', () => {
        const gb = new GrowthBook({ forcedFeatureValues: new Map([['new-checkout', false]]) });
      });

      test('express pay defaults on', () => {
        const gb = new GrowthBook({ attributes: { id: 'u1' }, features: { 'express-pay': { defaultValue: true } } });
        expect(gb.isOn('express-pay')).toBe(true);
      });
    `,
      true,
    );
    expect(analysis.referenceSet()).toEqual([
      'checkout-button-color override unknown',
      'express-pay evaluate',
      'express-pay override on',
      'new-checkout override off',
      'new-checkout override on',
    ]);
  });
});

describe('flagsmith preset', () => {
  it('server: flagsmith-nodejs environment and identity flags', () => {
    const analysis = analyze(
      'flagsmith',
      `
      import { Flagsmith } from 'flagsmith-nodejs';

      const flagsmith = new Flagsmith({ environmentKey: process.env.FLAGSMITH_SERVER_KEY ?? '' });

      app.get('/checkout', async (req, res) => {
        const environmentFlags = await flagsmith.getEnvironmentFlags();
        if (environmentFlags.isFeatureEnabled('maintenance_mode')) {
          return res.status(503).send('maintenance');
        }
        const identityFlags = await flagsmith.getIdentityFlags(req.header('x-user-id') ?? 'anonymous', { plan: 'pro' });
        const newCheckout = identityFlags.isFeatureEnabled('new_checkout');
        const maxItems = identityFlags.getFeatureValue('checkout_max_items');
        const theme = identityFlags.getFlag('checkout_theme');
        return res.json({ flow: newCheckout ? 'v2' : 'v1', maxItems, theme: theme.enabled ? theme.value : 'light' });
      });
    `,
    );
    expect(analysis.referenceSet()).toEqual([
      'checkout_max_items evaluate',
      'checkout_theme evaluate',
      'maintenance_mode evaluate',
      'new_checkout evaluate',
    ]);
    const maintenance = analysis.decisionOf('maintenance_mode');
    expect(analysis.regionText(maintenance, 'on')).toBe("{ return res.status(503).send('maintenance'); }");
    expect(analysis.regionText(maintenance, 'off')).toMatch(
      /^const identityFlags = await flagsmith\.getIdentityFlags\(.*return res\.json\(.*\);$/,
    );
    const theme = analysis.decisionOf('checkout_theme');
    expect(analysis.regionText(theme, 'on')).toBe('theme.value');
    expect(analysis.regionText(theme, 'off')).toBe("'light'");
  });

  it('web: the flagsmith singleton', () => {
    const analysis = analyze(
      'flagsmith',
      `
      import flagsmith from 'flagsmith';

      await flagsmith.init({ environmentID: 'client-env-key' });
      if (flagsmith.hasFeature('dark_mode')) {
        document.body.classList.add('dark');
      }
      banner.textContent = String(flagsmith.getValue('banner_text') ?? '');
    `,
    );
    expect(analysis.referenceSet()).toEqual(['banner_text evaluate', 'dark_mode evaluate']);
    expect(analysis.regionText(analysis.decisionOf('dark_mode'), 'on')).toBe("{ document.body.classList.add('dark'); }");
  });

  it('React: the useFlags bag and useFlagsmith', () => {
    const analysis = analyze(
      'flagsmith',
      `
      import flagsmith from 'flagsmith';
      import { FlagsmithProvider, useFlags, useFlagsmith } from 'flagsmith/react';

      export function Checkout() {
        const flags = useFlags(['new_checkout', 'checkout_button_color']);
        const fs = useFlagsmith();
        const showExpressPay = fs.hasFeature('express_pay');
        const bannerSize = fs.getValue('banner_size', { fallback: 12 });

        return (
          <section style={{ fontSize: Number(bannerSize) }}>
            {flags.new_checkout.enabled
              ? <CheckoutV2 color={String(flags.checkout_button_color.value ?? 'blue')} />
              : <CheckoutV1 />}
            {showExpressPay && <ExpressPayButton />}
          </section>
        );
      }

      export const App = () => (
        <FlagsmithProvider flagsmith={flagsmith} options={{ environmentID: 'client-env-key' }}>
          <Checkout />
        </FlagsmithProvider>
      );
    `,
    );
    expect(analysis.referenceSet()).toEqual([
      'banner_size evaluate',
      'checkout_button_color evaluate',
      'express_pay evaluate',
      'new_checkout evaluate',
    ]);
    const checkout = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(checkout, 'on')).toBe("<CheckoutV2 color={String(flags.checkout_button_color.value ?? 'blue')} />");
    expect(analysis.regionText(checkout, 'off')).toBe('<CheckoutV1 />');
    expect(analysis.regionText(analysis.decisionOf('express_pay'), 'on')).toBe('<ExpressPayButton />');
  });

  it('test: serverState and defaultFlags on the provider, init and setState', () => {
    const analysis = analyze(
      'flagsmith',
      `
      import { render } from '@testing-library/react';
      import flagsmith, { createFlagsmithInstance } from 'flagsmith';
      import { FlagsmithProvider } from 'flagsmith/react';

      function renderWithNewCheckout(enabled: boolean) {
        const instance = createFlagsmithInstance();
        return render(
          <FlagsmithProvider
            flagsmith={instance}
            options={{ environmentID: 'test-env', preventFetch: true, defaultFlags: { express_pay: { enabled: false } } }}
            serverState={{ api: 'https://edge.api.flagsmith.com/api/v1/', environmentID: 'test-env', traits: {},
              flags: { new_checkout: { enabled, value: null }, checkout_button_color: { enabled: true, value: 'green' } } }}
          >
            <Checkout />
          </FlagsmithProvider>,
        );
      }

      beforeEach(async () => {
        await flagsmith.init({ environmentID: 'test-env', preventFetch: true, defaultFlags: { dark_mode: { enabled: true } } });
        flagsmith.setState({ api: 'x', environmentID: 'test-env', flags: { dark_mode: { enabled: false } } });
      });
    `,
      true,
    );
    expect(analysis.referenceSet()).toEqual([
      'checkout_button_color override on',
      'dark_mode override off',
      'dark_mode override on',
      'express_pay override off',
      'new_checkout override unknown',
    ]);
  });
});

describe('presets tell SDKs that share a name apart by their import', () => {
  const OPENFEATURE_USE_FLAG = `
    import { useFlag } from '@openfeature/react-sdk';
    export const A = () => (useFlag('new-checkout', false).value ? <New /> : <Old />);
  `;
  const UNLEASH_USE_FLAG = `
    import { useFlag } from '@unleash/proxy-client-react';
    export const A = () => (useFlag('new-checkout') ? <New /> : <Old />);
  `;

  it("OpenFeature's useFlag is OpenFeature's, not Unleash's", () => {
    expect(analyzeSource(OPENFEATURE_USE_FLAG, { presets: ['unleash'] }).references).toEqual([]);
    const analysis = analyzeSource(OPENFEATURE_USE_FLAG, { presets: ['openfeature'] });
    expect(analysis.referenceSet()).toEqual(['new-checkout evaluate']);
    expect(analysis.regionText(analysis.decisionOf('new-checkout'), 'on')).toBe('<New />');
  });

  it("Unleash's useFlag is Unleash's, not OpenFeature's", () => {
    expect(analyzeSource(UNLEASH_USE_FLAG, { presets: ['openfeature'] }).references).toEqual([]);
    expect(analyzeSource(UNLEASH_USE_FLAG, { presets: ['unleash'] }).referenceSet()).toEqual(['new-checkout evaluate']);
  });

  it('both presets together find each once', () => {
    const analysis = analyzeSource(UNLEASH_USE_FLAG, { presets: ['openfeature', 'unleash'] });
    expect(analysis.references).toHaveLength(1);
  });

  it("LaunchDarkly's useFlags() bag is not Flagsmith's, and a local useFlag is nobody's", () => {
    const launchDarkly = `
      import { useFlags } from 'launchdarkly-react-client-sdk';
      export const A = () => { const { newCheckout } = useFlags(); return newCheckout ? <New /> : <Old />; };
    `;
    expect(analyzeSource(launchDarkly, { presets: ['flagsmith'] }).references).toEqual([]);
    expect(analyzeSource(launchDarkly, { presets: ['launchdarkly'] }).referenceSet()).toEqual(['newCheckout evaluate']);
    const local = `
      function useFlag(name: string) { return name.length > 3; }
      export const A = () => (useFlag('x') ? <New /> : <Old />);
    `;
    expect(analyzeSource(local, { presets: ['unleash', 'openfeature'] }).references).toEqual([]);
  });
});

describe('more documented shapes', () => {
  it("LaunchDarkly: TestData on(false), the client test plugin's TestData and setBool/setString", () => {
    const analysis = analyze(
      'launchdarkly',
      `
      td.update(td.flag('kill-me').on(false));
      td.update(td.flag('fallthrough-on').fallthroughVariation(true));
      const plugin = new TestData({ 'show-banner': true });
      plugin.setBool('dark-mode', false).setString('theme', 'dark');
    `,
      true,
    );
    expect(analysis.referenceSet()).toEqual([
      'dark-mode override off',
      'fallthrough-on override on',
      'kill-me override off',
      'show-banner override on',
      'theme override unknown',
    ]);
  });

  it('LaunchDarkly: a bracketed key when camelCasing is off, and boolVariationDetail(...).value', () => {
    const analysis = analyze(
      'launchdarkly',
      `
      import { useFlags } from 'launchdarkly-react-client-sdk';
      export const A = () => { const flags = useFlags(); return flags['new-checkout'] ? <New /> : <Old />; };
      export async function b(ctx: LDContext) {
        const detail = await ldClient.boolVariationDetail('express-pay', ctx, false);
        if (detail.value) { express(); } else { card(); }
      }
    `,
    );
    expect(analysis.referenceSet()).toEqual(['express-pay evaluate', 'new-checkout evaluate']);
    expect(analysis.regionText(analysis.decisionOf('new-checkout'), 'on')).toBe('<New />');
    const pay = analysis.decisionOf('express-pay');
    expect(analysis.regionText(pay, 'on')).toBe('{ express(); }');
    expect(analysis.regionText(pay, 'off')).toBe('{ card(); }');
  });

  it('OpenFeature: putConfiguration, and a flag map held in a const', () => {
    const analysis = analyze(
      'openfeature',
      `
      provider.putConfiguration({ 'new-checkout': { variants: { on: true, off: false }, defaultVariant: 'off', disabled: false } });
      const flagValueMap = { 'promo-banner': true };
      render(<OpenFeatureTestProvider flagValueMap={flagValueMap}><Page /></OpenFeatureTestProvider>);
    `,
      true,
    );
    expect(analysis.referenceSet()).toEqual(['new-checkout override off', 'promo-banner override on']);
  });

  it('GrowthBook: isOff in JSX, evalFeature(...).on, setFeatures', () => {
    const analysis = analyze(
      'growthbook',
      `
      export const A = () => <div>{gb.isOff('legacy-nav') ? <OldNav /> : <NewNav />}</div>;
      if (gb.evalFeature('search-v2').on) { searchV2(); } else { searchV1(); }
    `,
    );
    const nav = analysis.decisionOf('legacy-nav');
    expect(analysis.regionText(nav, 'off')).toBe('<OldNav />');
    expect(analysis.regionText(nav, 'on')).toBe('<NewNav />');
    const search = analysis.decisionOf('search-v2');
    expect(analysis.regionText(search, 'on')).toBe('{ searchV2(); }');
    expect(analysis.regionText(search, 'off')).toBe('{ searchV1(); }');
    const overrides = analyze(
      'growthbook',
      `gb.setFeatures({ 'search-v2': { defaultValue: false }, color: { defaultValue: 'blue' } });`,
      true,
    );
    expect(overrides.referenceSet()).toEqual(['color override unknown', 'search-v2 override off']);
  });

  it('Flagsmith: a flag destructured from useFlags([...])', () => {
    const analysis = analyze(
      'flagsmith',
      `
      import { useFlags } from 'flagsmith/react';
      export const A = () => {
        const { new_checkout } = useFlags(['new_checkout']);
        return new_checkout.enabled ? <New /> : <Old />;
      };
    `,
    );
    expect(analysis.referenceSet()).toEqual(['new_checkout evaluate']);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe('<New />');
    expect(analysis.regionText(decision, 'off')).toBe('<Old />');
  });

  it('Unleash: a hook imported under another name', () => {
    const analysis = analyze(
      'unleash',
      `
      import { useFlag as useUnleashFlag } from '@unleash/proxy-client-react';
      export const A = () => (useUnleashFlag('new-checkout') ? <New /> : <Old />);
    `,
    );
    expect(analysis.referenceSet()).toEqual(['new-checkout evaluate']);
    expect(analysis.regionText(analysis.decisionOf('new-checkout'), 'off')).toBe('<Old />');
  });
});
