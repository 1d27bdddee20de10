import { describe, expect, it } from 'vitest';
import { compileAccessor, PatternError } from '../../src/patterns/index.js';
import { analyzeSource } from '../helpers/analyze-source.js';

function patternError(pattern: string | Parameters<typeof compileAccessor>[0]): PatternError {
  try {
    compileAccessor(pattern);
  } catch (error) {
    if (error instanceof PatternError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(pattern)} to be refused`);
}

describe('compileAccessor: what a pattern is', () => {
  it('a call pattern keeps its source, evaluates by default and names the callee chain', () => {
    const accessor = compileAccessor('flags.get($KEY)');
    expect(accessor.source).toBe('flags.get($KEY)');
    expect(accessor.role).toBe('evaluate');
    expect(accessor.matcher).toEqual({ type: 'call', construct: false, callee: ['flags', 'get'], args: [{ type: 'key' }] });
  });

  it('`*.isEnabled($KEY)` has any receiver', () => {
    expect(compileAccessor('*.isEnabled($KEY)').matcher).toMatchObject({ type: 'call', callee: ['*', 'isEnabled'] });
  });

  it('`uiConfig.flags.$KEY` is a member pattern on that chain', () => {
    expect(compileAccessor('uiConfig.flags.$KEY').matcher).toEqual({
      type: 'member',
      object: { type: 'chain', chain: ['uiConfig', 'flags'], destructuredProp: false },
    });
  });

  it('`<IfFeatureEnabled feature={$KEY} />` is a JSX attribute pattern', () => {
    expect(compileAccessor('<IfFeatureEnabled feature={$KEY} />').matcher).toEqual({
      type: 'jsx',
      element: 'IfFeatureEnabled',
      attribute: 'feature',
      value: { type: 'key' },
    });
  });

  it('`{ flag: $KEY }` is an object-literal pattern (issue 16 item 6)', () => {
    const accessor = compileAccessor('{ flag: $KEY }');
    expect(accessor.matcher).toEqual({ type: 'object', properties: { flag: { type: 'key' } } });
    expect(accessor.names).toEqual(['flag']);
  });

  it('`useFlagEvaluator()($KEY)` calls the result of a call (issue 16 item 7)', () => {
    const accessor = compileAccessor('useFlagEvaluator()($KEY)');
    expect(accessor.matcher).toEqual({
      type: 'call',
      construct: false,
      callee: [],
      calleeCall: { type: 'call', construct: false, callee: ['useFlagEvaluator'], args: [] },
      args: [{ type: 'key' }],
    });
    expect(accessor.names).toEqual(['useFlagEvaluator']);
  });

  it('an override pattern with $STATE has the override role', () => {
    const accessor = compileAccessor({ pattern: 'flags.override($KEY, $STATE)', role: 'override' });
    expect(accessor.role).toBe('override');
    expect(accessor.matcher).toMatchObject({ args: [{ type: 'key' }, { type: 'state' }] });
  });

  it('`…` stands for arguments the pattern does not name', () => {
    expect(compileAccessor('isFeatureEnabled(flags.get($KEY), …)').matcher).toMatchObject({
      callee: ['isFeatureEnabled'],
      args: [{ type: 'call', callee: ['flags', 'get'], args: [{ type: 'key' }] }],
    });
  });
});

describe('compileAccessor: what a pattern weighs and asks of a text', () => {
  // specificity: one per part, plus the names of call and member chains, plus one more for an element.
  it.each([
    ['isFeatureEnabled(flags.get($KEY), …)', 6, ['isFeatureEnabled', 'flags', 'get'], 1, false],
    ['uiConfig.flags.$KEY', 3, ['uiConfig', 'flags'], 1, false],
    ['*.flag($KEY).variationForAll($STATE)', 7, ['variationForAll', 'flag'], 2, false],
    ['mockFlags({ $KEY: $STATE })', 4, ['mockFlags'], 0, true],
    ['new Map([[$KEY, $STATE]])', 6, ['Map'], 0, true],
    // A JSX attribute's object asks for its property names, as a call argument's does.
    ['<FlagsmithProvider serverState={{ flags: { $KEY: { enabled: $STATE } } }} />', 6, ['FlagsmithProvider', 'flags', 'enabled'], 0, true],
    ['<Gate on={flags.get($KEY)} />', 6, ['Gate', 'flags', 'get'], 1, false],
  ])('%s: specificity %i, names %j, %i member shapes, many keys %s', (pattern, specificity, names, shapes, manyKeys) => {
    const accessor = compileAccessor({ pattern, role: pattern.includes('$STATE') ? 'override' : 'evaluate' });
    expect(accessor.specificity).toBe(specificity);
    expect(accessor.names).toEqual(names);
    expect(accessor.shapes).toHaveLength(shapes);
    expect(accessor.manyKeys).toBe(manyKeys);
  });
});

describe('compileAccessor: destructuredProp', () => {
  it('marks a two-name member chain; the props name is not asked of the text', () => {
    const accessor = compileAccessor({ pattern: 'props.flags.$KEY', destructuredProp: true });
    expect(accessor.matcher).toEqual({ type: 'member', object: { type: 'chain', chain: ['props', 'flags'], destructuredProp: true } });
    expect(accessor.names).toEqual(['flags']);
    expect(compileAccessor('props.flags.$KEY').names).toEqual(['props', 'flags']);
  });

  it.each(['useFlags().$KEY', 'a.props.flags.$KEY', 'flags.$KEY', '*.flags.$KEY', 'flags.get($KEY)', '<Gate flag={$KEY} />'])(
    'is refused on %s',
    (pattern) => {
      expect(patternError({ pattern, destructuredProp: true }).message).toBe(
        'has destructuredProp, which needs a member pattern on two names, like props.flags.$KEY',
      );
    },
  );

  it('matches a prop destructured from the first parameter only when set, whatever the props parameter is called', () => {
    const code = `
      export const A = (props) => props.flags.from_props;
      export function B({ flags }) { return flags.destructured; }
      export function C(first, { flags }) { return flags.second_parameter; }
    `;
    const keys = (accessor: Parameters<typeof compileAccessor>[0]) =>
      analyzeSource(code, { accessors: [accessor] })
        .summary()
        .map((reference) => reference.key);
    expect(keys('props.flags.$KEY')).toEqual(['from_props']);
    expect(keys({ pattern: 'props.flags.$KEY', destructuredProp: true })).toEqual(['destructured', 'from_props']);
    expect(keys({ pattern: 'ownProps.flags.$KEY', destructuredProp: true })).toEqual(['destructured']);
  });

  // Found on novu: a command-line parser's options, destructured as `{ input, flags }`, read as flags.
  it('matches only in a component: named with a capital, or unnamed and rendering JSX', () => {
    const code = `
      async function parseCli({ input, flags }) { return { root: flags.root }; }
      const readArgs = ({ flags }) => flags.verbose;
      export const Banner = ({ flags }) => (flags.new_banner ? 1 : 0);
      export const Promo = withLDConsumer()(({ flags }) => <div>{flags.promo_v2 && <New />}</div>);
      export const Quiet = withLDConsumer()(({ flags }) => flags.not_rendering);
    `;
    const keys = analyzeSource(code, { accessors: [{ pattern: 'props.flags.$KEY', destructuredProp: true }] })
      .summary()
      .map((reference) => reference.key);
    expect(keys).toEqual(['new_banner', 'promo_v2']);
  });
});

describe('compileAccessor: patterns it refuses', () => {
  it('a pattern without $KEY', () => {
    const error = patternError('flags.get(name)');
    expect(error.pattern).toBe('flags.get(name)');
    expect(error.message).toMatch(/no \$KEY/);
  });

  it('a pattern with two $KEY', () => {
    expect(patternError('flags.both($KEY, $KEY)').message).toMatch(/more than one \$KEY/);
  });

  it('an override without $STATE', () => {
    expect(patternError({ pattern: 'flags.override($KEY)', role: 'override' }).message).toMatch(/\$STATE/);
  });

  it('a pattern that does not parse', () => {
    const error = patternError('flags.get($KEY');
    expect(error).toBeInstanceOf(PatternError);
    expect(error.message).toMatch(/does not parse/);
  });

  it('a pattern that is not a call, a member access, JSX or an object literal', () => {
    expect(patternError('$KEY + 1').message).toBe(
      'must be a call, a member access, a JSX element or an object literal, not binary expression',
    );
  });

  it('an object pattern whose every property is a key: it would take any object for flags', () => {
    expect(patternError('{ $KEY: true }').message).toBe('an object pattern names the property holding the key, like { flag: $KEY }');
  });

  it('a name longer than 256 characters, wherever the pattern writes it (V8 cannot compile a prefilter holding 32,000)', () => {
    const long = 'x'.repeat(100_000);
    for (const pattern of [
      `${long}.get($KEY)`,
      `flags.${long}($KEY)`,
      `${long}.flags.$KEY`,
      `<${long} feature={$KEY} />`,
      `new X({ '${'p'.repeat(300)}': $KEY })`,
    ]) {
      expect(patternError(pattern).message, pattern.slice(0, 40)).toMatch(
        /^has a name of \d+ characters \("[^"]{20}…"\); a name is at most 256$/,
      );
    }
    expect(compileAccessor(`${'x'.repeat(256)}.get($KEY)`).names).toEqual(['x'.repeat(256), 'get']);
  });
});

describe('accessor patterns against code (CONTRACTS.md)', () => {
  it('`flags.get($KEY)` matches the end of a member chain and ignores unnamed arguments', () => {
    const analysis = analyzeSource(
      `
      flags.get('plain');
      this.flags.get('on_this');
      ctx.flags.get('on_ctx', { userId: 'u1' });
      flagsget('not_a_match');
      flags.getAll('not_a_match_either');
      `,
      { accessors: ['flags.get($KEY)'] },
    );
    expect(analysis.summary().map((reference) => reference.key)).toEqual(['on_ctx', 'on_this', 'plain']);
  });

  it('`{ flag: $KEY }` finds the key of route and menu entries; the entry is what the flag gates', () => {
    const analysis = analyzeSource(
      `
      export const routes = [
        { path: '/replay', flag: 'session_replay', component: Replay },
        { path: '/home', component: Home },
        { path: '/beta', component: Beta, flag: 'beta_nav' },
      ];
      `,
      { accessors: ['{ flag: $KEY }'] },
    );
    expect(analysis.summary().map((reference) => reference.key)).toEqual(['beta_nav', 'session_replay']);
    expect(analysis.references.map((reference) => analysis.textOf(reference.valueRange))).toEqual([
      "{ path: '/replay', flag: 'session_replay', component: Replay }",
      "{ path: '/beta', component: Beta, flag: 'beta_nav' }",
    ]);
    expect(analysis.decisions).toEqual([]);
  });

  it('`useFlagEvaluator()($KEY)` matches the call of the result, there or through a const bound to it', () => {
    const analysis = analyzeSource(
      `
      const isOn = useFlagEvaluator();
      const show = isOn('new_nav');
      const dark = useFlagEvaluator()('dark_mode');
      const other = makeOther();
      other('not_a_flag');
      useFlagEvaluator('not_a_key_either');
      `,
      { accessors: ['useFlagEvaluator()($KEY)'] },
    );
    expect(analysis.summary().map((reference) => reference.key)).toEqual(['dark_mode', 'new_nav']);
  });

  it('`*.isEnabled($KEY)` matches any receiver but not a bare call', () => {
    const analysis = analyzeSource(
      `
      unleash.isEnabled('a');
      this.client.isEnabled('b');
      getClient().isEnabled('c');
      isEnabled('bare');
      `,
      { accessors: ['*.isEnabled($KEY)'] },
    );
    expect(analysis.summary().map((reference) => reference.key)).toEqual(['a', 'b', 'c']);
  });

  it("`uiConfig.flags.$KEY` takes the key from `.x`, `['x']` and `[CONST]`", () => {
    const analysis = analyzeSource(
      `
      const DARK = 'dark-mode';
      const a = uiConfig.flags.newCheckout;
      const b = uiConfig.flags['beta-banner'];
      const c = uiConfig.flags[DARK];
      `,
      { accessors: ['uiConfig.flags.$KEY'] },
    );
    expect(analysis.summary().map((reference) => reference.key)).toEqual(['beta-banner', 'dark-mode', 'newCheckout']);
  });

  it('a JSX pattern reads a string attribute or an expression', () => {
    const analysis = analyzeSource(
      `
      const KEY = 'express-pay';
      export const A = () => <IfFeatureEnabled feature="new-checkout"><Checkout /></IfFeatureEnabled>;
      export const B = () => <IfFeatureEnabled feature={KEY}><Pay /></IfFeatureEnabled>;
      `,
      { accessors: ['<IfFeatureEnabled feature={$KEY} />'] },
    );
    expect(analysis.summary().map((reference) => reference.key)).toEqual(['express-pay', 'new-checkout']);
  });

  it("`useUiFlag($KEY)` as in the contracts' example config", () => {
    const analysis = analyzeSource(`export function Nav() { return useUiFlag('nav-v2') ? <NavV2 /> : <Nav1 />; }`, {
      accessors: ['useUiFlag($KEY)'],
    });
    const decision = analysis.decisionOf('nav-v2');
    expect(analysis.regionText(decision, 'on')).toBe('<NavV2 />');
    expect(analysis.regionText(decision, 'off')).toBe('<Nav1 />');
  });

  it('an override forces the state its $STATE says: true/false, or an object with enabled / rolloutPercentage', () => {
    const analysis = analyzeSource(
      `
      flags.override('literal_on', true);
      flags.override('literal_off', false);
      flags.override('object_on', { enabled: true, rolloutPercentage: 100 });
      flags.override('object_enabled', { enabled: true });
      flags.override('object_off', { enabled: false });
      flags.override('object_zero', { enabled: true, rolloutPercentage: 0 });
      flags.override('object_killed', { killSwitch: true });
      flags.override('object_partial', { enabled: true, rolloutPercentage: 10 });
      flags.override('from_variable', state);
      `,
      { accessors: [{ pattern: 'flags.override($KEY, $STATE)', role: 'override' }], test: true },
    );
    expect(analysis.summary()).toEqual([
      { key: 'from_variable', role: 'override', state: 'unknown' },
      { key: 'literal_off', role: 'override', state: 'off' },
      { key: 'literal_on', role: 'override', state: 'on' },
      { key: 'object_enabled', role: 'override', state: 'on' },
      { key: 'object_killed', role: 'override', state: 'off' },
      { key: 'object_off', role: 'override', state: 'off' },
      { key: 'object_on', role: 'override', state: 'on' },
      { key: 'object_partial', role: 'override', state: 'unknown' },
      { key: 'object_zero', role: 'override', state: 'off' },
    ]);
  });

  it('`via` names the pattern that found a reference', () => {
    const analysis = analyzeSource(`unleash.isEnabled('a');`, { accessors: ['*.isEnabled($KEY)'] });
    expect(analysis.references.map((reference) => reference.via)).toEqual(['*.isEnabled($KEY)']);
  });
});
