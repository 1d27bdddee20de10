import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEMPORARY_NAME, writeFileAtomically, writeTemporaryBeside } from '../src/atomic-write.js';

/*
 * One atomic write for the scan's cache files and the codemod's edits (two before): a temporary file
 * beside the target, created exclusively under an unpredictable name, renamed over the target.
 */

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function scratch(): string {
  const folder = mkdtempSync(join(tmpdir(), 'atomic-write-'));
  folders.push(folder);
  return folder;
}

describe('writeFileAtomically', () => {
  it('replaces a file whole, from text or from chunks, and leaves nothing beside it', () => {
    const folder = scratch();
    const file = join(folder, 'cache.json');
    writeFileSync(file, 'old text that is longer than the new one');
    writeFileAtomically(file, '{"a":1}');
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}');
    writeFileAtomically(file, (put) => {
      put('line 1\n');
      put(Buffer.from('line 2\n'));
    });
    expect(readFileSync(file, 'utf8')).toBe('line 1\nline 2\n');
    expect(readdirSync(folder)).toEqual(['cache.json']);
  });

  it('gives the file the mode asked for, whatever the umask', () => {
    const folder = scratch();
    const file = join(folder, 'script.sh');
    writeFileAtomically(file, '#!/bin/sh\n', 0o755);
    expect(statSync(file).mode & 0o777).toBe(0o755);
  });

  it('throws when the target cannot be replaced (a folder), leaving the folder and no temporary file', () => {
    const folder = scratch();
    mkdirSync(join(folder, 'taken'));
    expect(() => writeFileAtomically(join(folder, 'taken'), 'text')).toThrow(/EISDIR|EEXIST|ENOTEMPTY|EPERM/);
    expect(readdirSync(folder)).toEqual(['taken']);
    expect(statSync(join(folder, 'taken')).isDirectory()).toBe(true);
  });

  it('throws what the writer throws, leaving the old file and no temporary file', () => {
    const folder = scratch();
    const file = join(folder, 'facts.jsonl');
    writeFileSync(file, 'kept');
    expect(() =>
      writeFileAtomically(file, (put) => {
        put('half');
        throw new Error('stopped midway');
      }),
    ).toThrow('stopped midway');
    expect(readFileSync(file, 'utf8')).toBe('kept');
    expect(readdirSync(folder)).toEqual(['facts.jsonl']);
  });

  it('replaces a link at the target by a file and never writes through it', () => {
    const folder = scratch();
    const victim = join(folder, 'victim.txt');
    writeFileSync(victim, 'secret');
    symlinkSync(victim, join(folder, 'cache.json'));
    writeFileAtomically(join(folder, 'cache.json'), 'cache');
    expect(readFileSync(victim, 'utf8')).toBe('secret');
    expect(readFileSync(join(folder, 'cache.json'), 'utf8')).toBe('cache');
  });
});

describe('writeTemporaryBeside', () => {
  it('names the file .flag-hygiene-<pid>-<24 hex digits>.tmp beside the target, a new name each time', () => {
    const folder = scratch();
    const first = writeTemporaryBeside(join(folder, 'a.ts'), 'one');
    const second = writeTemporaryBeside(join(folder, 'a.ts'), 'two');
    for (const path of [first, second]) {
      const name = path.slice(folder.length + 1);
      expect(name).toMatch(new RegExp(`^\\.flag-hygiene-${process.pid}-[0-9a-f]{24}\\.tmp$`));
      expect(TEMPORARY_NAME.exec(name)?.[1]).toBe(String(process.pid));
    }
    expect(first).not.toBe(second);
    expect([readFileSync(first, 'utf8'), readFileSync(second, 'utf8')]).toEqual(['one', 'two']);
  });
});
