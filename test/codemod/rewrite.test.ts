import { describe, expect, it } from 'vitest';
import type { KeptBranch } from '../../src/codemod/rewrite-file.js';
import { code, removeInSource } from '../helpers/remove-in-source.js';

const on = (source: string, key = 'x') => removeInSource(source, key, 'on').after;
const off = (source: string, key = 'x') => removeInSource(source, key, 'off').after;

describe('if / else', () => {
  const source = code`
    export function price(ctx: Ctx) {
      if (isFeatureEnabled(flags.get('x'), ctx)) {
        // the new formula
        return next(ctx);
      } else {
        return legacy(ctx);
      }
    }
  `;

  it('keeps the consequent when kept on, with its comment, one level less indented', () => {
    expect(on(source)).toBe(code`
      export function price(ctx: Ctx) {
        // the new formula
        return next(ctx);
      }
    `);
  });

  it('keeps the alternate when kept off', () => {
    expect(off(source)).toBe(code`
      export function price(ctx: Ctx) {
        return legacy(ctx);
      }
    `);
  });

  it('an if without else disappears when kept off', () => {
    const input = code`
      export function run() {
        prepare();
        if (isFeatureEnabled(flags.get('x'), ctx)) {
          extra();
        }
        finish();
      }
    `;
    expect(off(input)).toBe(code`
      export function run() {
        prepare();
        finish();
      }
    `);
  });

  it('an else-if on the flag collapses into the chain', () => {
    const input = code`
      export function pick(kind: string) {
        if (kind === 'a') {
          return 1;
        } else if (isFeatureEnabled(flags.get('x'), ctx)) {
          return 2;
        } else {
          return 3;
        }
      }
    `;
    expect(on(input)).toBe(code`
      export function pick(kind: string) {
        if (kind === 'a') {
          return 1;
        } else {
          return 2;
        }
      }
    `);
  });

  it('keeps braces when unwrapping would let a declaration collide with a name around it', () => {
    const input = code`
      export function run(total: number) {
        if (isFeatureEnabled(flags.get('x'), ctx)) {
          const total = 2;
          use(total);
        }
        report(total);
      }
    `;
    expect(on(input)).toBe(code`
      export function run(total: number) {
        {
          const total = 2;
          use(total);
        }
        report(total);
      }
    `);
  });
});

describe('early-return guards', () => {
  const source = code`
    export function checkout(cart: Cart) {
      if (!isFeatureEnabled(flags.get('x'), ctx)) return legacyCheckout(cart);
      const total = sum(cart);
      return newCheckout(cart, total);
    }
  `;

  it('kept on: the guard goes and the rest stays', () => {
    expect(on(source)).toBe(code`
      export function checkout(cart: Cart) {
        const total = sum(cart);
        return newCheckout(cart, total);
      }
    `);
  });

  it("kept off: the guard's return stays and what followed it is unreachable, so it goes", () => {
    expect(off(source)).toBe(code`
      export function checkout(cart: Cart) {
        return legacyCheckout(cart);
      }
    `);
  });

  it("the article's kill switch: a consequent that always returns makes the rest the other path", () => {
    const input = code`
      async function callExternalApi(request: ApiRequest): Promise<ApiResponse> {
        if (flags.get("x")?.killSwitch) {
          // Return cached/default response when circuit is open
          return getCachedResponse(request) ?? getDefaultResponse(request);
        }
        return await externalApi.call(request);
      }
    `;
    // Kept on means the switch is not pulled: killSwitch is false.
    expect(on(input)).toBe(code`
      async function callExternalApi(request: ApiRequest): Promise<ApiResponse> {
        return await externalApi.call(request);
      }
    `);
    expect(off(input)).toBe(code`
      async function callExternalApi(request: ApiRequest): Promise<ApiResponse> {
        // Return cached/default response when circuit is open
        return getCachedResponse(request) ?? getDefaultResponse(request);
      }
    `);
  });

  it('leaves code that was unreachable before the removal alone', () => {
    const input = code`
      export function f() {
        if (isFeatureEnabled(flags.get('x'), ctx)) {
          a();
        }
        return 1;
        legacyDeadCode();
      }
    `;
    expect(on(input)).toBe(code`
      export function f() {
        a();
        return 1;
        legacyDeadCode();
      }
    `);
  });
});

describe('expressions', () => {
  it('ternaries keep the chosen branch', () => {
    expect(on(`export const label = isFeatureEnabled(flags.get('x'), ctx) ? 'New' : 'Old';\n`)).toBe(`export const label = 'New';\n`);
    expect(off(`export const label = isFeatureEnabled(flags.get('x'), ctx) ? 'New' : 'Old';\n`)).toBe(`export const label = 'Old';\n`);
  });

  it('! folds', () => {
    expect(on(`export const legacy = !isFeatureEnabled(flags.get('x'), ctx);\n`)).toBe(`export const legacy = false;\n`);
  });

  it('&& and || fold with the constant on the left', () => {
    expect(on(`export const p = isFeatureEnabled(flags.get('x'), ctx) && createProcessor();\n`)).toBe(
      `export const p = createProcessor();\n`,
    );
    expect(off(`export const p = isFeatureEnabled(flags.get('x'), ctx) && createProcessor();\n`)).toBe(`export const p = false;\n`);
    expect(on(`export const q = isFeatureEnabled(flags.get('x'), ctx) || fallback();\n`)).toBe(`export const q = true;\n`);
    expect(off(`export const q = isFeatureEnabled(flags.get('x'), ctx) || fallback();\n`)).toBe(`export const q = fallback();\n`);
  });

  it('?? on a kill switch lookup folds', () => {
    expect(on(`export const open = flags.get('x')?.killSwitch ?? false;\n`)).toBe(`export const open = false;\n`);
  });

  it('keeps an operand with side effects and its order: `track() || flag` keeps track()', () => {
    const input = code`
      export function run() {
        if (track() || isFeatureEnabled(flags.get('x'), ctx)) {
          go();
        }
      }
    `;
    expect(on(input)).toBe(code`
      export function run() {
        track();
        go();
      }
    `);
    expect(off(input)).toBe(
      code`
      export function run() {
        if (track() || false) {
          go();
        }
      }
    `.replace('track() || false', 'track()'),
    );
  });

  it('adds parentheses where a folded operand needs them', () => {
    expect(on(`export const v = a && (isFeatureEnabled(flags.get('x'), ctx) && (b || c));\n`)).toBe(`export const v = a && (b || c);\n`);
  });
});

describe('decision variables', () => {
  it("are inlined and removed, and the values derived from them fold too (the article's pattern 3)", () => {
    const input = code`
      async function getRecommendations(userId: string): Promise<Product[]> {
        const useNewAlgorithm = isFeatureEnabled(flags.get("x"), { userId });
        let recommendations: Product[];
        let algorithm: string;
        if (useNewAlgorithm) {
          recommendations = await newEngine.getRecommendations(userId);
          algorithm = "v2";
        } else {
          recommendations = await currentEngine.getRecommendations(userId);
          algorithm = "v1";
        }
        metrics.histogram("recommendations.latency", 1, { algorithm, variant: useNewAlgorithm ? "new" : "old" });
        return recommendations;
      }
    `;
    expect(on(input)).toBe(code`
      async function getRecommendations(userId: string): Promise<Product[]> {
        let recommendations: Product[];
        let algorithm: string;
        recommendations = await newEngine.getRecommendations(userId);
        algorithm = "v2";
        metrics.histogram("recommendations.latency", 1, { algorithm, variant: "new" });
        return recommendations;
      }
    `);
  });
});

describe('switch on the flag', () => {
  it('keeps the matching case', () => {
    const input = code`
      export function mode() {
        switch (isFeatureEnabled(flags.get('x'), ctx)) {
          case true:
            start('new');
            break;
          case false:
            start('old');
            break;
        }
      }
    `;
    expect(off(input)).toBe(code`
      export function mode() {
        start('old');
      }
    `);
  });
});

describe('JSX', () => {
  it('conditional rendering collapses', () => {
    const input = code`
      export function Page() {
        return (
          <main>
            {isFeatureEnabled(flags.get('x'), ctx) && <Banner />}
            {isFeatureEnabled(flags.get('x'), ctx) ? <NewCart /> : <OldCart />}
          </main>
        );
      }
    `;
    expect(on(input)).toBe(code`
      export function Page() {
        return (
          <main>
            <Banner />
            <NewCart />
          </main>
        );
      }
    `);
    expect(off(input)).toBe(code`
      export function Page() {
        return (
          <main>
            <OldCart />
          </main>
        );
      }
    `);
  });

  it('a destructured LaunchDarkly flag folds, and what only it rendered goes when kept off', () => {
    const input = code`
      import { useFlags } from 'launchdarkly-react-client-sdk';
      function Promo() {
        return <aside>promo</aside>;
      }
      export function Legend() {
        const { fastPay } = useFlags();
        return (
          <section>
            {fastPay && <Promo />}
            <Rows />
          </section>
        );
      }
    `;
    expect(removeInSource(input, 'fastPay', 'off', { presets: ['launchdarkly'] }).after).toBe(code`
      export function Legend() {
        return (
          <section>
            <Rows />
          </section>
        );
      }
    `);
    expect(removeInSource(input, 'fastPay', 'on', { presets: ['launchdarkly'] }).after).toBe(code`
      function Promo() {
        return <aside>promo</aside>;
      }
      export function Legend() {
        return (
          <section>
            <Promo />
            <Rows />
          </section>
        );
      }
    `);
  });

  it('a flag component keeps its children when on and goes when off (GrowthBook)', () => {
    const input = code`
      import { IfFeatureEnabled } from '@growthbook/growthbook-react';
      export const Pay = () => (
        <section>
          <IfFeatureEnabled feature="x">
            <ExpressPay />
          </IfFeatureEnabled>
        </section>
      );
    `;
    expect(removeInSource(input, 'x', 'on', { presets: ['growthbook'] }).after).toBe(code`
      export const Pay = () => (
        <section>
          <ExpressPay />
        </section>
      );
    `);
  });
});

describe('wrappers and imports', () => {
  it('a fixed-key wrapper goes with its call sites folded, and imports left unused go', () => {
    const input = code`
      import { flags } from './flags';
      import { isFeatureEnabled } from './evaluate';
      import { renderNew, renderOld } from './render';

      const isNewCheckout = () => isFeatureEnabled(flags.get('x'), ctx);

      export function page() {
        return isNewCheckout() ? renderNew() : renderOld();
      }
    `;
    expect(on(input)).toBe(code`
      import { renderNew } from './render';

      export function page() {
        return renderNew();
      }
    `);
  });
});

describe('tests', () => {
  const testFile = code`
    import { describe, expect, it } from 'vitest';
    import { flags } from '../src/flags';
    import { processPayment } from '../src/pay';

    describe('payments', () => {
      it('uses the new processor when on', async () => {
        flags.override('x', { enabled: true, rolloutPercentage: 100 });
        expect(await processPayment(order)).toBe('new');
      });

      it('uses the legacy processor when off', async () => {
        flags.override('x', { enabled: false });
        expect(await processPayment(order)).toBe('legacy');
      });
    });
  `;

  it('removes overrides of the kept state and deletes test cases that only test the removed one', () => {
    const result = removeInSource(testFile, 'x', 'on', { file: '/project/test/pay.test.ts', test: true });
    expect(result.deletedTests).toEqual(['uses the legacy processor when off']);
    expect(result.emptyTestFile).toBe(false);
    expect(result.after).toBe(code`
      import { describe, expect, it } from 'vitest';
      import { processPayment } from '../src/pay';

      describe('payments', () => {
        it('uses the new processor when on', async () => {
          expect(await processPayment(order)).toBe('new');
        });
      });
    `);
  });

  it('reports a test file left without test cases instead of deleting it', () => {
    const onlyOff = code`
      import { it } from 'vitest';
      it('off', () => {
        flags.override('x', { enabled: false });
      });
    `;
    const result = removeInSource(onlyOff, 'x', 'on', { file: '/project/test/off.test.ts', test: true });
    expect(result.emptyTestFile).toBe(true);
    expect(result.deletedTests).toEqual(['off']);
  });

  it('removes a flag from a mock map, keeping the other flags (LaunchDarkly)', () => {
    const input = code`
      import { mockFlags } from 'jest-launchdarkly-mock';
      it('renders', () => {
        mockFlags({ x: true, other: false });
        render();
      });
    `;
    expect(removeInSource(input, 'x', 'on', { presets: ['launchdarkly'], file: '/project/test/a.test.tsx', test: true }).after).toBe(code`
      import { mockFlags } from 'jest-launchdarkly-mock';
      it('renders', () => {
        mockFlags({ other: false });
        render();
      });
    `);
  });
});

describe('what it cannot fold', () => {
  it('a variant used as a value is left for a person, and reported', () => {
    const input = `export const theme = client.getStringValue('x', 'light');\n`;
    const result = removeInSource(input, 'x', 'on', { presets: ['openfeature'] });
    expect(result.after).toBe(input);
    expect(result.manual).toEqual([
      { loc: { line: 1, column: 44, endLine: 1, endColumn: 47 }, reason: "the flag's value is used as a value, not as on/off" },
    ]);
  });
});

describe('found while fixing the fuzz regressions', () => {
  it('a loop variable read only in the removed branch stays: the declaration heads a `for`', () => {
    const input = code`
      export function run(items) {
        for (const item of items) {
          if (isFeatureEnabled(flags.get('x'), ctx)) use(item);
          count();
        }
      }
    `;
    expect(off(input)).toBe(code`
      export function run(items) {
        for (const item of items) {
          count();
        }
      }
    `);
  });

  it('a file with a byte order mark is rewritten after the mark, which stays', () => {
    const input = `\uFEFF${code`
      export function run() {
        if (isFeatureEnabled(flags.get('x'), ctx)) {
          a();
        }
      }
    `}`;
    expect(on(input)).toBe(
      `\uFEFF${code`
      export function run() {
        a();
      }
    `}`,
    );
  });

  it("a JSX child the code had, `{null}` or `{<Old />}`, stays; the flag's children fold in one step", () => {
    const input = code`
      export function Page() {
        return (
          <main>
            {null}
            {<Old />}
            {isFeatureEnabled(flags.get('x'), ctx) && <Banner />}
            {isFeatureEnabled(flags.get('x'), ctx) ? <A /> : null}
          </main>
        );
      }
    `;
    expect(on(input)).toBe(code`
      export function Page() {
        return (
          <main>
            {null}
            {<Old />}
            <Banner />
            <A />
          </main>
        );
      }
    `);
    expect(off(input)).toBe(code`
      export function Page() {
        return (
          <main>
            {null}
            {<Old />}
          </main>
        );
      }
    `);
  });

  it('a kept case written on the case line, or as a block ending in `break`, becomes plain statements', () => {
    const oneLine = code`
      export function label() {
        switch (isFeatureEnabled(flags.get('x'), ctx)) {
          case true: return 'new';
          default: return 'old';
        }
      }
    `;
    expect(on(oneLine)).toBe(code`
      export function label() {
        return 'new';
      }
    `);
    const block = code`
      export function run() {
        switch (isFeatureEnabled(flags.get('x'), ctx)) {
          case true: {
            start('new');
            break;
          }
          default:
            start('old');
        }
        finish();
      }
    `;
    expect(on(block)).toBe(code`
      export function run() {
        start('new');
        finish();
      }
    `);
  });

  it('`switch (true)` with the flag as a case folds too; a case whose declarations would collide stays a switch', () => {
    const input = code`
      export function run() {
        switch (true) {
          case isFeatureEnabled(flags.get('x'), ctx):
            start('new');
            break;
          default:
            start('old');
        }
      }
    `;
    expect(on(input)).toBe(code`
      export function run() {
        start('new');
      }
    `);
    const colliding = code`
      export function run() {
        const mode = 'outer';
        switch (isFeatureEnabled(flags.get('x'), ctx)) {
          case true:
            const mode = 'inner';
            start(mode);
            break;
        }
        trace(mode);
      }
    `;
    expect(on(colliding)).toBe(colliding.replace("isFeatureEnabled(flags.get('x'), ctx)", 'true'));
  });

  it('`do … while (flag)` kept off stays a loop when its body continues it; a break of an inner loop does not count', () => {
    const continues = code`
      export function run() {
        do {
          if (skip()) continue;
          a();
        } while (isFeatureEnabled(flags.get('x'), ctx));
      }
    `;
    expect(off(continues)).toBe(continues.replace("isFeatureEnabled(flags.get('x'), ctx)", 'false'));
    const inner = code`
      export function run() {
        do {
          for (;;) {
            if (done()) break;
          }
          a();
        } while (isFeatureEnabled(flags.get('x'), ctx));
      }
    `;
    expect(off(inner)).toBe(code`
      export function run() {
        {
          for (;;) {
            if (done()) break;
          }
          a();
        }
      }
    `);
  });

  it('two rewrites of one flag that overlap are a site for a person, never one dropped silently', () => {
    const input = code`
      export const Pay = () => (
        <section>
          <IfFeatureEnabled feature="x">
            <IfFeatureEnabled feature="x">
              <ExpressPay />
            </IfFeatureEnabled>
          </IfFeatureEnabled>
        </section>
      );
    `;
    const result = removeInSource(input, 'x', 'on', { presets: ['growthbook'] });
    expect(result.manual).toEqual([
      {
        loc: { line: 4, column: 33, endLine: 4, endColumn: 36 },
        reason: 'its rewrite overlaps another rewrite of this flag in the same code',
      },
    ]);
  });

  it('a test case deleted for forcing the removed state takes its other sites with it, and is named once', () => {
    const input = code`
      it('shows the old banner', () => {
        flags.override('x', { enabled: false });
        expect(render(client.getStringValue('x', 'a'))).toBe('old');
        flags.override('x', false);
      });
    `;
    const result = removeInSource(input, 'x', 'on', { presets: ['seed', 'openfeature'], file: '/project/src/banner.test.ts', test: true });
    expect({ deletedTests: result.deletedTests, manual: result.manual, after: result.after }).toEqual({
      deletedTests: ['shows the old banner'],
      manual: [],
      after: '',
    });
  });
});

describe('break and continue end only what they jump out of', () => {
  it('a `break` of a labelled block ends the rest of the block, not the code after it (issue 21)', () => {
    const input = code`
      export function run(): number {
        lbl: {
          if (client.getBooleanValue('alpha', false)) break lbl;
          console.log('off path');
        }
        return 1;
      }
    `;
    expect(removeInSource(input, 'alpha', 'on', { presets: ['openfeature'] }).after).toBe(code`
      export function run(): number {
        lbl: {
          break lbl;
        }
        return 1;
      }
    `);
    expect(removeInSource(input, 'alpha', 'off', { presets: ['openfeature'] }).after).toBe(code`
      export function run(): number {
        lbl: {
          console.log('off path');
        }
        return 1;
      }
    `);
  });

  it('inside a loop, the statement after the labelled block stays', () => {
    const input = code`
      export function run(items: string[]) {
        for (const item of items) {
          inner: {
            if (isFeatureEnabled(flags.get('x'), ctx)) break inner;
            a(item);
          }
          b(item);
        }
        done();
      }
    `;
    expect(on(input)).toBe(code`
      export function run(items: string[]) {
        for (const item of items) {
          inner: {
            break inner;
          }
          b(item);
        }
        done();
      }
    `);
  });

  it("a `break` through try/finally ends the rest of its label's block only", () => {
    const input = code`
      export function run() {
        outer: {
          try {
            if (isFeatureEnabled(flags.get('x'), ctx)) break outer;
            a();
          } finally {
            cleanUp();
          }
          b();
        }
        done();
      }
    `;
    expect(on(input)).toBe(code`
      export function run() {
        outer: {
          try {
            break outer;
          } finally {
            cleanUp();
          }
        }
        done();
      }
    `);
  });

  it('a case that breaks out of a labelled block of its own falls through: the switch stays', () => {
    const input = code`
      export function run() {
        switch (isFeatureEnabled(flags.get('x'), ctx)) {
          case true:
            step: {
              break step;
            }
          default:
            fallback();
        }
      }
    `;
    expect(on(input)).toBe(input.replace("isFeatureEnabled(flags.get('x'), ctx)", 'true'));
  });

  it('`continue outer` and `break outer` from an inner loop, and `break` in a switch, end only what follows them in their loop or case', () => {
    const input = code`
      export function run(rows: number[][]) {
        outer: for (const row of rows) {
          for (const cell of row) {
            if (isFeatureEnabled(flags.get('x'), ctx)) continue outer;
            a(cell);
          }
          for (const cell of row) {
            if (isFeatureEnabled(flags.get('x'), ctx)) break outer;
            b(cell);
          }
          switch (row.length) {
            case 1:
              if (isFeatureEnabled(flags.get('x'), ctx)) break;
              c(row);
          }
          d(row);
        }
        done();
      }
    `;
    expect(on(input)).toBe(code`
      export function run(rows: number[][]) {
        outer: for (const row of rows) {
          for (const cell of row) {
            continue outer;
          }
          for (const cell of row) {
            break outer;
          }
          switch (row.length) {
            case 1:
              break;
          }
          d(row);
        }
        done();
      }
    `);
  });
});

describe('comparisons the removal makes of constants', () => {
  const input = code`
    export const strict = client.getBooleanValue('x', false) === true;
    export const loose = client.getBooleanValue('x', false) != false;
    export const variant = (client.getBooleanValue('x', false) ? 'a' : 'b') === 'b';
    export const count = (client.getBooleanValue('x', false) ? 1 : 2) !== 1;
    export const code = 'a' === 'b';
    const enabled = client.getBooleanValue('x', false);
    export const label = enabled == true ? 'new' : 'old';
    export function pick() {
      if (client.getBooleanValue('x', false) === false) {
        return 'old';
      }
      return 'new';
    }
  `;
  const removed = (keep: 'on' | 'off') => removeInSource(input, 'x', keep, { presets: ['openfeature'] }).after;

  it('fold, so tsc does not reject `false === true` (TS2367); a comparison the code had stays', () => {
    expect(removed('on')).toBe(code`
      export const strict = true;
      export const loose = true;
      export const variant = false;
      export const count = false;
      export const code = 'a' === 'b';
      export const label = 'new';
      export function pick() {
        return 'new';
      }
    `);
    expect(removed('off')).toBe(code`
      export const strict = false;
      export const loose = false;
      export const variant = true;
      export const count = true;
      export const code = 'a' === 'b';
      export const label = 'old';
      export function pick() {
        return 'old';
      }
    `);
  });
});

describe('overrides in objects (mockFlags, issue 17)', () => {
  const ld = (source: string) =>
    removeInSource(source, 'betaY', 'on', { presets: ['launchdarkly'], file: '/project/src/beta.test.tsx', test: true }).after;

  it('removes the call that forced only the flag, written in Prettier style with a trailing comma', () => {
    const input = code`
      import { mockFlags } from 'jest-launchdarkly-mock';

      beforeEach(() => {
        mockFlags({
          betaY: true,
        });
        render();
      });
    `;
    expect(ld(input)).toBe(code`
      beforeEach(() => {
        render();
      });
    `);
  });

  it("removes the flag's line from an object forcing others too, with its trailing comma and comment", () => {
    const input = code`
      import { mockFlags } from 'jest-launchdarkly-mock';

      beforeEach(() => {
        mockFlags({
          alpha: false,
          betaY: true, // the new checkout
          gamma: true,
        });
      });
    `;
    expect(ld(input)).toBe(code`
      import { mockFlags } from 'jest-launchdarkly-mock';

      beforeEach(() => {
        mockFlags({
          alpha: false,
          gamma: true,
        });
      });
    `);
  });

  it('removes the last entry of a one-line object with a trailing comma', () => {
    const input = "import { mockFlags } from 'jest-launchdarkly-mock';\nmockFlags({ ...base, betaY: true, });\n";
    expect(ld(input)).toBe("import { mockFlags } from 'jest-launchdarkly-mock';\nmockFlags({ ...base, });\n");
  });
});

describe('what the removal left unused (issue 17)', () => {
  const ld = (source: string) => removeInSource(source, 'newNav', 'on', { presets: ['launchdarkly'] }).after;

  it('removes the hook call and the import that only fed the flag, and leaves what was unused before', () => {
    const input = code`
      import { useFlags, useLDClient } from 'launchdarkly-react-client-sdk';
      import { useTheme } from './theme';

      export function Nav() {
        const flags = useFlags();
        const client = useLDClient();
        const theme = useTheme();
        return flags.newNav ? <New /> : <Old />;
      }
    `;
    expect(ld(input)).toBe(code`
      import { useLDClient } from 'launchdarkly-react-client-sdk';
      import { useTheme } from './theme';

      export function Nav() {
        const client = useLDClient();
        const theme = useTheme();
        return <New />;
      }
    `);
  });
});

describe('residue the removal would leave (issue 17 item 5)', () => {
  const ld = (source: string, keep: KeptBranch = 'on') => removeInSource(source, 'newNav', keep, { presets: ['launchdarkly'] }).after;
  /** The rewrite, checked to be a fixed point: a second removal changes nothing. */
  const twice = (rewrite: (source: string) => string, source: string) => {
    const after = rewrite(source);
    expect(rewrite(after)).toBe(after);
    return after;
  };

  it('`Boolean(<constant>)` and `!!<constant>` fold, and the `&&` they decide with them; a `Boolean(true)` the code had stays', () => {
    const input = code`
      export const a = Boolean(isFeatureEnabled(flags.get('x'), ctx)) && go();
      export const b = !!isFeatureEnabled(flags.get('x'), ctx);
      export const c = Boolean(true);
      export function run() {
        if (ready && Boolean(isFeatureEnabled(flags.get('x'), ctx))) start();
      }
    `;
    expect(twice(on, input)).toBe(code`
      export const a = go();
      export const b = true;
      export const c = Boolean(true);
      export function run() {
        if (ready) start();
      }
    `);
    expect(twice(off, input)).toBe(code`
      export const a = false;
      export const b = false;
      export const c = Boolean(true);
      export function run() {
      }
    `);
  });

  it('a constant the removal left in a hook dependency list goes; one the code had stays', () => {
    const input = code`
      import { useEffect, useMemo } from 'react';
      import { useFlags } from 'launchdarkly-react-client-sdk';
      export function Nav({ a }: Props) {
        const { newNav } = useFlags();
        useEffect(() => {
          track(a, newNav);
        }, [a, newNav]);
        const items = useMemo(() => build(newNav), [newNav, true]);
        return <List items={items} />;
      }
    `;
    expect(twice(ld, input)).toBe(code`
      import { useEffect, useMemo } from 'react';
      export function Nav({ a }: Props) {
        useEffect(() => {
          track(a, true);
        }, [a]);
        const items = useMemo(() => build(true), [true]);
        return <List items={items} />;
      }
    `);
  });

  it('a decision variable is inlined and goes also when its initialiser folds to the constant (`?? false`, `Boolean(…)`)', () => {
    const input = code`
      import { useFlags } from 'launchdarkly-react-client-sdk';
      export function Nav() {
        const flags = useFlags();
        const isNavEnabled = flags.newNav ?? false;
        const showBeta = Boolean(flags.newNav);
        const always = true;
        return isNavEnabled && showBeta && always ? <New /> : <Old />;
      }
    `;
    expect(twice(ld, input)).toBe(code`
      export function Nav() {
        const always = true;
        return always ? <New /> : <Old />;
      }
    `);
  });

  it('a string kept in JSX becomes plain text or a plain attribute where that reads the same', () => {
    const input = code`
      import { useFlags } from 'launchdarkly-react-client-sdk';
      export function Menu() {
        const flags = useFlags();
        return (
          <nav>
            {flags.newNav ? 'Preferences' : 'Settings'}
            {flags.newNav ? ' Help' : 'About'}
            {flags.newNav ? 'Tom & Jerry' : 'x'}
            {'Kept'}
            <Link to={ flags.newNav ? '/prefs' : '/settings' } />
            <Link title={flags.newNav ? 'say "hi"' : 'hello'} />
          </nav>
        );
      }
    `;
    expect(twice(ld, input)).toBe(code`
      export function Menu() {
        return (
          <nav>
            Preferences
            {' Help'}
            {'Tom & Jerry'}
            {'Kept'}
            <Link to="/prefs" />
            <Link title={'say "hi"'} />
          </nav>
        );
      }
    `);
  });

  it('JSX out of its wrapper moves left by the level the wrapper took', () => {
    const input = code`
      import { useFlags } from 'launchdarkly-react-client-sdk';
      export function Page() {
        const flags = useFlags();
        return (
          <main>
            {flags.newNav && (
              <Sidebar>
                <Links />
              </Sidebar>
            )}
          </main>
        );
      }
      export function Card() {
        const flags = useFlags();
        return flags.newNav ? (
          <Card>
            <Body />
          </Card>
        ) : null;
      }
    `;
    expect(twice(ld, input)).toBe(code`
      export function Page() {
        return (
          <main>
            <Sidebar>
              <Links />
            </Sidebar>
          </main>
        );
      }
      export function Card() {
        return (
          <Card>
            <Body />
          </Card>
        );
      }
    `);
    const component = code`
      import { IfFeatureEnabled } from '@growthbook/growthbook-react';
      export const Pay = () => (
        <section>
          <IfFeatureEnabled feature="x">
            <ExpressPay>
              <Total />
            </ExpressPay>
          </IfFeatureEnabled>
        </section>
      );
    `;
    expect(twice((source) => removeInSource(source, 'x', 'on', { presets: ['growthbook'] }).after, component)).toBe(code`
      export const Pay = () => (
        <section>
          <ExpressPay>
            <Total />
          </ExpressPay>
        </section>
      );
    `);
  });

  it('a test hook that only forced the flag goes with the override; a hook that does more stays', () => {
    const input = code`
      import { mockFlags } from 'jest-launchdarkly-mock';

      beforeEach(() => {
        mockFlags({
          newNav: true,
        });
      });

      afterEach(() => {
        mockFlags({ newNav: true });
        cleanup();
      });

      it('renders', () => {
        render();
      });
    `;
    const test = (source: string) =>
      removeInSource(source, 'newNav', 'on', { presets: ['launchdarkly'], file: '/project/src/nav.test.tsx', test: true }).after;
    expect(twice(test, input)).toBe(code`
      afterEach(() => {
        cleanup();
      });

      it('renders', () => {
        render();
      });
    `);
  });
});

describe('a flag that is the subject of a test (issue 17 item 4)', () => {
  it('is left for a person where the test asserts on it or renders it as the hook under test; other evaluations in the test fold', () => {
    const input = code`
      it('is on for beta users', () => {
        expect(isFeatureEnabled(flags.get('x'), beta)).toBe(true);
      });
      it('reads the hook', () => {
        const { result } = renderHook(() => isFeatureEnabled(flags.get('x'), ctx));
        expect(result.current).toBe(true);
      });
      it('renders the label', () => {
        render(isFeatureEnabled(flags.get('x'), ctx) ? 'new' : 'old');
      });
    `;
    const rewrite = removeInSource(input, 'x', 'on', { file: '/project/src/label.test.ts', test: true });
    expect(rewrite.after).toBe(input.replace(`render(isFeatureEnabled(flags.get('x'), ctx) ? 'new' : 'old');`, `render('new');`));
    expect(rewrite.manual.map((site) => `${site.loc.line}: ${site.reason}`)).toEqual([
      "2: the flag is what this test is about (asserted on, or its wrapper's own module is under test): rewrite the test by hand",
      "5: the flag is what this test is about (asserted on, or its wrapper's own module is under test): rewrite the test by hand",
    ]);
    // The same code outside a test file folds.
    expect(removeInSource(input, 'x', 'on', { file: '/project/src/label.ts' }).manual).toEqual([]);
  });
});

describe('found on real codebases (issue 17, proof)', () => {
  it("a boolean operand next to the removal's constant goes: `!isOnPremise && false && <td>` leaves nothing (image-builder-frontend)", () => {
    const input = code`
      export function Row({ isOnPremise }: Props) {
        return (
          <tr>
            {!isOnPremise && !isFeatureEnabled(flags.get('x'), ctx) && <td>Version</td>}
            {isOnPremise === false || isFeatureEnabled(flags.get('x'), ctx) ? <td>New</td> : <td>Old</td>}
            <td>Name</td>
          </tr>
        );
      }
    `;
    expect(on(input)).toBe(code`
      export function Row({ isOnPremise }: Props) {
        return (
          <tr>
            <td>New</td>
            <td>Name</td>
          </tr>
        );
      }
    `);
  });

  it('an operand that may not be a boolean stays: `count && false` is 0 when count is', () => {
    const input = code`
      export const shown = (count: number) => count && isFeatureEnabled(flags.get('x'), ctx);
    `;
    expect(off(input)).toBe(code`
      export const shown = (count: number) => count && false;
    `);
  });
});

describe("found on Unleash's frontend (issue 17, proof)", () => {
  it('a spread of an object the removal kept is inlined into the object around it; one of nothing goes', () => {
    const input = code`
      export const sx = {
          gap: 2,
          ...(isFeatureEnabled(flags.get('x'), ctx) && {
              alignItems: 'flex-start',
              '& > div': { width: 'auto' },
          }),
          mb: 2,
      };
    `;
    expect(on(input)).toBe(code`
      export const sx = {
          gap: 2,
          alignItems: 'flex-start',
          '& > div': { width: 'auto' },
          mb: 2,
      };
    `);
    expect(off(input)).toBe(code`
      export const sx = {
          gap: 2,
          mb: 2,
      };
    `);
  });

  it('a spread of an array the removal kept is inlined into the array around it', () => {
    const input = code`
      export const columns = [name, ...(isFeatureEnabled(flags.get('x'), ctx) ? [owner, stale] : []), created];
    `;
    expect(on(input)).toBe(code`
      export const columns = [name, owner, stale, created];
    `);
    expect(off(input)).toBe(code`
      export const columns = [name, created];
    `);
  });

  it('a spread whose object has a getter or __proto__, or a comment, stays a spread', () => {
    const input = code`
      export const a = { ...(isFeatureEnabled(flags.get('x'), ctx) && { get y() { return 1; } }) };
      export const b = { ...(isFeatureEnabled(flags.get('x'), ctx) && { __proto__: base }) };
      export const c = { ...(isFeatureEnabled(flags.get('x'), ctx) && { /* why */ z: 1 }) };
    `;
    expect(on(input)).toBe(code`
      export const a = { ...({ get y() { return 1; } }) };
      export const b = { ...({ __proto__: base }) };
      export const c = { ...({ /* why */ z: 1 }) };
    `);
  });

  it('a JSX attribute the removal set to undefined goes, unless a spread before it could set it', () => {
    const input = code`
      export const Field = ({ label, rest }: Props) => (
        <>
          <TextField
            variant='outlined'
            label={isFeatureEnabled(flags.get('x'), ctx) ? undefined : label}
            placeholder='Select'
          />
          <TextField size='small' label={isFeatureEnabled(flags.get('x'), ctx) ? undefined : label} required />
          <TextField {...rest} label={isFeatureEnabled(flags.get('x'), ctx) ? undefined : label} />
        </>
      );
    `;
    expect(on(input)).toBe(code`
      export const Field = ({ label, rest }: Props) => (
        <>
          <TextField
            variant='outlined'
            placeholder='Select'
          />
          <TextField size='small' required />
          <TextField {...rest} label={undefined} />
        </>
      );
    `);
  });
});

describe("a constant in the middle of a chain (found on Unleash's frontend)", () => {
  it('`isEnterprise() && true && count > 0` is `isEnterprise() && count > 0`; `a || false || b` is `a || b`', () => {
    const input = code`
      export const shown = (count: number) => isEnterprise() && isFeatureEnabled(flags.get('x'), ctx) && count > 0;
      export const either = (count: number) => count || !isFeatureEnabled(flags.get('x'), ctx) || fallback;
      export const last = () => isEnterprise() && isFeatureEnabled(flags.get('x'), ctx);
    `;
    expect(on(input)).toBe(code`
      export const shown = (count: number) => isEnterprise() && count > 0;
      export const either = (count: number) => count || fallback;
      export const last = () => isEnterprise() && true;
    `);
  });
});
