import { statSync } from 'node:fs';

/**
 * What a scan saw of a file or folder, when nothing about it changed since: its size, modification
 * and change times, and inode. A file's edit, or an entry added to, removed from or renamed in a
 * folder, changes it; a match stands for the content (or the listing) without reading it. `null`
 * stands for a path that did not exist (as JSON keeps it): its appearing is a change too.
 *
 * The one stamp of the scanner: every cache record (the file list, the tsconfig aliases, the
 * widening pass, each file's entry) keeps its stamps in this shape and checks them here.
 */
export type FileStamp = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** Paths a cached answer depended on, each with its stamp (or null) just before it was read. */
export type StampedPaths = [path: string, stamp: FileStamp | null][];

/** A file's or folder's stamp now; null when it does not exist (or cannot be looked at). */
export function stampOf(path: string): FileStamp | null {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat === undefined ? null : [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino];
  } catch {
    return null;
  }
}

export function sameStamp(a: FileStamp | null, b: FileStamp | null): boolean {
  if (a === null || b === null) return a === b;
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/**
 * A file changed this close before a scan began may change again within the same tick of its
 * clock after being read, keeping its stamp: such a stamp is not trusted the next time (as git
 * treats "racily clean" files). Two seconds covers the coarsest file systems (FAT).
 */
const RACY_MS = 2000;

/**
 * Whether a stamp recorded by a scan that began at `startedAt` (as read back from JSON, so checked
 * for shape) can stand for what that scan read: it was last modified well before.
 */
export function trustedStamp(stamp: unknown, startedAt: unknown): stamp is FileStamp {
  return typeof startedAt === 'number' && isStamp(stamp) && stamp[1] < startedAt - RACY_MS;
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

export function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
