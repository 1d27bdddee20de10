import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRegularFile } from '../src/bounded-read.js';

/*
 * readRegularFile reads a file in one read of the size fstat gives (and a byte more): the bytes it
 * returns must be the file's, at any size around its buffers' edges, and a file over the limit, a
 * folder, a pipe or a missing file must come back as a problem, unread.
 */

const folder = mkdtempSync(join(tmpdir(), 'bounded-read-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function fileOf(size: number): { path: string; bytes: Buffer } {
  const bytes = Buffer.alloc(size, 0);
  for (let index = 0; index < size; index++) bytes[index] = (index * 31 + 7) % 251;
  const path = join(folder, `file-${size}`);
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe('readRegularFile', () => {
  it.each([0, 1, 4095, 4096, 8193, 1024 * 1024 - 1, 1024 * 1024 + 3])('returns exactly the bytes of a file of %i bytes', (size) => {
    const { path, bytes } = fileOf(size);
    const read = readRegularFile(path, 2 * 1024 * 1024);
    expect('bytes' in read && read.bytes.equals(bytes)).toBe(true);
  });

  it('reads a file of exactly the limit, and refuses one a byte over it with its size', () => {
    const atLimit = fileOf(4096);
    expect('bytes' in readRegularFile(atLimit.path, 4096)).toBe(true);
    const over = fileOf(4097);
    expect(readRegularFile(over.path, 4096)).toMatchObject({ problem: { code: 'too-large', size: 4097 } });
  });

  it('says what a folder or a missing file is', () => {
    expect(readRegularFile(folder, 1024)).toEqual({ problem: { code: 'not-a-file', message: 'is not a regular file (a folder)' } });
    expect(readRegularFile(join(folder, 'missing'), 1024)).toEqual({ problem: { code: 'ENOENT', message: 'does not exist' } });
  });

  it.runIf(process.platform !== 'win32')('refuses a pipe without waiting for a writer', () => {
    const pipe = join(folder, 'pipe');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    expect(readRegularFile(pipe, 1024)).toEqual({ problem: { code: 'not-a-file', message: 'is not a regular file (a pipe)' } });
  });
});
