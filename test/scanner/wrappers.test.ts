import { describe, expect, it } from 'vitest';
import { evaluation, nestingLine, referenceRows, scanFixture, VIA } from '../helpers/scanner-fixtures.js';

/*
 * fixtures/wrappers: no accessor is configured beyond the seed preset, yet components never call
 * the flag store themselves. useFlag(name) wraps the accessor; useCheckoutFlag(flag) forwards to
 * useFlag, as useAccountFlag does (two levels); isNewCheckout and isDarkMode fix a key; FlagClient.isOn is a method
 * wrapper; a barrel re-exports useFlag as useFeature. Consumers are .ts, .tsx, .jsx, .js, .mjs
 * and .cjs files.
 *
 * A wrapper's call sites are references whose `via` names the wrapper, at the key the call
 * passes; a call of a fixed-key wrapper is an (indirect) reference at the call; the accessor
 * call inside a wrapper, with the parameter as key, is no reference at all.
 */

const FIXTURE = 'wrappers';

async function referencesIn(file: string) {
  const { inventory } = await scanFixture(FIXTURE);
  return referenceRows(inventory.references.filter((reference) => reference.file === file));
}

describe('wrapper functions found without configuration', () => {
  it('a call of a local key wrapper is a reference at its key, via the wrapper', async () => {
    expect(await referencesIn('src/flags/use-flag.ts')).toEqual([evaluation('src/flags/use-flag.ts', 10, 41, 'dark_mode', 'useFlag')]);
  });

  it('the accessor call inside a wrapper, keyed by the parameter, is neither a reference nor a dynamic one', async () => {
    const { inventory } = await scanFixture(FIXTURE);
    expect(inventory.references.filter((reference) => reference.dynamic)).toEqual([]);
    expect(await referencesIn('src/flags/flag-client.ts')).toEqual([]);
    expect(await referencesIn('src/checkout/use-checkout-flag.ts')).toEqual([]);
    expect(await referencesIn('src/account/use-account-flag.ts')).toEqual([]);
  });

  it('a call of an imported key wrapper is a reference at the key it passes', async () => {
    expect(await referencesIn('src/checkout/checkout-flags.ts')).toEqual([
      evaluation('src/checkout/checkout-flags.ts', 3, 44, 'new_checkout', 'useFlag'),
    ]);
  });

  it('a method wrapper of an exported instance (.mjs consumer)', async () => {
    expect(await referencesIn('src/account/bulk-import.mjs')).toEqual([
      evaluation('src/account/bulk-import.mjs', 4, 26, 'bulk_import', 'FlagClient.isOn'),
    ]);
  });

  it('two levels: useAccountFlag forwards its parameter to useFlag', async () => {
    expect(await referencesIn('src/account/AccountMenu.tsx')).toEqual([
      evaluation('src/account/AccountMenu.tsx', 4, 42, 'address_book', 'useAccountFlag'),
    ]);
  });

  it('two levels: useCheckoutFlag forwards its parameter to useFlag (and to an exposure tracker) — .tsx consumer', async () => {
    expect(await referencesIn('src/components/CheckoutButton.tsx')).toEqual([
      evaluation('src/components/CheckoutButton.tsx', 5, 42, 'express_pay', 'useCheckoutFlag'),
      evaluation('src/components/CheckoutButton.tsx', 6, 16, 'new_checkout', 'isNewCheckout', { indirect: true }),
    ]);
  });

  it('two levels, .jsx consumer', async () => {
    expect(await referencesIn('src/components/GiftOptions.jsx')).toEqual([
      evaluation('src/components/GiftOptions.jsx', 4, 24, 'gift_wrap', 'useCheckoutFlag'),
    ]);
  });

  it('a fixed-key wrapper of this file’s own wrapper, called from a .js file, is an indirect reference at the call', async () => {
    expect(await referencesIn('src/components/Theme.js')).toEqual([
      evaluation('src/components/Theme.js', 4, 10, 'dark_mode', 'isDarkMode', { indirect: true }),
    ]);
  });

  it('a wrapper re-exported under another name by a barrel is still the wrapper', async () => {
    expect(await referencesIn('src/components/HolidayBanner.tsx')).toEqual([
      evaluation('src/components/HolidayBanner.tsx', 4, 30, 'holiday_banner', 'useFlag'),
    ]);
  });

  it('a .cjs file: the accessor itself, through require()', async () => {
    expect(await referencesIn('src/legacy/cart.cjs')).toEqual([
      evaluation('src/legacy/cart.cjs', 8, 37, 'legacy_cart', VIA.isFeatureEnabled),
    ]);
  });

  it('a .cjs file: a fixed-key wrapper obtained with require()', async () => {
    expect(await referencesIn('src/legacy/checkout-link.cjs')).toEqual([
      evaluation('src/legacy/checkout-link.cjs', 6, 10, 'new_checkout', 'isNewCheckout', { indirect: true }),
    ]);
  });

  it('a call of a fixed-key wrapper decides on that flag: a flag checked in its branch nests in it', async () => {
    const { inventory } = await scanFixture(FIXTURE);
    expect(await referencesIn('src/checkout/checkout-steps.ts')).toEqual([
      evaluation('src/checkout/checkout-steps.ts', 5, 7, 'new_checkout', 'isNewCheckout', { indirect: true }),
      evaluation('src/checkout/checkout-steps.ts', 7, 20, 'gift_wrap', 'useFlag'),
    ]);
    expect(inventory.nestings.map(nestingLine)).toEqual([
      'new_checkout@src/checkout/checkout-steps.ts:5:7 > gift_wrap@src/checkout/checkout-steps.ts:7:12',
    ]);
  });

  it('files that only define or forward wrappers, or have no flags, hold no reference', async () => {
    const { inventory } = await scanFixture(FIXTURE);
    const files = new Set(inventory.references.map((reference) => reference.file));
    for (const file of [
      'src/flags/store.ts',
      'src/flags/feature-flag.ts',
      'src/flags/session.ts',
      'src/lib/index.ts',
      'src/lib/format-price.ts',
      'src/checkout/exposure.ts',
    ]) {
      expect(files.has(file), file).toBe(false);
    }
    expect(inventory.warnings).toEqual([]);
  });
});
