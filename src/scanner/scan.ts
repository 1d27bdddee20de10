import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { testFileMatcher } from '../config/globs.js';
import { loadCliSettings } from '../config/load-settings.js';
import type { ResolvedSettings } from '../config/settings.js';
import type { FileFacts, FlagDecision, KeyRef, ModuleSummary, RegionCall } from '../detect/facts.js';
import { AccessorIndex } from '../detect/match.js';
import { ModuleGraph, type PrefilterVerdict } from '../detect/module-graph.js';
import { createModuleResolver } from '../detect/module-resolution.js';
import { fallbackProblems } from '../detect/fallback.js';
import { scanImports, type ScannedImport } from '../detect/import-scan.js';
import { importsAWrapper } from '../detect/needs-analysis.js';
import { readSpecifierScope, specifierTest } from '../detect/project-specifiers.js';
import { applyKeyAliases, resolveFacts, resolveKeyRef, type ResolvedFacts } from '../detect/resolve.js';
import { loadManifest } from '../manifest/load.js';
import type { Manifest } from '../manifest/types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import { analyzeSource } from './analyze-source.js';
import { CallerIndex, CallFollower, keyOf, lexicallyInside, type CallingRegion, type FunctionKey } from './cross-nesting.js';
import { FactsCache } from './facts-cache.js';
import { statStamp, type FileStamp } from './file-stamp.js';
import { FactsStore, serializeResult } from './facts-store.js';
import { toPosixRelative } from '../posix-path.js';
import { CacheFolder, type CacheWarning } from './cache-folder.js';
import { discoverRemembered } from './discovery-cache.js';
import { discoverProject, parseShard, type Shard } from './files.js';
import { sortInventory, type Inventory, type InventoryNesting, type InventoryReference } from './inventory.js';
import { SteadyCollector } from './collector.js';
import { KeyTypes, typedKeys } from './key-types.js';
import { defaultWorkerCount, processAll } from './pool.js';
import type { FileOutcome, FileTask } from './process-file.js';
import { readSourceText } from '../detect/source-text.js';
import { rememberedSpecifierScope } from './specifier-cache.js';

const RECENTLY_RESOLVED = 512;

/** Scans of this many files collect garbage at a steady pace after the parse (collector.ts) … */
const COLLECT_FROM_FILES = 10_000;
/** … once per this many units of work (a widening check is one, a file's resolution two). */
const COLLECT_EVERY = 4_000;

export interface ScanProgress {
  phase: 'reading' | 'analysing';
  done: number;
  total: number;
}

export interface ScanOptions {
  /** Where relative paths and the config search start (default: process.cwd()). */
  cwd?: string;
  /** A config file; default: flag-hygiene.config.json searched upwards from cwd. */
  config?: string;
  /** Already resolved settings (skips the config file). */
  settings?: ResolvedSettings;
  manifest?: string;
  today?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Files or folders to scan instead of the configured include globs. */
  paths?: readonly string[];
  /** Reuse per-file facts of unchanged files (default true). */
  cache?: boolean;
  /** Default: node_modules/.cache/flag-hygiene under the root. */
  cacheLocation?: string;
  /** `i/n`: scan only this shard of the files. */
  shard?: Shard | string;
  /** Worker threads for parsing (default: one per core, up to 8, when there are 512 files or more to read); 0 parses in this thread. */
  workers?: number;
  /**
   * Resolve keys the detector leaves dynamic through TypeScript's types: an expression whose type
   * is a single string literal is that key (as typed linting does in ESLint). Builds a program from
   * the root's tsconfig.json on the first such key; off by default, as it costs a type check.
   */
  types?: boolean;
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanResult {
  inventory: Inventory;
  settings: ResolvedSettings;
  manifest: Manifest | undefined;
  /** Files whose facts came from the cache. */
  cacheHits: number;
  /** What was wrong with the cache (it was then not used, or not written): one per cache file. */
  cacheWarnings: CacheWarning[];
}

/**
 * Scans a codebase: every flag reference in every included file, resolved across files through
 * constants, enums, imports and wrapper functions; nesting across functions and files; the states
 * tests force. Files that cannot hold a reference are never parsed.
 */
export async function scanProject(options: ScanOptions = {}): Promise<ScanResult> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const settings =
    options.settings ??
    loadCliSettings({
      cwd,
      env,
      ...(options.config === undefined ? {} : { configPath: options.config }),
      ...(options.manifest === undefined ? {} : { manifest: options.manifest }),
      ...(options.today === undefined ? {} : { today: options.today }),
    });
  const manifest = settings.manifestPath === undefined ? undefined : loadManifest(settings.manifestPath, settings.manifestFormat);
  const root = settings.root;
  // Built on first use: a scan that reads no file (all unchanged since the cache) compiles no pattern.
  let index: AccessorIndex | undefined;
  const indexOf = () => (index ??= new AccessorIndex(settings.accessors));
  const isTestFile = testFileMatcher(root, settings.tests);
  const shard = typeof options.shard === 'string' ? parseShard(options.shard) : options.shard;
  const tool = `${PACKAGE_NAME}@${PACKAGE_VERSION}`;
  const cacheDirectory =
    options.cache === false ? undefined : options.cacheLocation === undefined ? join(root, 'node_modules', '.cache', 'flag-hygiene') : resolve(cwd, options.cacheLocation);
  const cacheFolder = cacheDirectory === undefined ? undefined : CacheFolder.open(cacheDirectory);
  const usableCache = cacheFolder?.usable === true ? cacheFolder : undefined;
  const discovery = { root, include: settings.include, exclude: settings.exclude, cwd, ...(shard === undefined ? {} : { shard }) };
  // Given paths are walked afresh (they are few, and the list would differ every time).
  const { files, tsconfigs, unreadableFolders } =
    options.paths !== undefined && options.paths.length > 0
      ? discoverProject({ ...discovery, paths: options.paths })
      : usableCache === undefined
        ? discoverProject(discovery)
        : discoverRemembered(discovery, usableCache, tool);
  // Calls into packages can never be wrapper calls: the analysis drops them, so its facts also
  // depend on which package names the tsconfig files alias to project code.
  const specifiers = usableCache === undefined ? readSpecifierScope(tsconfigs) : rememberedSpecifierScope(tsconfigs, usableCache, tool);
  const inProject = specifierTest(specifiers);
  const cache =
    usableCache === undefined
      ? FactsCache.disabled()
      : FactsCache.open(usableCache, {
          tool,
          detectionHash: `${settings.detectionHash}:${createHash('sha1').update(JSON.stringify(specifiers)).digest('hex')}`,
        });
  const inventory: Inventory = { version: 1, tool, references: [], nestings: [], problems: [], warnings: [], skipped: [], stats: { files: files.length, analysed: 0, skipped: 0 } };
  for (const { folder, code } of unreadableFolders) inventory.skipped.push({ file: toPosixRelative(root, folder), reason: `cannot be read (${code}): none of its files is scanned`, folder: true });
  if (shard !== undefined) inventory.shard = `${shard.index}/${shard.count}`;
  if (options.paths !== undefined && options.paths.length > 0) inventory.paths = options.paths.map((path) => toPosixRelative(root, resolve(cwd, path)));

  // One pass over every file, in worker threads: read, skip what is not source, prefilter, and
  // parse and analyse what can hold a reference (unless the cache has it).
  const results = new FactsStore();
  const unmatched = new Map<string, ScannedImport[]>();
  const analysed = new Set<string>();
  const workers = options.workers ?? defaultWorkerCount();
  // The content hash of the files the cache vouched for by their stamp (not read at all), and how
  // many files it vouched for (skipped ones have no hash).
  const unreadHashes = new Map<string, string>();
  let vouched = 0;
  const skippedPrefilters = new Map<string, PrefilterVerdict>();
  // What the graph reads beyond the scanned files' texts, so the cache can tell next time whether
  // the widening pass would find the same.
  const reads = new Set<string>();
  /**
   * A file to read (with its stamp just before), or what the cache already knows of it without
   * reading it.
   */
  type Work = { task: FileTask; stamp?: FileStamp | undefined; known: FileOutcome | undefined };
  /** Takes in what the first pass learnt of a file (from its text, or from the cache when `known`). */
  const takeOutcome = ({ task, stamp }: Work, outcome: FileOutcome, known: boolean) => {
    const { file, test } = task;
    const relative = toPosixRelative(root, file);
    if (outcome.kind === 'skipped') {
      inventory.stats.skipped++;
      inventory.skipped.push({ file: relative, reason: outcome.reason });
      if (outcome.prefilter !== undefined) skippedPrefilters.set(file, outcome.prefilter);
      if (!known && outcome.unreadable !== true) cache.setVerdict(relative, '', test, stamp, { kind: 'skipped', reason: outcome.reason, ...(outcome.prefilter === undefined ? {} : { prefilter: outcome.prefilter }) });
      return;
    }
    if (outcome.kind === 'unmatched') {
      unmatched.set(file, outcome.imports);
      if (!known) cache.setVerdict(relative, outcome.hash, test, stamp, { kind: 'unmatched', imports: outcome.imports });
      return;
    }
    analysed.add(file);
    unmatched.delete(file);
    const result = outcome.kind === 'cached' ? cache.get(relative, outcome.hash, test)! : outcome.result;
    results.set(file, result);
    if (known) return;
    cache.set(relative, outcome.hash, test, result);
    // A file analysed because it imports a wrapper still names no accessor.
    if (task.force !== true) cache.setVerdict(relative, outcome.hash, test, stamp, { kind: 'matched' });
  };
  const runTasks = async (work: readonly Work[], phase: ScanProgress['phase']) => {
    const toRead = work.filter((item) => item.known === undefined).map((item) => item.task);
    let done = 0;
    const read =
      toRead.length === 0
        ? []
        : await processAll(toRead, {
            accessors: settings.accessors,
            index: indexOf(),
            specifiers,
            workers,
            explicit: options.workers !== undefined,
            onDone: () => options.onProgress?.({ phase, done: ++done, total: toRead.length }),
          });
    let next = 0;
    for (const item of work) takeOutcome(item, item.known ?? read[next++]!, item.known !== undefined);
  };
  const taskFor = (file: string, force = false): FileTask => {
    const test = isTestFile(file);
    const cachedHash = cache.hashOf(toPosixRelative(root, file), test);
    return { file, test, ...(cachedHash === undefined ? {} : { cachedHash }), ...(force ? { force } : {}) };
  };
  /** A file of the first pass: unchanged since the cache, its stamp vouches for what its text showed. */
  const firstPassWork = (file: string): Work => {
    const stamp = cache.enabled ? statStamp(file) : undefined;
    const verdict = cache.verdictByStamp(toPosixRelative(root, file), stamp);
    if (verdict === undefined) return { task: taskFor(file), stamp, known: undefined };
    vouched++;
    // Test-ness is part of the cache's key (the `tests` globs), so the entry's holds.
    const task = { file, test: verdict.test };
    if (verdict.kind === 'skipped') {
      return { task, known: { kind: 'skipped', reason: verdict.reason, ...(verdict.prefilter === undefined ? {} : { prefilter: verdict.prefilter }) } };
    }
    unreadHashes.set(file, verdict.hash);
    return { task, known: verdict.kind === 'unmatched' ? { kind: 'unmatched', hash: verdict.hash, imports: verdict.imports } : { kind: 'cached', hash: verdict.hash } };
  };
  /** A file that imports a wrapper: analysed, unless the cache has the facts of the content its stamp vouched for. */
  const widenedWork = (file: string): Work => {
    const task = taskFor(file, true);
    const hash = unreadHashes.get(file);
    return { task, known: hash !== undefined && task.cachedHash === hash ? { kind: 'cached', hash } : undefined };
  };
  await runTasks(files.map(firstPassWork), 'reading');

  // Facts of any other module the graph needs (constants, wrappers), analysed here once.
  const factsOf = (file: string): FileFacts | undefined => {
    if (!results.has(file)) {
      const relative = toPosixRelative(root, file);
      const test = isTestFile(file);
      const unreadHash = unreadHashes.get(file);
      const known = unreadHash === undefined ? undefined : cache.get(relative, unreadHash, test);
      if (known === undefined) reads.add(file);
      const source = known === undefined ? readSourceText(file) : undefined;
      if (source?.kind === 'skipped') {
        results.set(file, null);
        return undefined;
      }
      if (known !== undefined) results.set(file, known);
      else if (source !== undefined) {
        const hash = createHash('sha1').update(source.bytes).digest('hex');
        const result = cache.get(relative, hash, test) ?? serializeResult(analyzeSource(file, source.text, { index: indexOf(), inProject }, test));
        results.set(file, result);
        cache.set(relative, hash, test, result);
      }
    }
    const result = results.get(file);
    return result?.kind === 'facts' ? result.facts : undefined;
  };
  // Every file was read once above: the graph takes the prefilter's verdicts from there.
  const namesAccessor = new Set(analysed);
  const knownPrefilter = (file: string): PrefilterVerdict | undefined => {
    if (namesAccessor.has(file)) return { namesAccessor: true, imports: [] };
    const imports = unmatched.get(file);
    return imports === undefined ? skippedPrefilters.get(file) : { namesAccessor: false, imports };
  };
  // All the graph reads of a module is its summary: kept parsed for every module asked about, while
  // the whole facts stay deflated.
  const summaries = new Map<string, ModuleSummary | undefined>();
  const knownModule = (file: string): ModuleSummary | undefined => {
    if (!summaries.has(file)) summaries.set(file, factsOf(file)?.module);
    return summaries.get(file);
  };
  const graph = new ModuleGraph({
    get index() {
      return indexOf();
    },
    resolveModule: createModuleResolver(root, (read) => reads.add(read.path)),
    isTestFile,
    knownModule,
    knownPrefilter,
    onRead: (file) => reads.add(file),
  });

  // Files that name no accessor but import a wrapper (however many modules away): the same test
  // ESLint applies to each file, so both find the same references. Unless no scanned file changed
  // and nothing else the last widening read did: then it found what it found last time.
  const collector = new SteadyCollector(COLLECT_EVERY, files.length >= COLLECT_FROM_FILES);
  collector.now();
  const fileList = cache.enabled ? createHash('sha1').update(files.map((file) => toPosixRelative(root, file)).join('\n')).digest('hex') : '';
  const absolute = (path: string) => resolve(root, path);
  const widenedBefore = vouched === files.length ? cache.widenedBefore(fileList, (path) => statStamp(absolute(path))) : undefined;
  let widened: string[];
  // Only files that name no accessor can have been widened (whatever the cache file says).
  if (widenedBefore !== undefined) widened = widenedBefore.map(absolute).filter((file) => unmatched.has(file));
  else {
    widened = [...unmatched]
      .filter(([file, imports]) => {
        collector.tick();
        return importsAWrapper(file, imports, graph);
      })
      .map(([file]) => file);
    if (cache.enabled) {
      const readStamps = [...reads].sort().map((path): [string, FileStamp | null] => [toPosixRelative(root, path), statStamp(path) ?? null]);
      cache.setWidening({ files: fileList, reads: readStamps, widened: widened.map((file) => toPosixRelative(root, file)) });
    }
  }
  // Some were analysed already, as modules the graph looked into.
  for (const file of widened) if (results.has(file)) analysed.add(file);
  const pending = widened.filter((file) => !results.has(file));
  if (pending.length > 0) await runTasks(pending.map(widenedWork), 'analysing');

  // Resolved facts of the files asked for lately (the follower of cross-file nesting comes back
  // to the same modules); resolving again is cheap next to holding every file's.
  collector.now();
  const resolvedByFile = new Map<string, ResolvedFacts>();
  const keyTypes = options.types === true ? new KeyTypes(root) : undefined;
  const resolvedOf = (file: string): ResolvedFacts | undefined => {
    let resolved = resolvedByFile.get(file);
    if (resolved === undefined) {
      const facts = factsOf(file);
      if (facts === undefined) return undefined;
      resolved = resolveFacts(file, facts, graph);
      if (keyTypes !== undefined) resolved.references = typedKeys(file, resolved.references, keyTypes);
      if (manifest !== undefined) resolved.references = applyKeyAliases(resolved.references, manifest.flags);
      resolvedByFile.set(file, resolved);
      if (resolvedByFile.size > RECENTLY_RESOLVED) resolvedByFile.delete(resolvedByFile.keys().next().value!);
    }
    return resolved;
  };
  const relativeOf = (file: string) => toPosixRelative(root, file);

  const throughCalls: ThroughCalls[] = [];
  for (const file of [...analysed].sort()) {
    // A file's resolution turns over some ten times the objects a widening check does.
    collector.tick(2);
    const result = results.get(file);
    if (result?.kind === 'parse-error') {
      const warning: Inventory['warnings'][number] = { file: relativeOf(file), message: `does not parse: ${result.message}` };
      if (result.line !== undefined) warning.line = result.line;
      if (result.column !== undefined) warning.column = result.column;
      inventory.warnings.push(warning);
      continue;
    }
    const resolved = resolvedOf(file);
    if (resolved === undefined) continue;
    inventory.stats.analysed++;
    for (const reference of resolved.references) inventory.references.push(toInventoryReference(reference, relativeOf(file), resolved.test));
    inventory.references.push(...mockOverrides(file, resolved, graph, relativeOf));
    inventory.nestings.push(...nestingsOf(file, resolved, graph, resolvedOf, relativeOf, throughCalls));
    const keys = new Map(resolved.references.map((reference) => [reference.id, keyOf(reference)]));
    for (const problem of fallbackProblems(resolved, settings.findings['missing-fallback'])) {
      inventory.problems.push({ code: 'missing-fallback', kind: problem.kind, key: keys.get(problem.reference) ?? '', file: relativeOf(file), line: problem.loc.line, column: problem.loc.column });
    }
  }
  // Callers are looked for in every file of the project, also those a shard or the given paths leave
  // out: a partial scan must keep the nestings the whole scan keeps, no more.
  const partial = shard !== undefined || (options.paths !== undefined && options.paths.length > 0);
  const unanalysed = () => ({
    files: partial ? discoverProject({ root, include: settings.include, exclude: settings.exclude, cwd }).files : files,
    importsOf: (file: string) => {
      const known = unmatched.get(file);
      if (known !== undefined || !partial) return known;
      const source = readSourceText(file);
      return source.kind === 'text' ? scanImports(source.text) : undefined;
    },
  });
  inventory.nestings.push(...onlyThroughRegions(throughCalls, graph, analysed, factsOf, unanalysed));
  cache.save();
  return { inventory: sortInventory(inventory), settings, manifest, cacheHits: cache.hits, cacheWarnings: cacheFolder?.warnings ?? [] };
}

/** The public API: scan and return the inventory (the contracts' `scan(options)`). */
export async function scan(options: ScanOptions = {}): Promise<Inventory> {
  return (await scanProject(options)).inventory;
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
function mockOverrides(file: string, resolved: ResolvedFacts, graph: ModuleGraph, relativeOf: (file: string) => string): InventoryReference[] {
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
  graph: ModuleGraph,
  resolvedOf: (file: string) => ResolvedFacts | undefined,
  relativeOf: (file: string) => string,
  throughCalls: ThroughCalls[],
): InventoryNesting[] {
  const nestings: InventoryNesting[] = [];
  const decisions = new Map(resolved.decisions.map((decision) => [decision.id, decision]));
  const references = new Map(resolved.references.map((reference) => [reference.id, reference]));
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
      outer: locationOf(file, outer, keyOf(references.get(outer.reference)!)),
      inner: locationOf(file, inner, keyOf(references.get(inner.reference)!)),
      through: [...nesting.through],
    };
    if (nesting.callLoc) entry.call = { file: relativeOf(file), line: nesting.callLoc.line, column: nesting.callLoc.column };
    if (isNew(entry)) nestings.push(entry);
  }
  const follower = new CallFollower(graph, resolvedOf, (target, name, from) => (target === from ? name : `${relativeOf(target)}#${name}`));
  const regions = new Map<string, CallingRegion>();
  const regionOf = (call: RegionCall, outer: FlagDecision): CallingRegion => {
    const id = `${call.decision}:${call.regionIndex}`;
    let region = regions.get(id);
    if (region === undefined) {
      const calls = resolved.facts.regionCalls.filter((other) => other.decision === call.decision && other.regionIndex === call.regionIndex).map((other) => other.callee);
      region = { file, range: outer.regions[call.regionIndex]!.range, calls, reachable: follower.reachable(file, calls) };
      regions.set(id, region);
    }
    return region;
  };
  for (const call of resolved.facts.regionCalls) {
    const outer = decisions.get(call.decision);
    if (outer === undefined) continue;
    const outerKey = keyOf(references.get(outer.reference)!);
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
 * Issue 16 item 2: a flag check in shared code (a sign-in modal rendered from every page) is not
 * nested in every flag whose region happens to render it. A nesting through calls stands only
 * when every known call path to the inner check passes through the outer region; each (outer,
 * inner) pair once.
 */
function onlyThroughRegions(
  candidates: readonly ThroughCalls[],
  graph: ModuleGraph,
  analysed: Iterable<string>,
  factsOf: (file: string) => FileFacts | undefined,
  unanalysed: () => { files: Iterable<string>; importsOf: (file: string) => readonly ScannedImport[] | undefined },
): InventoryNesting[] {
  if (candidates.length === 0) return [];
  const reachable = new Set<FunctionKey>();
  for (const { region } of candidates) for (const key of region.reachable) reachable.add(key);
  const callers = new CallerIndex(graph, reachable, analysed, factsOf, unanalysed());
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
