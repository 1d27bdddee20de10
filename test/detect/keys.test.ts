import { parse } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/detect/analyze.js';
import { analyzeSource, indexFor, keyName } from '../helpers/analyze-source.js';

/** The keys the seed preset finds in a snippet, in source order. */
function keysIn(code: string, options: { jsx?: boolean } = {}): string[] {
  return analyzeSource(code, options).references.map(keyName);
}

describe('key resolution: literals', () => {
  it('a string literal, in either quotes', () => {
    expect(keysIn(`flags.get('single'); flags.get("double");`)).toEqual(['single', 'double']);
  });

  it('a template without expressions', () => {
    expect(keysIn('flags.get(`new_checkout`);')).toEqual(['new_checkout']);
  });

  it('a template with an expression is dynamic, carrying its text', () => {
    const analysis = analyzeSource('flags.get(`checkout_${variant}`);');
    expect(analysis.references[0]!.key).toEqual({ kind: 'dynamic', text: '`checkout_${variant}`' });
  });

  it("a dynamic key's text has its whitespace collapsed and is cut at 120 characters, however long the expression", () => {
    const keyOf = (expression: string) => analyzeSource(`flags.get(${expression});`).references[0]!.key;
    expect(keyOf('pick(\n    a,\n\t  b)')).toEqual({ kind: 'dynamic', text: 'pick( a, b)' });
    // Whitespace runs that shrink a long expression below the cut, or leave it above.
    const spread = (width: number) => `pick(${Array.from({ length: 40 }, (_, i) => `n${i}`).join(`,${' '.repeat(width)}`)})`;
    const collapsed = `pick(${Array.from({ length: 40 }, (_, i) => `n${i}`).join(', ')})`;
    expect(collapsed.length).toBeGreaterThan(120);
    for (const width of [1, 30]) {
      expect(keyOf(spread(width))).toEqual({ kind: 'dynamic', text: `${collapsed.slice(0, 119)}…` });
    }
    const fewNames = `pick(a,${' '.repeat(600)}b)`;
    expect(keyOf(fewNames)).toEqual({ kind: 'dynamic', text: 'pick(a, b)' });
  });

  it('a key behind a type assertion is still the literal', () => {
    expect(keysIn(`flags.get('new_checkout' as FlagKey); flags.get(<FlagKey>'beta');`, { jsx: false })).toEqual(['new_checkout', 'beta']);
  });
});

describe('key resolution: constants', () => {
  it('a const binding, and a const bound to another const', () => {
    expect(
      keysIn(`
        const NEW_CHECKOUT = 'new_checkout';
        const ALIAS = NEW_CHECKOUT;
        flags.get(NEW_CHECKOUT);
        flags.get(ALIAS);
      `),
    ).toEqual(['new_checkout', 'new_checkout']);
  });

  it('a const in an enclosing function scope; a shadowing parameter-free local wins', () => {
    expect(
      keysIn(`
        const KEY = 'outer';
        function f() {
          const KEY = 'inner';
          return flags.get(KEY);
        }
        function g() { return flags.get(KEY); }
      `),
    ).toEqual(['inner', 'outer']);
  });

  it('a let that is reassigned is dynamic, never its first value', () => {
    const analysis = analyzeSource(`
      let key = 'first';
      if (cond) key = 'second';
      flags.get(key);
    `);
    expect(analysis.references[0]!.key).toEqual({ kind: 'dynamic', text: 'key' });
  });

  it('an unknown global is dynamic', () => {
    expect(analyzeSource('flags.get(FLAG_FROM_NOWHERE);').references[0]!.key).toEqual({ kind: 'dynamic', text: 'FLAG_FROM_NOWHERE' });
  });

  it('a call result is dynamic, carrying the call text', () => {
    expect(analyzeSource('flags.get(keyFor(user));').references[0]!.key).toEqual({ kind: 'dynamic', text: 'keyFor(user)' });
  });
});

describe('key resolution: enums', () => {
  it('a string enum member, by dot and by bracket', () => {
    expect(
      keysIn(
        `
        enum Flag { NewCheckout = 'new_checkout', Beta = 'beta_banner' }
        flags.get(Flag.NewCheckout);
        flags.get(Flag['Beta']);
      `,
        { jsx: false },
      ),
    ).toEqual(['new_checkout', 'beta_banner']);
  });

  it('a numeric enum member is not a flag key: dynamic', () => {
    const analysis = analyzeSource(`enum Flag { A, B } flags.get(Flag.A);`);
    expect(analysis.references[0]!.key).toEqual({ kind: 'dynamic', text: 'Flag.A' });
  });
});

describe('key resolution: objects', () => {
  it('an `as const` object, by dot, by bracket and nested', () => {
    expect(
      keysIn(`
        const FLAGS = { newCheckout: 'new_checkout', checkout: { v2: 'checkout_v2' } } as const;
        flags.get(FLAGS.newCheckout);
        flags.get(FLAGS['newCheckout']);
        flags.get(FLAGS.checkout.v2);
      `),
    ).toEqual(['new_checkout', 'new_checkout', 'checkout_v2']);
  });

  it('an `as const satisfies` object', () => {
    expect(
      keysIn(`
        const FLAGS = { darkMode: 'dark_mode' } as const satisfies Record<string, string>;
        flags.get(FLAGS.darkMode);
      `),
    ).toEqual(['dark_mode']);
  });

  it('an Object.freeze object literal', () => {
    expect(
      keysIn(`
        const FLAGS = Object.freeze({ promo: 'promo_banner' });
        flags.get(FLAGS.promo);
      `),
    ).toEqual(['promo_banner']);
  });

  it('a const destructured from an `as const` object', () => {
    expect(
      keysIn(`
        const FLAGS = { newCheckout: 'new_checkout' } as const;
        const { newCheckout } = FLAGS;
        flags.get(newCheckout);
      `),
    ).toEqual(['new_checkout']);
  });

  it('a plain mutable object is not resolved: the key is dynamic with the expression text', () => {
    const analysis = analyzeSource(`
      const FLAGS = { newCheckout: 'new_checkout' };
      flags.get(FLAGS.newCheckout);
    `);
    expect(analysis.references[0]!.key).toEqual({ kind: 'dynamic', text: 'FLAGS.newCheckout' });
  });

  it('a property that an `as const` object does not have is dynamic', () => {
    const analysis = analyzeSource(`
      const FLAGS = { newCheckout: 'new_checkout' } as const;
      flags.get(FLAGS.oldCheckout);
    `);
    expect(analysis.references[0]!.key).toEqual({ kind: 'dynamic', text: 'FLAGS.oldCheckout' });
  });

  it('a computed member with a variable index is dynamic', () => {
    const analysis = analyzeSource(`
      const FLAGS = { a: 'flag_a', b: 'flag_b' } as const;
      flags.get(FLAGS[which]);
    `);
    expect(analysis.references[0]!.key).toEqual({ kind: 'dynamic', text: 'FLAGS[which]' });
  });
});

describe('key resolution: imports without a module graph', () => {
  it('an imported constant stays dynamic when no graph can resolve it, never guessed', () => {
    const analysis = analyzeSource(`
      import { NEW_CHECKOUT } from './flags';
      flags.get(NEW_CHECKOUT);
    `);
    expect(analysis.facts.references[0]!.key).toEqual({ kind: 'imported', source: './flags', name: 'NEW_CHECKOUT', path: [] });
    expect(analysis.references[0]!.key).toEqual({ kind: 'dynamic', text: 'NEW_CHECKOUT' });
  });

  it('a property of an imported object records its path for the graph', () => {
    const analysis = analyzeSource(`
      import * as keys from './flags';
      import { FLAGS } from './flags';
      flags.get(keys.NEW_CHECKOUT);
      flags.get(FLAGS.checkout.v2);
    `);
    expect(analysis.facts.references.map((reference) => reference.key)).toEqual([
      { kind: 'imported', source: './flags', name: 'NEW_CHECKOUT', path: [] },
      { kind: 'imported', source: './flags', name: 'FLAGS', path: ['checkout', 'v2'] },
    ]);
  });
});

describe('key resolution: with type information', () => {
  it('an expression of a single string-literal type is that key', () => {
    const code = `declare const key: 'typed_key'; flags.get(key); flags.get(other);`;
    const program = parse(code, { range: true, loc: true, jsx: false });
    const facts = analyzeFile(program, {
      index: indexFor({}),
      test: false,
      text: code,
      stringLiteralTypeOf: (node) => (node.type === 'Identifier' && node.name === 'key' ? 'typed_key' : undefined),
    });
    expect(facts.references.map((reference) => reference.key)).toEqual([
      { kind: 'static', key: 'typed_key' },
      { kind: 'dynamic', text: 'other' },
    ]);
  });
});

describe('references: where and what', () => {
  it("the position is the key's, 1-based, and keyText is the key as written", () => {
    const analysis = analyzeSource(`const NEW = 'new_checkout';\nif (flags.get(NEW)?.enabled) run();`);
    const [reference] = analysis.references;
    expect(reference).toMatchObject({ keyText: 'NEW', loc: { line: 2, column: 15, endLine: 2, endColumn: 18 }, via: 'flags.get($KEY)' });
    expect(analysis.textOf(reference!.valueRange)).toBe('flags.get(NEW)');
  });

  it('`isFeatureEnabled(flags.get(x), ctx)` is one reference (the outer evaluation), not two', () => {
    const analysis = analyzeSource(`isFeatureEnabled(flags.get('new_checkout'), { userId });`);
    expect(analysis.references).toHaveLength(1);
    expect(analysis.references[0]!.via).toBe('isFeatureEnabled(flags.get($KEY), …)');
    expect(analysis.textOf(analysis.references[0]!.valueRange)).toBe("isFeatureEnabled(flags.get('new_checkout'), { userId })");
  });

  it('a file with no accessor has no references', () => {
    const analysis = analyzeSource(`const flags = new Map(); map.get('x'); settings.get('y');`);
    expect(analysis.references).toEqual([]);
  });
});
