import type { TSESTree } from '@typescript-eslint/typescript-estree';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReadBefore, removeUnusedOnce } from '../../src/codemod/cleanup.js';
import { foldOnce, parseWithScopes, RemovalConstants, withScopes, type ParsedSource } from '../../src/codemod/fold.js';
import { reparse } from '../../src/codemod/reparse.js';
import { EditList } from '../../src/codemod/text-edits.js';
import { presetAccessors } from '../../src/config/presets.js';
import type { PresetName } from '../../src/config/schema.js';
import { analyzeFile } from '../../src/detect/analyze.js';
import { AccessorIndex } from '../../src/patterns/index.js';
import { parseSourceEstree } from '../../src/detect/parse-source.js';
import { resolveFacts } from '../../src/detect/resolve.js';
import { program } from '../helpers/fuzz-generators.js';

/*
 * reparse must give exactly the tree a parse of the whole new text gives (same nodes, ranges,
 * locations, walk order), since the codemod's rounds trust it. Checked on the edits the codemod's
 * own rounds make on generated programs, on random statement-level edits, and on the cases where
 * a statement parsed apart could parse otherwise.
 */

/** A tree as plain data: every property but `parent`, keys sorted, so two trees compare as text. */
function shape(parsed: ParsedSource): string {
  return JSON.stringify(parsed.program, (key, value: unknown) => {
    if (key === 'parent') return undefined;
    if (typeof value === 'bigint') return `${value}n`;
    if (value instanceof RegExp) return String(value);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
    }
    return value;
  });
}

function parseWhole(file: string, text: string): ParsedSource | Error {
  try {
    return withScopes(parseSourceEstree(file, text));
  } catch (error) {
    return error as Error;
  }
}

/**
 * Applies edits to a text and checks reparse against a parse of the whole result; returns the new
 * text and parse. `owned`: the tree is the caller's own, to be reused in place.
 */
function step(
  file: string,
  parsed: ParsedSource,
  source: string,
  edits: EditList,
  owned = false,
): { text: string; parsed: ParsedSource } | undefined {
  const text = edits.apply(source);
  const expected = parseWhole(file, text);
  if (expected instanceof Error) {
    expect(() => reparse(file, parsed, source, edits, text, owned), `reparse of a text that does not parse:\n${text}`).toThrow();
    return undefined;
  }
  const actual = reparse(file, parsed, source, edits, text, owned);
  expect(shape(actual), `reparse differs from a whole parse of:\n${text}`).toBe(shape(expected));
  expect(actual.nodes.map((node) => `${node.type}@${node.range.join(':')}`)).toEqual(
    expected.nodes.map((node) => `${node.type}@${node.range.join(':')}`),
  );
  return { text, parsed: actual };
}

/** The codemod's rounds on a text, from the removal's constants in place of every fold of one flag. */
function foldRounds(file: string, source: string, key: string): void {
  const presets: PresetName[] = ['seed', 'openfeature', 'launchdarkly', 'unleash', 'growthbook', 'flagsmith'];
  const index = new AccessorIndex(presets.flatMap((preset) => presetAccessors(preset)));
  const references = resolveFacts(
    file,
    analyzeFile(parseSourceEstree(file, source), { index, test: false, text: source }),
    undefined,
  ).references.filter((reference) => reference.key.kind === 'static' && reference.key.key === key);
  const constants = new RemovalConstants(source);
  const edits = new EditList();
  for (const reference of references)
    for (const fold of reference.folds ?? []) edits.add(fold.range[0], fold.range[1], constants.write(fold.whenOn));
  let parsed: ParsedSource | undefined = parseWithScopes(file, source);
  let readBefore = ReadBefore.of(parsed);
  let state = step(file, parsed, source, edits);
  readBefore = readBefore.through(edits, source);
  const context = { constants, preexistingDead: new Set<string>() };
  for (let round = 0; state !== undefined && round < 50; round++) {
    parsed = state.parsed;
    const next = foldOnce(parsed, state.text, context) ?? removeUnusedOnce(parsed, state.text, readBefore);
    if (next === undefined) break;
    readBefore = readBefore.through(next, state.text);
    // Past the first round the tree is the rounds' own and is reused, as rewriteFile does.
    state = step(file, parsed, state.text, next, true);
  }
}

describe('reparse gives the tree a whole parse gives', () => {
  it('on the rounds of the codemod over generated programs', () => {
    fc.assert(
      fc.property(
        program({ depth: 2 }),
        fc.constantFrom('new_checkout', 'dark_mode', 'legacy_banner', 'summer_promo'),
        (generated, key) => {
          foldRounds(`/project/${generated.file}`, generated.text, key);
        },
      ),
      { seed: 20261201, numRuns: 300 },
    );
    // 300 whole programs folded round by round: about 25 s on two busy cores.
  }, 120_000);

  it('on random edits of top-level statements: deleted, replaced by another, changed inside', () => {
    const edit = fc.tuple(program({ depth: 1 }), fc.nat(), fc.nat(), fc.constantFrom('delete', 'swap', 'inner'));
    fc.assert(
      fc.property(edit, ([generated, a, b, kind]) => {
        const file = `/project/${generated.file}`;
        const parsed = parseWithScopes(file, generated.text);
        const body = parsed.program.body;
        const target = body[a % body.length]!;
        const other = body[b % body.length]!;
        const edits = new EditList();
        if (kind === 'delete') edits.add(target.range[0], target.range[1], '');
        else if (kind === 'swap') edits.add(target.range[0], target.range[1], generated.text.slice(other.range[0], other.range[1]));
        else {
          const inner = parsed.nodes.filter(
            (node): node is TSESTree.Identifier =>
              node.range[0] >= target.range[0] && node.range[1] <= target.range[1] && node.type === 'Identifier',
          );
          const chosen = inner[b % Math.max(1, inner.length)];
          if (chosen === undefined) return;
          edits.add(chosen.range[0], chosen.range[1], `${chosen.name}\n  /* moved */ `);
        }
        step(file, parsed, generated.text, edits);
      }),
      { seed: 20261202, numRuns: 400 },
    );
  });

  const cases: [string, string, (text: string) => [number, number, string]][] = [
    [
      'a statement that the next line would continue',
      'const a = b\nfoo();\n(c)\n',
      (text) => [text.indexOf('foo();'), text.indexOf('foo();') + 6, ''],
    ],
    [
      'a touched statement left without its semicolon',
      'x();\nconst a = 1;\n(c);\n',
      (text) => [text.indexOf('const a = 1;'), text.indexOf('const a = 1;') + 12, 'const a = b'],
    ],
    [
      'a string statement touched, after a statement',
      'foo();\nbar();\n"x";\n',
      (text) => [text.indexOf('bar();'), text.indexOf('bar();') + 7, ''],
    ],
    ['a string statement after the touched ones stops being a directive', '"a";\n"b";\nfoo();\n', () => [0, 0, 'x();\n']],
    [
      'top-level await once the only import goes',
      "import { x } from './x';\nawait x;\nfoo();\n",
      (text) => [text.indexOf('foo();'), text.indexOf('foo();') + 6, 'bar();'],
    ],
    ['an import that makes the file a module goes', "import { x } from './x';\nawait x;\n", () => [0, 25, '']],
    [
      'CR LF line ends and line separators',
      'a();\r\nif (b) {\r\n  c();\r\n}\u2028d();\r\ne(\u2029);\r\n',
      (text) => [text.indexOf('if'), text.indexOf('}') + 1, 'c();'],
    ],
    ['a byte order mark', '\uFEFFa();\nb();\nc();\n', (text) => [text.indexOf('b();'), text.indexOf('b();') + 4, 'bb();']],
    [
      'characters outside the basic plane before and after',
      "const s = '😀';\nb();\nconst t = '😀';\n",
      (text) => [text.indexOf('b();'), text.indexOf('b();') + 4, 'bbb();'],
    ],
  ];
  for (const [name, source, change] of cases) {
    it(`in the hard cases: ${name}`, () => {
      const file = '/project/src/module.ts';
      const edits = new EditList();
      edits.add(...change(source));
      step(file, parseWithScopes(file, source), source, edits);
    });
  }
});
