import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromPosixRelative, isInside, isPlainRelative, staysInside, toPosixRelative } from '../src/posix-path.js';

/*
 * toPosixRelative slices a file under a base instead of asking path.relative: it must give exactly
 * what path.relative gives (with `/` separators), for paths inside the base, outside it, next to it
 * (`/a/bc` beside `/a/b`) and written unnormalized (`.`, `..`, doubled separators).
 */

const segment = fc.constantFrom('a', 'b', 'bc', '.', '..', '', 'src', 'x.ts', '.hidden');
const absolutePath = fc.array(segment, { minLength: 0, maxLength: 6 }).map((parts) => `/${parts.join('/')}`);
const expected = (base: string, file: string) => relative(base, file).split(sep).join('/');

describe('toPosixRelative', () => {
  it('agrees with path.relative on any two absolute paths', () => {
    fc.assert(
      fc.property(absolutePath, absolutePath, (base, file) => {
        expect(toPosixRelative(base, file)).toBe(expected(base, file));
      }),
      { seed: 20261128, numRuns: 2000 },
    );
  });

  it('agrees on a file under the base, the common case it slices', () => {
    fc.assert(
      fc.property(absolutePath, fc.array(fc.constantFrom('a', 'src', 'x.ts'), { minLength: 1, maxLength: 4 }), (base, rest) => {
        const file = posix.join(base, ...rest);
        expect(toPosixRelative(base, file)).toBe(expected(base, file));
      }),
      { seed: 20261128, numRuns: 500 },
    );
  });

  it('keeps a neighbour that only shares a prefix outside the base', () => {
    expect(toPosixRelative('/a/b', '/a/bc/x.ts')).toBe('../bc/x.ts');
    expect(toPosixRelative('/a/b', '/a/b/x.ts')).toBe('x.ts');
    expect(toPosixRelative('/a/b/', '/a/b/x.ts')).toBe('x.ts');
    expect(toPosixRelative('/', '/a/x.ts')).toBe('a/x.ts');
    expect(toPosixRelative('/a/b', '/a/b')).toBe('');
  });
});

describe('isInside', () => {
  it('agrees with path.relative on any two absolute paths', () => {
    fc.assert(
      fc.property(absolutePath, absolutePath, (base, file) => {
        const fromBase = relative(base, file);
        expect(isInside(base, file)).toBe(
          fromBase === '' || (fromBase !== '..' && !fromBase.startsWith(`..${sep}`) && !isAbsolute(fromBase)),
        );
      }),
      { seed: 20261128, numRuns: 1000 },
    );
  });
});

describe('fromPosixRelative', () => {
  const relativePath = fc.array(segment, { minLength: 0, maxLength: 5 }).map((parts) => parts.join('/'));

  it('agrees with path.resolve on any base and relative path', () => {
    fc.assert(
      fc.property(absolutePath, relativePath, (base, path) => {
        expect(fromPosixRelative(base, path)).toBe(resolve(base, path));
      }),
      { seed: 20261207, numRuns: 2000 },
    );
  });

  it('undoes toPosixRelative for a file under the base', () => {
    expect(fromPosixRelative('/a/b', 'src/x.ts')).toBe('/a/b/src/x.ts');
    expect(fromPosixRelative('/a/b/', 'x.ts')).toBe('/a/b/x.ts');
    expect(fromPosixRelative('/', 'a/x.ts')).toBe('/a/x.ts');
    expect(fromPosixRelative('/a/b', '')).toBe('/a/b');
    expect(fromPosixRelative('/a/b', '../c')).toBe('/a/c');
    expect(fromPosixRelative('/a/b', '.hidden/..x')).toBe('/a/b/.hidden/..x');
  });
});

describe('isPlainRelative', () => {
  const written = fc
    .array(fc.constantFrom('a', '.', '..', '', 'x.ts', '..x', 'a\\b', 'c:', '/'), { minLength: 0, maxLength: 5 })
    .map((parts) => parts.join('/'));

  it('holds only for paths that stay inside and are normalized (the check it shortcuts)', () => {
    fc.assert(
      fc.property(written, (path) => {
        if (isPlainRelative(path)) expect(staysInside(path) && posix.normalize(path) === path && !path.endsWith('/')).toBe(true);
      }),
      { seed: 20261207, numRuns: 2000 },
    );
  });

  it('holds for the paths a cache records, not for others', () => {
    expect(['src/x.ts', 'a', '.hidden/..x/y'].map(isPlainRelative)).toEqual([true, true, true]);
    expect(['', '.', '..', '../a', 'a/./b', 'a//b', 'a/', '/a', 'a\\b', 'c:/a'].map(isPlainRelative)).toEqual(Array(10).fill(false));
  });
});
