import { join, resolve } from 'node:path';
import { READ_LIMITS, readRegularText } from '../bounded-read.js';
import { isInside, staysInside, toPosixRelative } from '../posix-path.js';
import { isStampedPaths, isStringList, sameStamp, statStamp, trustedStamp, writeFileAtomically, type FileStamp } from './file-stamp.js';
import { discoverProject, type DiscoveredProject, type DiscoverOptions } from './files.js';

const FILE_NAME = 'files.json';

/** What a walk of the tree found, and what it read to find it. Paths relative to the root. */
interface DiscoveryRecord {
  /** The root, the globs, the shard and the tool: a walk under other settings finds other files. */
  key: string;
  startedAt: number;
  /** Every folder the walk listed and every .gitignore it read, with its stamp just before. */
  reads: [path: string, stamp: FileStamp | null][];
  files: string[];
  tsconfigs: string[];
}

/** The record in the cache folder; undefined when there is none or it is not in this shape. */
function readRecord(file: string): DiscoveryRecord | undefined {
  const read = readRegularText(file, READ_LIMITS.cache);
  if ('problem' in read) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Partial<Record<keyof DiscoveryRecord, unknown>>;
  const valid =
    typeof record.key === 'string' &&
    typeof record.startedAt === 'number' &&
    isStampedPaths(record.reads) &&
    isStringList(record.files) &&
    isStringList(record.tsconfigs) &&
    // A walk from the root finds nothing outside it.
    [...record.files, ...record.tsconfigs].every(staysInside);
  return valid ? (record as DiscoveryRecord) : undefined;
}

/**
 * discoverProject, remembered in the cache folder. A folder's stamp changes whenever an entry is
 * added to it, removed from it or renamed in it, so when no folder the last walk listed and no
 * .gitignore it read has changed (nor changed just before that walk), walking again would find
 * the same files: the list is taken as it was. Anything else walks the tree and keeps the answer.
 */
export function discoverRemembered(options: DiscoverOptions, cacheDirectory: string, tool: string): DiscoveredProject {
  const { root } = options;
  const file = join(cacheDirectory, FILE_NAME);
  const key = JSON.stringify({ tool, root, include: options.include, exclude: options.exclude, shard: options.shard ?? null });
  const absolute = (path: string) => resolve(root, path);
  const previous = readRecord(file);
  const unchanged = (reads: DiscoveryRecord['reads'], startedAt: number) =>
    reads.every(([path, stamp]) => (stamp === null || trustedStamp(stamp, startedAt)) && sameStamp(statStamp(absolute(path)), stamp));
  if (previous?.key === key && unchanged(previous.reads, previous.startedAt)) {
    return { files: previous.files.map(absolute), tsconfigs: previous.tsconfigs.map(absolute) };
  }

  const startedAt = Date.now();
  const reads = new Map<string, FileStamp | null>();
  // The cache folder changes with every scan that writes to it, and never holds a source file: a
  // cache kept inside the scanned tree would otherwise make every walk look stale.
  const cacheFolder = resolve(cacheDirectory);
  const discovered = discoverProject({ ...options, onRead: (path) => (isInside(cacheFolder, path) ? undefined : reads.set(path, statStamp(path) ?? null)) });
  const relative = (path: string) => toPosixRelative(root, path);
  const record: DiscoveryRecord = {
    key,
    startedAt,
    reads: [...reads].map(([path, stamp]) => [relative(path), stamp]),
    files: discovered.files.map(relative),
    tsconfigs: discovered.tsconfigs.map(relative),
  };
  // Failing to write it only costs the walk next time.
  writeFileAtomically(file, (put) => put(JSON.stringify(record)));
  return discovered;
}
