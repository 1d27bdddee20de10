import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../helpers/analyze-source.js';

/*
 * Wrappers: a function whose parameter flows into an accessor's key is itself an accessor; a
 * function returning one flag evaluation with a fixed key makes its calls evaluations of that flag.
 */

describe('key-parameter wrappers', () => {
  const IS_ON = `
    function isOn(name: string): boolean {
      return isFeatureEnabled(flags.get(name), { userId: currentUser.id });
    }
  `;

  it('its call sites are references via the function name; the inner use of the parameter is not', () => {
    const analysis = analyzeSource(`
      ${IS_ON}
      if (isOn('new_checkout')) { renderNew(); } else { renderOld(); }
      const banner = isOn('promo_banner') && <Banner />;
    `);
    expect(analysis.summary()).toEqual([
      { key: 'new_checkout', role: 'evaluate' },
      { key: 'promo_banner', role: 'evaluate' },
    ]);
    expect(analysis.references.map((reference) => reference.via)).toEqual(['isOn', 'isOn']);
    expect(analysis.references.some((reference) => reference.key.kind === 'dynamic')).toBe(false);
  });

  it('its calls are decisions with on and off regions', () => {
    const analysis = analyzeSource(`
      ${IS_ON}
      if (isOn('new_checkout')) { renderNew(); } else { renderOld(); }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe('{ renderNew(); }');
    expect(analysis.regionText(decision, 'off')).toBe('{ renderOld(); }');
  });

  it('the reference is at the key argument of the call', () => {
    const analysis = analyzeSource(`${IS_ON}\nconst x = isOn('new_checkout');`);
    const reference = analysis.referencesOf('new_checkout')[0]!;
    expect(analysis.textOf(reference.range)).toBe("'new_checkout'");
    expect(analysis.textOf(reference.valueRange)).toBe("isOn('new_checkout')");
  });

  it('an arrow function wrapper, keys through constants', () => {
    const analysis = analyzeSource(`
      const FLAGS = { newCheckout: 'new_checkout' } as const;
      const featureOn = (key: string) => isFeatureEnabled(flags.get(key), ctx);
      featureOn(FLAGS.newCheckout);
    `);
    expect(analysis.summary()).toEqual([{ key: 'new_checkout', role: 'evaluate' }]);
    expect(analysis.references[0]!.via).toBe('featureOn');
  });

  it('a wrapper called with an unresolvable key gives a dynamic reference carrying the argument text', () => {
    const analysis = analyzeSource(`
      ${IS_ON}
      export function render(flagName: string, other: string) { return isOn(other + flagName); }
    `);
    expect(analysis.references.map((reference) => [reference.key, reference.via])).toEqual([
      [{ kind: 'dynamic', text: 'other + flagName' }, 'isOn'],
    ]);
  });

  it('a wrapper of a wrapper: the outer function is the accessor its callers go through', () => {
    const analysis = analyzeSource(`
      ${IS_ON}
      function checkoutFlag(name: string) { return isOn(name); }
      if (checkoutFlag('new_checkout')) { renderNew(); }
    `);
    expect(analysis.summary()).toEqual([{ key: 'new_checkout', role: 'evaluate' }]);
    expect(analysis.references[0]!.via).toBe('checkoutFlag');
    expect(analysis.regionText(analysis.decisionOf('new_checkout'), 'on')).toBe('{ renderNew(); }');
  });

  it('a method of a class instance', () => {
    const analysis = analyzeSource(`
      class FeatureService {
        isEnabled(key: string) { return isFeatureEnabled(flags.get(key), this.context); }
        checkoutFlow() { return this.isEnabled('new_checkout') ? 'v2' : 'v1'; }
      }
      const features = new FeatureService();
      if (features.isEnabled('bulk_import')) { importAll(); }
    `);
    expect(analysis.summary()).toEqual([
      { key: 'bulk_import', role: 'evaluate' },
      { key: 'new_checkout', role: 'evaluate' },
    ]);
    expect(analysis.references.every((reference) => reference.via === 'FeatureService.isEnabled')).toBe(true);
  });

  it('an override wrapper forces the state its state argument says', () => {
    const analysis = analyzeSource(
      `
      function forceFlag(name: string, state: boolean) {
        flags.override(name, state);
      }
      it('on', () => { forceFlag('new_checkout', true); });
      it('off', () => { forceFlag('new_checkout', false); });
    `,
      { test: true },
    );
    expect(analysis.summary()).toEqual([
      { key: 'new_checkout', role: 'override', state: 'off' },
      { key: 'new_checkout', role: 'override', state: 'on' },
    ]);
    expect(analysis.references.map((reference) => reference.via)).toEqual(['forceFlag', 'forceFlag']);
  });

  it('a function that uses a parameter but never passes it as a key is not a wrapper', () => {
    const analysis = analyzeSource(`
      function log(name: string) { console.log(name, isFeatureEnabled(flags.get('new_checkout'), ctx)); }
      log('not_a_flag');
    `);
    expect(analysis.summary()).toEqual([{ key: 'new_checkout', role: 'evaluate' }]);
  });
});

describe('fixed-key wrappers', () => {
  const IS_NEW_CHECKOUT = `const isNewCheckout = () => isFeatureEnabled(flags.get('new_checkout'), ctx);`;

  it('its call sites are indirect evaluations of that flag', () => {
    const analysis = analyzeSource(`
      ${IS_NEW_CHECKOUT}
      if (isNewCheckout()) { renderNew(); } else { renderOld(); }
    `);
    const references = analysis.referencesOf('new_checkout');
    expect(references.map((reference) => [reference.via, reference.indirect === true])).toEqual([
      ['isFeatureEnabled(flags.get($KEY), …)', false],
      ['isNewCheckout', true],
    ]);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.conditionText(decision)).toBe('isNewCheckout()');
    expect(analysis.regionText(decision, 'on')).toBe('{ renderNew(); }');
    expect(analysis.regionText(decision, 'off')).toBe('{ renderOld(); }');
  });

  it('a function declaration with one return statement', () => {
    const analysis = analyzeSource(`
      function useExpressPay(): boolean {
        const context = { userId: session.userId };
        return isFeatureEnabled(flags.get('express_pay'), context);
      }
      const Pay = () => (useExpressPay() ? <Express /> : <Card />);
    `);
    const indirect = analysis.referencesOf('express_pay').filter((reference) => reference.indirect);
    expect(indirect.map((reference) => reference.via)).toEqual(['useExpressPay']);
    const decision = analysis.decisionOf('express_pay');
    expect(analysis.regionText(decision, 'on')).toBe('<Express />');
    expect(analysis.regionText(decision, 'off')).toBe('<Card />');
  });

  it("a negated wrapper: its truthy branch is the flag's off path", () => {
    const analysis = analyzeSource(`
      const isLegacyCheckout = () => !isFeatureEnabled(flags.get('new_checkout'), ctx);
      if (isLegacyCheckout()) { renderOld(); } else { renderNew(); }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'off')).toBe('{ renderOld(); }');
    expect(analysis.regionText(decision, 'on')).toBe('{ renderNew(); }');
  });

  it('a wrapper around a key constant', () => {
    const analysis = analyzeSource(`
      enum Flag { NewCheckout = 'new_checkout' }
      const isNewCheckout = () => isFeatureEnabled(flags.get(Flag.NewCheckout), ctx);
      const flow = isNewCheckout() ? 'v2' : 'v1';
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe("'v2'");
    expect(analysis.regionText(decision, 'off')).toBe("'v1'");
  });

  it("a wrapper returning the lookup's field: `() => flags.get(x).enabled`", () => {
    const analysis = analyzeSource(`
      const isNewCheckout = () => flags.get('new_checkout').enabled;
      if (isNewCheckout()) { renderNew(); } else { renderOld(); }
    `);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe('{ renderNew(); }');
    expect(analysis.regionText(decision, 'off')).toBe('{ renderOld(); }');
  });

  it('a wrapper returning an optional field: `() => flags.get(x)?.enabled`', () => {
    const analysis = analyzeSource(`
      const isNewCheckout = () => flags.get('new_checkout')?.enabled;
      if (isNewCheckout()) { renderNew(); } else { renderOld(); }
    `);
    expect(
      analysis
        .referencesOf('new_checkout')
        .filter((reference) => reference.indirect)
        .map((reference) => reference.via),
    ).toEqual(['isNewCheckout']);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe('{ renderNew(); }');
    expect(analysis.regionText(decision, 'off')).toBe('{ renderOld(); }');
  });

  it("a kill-switch wrapper in the article's style: `() => flags.get(x)?.killSwitch` is truthy when off", () => {
    const analysis = analyzeSource(`
      const isCircuitOpen = () => flags.get('external_api_circuit_breaker')?.killSwitch;
      async function callExternalApi(request: ApiRequest) {
        if (isCircuitOpen()) { return getCachedResponse(request); }
        return await externalApi.call(request);
      }
    `);
    const decision = analysis.decisionOf('external_api_circuit_breaker');
    expect(analysis.regionText(decision, 'off')).toBe('{ return getCachedResponse(request); }');
    expect(analysis.regionText(decision, 'on')).toBe('return await externalApi.call(request);');
  });

  it('a wrapper of a fixed-key wrapper', () => {
    const analysis = analyzeSource(`
      ${IS_NEW_CHECKOUT}
      const showExpress = () => isNewCheckout();
      if (showExpress()) { express(); }
    `);
    const indirect = analysis.referencesOf('new_checkout').filter((reference) => reference.indirect);
    expect(indirect.map((reference) => reference.via).sort()).toEqual(['isNewCheckout', 'showExpress']);
    expect(analysis.regionText(analysis.decisionOf('new_checkout'), 'on')).toBe('{ express(); }');
  });

  it('a function returning a dynamic-key evaluation is not a fixed-key wrapper', () => {
    const analysis = analyzeSource(`
      const isCurrent = () => isFeatureEnabled(flags.get(currentFlagName()), ctx);
      if (isCurrent()) { a(); }
    `);
    expect(analysis.references.map((reference) => reference.key)).toEqual([{ kind: 'dynamic', text: 'currentFlagName()' }]);
  });
});
