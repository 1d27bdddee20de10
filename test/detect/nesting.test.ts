import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../helpers/analyze-source.js';

/*
 * "Never nest flags": resolveFacts pairs each decision with the innermost decision of another flag
 * whose region holds it, directly or through helper functions of the same file.
 */

const A = `isFeatureEnabled(flags.get('flag_a'), ctx)`;
const B = `isFeatureEnabled(flags.get('flag_b'), ctx)`;
const C = `isFeatureEnabled(flags.get('flag_c'), ctx)`;

describe('nesting of decisions', () => {
  it('an if inside the on branch of another flag', () => {
    const analysis = analyzeSource(`
      if (${A}) {
        if (${B}) { both(); }
      }
    `);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b']);
    const [nesting] = analysis.nestings;
    const outer = analysis.decisions.find((decision) => decision.id === nesting!.outer)!;
    expect(outer.regions[nesting!.regionIndex]!.state).toBe('on');
    expect(nesting!.through).toEqual([]);
  });

  it('an if inside the off branch', () => {
    const analysis = analyzeSource(`
      if (${A}) { a(); } else {
        if (${B}) { b(); }
      }
    `);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b']);
    const [nesting] = analysis.nestings;
    const outer = analysis.decisions.find((decision) => decision.id === nesting!.outer)!;
    expect(outer.regions[nesting!.regionIndex]!.state).toBe('off');
  });

  it('`a && b` in one condition: b is checked only when a is on', () => {
    const analysis = analyzeSource(`if (${A} && ${B}) { both(); }`);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b']);
  });

  it('`a && b` through decision variables, as the article warns against', () => {
    const analysis = analyzeSource(`
      const useA = ${A};
      const useB = ${B};
      if (useA && useB) { both(); }
    `);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b']);
  });

  it('`a && b` held in one decision variable: `const show = a && b; if (show) …`', () => {
    const analysis = analyzeSource(`
      const show = ${A} && ${B};
      if (show) { both(); }
    `);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b']);
  });

  it("else-if: the second flag is checked in the first one's off region", () => {
    const analysis = analyzeSource(`if (${A}) { a(); } else if (${B}) { b(); } else { c(); }`);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b']);
    const [nesting] = analysis.nestings;
    const outer = analysis.decisions.find((decision) => decision.id === nesting!.outer)!;
    expect(outer.regions[nesting!.regionIndex]!.state).toBe('off');
  });

  it('a guard: a flag checked after `if (!a) return;`', () => {
    const analysis = analyzeSource(`
      function checkout() {
        if (!${A}) return;
        if (${B}) { express(); }
      }
    `);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b']);
  });

  it('nested ternaries', () => {
    const analysis = analyzeSource(`const flow = ${A} ? (${B} ? 'ab' : 'a') : 'none';`);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b']);
  });

  it('nested JSX conditionals', () => {
    const analysis = analyzeSource(`
      export function Page() {
        return <main>{${A} && <section>{${B} ? <New /> : <Old />}</section>}</main>;
      }
    `);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b']);
  });

  it('three levels: each inner decision pairs with its innermost outer one', () => {
    const analysis = analyzeSource(`
      if (${A}) {
        if (${B}) {
          if (${C}) { all(); }
        }
      }
    `);
    expect(analysis.nestingPairs().sort()).toEqual(['flag_a > flag_b', 'flag_b > flag_c']);
  });

  it('a same-file helper called in a flag region: `through` names it', () => {
    const analysis = analyzeSource(`
      function renderCheckout() {
        if (${B}) { return express(); }
        return classic();
      }
      export function page() {
        if (${A}) { return renderCheckout(); }
        return legacy();
      }
    `);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b via renderCheckout']);
    const [nesting] = analysis.nestings;
    expect(analysis.textOf(nesting!.callRange!)).toBe('renderCheckout()');
    expect(nesting!.callLoc).toMatchObject({ line: 7 });
  });

  it('a helper declared after its use (hoisted)', () => {
    const analysis = analyzeSource(`
      export function page() {
        if (${A}) { return renderCheckout(); }
        return legacy();
      }
      function renderCheckout() { return ${B} ? express() : classic(); }
    `);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b via renderCheckout']);
  });

  it('a method of the same class called through this', () => {
    const analysis = analyzeSource(`
      class CheckoutPage {
        render() { return ${A} ? this.checkout() : null; }
        checkout() { return ${B} ? 'express' : 'classic'; }
      }
    `);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b via CheckoutPage.checkout']);
  });

  it('a flag checked in the children of a JSX flag component', () => {
    const analysis = analyzeSource(
      `export const Pay = () => <IfFeatureEnabled feature="flag_a"><Panel>{${B} && <Express />}</Panel></IfFeatureEnabled>;`,
      { presets: ['seed'], accessors: ['<IfFeatureEnabled feature={$KEY} />'] },
    );
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b']);
  });

  it('helpers two deep: `through` lists them outermost first', () => {
    const analysis = analyzeSource(`
      const chooseButton = () => (${B} ? 'express' : 'classic');
      function renderCheckout() { return chooseButton(); }
      export function page() {
        return ${A} ? renderCheckout() : legacy();
      }
    `);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b via renderCheckout > chooseButton']);
  });

  it('the same flag checked twice is not a nesting', () => {
    const analysis = analyzeSource(`
      if (${A}) {
        if (${A}) { again(); }
      }
    `);
    expect(analysis.nestings).toEqual([]);
  });

  it('two flags checked one after the other are not nested', () => {
    const analysis = analyzeSource(`
      function f() {
        if (${A}) { a(); }
        if (${B}) { b(); }
      }
    `);
    expect(analysis.nestings).toEqual([]);
  });

  it('a helper called outside any flag region is not a nesting', () => {
    const analysis = analyzeSource(`
      function renderCheckout() { return ${B} ? express() : classic(); }
      export function page() {
        if (${A}) { banner(); }
        return renderCheckout();
      }
    `);
    expect(analysis.nestings).toEqual([]);
  });

  it('an `a || b` condition checks b only when a is off', () => {
    const analysis = analyzeSource(`if (${A} || ${B}) { either(); }`);
    expect(analysis.nestingPairs()).toEqual(['flag_a > flag_b']);
    const [nesting] = analysis.nestings;
    const outer = analysis.decisions.find((decision) => decision.id === nesting!.outer)!;
    expect(outer.regions[nesting!.regionIndex]!.state).toBe('off');
  });
});
