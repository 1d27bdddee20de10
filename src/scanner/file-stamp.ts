import { statSync } from 'node:fs';

/**
 * What a scan saw of a file or folder, when nothing about it changed since: its size, modification
 * and change times, and inode. A file's edit, or an entry added to, removed from or renamed in a
 * folder, changes it; a match stands for the content (or the listing) without reading it.
 */
export type FileStamp = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** A file's or folder's stamp now; undefined when it does not exist (or cannot be looked at). */
export function statStamp(path: string): FileStamp | undefined {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat === undefined ? undefined : [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino];
  } catch {
    return undefined;
  }
}

/** Two stamps (either may be absent: `null` as read from JSON, `undefined` from statStamp). */
export function sameStamp(a: FileStamp | null | undefined, b: FileStamp | null | undefined): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return (a ?? null) === (b ?? null);
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

export function isStamp(value: unknown): value is FileStamp {
  return Array.isArray(value) && value.length === 4 && value.every((part) => typeof part === 'number');
}

/** Read back from a cache file: a list of `[path, stamp or null]`. */
export function isStampedPaths(value: unknown): value is [string, FileStamp | null][] {
  return Array.isArray(value) && value.every((item) => Array.isArray(item) && item.length === 2 && typeof item[0] === 'string' && (item[1] === null || isStamp(item[1])));
}

export function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
