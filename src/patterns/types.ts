import type { Node } from '../detect/ast.js';
import type { Binding } from '../detect/scope.js';

/** What a matched expression does: evaluate a flag, or (in tests) force its state. */
export type AccessorRole = 'evaluate' | 'override';

/** How a key written in code maps to a manifest key; `camelCase` matches `new-checkout` as `newCheckout`. */
export type KeyCase = 'exact' | 'camelCase';

/**
 * What an evaluation returns, which decides how its use is read:
 * - `boolean`: on/off (truthy is on);
 * - `value`: a variant or typed value (compared or switched on, not on/off);
 * - `flag`: the flag object or undefined (a lookup: `.enabled`, `.killSwitch`; missing is the off path);
 * - `details` / `boolean-details`: an evaluation result with `.value` (a value, or a boolean), `.on`, `.enabled`, `.off`;
 * - `bag`: an object holding many flags (`useFlags()`), read through member patterns.
 */
export type AccessorReturns = 'boolean' | 'value' | 'flag' | 'details' | 'boolean-details' | 'bag';

export interface AccessorOptions {
  pattern: string;
  role?: AccessorRole;
  keyCase?: KeyCase;
  returns?: AccessorReturns;
  /** The accessor answers "is it off" (GrowthBook's `isOff`): truthy means off. */
  negated?: boolean;
  /** The accessor returns a promise: it cannot serve an instant (local) kill switch. */
  async?: boolean;
  /**
   * Modules the pattern's root name must be imported from (`useFlag` from `@unleash/proxy-client-react`),
   * so SDKs that share a name (`useFlag`, `useFlags`, `isEnabled`) are told apart. `*` receivers are not gated.
   */
  imports?: readonly string[];
  /**
   * For a member pattern on two names (`props.flags.$KEY`): the first is a component's props, so the
   * second destructured from the component's first parameter (`({ flags }) => flags.x`) matches too.
   */
  destructuredProp?: boolean;
}

/** An accessor as written in settings: a code-shaped pattern, or one with options. */
export type AccessorSetting = string | AccessorOptions;

/** One argument (or nested part of an argument) of a pattern. */
export type ArgumentMatcher =
  | { type: 'key' }
  | { type: 'state' }
  /** Something must be there; what it is does not matter. */
  | { type: 'any' }
  /** `{ $KEY: V }`: every property of an object is a key, its value matched against V. */
  | { type: 'each-entry'; value: ArgumentMatcher }
  /** `{ name: V, … }`: an object with these properties. */
  | { type: 'object'; properties: Readonly<Record<string, ArgumentMatcher>> }
  /** `[V]`: every element of an array matched against V. */
  | { type: 'each-element'; element: ArgumentMatcher }
  /** `[A, B]`: an array whose first elements match A and B (a Map entry). */
  | { type: 'tuple'; elements: readonly ArgumentMatcher[] }
  | CallMatcher;

export interface CallMatcher {
  type: 'call';
  /** `new X(…)` rather than `X(…)`. */
  construct: boolean;
  /** The callee's member chain, matched against the end of the code's chain; `*` is any receiver. */
  callee: readonly string[];
  /**
   * For a fluent chain (`td.flag($KEY).variationForAll($STATE)`): the call the chain starts from;
   * any number of calls may sit between it and `callee`.
   */
  receiver?: CallMatcher;
  /**
   * For a call of a call's result (`useFlagEvaluator()($KEY)`): the call whose result is called,
   * there or through a const bound to it (`const isOn = useFlagEvaluator(); isOn('x')`); `callee` is then empty.
   */
  calleeCall?: CallMatcher;
  args: readonly ArgumentMatcher[];
}

/** The object of a member pattern written as names: `uiConfig.flags` of `uiConfig.flags.$KEY`. */
export interface ChainObject {
  type: 'chain';
  chain: readonly string[];
  /** The chain is `props.<name>` of a component, also read destructured: see `AccessorOptions.destructuredProp`. */
  destructuredProp: boolean;
}

export interface MemberMatcher {
  type: 'member';
  /** The object: a member chain matched against the end of the code's chain, or a call. */
  object: ChainObject | CallMatcher;
}

export interface JsxMatcher {
  type: 'jsx';
  /** The element name, dotted for `<Flags.On>`. */
  element: string;
  attribute: string;
  value: ArgumentMatcher;
}

/**
 * `{ flag: $KEY }`: an object literal with these properties (a route or menu entry), the key one
 * of them; the object is what the flag gates.
 */
export type ObjectMatcher = Extract<ArgumentMatcher, { type: 'object' }>;

export type Matcher = CallMatcher | MemberMatcher | JsxMatcher | ObjectMatcher;

/**
 * What a parameter receives: the arguments every call of its function in this file passes it,
 * or undefined when that is not known (the detector answers; the patterns cannot see calls).
 */
export type ArgumentsOf = (parameter: Binding) => readonly Node[] | undefined;

/** Any part of a compiled pattern: the whole, or something nested in it. */
export type PatternPart = Matcher | ArgumentMatcher;

export interface CompiledAccessor {
  /** The pattern as written: what `via` names for a reference it finds. */
  source: string;
  role: AccessorRole;
  keyCase: KeyCase;
  returns: AccessorReturns;
  negated: boolean;
  async: boolean;
  imports: readonly string[];
  /**
   * The `imports` entries that name a file of the project (relative to the config file), as paths
   * relative to the root: an import that resolves to one passes however it is spelt
   * (`'../../hooks/useFlags'`, an alias `'src/hooks/useFlags'`). Set by `withImportModules`.
   */
  importModules: readonly string[];
  matcher: Matcher;
  /** The key sits inside `{ $KEY: … }` or `[…]`: one match finds many keys, and its value is no single flag's. */
  manyKeys: boolean;
  /** How many things the pattern requires: the more specific of two patterns matching one key wins. */
  specificity: number;
  /** Identifier names that must all appear in a file's text for this pattern to match anywhere in it. */
  names: readonly string[];
  /**
   * Member calls the text must hold, as written (`flags.get`, `.isEnabled`, also `?.` and `['get']`):
   * much tighter than the names alone, since `get` is everywhere.
   */
  shapes: readonly RegExp[];
}

/** A pattern that cannot be compiled; `message` says why, in terms of the pattern. */
export class PatternError extends Error {
  constructor(
    readonly pattern: string,
    message: string,
  ) {
    super(message);
    this.name = 'PatternError';
  }
}
