import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { testFileMatcher } from '../config/globs.js';
import { loadCliSettings } from '../config/load-settings.js';
import type { ResolvedSettings } from '../config/settings.js';
import { AccessorIndex } from '../patterns/index.js';
import { specifierTest } from '../detect/project-specifiers.js';
import { loadManifest } from '../manifest/load.js';
import type { Manifest } from '../manifest/types.js';
import { toPosixRelative } from '../posix-path.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import type { CacheWarning } from './cache-folder.js';
import { FileResults } from './file-results.js';
import { parseShard, type Shard } from './files.js';
import { sortInventory, type Inventory } from './inventory.js';
import { defaultWorkerCount, FilePool } from './pool.js';
import { analyseWidened, readFiles } from './read-pass.js';
import { reduceToInventory } from './reduce.js';
import { resolverOf } from './resolve-files.js';
import { cacheDirectory, ScanCache } from './scan-cache.js';
import type { ScanContext, ScanProgress } from './scan-context.js';
import { moduleGraphOf, widenedFiles } from './widen.js';

export type { ScanProgress } from './scan-context.js';

/*
 * A scan in phases, each a function of its own module over one ScanContext (settings, the one
 * ScanCache) and one FileResults (what is known of each file):
 *   discover      the files to scan and the tsconfig aliases (ScanCache.discover / specifierScope)
 *   read          every file once: decode, prefilter, parse and analyse what can hold a reference
 *                 (read-pass.ts; processFile reads one file, analyzeSource is the one per-file
 *                 "text to facts" step, for the first pass and for every module the graph needs)
 *   widen         files that name no accessor but import a wrapper, then analysed (widen.ts)
 *   resolve       keys across files, on demand (resolve-files.ts)
 *   reduce        resolved facts into the inventory (reduce.ts)
 */

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
  /** Worker threads (default: one per core, up to 8, for 512 files or more to parse or 5,000 to read); 0 does all in this thread. */
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
  const { root } = settings;
  const shard = typeof options.shard === 'string' ? parseShard(options.shard) : options.shard;
  const tool = `${PACKAGE_NAME}@${PACKAGE_VERSION}`;
  const cache = ScanCache.open(cacheDirectory({ ...options, root, cwd }), tool);
  const paths = options.paths !== undefined && options.paths.length > 0 ? options.paths : undefined;

  // Discover.
  const {
    files,
    tsconfigs,
    unreadableFolders,
    unsupported = [],
  } = cache.discover({
    root,
    include: settings.include,
    exclude: settings.exclude,
    cwd,
    ...(shard === undefined ? {} : { shard }),
    ...(paths === undefined ? {} : { paths }),
  });
  // Calls into packages can never be wrapper calls: the analysis drops them, so its facts also
  // depend on which package names the tsconfig files alias to project code or the workspace holds.
  const specifiers = cache.specifierScope(root, tsconfigs);
  cache.useDetection(`${settings.detectionHash}:${createHash('sha1').update(JSON.stringify(specifiers)).digest('hex')}`);
  // Patterns compile when first needed (ResolvedSettings); one that does not compile is told before
  // anything else is read, unless an earlier scan under the same detection settings compiled it.
  if (!cache.knowsDetection) void settings.accessors;
  const manifest = settings.manifestPath === undefined ? undefined : loadManifest(settings.manifestPath, settings.manifestFormat);
  let index: AccessorIndex | undefined;
  const indexOnce = () => (index ??= new AccessorIndex(settings.accessors, root));
  const context: ScanContext = {
    root,
    settings,
    cache,
    isTestFile: testFileMatcher(root, settings.tests),
    index: indexOnce,
    specifiers,
    inProject: specifierTest(specifiers),
    relative: (file) => toPosixRelative(root, file),
    pool: new FilePool({
      accessors: () => settings.accessors,
      index: indexOnce,
      specifiers,
      workers: options.workers ?? defaultWorkerCount(),
      explicit: options.workers !== undefined,
    }),
    onProgress: options.onProgress,
  };

  const inventory: Inventory = {
    version: 1,
    tool,
    references: [],
    nestings: [],
    problems: [],
    warnings: [],
    skipped: [],
    stats: { files: files.length, analysed: 0, skipped: 0 },
  };
  for (const { folder, code } of unreadableFolders)
    inventory.skipped.push({
      file: context.relative(folder),
      reason: `cannot be read (${code}): none of its files is scanned`,
      folder: true,
    });
  for (const { file, message } of unsupported) inventory.warnings.push({ file: context.relative(file), message });
  if (shard !== undefined) inventory.shard = `${shard.index}/${shard.count}`;
  if (paths !== undefined) inventory.paths = paths.map((path) => context.relative(resolve(cwd, path)));

  try {
    // Read, then widen.
    const results = new FileResults(context);
    await readFiles(files, context, results);
    const graph = moduleGraphOf(context, results);
    await analyseWidened(widenedFiles(files, context, results, graph), context, results);
    // The threads' heaps would stay beside what reducing builds up in this one.
    await context.pool.close();
    // Resolve and reduce.
    await reduceToInventory(inventory, context, results, graph, resolverOf(context, results, graph, manifest, options.types === true), {
      files,
      partial: shard !== undefined || paths !== undefined,
      cwd,
    });
  } finally {
    await context.pool.close();
  }
  cache.save();
  return { inventory: sortInventory(inventory), settings, manifest, cacheHits: cache.hits, cacheWarnings: cache.warnings };
}

/** The public API: scan and return the inventory (the contracts' `scan(options)`). */
export async function scan(options: ScanOptions = {}): Promise<Inventory> {
  return (await scanProject(options)).inventory;
}
