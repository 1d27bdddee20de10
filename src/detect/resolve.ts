import { contains } from './ast.js';
import { containersOf } from './containment.js';
import type {
  Range,
  FileFacts,
  FlagDecision,
  FlagNesting,
  FlagReference,
  FunctionFact,
  KeyRef,
  Region,
  RegionState,
} from './facts.js';
import { camelCaseKey } from './key-case.js';
import { fixedCallKey, type ModuleGraph, type ResolvedWrapper } from './module-graph.js';

/** A key after the module graph: a string, or a dynamic expression. */
export type ResolvedKey = Exclude<KeyRef, { kind: 'imported' }>;

export interface ResolvedReference extends Omit<FlagReference, 'key' | 'candidate'> {
  key: ResolvedKey;
  /** The key as written, when a key-case alias (`newCheckout`) mapped it to the manifest's `new-checkout`. */
  writtenKey?: string;
}

/** A file's facts with imports resolved, wrapper calls confirmed, and nesting worked out. */
export interface ResolvedFacts {
  file: string;
  test: boolean;
  references: ResolvedReference[];
  decisions: FlagDecision[];
  nestings: FlagNesting[];
  facts: FileFacts;
}

export function resolveKeyRef(key: KeyRef, file: string, keyText: string, graph: ModuleGraph | undefined): ResolvedKey {
  if (key.kind !== 'imported') return key;
  const value = graph?.resolveImportedKey(file, key);
  return value === undefined ? { kind: 'dynamic', text: keyText } : { kind: 'static', key: value };
}

function adjustRegions(decision: FlagDecision, wrapper: ResolvedWrapper): FlagDecision {
  const negated = wrapper.negated;
  const boolean = wrapper.valueKind === 'boolean';
  if (!negated && boolean) return decision;
  const map = (state: RegionState): RegionState => {
    if (state !== 'on' && state !== 'off') return state;
    if (!boolean) return 'variant';
    return state === 'on' ? 'off' : 'on';
  };
  return { ...decision, regions: decision.regions.map((region): Region => ({ ...region, state: map(region.state) })) };
}

/**
 * Resolves a file's facts through the module graph: imported keys become strings where the graph
 * can tell, calls to imported wrappers become references (others are dropped), and nesting is
 * computed, within the file, from the decisions that remain. Without a graph, imported keys stay
 * dynamic and imported calls are not references.
 */
export function resolveFacts(file: string, facts: FileFacts, graph: ModuleGraph | undefined): ResolvedFacts {
  const references: ResolvedReference[] = [];
  const wrappers = new Map<number, ResolvedWrapper>();
  // The key arguments of calls of imported wrappers, by where they start.
  const wrapperKeys = new Map<number, { range: Range; text: string }>();
  for (const reference of facts.references) {
    const { candidate, key, ...rest } = reference;
    if (candidate === undefined) {
      references.push({ ...rest, key: resolveKeyRef(key, file, reference.keyText, graph) });
      continue;
    }
    const called = graph?.wrapperOf(file, candidate.callee);
    // A local function returning that call (`const isX = () => isOn('x')`) fixes the key here.
    const wrapper = called === undefined || candidate.through === undefined ? called : fixedCallKey({ ...candidate.through, args: candidate.args }, called, file);
    if (wrapper === undefined || wrapper.valueKind === 'bag') continue;
    wrappers.set(reference.id, wrapper);
    if (wrapper.kind === 'fixed-key') {
      references.push({
        ...rest,
        via: wrapper.name,
        key: resolveKeyRef(wrapper.key, wrapper.file, wrapper.name, graph),
        negated: wrapper.negated,
        valueKind: wrapper.valueKind,
        indirect: true,
      });
      continue;
    }
    const argument = candidate.args[wrapper.param];
    // A parameter passed on is not a key here: this function is itself a (forwarding) wrapper.
    if (argument === undefined || argument.kind === 'parameter') continue;
    const span = candidate.argSpans[wrapper.param];
    const resolved: ResolvedReference = {
      ...rest,
      via: wrapper.name,
      key: resolveKeyRef(argument, file, span?.text ?? rest.keyText, graph),
      // The key is written at the argument: report and fix it there, not at the whole call.
      ...(span === undefined ? {} : { range: span.range, loc: span.loc, keyText: span.text }),
      role: wrapper.role,
      keyCase: wrapper.keyCase,
      valueKind: wrapper.valueKind,
      negated: wrapper.negated,
      asyncAccessor: wrapper.asyncAccessor,
    };
    if (wrapper.role === 'override') resolved.state = wrapper.stateParam === undefined ? 'unknown' : (candidate.argStates[wrapper.stateParam] ?? 'unknown');
    references.push(resolved);
    if (span !== undefined) wrapperKeys.set(span.range[0], span);
  }
  const kept = new Map(dropReferencesThatAreKeys(references, wrapperKeys, wrappers).map((reference) => [reference.id, reference]));
  const decisions = facts.decisions
    .filter((decision) => kept.has(decision.reference))
    .map((decision) => {
      const wrapper = wrappers.get(decision.reference);
      return wrapper === undefined ? decision : adjustRegions(decision, wrapper);
    });
  return {
    file,
    test: facts.test,
    references: [...kept.values()],
    decisions,
    nestings: computeNestings(kept, decisions, facts),
    facts,
  };
}

/**
 * One site, one reference: an evaluation found by a pattern (`FLAGS.x`) that is the key argument
 * of a call of an imported wrapper (`useFlag(FLAGS.x)`) is that key, not a use of its own.
 */
function dropReferencesThatAreKeys(
  references: ResolvedReference[],
  wrapperKeys: ReadonlyMap<number, { range: Range; text: string }>,
  wrapperCalls: ReadonlyMap<number, unknown>,
): ResolvedReference[] {
  if (wrapperKeys.size === 0) return references;
  return references.filter((reference) => {
    const key = wrapperKeys.get(reference.valueRange[0]);
    if (key === undefined || wrapperCalls.has(reference.id)) return true;
    // The whole argument, or the argument with only a type after it (`FLAGS.x as FlagKey`, `FLAGS.x!`).
    const rest = key.text.slice(reference.valueRange[1] - key.range[0]);
    return !(reference.valueRange[1] <= key.range[1] && /^(?:\s*(?:!|as\b|satisfies\b)|$)/.test(rest));
  });
}

function keyIdentity(reference: ResolvedReference | undefined): string | undefined {
  if (reference === undefined) return undefined;
  return reference.key.kind === 'static' ? `key:${reference.key.key}` : `dynamic:${reference.key.text}`;
}

/**
 * Pairs where one flag's decision sits in a region controlled by another flag: directly (the
 * inner check is written inside the region) or through helper functions of this file called
 * there. Each inner decision is paired with its innermost outer one.
 */
function computeNestings(references: Map<number, ResolvedReference>, decisions: FlagDecision[], facts: FileFacts): FlagNesting[] {
  const nestings: FlagNesting[] = [];
  const seen = new Set<string>();
  const keyOf = (decision: FlagDecision) => keyIdentity(references.get(decision.reference));
  // A condition that reads one flag twice (`a?.enabled && a?.killSwitch !== true`) makes one
  // decision per read, all at the condition: as a nesting they are one, so pairs are told apart by
  // flag and place, not by decision.
  const pairId = (outer: FlagDecision, inner: FlagDecision) =>
    `${keyOf(outer)}@${outer.loc.line}:${outer.loc.column}>${keyOf(inner)}@${inner.loc.line}:${inner.loc.column}`;

  // Where each decision's flag is read: at the decision itself, and (for a value that decides
  // later, `const show = a && b; if (show)`) where the flag is evaluated.
  const firstDecision = new Map<number, FlagDecision>();
  for (const decision of decisions) if (!firstDecision.has(decision.reference)) firstDecision.set(decision.reference, decision);
  const points: { inner: FlagDecision; range: Range }[] = decisions.map((decision) => ({ inner: decision, range: decision.siteRange }));
  for (const [referenceId, decision] of firstDecision) {
    const reference = references.get(referenceId);
    if (reference !== undefined && reference.role === 'evaluate') points.push({ inner: decision, range: reference.valueRange });
  }
  // Only the regions holding a point are candidates (containersOf): testing every decision's
  // regions at every point costs decisions squared, which a file of thousands of checks cannot pay.
  const regions = decisions.flatMap((outer) => outer.regions.map((region, regionIndex) => ({ outer, regionIndex, range: region.range })));
  const holding = containersOf(
    regions.map((region) => region.range),
    points.map((point) => point.range),
  );
  points.forEach(({ inner }, pointIndex) => {
    let best: { outer: FlagDecision; regionIndex: number; size: number } | undefined;
    for (const candidate of holding[pointIndex]!) {
      const { outer, regionIndex, range } = regions[candidate]!;
      if (outer === inner || keyOf(outer) === keyOf(inner)) continue;
      const size = range[1] - range[0];
      if (best === undefined || size < best.size) best = { outer, regionIndex, size };
    }
    if (best === undefined) return;
    const { outer, regionIndex } = best;
    const id = pairId(outer, inner);
    if (seen.has(id)) return;
    seen.add(id);
    nestings.push({ outer: outer.id, inner: inner.id, regionIndex, through: [] });
  });

  const decisionsById = new Map(decisions.map((decision) => [decision.id, decision]));
  // The helpers entered from an outer decision's calls so far. What a helper reaches was found the
  // first time it was entered, and pairs are told apart by the decisions alone, so the next call
  // of that decision need not enter it again: a region calling a chain of helpers that call each
  // other costs the chain once, not once per call.
  const enteredBy = new Map<number, Map<number, number>>();
  for (const call of facts.regionCalls) {
    if (call.callee.kind !== 'local') continue;
    const outer = decisionsById.get(call.decision);
    if (outer === undefined) continue;
    let entered = enteredBy.get(outer.id);
    if (entered === undefined) enteredBy.set(outer.id, (entered = new Map()));
    for (const { decision: innerId, through } of decisionsReachedFrom(call.callee.functionId, facts.functions, entered)) {
      const inner = decisionsById.get(innerId);
      if (inner === undefined || keyOf(inner) === keyOf(outer)) continue;
      if (outer.regions.some((region) => contains(region.range, inner.siteRange))) continue;
      const id = pairId(outer, inner);
      if (seen.has(id)) continue;
      seen.add(id);
      nestings.push({ outer: outer.id, inner: inner.id, regionIndex: call.regionIndex, through, callRange: call.range, callLoc: call.loc });
    }
  }
  return nestings;
}

/** How many calls deep nesting through helpers is followed: as far as across files (scanner/cross-nesting.ts). */
const MAX_CALL_DEPTH = 8;

/**
 * Decisions inside a function and the functions it calls (in this file, up to MAX_CALL_DEPTH calls
 * deep), with the call path. `entered` holds the functions entered so far with the fewest calls
 * each was entered at, and is added to: a function is entered again only when reached in fewer
 * calls than before, as it may then lead further.
 */
function decisionsReachedFrom(start: number, functions: readonly FunctionFact[], entered: Map<number, number>): { decision: number; through: string[] }[] {
  const reached: { decision: number; through: string[] }[] = [];
  const enteredAtMost = (id: number, depth: number) => (entered.get(id) ?? Number.POSITIVE_INFINITY) <= depth;
  const stack: { id: number; through: string[] }[] = [{ id: start, through: [functions[start]?.name ?? '<anonymous>'] }];
  while (stack.length > 0) {
    const { id, through } = stack.pop()!;
    const depth = through.length - 1;
    if (enteredAtMost(id, depth)) continue;
    entered.set(id, depth);
    const fn = functions[id];
    if (fn === undefined) continue;
    for (const decision of fn.decisions) reached.push({ decision, through });
    if (depth === MAX_CALL_DEPTH) continue;
    for (const callee of fn.calls) {
      if (callee.kind === 'local' && !enteredAtMost(callee.functionId, depth + 1)) {
        stack.push({ id: callee.functionId, through: [...through, functions[callee.functionId]?.name ?? '<anonymous>'] });
      }
    }
  }
  return reached;
}

/**
 * Maps keys written in another case (`newCheckout` from LaunchDarkly's `useFlags()`) to the
 * declared key they stand for, when exactly one declared key has that camelCase form.
 */
export function applyKeyAliases(references: ResolvedReference[], declaredKeys: ReadonlyMap<string, unknown> | readonly string[]): ResolvedReference[] {
  let byCamel: Map<string, string | null> | undefined;
  return references.map((reference) => {
    if (reference.keyCase !== 'camelCase' || reference.key.kind !== 'static') return reference;
    byCamel ??= camelCaseIndex(declaredKeys);
    const written = reference.key.key;
    const declared = byCamel.get(camelCaseKey(written));
    if (declared === undefined || declared === null || declared === written) return reference;
    return { ...reference, key: { kind: 'static', key: declared }, writtenKey: written };
  });
}

/** Per set of declared keys (a manifest's flags): each key by its camelCase, null when two share one. */
const camelCaseIndexes = new WeakMap<object, Map<string, string | null>>();

function camelCaseIndex(declaredKeys: ReadonlyMap<string, unknown> | readonly string[]): Map<string, string | null> {
  let index = camelCaseIndexes.get(declaredKeys);
  if (index === undefined) {
    index = new Map();
    for (const key of Array.isArray(declaredKeys) ? declaredKeys : (declaredKeys as ReadonlyMap<string, unknown>).keys()) {
      const camel = camelCaseKey(key);
      index.set(camel, index.has(camel) ? null : key);
    }
    camelCaseIndexes.set(declaredKeys, index);
  }
  return index;
}
