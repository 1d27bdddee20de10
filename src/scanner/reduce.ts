import type { FlagDecision, KeyRef, RegionCall } from '../detect/facts.js';
import { fallbackProblems } from '../detect/fallback.js';
import { scanImports, scanPassedOnImports, type ScannedImport } from '../detect/import-scan.js';
import type { ModuleGraph } from '../detect/module-graph.js';
import { resolveKeyRef, type ResolvedFacts } from '../detect/resolve.js';
import { readSourceText } from '../detect/source-text.js';
import {
  CallFollower,
  callerFiles,
  keyOf,
  lexicallyInside,
  type CallingRegion,
  type FunctionKey,
  type LeadsToDecision,
} from './cross-nesting.js';
import type { FileResults } from './file-results.js';
import { discoverProject } from './files.js';
import type { Inventory, InventoryNesting, InventoryReference } from './inventory.js';
import type { ResolveFile } from './resolve-files.js';
import { analyseForGraph } from './read-pass.js';
import { CallerSearch } from './caller-search.js';
import { DecisionReach } from './decision-reach.js';
import type { ScanContext } from './scan-context.js';

/**
 * The reduce phase: every analysed file's resolved facts into the inventory (its references, the
 * states its test mocks force, nestings within it and through calls into other functions and
 * files, its fallback problems), and what could not be analysed into its warnings.
 */
export async function reduceToInventory(
  inventory: Inventory,
  context: ScanContext,
  results: FileResults,
  graph: ModuleGraph,
  resolvedOf: ResolveFile,
  scope: ScanScope,
): Promise<void> {
  const { relative } = context;
  const throughCalls: ThroughCalls[] = [];
  inventory.skipped.push(...results.skipped);
  inventory.stats.skipped = results.skipped.length;
  const analysed = [...results.analysed].sort();
  const reach = new DecisionReach({
    analysed: results.analysed,
    unmatched: results.unmatched,
    resolveModule: (from, specifier) => graph.resolveModule(from, specifier),
    verdictOf: (file) => graph.prefilterVerdict(file),
    known: results.decisionReach,
  });
  const leadsToDecision: LeadsToDecision = (from, specifier) => reach.throughImport(from, specifier);
  for (const [done, file] of analysed.entries()) {
    context.onProgress?.({ phase: 'resolving', done: done + 1, total: analysed.length });
    const result = results.resultOf(file);
    if (result?.kind === 'parse-error') {
      const warning: Inventory['warnings'][number] = { file: relative(file), message: `does not parse: ${result.message}` };
      if (result.line !== undefined) warning.line = result.line;
      if (result.column !== undefined) warning.column = result.column;
      inventory.warnings.push(warning);
      continue;
    }
    const resolved = resolvedOf(file);
    if (resolved === undefined) continue;
    inventory.stats.analysed++;
    for (const reference of resolved.references) inventory.references.push(toInventoryReference(reference, relative(file), resolved.test));
    inventory.references.push(...mockOverrides(file, resolved, graph, relative));
    inventory.nestings.push(...nestingsOf(file, resolved, { graph, resolvedOf, leadsToDecision }, relative, throughCalls));
    for (const problem of fallbackProblems(resolved, context.settings.findings['missing-fallback'])) {
      const reference = resolved.references[problem.reference];
      inventory.problems.push({
        code: 'missing-fallback',
        kind: problem.kind,
        key: reference === undefined ? '' : keyOf(reference),
        file: relative(file),
        line: problem.loc.line,
        column: problem.loc.column,
      });
    }
  }
  inventory.nestings.push(...(await onlyThroughRegions(throughCalls, context, results, graph, scope, leadsToDecision)));
  // A warm scan that reuses the widening record then need not resolve its way to these again. They
  // hold while what was read to find them does: modules outside the scan were judged by their texts.
  const { yes, no } = reach.answers();
  if (context.cache.enabled)
    context.cache.keepDecisionReach(
      yes.map(relative),
      no.map(relative),
      [...results.reads].map((path) => [relative(path), path] as const),
    );
}

/** What the scan covered: every discovered file, and whether a shard or given paths left others out. */
export interface ScanScope {
  files: readonly string[];
  partial: boolean;
  cwd: string;
}

/**
 * Where callers of shared code are looked for: every file of the project, also those a shard or the
 * given paths leave out, so a partial scan keeps the nestings the whole scan keeps, no more.
 */
function callerSearchSpace(
  context: ScanContext,
  results: FileResults,
  scope: ScanScope,
): { files: Iterable<string>; importsOf: (file: string) => readonly ScannedImport[] | undefined } {
  const { root, settings } = context;
  return {
    files: scope.partial
      ? discoverProject({ root, include: settings.include, exclude: settings.exclude, cwd: scope.cwd }).files
      : scope.files,
    importsOf: (file: string) => {
      const known = results.unmatched.get(file);
      if (known !== undefined || !scope.partial) return known;
      const source = readSourceText(file);
      return source.kind === 'text' ? scanImports(source.text) : undefined;
    },
  };
}

function toInventoryReference(reference: ResolvedFacts['references'][number], file: string, test: boolean): InventoryReference {
  const entry: InventoryReference = {
    key: reference.key.kind === 'static' ? reference.key.key : reference.key.text,
    file,
    line: reference.loc.line,
    column: reference.loc.column,
    test,
    dynamic: reference.key.kind === 'dynamic',
    via: reference.via,
    role: reference.role,
    endLine: reference.loc.endLine,
    endColumn: reference.loc.endColumn,
  };
  if (reference.state !== undefined) entry.state = reference.state;
  if (reference.indirect) entry.indirect = true;
  if (reference.writtenKey !== undefined) entry.writtenKey = reference.writtenKey;
  return entry;
}

/** Test mocks of fixed-key wrappers (`vi.mocked(isNewCheckout).mockReturnValue(true)`) force that flag. */
function mockOverrides(
  file: string,
  resolved: ResolvedFacts,
  graph: ModuleGraph,
  relativeOf: (file: string) => string,
): InventoryReference[] {
  const overrides: InventoryReference[] = [];
  for (const mock of resolved.facts.mocks) {
    let key: KeyRef | undefined;
    let keyFile = file;
    let negated = false;
    let name: string;
    if (mock.callee.kind === 'local') {
      const wrapper = resolved.facts.functions[mock.callee.functionId]?.wrapper;
      name = resolved.facts.functions[mock.callee.functionId]?.name ?? 'function';
      if (wrapper?.kind === 'fixed-key') ({ key, negated } = wrapper);
    } else {
      name = [mock.callee.name, ...mock.callee.path].join('.');
      const wrapper = graph.wrapperOf(file, mock.callee);
      if (wrapper?.kind === 'fixed-key') {
        ({ key, negated } = wrapper);
        keyFile = wrapper.file;
      }
    }
    if (key === undefined) continue;
    const resolvedKey = resolveKeyRef(key, keyFile, name, graph);
    const state = mock.state === 'unknown' || !negated ? mock.state : mock.state === 'on' ? 'off' : 'on';
    overrides.push({
      key: resolvedKey.kind === 'static' ? resolvedKey.key : resolvedKey.text,
      file: relativeOf(file),
      line: mock.loc.line,
      column: mock.loc.column,
      endLine: mock.loc.endLine,
      endColumn: mock.loc.endColumn,
      test: resolved.test,
      dynamic: resolvedKey.kind === 'dynamic',
      via: `mock of ${name}`,
      role: 'override',
      state,
    });
  }
  return overrides;
}

/** In-file nestings, plus decisions reached through calls into other functions and files. */
function nestingsOf(
  file: string,
  resolved: ResolvedFacts,
  { graph, resolvedOf, leadsToDecision }: { graph: ModuleGraph; resolvedOf: ResolveFile; leadsToDecision: LeadsToDecision },
  relativeOf: (file: string) => string,
  throughCalls: ThroughCalls[],
): InventoryNesting[] {
  const nestings: InventoryNesting[] = [];
  const decisions = new Map(resolved.decisions.map((decision) => [decision.id, decision]));
  const references = resolved.references;
  const locationOf = (decisionFile: string, decision: { loc: { line: number; column: number }; reference: number }, key: string) => ({
    key,
    file: relativeOf(decisionFile),
    line: decision.loc.line,
    column: decision.loc.column,
  });
  // Pairs are told apart by flag and place, as in computeNestings: two decisions that read one flag
  // in one condition are one nesting, on either side (a merge of shards would drop the copy).
  const seen = new Set<string>();
  const isNew = (entry: InventoryNesting) => {
    const id = JSON.stringify([entry.outer, entry.inner]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  for (const nesting of resolved.nestings) {
    const outer = decisions.get(nesting.outer)!;
    const inner = decisions.get(nesting.inner)!;
    const entry: InventoryNesting = {
      outer: locationOf(file, outer, keyOf(references[outer.reference]!)),
      inner: locationOf(file, inner, keyOf(references[inner.reference]!)),
      through: [...nesting.through],
    };
    if (nesting.callLoc) entry.call = { file: relativeOf(file), line: nesting.callLoc.line, column: nesting.callLoc.column };
    if (isNew(entry)) nestings.push(entry);
  }
  const follower = new CallFollower(
    graph,
    resolvedOf,
    (target, name, from) => (target === from ? name : `${relativeOf(target)}#${name}`),
    leadsToDecision,
  );
  const regions = new Map<string, CallingRegion>();
  const regionOf = (call: RegionCall, outer: FlagDecision): CallingRegion => {
    const id = `${call.decision}:${call.regionIndex}`;
    let region = regions.get(id);
    if (region === undefined) {
      const calls = resolved.facts.regionCalls
        .filter((other) => other.decision === call.decision && other.regionIndex === call.regionIndex)
        .map((other) => other.callee);
      region = { file, range: outer.regions[call.regionIndex]!.range, calls, reachable: follower.reachable(file, calls) };
      regions.set(id, region);
    }
    return region;
  };
  for (const call of resolved.facts.regionCalls) {
    const outer = decisions.get(call.decision);
    if (outer === undefined) continue;
    const outerKey = keyOf(references[outer.reference]!);
    for (const reached of follower.reach(file, call.callee)) {
      if (keyOf(reached.reference) === outerKey) continue;
      if (reached.file === file && lexicallyInside(outer, reached.decision)) continue;
      const entry: InventoryNesting = {
        outer: locationOf(file, outer, outerKey),
        inner: locationOf(reached.file, reached.decision, keyOf(reached.reference)),
        through: reached.through,
        call: { file: relativeOf(file), line: call.loc.line, column: call.loc.column },
      };
      if (isNew(entry)) throughCalls.push({ entry, region: regionOf(call, outer), inFunction: reached.inFunction });
    }
  }
  return nestings;
}

/** A nesting through calls, kept only if its inner check runs only through the outer region. */
interface ThroughCalls {
  entry: InventoryNesting;
  region: CallingRegion;
  inFunction: FunctionKey;
}

/**
 * A flag check in shared code (a sign-in modal rendered from every page) is not nested in every
 * flag whose region happens to render it. A nesting through calls stands only when every known
 * call path to the inner check passes through the outer region; each (outer, inner) pair once.
 */
async function onlyThroughRegions(
  candidates: readonly ThroughCalls[],
  context: ScanContext,
  results: FileResults,
  graph: ModuleGraph,
  scope: ScanScope,
  leadsToDecision: LeadsToDecision,
): Promise<InventoryNesting[]> {
  if (candidates.length === 0) return [];
  const reachable = new Set<FunctionKey>();
  for (const { region } of candidates) for (const key of region.reachable) reachable.add(key);
  const factsOf = (file: string) => results.factsOf(file);
  const space = callerSearchSpace(context, results, scope);
  const possible = callerFiles(reachable, results.analysed, factsOf, space, (from, specifier) => graph.resolveModule(from, specifier));
  const search = new CallerSearch(graph, reachable, possible, {
    known: (file) => results.graphTask(file) === undefined,
    factsOf,
    importsOf: space.importsOf,
    regionFiles: new Set(candidates.map(({ region }) => region.file)),
    leadsToDecision,
    passedOnImports: (file) => {
      const source = readSourceText(file);
      return source.kind === 'text' ? scanPassedOnImports(source.text).filter(({ specifier }) => context.inProject(specifier)) : undefined;
    },
    onProgress: (done, total) => context.onProgress?.({ phase: 'callers', done, total }),
  });
  // The callers not analysed yet, a round at a time (in worker threads when a round has many), not one by one here.
  for (let batch = search.next(); batch.length > 0; batch = search.next()) {
    await analyseForGraph(batch, context, results);
    search.take(batch);
  }
  const callers = search.index;
  const only = new Map<CallingRegion, Set<FunctionKey>>();
  const kept: InventoryNesting[] = [];
  const seen = new Set<string>();
  for (const { entry, region, inFunction } of candidates) {
    let inside = only.get(region);
    if (inside === undefined) {
      inside = callers.onlyThrough(region);
      only.set(region, inside);
    }
    if (!inside.has(inFunction)) continue;
    const pair = JSON.stringify([entry.outer, entry.inner]);
    if (seen.has(pair)) continue;
    seen.add(pair);
    kept.push(entry);
  }
  return kept;
}
