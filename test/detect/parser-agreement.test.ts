import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { loadCliSettings } from '../../src/config/load-settings.js';
import { resolveSettings } from '../../src/config/settings.js';
import { parseSource } from '../../src/detect/parse-source.js';
import { parseWithOxc, shallowEnoughForOxc } from '../../src/oxc-parser.js';
import { AccessorIndex } from '../../src/patterns/index.js';
import { discoverFiles } from '../../src/scanner/files.js';
import { temporaryFolder } from '../helpers/eslint-cli.js';
import { flowProgram, program } from '../helpers/fuzz-generators.js';
import { FIXTURES_ROOT, fixtureNames } from '../helpers/scanner-fixtures.js';
import { compareParsers } from '../../bench/parser-agreement.js';

/*
 * The detector parses with oxc where ESLint hands the rules typescript-estree's tree (issue 19,
 * src/oxc-parser.ts). That is allowed only while both give the detector the same tree: for every
 * text here, node by node (types, ranges, lines and columns, every property) and then the facts
 * the detector makes from each, byte for byte. Any difference fails.
 */

/** Every file a config includes, with the config's accessors. */
function project(root: string): { files: string[]; index: AccessorIndex } {
  const settings = loadCliSettings({ cwd: root, env: {} });
  return {
    files: discoverFiles({ root: settings.root, include: settings.include, exclude: settings.exclude, cwd: root }),
    index: new AccessorIndex(settings.accessors, settings.root),
  };
}

/** The default accessors (the hygiene article's flag store and its helpers). */
const defaultIndex = () => new AccessorIndex(resolveSettings({}, { root: '/project', origin: 'test', env: {} }).accessors);

function disagreements(files: readonly string[], index: AccessorIndex): string[] {
  return files.flatMap((file) => {
    const verdict = compareParsers(file, readFileSync(file, 'utf8'), index);
    return verdict === 'same' ? [] : [`${file}: ${verdict}`];
  });
}

describe('both parsers give the detector the same tree and facts', () => {
  it.each(fixtureNames())('on every file of fixtures/%s', (name) => {
    const { files, index } = project(join(FIXTURES_ROOT, name));
    expect(files.length).toBeGreaterThan(0);
    expect(disagreements(files, index)).toEqual([]);
  });

  it('on the single-file components of the component tests (their script views)', () => {
    const root = new URL('../fixtures', import.meta.url).pathname;
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .map((path) => join(root, path))
      .filter((path) => statSync(path).isFile() && /\.(vue|svelte|astro|[cm]?[jt]sx?)$/.test(path));
    expect(files.filter((file) => /\.(vue|svelte|astro)$/.test(file)).length).toBeGreaterThan(3);
    expect(disagreements(files, new AccessorIndex([]))).toEqual([]);
  });

  describe('on a generated 200-file codebase in five flag styles', () => {
    const work = temporaryFolder('parser-agreement');
    beforeAll(() => generateCorpus({ files: 200, seed: 3, outDir: work.dir }), 60_000);
    afterAll(() => work.cleanup());
    it('file by file', () => {
      const { files, index } = project(work.dir);
      expect(files.length).toBeGreaterThanOrEqual(200);
      expect(disagreements(files, index)).toEqual([]);
    });
  });

  it('on fuzzed flag checks in random control structures (fixed seed)', () => {
    const index = defaultIndex();
    const samples = fc.sample(program(), { seed: 19, numRuns: 300 });
    const flows = fc.sample(flowProgram(4), { seed: 19, numRuns: 100 }).map((text) => ({ file: 'src/flow.ts', text }));
    const differing = [...samples, ...flows].flatMap(({ file, text }) => {
      const verdict = compareParsers(file, text, index);
      return verdict === 'same' ? [] : [`${file}: ${verdict}\n${text}`];
    });
    expect(differing).toEqual([]);
  });

  // Syntax the fixtures and generators seldom write, each where oxc's tree differed or could.
  const SYNTAX: Record<string, string> = {
    'decorators, accessors, abstract members': [
      '@Component({ a: 1 }) export abstract class A<T extends object = {}> extends B<T> implements C, D<T> {',
      '  @Input() accessor name = "x"; private readonly x?: number; static #count = 0; declare y: string;',
      '  static { A.#count++; } abstract run(): void; constructor(public readonly z: number) { super(); }',
      '  get v(): number { return 1 } set v(value) {} override m<U>(this: A<T>, ...rest: U[]): asserts this is A<T> {}',
      '}',
    ].join('\n'),
    'enums, namespaces, declarations, overloads': [
      'export const enum E { A, B = 2, C = "c" } declare enum F { X }',
      'namespace N.M { export const a = 1; } declare module "m" { export function f(): void; }',
      'declare global { interface Window { flags: unknown } }',
      'export function f(a: string): string; export function f(a: number): number; export function f(a: any) { return a; }',
      'import fs = require("fs"); export = f; import type { T } from "./t"; export type { T };',
    ].join('\n'),
    'types: predicates, mapped, conditional, templates': [
      'function isS(x: unknown): x is string { return typeof x === "string"; }',
      'function assert(x: unknown): asserts x { } function assertS(x: unknown): asserts x is string { }',
      'type M<T> = { +readonly [K in keyof T]-?: T[K] }; type R<T> = { readonly [K in keyof T as `on${string & K}`]+?: T[K] };',
      'type C<T> = T extends (infer U extends string)[] ? U : never; type Tpl = `a${number}b`;',
      'type Fn = abstract new (...args: any[]) => object; let u: unique symbol; type Q = typeof import("./m", { with: { "resolution-mode": "import" } });',
      'const o = { a: 1 } satisfies Record<string, number>; const n = <const T,>(x: T) => x; let v = x! as unknown as string;',
    ].join('\n'),
    'expressions and statements': [
      '#!/usr/bin/env node',
      '"use strict";',
      'label: for (const [a, { b = 1, ...c }] of list) { if (a?.b?.[c]?.(d)) continue label; else break label; }',
      'const big = 1_000n, re = /[\\p{L}--\\p{N}]/v, s = `a${b}c${`d${e}`}`; a ??= b ||= c &&= d; x **= 2;',
      'using res = open(); async function g() { await using r = open(); for await (const x of y) {} }',
      'import json from "./data.json" with { type: "json" }; export * as ns from "./ns"; export { default as d, a as "string name" } from "./m";',
      'class P { #p = 1; has(o) { return #p in o; } } const f = function* () { yield* other(); };',
    ].join('\n'),
    JSX: [
      'export const A = <T,>(props: { x: T }) => (',
      '  <>',
      '    <svg:rect xlink:href="#a" data-x="1" {...props} />',
      '    <Foo.Bar<string> flag={flags.get("a") ? <b>on</b> : null} fallback="x">a &amp; b &#123; &nbsp; text</Foo.Bar>',
      '    {/* comment */}',
      '    <Button label="Save & close" href="/docs?a=1&b=2&amp" on={flags.get("b")} />',
      '  </>',
      ');',
    ].join('\n'),
    'line breaks, non-ASCII text, a byte order mark':
      '\uFEFFconst é = "😀";\r\nconst b = flags.get("k");\rconst c = "\u2028";\u2029let d = `\r\n`;\n\tlet ü = 1;',
  };

  it.each(Object.entries(SYNTAX))('on %s', (name, text) => {
    const file = name === 'JSX' ? 'src/a.tsx' : 'src/a.ts';
    expect(compareParsers(file, text, defaultIndex())).toBe('same');
  });

  it('on every character reference typescript-estree decodes in a JSX attribute, and on those it leaves', () => {
    // Its table of names, read from its own source: the one ours must equal.
    const estreeEntry = createRequire(import.meta.url).resolve('@typescript-eslint/typescript-estree');
    const table = readFileSync(join(dirname(estreeEntry), 'jsx', 'xhtml-entities.js'), 'utf8');
    const names = [...table.matchAll(/^\s+(\w+): '/gm)].map((match) => match[1]!);
    expect(names.length).toBeGreaterThan(250);
    const references = [
      ...names.map((name) => `&${name};`),
      // HTML 5's only, a wrong case, no `;`, numbers (past U+10FFFF too), and `&`s that start none.
      ...['&NewLine;', '&bigstar;', '&AMP;', '&Amp;', '&amp', '&#65;', '&#x1F600;', '&#X41;', '&#0;', '&#1114112;', '&#x110000;'],
      ...['& amp;', '&;', '&#;', '&#x;', 'a&b=c&d', '&&amp;;'],
    ];
    const text = [
      'export const A = () => (',
      '  <>',
      ...references.map((reference, i) => `    <Gate flag="f${i}" label="x ${reference} y" />`),
      '  </>',
      ');',
    ].join('\n');
    expect(parseWithOxc('src/a.tsx', text, true)).toBeDefined();
    expect(compareParsers('src/a.tsx', text, defaultIndex())).toBe('same');
  });
});

describe('where oxc cannot parse a text, typescript-estree does', () => {
  it('reports a syntax error as typescript-estree words it, at its position', () => {
    expect(parseWithOxc('src/broken.ts', 'const a = ;\n', false)).toBeUndefined();
    expect(() => parseSource('src/broken.ts', 'const a = ;\n')).toThrow(
      expect.objectContaining({
        message: 'Expression expected.',
        location: expect.objectContaining({ start: { line: 1, column: 10, offset: 10 } }),
      }),
    );
  });

  it('leaves to typescript-estree a JSX attribute naming a property every object inherits', () => {
    // typescript-estree looks `&constructor;` up in a plain object, and writes what it finds.
    const text = 'export const A = () => <Gate flag="a" fallback="x &constructor; y" />;\n';
    expect(parseWithOxc('src/a.tsx', text, true)).toBeUndefined();
    expect(parseSource('src/a.tsx', text).body).toHaveLength(1);
  });

  it('keeps to oxc a file whose JSX attribute strings hold an `&` that starts no entity', () => {
    const text = 'export const A = () => <Gate flag="a" label="Save & close" href="/d?a=1&b=2" />;\n';
    expect(parseWithOxc('src/a.tsx', text, true)).toBeDefined();
    expect(compareParsers('src/a.tsx', text, defaultIndex())).toBe('same');
  });

  // oxc overflows the native stack on these at some thousands of levels, killing the process (oxc#24375).
  it.each([
    ['calls', `${'f('.repeat(5_000)}x${')'.repeat(5_000)};`],
    ['else-if branches', `if (a) {}${' else if (a) {}'.repeat(5_000)}`],
    ['conditional expressions', `${'a ? b : '.repeat(5_000)}c;`],
    ['arrow functions', `${'a => '.repeat(5_000)}x;`],
    ['negations', `${'!'.repeat(25_000)}x;`],
    ['additions', `x${'+x'.repeat(25_000)};`],
  ])('leaves %s nested past its bounds to typescript-estree, which fails or parses without a crash', (_, text) => {
    expect(shallowEnoughForOxc(text)).toBe(false);
    expect(parseWithOxc('src/deep.ts', text, false)).toBeUndefined();
    let outcome: string;
    try {
      outcome = parseSource('src/deep.ts', text).type;
    } catch (error) {
      outcome = (error as Error).message;
    }
    expect(['Program', 'Maximum call stack size exceeded']).toContain(outcome);
  });

  // Found on novu: an export list of 4,342 names, each under a one-line deprecation comment.
  it('counts nothing on a line that is one comment, but counts the code in a template literal’s ${…} on such a line', () => {
    const names = Array.from({ length: 4_000 }, (_, i) => `  /** @deprecated use icons/v2/*.tsx */\n  // see a/b/c\n  Icon${i},`);
    const commented = `export {\n${names.join('\n')}\n};\n`;
    expect(shallowEnoughForOxc(commented)).toBe(true);
    const small = 'const Icon0 = 0, Icon1 = 1;\nexport {\n  /** @deprecated */\n  Icon0,\n  // older\n  Icon1,\n};\n';
    expect(compareParsers('src/icons.ts', small, defaultIndex())).toBe('same');
    // Inside a template literal, lines that look like comments hold code in \${…}: all of it is counted.
    const hidden = `const t = \`\n${Array.from({ length: 25_000 }, () => '// ${x + x}').join('\n')}\n\`;`;
    expect(shallowEnoughForOxc(hidden)).toBe(false);
    const blockHidden = `const t = \`\n${Array.from({ length: 25_000 }, () => '/* ${x + x} */').join('\n')}\n\`;`;
    expect(shallowEnoughForOxc(blockHidden)).toBe(false);
    // A comment that ends before the line does: the code after it is counted.
    const trailing = `x = a\n${Array.from({ length: 25_000 }, () => '/* c */ + a').join('\n')};`;
    expect(shallowEnoughForOxc(trailing)).toBe(false);
  });

  it('takes real code within the bounds, however long; a long run of conditionals goes to typescript-estree', () => {
    const files = project(join(FIXTURES_ROOT, 'demo')).files;
    expect(files.every((file) => shallowEnoughForOxc(readFileSync(file, 'utf8')))).toBe(true);
    // 8,000 declarations: each line starts a run of its own.
    const declarations = Array.from({ length: 8_000 }, (_, i) => `export const f${i} = (a: number) => (a > ${i} ? [a] : { a })`).join('\n');
    expect(shallowEnoughForOxc(declarations)).toBe(true);
    const statements = Array.from({ length: 8_000 }, (_, i) => `x = a${i} === b ? !c : d;`).join(' ');
    expect(shallowEnoughForOxc(statements)).toBe(true);
    // One array of 3,000 conditionals, on as many lines: one run.
    const conditionals = `const all = [\n${Array.from({ length: 3_000 }, (_, i) => `  a${i} ? b : c,`).join('\n')}\n];`;
    expect(shallowEnoughForOxc(conditionals)).toBe(false);
  });

  it('keeps what TypeScript accepts and oxc does not', () => {
    // A string literal as a type parameter default after a rest element: TypeScript parses it (and
    // reports it later, in a type check); oxc rejects the text outright.
    const text = 'function f(...a: number[], b: string) { return flags.get("k"); }\n';
    expect(parseWithOxc('src/odd.ts', text, false)).toBeUndefined();
    expect(parseSource('src/odd.ts', text).body).toHaveLength(1);
  });
});
