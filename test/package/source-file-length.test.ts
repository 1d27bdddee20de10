import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-bin.js';

/*
 * A source file over ~400 lines says why at its top, in a first line `// Over 400 lines: <reason>`;
 * otherwise it wants splitting.
 */

const LIMIT = 400;
const REASON = /^\/\/ Over 400 lines: \S.{10,}$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(REPO_ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.generated.ts'))
    .map((entry) => relative(REPO_ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .filter((path) => !path.startsWith('bench/.cache/'));
}

describe('source files', () => {
  it(`over ${LIMIT} lines, each says why in its first line`, () => {
    const long = ['src', 'rules', 'scripts', 'bench']
      .flatMap(sourceFiles)
      .map((path) => ({ path, lines: readFileSync(join(REPO_ROOT, path), 'utf8').split('\n') }))
      .filter(({ lines }) => lines.length > LIMIT);
    expect(long.filter(({ lines }) => !REASON.test(lines[0]!)).map(({ path, lines }) => `${path}: ${lines.length} lines`)).toEqual([]);
  });
});
