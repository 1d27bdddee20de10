import { sameStamp, settledBefore, stampOf, type FileStamp } from '../file-stamp.js';

export { sameStamp, stampOf, type FileStamp } from '../file-stamp.js';

/** Paths a cached answer depended on, each with its stamp (or null) just before it was read. */
export type StampedPaths = [path: string, stamp: FileStamp | null][];

/**
 * Whether a stamp recorded by a scan that began at `startedAt` (as read back from JSON, so checked
 * for shape) can stand for what that scan read: it was last modified well before.
 */
export function trustedStamp(stamp: unknown, startedAt: unknown): stamp is FileStamp {
  return typeof startedAt === 'number' && isStamp(stamp) && settledBefore(stamp, startedAt);
}

/**
 * Whether everything a scan that began at `startedAt` read still has the stamp it had then, and
 * that stamp was not racy: then reading it all again would find the same.
 */
export function unchangedSince(reads: StampedPaths, startedAt: number, absolute: (path: string) => string = (path) => path): boolean {
  return reads.every(([path, stamp]) => (stamp === null || trustedStamp(stamp, startedAt)) && sameStamp(stampOf(absolute(path)), stamp));
}

/** Collects the stamps of what an answer reads, each taken the first time it is read (before it is). */
export class ReadStamps {
  readonly startedAt = Date.now();
  private readonly stamps = new Map<string, FileStamp | null>();

  add(path: string): void {
    if (!this.stamps.has(path)) this.stamps.set(path, stampOf(path));
  }

  /** The reads, their paths as `name` gives them (relative to the root, say). */
  list(name: (path: string) => string = (path) => path): StampedPaths {
    return [...this.stamps]
      .map(([path, stamp]): [string, FileStamp | null] => [name(path), stamp])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

export function isStamp(value: unknown): value is FileStamp {
  return Array.isArray(value) && value.length === 4 && value.every((part) => typeof part === 'number');
}

/** Read back from a cache file: a list of `[path, stamp or null]`. */
export function isStampedPaths(value: unknown): value is StampedPaths {
  return (
    Array.isArray(value) &&
    value.every((item) => Array.isArray(item) && item.length === 2 && typeof item[0] === 'string' && (item[1] === null || isStamp(item[1])))
  );
}
