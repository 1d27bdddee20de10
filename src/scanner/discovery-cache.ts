import { posix, resolve } from 'node:path';
import { fromPosixRelative, isInside, isPlainRelative, staysInside, toPosixRelative } from '../posix-path.js';
import { parseCacheJson, type CacheFolder } from './cache-folder.js';
import { isStringList } from '../string-list.js';
import { isStampedPaths, ReadStamps, unchangedSince, type StampedPaths } from './stamp.js';
import { discoverProject, type DiscoveredProject, type DiscoverOptions } from './files.js';

const FILE_NAME = 'files.json';

/** What a walk of the tree found, and what it read to find it. Paths relative to the root. */
interface DiscoveryRecord {
  /** The root, the globs, the shard and the tool: a walk under other settings finds other files. */
  key: string;
  startedAt: number;
  /** Every folder the walk listed and every .gitignore it read, with its stamp just before. */
  reads: StampedPaths;
  files: string[];
  tsconfigs: string[];
}

/** The record as read back, or why it cannot be used. */
type ReadRecord = { record: DiscoveryRecord } | { problem: string } | undefined;

/**
 * The record in the cache folder: undefined when there is none; a problem when it is not one a
 * walk of the tree could have written (damaged, hand-edited, planted).
 */
function readRecord(bytes: Buffer | undefined): ReadRecord {
  if (bytes === undefined) return undefined;
  const parsed = parseCacheJson(bytes);
  if ('problem' in parsed) return parsed;
  const { value } = parsed;
  if (typeof value !== 'object' || value === null) return { problem: 'it is not a file list' };
  const record = value as Partial<Record<keyof DiscoveryRecord, unknown>>;
  const valid =
    typeof record.key === 'string' &&
    typeof record.startedAt === 'number' &&
    isStampedPaths(record.reads) &&
    isStringList(record.files) &&
    isStringList(record.tsconfigs);
  if (!valid) return { problem: 'it is not a file list' };
  const coverage = coverageProblem(record as DiscoveryRecord);
  return coverage === undefined ? { record: record as DiscoveryRecord } : { problem: coverage };
}

/** `a/b/c.ts` → `a/b`; a path at the top → `` (the root, as the walk records it). */
function folderOf(path: string): string {
  const folder = posix.dirname(path);
  return folder === '.' ? '' : folder;
}

/**
 * Whether the record shows a walk of the whole tree: it listed the root itself (with a stamp to
 * check), every folder it read is inside the root and was reached from a folder it listed, and
 * every file it found is in a folder it listed. Without this, a record that read nothing (`reads:
 * []`) would be "unchanged" forever and vouch for any file list, an empty one included.
 */
function coverageProblem(record: DiscoveryRecord): string | undefined {
  const listed = new Map(record.reads);
  if (!listed.has('') || listed.get('') === null) return 'it does not record a listing of the root folder';
  for (const path of [...listed.keys(), ...record.files, ...record.tsconfigs]) {
    if (path === '') continue;
    if (!isPlainRelative(path) && (!staysInside(path) || posix.normalize(path) !== path || path.endsWith('/')))
      return `it names a path outside the root: ${JSON.stringify(path)}`;
    if (!listed.has(folderOf(path))) return `it names ${JSON.stringify(path)} in a folder the walk did not list`;
  }
  return undefined;
}

/**
 * discoverProject, remembered in the cache folder. A folder's stamp changes whenever an entry is
 * added to it, removed from it or renamed in it, so when no folder the last walk listed and no
 * .gitignore it read has changed (nor changed just before that walk), walking again would find
 * the same files: the list is taken as it was. Anything else walks the tree and keeps the answer;
 * a record no walk could have written is not trusted, and said so.
 */
export function discoverRemembered(options: DiscoverOptions, cache: CacheFolder, version: string): DiscoveredProject {
  const { root } = options;
  const key = JSON.stringify({ version, root, include: options.include, exclude: options.exclude, shard: options.shard ?? null });
  const absolute = (path: string) => fromPosixRelative(root, path);
  const read = readRecord(cache.read(FILE_NAME));
  if (read !== undefined && 'problem' in read) cache.distrust(FILE_NAME, read.problem);
  const previous = read !== undefined && 'record' in read ? read.record : undefined;
  if (previous?.key === key && unchangedSince(previous.reads, previous.startedAt, absolute)) {
    // Only a walk that listed every folder is kept (see below).
    return { files: previous.files.map(absolute), tsconfigs: previous.tsconfigs.map(absolute), unreadableFolders: [] };
  }

  const reads = new ReadStamps();
  // The cache folder changes with every scan that writes to it, and never holds a source file: a
  // cache kept inside the scanned tree would otherwise make every walk look stale.
  const cacheFolder = resolve(cache.directory);
  const discovered = discoverProject({ ...options, onRead: (path) => (isInside(cacheFolder, path) ? undefined : reads.add(path)) });
  const relative = (path: string) => toPosixRelative(root, path);
  const record: DiscoveryRecord = {
    key,
    startedAt: reads.startedAt,
    reads: reads.list(relative),
    files: discovered.files.map(relative),
    tsconfigs: discovered.tsconfigs.map(relative),
  };
  // A walk that could not list a folder is not kept: its stamp would not change, and the next scan
  // would not know the folder was missed.
  if (discovered.unreadableFolders.length === 0) cache.write(FILE_NAME, (put) => put(JSON.stringify(record)));
  return discovered;
}
