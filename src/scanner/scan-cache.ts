import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FACTS_VERSION } from '../detect/facts.js';
import { readSpecifierScope, type SpecifierScope } from '../detect/project-specifiers.js';
import { parserPackages } from '../estree-parser.js';
import { CacheFolder, type CacheWarning } from './cache-folder.js';
import { discoverRemembered } from './discovery-cache.js';
import { FactsCache, type TextVerdict, type WideningRecord } from './facts-cache.js';
import { serializedOf, type HeldResult, type SerializedResult } from './facts-store.js';
import { discoverProject, type DiscoveredProject, type DiscoverOptions } from './files.js';
import { rememberedSpecifierScope } from './specifier-cache.js';
import { stampOf, type FileStamp } from './stamp.js';

/**
 * The layout of the cache folder: part of the key of every file in it, so files another layout
 * wrote (an older release's, which also kept the widening pass's stamps and every other stamp in
 * other shapes) are read as "written under another key": not used, and replaced. Bump it whenever
 * what a cache file holds, or what decides it, changes meaning.
 */
const CACHE_VERSION = 3;

/** The plugin's compiled (or, under tests, source) folder: `src/` of the build. */
const PLUGIN_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The plugin's own modules (as paths relative to `root`, its source folder): the facts a file gives
 * depend on the detector, but also on how patterns compile (patterns/), how a text is decoded and
 * prefiltered (scanner/) and how it parses, so all of them count, not only detect/. A release that
 * changes only the CLI or a reporter costs one cold scan, which is cheap next to serving stale facts.
 */
export function pluginSourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (/\.[jt]s$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path);
    }
  };
  walk('');
  return found.sort();
}

/**
 * A digest of the plugin's code under `root` and of the parser it uses, so a changed scanner (a new
 * build, a local edit, an updated typescript-estree or TypeScript) never reuses what the old one
 * cached, even under the same version number. Of each module its stamp, not its text: writing a
 * file changes its change time (which no tool sets back), and reading the plugin's 1 MB of code to
 * hash it took some 8 ms of every warm scan.
 */
export function fingerprintOfCode(root: string): string {
  const hash = createHash('sha1').update(parserPackages().join('\n'));
  for (const path of pluginSourceFiles(root)) hash.update(`\n${path}\t${JSON.stringify(stampOf(join(root, path)))}`);
  return hash.digest('hex').slice(0, 12);
}

let fingerprint: string | undefined;

/** The plugin's own fingerprintOfCode, taken once per process. */
function codeFingerprint(): string {
  return (fingerprint ??= fingerprintOfCode(PLUGIN_ROOT));
}

/** Where the cache lives: nowhere (`cache: false`), where asked, else under the root's node_modules. */
export function cacheDirectory(options: { cache?: boolean; cacheLocation?: string; root: string; cwd: string }): string | undefined {
  if (options.cache === false) return undefined;
  return options.cacheLocation === undefined
    ? join(options.root, 'node_modules', '.cache', 'flag-hygiene')
    : resolve(options.cwd, options.cacheLocation);
}

/**
 * The one thing the phases of a scan ask about what an earlier scan found: the file list, the
 * tsconfig aliases, each file's facts and what its text showed, and which files the widening pass
 * took in. It owns the cache folder and the cache's version (one key prefix for every file in it);
 * without a folder (no cache, or one that cannot be kept) every question is answered by doing the
 * work, and nothing is kept. A cache is a hint: whatever is wrong with it costs time and a warning
 * (`warnings`), never the scan's result.
 */
export class ScanCache {
  private facts = FactsCache.disabled();

  private constructor(
    /** The folder asked for, usable or not (its warnings say why not). */
    private readonly folder: CacheFolder | undefined,
    /** The key prefix of every cache file: this release, this code, this layout. */
    private readonly version: string,
  ) {}

  /** `directory` undefined: a scan without a cache. */
  static open(directory: string | undefined, tool: string): ScanCache {
    const folder = directory === undefined ? undefined : CacheFolder.open(directory);
    return new ScanCache(folder, folder?.usable === true ? `${tool}|cache-${CACHE_VERSION}|${codeFingerprint()}` : '');
  }

  /** Whether anything is kept (and stamps worth taking). */
  get enabled(): boolean {
    return this.usableFolder !== undefined;
  }

  /** What was wrong with the cache: one warning per cache file or folder. */
  get warnings(): CacheWarning[] {
    return this.folder?.warnings ?? [];
  }

  /** How many files' facts or verdicts came from the cache. */
  get hits(): number {
    return this.facts.hits;
  }

  /** The files to scan. Given paths are walked afresh (they are few, and the list would differ every time). */
  discover(options: DiscoverOptions): DiscoveredProject {
    const given = options.paths !== undefined && options.paths.length > 0;
    return given || this.usableFolder === undefined
      ? discoverProject(options)
      : discoverRemembered(options, this.usableFolder, this.version);
  }

  /** Which package names the tsconfig files alias to project code, or name the workspace's packages. */
  specifierScope(root: string, tsconfigs: readonly string[]): SpecifierScope {
    return this.usableFolder === undefined
      ? readSpecifierScope(root, tsconfigs)
      : rememberedSpecifierScope(root, tsconfigs, this.usableFolder, this.version);
  }

  /** Opens the per-file entries kept under these detection settings (the accessors, tests globs, aliases …). */
  useDetection(detectionKey: string): void {
    if (this.usableFolder !== undefined)
      this.facts = FactsCache.open(this.usableFolder, `${this.version}|facts-${FACTS_VERSION}|${detectionKey}`);
  }

  /** Whether an earlier scan left entries under these detection settings (so it compiled their patterns). */
  get knowsDetection(): boolean {
    return this.facts.holdsEntries;
  }

  /** A file's stamp now, when it is worth taking (a cache keeps it). */
  stamp(file: string): FileStamp | null {
    return this.enabled ? stampOf(file) : null;
  }

  verdictByStamp(relativePath: string, stamp: FileStamp | null): ReturnType<FactsCache['verdictByStamp']> {
    return this.facts.verdictByStamp(relativePath, stamp);
  }

  hashOf(relativePath: string, test: boolean): string | undefined {
    return this.facts.hashOf(relativePath, test);
  }

  factsOf(relativePath: string, hash: string, test: boolean): SerializedResult | undefined {
    return this.facts.get(relativePath, hash, test);
  }

  /** Keeps a file's facts, deflated now (the objects may be used on), when there is a cache to keep them in. */
  keepFacts(relativePath: string, hash: string, test: boolean, result: HeldResult): void {
    if (this.enabled) this.facts.set(relativePath, hash, test, serializedOf(result));
  }

  keepVerdict(relativePath: string, hash: string, test: boolean, stamp: FileStamp | null, verdict: TextVerdict): void {
    this.facts.setVerdict(relativePath, hash, test, stamp, verdict);
  }

  widenedBefore(files: string, absolute: (path: string) => string): WideningRecord | undefined {
    return this.facts.widenedBefore(files, absolute);
  }

  keepWidening(record: WideningRecord): void {
    this.facts.setWidening(record);
  }

  /**
   * Which modules lead to a flag decision (DecisionReach), kept with the widening record (relative
   * paths), and what the scan read to find out (relative and absolute paths).
   */
  keepDecisionReach(
    yes: readonly string[],
    no: readonly string[],
    reads: readonly (readonly [relative: string, absolute: string])[],
  ): void {
    this.facts.addDecisionReach(yes, no, reads);
  }

  /** Writes what this scan learnt (only what changed; see FactsCache.save). */
  save(): void {
    this.facts.save();
  }

  private get usableFolder(): CacheFolder | undefined {
    return this.folder?.usable === true ? this.folder : undefined;
  }
}
