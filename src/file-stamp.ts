import { statSync } from 'node:fs';

/**
 * What was seen of a file or folder, when nothing about it changed since: its size, modification
 * and change times, and inode. A file's edit, or an entry added to, removed from or renamed in a
 * folder, changes it; a match stands for the content (or the listing) without reading it.
 *
 * The one stamp of the project: the scanner's cache records, the module graph's texts and the
 * folder listings an editor's ESLint keeps all take and compare stamps here.
 */
export type FileStamp = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number];

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
 * A file changed this close before it was read may change again within the same tick of its
 * clock, keeping its stamp: such a stamp is not trusted later (as git treats "racily clean"
 * files). Two seconds covers the coarsest file systems (FAT).
 */
const RACY_MS = 2000;

/** Whether a stamp was last modified well before `time`: a later change would show in it. */
export function settledBefore(stamp: FileStamp, time: number): boolean {
  return stamp[1] < time - RACY_MS;
}
