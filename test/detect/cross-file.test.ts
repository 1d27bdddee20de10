import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyName, writeProject, type Project } from '../helpers/analyze-source.js';

/*
 * Keys and wrappers across files: resolveFacts follows imports and re-exports through the
 * module graph, over small projects written to a temporary folder.
 */

const projects: Project[] = [];

function project(files: Record<string, string>, options: Parameters<typeof writeProject>[1] = {}): Project {
  const created = writeProject(files, options);
  projects.push(created);
  return created;
}

afterEach(() => {
  for (const created of projects.splice(0)) created.cleanup();
});

const KEYS_MODULE = `
  export const NEW_CHECKOUT = 'new_checkout';
  export const FLAGS = { darkMode: 'dark_mode', checkout: { v2: 'checkout_v2' } } as const;
  export enum Flag { Beta = 'beta_banner' }
  export const FROZEN = Object.freeze({ promo: 'promo_banner' });
  export const MUTABLE = { legacy: 'legacy_flag' };
  const LOCAL = 'renamed_flag';
  export { LOCAL as RENAMED };
  export default 'default_flag';
`;

describe('imported keys', () => {
  it('consts, as-const objects, enums, frozen objects, renamed and default exports', () => {
    const { analyze } = project({
      'src/flags.ts': KEYS_MODULE,
      'src/app.ts': `
        import DEFAULT_KEY, { NEW_CHECKOUT, FLAGS, Flag, FROZEN, RENAMED } from './flags';
        flags.get(NEW_CHECKOUT);
        flags.get(FLAGS.darkMode);
        flags.get(FLAGS.checkout.v2);
        flags.get(Flag.Beta);
        flags.get(FROZEN.promo);
        flags.get(RENAMED);
        flags.get(DEFAULT_KEY);
      `,
    });
    expect(analyze('src/app.ts').references.map(keyName)).toEqual([
      'new_checkout',
      'dark_mode',
      'checkout_v2',
      'beta_banner',
      'promo_banner',
      'renamed_flag',
      'default_flag',
    ]);
  });

  it('a property of a plain mutable object imported from another file stays dynamic, with its text', () => {
    const { analyze } = project({
      'src/flags.ts': KEYS_MODULE,
      'src/app.ts': `import { MUTABLE } from './flags';\nflags.get(MUTABLE.legacy);`,
    });
    expect(analyze('src/app.ts').references.map((reference) => reference.key)).toEqual([{ kind: 'dynamic', text: 'MUTABLE.legacy' }]);
  });

  it('a name the module does not export stays dynamic', () => {
    const { analyze } = project({
      'src/flags.ts': KEYS_MODULE,
      'src/app.ts': `import { MISSING } from './flags';\nflags.get(MISSING);`,
    });
    expect(analyze('src/app.ts').references.map((reference) => reference.key)).toEqual([{ kind: 'dynamic', text: 'MISSING' }]);
  });

  it('a namespace import', () => {
    const { analyze } = project({
      'src/flags.ts': KEYS_MODULE,
      'src/app.ts': `import * as keys from './flags';\nflags.get(keys.NEW_CHECKOUT);\nflags.get(keys.FLAGS.darkMode);`,
    });
    expect(analyze('src/app.ts').references.map(keyName)).toEqual(['new_checkout', 'dark_mode']);
  });

  it('re-exports: export * and export { x as y } from, over several hops', () => {
    const { analyze } = project({
      'src/flags.ts': KEYS_MODULE,
      'src/keys/index.ts': `
        export * from '../flags';
        export { NEW_CHECKOUT as CHECKOUT_KEY } from '../flags';
      `,
      'src/barrel.ts': `export * from './keys';`,
      'src/app.ts': `
        import { FLAGS, CHECKOUT_KEY, Flag } from './barrel';
        flags.get(FLAGS.checkout.v2);
        flags.get(CHECKOUT_KEY);
        flags.get(Flag.Beta);
      `,
    });
    expect(analyze('src/app.ts').references.map(keyName)).toEqual(['checkout_v2', 'new_checkout', 'beta_banner']);
  });

  it('a namespace re-export: export * as ns from', () => {
    const { analyze } = project({
      'src/flags.ts': KEYS_MODULE,
      'src/keys.ts': `export * as all from './flags';`,
      'src/app.ts': `import { all } from './keys';\nflags.get(all.FROZEN.promo);\nflags.get(all.NEW_CHECKOUT);`,
    });
    expect(analyze('src/app.ts').references.map(keyName)).toEqual(['promo_banner', 'new_checkout']);
  });

  it("a namespace re-export reached through another module's export *", () => {
    const { analyze } = project({
      'src/flags.ts': KEYS_MODULE,
      'src/keys.ts': `export * as all from './flags';`,
      'src/barrel.ts': `export * from './keys';`,
      'src/app.ts': `import { all } from './barrel';\nflags.get(all.NEW_CHECKOUT);`,
    });
    expect(analyze('src/app.ts').references.map(keyName)).toEqual(['new_checkout']);
  });

  it('a const re-exported after import, and a constant built from an imported one', () => {
    const { analyze } = project({
      'src/flags.ts': KEYS_MODULE,
      'src/checkout/keys.ts': `
        import { NEW_CHECKOUT } from '../flags';
        export const CHECKOUT = { flag: NEW_CHECKOUT } as const;
        export { NEW_CHECKOUT };
      `,
      'src/app.ts': `import { CHECKOUT, NEW_CHECKOUT } from './checkout/keys';\nflags.get(CHECKOUT.flag);\nflags.get(NEW_CHECKOUT);`,
    });
    expect(analyze('src/app.ts').references.map(keyName)).toEqual(['new_checkout', 'new_checkout']);
  });

  it('a tsconfig paths alias', () => {
    const { analyze } = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }),
      'src/flags.ts': KEYS_MODULE,
      'src/app.ts': `import { NEW_CHECKOUT } from '@/flags';\nflags.get(NEW_CHECKOUT);`,
    });
    expect(analyze('src/app.ts').references.map(keyName)).toEqual(['new_checkout']);
  });

  it('an ESM import with a .js extension of a .ts file', () => {
    const { analyze } = project({
      'src/flags.ts': KEYS_MODULE,
      'src/app.ts': `import { NEW_CHECKOUT } from './flags.js';\nflags.get(NEW_CHECKOUT);`,
    });
    expect(analyze('src/app.ts').references.map(keyName)).toEqual(['new_checkout']);
  });

  it('sees an edit of the imported module', () => {
    const created = project({
      'src/flags.ts': `export const NEW_CHECKOUT = 'new_checkout';`,
      'src/app.ts': `import { NEW_CHECKOUT } from './flags';\nflags.get(NEW_CHECKOUT);`,
    });
    expect(created.analyze('src/app.ts').references.map(keyName)).toEqual(['new_checkout']);
    writeFileSync(join(created.root, 'src/flags.ts'), `export const NEW_CHECKOUT = 'checkout_v3_renamed';`);
    expect(created.analyze('src/app.ts').references.map(keyName)).toEqual(['checkout_v3_renamed']);
  });
});

const FEATURE_MODULE = `
  import { flags, isFeatureEnabled } from './store';
  import { currentUser } from './session';

  export function isOn(name: string): boolean {
    return isFeatureEnabled(flags.get(name), { userId: currentUser().id });
  }

  export const isNewCheckout = () => isFeatureEnabled(flags.get('new_checkout'), { userId: currentUser().id });

  export const features = {
    enabled(name: string) { return isFeatureEnabled(flags.get(name), { userId: currentUser().id }); },
  };
`;

const SUPPORT = {
  'src/store.ts': `export const flags = createFlagStore([]);\nexport function isFeatureEnabled(flag: unknown, context: unknown): boolean { return Boolean(flag && context); }`,
  'src/session.ts': `export const currentUser = () => ({ id: 'u1' });`,
  'src/format.ts': `export function formatPrice(cents: number) { return (cents / 100).toFixed(2); }`,
};

describe('imported wrappers', () => {
  it('a key-parameter wrapper: its calls are references via its name, with decisions', () => {
    const { analyze } = project({
      ...SUPPORT,
      'src/feature.ts': FEATURE_MODULE,
      'src/app.ts': `
        import { isOn } from './feature';
        import { formatPrice } from './format';
        import { NEW_CHECKOUT } from './keys';
        export function checkout(cart: Cart) {
          if (isOn('express_pay')) { return expressPay(cart); }
          const total = formatPrice(cart.total);
          return isOn(NEW_CHECKOUT) ? newCheckout(total) : legacyCheckout(total);
        }
      `,
      'src/keys.ts': `export const NEW_CHECKOUT = 'new_checkout';`,
    });
    const analysis = analyze('src/app.ts');
    expect(analysis.summary()).toEqual([
      { key: 'express_pay', role: 'evaluate' },
      { key: 'new_checkout', role: 'evaluate' },
    ]);
    expect(analysis.references.map((reference) => reference.via)).toEqual(['isOn', 'isOn']);
    const pay = analysis.decisionOf('express_pay');
    expect(analysis.regionText(pay, 'on')).toBe('{ return expressPay(cart); }');
    expect(analysis.regionText(pay, 'off')).toBe(
      'const total = formatPrice(cart.total); return isOn(NEW_CHECKOUT) ? newCheckout(total) : legacyCheckout(total);',
    );
    const checkout = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(checkout, 'on')).toBe('newCheckout(total)');
    expect(analysis.regionText(checkout, 'off')).toBe('legacyCheckout(total)');
  });

  it('the wrapper module itself has no dynamic reference for the parameter', () => {
    const { analyze } = project({ ...SUPPORT, 'src/feature.ts': FEATURE_MODULE });
    expect(analyze('src/feature.ts').summary()).toEqual([{ key: 'new_checkout', role: 'evaluate' }]);
  });

  it('a fixed-key wrapper: its calls are indirect evaluations of that flag', () => {
    const { analyze } = project({
      ...SUPPORT,
      'src/feature.ts': FEATURE_MODULE,
      'src/page.tsx': `
        import { isNewCheckout } from './feature';
        export const Page = () => (isNewCheckout() ? <CheckoutV2 /> : <CheckoutV1 />);
      `,
    });
    const analysis = analyze('src/page.tsx');
    expect(analysis.references.map((reference) => [keyName(reference), reference.via, reference.indirect])).toEqual([
      ['new_checkout', 'isNewCheckout', true],
    ]);
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'on')).toBe('<CheckoutV2 />');
    expect(analysis.regionText(decision, 'off')).toBe('<CheckoutV1 />');
  });

  it('a method of an exported object', () => {
    const { analyze } = project({
      ...SUPPORT,
      'src/feature.ts': FEATURE_MODULE,
      'src/app.ts': `import { features } from './feature';\nif (features.enabled('bulk_import')) { importAll(); }`,
    });
    const analysis = analyze('src/app.ts');
    expect(analysis.summary()).toEqual([{ key: 'bulk_import', role: 'evaluate' }]);
    expect(analysis.regionText(analysis.decisionOf('bulk_import'), 'on')).toBe('{ importAll(); }');
  });

  it('two levels deep: a wrapper in one file forwarding to a wrapper in another', () => {
    const { analyze } = project({
      ...SUPPORT,
      'src/feature.ts': FEATURE_MODULE,
      'src/checkout/flags.ts': `
        import { isOn } from '../feature';
        export const checkoutFlag = (name: string) => isOn(name);
      `,
      'src/checkout/page.ts': `
        import { checkoutFlag } from './flags';
        export function page() {
          if (!checkoutFlag('new_checkout')) return legacyPage();
          return newPage();
        }
      `,
    });
    const analysis = analyze('src/checkout/page.ts');
    expect(analysis.summary()).toEqual([{ key: 'new_checkout', role: 'evaluate' }]);
    expect(analysis.references[0]!.via).toBe('checkoutFlag');
    const decision = analysis.decisionOf('new_checkout');
    expect(analysis.regionText(decision, 'off')).toBe('return legacyPage();');
    expect(analysis.regionText(decision, 'on')).toBe('return newPage();');
    // The forwarding wrapper's own call is not a reference of a key.
    expect(analyze('src/checkout/flags.ts').references).toEqual([]);
  });

  it('two levels deep: a fixed-key wrapper built on an imported key-parameter wrapper', () => {
    const { analyze } = project({
      ...SUPPORT,
      'src/feature.ts': FEATURE_MODULE,
      'src/checkout/flags.ts': `
        import { isOn } from '../feature';
        export const isExpressPay = () => isOn('express_pay');
      `,
      'src/checkout/page.tsx': `
        import { isExpressPay } from './flags';
        export const Pay = () => (isExpressPay() ? <ExpressPay /> : <CardPay />);
      `,
    });
    expect(analyze('src/checkout/flags.ts').summary()).toEqual([{ key: 'express_pay', role: 'evaluate' }]);
    const analysis = analyze('src/checkout/page.tsx');
    expect(analysis.references.map((reference) => [keyName(reference), reference.via, reference.indirect])).toEqual([
      ['express_pay', 'isExpressPay', true],
    ]);
    const decision = analysis.decisionOf('express_pay');
    expect(analysis.regionText(decision, 'on')).toBe('<ExpressPay />');
    expect(analysis.regionText(decision, 'off')).toBe('<CardPay />');
  });

  it('a wrapper re-exported through a barrel', () => {
    const { analyze } = project({
      ...SUPPORT,
      'src/feature.ts': FEATURE_MODULE,
      'src/index.ts': `export * from './feature';\nexport { isOn as flagOn } from './feature';`,
      'src/app.ts': `import { flagOn, isOn } from './index';\nflagOn('a_flag');\nisOn('b_flag');`,
    });
    expect(analyze('src/app.ts').summary()).toEqual([
      { key: 'a_flag', role: 'evaluate' },
      { key: 'b_flag', role: 'evaluate' },
    ]);
  });

  it('an override wrapper imported into a test file forces the state it is given', () => {
    const { analyze } = project({
      ...SUPPORT,
      'test/support/flags.ts': `
        import { flags } from '../../src/store';
        export function forceFlag(name: string, state: boolean) { flags.override(name, state); }
      `,
      'test/checkout.test.ts': `
        import { forceFlag } from './support/flags';
        it('on', () => { forceFlag('new_checkout', true); });
        it('off', () => { forceFlag('new_checkout', false); });
      `,
    });
    const analysis = analyze('test/checkout.test.ts');
    expect(analysis.summary()).toEqual([
      { key: 'new_checkout', role: 'override', state: 'off' },
      { key: 'new_checkout', role: 'override', state: 'on' },
    ]);
    expect(analysis.references.map((reference) => reference.via)).toEqual(['forceFlag', 'forceFlag']);
  });

  it('calls of imported functions that are not wrappers are not references', () => {
    const { analyze } = project({
      ...SUPPORT,
      'src/app.ts': `import { formatPrice } from './format';\nimport { currentUser } from './session';\nif (formatPrice(100)) { currentUser(); }`,
    });
    const analysis = analyze('src/app.ts');
    expect(analysis.references).toEqual([]);
    expect(analysis.decisions).toEqual([]);
  });
});
