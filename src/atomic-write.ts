import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Text, or a function that puts it in chunks (a cache file too large to hold as one string). */
export type FileContent = string | ((put: (chunk: string | Uint8Array) => void) => void);

/*
 * Temporary files are named `.flag-hygiene-<pid>-<random>.tmp`: the random part makes the name
 * unpredictable, the process id tells a later run whether the process that wrote it is gone.
 */
export const TEMPORARY_NAME = /^\.flag-hygiene-([1-9][0-9]{0,9})-[0-9a-f]{24}\.tmp$/;

function temporaryName(): string {
  return `.flag-hygiene-${process.pid}-${randomBytes(12).toString('hex')}.tmp`;
}

/**
 * A new file beside `file` holding `content`, under a random name and created exclusively, so it
 * can be neither predicted nor planted beforehand (a link there is refused, never followed).
 * `mode`: its permission bits, whatever the umask (else those of any new file). Returns its path;
 * on failure nothing is left and the error is thrown.
 */
export function writeTemporaryBeside(file: string, content: FileContent, mode?: number): string {
  const temporary = join(dirname(file), temporaryName());
  const descriptor = openSync(temporary, 'wx', mode);
  try {
    try {
      if (typeof content === 'string') writeAll(descriptor, Buffer.from(content));
      else content((chunk) => writeAll(descriptor, typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    } finally {
      closeSync(descriptor);
    }
    if (mode !== undefined) chmodSync(temporary, mode);
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
  return temporary;
}

/**
 * Writes a file whole or not at all: a temporary file beside it (see writeTemporaryBeside), renamed
 * over it, so a reader never sees half of it. A failure is thrown, with no temporary file left.
 */
export function writeFileAtomically(file: string, content: FileContent, mode?: number): void {
  const temporary = writeTemporaryBeside(file, content, mode);
  try {
    renameSync(temporary, file);
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
}

/** writeSync may write less than asked (a full disk, a signal): the rest is written after. */
function writeAll(descriptor: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length;) written += writeSync(descriptor, bytes, written, bytes.length - written);
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // It cannot be removed either; its name marks it as this process's, so a later run may.
  }
}
