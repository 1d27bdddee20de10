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
  if (stats.size > limit) return { code: 'too-large', message: `is larger than ${sizeText(limit)} (${sizeText(stats.size)})` };
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
 * otherwise the problem, never a read of a device, a pipe or a folder. The check is repeated on the
 * opened file, and reading stops past the limit, so a file swapped or growing meanwhile is refused too.
 */
export function readRegularFile(path: string, limit: number): { bytes: Buffer } | { problem: ReadProblem } {
  const problem = regularFileProblem(path, limit);
  if (problem !== undefined) return { problem };
  let descriptor: number;
  try {
    // Non-blocking: a pipe swapped in after the check must not keep the open waiting for a writer.
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { problem: errnoProblem(error) };
  }
  try {
    const opened = statsProblem(fstatSync(descriptor), limit);
    if (opened !== undefined) return { problem: opened };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(limit + 1 - total, 1 * MB) || 1);
      const count = readSync(descriptor, chunk, 0, chunk.length, null);
      if (count === 0) break;
      chunks.push(count === chunk.length ? chunk : chunk.subarray(0, count));
      total += count;
      if (total > limit) return { problem: { code: 'too-large', message: `is larger than ${sizeText(limit)}` } };
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
