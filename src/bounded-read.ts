import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

const MB = 1024 * 1024;

/**
 * The most each kind of file is read up to. Manifests, config files, tsconfig files and caches
 * come from the scanned repository, which can commit a symlink to /dev/zero (endless) or to
 * /dev/stdin (waits forever) in their place: only regular files are read, and only this much.
 */
export const READ_LIMITS = {
  /** A 50,000-flag manifest is some 9 MB. */
  manifest: 32 * MB,
  /** flag-hygiene.config.json, tsconfig.json and the files it extends, package.json files. */
  config: 10 * MB,
  /** `report --inventory`: about 150 bytes per reference. */
  inventory: 256 * MB,
  /** The scanner's caches: facts of every file of a large monorepo (and under V8's longest string). */
  cache: 500 * MB,
} as const;

/** Why a file was not read: `code` is an errno code, or one of ours. */
export interface ReadProblem {
  code: 'ENOENT' | 'not-a-file' | 'too-large' | string;
  /** What the file does, after its name: "does not exist", "is not a regular file (a device)", "is larger than 10 MB (12.5 MB)", "cannot be read (EACCES)". */
  message: string;
  /** `too-large`: the size the file had, when it was known before reading. */
  size?: number;
}

function sizeText(bytes: number): string {
  return bytes % MB === 0 ? `${bytes / MB} MB` : `${(bytes / MB).toFixed(1)} MB`;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a pipe';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

function errnoProblem(error: unknown): ReadProblem {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return code === 'ENOENT' ? { code, message: 'does not exist' } : { code, message: `cannot be read (${code})` };
}

function statsProblem(stats: Stats, limit: number): ReadProblem | undefined {
  if (!stats.isFile()) return { code: 'not-a-file', message: `is not a regular file (${kindOf(stats)})` };
  if (stats.size > limit)
    return { code: 'too-large', message: `is larger than ${sizeText(limit)} (${sizeText(stats.size)})`, size: stats.size };
  return undefined;
}

/**
 * Why `path` (symlinks followed) is not a regular file of at most `limit` bytes, or undefined when
 * it is one. For readers that are not ours (TypeScript's), which may read it once this says yes.
 */
export function regularFileProblem(path: string, limit: number): ReadProblem | undefined {
  try {
    return statsProblem(statSync(path), limit);
  } catch (error) {
    return errnoProblem(error);
  }
}

/**
 * The bytes of `path` when it is a regular file (symlinks followed) of at most `limit` bytes;
 * otherwise the problem, never a read of a device, a pipe or a folder. The opened file is checked
 * (opened without blocking, so a pipe does not wait for a writer), and reading stops past the
 * limit, so a file swapped or growing meanwhile is refused too. Four system calls for a file that
 * is read: open, fstat, read, close.
 */
export function readRegularFile(path: string, limit: number): { bytes: Buffer } | { problem: ReadProblem } {
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    // A socket, or a folder on some systems, cannot be opened at all: a stat says what it is.
    return { problem: regularFileProblem(path, limit) ?? errnoProblem(error) };
  }
  try {
    const stats = fstatSync(descriptor);
    const opened = statsProblem(stats, limit);
    if (opened !== undefined) return { problem: opened };
    // A read of the size fstat gave and a byte more: a shorter read reaching that size is the end
    // of the file (no read to see nothing more); a file that grew is read on, up to the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (let size = Math.min(stats.size, limit) + 1; ; size = Math.min(limit + 1 - total, 1 * MB)) {
      const chunk = Buffer.allocUnsafe(size);
      const count = readSync(descriptor, chunk, 0, chunk.length, null);
      if (count > 0) chunks.push(count === chunk.length ? chunk : chunk.subarray(0, count));
      total += count;
      if (total > limit) return { problem: { code: 'too-large', message: `is larger than ${sizeText(limit)}` } };
      if (count === 0 || (count < chunk.length && total >= stats.size)) break;
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (error) {
    return { problem: errnoProblem(error) };
  } finally {
    closeSync(descriptor);
  }
}

/** readRegularFile as UTF-8 text. */
export function readRegularText(path: string, limit: number): { text: string } | { problem: ReadProblem } {
  const read = readRegularFile(path, limit);
  return 'problem' in read ? read : { text: read.bytes.toString('utf8') };
}

/** A JSON file's value (a byte-order mark left out), as readRegularText reads it; undefined when it cannot be read or does not parse. */
export function readRegularJson(path: string, limit: number): { value: unknown } | undefined {
  const read = readRegularText(path, limit);
  if ('problem' in read) return undefined;
  try {
    return { value: JSON.parse(read.text.replace(/^\uFEFF/, '')) as unknown };
  } catch {
    return undefined;
  }
}
