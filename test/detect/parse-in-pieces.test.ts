import { parse } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { parseOptionsFor, parseSourceEstree } from '../../src/detect/parse-source.js';
import { blocksRun } from '../helpers/work-meter.js';

/*
 * A module of many `export` lines is parsed in pieces (src/detect/parse-in-pieces.ts), as
 * typescript-estree's own cost for it grows with the square of the exports. The pieces must join
 * into exactly the tree a parse of the whole text gives, whatever the text holds.
 */

const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n');

/** The whole parse and the parse in pieces, as JSON. */
function bothParses(file: string, text: string): [string, string] {
  return [JSON.stringify(parse(text, parseOptionsFor(file))), JSON.stringify(parseSourceEstree(file, text))];
}

const GENERATED = (n: number) =>
  lines(n, (i) =>
    i % 7 === 0
      ? `/** Flag ${i}. */\nexport const flag${i}: Flag<'k${i}'> = define<'k${i}'>('k${i}', { owner: \`team-${i % 3}\` });`
      : i % 11 === 0
        ? `const local${i} = flags.get('k${i}')?.enabled ?? false;\nexport function use${i}<T>(value: T): T | undefined {\n  return local${i} ? value : undefined;\n}`
        : `export const v${i} = flags.get('k${i}');`,
  );

describe('parsing in pieces gives the tree of the whole text', () => {
  it.each([
    ['generated declarations, functions, generics and comments', 'config.ts', GENERATED(1500)],
    ['Windows line ends', 'config.ts', GENERATED(1500).replace(/\n/g, '\r\n')],
    [
      'line separators in strings (a line break to TypeScript)',
      'config.ts',
      GENERATED(1200).replace("'k600'", "'k\u2028600'").replace("'k1100'", "'k\u20291100'"),
    ],
    ['top-level await in the first piece', 'config.ts', `const loaded = await load();\n${GENERATED(1200)}`],
    [
      'a .tsx module with JSX',
      'labels.tsx',
      lines(1200, (i) => `export const Label${i} = () => <span data-i={${i}}>{flags.get('k${i}') ? 'on' : 'off'}</span>;`),
    ],
    [
      '`export` lines inside a template literal',
      'config.ts',
      `${GENERATED(600)}\nconst doc = \`\n${lines(600, (i) => `export const inDoc${i} = ${i};`)}\n\`;\n${GENERATED(600)}`,
    ],
    [
      '`export` lines inside a namespace',
      'config.ts',
      `${GENERATED(400)}\nnamespace Inner {\n${lines(700, (i) => `export const inner${i} = ${i};`)}\n}\n${GENERATED(400)}`,
    ],
  ])('%s', (_name, file, text) => {
    const [whole, pieces] = bothParses(file, text);
    expect(pieces).toBe(whole);
  });

  it('a syntax error in a piece is the whole parse’s error, with its position', () => {
    const before = GENERATED(1200);
    const text = `${before}\nexport const broken = (;\n${GENERATED(300)}`;
    const thrown = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        const { message, location } = error as { message: string; location: unknown };
        return { message, location };
      }
      return undefined;
    };
    const line = before.split('\n').length + 1;
    const at = { line, column: 23, offset: before.length + 1 + 'export const broken = ('.length };
    expect(thrown(() => parseSourceEstree('config.ts', text))).toEqual({
      message: 'Expression expected.',
      location: { start: at, end: at },
    });
    expect(thrown(() => parse(text, parseOptionsFor('config.ts')))).toEqual({
      message: 'Expression expected.',
      location: { start: at, end: at },
    });
  });
});

describe('the parser’s work on a module of many exports grows linearly with it', () => {
  it('1,000 and 4,000 `export const` lines: a tenth more per line at most', async () => {
    const parser = /node_modules\/@typescript-eslint\/typescript-estree\//;
    const module = (n: number) => lines(n, (i) => `export const v${i} = flags.get('ok');`);
    const small = await blocksRun(() => parseSourceEstree('config.ts', module(1000)), parser);
    const large = await blocksRun(() => parseSourceEstree('config.ts', module(4000)), parser);
    expect([small.result.body.length, large.result.body.length]).toEqual([1000, 4000]);
    expect(large.blocks / (4 * small.blocks)).toBeLessThan(1.1);
  });
});
