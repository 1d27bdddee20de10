import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/index.js';
import { evaluation, override, referenceRows, scanFixture, VIA } from '../helpers/scanner-fixtures.js';

/*
 * fixtures/test-coverage: rule 6 of the hygiene article, "test both flag states in your CI/CD
 * pipeline". Tests force flags through flags.override, through a setFlag helper, and by mocking
 * fixed-key wrappers (vi.mocked(isNewCheckout).mockReturnValue(true), vi.spyOn(checks, …)); each
 * is an override reference, in a test file, with the state it forces.
 *
 *   new_checkout    mocked true and spied false            on and off
 *   dark_mode       mockReturnValueOnce(true), mockImplementation(() => false)   on and off
 *   loyalty_points  hideLoyaltyPoints (the negation) mocked false               on only
 *   express_pay     override { enabled: true, rolloutPercentage: 100 }          on only
 *   saved_carts     setFlag(…, { enabled: false }); the dev panel is no test    off only
 *   gift_cards      override { enabled } from it.each: unknown                  neither
 *   search_v2       never forced                                                neither
 */

const FIXTURE = 'test-coverage';

describe('test-state coverage', () => {
  it('every state a test forces is an override reference with that state', async () => {
    const { inventory } = await scanFixture(FIXTURE);
    expect(referenceRows(inventory.references.filter((reference) => reference.test))).toEqual([
      override('test/checkout.test.ts', 19, 5, 'new_checkout', 'on', 'mock of isNewCheckout'),
      override('test/checkout.test.ts', 24, 5, 'new_checkout', 'off', 'mock of isNewCheckout'),
      override('test/checkout.test.ts', 29, 20, 'express_pay', 'on', VIA.override),
      override('test/checkout.test.ts', 34, 5, 'loyalty_points', 'on', 'mock of hideLoyaltyPoints'),
      override('test/checkout.test.ts', 39, 20, 'gift_cards', 'unknown', VIA.override),
      override('test/checkout.test.ts', 44, 13, 'saved_carts', 'off', 'setFlag'),
      override('test/theme.test.ts', 9, 5, 'dark_mode', 'on', 'mock of isDarkMode'),
      override('test/theme.test.ts', 14, 5, 'dark_mode', 'off', 'mock of isDarkMode'),
    ]);
  });

  it('an override outside the test files says nothing about tests', async () => {
    const { inventory } = await scanFixture(FIXTURE);
    expect(referenceRows(inventory.references.filter((reference) => reference.file === 'src/dev/flag-panel.ts'))).toEqual([
      override('src/dev/flag-panel.ts', 5, 18, 'saved_carts', 'on', VIA.override, { test: false }),
    ]);
  });

  it('the evaluations the mocked wrappers stand for', async () => {
    const { inventory } = await scanFixture(FIXTURE);
    expect(referenceRows(inventory.references.filter((reference) => !reference.test && reference.role === 'evaluate'))).toEqual([
      evaluation('src/account/saved-carts.ts', 5, 34, 'saved_carts', VIA.isFeatureEnabled),
      evaluation('src/account/theme.ts', 4, 10, 'dark_mode', 'isDarkMode', { indirect: true }),
      evaluation('src/checkout/checkout.ts', 13, 34, 'express_pay', VIA.isFeatureEnabled),
      evaluation('src/checkout/checkout.ts', 14, 34, 'gift_cards', VIA.isFeatureEnabled),
      evaluation('src/checkout/checkout.ts', 16, 13, 'new_checkout', 'isNewCheckout', { indirect: true }),
      evaluation('src/checkout/checkout.ts', 18, 15, 'loyalty_points', 'hideLoyaltyPoints', { indirect: true }),
      evaluation('src/flags/checks.ts', 9, 79, 'new_checkout', VIA.isFeatureEnabled),
      evaluation('src/flags/checks.ts', 11, 76, 'dark_mode', VIA.isFeatureEnabled),
      evaluation('src/flags/checks.ts', 14, 84, 'loyalty_points', VIA.isFeatureEnabled),
      evaluation('src/search/search.ts', 5, 37, 'search_v2', VIA.isFeatureEnabled),
    ]);
  });

  it('the report tells, per flag, which states the tests force, and names the untested ones', async () => {
    const { inventory, manifest, settings } = await scanFixture(FIXTURE);
    const report = buildReport({ inventory, manifest, today: settings.today, policy: settings.policy, root: settings.root });
    expect(Object.fromEntries(report.flags.map((flag) => [flag.key, flag.testedStates]))).toEqual({
      dark_mode: { on: true, off: true },
      express_pay: { on: true, off: false },
      gift_cards: { on: false, off: false },
      loyalty_points: { on: true, off: false },
      new_checkout: { on: true, off: true },
      saved_carts: { on: false, off: true },
      search_v2: { on: false, off: false },
    });
    expect(
      report.errors
        .filter((error) => error.code === 'untested-state')
        .map((error) => error.message)
        .sort(),
    ).toEqual([
      'no test forces flag "express_pay" off',
      'no test forces flag "gift_cards" on or off',
      'no test forces flag "loyalty_points" off',
      'no test forces flag "saved_carts" on',
      'no test forces flag "search_v2" on or off',
    ]);
  });
});
