import { describe, expect, it } from 'vitest';
import { camelCaseKey } from '../../src/detect/key-case.js';
import { applyKeyAliases } from '../../src/detect/resolve.js';
import { analyzeSource, keyName } from '../helpers/analyze-source.js';

describe("camelCaseKey: lodash camelCase, as LaunchDarkly's React SDK v3 keys its useFlags() bag", () => {
  // The table of /tmp/presets-research.md (lodash.camelcase@4.3.0).
  it.each([
    ['new-checkout', 'newCheckout'],
    ['new_checkout', 'newCheckout'],
    ['NEW.checkout', 'newCheckout'],
    ['NEW_CHECKOUT', 'newCheckout'],
    ['newCheckout', 'newCheckout'],
    ['HTMLParser', 'htmlParser'],
    ['new-checkout-v2', 'newCheckoutV2'],
    ['checkout-2fa', 'checkout2Fa'],
    ['abTest-42b', 'abTest42B'],
    ['über-flag', 'uberFlag'],
    ['new:checkout', 'newCheckout'],
    ['new/checkout', 'newCheckout'],
  ])('%s → %s', (key, camel) => {
    expect(camelCaseKey(key)).toBe(camel);
  });

  // Further lodash 4 behaviour (checked against lodash-es 4.18.1's camelCase).
  it.each([
    ['XMLHttpRequest', 'xmlHttpRequest'],
    ['enable2FA', 'enable2Fa'],
    ['__private_flag', 'privateFlag'],
    ['flag.v2.beta', 'flagV2Beta'],
    ['ABC', 'abc'],
    ['iOS-beta', 'iOsBeta'],
  ])('%s → %s', (key, camel) => {
    expect(camelCaseKey(key)).toBe(camel);
  });

  // lodash's word pattern keeps English ordinals (1st, 2nd, 3rd, 4th …) as one word.
  it('ordinals stay one word: 1st-purchase-discount → 1stPurchaseDiscount', () => {
    expect(['1st-purchase-discount', '2nd-chance-offer', 'top-3rd-slot'].map(camelCaseKey)).toEqual([
      '1stPurchaseDiscount',
      '2ndChanceOffer',
      'top3rdSlot',
    ]);
  });
});

describe('applyKeyAliases', () => {
  const REACT_COMPONENT = `
    import { useFlags } from 'launchdarkly-react-client-sdk';
    export function Checkout() {
      const { newCheckout, checkoutButtonColor, unknownFlag } = useFlags();
      return newCheckout ? <New color={checkoutButtonColor} /> : <Old />;
    }
  `;

  it("maps LaunchDarkly's useFlags().newCheckout to the declared key new-checkout, keeping the written key", () => {
    const { references } = analyzeSource(REACT_COMPONENT, { presets: ['launchdarkly'] });
    const aliased = applyKeyAliases(references, ['new-checkout', 'checkout_button_color', 'dark-mode']);
    expect(aliased.map((reference) => [keyName(reference), reference.writtenKey])).toEqual([
      ['new-checkout', 'newCheckout'],
      ['checkout_button_color', 'checkoutButtonColor'],
      ['unknownFlag', undefined],
    ]);
  });

  it('does not map when two declared keys share the camelCase form', () => {
    const { references } = analyzeSource(REACT_COMPONENT, { presets: ['launchdarkly'] });
    const aliased = applyKeyAliases(references, ['new-checkout', 'new_checkout']);
    expect(keyName(aliased[0]!)).toBe('newCheckout');
    expect(aliased[0]!.writtenKey).toBeUndefined();
  });

  it('leaves exact-case references alone, even when a declared key camelCases to them', () => {
    const { references } = analyzeSource(`flags.get('newCheckout');`);
    const aliased = applyKeyAliases(references, ['new-checkout']);
    expect(keyName(aliased[0]!)).toBe('newCheckout');
  });

  it("maps jest-launchdarkly-mock's keys in any case", () => {
    const { references } = analyzeSource(`mockFlags({ newCheckout: true, 'dark-mode': false });`, {
      presets: ['launchdarkly'],
      test: true,
    });
    const aliased = applyKeyAliases(references, ['new-checkout', 'dark-mode']);
    expect(aliased.map((reference) => [keyName(reference), reference.state])).toEqual([
      ['new-checkout', 'on'],
      ['dark-mode', 'off'],
    ]);
  });
});
