import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { GLOB_OPTIONS, globMatcher, literalGlob } from '../../src/config/globs.js';
import { DEFAULT_TESTS } from '../../src/config/schema.js';

/** What picomatch's own matcher of the list answers: the reference globMatcher must agree with. */
function picomatchAnswer(globs: readonly string[], path: string): boolean {
  return picomatch(globs.map(literalGlob), GLOB_OPTIONS)(path);
}

const segmentCharacter = fc.constantFrom('a', 'b', 'x', '.', '-', '_', '(', ')', '+', '|', '$', '^', '[', ']', ' ');
const pathSegment = fc.oneof(
  fc.string({ unit: segmentCharacter, minLength: 1, maxLength: 6 }),
  fc.constantFrom('test', 'tests', '__tests__', '__mocks__', 'e2e', 'src', 'a.test.ts', 'b.spec.tsx', '.hidden', 'x.ts'),
);
const relativePath = fc.array(pathSegment, { minLength: 1, maxLength: 5 }).map((segments) => segments.join('/'));

const globSegment = fc.oneof(
  pathSegment,
  fc.constantFrom('*', '**', '*.ts', '*.{test,spec}.*', 'a?', '[ab]*', '[!a]x', '{a,b}', '(a|b)', '+(a)', 'x\\(y'),
);
const glob = fc.array(globSegment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/'));

describe('globMatcher', () => {
  it('answers as picomatch matches the list, glob by glob, for the default test globs', () => {
    const matches = globMatcher(DEFAULT_TESTS);
    fc.assert(
      fc.property(relativePath, (path) => {
        expect(matches(path)).toBe(picomatchAnswer(DEFAULT_TESTS, path));
      }),
      { numRuns: 2_000 },
    );
  });

  it('answers as picomatch for any globs, including paths equal to a glob and regex characters read literally', () => {
    fc.assert(
      fc.property(fc.array(glob, { maxLength: 4 }), fc.array(relativePath, { maxLength: 6 }), (globs, paths) => {
        const matches = globMatcher(globs);
        // Each glob's own text is a path too: picomatch matches a path equal to the glob without its expression.
        for (const path of [...paths, ...globs])
          expect(matches(path), `${JSON.stringify(globs)} on ${path}`).toBe(picomatchAnswer(globs, path));
      }),
      { numRuns: 1_000 },
    );
  });

  it('an empty list matches no path, as picomatch (`tests: []`: no file is a test; `exclude: []`: none is left out)', () => {
    expect(globMatcher([])('src/app.test.ts')).toBe(false);
    expect(picomatchAnswer([], 'src/app.test.ts')).toBe(false);
  });

  it('matches nothing for an empty path, as picomatch', () => {
    expect(globMatcher(['**'])('')).toBe(false);
    expect(picomatchAnswer(['**'], '')).toBe(false);
  });
});
