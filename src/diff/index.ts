import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCliSettings } from '../config/load-settings.js';
import { UserError } from '../errors.js';
import { loadManifest } from '../manifest/load.js';
import type { Manifest } from '../manifest/types.js';
import { scanProject, type ScanProgress } from '../scanner/scan.js';
import { writeBaseTree } from './base-tree.js';
import { compareInventories, type FlagDiff } from './compare.js';
import { changedLinesSinceCommit, locateRepository, resolveCommit } from './git.js';

export { DIFF_FAIL_CODES, DIFF_FORMATS, type DiffFailCode, type DiffFormat } from './codes.js';
export { compareInventories, failingCategories, type FlagDiff } from './compare.js';
export { formatDiff } from './format.js';

export interface DiffOptions {
  /** The git ref to compare the working tree with. */
  ref: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  config?: string;
  manifest?: string;
  today?: string;
  /** Use the scan cache (default true); the base's scan reads a copy of it and never writes it. */
  cache?: boolean;
  cacheLocation?: string;
  workers?: number;
  onProgress?: (progress: ScanProgress) => void;
}

export interface DiffResult {
  diff: FlagDiff;
  /** What the comparison had to do without (one line each). */
  warnings: string[];
}

/** The facts cache file of the scanner (scanner/facts-cache.ts). */
const FACTS_CACHE_FILE = 'facts.ndjson';

/**
 * What the working tree does to the flags compared with a commit: both are scanned with the same
 * settings, the base from a copy of its files written from git's objects. The base's scan starts
 * from a copy of the working tree's facts cache, so every file the change left alone is recognised
 * by its content hash and not parsed again, while the cache itself stays the working tree's.
 */
export async function diffAgainstBase(options: DiffOptions): Promise<DiffResult> {
  const settings = loadCliSettings({
    cwd: options.cwd,
    env: options.env,
    ...(options.config === undefined ? {} : { configPath: options.config }),
    ...(options.manifest === undefined ? {} : { manifest: options.manifest }),
    ...(options.today === undefined ? {} : { today: options.today }),
  });
  const location = locateRepository(settings.root);
  const commit = resolveCommit(settings.root, options.ref);
  const useCache = options.cache !== false;
  const cacheDirectory =
    options.cacheLocation === undefined
      ? join(settings.root, 'node_modules', '.cache', 'flag-hygiene')
      : resolve(options.cwd, options.cacheLocation);
  const scanOptions = {
    cache: useCache,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
  const head = await scanProject({ ...scanOptions, cwd: options.cwd, env: options.env, settings, cacheLocation: cacheDirectory });

  const warnings: string[] = [];
  const temporary = mkdtempSync(join(tmpdir(), 'flag-hygiene-diff-'));
  try {
    const tree = await writeBaseTree({
      root: settings.root,
      location,
      commit,
      include: settings.include,
      exclude: settings.exclude,
      manifestPath: settings.manifestPath,
      into: join(temporary, 'tree'),
    });
    let baseManifest: Manifest | undefined;
    if (tree.manifestPath !== undefined) {
      try {
        baseManifest = loadManifest(tree.manifestPath, settings.manifestFormat);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        // A change that repairs the manifest still gets its diff.
        warnings.push(`the manifest at ${options.ref} does not load; the base is compared without it`);
      }
    }
    const baseCache = join(temporary, 'cache');
    if (useCache) {
      mkdirSync(baseCache, { recursive: true });
      try {
        copyFileSync(join(cacheDirectory, FACTS_CACHE_FILE), join(baseCache, FACTS_CACHE_FILE));
      } catch {
        // No cache yet: the base is parsed in full.
      }
    }
    const base = await scanProject({
      ...scanOptions,
      cwd: tree.root,
      env: options.env,
      settings: { ...settings, root: tree.root, manifestPath: baseManifest === undefined ? undefined : tree.manifestPath },
      cacheLocation: baseCache,
    });
    const diff = compareInventories({
      base: { ref: options.ref, commit, inventory: base.inventory, manifest: baseManifest },
      head: { inventory: head.inventory, manifest: head.manifest },
      changedLines: changedLinesSinceCommit(settings.root, commit),
      today: settings.today,
      policy: settings.policy,
    });
    return { diff, warnings };
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}
