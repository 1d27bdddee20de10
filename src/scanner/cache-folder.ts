import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomically } from '../atomic-write.js';

/** Something wrong with the cache, said once per cache file or folder. */
export interface CacheWarning {
  /** The cache file or folder (absolute). */
  file: string;
  message: string;
}

/** A cache file is one JSON document or one line per scanned file: anything near this size is not one. */
const MAX_CACHE_FILE_BYTES = 512 * 1024 * 1024;

/** Opened without following a link, and without waiting on a FIFO or a device that never answers. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Why a file operation failed, in words rather than an error code. */
function describeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EEXIST':
      return 'it is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ELOOP':
      return 'it is a symbolic link';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/**
 * The scan's cache folder. A cache is a hint: whatever is wrong with it (the folder cannot be made,
 * a file in it is damaged, planted, a link, a folder, cannot be written) costs the time it would
 * have saved and one warning naming it, never the scan's result and never an error.
 */
export class CacheFolder {
  readonly warnings: CacheWarning[] = [];
  private constructor(
    readonly directory: string,
    /** Whether the folder exists (or was made) and is a folder. */
    readonly usable: boolean,
  ) {}

  /** The folder, made if it does not exist; unusable, with a warning, when it cannot be. */
  static open(directory: string): CacheFolder {
    let problem: string | undefined;
    try {
      mkdirSync(directory, { recursive: true });
      if (!statSync(directory).isDirectory()) problem = 'it is a file, not a folder';
    } catch (error) {
      problem = describeFailure(error);
    }
    const folder = new CacheFolder(directory, problem === undefined);
    if (problem !== undefined) folder.warn(directory, `cannot keep the cache here (${problem}); scanning without it`);
    return folder;
  }

  private warn(file: string, message: string): void {
    if (!this.warnings.some((warning) => warning.file === file)) this.warnings.push({ file, message });
  }

  path(name: string): string {
    return join(this.directory, name);
  }

  /**
   * A cache file's bytes; undefined when there is none yet, and when it is not a regular file of a
   * sane size or cannot be read (then with a warning).
   */
  read(name: string): Buffer | undefined {
    const file = this.path(name);
    let descriptor: number;
    try {
      descriptor = openSync(file, READ_FLAGS);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.distrust(name, describeFailure(error));
      return undefined;
    }
    try {
      const stat = fstatSync(descriptor);
      if (!stat.isFile()) {
        this.distrust(name, stat.isDirectory() ? 'it is a folder, not a file' : 'it is not a regular file');
        return undefined;
      }
      if (stat.size > MAX_CACHE_FILE_BYTES) {
        this.distrust(name, `it is larger than ${MAX_CACHE_FILE_BYTES / 1024 / 1024} MB`);
        return undefined;
      }
      const bytes = Buffer.alloc(stat.size);
      let filled = 0;
      while (filled < bytes.length) {
        const count = readSync(descriptor, bytes, filled, bytes.length - filled, filled);
        if (count === 0) break;
        filled += count;
      }
      return bytes.subarray(0, filled);
    } catch (error) {
      this.distrust(name, describeFailure(error));
      return undefined;
    } finally {
      closeSync(descriptor);
    }
  }

  /** Says that a cache file was not used, and why; the scan goes on as if it were not there. */
  distrust(name: string, reason: string): void {
    this.warn(this.path(name), `ignored this cache file (${reason}); scanning without it`);
  }

  /** Writes a cache file whole (see writeFileAtomically); a failure costs nothing but the write (a cache is rebuilt) and a warning. */
  write(name: string, write: (put: (chunk: string | Uint8Array) => void) => void): void {
    const file = this.path(name);
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileAtomically(file, write);
    } catch (failure) {
      this.warn(file, `cannot write this cache file (${describeFailure(failure)})`);
    }
  }
}

/** A cache file's bytes as JSON, or why they are not: one wording for every cache file kept as JSON. */
export function parseCacheJson(bytes: Buffer): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch {
    return { problem: 'it is not valid JSON' };
  }
}
