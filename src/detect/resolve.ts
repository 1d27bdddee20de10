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
  WrapperCall,
} from './facts.js';
import { camelCaseKey } from './key-case.js';
import { fixedCallKey, type ModuleGraph, type ResolvedWrapper } from './module-graph.js';

/** A key after the module graph: a string, or a dynamic expression. */
export type ResolvedKey = Exclude<KeyRef, { kind: 'imported' }>;

export interface ResolvedReference extends Omit<FlagReference, 'key'> {
  key: ResolvedKey;
  /** The key as written, when a key-case alias (`newCheckout`) mapped it to the manifest's `new-checkout`. */
  writtenKey?: string;
}

/** A file's facts with imports resolved, wrapper calls confirmed, and nesting worked out. */
export interface ResolvedFacts {
  file: string;
  test: boolean;
  /** The file's references, then its confirmed wrapper calls: `references[id].id === id`. */
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
 * can tell, wrapper calls whose callee the graph finds is a wrapper become references (appended
 * after the file's own, so a reference's id stays its index), the others are dropped with their
 * decisions, and nesting is computed, within the file, from the decisions that remain. Without a
 * graph, imported keys stay dynamic and no wrapper call is confirmed.
 */
export function resolveFacts(file: string, facts: FileFacts, graph: ModuleGraph | undefined): ResolvedFacts {
  const references: ResolvedReference[] = facts.references.map((reference) => ({
    ...reference,
    key: resolveKeyRef(reference.key, file, reference.keyText, graph),
  }));
  // Per wrapper call (by id), the wrapper it calls and the reference it became, when confirmed.
  const confirmed: ({ wrapper: ResolvedWrapper; reference: number } | undefined)[] = [];
  const evaluationAt = facts.wrapperCalls.length === 0 ? undefined : evaluationsByStart(references);
  for (const call of facts.wrapperCalls) {
    const called = graph?.wrapperOf(file, call.callee);
    // A local function returning that call (`const isX = () => isOn('x')`) fixes the key here.
    const wrapper =
      called === undefined || call.through === undefined ? called : fixedCallKey({ ...call.through, args: call.args }, called, file);
    if (wrapper === undefined || wrapper.valueKind === 'bag') continue;
    const reference = confirmedReference(file, call, wrapper, references.length, graph);
    if (reference === undefined) continue;
    // One site, one reference: a pattern's evaluation that is this call's key argument (`FLAGS.x`
    // in `useFlag(FLAGS.x)`) becomes the call's reference, in its place.
    const keyEvaluation = reference.indirect === true ? undefined : evaluationIsKey(evaluationAt?.get(reference.range[0]), reference);
    if (keyEvaluation !== undefined) {
      references[keyEvaluation.id] = { ...reference, id: keyEvaluation.id };
      confirmed[call.id] = { wrapper, reference: keyEvaluation.id };
      continue;
    }
    confirmed[call.id] = { wrapper, reference: reference.id };
    references.push(reference);
  }
  const decisions = facts.decisions.flatMap((decision): FlagDecision[] => {
    if (!('wrapperCall' in decision)) return [decision];
    const found = confirmed[decision.wrapperCall];
    if (found === undefined) return [];
    const { wrapperCall: _call, ...fields } = decision;
    return [adjustRegions({ ...fields, reference: found.reference }, found.wrapper)];
  });
  return {
    file,
    test: facts.test,
    references,
    decisions,
    nestings: computeNestings(references, decisions, facts),
    facts,
  };
}

/** A wrapper call the graph confirmed, as the reference it is (id: its index among the file's references). */
function confirmedReference(
  file: string,
  call: WrapperCall,
  wrapper: ResolvedWrapper,
  id: number,
  graph: ModuleGraph | undefined,
): ResolvedReference | undefined {
  const base: ResolvedReference = {
    id,
    key: { kind: 'dynamic', text: call.text },
    keyCase: 'exact',
    role: 'evaluate',
    via: wrapper.name,
    keyText: call.text,
    range: call.range,
    loc: call.loc,
    valueRange: call.range,
    valueKind: wrapper.valueKind,
    negated: wrapper.negated,
    awaited: call.awaited,
    asyncAccessor: false,
    insideNetworkCallback: call.insideNetworkCallback,
  };
  if (call.folds !== undefined) base.folds = call.folds;
  if (call.functionId !== undefined) base.functionId = call.functionId;
  if (wrapper.kind === 'fixed-key') return { ...base, key: resolveKeyRef(wrapper.key, wrapper.file, wrapper.name, graph), indirect: true };
  const argument = call.args[wrapper.param];
  // A parameter passed on is not a key here: this function is itself a (forwarding) wrapper.
  if (argument === undefined || argument.kind === 'parameter') return undefined;
  const span = call.argSpans[wrapper.param];
  const resolved: ResolvedReference = {
    ...base,
    key: resolveKeyRef(argument, file, span?.text ?? call.text, graph),
    // The key is written at the argument: report and fix it there, not at the whole call.
    ...(span === undefined ? {} : { range: span.range, loc: span.loc, keyText: span.text }),
    role: wrapper.role,
    keyCase: wrapper.keyCase,
    asyncAccessor: wrapper.asyncAccessor,
  };
  if (wrapper.role === 'override')
    resolved.state = wrapper.stateParam === undefined ? 'unknown' : (call.argStates[wrapper.stateParam] ?? 'unknown');
  return resolved;
}

/** The file's own references by where their evaluation starts. */
function evaluationsByStart(references: readonly ResolvedReference[]): Map<number, ResolvedReference> {
  const byStart = new Map<number, ResolvedReference>();
  for (const reference of references) if (!byStart.has(reference.valueRange[0])) byStart.set(reference.valueRange[0], reference);
  return byStart;
}

/**
 * The evaluation, when it opens the key argument of a wrapper call's reference and lies inside it
 * (`FLAGS.x`, `FLAGS.x as FlagKey`, `FLAGS.x!`): the key written there, not a use of its own.
 */
function evaluationIsKey(evaluation: ResolvedReference | undefined, call: ResolvedReference): ResolvedReference | undefined {
  const [start, end] = call.range;
  if (evaluation === undefined || (start === call.valueRange[0] && end === call.valueRange[1])) return undefined;
  return evaluation.valueRange[0] === start && evaluation.valueRange[1] <= end ? evaluation : undefined;
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
function computeNestings(references: readonly ResolvedReference[], decisions: FlagDecision[], facts: FileFacts): FlagNesting[] {
  const nestings: FlagNesting[] = [];
  const seen = new Set<string>();
  const keyOf = (decision: FlagDecision) => keyIdentity(references[decision.reference]);
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
    const reference = references[referenceId];
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
function decisionsReachedFrom(
  start: number,
  functions: readonly FunctionFact[],
  entered: Map<number, number>,
): { decision: number; through: string[] }[] {
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
export function applyKeyAliases(
  references: ResolvedReference[],
  declaredKeys: ReadonlyMap<string, unknown> | readonly string[],
): ResolvedReference[] {
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
