import type { AccessorReturns, AccessorRole, KeyCase } from '../patterns/index.js';

/**
 * Per-file facts: what one analysis of one file finds. Plain data (JSON-serialisable), so the
 * scanner can cache it and the ESLint rules and the scanner read the very same thing.
 * Lines are 1-based, columns 1-based (as ESLint prints them), ranges are [start, end) offsets.
 */
export type Range = readonly [number, number];

export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A name imported from another module: `import { FLAGS } from './flags'` then `FLAGS.NEW`. */
export interface ImportedName {
  source: string;
  /** The exported name; `default` for a default import, `*` for the namespace itself. */
  name: string;
  /** Properties read off it, e.g. `['NEW']` for `FLAGS.NEW`. */
  path: readonly string[];
}

/** What a key expression resolves to, as far as this file alone can tell. */
export type KeyRef = { kind: 'static'; key: string } | { kind: 'dynamic'; text: string } | ({ kind: 'imported' } & ImportedName);

export type OverrideState = 'on' | 'off' | 'unknown';

/** An argument of a possible wrapper call; `parameter` when it is a parameter of the enclosing function (forwarded). */
export type CandidateArgument = KeyRef | { kind: 'parameter'; index: number; functionId: number };

/** How the flag's value is used where it is evaluated (see AccessorReturns). */
export type ValueKind = AccessorReturns;

export interface FlagReference {
  id: number;
  key: KeyRef;
  keyCase: KeyCase;
  role: AccessorRole;
  /** The accessor pattern, or the wrapper function (`useFlag` or `flags.ts#useFlag`), that made this a reference. */
  via: string;
  /** The key expression as written (`'new-checkout'`, `FLAGS.NEW`), for messages. */
  keyText: string;
  /** Where the key is written (what a rule reports). */
  range: Range;
  loc: Location;
  /** The whole evaluation: the call, member access or element (what a fix rewrites). */
  valueRange: Range;
  valueKind: ValueKind;
  /** The accessor answers "is it off" (GrowthBook's isOff). */
  negated: boolean;
  /** Evaluated through `await`, or an accessor marked async: not an instant kill switch. */
  awaited: boolean;
  asyncAccessor: boolean;
  /** For a lookup: a field is read off the result without `?.` or a check of the result. */
  uncheckedLookup?: Range;
  /** Inside the callback of a call that looks like network I/O (fetch, axios, http …). */
  insideNetworkCallback: boolean;
  /**
   * Where the evaluation can be replaced by a constant: an expression that is truthy exactly when
   * the flag is on (`whenOn: true`) or exactly when it is off. The codemod folds these.
   */
  folds?: { range: Range; whenOn: boolean }[];
  /** Clock or random reads flowing into the key or the evaluation's arguments (`Math.random()`, `Date.now()` …). */
  nondeterministic?: { text: string; range: Range; loc: Location }[];
  /** For overrides: the state the test forces. */
  state?: OverrideState;
  /** The key is not written here: the call goes through a wrapper with a fixed key (`isNewCheckout()`). */
  indirect?: boolean;
  /** The function (index into `functions`) that contains this reference, if any. */
  functionId?: number;
}

/**
 * A call to an imported function (or to a local function returning such a call) that is a flag
 * evaluation if that function turns out to be a wrapper: the module graph decides, and resolution
 * turns the confirmed ones into references. Not a reference in the facts: it has no key yet.
 */
export interface WrapperCall {
  /** Its index in `wrapperCalls`. */
  id: number;
  /** The name it is called by: the imported function's (`isOn`, `flags.isOn`) or the local function's. */
  via: string;
  /** The call as written. */
  text: string;
  /** The whole call. */
  range: Range;
  loc: Location;
  callee: ImportedName;
  args: readonly CandidateArgument[];
  argStates: readonly OverrideState[];
  /** Where each argument is written, so a key argument can be reported (and fixed) in place. */
  argSpans: readonly { range: Range; loc: Location; text: string }[];
  /** Called through a local function returning that call (`const isX = () => isOn('x')`): its name, and whether it negates. */
  through?: { name: string; negated: boolean };
  /** As for a reference: evaluated through `await`, inside a network callback, where it folds. */
  awaited: boolean;
  insideNetworkCallback: boolean;
  folds?: { range: Range; whenOn: boolean }[];
  functionId?: number;
}

/** Which state of the flag holds whenever a region runs. */
export type RegionState = 'on' | 'off' | 'missing' | 'variant';

export interface Region {
  range: Range;
  state: RegionState;
  /** What the region is, for messages: the consequent, the else branch, the rest of the block … */
  kind: 'operand' | 'consequent' | 'alternate' | 'rest' | 'case' | 'default' | 'body' | 'children';
  /** For a switch case: the case's test as written. */
  label?: string;
}

export type DecisionKind = 'if' | 'conditional' | 'logical' | 'jsx' | 'switch' | 'loop' | 'jsx-component';

/** What a decision is, whatever reads the flag. */
interface DecisionFields {
  id: number;
  kind: DecisionKind;
  /** The decided construct (the if statement, the conditional expression …). */
  range: Range;
  /** The condition that reads the flag (or the site itself for value-position logic). */
  conditionRange: Range;
  loc: Location;
  /** Where the flag's value was read: the evaluation, or the read of a decision variable. */
  siteRange: Range;
  regions: readonly Region[];
  /** An `if` whose consequent falls through with no else: the off path is implicit. */
  fallsThrough: boolean;
  /** `flag && x` used as a value: when off, the value is the flag's own falsy value. */
  offYieldsFlagValue: boolean;
  /** Rendered in JSX (short-circuit or conditional). */
  inJsx: boolean;
  /** Through a decision variable (`const useNew = …; if (useNew)`), its name. */
  variable?: string;
  /** Variables assigned or declared inside its regions (`algorithm = 'v2'`): values derived from the decision. */
  assigned: string[];
  functionId?: number;
}

/** A place where a flag's value decides which code runs; `reference` is the index of the reference read. */
export interface FlagDecision extends DecisionFields {
  reference: number;
}

/** A decision on the value of a possible wrapper call: kept, as a FlagDecision, if resolution confirms the call. */
export interface WrapperCallDecision extends DecisionFields {
  wrapperCall: number;
}

/** A decision as the analysis records it. */
export type FactDecision = FlagDecision | WrapperCallDecision;

/** A call made inside a region of a decision, for nesting through helper functions. */
export interface RegionCall {
  decision: number;
  regionIndex: number;
  callee: { kind: 'local'; functionId: number } | ({ kind: 'imported' } & ImportedName);
  range: Range;
  loc: Location;
}

export interface FunctionFact {
  id: number;
  name: string;
  range: Range;
  /** Names it is exported as from this module. */
  exportedAs: readonly string[];
  /** Decisions inside it (not inside nested functions). */
  decisions: readonly number[];
  /** Functions it calls (for transitive nesting). */
  calls: readonly RegionCall['callee'][];
  /** When the function is itself a flag accessor. */
  wrapper?: WrapperSpec;
  /**
   * For functions that make decisions: their calls with what the arguments mention (names and
   * strings), so a rule can tell whether the decision's variant is logged.
   */
  calledWith?: { callee: string; mentions: string[]; range: Range; loc: Location }[];
}

/** What a module exports that other files can use as a key, a wrapper or a flag-checking function. */
export type ExportedValue =
  | { kind: 'string'; value: string }
  | { kind: 'object'; entries: Readonly<Record<string, ExportedValue>> }
  | ({ kind: 'imported' } & ImportedName)
  | { kind: 'wrapper'; wrapper: WrapperSpec; functionId?: number }
  | { kind: 'function'; functionId: number };

/** A function that is itself a flag accessor. */
export type WrapperSpec =
  | {
      kind: 'key-param';
      /** Which argument is the key. */
      param: number;
      role: AccessorRole;
      keyCase: KeyCase;
      valueKind: ValueKind;
      negated: boolean;
      asyncAccessor: boolean;
      /** For an override wrapper (`forceFlag(name, state)`): the argument that forces the state. */
      stateParam?: number;
      /** The function's name, reported as `via`. */
      name: string;
    }
  | {
      kind: 'fixed-key';
      key: KeyRef;
      /** The wrapper returns the negation of the flag (`() => !flags.isEnabled('x')`). */
      negated: boolean;
      valueKind: ValueKind;
      name: string;
    }
  | {
      /**
       * Returns a call of another module's function with fixed arguments (`() => isOn('x')`):
       * a fixed-key wrapper if that function is a key wrapper.
       */
      kind: 'fixed-call';
      target: ImportedName;
      args: readonly CandidateArgument[];
      negated: boolean;
      name: string;
    }
  | {
      /**
       * Passes its parameter into other modules' functions: a wrapper if one of them is (the
       * others, a tracker or a logger, are just calls).
       */
      kind: 'forward';
      param: number;
      targets: readonly { target: ImportedName; argument: number }[];
      name: string;
    };

export interface ModuleSummary {
  exports: Readonly<Record<string, ExportedValue>>;
  /** `export * from '…'` sources. */
  exportAll: readonly string[];
  /** Every module specifier imported (for method-wrapper reach and cache invalidation). */
  imports: readonly string[];
}

export interface FileFacts {
  /** Bumped whenever the shape or meaning of facts changes (part of cache keys). */
  version: number;
  test: boolean;
  /** Every reference, `references[id].id === id`. */
  references: FlagReference[];
  /** Possible wrapper calls, `wrapperCalls[id].id === id`. */
  wrapperCalls: WrapperCall[];
  decisions: FactDecision[];
  regionCalls: RegionCall[];
  functions: FunctionFact[];
  module: ModuleSummary;
  /** Calls in test files that mock a function to return true/false (`vi.mocked(isNewCheckout).mockReturnValue(true)`). */
  mocks: {
    callee: { kind: 'local'; functionId: number } | ({ kind: 'imported' } & ImportedName);
    state: OverrideState;
    range: Range;
    loc: Location;
  }[];
  /** Whether the analysis gave up on part of the file (never silently). */
  notes: string[];
}

export const FACTS_VERSION = 3;

/** A pair of decisions where one flag is checked in a region controlled by another. */
export interface FlagNesting {
  outer: number;
  inner: number;
  /** The region of the outer decision that holds the inner one. */
  regionIndex: number;
  /** When the inner check is reached through helper calls: their names, outermost first. */
  through: readonly string[];
  /** Where the call into the helper is, when `through` is not empty. */
  callRange?: Range;
  callLoc?: Location;
}
