import { readdirSync, readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { presetAccessors } from '../../src/config/presets.js';
import { PRESET_NAMES } from '../../src/config/schema.js';
import { analyzeFile } from '../../src/detect/analyze.js';
import { AccessorIndex, compileAccessor } from '../../src/patterns/index.js';
import { parseSource } from '../../src/detect/parse-source.js';
import { REPO_ROOT } from '../helpers/run-bin.js';

/*
 * Both front-ends skip a file whose text cannot hold a reference (AccessorIndex.mayMatch: the
 * accessor names, then the member shapes). The prefilter may let too much through, never too
 * little: here every file of the fixtures and of a generated codebase is analysed without it, and
 * each file where an accessor matches must pass it.
 */
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

let generated: string;
beforeAll(async () => {
  generated = mkdtempSync(join(tmpdir(), 'flag-hygiene-prefilter-'));
  await generateCorpus({ files: 160, seed: 11, outDir: generated });
}, 60_000);
afterAll(() => rmSync(generated, { recursive: true, force: true }));

describe('the prefilter never drops a file with a reference', () => {
  const accessors = PRESET_NAMES.flatMap((preset) => presetAccessors(preset));
  const index = new AccessorIndex(accessors);
  // References through wrappers (`via` a function name) come from imports, which the other half of the test covers.
  const patterns = new Set(accessors.map((accessor) => accessor.source));

  it.each(['fixtures', 'generated codebase'])('%s, every preset on', (which) => {
    const files = sourceFiles(which === 'fixtures' ? join(REPO_ROOT, 'fixtures') : generated);
    expect(files.length).toBeGreaterThan(40);
    let withReferences = 0;
    let skipped = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const facts = analyzeFile(parseSource(file, text), { index, test: /\.test\.|__tests__/.test(file), text });
      const passes = index.mayMatch(text);
      if (facts.references.some((reference) => patterns.has(reference.via))) {
        withReferences++;
        expect(passes, file).toBe(true);
      } else if (!passes) skipped++;
    }
    // Not vacuous: references were found, and the prefilter did skip files.
    expect(withReferences).toBeGreaterThan(10);
    expect(skipped).toBeGreaterThan(10);
  });
});

describe('member patterns have a shape, so a common word alone does not pass', () => {
  const index = new AccessorIndex(presetAccessors('launchdarkly'));
  it.each([
    ['a list named flags, read as a property', 'export const ok = (list: { flags: string[] }) => list.flags.includes("x");', false],
    ['props.flags.x', 'export const C = (props: P) => props.flags.newCheckout;', true],
    ['a destructured flags prop', 'export function C({ flags }: P) { return flags.newCheckout; }', true],
    ['destructuring props.flags', 'export function C(props: P) { const { newCheckout } = props.flags; return newCheckout; }', true],
    ['optional and computed access', 'export function C({ flags }: P) { return flags?.["new-checkout"]; }', true],
  ])('%s', (_name, text, expected) => {
    expect(index.mayMatch(text)).toBe(expected);
  });
});

describe('names that begin or end with `$` (Svelte stores, jQuery-style receivers)', () => {
  it.each([
    ['a store read', '$config.features.$KEY', '<script>const on = $config.features.beta;</script>', true],
    ['a store read in markup, after a brace', '$config.features.$KEY', '{#if $config.features.beta}', true],
    ['a method of a store', '$flags.isOn($KEY)', 'if ($flags.isOn("beta")) go();', true],
    ['a longer name ending in the receiver', '$flags.isOn($KEY)', 'if (my$flags.isOn("beta")) go();', false],
    ['a method whose name goes on', 'flags.is$($KEY)', 'flags.is$on("beta")', false],
  ])('%s', (_name, pattern, text, expected) => {
    expect(new AccessorIndex([compileAccessor(pattern)]).mayMatch(text)).toBe(expected);
  });
});

describe('short names (`on`, `get`) are looked up only for a pattern whose other names are there', () => {
  it.each([
    ['both names, as the pattern writes them', '*.flag($KEY).on($STATE)', 'tests.flag("beta").on(true);', true],
    ['the long name without the short one', '*.flag($KEY).on($STATE)', 'tests.flag("beta").off(true);', false],
    ['the short name only inside other words', '*.flag($KEY).on($STATE)', 'function f() { const x = 1; return x; }', false],
    ['a pattern of short names only', 'db.get($KEY)', 'export const x = db.get("beta");', true],
    ['a pattern of short names only, one missing', 'db.get($KEY)', 'export const x = db.set("beta");', false],
  ])('%s', (_name, pattern, text, expected) => {
    expect(new AccessorIndex([compileAccessor(pattern)]).mayMatch(text)).toBe(expected);
  });

  it('passes every file that one pass over all the names passes, on the fixtures with every preset', () => {
    const accessors = PRESET_NAMES.flatMap((preset) => presetAccessors(preset));
    const index = new AccessorIndex(accessors);
    const names = [...new Set(accessors.flatMap((accessor) => accessor.names))].sort((a, b) => b.length - a.length);
    const allNames = new RegExp(names.map((name) => name.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')).join('|'), 'g');
    const onePass = (text: string) => {
      const present = new Set([...text.matchAll(allNames)].map((match) => match[0]));
      return accessors.some(
        (accessor) => accessor.names.every((name) => present.has(name)) && accessor.shapes.every((shape) => shape.test(text)),
      );
    };
    const texts = sourceFiles(join(REPO_ROOT, 'fixtures')).map((file) => readFileSync(file, 'utf8'));
    const expected = texts.map(onePass);
    expect(texts.map((text) => index.mayMatch(text))).toEqual(expected);
    // Not vacuous: files pass and files are skipped.
    expect(expected.filter(Boolean).length).toBeGreaterThan(10);
    expect(expected.filter((passes) => !passes).length).toBeGreaterThan(5);
  });
});
