import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globSync, type GlobOptions } from 'tinyglobby';
import murmurhash from 'murmurhash';
import { globMatcher, literalGlob } from '../config/globs.js';
import { UserError } from '../errors.js';
import { staysInside, toPosixRelative } from '../posix-path.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface DiscoverOptions {
  root: string;
  include: readonly string[];
  exclude: readonly string[];
  /** Files or folders to scan instead of the whole root (relative to `cwd`). */
  paths?: readonly string[];
  cwd: string;
  shard?: Shard;
  /** Told of each folder before the walk lists it and each .gitignore before it is read (see discovery-cache.ts). */
  onRead?: (path: string) => void;
  /** How the walk lists a folder (default: node:fs readdirSync); tests put in one that fails. */
  readdirSync?: typeof readdirSync;
}

/** What the scanner reads: JavaScript and TypeScript modules, and the scripts of single-file components (sfc/). */
const SOURCE_EXTENSION = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;
const UNSUPPORTED_FILE =
  'was not scanned: no reader understands this kind of file (the scanner reads .ts, .tsx, .mts, .cts, .js, .jsx, .mjs, .cjs, .vue, .svelte and .astro files)';

/** Where the module resolver reads compiler options (`paths` aliases) from. */
const TSCONFIG = 'tsconfig.json';
const GITIGNORE = '.gitignore';
/** Markers found in the walk that finds the source files, whatever the include globs say. */
const MARKER_GLOBS = [`**/${TSCONFIG}`, `**/${GITIGNORE}`];
const IN_NODE_MODULES = /(?:^|\/)node_modules\//;

/** More shards than any CI matrix runs (GitHub Actions allows 256 jobs). */
export const MAX_SHARDS = 1000;

/** Parses `--shard i/n`. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new UserError({ message: `--shard must be i/n with 1 <= i <= n <= ${MAX_SHARDS}, got '${value}'` });
  }
  return { index, count };
}

/** Which shard a file belongs to: by a hash of its relative path, so adding files moves no others. */
export function shardOf(relativePath: string, count: number): number {
  return (murmurhash.v3(relativePath, 0) % count) + 1;
}

interface GitignoreMatcher {
  base: string;
  /** The folder with a trailing `/`, the separators `/`: what the paths of files inside it start with. */
  prefix: string;
  matcher: Ignore;
}

const posixOf = sep === '/' ? (path: string) => path : (path: string) => path.split(sep).join('/');

/**
 * Whether a .gitignore ignores a file, or with `folder` a folder (`data/` ignores only a folder).
 * The walk's paths are absolute and normalized, so a file is inside a .gitignore's folder when its
 * path starts with the folder's: a monorepo has dozens of them (novu 40), and path.relative for
 * each file and each of them took a cold scan of novu's 4,892 files some 250 ms.
 */
function ignoredByGit(file: string, matchers: readonly GitignoreMatcher[], folder = false): boolean {
  const posixFile = posixOf(file);
  for (const { prefix, matcher } of matchers) {
    if (!posixFile.startsWith(prefix) || posixFile.length === prefix.length) continue;
    const path = posixFile.slice(prefix.length);
    if (matcher.ignores(folder ? `${path}/` : path)) return true;
  }
  return false;
}

function gitignoreMatcher(file: string): GitignoreMatcher {
  const base = dirname(file);
  const posixBase = posixOf(base);
  return { base, prefix: posixBase.endsWith('/') ? posixBase : `${posixBase}/`, matcher: ignore().add(readFileSync(file, 'utf8')) };
}

interface Markers {
  tsconfigs: string[];
  gitignores: GitignoreMatcher[];
}

/** Splits what a walk found into source-file candidates and the markers (outside node_modules). */
function splitMarkers(
  root: string,
  found: readonly string[],
  onRead: DiscoverOptions['onRead'],
): { candidates: string[]; markers: Markers } {
  const candidates: string[] = [];
  const markers: Markers = { tsconfigs: [], gitignores: [] };
  for (const file of found) {
    const name = basename(file);
    if (name !== TSCONFIG && name !== GITIGNORE) candidates.push(file);
    else if (IN_NODE_MODULES.test(toPosixRelative(root, file))) continue;
    else if (name === TSCONFIG) markers.tsconfigs.push(file);
    else {
      onRead?.(file);
      markers.gitignores.push(gitignoreMatcher(file));
    }
  }
  markers.tsconfigs.sort();
  markers.gitignores.sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  return { candidates, markers };
}

/** How a walk lists folders, and the folders it could not list (absolute path to error code). */
interface Listing {
  onRead: DiscoverOptions['onRead'];
  readdirSync: typeof readdirSync;
  unreadable: Map<string, string>;
}

function walkOptions(cwd: string, exclude: readonly string[], listing: Listing): GlobOptions {
  // The walk lists folders through this function only (tinyglobby fills in the rest of node:fs).
  const list = ((path: string, listOptions: unknown) => {
    listing.onRead?.(path);
    try {
      return listing.readdirSync(path, listOptions as { withFileTypes: true });
    } catch (error) {
      // The walk goes on without the folder and without a word: the scan must say what it missed.
      listing.unreadable.set(resolve(path), (error as NodeJS.ErrnoException).code ?? 'error');
      throw error;
    }
  }) as typeof readdirSync;
  return {
    cwd,
    ignore: exclude.map(literalGlob),
    absolute: true,
    dot: true,
    extglob: false,
    followSymbolicLinks: false,
    fs: { readdirSync: list },
  };
}

function walkMarkers(root: string, exclude: readonly string[], listing: Listing): Markers {
  return splitMarkers(root, globSync(MARKER_GLOBS, walkOptions(root, exclude, listing)), listing.onRead).markers;
}

export interface DiscoveredProject {
  /** The files to scan, sorted. */
  files: string[];
  /**
   * Every tsconfig.json under the root (outside node_modules and the excluded folders), sorted:
   * the module resolver reads the nearest one of each file, so together they say which package
   * names can be aliases of project code.
   */
  tsconfigs: string[];
  /** Folders the walk could not list (with the error code), sorted: none of their files is scanned. */
  unreadableFolders: { folder: string; code: string }[];
  /** Files named in `paths` that no reader understands (not source by their extension), sorted, with what to tell the user. */
  unsupported?: { file: string; message: string }[];
}

/**
 * The files to scan, sorted: `include` globs under the root (or the given paths), minus `exclude`,
 * minus what .gitignore files ignore, in this shard; and the project's tsconfig.json files. One
 * walk of the tree finds all three kinds of file. Symbolic links are not followed, so a link loop
 * cannot trap the walk.
 */
export function discoverProject(options: DiscoverOptions): DiscoveredProject {
  const { root } = options;
  // Extglobs off, as for every settings glob (see config/globs.ts).
  const include = options.include.map(literalGlob);
  const listing: Listing = { onRead: options.onRead, readdirSync: options.readdirSync ?? readdirSync, unreadable: new Map() };
  const walk = (cwd: string, markers: readonly string[]) => globSync([...include, ...markers], walkOptions(cwd, options.exclude, listing));
  let candidates: string[];
  let markers: Markers;
  // A walk from the root applies `exclude` itself; one from a given folder reads it from there, so
  // its files are checked again from the root.
  let isExcluded = (_fromRoot: string) => false;
  const isExcludedFolder = globMatcher(options.exclude);
  const named = new Set<string>();
  if (options.paths && options.paths.length > 0) {
    isExcluded = globMatcher(options.exclude);
    const found: string[] = [];
    for (const path of options.paths) {
      const absolute = resolve(options.cwd, path);
      let stat;
      try {
        stat = statSync(absolute);
      } catch {
        throw new UserError({ file: path, message: 'no such file or folder' });
      }
      if (stat.isDirectory()) {
        found.push(...walk(absolute, []));
      } else {
        found.push(absolute);
        named.add(absolute);
      }
    }
    candidates = found;
    markers = walkMarkers(root, options.exclude, listing);
  } else {
    ({ candidates, markers } = splitMarkers(root, walk(root, MARKER_GLOBS), options.onRead));
  }
  const files = new Set<string>();
  const unsupported = new Set<string>();
  for (const file of candidates) {
    const fromRoot = toPosixRelative(root, file);
    const insideRoot = staysInside(fromRoot);
    if (insideRoot && (isExcluded(fromRoot) || ignoredByGit(file, markers.gitignores))) continue;
    if (!SOURCE_EXTENSION.test(file) && named.has(file)) unsupported.add(file);
    if (!SOURCE_EXTENSION.test(file) || DECLARATION_FILE.test(file)) continue;
    if (options.shard && shardOf(insideRoot ? fromRoot : file, options.shard.count) !== options.shard.index) continue;
    files.add(file);
  }
  // A folder that .gitignore or `exclude` leaves out would have been left out anyway.
  const unreadableFolders = [...listing.unreadable]
    .filter(([folder]) => {
      const fromRoot = toPosixRelative(root, folder);
      return !(staysInside(fromRoot) && fromRoot !== '' && (isExcludedFolder(fromRoot) || ignoredByGit(folder, markers.gitignores, true)));
    })
    .map(([folder, code]) => ({ folder, code }))
    .sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  const sorted = (paths: Set<string>) => [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const project: DiscoveredProject = { files: sorted(files), tsconfigs: markers.tsconfigs, unreadableFolders };
  // Named on the command line and left out, a file must not pass as one without flags.
  if (unsupported.size > 0) project.unsupported = sorted(unsupported).map((file) => ({ file, message: UNSUPPORTED_FILE }));
  return project;
}

/** discoverProject's files alone. */
export function discoverFiles(options: DiscoverOptions): string[] {
  return discoverProject(options).files;
}
