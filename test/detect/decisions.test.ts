import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../helpers/analyze-source.js';

/*
 * Every decision shape: which code runs when the flag is on (the on region), which when it is off
 * (the off region), or that there is none. The article's three patterns come first.
 */

describe("the article's three patterns", () => {
  it('pattern 1 (the evaluator itself) holds no flag reference', () => {
    const analysis = analyzeSource(`
      function isFeatureEnabled(flag: FeatureFlag, context: { userId: string; segment?: string }): boolean {
        if (flag.killSwitch) return false;
        if (!flag.enabled) return false;
        if (flag.targetSegments?.length) {
          if (!context.segment || !flag.targetSegments.includes(context.segment)) {
            return false;
          }
        }
        const hash = murmurhash3(\`\${flag.key}:\${context.userId}\`);
        const bucket = (hash % 100) + 1;
        return bucket <= flag.rolloutPercentage;
      }
    `);
    expect(analysis.references).toEqual([]);
    expect(analysis.decisions).toEqual([]);
  });

  const PATTERN_2 = `
    async function processPayment(order: Order): Promise<PaymentResult> {
      const useNewProcessor = isFeatureEnabled(
        flags.get("new_payment_processor"),
        { userId: order.customerId }
      );

      if (useNewProcessor) {
        try {
          return await newPaymentProcessor.charge(order);
        } catch (error) {
          metrics.increment("payment.new_processor.fallback");
          return await legacyPaymentProcessor.charge(order);
        }
      }

      return await legacyPaymentProcessor.charge(order);
    }

    async function callExternalApi(request: ApiRequest): Promise<ApiResponse> {
      if (flags.get("external_api_circuit_breaker")?.killSwitch) {
        return getCachedResponse(request) ?? getDefaultResponse(request);
      }
      return await externalApi.call(request);
    }
  `;

  it('pattern 2: the payment processor decision, through the decision variable', () => {
    const analysis = analyzeSource(PATTERN_2);
    expect(analysis.summary()).toEqual([
      { key: 'external_api_circuit_breaker', role: 'evaluate' },
      { key: 'new_payment_processor', role: 'evaluate' },
    ]);
    const decision = analysis.decisionOf('new_payment_processor');
    expect(decision.kind).toBe('if');
    expect(decision.variable).toBe('useNewProcessor');
    expect(analysis.conditionText(decision)).toBe('useNewProcessor');
    expect(analysis.regionText(decision, 'on')).toBe(
      '{ try { return await newPaymentProcessor.charge(order); } catch (error) { metrics.increment("payment.new_processor.fallback"); return await legacyPaymentProcessor.charge(order); } }',
    );
    // The on branch always returns, so the rest of the function is the off path.
    expect(analysis.regionText(decision, 'off')).toBe('return await legacyPaymentProcessor.charge(order);');
  });

  it('pattern 2: the kill switch — the cached response is the off path, the live call the on path', () => {
    const analysis = analyzeSource(PATTERN_2);
    const decision = analysis.decisionOf('external_api_circuit_breaker');
    expect(decision.kind).toBe('if');
    expect(analysis.regionText(decision, 'off')).toBe('{ return getCachedResponse(request) ?? getDefaultResponse(request); }');
    expect(analysis.regionText(decision, 'on')).toBe('return await externalApi.call(request);');
  });

  it('pattern 3: the gradual algorithm rollout', () => {
    const analysis = analyzeSource(`
      async function getRecommendations(userId: string): Promise<Product[]> {
        const useNewAlgorithm = isFeatureEnabled(
          flags.get("recommendation_v2"),
          { userId }
        );

        const startTime = Date.now();
        let recommendations: Product[];
        let algorithm: string;

        if (useNewAlgorithm) {
          recommendations = await newRecommendationEngine.getRecommendations(userId);
          algorithm = "v2";
        } else {
          recommendations = await currentRecommendationEngine.getRecommendations(userId);
          algorithm = "v1";
        }

        metrics.histogram("recommendations.latency", Date.now() - startTime, { algorithm });
        return recommendations;
      }
    `);
    expect(analysis.summary()).toEqual([{ key: 'recommendation_v2', role: 'evaluate' }]);
    const decision = analysis.decisionOf('recommendation_v2');
    expect(decision.variable).toBe('useNewAlgorithm');
    expect(analysis.regionText(decision, 'on')).toBe(
      '{ recommendations = await newRecommendationEngine.getRecommendations(userId); algorithm = "v2"; }',
    );
    expect(analysis.regionText(decision, 'off')).toBe(
      '{ recommendations = await currentRecommendationEngine.getRecommendations(userId); algorithm = "v1"; }',
    );
    expect(decision.fallsThrough).toBe(false);
  });

  it("the article's tests force both states of new_payment_processor", () => {
    const analysis = analyzeSource(
      `
      describe("Payment processing", () => {
        it("processes payment with new processor when flag is enabled", async () => {
          flags.override("new_payment_processor", { enabled: true, rolloutPercentage: 100 });
          const result = await processPayment(mockOrder);
          expect(newProcessor.charge).toHaveBeenCalled();
        });

        it("processes payment with legacy processor when flag is disabled", async () => {
          flags.override("new_payment_processor", { enabled: false });
          const result = await processPayment(mockOrder);
          expect(legacyProcessor.charge).toHaveBeenCalled();
        });

        it("falls back to legacy when new processor fails", async () => {
          flags.override("new_payment_processor", { enabled: true, rolloutPercentage: 100 });
          newProcessor.charge.mockRejectedValue(new Error("timeout"));
          const result = await processPayment(mockOrder);
          expect(legacyProcessor.charge).toHaveBeenCalled();
        });
      });
    `,
      { test: true },
    );
    expect(analysis.summary()).toEqual([
      { key: 'new_payment_processor', role: 'override', state: 'off' },
      { key: 'new_payment_processor', role: 'override', state: 'on' },
      { key: 'new_payment_processor', role: 'override', state: 'on' },
    ]);
    expect(analysis.decisions).toEqual([]);
  });
});

const ON = `isFeatureEnabled(flags.get('new_checkout'), ctx)`;

describe('if', () => {
  it('if / else: the consequent is on, the else branch off', () => {
    const analysis = analyzeSource(`if (${ON}) { renderNew(); } else { renderOld(); }`);
    const decision = analysis.decisionOf('new_checkout');
    expect(decision.kind).toBe('if');
    expect(analysis.regionText(decision, 'on')).toBe('{ renderNew(); }');
    expect(analysis.regionText(decision, 'off')).toBe('{ renderOld(); }');
  });

  it('if without else that falls through: no off region', () => {
    const analysis = analyzeSource(`function f() { if (${ON}) { track(); } render(); }`);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe('{ track(); }');
    expect(analysis.regionText(decision, 'off')).toBeUndefined();
    expect(decision.fallsThrough).toBe(true);
  });

  it('a negated condition swaps the branches', () => {
    const analysis = analyzeSource(`if (!${ON}) { renderOld(); } else { renderNew(); }`);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'off')).toBe('{ renderOld(); }');
    expect(analysis.regionText(decision, 'on')).toBe('{ renderNew(); }');
  });

  it('`!!flag` is the flag', () => {
    const analysis = analyzeSource(`if (!!${ON}) { renderNew(); }`);
    expect(analysis.regionText(analysis.decisionOf('new_checkout'), 'on')).toBe('{ renderNew(); }');
  });

  it('comparisons with true and false', () => {
    const analysis = analyzeSource(`
      if (${ON} === false) { a(); } else { b(); }
      if (${ON} !== true) { c(); }
    `);
    const [first, second] = analysis.decisionsOf('new_checkout');
    expect(analysis.regions(first!)).toEqual(['off: { a(); }', 'on: { b(); }']);
    expect(analysis.regions(second!)).toEqual(['off: { c(); }']);
  });

  it('else-if: the alternate (the whole else-if) is the off region', () => {
    const analysis = analyzeSource(`if (${ON}) { a(); } else if (other) { b(); } else { c(); }`);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe('{ a(); }');
    expect(analysis.regionText(decision, 'off')).toBe('if (other) { b(); } else { c(); }');
  });

  it('an if whose else branch always exits: the rest of the block is on', () => {
    const analysis = analyzeSource(`
      function f() {
        if (${ON}) { prepareNew(); } else { return legacy(); }
        finishNew();
      }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regions(decision)).toEqual(['on: { prepareNew(); }', 'off: { return legacy(); }', 'on: finishNew();']);
  });

  it("reading the lookup's enabled field is the flag: `flags.get(x)?.enabled`", () => {
    const analysis = analyzeSource(`if (flags.get('new_checkout')?.enabled) { a(); } else { b(); }`);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe('{ a(); }');
    expect(analysis.regionText(decision, 'off')).toBe('{ b(); }');
  });

  it('the on region of an awaited evaluation', () => {
    const analysis = analyzeSource(
      `async function f() { if (await client.getBooleanValue('new-checkout', false)) { a(); } else { b(); } }`,
      {
        presets: ['openfeature'],
      },
    );
    const decision = analysis.decisionOf('new-checkout');
    expect(analysis.regionText(decision, 'on')).toBe('{ a(); }');
    expect(analysis.regionText(decision, 'off')).toBe('{ b(); }');
    expect(analysis.referencesOf('new-checkout')[0]!.awaited).toBe(true);
  });
});

describe('early-return guards', () => {
  it('`if (!flag) return;` guards the rest of the block: the rest is the on region', () => {
    const analysis = analyzeSource(`
      function checkout(cart: Cart) {
        if (!${ON}) return;
        const total = price(cart);
        charge(total);
      }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(decision.kind).toBe('if');
    expect(analysis.regionText(decision, 'off')).toBe('return;');
    expect(analysis.regionText(decision, 'on')).toBe('const total = price(cart); charge(total);');
  });

  it('a guard through a decision variable, returning a value', () => {
    const analysis = analyzeSource(`
      function checkout(cart: Cart) {
        const enabled = ${ON};
        if (!enabled) {
          return legacyCheckout(cart);
        }
        return newCheckout(cart);
      }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(decision.variable).toBe('enabled');
    expect(analysis.regionText(decision, 'off')).toBe('{ return legacyCheckout(cart); }');
    expect(analysis.regionText(decision, 'on')).toBe('return newCheckout(cart);');
  });

  it('a throwing guard guards the rest too', () => {
    const analysis = analyzeSource(`
      function bulkImport(rows: Row[]) {
        if (!${ON}) throw new Error('not available');
        importRows(rows);
      }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe('importRows(rows);');
    expect(analysis.regionText(decision, 'off')).toBe("throw new Error('not available');");
  });

  it('a positive guard: `if (flag) return newPath();` makes the rest the off region', () => {
    const analysis = analyzeSource(`
      function checkout(cart: Cart) {
        if (${ON}) return newCheckout(cart);
        return legacyCheckout(cart);
      }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe('return newCheckout(cart);');
    expect(analysis.regionText(decision, 'off')).toBe('return legacyCheckout(cart);');
  });

  it('a guard that is the last statement has no rest', () => {
    const analysis = analyzeSource(`function f() { prepare(); if (!${ON}) return; }`);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'off')).toBe('return;');
    expect(analysis.regionText(decision, 'on')).toBeUndefined();
  });

  it('a branch that only breaks out of a label inside it is no guard: the rest runs either way', () => {
    const analysis = analyzeSource(`
      function f() {
        if (!${ON}) {
          skip: {
            break skip;
          }
        }
        rest();
      }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regions(decision)).toEqual(['off: { skip: { break skip; } }']);
  });

  it('a guard inside a loop with continue', () => {
    const analysis = analyzeSource(`
      for (const order of orders) {
        if (!${ON}) continue;
        migrate(order);
      }
    `);
    expect(analysis.regionText(analysis.decisionOf('new_checkout'), 'on')).toBe('migrate(order);');
  });
});

describe('conditional expressions', () => {
  it('`flag ? a : b`: a on, b off', () => {
    const analysis = analyzeSource(`const flow = ${ON} ? 'v2' : 'v1';`);
    const decision = analysis.decisionOf('new_checkout');
    expect(decision.kind).toBe('conditional');
    expect(analysis.regionText(decision, 'on')).toBe("'v2'");
    expect(analysis.regionText(decision, 'off')).toBe("'v1'");
  });

  it('`!flag ? a : b`: a off, b on', () => {
    const analysis = analyzeSource(`const flow = !${ON} ? legacy() : modern();`);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'off')).toBe('legacy()');
    expect(analysis.regionText(decision, 'on')).toBe('modern()');
  });
});

describe('logical operators', () => {
  it('`flag && x`: x is the on region, there is no off region, and off yields the flag value', () => {
    const analysis = analyzeSource(`const banner = ${ON} && renderBanner();`);
    const decision = analysis.decisionOf('new_checkout');
    expect(decision.kind).toBe('logical');
    expect(analysis.regionText(decision, 'on')).toBe('renderBanner()');
    expect(analysis.regionText(decision, 'off')).toBeUndefined();
    expect(decision.offYieldsFlagValue).toBe(true);
  });

  it('`flag || x`: x is the off region', () => {
    const analysis = analyzeSource(`${ON} || showLegacyNotice();`);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'off')).toBe('showLegacyNotice()');
    expect(analysis.regionText(decision, 'on')).toBeUndefined();
  });

  it('`!flag && x`: x is the off region', () => {
    const analysis = analyzeSource(`!${ON} && showLegacyNotice();`);
    expect(analysis.regionText(analysis.decisionOf('new_checkout'), 'off')).toBe('showLegacyNotice()');
  });

  it('`flag ?? x`: x runs only when the flag is missing', () => {
    const analysis = analyzeSource(`const on = useBooleanFlagValue('new-checkout', false) ?? fallback();`, { presets: ['openfeature'] });
    const decision = analysis.decisionOf('new-checkout');
    expect(analysis.regions(decision)).toEqual(['missing: fallback()']);
  });

  it('`flags.get(x)?.enabled ?? false` in a condition is still the flag', () => {
    const analysis = analyzeSource(`if (flags.get('new_checkout')?.enabled ?? false) { a(); } else { b(); }`);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe('{ a(); }');
    expect(analysis.regionText(decision, 'off')).toBe('{ b(); }');
  });

  it('`flag && other` as an if condition: the other operand and the consequent are on; the else branch is not known', () => {
    const analysis = analyzeSource(`if (${ON} && user.isAdmin) { a(); } else { b(); }`);
    const decision = analysis.decisionOf('new_checkout');
    expect(decision.kind).toBe('if');
    expect(analysis.regions(decision)).toEqual(['on: user.isAdmin', 'on: { a(); }']);
  });

  it('`flag || other` as an if condition: the other operand and the else branch are off; the consequent is not known', () => {
    const analysis = analyzeSource(`if (${ON} || user.isAdmin) { a(); } else { b(); }`);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regions(decision)).toEqual(['off: user.isAdmin', 'off: { b(); }']);
  });
});

describe('switch on a variant', () => {
  it('each case of a variant is a variant region with its label', () => {
    const analysis = analyzeSource(
      `
      switch (client.getStringValue('checkout-theme', 'light')) {
        case 'dark':
          applyDark();
          break;
        case 'high-contrast':
          applyContrast();
          break;
        default:
          applyLight();
      }
    `,
      { presets: ['openfeature'] },
    );
    const decision = analysis.decisionOf('checkout-theme');
    expect(decision.kind).toBe('switch');
    expect(decision.regions.map((region) => [region.state, region.label, analysis.textOf(region.range)])).toEqual([
      ['variant', "'dark'", 'applyDark(); break;'],
      ['variant', "'high-contrast'", 'applyContrast(); break;'],
      ['variant', 'default', 'applyLight();'],
    ]);
  });

  it('a switch on a decision variable holding the variant', () => {
    const analysis = analyzeSource(
      `
      const theme = client.getStringValue('checkout-theme', 'light');
      switch (theme) {
        case 'dark': applyDark(); break;
        default: applyLight();
      }
    `,
      { presets: ['openfeature'] },
    );
    const decision = analysis.decisionOf('checkout-theme');
    expect(decision.kind).toBe('switch');
    expect(decision.variable).toBe('theme');
    expect(decision.regions.map((region) => [region.state, region.label, analysis.textOf(region.range)])).toEqual([
      ['variant', "'dark'", 'applyDark(); break;'],
      ['variant', 'default', 'applyLight();'],
    ]);
  });

  it('switch (true/false) on a boolean flag gives on and off cases', () => {
    const analysis = analyzeSource(`
      switch (${ON}) {
        case true: renderNew(); break;
        case false: renderOld(); break;
      }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe('renderNew(); break;');
    expect(analysis.regionText(decision, 'off')).toBe('renderOld(); break;');
  });

  it('comparing a variant is not an on/off decision', () => {
    const analysis = analyzeSource(`if (client.getStringValue('checkout-theme', 'light') === 'dark') { a(); } else { b(); }`, {
      presets: ['openfeature'],
    });
    const decision = analysis.decisionOf('checkout-theme');
    expect(analysis.regions(decision)).toEqual(['variant: { a(); }', 'variant: { b(); }']);
  });
});

describe('JSX conditional rendering', () => {
  it('`{flag && <X />}`', () => {
    const analysis = analyzeSource(`
      export function Page() {
        return <main>{${ON} && <PromoBanner />}</main>;
      }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(decision.inJsx).toBe(true);
    expect(analysis.regionText(decision, 'on')).toBe('<PromoBanner />');
    expect(analysis.regionText(decision, 'off')).toBeUndefined();
  });

  it('`{!flag && <Old />}`: the element is the off region', () => {
    const analysis = analyzeSource(`export const Page = () => <main>{!${ON} && <LegacyNotice />}</main>;`);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'off')).toBe('<LegacyNotice />');
    expect(analysis.regionText(decision, 'on')).toBeUndefined();
  });

  it('a conditional inside a JSX attribute', () => {
    const analysis = analyzeSource(`export const B = () => <Button variant={${ON} ? 'primary' : 'secondary'} />;`);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe("'primary'");
    expect(analysis.regionText(decision, 'off')).toBe("'secondary'");
  });

  it('`{flag ? <A /> : <B />}`', () => {
    const analysis = analyzeSource(`
      export function Page() {
        return <main>{${ON} ? <CheckoutV2 /> : <CheckoutV1 />}</main>;
      }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(decision.kind).toBe('conditional');
    expect(decision.inJsx).toBe(true);
    expect(analysis.regionText(decision, 'on')).toBe('<CheckoutV2 />');
    expect(analysis.regionText(decision, 'off')).toBe('<CheckoutV1 />');
  });

  it('a hook value held in a variable and rendered conditionally', () => {
    const analysis = analyzeSource(
      `
      export function Page() {
        const showBanner = useBooleanFlagValue('promo-banner', false);
        return <main>{showBanner ? <PromoBanner /> : null}</main>;
      }
    `,
      { presets: ['openfeature'] },
    );
    const decision = analysis.decisionOf('promo-banner');
    expect(decision.variable).toBe('showBanner');
    expect(analysis.regionText(decision, 'on')).toBe('<PromoBanner />');
    expect(analysis.regionText(decision, 'off')).toBe('null');
  });

  it('a JSX flag component: its children are on, its fallback off', () => {
    const analysis = analyzeSource(
      `export const Pay = () => (
        <IfFeatureEnabled feature="express-pay" fallback={<CardPayOnly />}>
          <ExpressPayButton />
        </IfFeatureEnabled>
      );`,
      { accessors: ['<IfFeatureEnabled feature={$KEY} />'] },
    );
    const decision = analysis.decisionOf('express-pay');
    expect(decision.kind).toBe('jsx-component');
    expect(analysis.regionText(decision, 'on')).toBe('<ExpressPayButton />');
    expect(analysis.regionText(decision, 'off')).toBe('{<CardPayOnly />}');
  });

  it('an early return in a component guards the rest of the render', () => {
    const analysis = analyzeSource(`
      export function Checkout() {
        if (!${ON}) return <LegacyCheckout />;
        return <NewCheckout />;
      }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'off')).toBe('return <LegacyCheckout />;');
    expect(analysis.regionText(decision, 'on')).toBe('return <NewCheckout />;');
  });
});

describe('decision variables', () => {
  it('`const useNew = isFeatureEnabled(flags.get("x"), ctx); if (useNew) …`', () => {
    const analysis = analyzeSource(`
      const useNew = isFeatureEnabled(flags.get("new_checkout"), ctx);
      if (useNew) { renderNew(); } else { renderOld(); }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(decision.variable).toBe('useNew');
    expect(analysis.conditionText(decision)).toBe('useNew');
    expect(analysis.regionText(decision, 'on')).toBe('{ renderNew(); }');
    expect(analysis.regionText(decision, 'off')).toBe('{ renderOld(); }');
  });

  it('each read of the variable is a decision', () => {
    const analysis = analyzeSource(`
      const useNew = isFeatureEnabled(flags.get("new_checkout"), ctx);
      const label = useNew ? 'Express' : 'Checkout';
      if (!useNew) { logLegacy(); }
    `);
    expect(analysis.decisionsOf('new_checkout').map((decision) => analysis.regions(decision))).toEqual([
      ["on: 'Express'", "off: 'Checkout'"],
      ['off: { logLegacy(); }'],
    ]);
  });

  it('a negated decision variable', () => {
    const analysis = analyzeSource(`
      const legacy = !isFeatureEnabled(flags.get("new_checkout"), ctx);
      if (legacy) { renderOld(); } else { renderNew(); }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'off')).toBe('{ renderOld(); }');
    expect(analysis.regionText(decision, 'on')).toBe('{ renderNew(); }');
  });

  it('a variable holding the lookup, then reading killSwitch', () => {
    const analysis = analyzeSource(`
      const breaker = flags.get("external_api_circuit_breaker");
      if (breaker?.killSwitch) { useCache(); } else { callLive(); }
    `);
    const decision = analysis.decisionOf('external_api_circuit_breaker');
    expect(analysis.regionText(decision, 'off')).toBe('{ useCache(); }');
    expect(analysis.regionText(decision, 'on')).toBe('{ callLive(); }');
  });

  it('a reassigned let is not followed as the flag', () => {
    const analysis = analyzeSource(`
      let useNew = isFeatureEnabled(flags.get("new_checkout"), ctx);
      useNew = true;
      if (useNew) { renderNew(); }
    `);
    expect(analysis.decisionsOf('new_checkout')).toEqual([]);
  });
});
