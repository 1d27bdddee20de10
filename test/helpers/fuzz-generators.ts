import fc from 'fast-check';

/*
 * Random TypeScript / TSX programs with flag checks inside random control structures, for the
 * fuzz tests. Every program parses (the generator only writes valid syntax); what it exercises is
 * the detector, the rules, the scanner and the codemod on shapes real code takes: the seed preset's
 * `flags.get` / `isFeatureEnabled` / `flags.override`, OpenFeature, LaunchDarkly, Unleash, GrowthBook
 * and Flagsmith calls, keys written as literals, constants, enums, `as const` objects, imports and
 * dynamic expressions, inside nested functions, arrows, loops, try/catch/finally, switch, JSX,
 * optional chains, async/await, classes, decision variables, early returns, ternaries and logic.
 *
 * Names a statement declares are written as placeholders (`@V`, `@W`, `@F`) and made unique
 * when the block is assembled, so siblings never redeclare a name.
 */

/** The manifest every fuzz case runs against: one flag per removal reason, and a healthy one. */
export const FUZZ_MANIFEST = `flags:
  new_checkout:
    type: release
    owner: checkout-team
    createdAt: 2026-11-01
    expiresAt: 2027-03-01
    enabled: true
    rolloutPercentage: 50
  dark_mode:
    type: release
    owner: web-team
    createdAt: 2026-01-01
    expiresAt: 2027-06-01
    enabled: true
    rolloutPercentage: 100
  legacy_banner:
    type: release
    owner: growth-team
    createdAt: 2026-06-01
    expiresAt: 2027-06-01
    enabled: false
  search_kill_switch:
    type: operational
    owner: search-team
    createdAt: 2025-01-10
    enabled: true
    killSwitch: false
    lastEvaluated: 2026-11-27
  summer_promo:
    type: experiment
    owner: growth-team
    createdAt: 2026-05-01
    expiresAt: 2026-09-01
    enabled: true
    rolloutPercentage: 50
  new-checkout-flow:
    type: release
    owner: checkout-team
    createdAt: 2026-11-01
    expiresAt: 2027-03-01
    enabled: true
    rolloutPercentage: 25
`;

export const FUZZ_TODAY = '2026-11-28';

/** Keys the manifest declares, and two it does not (one a typo of a declared key). */
export const DECLARED_KEYS = [
  'new_checkout',
  'dark_mode',
  'legacy_banner',
  'search_kill_switch',
  'summer_promo',
  'new-checkout-flow',
] as const;
export const FLAG_KEYS = [...DECLARED_KEYS, 'new_chekout', 'ghost_flag'] as const;
export type FlagKey = (typeof FLAG_KEYS)[number];

/** Modules beside every generated program: keys to import, and wrappers (a fixed-key one and a forwarding one). */
export const SIBLING_MODULES: Readonly<Record<string, string>> = {
  'src/keys.ts': ["export const CHECKOUT_KEY = 'new_checkout';", "export const PROMO_KEY = 'summer_promo';", ''].join('\n'),
  'src/wrappers.ts': [
    "import { flags, isFeatureEnabled } from './flags';",
    '',
    "export const isCheckoutOn = () => isFeatureEnabled(flags.get('new_checkout'), {});",
    '',
    'export function useFlagValue(key: string): boolean {',
    '  return flags.get(key)?.enabled ?? false;',
    '}',
    '',
  ].join('\n'),
};

/** Every generated program starts with these lines: the names its flag checks use. */
const HEADER = [
  "import { flags, isFeatureEnabled } from './flags';",
  "import { CHECKOUT_KEY, PROMO_KEY } from './keys';",
  "import { isCheckoutOn, useFlagValue } from './wrappers';",
  "import { FeatureFlag, useBooleanFlagValue, useFlag } from '@openfeature/react-sdk';",
  "import { useFlags } from 'launchdarkly-react-client-sdk';",
  '',
  "const K_DARK = 'dark_mode';",
  "const FLAG_NAMES = { checkout: 'new_checkout', banner: 'legacy_banner', flow: 'new-checkout-flow' } as const;",
  "enum FlagKeys { Promo = 'summer_promo', Search = 'search_kill_switch', Ghost = 'ghost_flag' }",
  '',
].join('\n');

const CONSTANT_KEYS: Partial<Record<FlagKey, readonly string[]>> = {
  new_checkout: ['CHECKOUT_KEY', 'FLAG_NAMES.checkout'],
  dark_mode: ['K_DARK'],
  legacy_banner: ['FLAG_NAMES.banner', "FLAG_NAMES['banner']"],
  summer_promo: ['PROMO_KEY', 'FlagKeys.Promo'],
  search_kill_switch: ['FlagKeys.Search'],
  ghost_flag: ['FlagKeys.Ghost'],
  'new-checkout-flow': ['FLAG_NAMES.flow'],
};

/** LaunchDarkly's React SDK hands flags out camelCased. */
const CAMEL_KEYS = ['newCheckout', 'darkMode', 'legacyBanner', 'newCheckoutFlow', 'newChekout'] as const;

export interface Context {
  /** Inside a function: `return` is allowed. */
  fn: boolean;
  async: boolean;
  /** Inside a loop: `break` and `continue` are allowed. */
  loop: boolean;
  tsx: boolean;
}

const flagKey = fc.constantFrom(...FLAG_KEYS);

/** A key as code writes it: literals, constants, enum members, imports; now and then one no one can resolve. */
const keyExpression: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: flagKey.map((key) => `'${key}'`) },
  flagKey.map((key) => `"${key}"`),
  flagKey.map((key) => `\`${key}\``),
  { weight: 3, arbitrary: flagKey.chain((key) => (CONSTANT_KEYS[key] ? fc.constantFrom(...CONSTANT_KEYS[key]) : fc.constant(`'${key}'`))) },
  fc.constantFrom('name', '`${prefix}_checkout`', 'keys[index]', "'new_' + suffix"),
);

/** An expression that evaluates a flag and is truthy when it is on. */
function booleanEvaluation(ctx: Context): fc.Arbitrary<string> {
  const k = keyExpression;
  const shapes: fc.Arbitrary<string>[] = [
    k.map((key) => `flags.get(${key})?.enabled`),
    k.map((key) => `flags.get(${key})?.killSwitch`),
    k.map((key) => `flags.get(${key}).enabled`),
    k.map((key) => `flags.get(${key})`),
    k.map((key) => `isFeatureEnabled(flags.get(${key}), ctx)`),
    k.map((key) => `isFeatureEnabled(flags.get(${key}), { userId: user.id })`),
    k.map((key) => `isFeatureEnabled(flags.get(${key}), { userId: String(Math.random()) })`),
    k.map((key) => `isFeatureEnabled(flags.get(${key}), { userId: user.id, at: Date.now() })`),
    k.map((key) => `this.flags.get(${key})?.enabled`),
    k.map((key) => `ctx.flags?.get(${key})?.enabled`),
    k.map((key) => `flags?.get(${key})?.enabled`),
    k.map((key) => `flags['get'](${key})?.enabled`),
    k.map((key) => `(flags.get(${key}) as Flag | undefined)?.enabled`),
    k.map((key) => `flags.get(${key})!.enabled`),
    k.map((key) => `client.getBooleanValue(${key}, false)`),
    k.map((key) => `client.getBooleanDetails(${key}, false).value`),
    k.map((key) => `OpenFeature.getClient().getBooleanValue(${key}, true)`),
    k.map((key) => `useBooleanFlagValue(${key}, false)`),
    k.map((key) => `useFlag(${key}, false).value`),
    k.map((key) => `ldClient.variation(${key}, false)`),
    k.map((key) => `ldClient.boolVariation(${key}, false)`),
    fc.constantFrom(...CAMEL_KEYS).map((name) => `useFlags().${name}`),
    fc.constantFrom(...CAMEL_KEYS).map((name) => `props.flags.${name}`),
    k.map((key) => `unleash.isEnabled(${key})`),
    k.map((key) => `gb.isOn(${key})`),
    k.map((key) => `gb.isOff(${key})`),
    k.map((key) => `flagsmith.hasFeature(${key})`),
    fc.constant('isCheckoutOn()'),
    k.map((key) => `useFlagValue(${key})`),
  ];
  if (ctx.async) {
    shapes.push(
      k.map((key) => `(await client.getBooleanValue(${key}, false, context))`),
      k.map((key) => `(await ldClient.variation(${key}, ldContext, false))`),
      k.map((key) => `(await ldClient.boolVariation(${key}, ldContext, false))`),
    );
  }
  return fc.oneof(...shapes);
}

/** An evaluation of a variant (a string), for switches and comparisons. */
const variantEvaluation: fc.Arbitrary<string> = fc.oneof(
  keyExpression.map((key) => `client.getStringValue(${key}, 'control')`),
  keyExpression.map((key) => `ldClient.variation(${key}, 'control')`),
  keyExpression.map((key) => `gb.getFeatureValue(${key}, 'control')`),
);

/** A condition that reads a flag: plain, negated, compared, combined with other logic. */
function condition(ctx: Context): fc.Arbitrary<string> {
  const evaluation = booleanEvaluation(ctx);
  return fc.oneof(
    { weight: 4, arbitrary: evaluation },
    evaluation.map((e) => `!${e}`),
    evaluation.map((e) => `!(${e})`),
    evaluation.map((e) => `${e} === true`),
    evaluation.map((e) => `Boolean(${e})`),
    evaluation.map((e) => `(${e} ?? false)`),
    evaluation.map((e) => `${e} && user.isAdmin`),
    evaluation.map((e) => `user.isAdmin || ${e}`),
    fc.tuple(evaluation, evaluation).map(([a, b]) => `${a} && ${b}`),
    fc.tuple(evaluation, evaluation).map(([a, b]) => `(${a} || ${b})`),
    variantEvaluation.map((e) => `${e} === 'treatment'`),
    fc.constant('user.isAdmin'),
  );
}

const trace = fc.nat(99).map((n) => `trace('s${n}');`);

/** An override a test writes to force a flag's state. */
const override: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(keyExpression, fc.boolean()).map(([key, on]) => `flags.override(${key}, { enabled: ${on} });`),
  fc.tuple(keyExpression, fc.boolean()).map(([key, on]) => `flags.override(${key}, ${on});`),
  keyExpression.map((key) => `flags.override(${key}, { enabled: true, rolloutPercentage: 100 });`),
  keyExpression.map((key) => `flags.override(${key}, { killSwitch: true });`),
  fc.tuple(flagKey, fc.boolean()).map(([key, on]) => `const @W = new InMemoryProvider({ '${key}': ${on} });`),
  fc.tuple(flagKey, fc.boolean()).map(([key, on]) => `mockFlags({ '${key}': ${on} });`),
);

/** Statements with no block of their own. */
function simpleStatement(ctx: Context): fc.Arbitrary<string> {
  const c = condition(ctx);
  const e = booleanEvaluation(ctx);
  // Inside a callback of its own, `await` is not allowed.
  const inCallback = booleanEvaluation({ ...ctx, async: false });
  const options: fc.Arbitrary<string>[] = [
    trace,
    trace,
    c.map((cond) => `trace(${cond} ? 'on' : 'off');`),
    e.map((evaluation) => `trace(${evaluation} && 'and');`),
    e.map((evaluation) => `trace(${evaluation} || 'or');`),
    e.map((evaluation) => `const @V = ${evaluation} ?? false;`),
    e.map((evaluation) => `const @V = ${evaluation};`),
    e.map((evaluation) => `${evaluation};`),
    e.map((evaluation) => `void ${evaluation};`),
    e.map((evaluation) => `trace(\`flag: \${${evaluation}}\`);`),
    inCallback.map((evaluation) => `items.filter(() => ${evaluation}).forEach(render);`),
    inCallback.map((evaluation) => `fetch('/api/orders').then((response) => (${evaluation} ? response.json() : null));`),
    keyExpression.map((key) => `logger.info('flag decision', { flag: ${key}, enabled: flags.get(${key})?.enabled });`),
    keyExpression.map((key) => `const { enabled: @V = false } = flags.get(${key}) ?? {};`),
    fc.constantFrom(...CAMEL_KEYS).map((name) => `{\n  const { ${name} } = useFlags();\n  trace(${name});\n}`),
    variantEvaluation.map((value) => `const @V = ${value};`),
    // Overrides anywhere, test cases included (after an evaluation of the flag, too).
    override,
  ];
  if (ctx.fn) {
    options.push(
      c.map((cond) => `if (!(${cond})) return;`),
      c.map((cond) => `if (${cond}) return 'early';`),
      e.map((evaluation) => `return ${evaluation};`),
    );
  }
  if (ctx.loop)
    options.push(
      c.map((cond) => `if (${cond}) break;`),
      c.map((cond) => `if (${cond}) continue;`),
    );
  if (ctx.async)
    options.push(
      e.map((evaluation) => `await ${evaluation};`),
      fc.constant('await Promise.resolve();'),
    );
  if (ctx.tsx) options.push(jsxExpression(ctx).map((jsx) => `const @V = ${jsx};`));
  return fc.oneof(...options);
}

/** JSX holding flag checks: short circuits, ternaries, a flag component. */
function jsxExpression(ctx: Context): fc.Arbitrary<string> {
  const c = condition(ctx);
  const child = fc.oneof(
    fc.constantFrom('<Badge />', '<span>text</span>', 'label'),
    c.map((cond) => `{${cond} && <NewBanner />}`),
    c.map((cond) => `{${cond} ? <CheckoutV2 /> : <CheckoutV1 />}`),
    keyExpression.map((key) => `<FeatureFlag flagKey={${key}} defaultValue={false} fallback={<Old />}><New /></FeatureFlag>`),
    keyExpression.map((key) => `<IfFeatureEnabled feature={${key}}><New /></IfFeatureEnabled>`),
  );
  return fc
    .array(child, { minLength: 1, maxLength: 3 })
    .chain((children) =>
      fc.constantFrom(
        `<div className="page">${children.join('')}</div>`,
        `<>${children.join('')}</>`,
        `(\n<main>\n${children.join('\n')}\n</main>\n)`,
      ),
    );
}

/**
 * The names a case's statements declare, renamed apart from another case's (in the same scope).
 * Each renaming adds a `d`, so the cases of a switch nested in such a case stay apart too.
 */
function otherCase(statements: string): string {
  return statements.replace(/\b([vwf]\d+d*)_/g, '$1d_');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}

/**
 * Statements of one block, each with its own names: `v<depth>_<index>`. Every block is a scope of
 * its own (bodies, cases and labels are always braced), and blocks nested in these statements
 * have a smaller depth and were named already, so no name is declared twice in a scope and no
 * label nests inside itself. Sibling blocks (then and else, two functions) reuse the same names
 * for different bindings, read in one and maybe not in the other: the codemod's cleanup must tell
 * them apart.
 */
function assemble(statements: readonly string[], depth: number): string {
  return statements
    .map((statement, index) => {
      const id = `${depth}_${index}`;
      return statement.replaceAll('@V', `v${id}`).replaceAll('@W', `w${id}`).replaceAll('@F', `f${id}`);
    })
    .join('\n');
}

const memo = new Map<string, fc.Arbitrary<string>>();

/** A block's statements at nesting depth `depth` (0: simple statements only). */
export function block(ctx: Context, depth: number): fc.Arbitrary<string> {
  const key = `${JSON.stringify(ctx)}:${depth}`;
  let arbitrary = memo.get(key);
  if (arbitrary === undefined) {
    // Outer blocks hold fewer statements, so deep nesting does not make programs huge.
    arbitrary = fc
      .array(statement(ctx, depth), { minLength: 1, maxLength: depth >= 2 ? 2 : 3 })
      .map((statements) => assemble(statements, depth));
    memo.set(key, arbitrary);
  }
  return arbitrary;
}

/** One statement, maybe holding blocks of its own. */
export function statement(ctx: Context, depth: number): fc.Arbitrary<string> {
  const simple = simpleStatement(ctx);
  if (depth <= 0) return simple;
  const inner = (change: Partial<Context> = {}) => block({ ...ctx, ...change }, depth - 1).map(indent);
  const body = inner();
  const c = condition(ctx);
  const fnBody = inner({ fn: true, async: false, loop: false });
  const asyncBody = inner({ fn: true, async: true, loop: false });
  const loopBody = inner({ loop: true });
  const options: fc.Arbitrary<string>[] = [
    simple,
    simple,
    fc.tuple(c, body).map(([cond, then]) => `if (${cond}) {\n${then}\n}`),
    fc.tuple(c, body, body).map(([cond, then, otherwise]) => `if (${cond}) {\n${then}\n} else {\n${otherwise}\n}`),
    fc.tuple(c, c, body, body, body).map(([a, b, x, y, z]) => `if (${a}) {\n${x}\n} else if (${b}) {\n${y}\n} else {\n${z}\n}`),
    fc.tuple(c, body).map(([cond, then]) => `const @V = ${cond};\nif (@V) {\n${then}\n}\ntrace(@V ? 'v-on' : 'v-off');`),
    fc.tuple(c, body).map(([cond, then]) => `const @V = ${cond};\nif (!@V) {\n${then}\n}`),
    loopBody.map((loop) => `for (let i = 0; i < 2; i++) {\n${loop}\n}`),
    loopBody.map((loop) => `for (const item of items) {\n${loop}\n}`),
    fc.tuple(c, loopBody).map(([cond, loop]) => `while (${cond}) {\n${loop}\n  break;\n}`),
    fc.tuple(loopBody, c).map(([loop, cond]) => `do {\n${loop}\n} while (${cond} && retries-- > 0);`),
    fc.tuple(loopBody, c).map(([loop, cond]) => `do {\n${loop}\n} while (${cond});`),
    fc.tuple(body, body).map(([attempt, recover]) => `try {\n${attempt}\n} catch (error) {\n${recover}\n}`),
    fc.tuple(body, body, body).map(([attempt, recover, always]) => `try {\n${attempt}\n} catch {\n${recover}\n} finally {\n${always}\n}`),
    // Cases share the switch's scope: the second case's names get a suffix of their own. A case's
    // statements start on a line of their own, on the case line, or in a block of the case's own.
    fc
      .tuple(booleanEvaluation(ctx), body, body)
      .map(([e, on, off]) => `switch (${e}) {\n  case true:\n${indent(on)}\n    break;\n  default:\n${indent(otherCase(off))}\n}`),
    fc
      .tuple(booleanEvaluation(ctx), body, body)
      .map(
        ([e, on, off]) =>
          `switch (${e}) {\n  case true: ${indent(on).trimStart()}\n    break;\n  default: ${indent(otherCase(off)).trimStart()}\n}`,
      ),
    fc
      .tuple(booleanEvaluation(ctx), body, body)
      .map(([e, on, off]) => `switch (${e}) {\n  case true: {\n${indent(on)}\n    break;\n  }\n  default: {\n${indent(off)}\n  }\n}`),
    fc
      .tuple(c, body, body)
      .map(
        ([cond, on, off]) => `switch (true) {\n  case ${cond}: {\n${indent(on)}\n    break;\n  }\n  default:\n${indent(otherCase(off))}\n}`,
      ),
    fc
      .tuple(variantEvaluation, body, body)
      .map(
        ([e, a, b]) =>
          `switch (${e}) {\n  case 'treatment':\n${indent(a)}\n    break;\n  case 'control':\n  default:\n${indent(otherCase(b))}\n}`,
      ),
    fnBody.map((fn) => `function @F() {\n${fn}\n}\n@F();`),
    fnBody.map((fn) => `const @F = () => {\n${fn}\n};\n@F();`),
    asyncBody.map((fn) => `const @F = async () => {\n${fn}\n};\nvoid @F();`),
    asyncBody.map((fn) => `async function @F(): Promise<unknown> {\n${fn}\n}`),
    fc
      .tuple(condition({ ...ctx, async: false }), body)
      .map(([cond, then]) => `function @F() {\n  return ${cond};\n}\nif (@F()) {\n${then}\n}`),
    fnBody.map((fn) => `items.forEach((item) => {\n${fn}\n});`),
    fnBody.map((fn) => `fetch('/api/config').then(() => {\n${fn}\n});`),
    fnBody.map((fn) => `setTimeout(function () {\n${fn}\n}, 10);`),
    fc
      .tuple(fnBody, asyncBody)
      .map(
        ([method, asyncMethod]) =>
          `class @F {\n  private flags = flags;\n  render() {\n${indent(method)}\n  }\n  async load() {\n${indent(asyncMethod)}\n  }\n}`,
      ),
    fc.tuple(c, body).map(([cond, then]) => `@V: {\n  if (${cond}) break @V;\n${then}\n}`),
    body.map((inside) => `{\n${inside}\n}`),
  ];
  if (ctx.tsx) {
    options.push(
      fc
        .tuple(fnBody, jsxExpression({ ...ctx, fn: true, async: false, loop: false }))
        .map(([fn, jsx]) => `function @F() {\n${fn}\n  return ${jsx};\n}`),
      fc.tuple(c, jsxExpression(ctx)).map(([cond, jsx]) => `const @V = ${cond} ? ${jsx} : null;`),
    );
  }
  if (ctx.fn) options.push(fc.tuple(c, body).map(([cond, then]) => `if (!(${cond})) {\n${then}\n  return;\n}`));
  return fc.oneof(...options);
}

/** A test file's body: test cases that force flags and run code. */
function testCases(ctx: Context, depth: number): fc.Arbitrary<string> {
  const testBody = block({ ...ctx, fn: true, async: false, loop: false }, Math.max(0, depth - 1)).map(indent);
  const testCase = fc
    .tuple(fc.nat(99), override, testBody)
    .map(([n, forced, body]) => `it('case ${n}', () => {\n  ${forced}\n${body}\n});`);
  return fc
    .array(testCase, { minLength: 1, maxLength: 3 })
    .map((cases) => assemble(cases, depth + 1))
    .map((cases) => `describe('flags', () => {\n${indent(cases)}\n});`);
}

export interface GeneratedProgram {
  /** Relative to the fuzz project's root. */
  file: string;
  text: string;
}

export interface ProgramOptions {
  /** Nesting depth of control structures (default 3). */
  depth?: number;
}

/** A whole module: the header, then top-level statements or an exported function (sync or async), as .ts or .tsx, app code or a test. */
export function program(options: ProgramOptions = {}): fc.Arbitrary<GeneratedProgram> {
  const depth = options.depth ?? 3;
  return fc
    .record({ tsx: fc.boolean(), test: fc.boolean(), wrap: fc.constantFrom('module', 'function', 'async', 'component') })
    .chain(({ tsx, test, wrap }) => {
      const file = `src/${test ? 'checkout.test' : 'checkout'}.${tsx ? 'tsx' : 'ts'}`;
      const base: Context = { fn: false, async: false, loop: false, tsx };
      if (test) {
        return testCases(base, depth).map((body) => ({ file, text: `${HEADER}\n${body}\n` }));
      }
      let body: fc.Arbitrary<string>;
      switch (wrap) {
        case 'function':
          body = block({ ...base, fn: true }, depth).map(
            (inside) => `export function run(user: User, ctx: Context) {\n${indent(inside)}\n}`,
          );
          break;
        case 'async':
          body = block({ ...base, fn: true, async: true }, depth).map(
            (inside) => `export async function run(user: User, ctx: Context): Promise<unknown> {\n${indent(inside)}\n}`,
          );
          break;
        case 'component':
          body = tsx
            ? fc
                .tuple(block({ ...base, fn: true }, depth - 1), jsxExpression({ ...base, fn: true }))
                .map(([inside, jsx]) => `export function Checkout(props: Props) {\n${indent(inside)}\n  return ${jsx};\n}`)
            : block(base, depth);
          break;
        default:
          body = block(base, depth);
      }
      return body.map((text) => ({ file, text: `${HEADER}\n${text}\n` }));
    });
}

/*
 * Programs for the differential test of the codemod: one function, `run(log, n)`, whose control
 * flow is labelled blocks, loops (labelled or not), switch, try/catch/finally, break, continue,
 * return and throw, most of them decided by reads of one flag; every side effect is a push to
 * `log`. Every loop is bounded by a counter, so every program ends. Labels and counters are named
 * by depth (`l2`, `i2`): a statement's blocks are one level shallower, so no name nests inside
 * itself, and siblings may reuse one.
 */

/** The flag the differential programs read, through OpenFeature. */
export const FLOW_FLAG = 'alpha';
const FLOW_READ = `client.getBooleanValue('${FLOW_FLAG}', false)`;

interface FlowContext {
  /** Labels of the statements around: `break <label>` may leave them. */
  labels: readonly string[];
  /** Labels of the loops around: `continue <label>` may go on with them. */
  loopLabels: readonly string[];
  /** Inside a loop or switch: a plain `break` is allowed. */
  breakable: boolean;
  /** Inside a loop: a plain `continue` is allowed. */
  loop: boolean;
}

const flowCondition: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(FLOW_READ) },
  fc.constant(`!${FLOW_READ}`),
  fc.constant(`${FLOW_READ} && n > 1`),
  fc.constant(`n > 1 || ${FLOW_READ}`),
  fc.constant(`${FLOW_READ} === true`),
  fc.constant(`${FLOW_READ} !== false`),
  fc.constant('n > 1'),
  fc.constant('n % 2 === 0'),
);

/** A statement that leaves: return, throw, and the break and continue the context allows. */
function flowJump(ctx: FlowContext): fc.Arbitrary<string> {
  const jumps: fc.MaybeWeightedArbitrary<string>[] = [
    fc.nat(9).map((n) => `return 'r${n}';`),
    fc.nat(9).map((n) => `throw new Error('e${n}');`),
  ];
  if (ctx.breakable) jumps.push(fc.constant('break;'));
  if (ctx.loop) jumps.push(fc.constant('continue;'));
  // Labelled breaks are what the codemod got wrong (issue 21): twice as likely.
  if (ctx.labels.length > 0) jumps.push({ weight: 2, arbitrary: fc.constantFrom(...ctx.labels).map((label) => `break ${label};`) });
  if (ctx.loopLabels.length > 0) jumps.push(fc.constantFrom(...ctx.loopLabels).map((label) => `continue ${label};`));
  return fc.oneof(...jumps);
}

function flowBlock(ctx: FlowContext, depth: number): fc.Arbitrary<string> {
  return fc
    .array(flowStatement(ctx, depth), { minLength: 1, maxLength: depth >= 2 ? 2 : 3 })
    .map((statements) => indent(statements.join('\n')));
}

function flowStatement(ctx: FlowContext, depth: number): fc.Arbitrary<string> {
  const log = fc.nat(99).map((n) => `log.push('s${n}');`);
  const jump = flowJump(ctx);
  const simple: fc.Arbitrary<string>[] = [
    log,
    log,
    fc.nat(99).map((n) => `log.push(${FLOW_READ} ? 't${n}' : 'f${n}');`),
    fc.nat(99).map((n) => `log.push((${FLOW_READ} ? 'a' : 'b') === 'a' ? 'x${n}' : 'y${n}');`),
    fc.tuple(flowCondition, jump).map(([condition, then]) => `if (${condition}) ${then}`),
    fc.tuple(flowCondition, jump).map(([condition, then]) => `if (${condition}) ${then}`),
    fc.tuple(flowCondition, jump, log).map(([condition, then, otherwise]) => `if (${condition}) {\n  ${then}\n} else {\n  ${otherwise}\n}`),
    jump,
  ];
  if (depth <= 0) return fc.oneof(...simple);
  const label = `l${depth}`;
  const body = (change: Partial<FlowContext> = {}) => flowBlock({ ...ctx, ...change }, depth - 1);
  const inLoop = (labelled: boolean) =>
    body({
      breakable: true,
      loop: true,
      labels: labelled ? [...ctx.labels, label] : ctx.labels,
      loopLabels: labelled ? [...ctx.loopLabels, label] : ctx.loopLabels,
    });
  const loopHead = fc.constantFrom('', `${label}: `);
  const counter = `c${depth}`;
  return fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...simple) },
    fc.tuple(flowCondition, body()).map(([condition, then]) => `if (${condition}) {\n${then}\n}`),
    fc
      .tuple(flowCondition, body(), body())
      .map(([condition, then, otherwise]) => `if (${condition}) {\n${then}\n} else {\n${otherwise}\n}`),
    { weight: 2, arbitrary: body({ labels: [...ctx.labels, label] }).map((inside) => `${label}: {\n${inside}\n}`) },
    loopHead.chain((head) =>
      inLoop(head !== '').map((inside) => `${head}for (let i${depth} = 0; i${depth} < 2; i${depth}++) {\n${inside}\n}`),
    ),
    fc
      .tuple(loopHead, flowCondition)
      .chain(([head, condition]) =>
        inLoop(head !== '').map(
          (inside) => `{\n  let ${counter} = 0;\n  ${head}while ((${condition}) && ${counter}++ < 2) {\n${indent(inside)}\n  }\n}`,
        ),
      ),
    fc
      .tuple(loopHead, flowCondition)
      .chain(([head, condition]) =>
        inLoop(head !== '').map(
          (inside) => `{\n  let ${counter} = 0;\n  ${head}do {\n${indent(inside)}\n  } while ((${condition}) && ${counter}++ < 1);\n}`,
        ),
      ),
    fc
      .tuple(body({ breakable: true }), body({ breakable: true }), body({ breakable: true }))
      .map(
        ([zero, one, other]) =>
          `switch (n % 3) {\n  case 0:\n${indent(zero)}\n  case 1:\n${indent(one)}\n    break;\n  default:\n${indent(other)}\n}`,
      ),
    fc
      .tuple(body({ breakable: true }), body({ breakable: true }))
      .map(([on, off]) => `switch (${FLOW_READ}) {\n  case true:\n${indent(on)}\n    break;\n  default:\n${indent(off)}\n}`),
    fc.tuple(body(), body()).map(([attempt, always]) => `try {\n${attempt}\n} finally {\n${always}\n}`),
    fc.tuple(body(), body()).map(([attempt, recover]) => `try {\n${attempt}\n} catch {\n  log.push('caught');\n${recover}\n}`),
    fc
      .tuple(body(), body())
      .map(
        ([then, otherwise]) =>
          `{\n  const on${depth} = ${FLOW_READ};\n  if (on${depth}) {\n${indent(then)}\n  } else {\n${indent(otherwise)}\n  }\n  log.push(on${depth} ? 'v' : 'w');\n}`,
      ),
  );
}

/**
 * A module exporting `run(log, n)`, with control flow nested `depth` deep. It is JavaScript but for
 * the `export` (TypeScript takes the parameters as `any`), so it runs without a compiler.
 */
export function flowProgram(depth: number): fc.Arbitrary<string> {
  const top: FlowContext = { labels: [], loopLabels: [], breakable: false, loop: false };
  return flowBlock(top, depth).map((inside) => `export function run(log, n) {\n${inside}\n  return 'end';\n}\n`);
}

/*
 * Test files that force flags with LaunchDarkly's `mockFlags({ … })` (issue 17): the object in
 * every shape code takes, on one line or in Prettier's style (one entry a line, trailing comma),
 * holding the removed flag's entry among others, spreads, shorthands, computed keys, nested
 * objects and comments. The override runs in a `beforeEach`, so no test case is deleted with it.
 */

/** The flag the override programs remove, camelCased as jest-launchdarkly-mock writes it. */
export const OVERRIDE_FLAG = 'dark_mode';

export interface OverrideEntry {
  text: string;
  /** The entry forces the removed flag (it goes; every other entry stays). */
  target: boolean;
}

const targetEntry: fc.Arbitrary<OverrideEntry> = fc
  .tuple(fc.constantFrom('darkMode', "'dark_mode'", '"darkMode"'), fc.boolean())
  .map(([key, on]) => ({ text: `${key}: ${on}`, target: true }));

/** Entries of other flags and other shapes (an object literal holds one entry of a key: TS1117). */
const otherEntry: fc.Arbitrary<OverrideEntry> = fc
  .oneof(
    fc.constantFrom('legacyBanner: false', "'new-checkout-flow': true", 'summerPromo: { enabled: true }'),
    fc.constantFrom('...baseFlags', 'newCheckout', '[K_DARK + suffix]: true', '[PROMO_KEY]: false'),
    fc.constantFrom('nested: { a: 1, b: { c: true, }, }', 'nested: {\n  a: [1, 2,],\n}'),
  )
  .map((text) => ({ text, target: false }));

/** The removed flag's entry somewhere among up to four others. */
const overrideEntries: fc.Arbitrary<OverrideEntry[]> = fc
  .tuple(fc.uniqueArray(otherEntry, { maxLength: 4, selector: (entry) => entry.text.split(':')[0] }), targetEntry, fc.nat())
  .map(([others, target, at]) => [...others.slice(0, at % (others.length + 1)), target, ...others.slice(at % (others.length + 1))]);

const entryComment = fc.constantFrom('', ' // forced for this suite', ' /* why */');

export interface OverrideProgram extends GeneratedProgram {
  /** The entries that must survive the removal, as written. */
  kept: string[];
}

/** A test file whose `beforeEach` forces flags with one `mockFlags` object. */
export function overrideObjectProgram(): fc.Arbitrary<OverrideProgram> {
  const entries = overrideEntries.chain((list) =>
    fc.tuple(...list.map((entry) => fc.tuple(fc.constant(entry), entryComment, fc.boolean()))),
  );
  return fc
    .record({ entries, multiline: fc.boolean(), trailingComma: fc.boolean() })
    .map(({ entries: chosen, multiline, trailingComma }) => {
      const parts = chosen.map(([entry, comment, commentAbove]) => ({
        entry,
        comment: comment.trim(),
        commentAbove: commentAbove && comment.startsWith(' //'),
      }));
      let object: string;
      if (multiline) {
        const lines = parts.flatMap(({ entry, comment, commentAbove }, index) => {
          const comma = index < parts.length - 1 || trailingComma ? ',' : '';
          const body = entry.text.split('\n').join('\n    ');
          if (commentAbove) return [`    ${comment}`, `    ${body}${comma}`];
          return [`    ${body}${comma}${comment === '' ? '' : ` ${comment}`}`];
        });
        object = `{\n${lines.join('\n')}\n  }`;
      } else {
        const inline = parts.map(
          ({ entry, comment }) => `${entry.text.replace(/\n\s*/g, ' ')}${comment.startsWith('/*') ? ` ${comment}` : ''}`,
        );
        object = `{ ${inline.join(', ')}${trailingComma ? ',' : ''} }`;
      }
      const text = [
        HEADER,
        "import { mockFlags } from 'jest-launchdarkly-mock';",
        '',
        'const baseFlags = { searchKillSwitch: true };',
        'const newCheckout = true;',
        "const suffix = '';",
        '',
        'beforeEach(() => {',
        `  mockFlags(${object});`,
        '});',
        '',
        "it('renders', () => {",
        '  render();',
        '});',
        '',
      ].join('\n');
      const kept = parts
        .filter(({ entry }) => !entry.target)
        .map(({ entry }) => (multiline ? entry.text.split('\n')[0]! : entry.text.replace(/\n\s*/g, ' ')));
      return { file: 'src/overrides.test.ts', text, kept };
    });
}
