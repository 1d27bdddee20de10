import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, evaluation, nestingLine, referenceRows, scanDir, scanFixture, VIA } from '../helpers/scanner-fixtures.js';

/*
 * fixtures/cross-file-nesting: the checkout page decides on checkout_redesign, and in the
 * redesigned branch it calls into other files that check other flags:
 *   paymentButtons (src/payments, imported through the folder's barrel) checks express_pay;
 *   orderSummary (src/orders) calls loyaltyBadge (src/loyalty), which checks loyalty_points;
 *   <ShippingNotice> (src/orders) renders through shipments(), which checks split_shipping.
 * confirmation.ts calls shipments() outside any flag's region: shipments() is shared code, so
 * split_shipping is nested in nothing, not even where the redesigned branch renders it.
 *
 * Rule 8 of the hygiene article: never nest flags. A flag checked by a function called in
 * another flag's region is nested in it, wherever that function is written, when every known call
 * path to it passes through that region.
 */

const FIXTURE = 'cross-file-nesting';
const OUTER = 'checkout_redesign@src/checkout/checkout-page.tsx:9:7';

const THROUGH_BARREL = `${OUTER} > express_pay@src/payments/payment-buttons.ts:12:7 through src/payments/payment-buttons.ts#paymentButtons (call src/checkout/checkout-page.tsx:19:10)`;
const TWO_FILES_DEEP =
  `${OUTER} > loyalty_points@src/loyalty/loyalty-badge.ts:5:7 through src/orders/order-summary.ts#orderSummary > src/loyalty/loyalty-badge.ts#loyaltyBadge` +
  ' (call src/checkout/checkout-page.tsx:10:21)';
const RENDERED_COMPONENT =
  `${OUTER} > split_shipping@src/orders/shipping.ts:6:7 through src/orders/ShippingNotice.tsx#ShippingNotice > src/orders/shipping.ts#shipments` +
  ' (call src/checkout/checkout-page.tsx:18:9)';

async function nestings(): Promise<string[]> {
  const { inventory } = await scanFixture(FIXTURE);
  return inventory.nestings.map(nestingLine);
}

describe('nesting across functions and files', () => {
  it('finds the four flag checks where they are written', async () => {
    const { inventory } = await scanFixture(FIXTURE);
    expect(referenceRows(inventory.references)).toEqual([
      evaluation('src/checkout/checkout-page.tsx', 9, 34, 'checkout_redesign', VIA.isFeatureEnabled),
      evaluation('src/loyalty/loyalty-badge.ts', 5, 35, 'loyalty_points', VIA.isFeatureEnabled),
      evaluation('src/orders/shipping.ts', 6, 34, 'split_shipping', VIA.isFeatureEnabled),
      evaluation('src/payments/payment-buttons.ts', 12, 34, 'express_pay', VIA.isFeatureEnabled),
    ]);
  });

  it('a helper imported through a barrel and called in the region', async () => {
    expect(await nestings()).toContain(THROUGH_BARREL);
  });

  it('two files deep: a helper that passes the shopper’s id on to a function that checks a flag', async () => {
    expect(await nestings()).toContain(TWO_FILES_DEEP);
  });

  it('shared code: shipments() is also called by confirmation.ts, outside every region, so its check nests in nothing (issue 16 item 2)', async () => {
    expect(await nestings()).not.toContain(RENDERED_COMPONENT);
  });

  it('nothing else: a check reached from outside every flag region nests in nothing', async () => {
    expect(await nestings()).toEqual([TWO_FILES_DEEP, THROUGH_BARREL]);
  });

  it('a sharded scan keeps the nestings the whole scan keeps: callers are looked for outside the shard too', async () => {
    // In 4 shards, the checkout page and confirmation.ts fall in different shards: shipments() stays shared.
    const shards = await Promise.all(
      ['1/4', '2/4', '3/4', '4/4'].map(async (shard) => (await scanFixture(FIXTURE, { shard })).inventory.nestings.map(nestingLine)),
    );
    expect(shards.flat().sort()).toEqual([THROUGH_BARREL, TWO_FILES_DEEP].sort());
  });

  it('the nesting is the outer file’s: scanning only the checkout page still follows the calls into the other files', async () => {
    const { inventory } = await scanFixture(FIXTURE, { paths: ['src/checkout/checkout-page.tsx'] });
    expect(inventory.nestings.map(nestingLine)).toContain(THROUGH_BARREL);
    expect(referenceRows(inventory.references)).toEqual([
      evaluation('src/checkout/checkout-page.tsx', 9, 34, 'checkout_redesign', VIA.isFeatureEnabled),
    ]);
  });

  it('shared code called through a barrel that names no flag is still shared code', async () => {
    const copy = copyFixture(FIXTURE);
    try {
      // confirmation.ts calls shipments() through src/orders/index.ts, which re-exports it: the
      // caller search must see through a module it has not parsed (src/scanner/candidate-exports.ts).
      writeFileSync(
        join(copy.dir, 'src/orders/index.ts'),
        "export { shipments } from './shipping';\nexport type { OrderLine } from './order-summary';\n",
      );
      writeFileSync(
        join(copy.dir, 'src/checkout/confirmation.ts'),
        "import { shipments, type OrderLine } from '../orders';\n\nexport function confirmationText(userId: string, lines: OrderLine[]): string {\n  return `${shipments(userId, lines).length} parcels`;\n}\n",
      );
      const { inventory } = await scanDir(copy.dir, { cache: false });
      expect(inventory.nestings.map(nestingLine)).toEqual([TWO_FILES_DEEP, THROUGH_BARREL]);
    } finally {
      copy.cleanup();
    }
  });
});
