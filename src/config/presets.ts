import { compileAccessor, type AccessorOptions, type AccessorSetting, type CompiledAccessor } from '../patterns/index.js';
import type { PresetName } from './schema.js';

/*
 * Accessor patterns of each SDK's documented API (server, web and React flavours, and the test
 * helpers that force a state). Names that several SDKs share (`useFlag`, `useFlags`, `isEnabled`,
 * `getVariant`) are gated on the SDK's import, so one preset does not claim another's calls.
 * A promise-returning server call is caught by its `await` (the same method names are
 * synchronous in browser SDKs); the few shapes that only exist on servers are marked async.
 */

const OPENFEATURE_REACT = ['@openfeature/react-sdk'];
const LAUNCHDARKLY_REACT = ['launchdarkly-react-client-sdk', '@launchdarkly/react-sdk'];
const UNLEASH_NODE = ['unleash-client'];
const UNLEASH_REACT = ['@unleash/proxy-client-react'];
const GROWTHBOOK_REACT = ['@growthbook/growthbook-react'];
const FLAGSMITH_REACT = ['flagsmith/react'];

function each(names: readonly string[], make: (name: string) => AccessorOptions): AccessorOptions[] {
  return names.map(make);
}

export const PRESETS: Record<PresetName, readonly AccessorSetting[]> = {
  // The hygiene article's own code: a flags store and its isFeatureEnabled helper.
  seed: [
    { pattern: 'flags.get($KEY)', returns: 'flag' },
    'isFeatureEnabled(flags.get($KEY), …)',
    { pattern: 'flags.override($KEY, $STATE)', role: 'override' },
  ],

  openfeature: [
    // Clients from OpenFeature.getClient() (server, async) and the web SDK (sync): key, default, …
    { pattern: '*.getBooleanValue($KEY, $DEFAULT)', returns: 'boolean' },
    ...each(['getStringValue', 'getNumberValue', 'getObjectValue'], (m) => ({ pattern: `*.${m}($KEY, $DEFAULT)`, returns: 'value' })),
    { pattern: '*.getBooleanDetails($KEY, $DEFAULT)', returns: 'boolean-details' },
    ...each(['getStringDetails', 'getNumberDetails', 'getObjectDetails'], (m) => ({
      pattern: `*.${m}($KEY, $DEFAULT)`,
      returns: 'details',
    })),
    // React hooks.
    { pattern: 'useBooleanFlagValue($KEY, $DEFAULT)', returns: 'boolean' },
    ...each(['useStringFlagValue', 'useNumberFlagValue', 'useObjectFlagValue'], (m) => ({
      pattern: `${m}($KEY, $DEFAULT)`,
      returns: 'value',
    })),
    { pattern: 'useBooleanFlagDetails($KEY, $DEFAULT)', returns: 'boolean-details' },
    ...each(['useStringFlagDetails', 'useNumberFlagDetails', 'useObjectFlagDetails'], (m) => ({
      pattern: `${m}($KEY, $DEFAULT)`,
      returns: 'details',
    })),
    { pattern: 'useFlag($KEY, $DEFAULT)', returns: 'details', imports: OPENFEATURE_REACT },
    { pattern: 'useSuspenseFlag($KEY, $DEFAULT)', returns: 'details', imports: OPENFEATURE_REACT },
    { pattern: '<FeatureFlag flagKey={$KEY} />', imports: OPENFEATURE_REACT },
    // Tests.
    { pattern: '<OpenFeatureTestProvider flagValueMap={{ $KEY: $STATE }} />', role: 'override' },
    { pattern: 'new InMemoryProvider({ $KEY: $STATE })', role: 'override' },
    { pattern: '*.putConfiguration({ $KEY: $STATE })', role: 'override' },
  ],

  launchdarkly: [
    // Server SDK (key, context, default) returns promises; the browser client (key, default) does not.
    { pattern: '*.variation($KEY, $CONTEXT, $DEFAULT)', returns: 'value', async: true },
    { pattern: '*.variation($KEY)', returns: 'value' },
    { pattern: '*.boolVariation($KEY, $CONTEXT, $DEFAULT)', returns: 'boolean', async: true },
    { pattern: '*.boolVariation($KEY)', returns: 'boolean' },
    ...each(['stringVariation', 'numberVariation', 'jsonVariation', 'migrationVariation'], (m) => ({
      pattern: `*.${m}($KEY, $CONTEXT, $DEFAULT)`,
      returns: 'value',
      async: true,
    })),
    ...each(['stringVariation', 'numberVariation', 'jsonVariation'], (m) => ({ pattern: `*.${m}($KEY)`, returns: 'value' })),
    { pattern: '*.variationDetail($KEY, $CONTEXT, $DEFAULT)', returns: 'details', async: true },
    { pattern: '*.variationDetail($KEY)', returns: 'details' },
    { pattern: '*.boolVariationDetail($KEY, $CONTEXT, $DEFAULT)', returns: 'boolean-details', async: true },
    { pattern: '*.boolVariationDetail($KEY)', returns: 'boolean-details' },
    // React SDK v3: useFlags() exposes camelCased keys; v4 hooks take the key.
    { pattern: 'useFlags().$KEY', keyCase: 'camelCase', imports: LAUNCHDARKLY_REACT },
    // withLDConsumer() injects the same camelCased flags as a prop.
    { pattern: 'props.flags.$KEY', keyCase: 'camelCase', destructuredProp: true },
    { pattern: 'useBoolVariation($KEY, $DEFAULT)', returns: 'boolean' },
    ...each(['useStringVariation', 'useNumberVariation', 'useJsonVariation'], (m) => ({
      pattern: `${m}($KEY, $DEFAULT)`,
      returns: 'value',
    })),
    { pattern: 'useBoolVariationDetail($KEY, $DEFAULT)', returns: 'boolean-details' },
    ...each(['useStringVariationDetail', 'useNumberVariationDetail', 'useJsonVariationDetail'], (m) => ({
      pattern: `${m}($KEY, $DEFAULT)`,
      returns: 'details',
    })),
    // Tests: jest-launchdarkly-mock (keys in any case), the server TestData, the client test plugin.
    { pattern: 'mockFlags({ $KEY: $STATE })', role: 'override', keyCase: 'camelCase' },
    ...each(['variationForAll', 'valueForAll', 'on', 'fallthroughVariation'], (m) => ({
      pattern: `*.flag($KEY).${m}($STATE)`,
      role: 'override',
    })),
    { pattern: 'new TestData({ $KEY: $STATE })', role: 'override' },
    ...each(['setBool', 'setString'], (m) => ({ pattern: `*.${m}($KEY, $STATE)`, role: 'override' })),
  ],

  unleash: [
    // Node SDK and browser client: instance methods; the Node module-level functions.
    { pattern: '*.isEnabled($KEY)', returns: 'boolean' },
    { pattern: 'isEnabled($KEY)', returns: 'boolean', imports: UNLEASH_NODE },
    { pattern: '*.getVariant($KEY)', returns: 'details' },
    { pattern: 'getVariant($KEY)', returns: 'details', imports: UNLEASH_NODE },
    { pattern: '*.forceGetVariant($KEY)', returns: 'details' },
    // React SDK.
    { pattern: 'useFlag($KEY)', returns: 'boolean', imports: UNLEASH_REACT },
    { pattern: 'useVariant($KEY)', returns: 'details', imports: UNLEASH_REACT },
    // Tests: bootstrapped clients.
    { pattern: 'new UnleashClient({ bootstrap: [{ name: $KEY, enabled: $STATE }] })', role: 'override' },
    { pattern: '<FlagProvider config={{ bootstrap: [{ name: $KEY, enabled: $STATE }] }} />', role: 'override' },
    ...each(['Unleash'], (c) => ({ pattern: `new ${c}({ bootstrap: { data: [{ name: $KEY, enabled: $STATE }] } })`, role: 'override' })),
    ...each(['initialize', 'startUnleash'], (f) => ({
      pattern: `${f}({ bootstrap: { data: [{ name: $KEY, enabled: $STATE }] } })`,
      role: 'override',
      imports: UNLEASH_NODE,
    })),
  ],

  growthbook: [
    { pattern: '*.isOn($KEY)', returns: 'boolean' },
    { pattern: '*.isOff($KEY)', returns: 'boolean', negated: true },
    { pattern: '*.getFeatureValue($KEY, $FALLBACK)', returns: 'value' },
    { pattern: '*.evalFeature($KEY)', returns: 'details' },
    { pattern: 'useFeatureIsOn($KEY)', returns: 'boolean' },
    { pattern: 'useFeatureValue($KEY, $FALLBACK)', returns: 'value' },
    { pattern: 'useFeature($KEY)', returns: 'details', imports: GROWTHBOOK_REACT },
    { pattern: '<IfFeatureEnabled feature={$KEY} />' },
    { pattern: '<FeatureString feature={$KEY} />', returns: 'value' },
    // Tests: forced values and inline feature definitions.
    { pattern: '*.setForcedFeatures(new Map([[$KEY, $STATE]]))', role: 'override' },
    ...each(['GrowthBook', 'GrowthBookClient'], (c) => ({
      pattern: `new ${c}({ forcedFeatureValues: new Map([[$KEY, $STATE]]) })`,
      role: 'override',
    })),
    { pattern: 'new GrowthBook({ features: { $KEY: { defaultValue: $STATE } } })', role: 'override' },
    { pattern: '*.setFeatures({ $KEY: { defaultValue: $STATE } })', role: 'override' },
  ],

  flagsmith: [
    // Browser client (the flagsmith singleton or useFlagsmith()) and the Node Flags object.
    { pattern: '*.hasFeature($KEY)', returns: 'boolean' },
    { pattern: 'flagsmith.getValue($KEY)', returns: 'value' },
    { pattern: 'useFlagsmith().getValue($KEY)', returns: 'value' },
    { pattern: '*.isFeatureEnabled($KEY)', returns: 'boolean' },
    { pattern: '*.getFeatureValue($KEY)', returns: 'value' },
    { pattern: '*.getFlag($KEY)', returns: 'details' },
    // React: useFlags(['a', 'b']) names the flags; flags.a.enabled reads one.
    { pattern: 'useFlags([$KEY])', imports: FLAGSMITH_REACT },
    { pattern: 'useFlags().$KEY', returns: 'details', imports: FLAGSMITH_REACT },
    // Tests: default flags and server state.
    { pattern: '*.init({ defaultFlags: { $KEY: { enabled: $STATE } } })', role: 'override' },
    { pattern: '*.setState({ flags: { $KEY: { enabled: $STATE } } })', role: 'override' },
    { pattern: '<FlagsmithProvider serverState={{ flags: { $KEY: { enabled: $STATE } } }} />', role: 'override' },
    { pattern: '<FlagsmithProvider options={{ defaultFlags: { $KEY: { enabled: $STATE } } }} />', role: 'override' },
  ],
};

const compiled = new Map<PresetName, readonly CompiledAccessor[]>();

/** A preset's compiled patterns; compiled once per process. */
export function presetAccessors(name: PresetName): readonly CompiledAccessor[] {
  let accessors = compiled.get(name);
  if (accessors === undefined) {
    accessors = PRESETS[name].map((setting) => compileAccessor(setting));
    compiled.set(name, accessors);
  }
  return accessors;
}
