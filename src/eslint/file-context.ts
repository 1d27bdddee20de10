import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { testFileMatcher } from '../config/globs.js';
import { resolveSettings, type ResolvedSettings } from '../config/settings.js';
import { formatUserProblem, UserError } from '../errors.js';
import { analyzeFile } from '../detect/analyze.js';
import type { FileFacts } from '../detect/facts.js';
import { AccessorIndex } from '../patterns/index.js';
import { ModuleFactsCache } from '../detect/module-facts-cache.js';
import { ModuleGraph } from '../detect/module-graph.js';
import { FolderListings } from '../detect/folder-listings.js';
import { createModuleResolver, type ResolveModule } from '../detect/module-resolution.js';
import { requireTypeScript } from '../detect/typescript-api.js';
import { needsAnalysis } from '../detect/needs-analysis.js';
import { applyKeyAliases, resolveFacts, type ResolvedFacts } from '../detect/resolve.js';
import type { StringLiteralTypeOf } from '../detect/keys.js';
import type { BooleanTypeOf } from '../detect/off-value.js';
import type { Node } from '../detect/ast.js';
import { loadManifestCached } from '../manifest/load.js';
import type { Manifest } from '../manifest/types.js';

/** The settings of one ESLint configuration, compiled once and shared by every file and rule. */
export interface LintProject {
  settings: ResolvedSettings;
  index: AccessorIndex;
  graph: ModuleGraph;
  /** What files were found to be, by path and text, kept when the graph is renewed after a pause. */
  factsCache: ModuleFactsCache;
  /** Folder listings, kept when the graph is renewed after a pause (each checked by its stamp then). */
  listings: FolderListings;
  isTestFile(file: string): boolean;
}

export interface LintFileContext {
  project: LintProject;
  facts: ResolvedFacts;
  /** The manifest, when one is configured and readable. */
  manifest: Manifest | undefined;
}

// At plugin load, as before the resolver loaded TypeScript lazily: a project whose `typescript` has no
// JavaScript API (TypeScript 7) hears what to install when ESLint starts, not on some file later.
requireTypeScript();

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const SETTINGS_ORIGIN = "ESLint settings['flag-hygiene']";
const EMPTY_FACTS: FileFacts = {
  version: 0,
  test: false,
  references: [],
  wrapperCalls: [],
  decisions: [],
  regionCalls: [],
  functions: [],
  module: { exports: {}, exportAll: [], imports: [] },
  mocks: [],
  notes: [],
};

const projects = new Map<string, LintProject | UserError>();

/**
 * The module graph caches folder listings, import resolutions and which modules may export a
 * wrapper, which do not notice a file created, deleted or edited later. A command-line run lints
 * file after file and never pauses that long, so it keeps one graph; an editor lints on each change
 * and waits in between, and after such a pause the next lint renews the graph: its conclusions go,
 * so a module added or edited meanwhile counts, while what it learnt stays where its stamp shows it
 * unchanged (each module's prefilter verdict and summary; folder listings). Starting afresh
 * instead had the first lint after a pause read and scan every module a file's imports reach again,
 * 200 ms for one file in seven on a real server codebase.
 */
const IDLE_MS = 2_000;
let lastLint = 0;
const files = new WeakMap<object, LintFileContext | UserError>();
const announced = new Set<string>();

/** A project's module resolver: a fresh one per graph, over the folder listings the project keeps. */
function resolverFor({ settings, listings }: Pick<LintProject, 'settings' | 'listings'>): ResolveModule {
  return createModuleResolver(settings.root, undefined, listings);
}

function graphFor(project: Omit<LintProject, 'graph'>): ModuleGraph {
  const { index, isTestFile, factsCache } = project;
  return new ModuleGraph({ index, resolveModule: resolverFor(project), isTestFile, factsCache });
}

/**
 * A configuration's key: its working directory and settings as text. ESLint hands every file of one
 * configuration the same settings object, so the key is made once per object and directory, and
 * the same string looks the project up each time (a string built afresh is hashed afresh, and
 * settings with a manifest and accessors run to kilobytes).
 */
const projectKeys = new WeakMap<object, Map<string, string>>();

function projectKey(cwd: string, raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return `${cwd}\u0000${JSON.stringify(raw ?? null)}`;
  let byCwd = projectKeys.get(raw);
  if (byCwd === undefined) projectKeys.set(raw, (byCwd = new Map()));
  let key = byCwd.get(cwd);
  if (key === undefined) byCwd.set(cwd, (key = `${cwd}\u0000${JSON.stringify(raw)}`));
  return key;
}

/**
 * A test-file matcher that remembers its last answer: an editor lints the file being edited again
 * on every change, and would match its path against the globs each time.
 */
function rememberingTestFiles(matches: (file: string) => boolean): (file: string) => boolean {
  let last: { file: string; answer: boolean } | undefined;
  return (file) => {
    if (last?.file !== file) last = { file, answer: matches(file) };
    return last.answer;
  };
}

/** The project for a configuration: same settings and working directory, same project. */
function projectFor(context: AnyContext): LintProject | UserError {
  const raw = (context.settings as Record<string, unknown>)['flag-hygiene'];
  const key = projectKey(context.cwd, raw);
  const now = Date.now();
  if (now - lastLint > IDLE_MS) {
    for (const [configKey, known] of projects) {
      if (known instanceof UserError) continue;
      // An editor: from now on, what relative imports resolve to is kept for the next renewal too.
      known.listings.keepsResolutions = true;
      projects.set(configKey, { ...known, graph: known.graph.renewed(resolverFor(known)) });
    }
  }
  lastLint = now;
  let project = projects.get(key);
  if (project === undefined) {
    try {
      const settings = resolveSettings(raw, { root: context.cwd, origin: SETTINGS_ORIGIN, env: process.env });
      const index = new AccessorIndex(settings.accessors, settings.root);
      const isTestFile = rememberingTestFiles(testFileMatcher(settings.root, settings.tests));
      const parts = { settings, index, isTestFile, factsCache: new ModuleFactsCache(), listings: new FolderListings() };
      project = { ...parts, graph: graphFor(parts) };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      project = error;
    }
    projects.set(key, project);
  }
  return project;
}

const BOOLEAN_TYPE_NAMES = new Set(['boolean', 'true', 'false']);

/** With typed linting: the string literal type of an expression, and whether it is a boolean. */
function typeResolvers(context: AnyContext): { stringLiteralTypeOf?: StringLiteralTypeOf; booleanTypeOf?: BooleanTypeOf } {
  const services = context.sourceCode.parserServices;
  if (services?.program == null || services.esTreeNodeToTSNodeMap === undefined) return {};
  const checker = services.program.getTypeChecker();
  const map = services.esTreeNodeToTSNodeMap;
  const typeOf = (node: Node) => {
    const tsNode = map.get(node as TSESTree.Node);
    return tsNode === undefined ? undefined : checker.getTypeAtLocation(tsNode);
  };
  return {
    stringLiteralTypeOf: (node) => {
      const type = typeOf(node);
      return type?.isStringLiteral() ? type.value : undefined;
    },
    booleanTypeOf: (node) => {
      const type = typeOf(node);
      if (type === undefined) return undefined;
      // By name, not by TypeFlags: the checker is the project's TypeScript, whatever its version.
      const names = (type.isUnion() ? type.types : [type]).map((member) => checker.typeToString(member));
      if (names.some((name) => name === 'any' || name === 'unknown' || type.isTypeParameter())) return undefined;
      // `boolean | undefined` is as good a yes/no as `boolean`: the off value `false` fits it.
      return (
        names.some((name) => BOOLEAN_TYPE_NAMES.has(name)) &&
        names.every((name) => BOOLEAN_TYPE_NAMES.has(name) || name === 'undefined' || name === 'null')
      );
    },
  };
}

/**
 * The file's flag facts, analysed once per file whichever rule asks first, and shared by all
 * rules: none of them walks the tree itself.
 */
export function lintFileContext(context: AnyContext): LintFileContext | UserError {
  const sourceCode = context.sourceCode;
  const cached = files.get(sourceCode);
  if (cached !== undefined) return cached;
  const project = projectFor(context);
  if (project instanceof UserError) {
    files.set(sourceCode, project);
    return project;
  }
  // A module saved since the last file counts for this one.
  project.graph.lookAgain();
  const file = context.physicalFilename;
  const text = sourceCode.text;
  const test = project.isTestFile(file);
  const facts = needsAnalysis(file, text, project.index, project.graph)
    ? analyzedFacts(context, project, file, text, test)
    : { ...EMPTY_FACTS, test };
  const resolved = resolveFacts(file, facts, project.graph);
  const manifest = manifestOf(project);
  if (manifest !== undefined) resolved.references = applyKeyAliases(resolved.references, manifest.flags);
  const result: LintFileContext = { project, facts: resolved, manifest };
  files.set(sourceCode, result);
  return result;
}

/**
 * The facts of a file that may hold a reference: analysed here, or taken from the cache when
 * this very text was analysed before (a module the graph read for a file linted earlier, a text
 * linted again). Facts made with type information are neither taken from nor given to the graph,
 * which has none.
 */
function analyzedFacts(context: AnyContext, project: LintProject, file: string, text: string, test: boolean): FileFacts {
  const types = typeResolvers(context);
  const typed = types.stringLiteralTypeOf !== undefined;
  const known = typed ? undefined : project.factsCache.takeFacts(file, text);
  if (known !== undefined) return known;
  const facts = analyzeFile(context.sourceCode.ast as TSESTree.Program, { index: project.index.forFile(file), test, text, ...types });
  if (!typed) project.factsCache.set(file, text, facts, false);
  return facts;
}

function manifestOf(project: LintProject): Manifest | undefined {
  const path = project.settings.manifestPath;
  if (path === undefined) return undefined;
  try {
    return loadManifestCached(path, project.settings.manifestFormat);
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}

/** The manifest's problem, if one is configured but cannot be used. */
export function manifestError(project: LintProject): UserError | undefined {
  const path = project.settings.manifestPath;
  if (path === undefined) return undefined;
  try {
    loadManifestCached(path, project.settings.manifestFormat);
    return undefined;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
}

/**
 * Reports a configuration problem once per process or worker thread (not once per file): on the
 * first file that thread lints, at its first line, through whichever rule gets there first. A
 * thread cannot know what the others reported, so `--concurrency n` may say it up to n times.
 */
export function announceOnce(error: UserError, announce: (message: string) => void): void {
  const message = error.problems.map(formatUserProblem).join('; ');
  if (announced.has(message)) return;
  announced.add(message);
  announce(message);
}
