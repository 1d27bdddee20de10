import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeInSource } from '../helpers/remove-in-source.js';

/**
 * Random programs with one flag, built from the shapes flags take in real code (if/else, guards,
 * ternaries, !, &&, ||, decision variables, loops, switch) around trace calls. Property: running
 * the program with the flag forced to the kept value and running the rewritten program (which no
 * longer mentions the flag) leave the same trace.
 */
const FLAG = `isFeatureEnabled(flags.get('f'), ctx)`;

function statement(depth: number): fc.Arbitrary<string> {
  const leaf = fc.nat(999).map((n) => `trace('s${n}');`);
  if (depth <= 0) return leaf;
  const block = fc.array(statement(depth - 1), { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    block.map((body) => `if (${FLAG}) {\n${body}\n}`),
    fc.tuple(block, block).map(([a, b]) => `if (${FLAG}) {\n${a}\n} else {\n${b}\n}`),
    fc.tuple(block, fc.boolean()).map(([body, returns]) => `if (!${FLAG}) {\n${body}\n${returns ? 'return;' : ''}\n}`),
    fc.nat(99).map((n) => `trace(${FLAG} ? 'on${n}' : 'off${n}');`),
    fc.nat(99).map((n) => `trace(String(${FLAG} && 'and${n}'));`),
    fc.nat(99).map((n) => `trace(String(${FLAG} || 'or${n}'));`),
    fc.tuple(fc.nat(99), block).map(([n, body]) => `const v${n} = ${FLAG};\nif (v${n}) {\n${body}\n}\ntrace(v${n} ? 'v-on' : 'v-off');`),
    fc.tuple(fc.nat(99), block).map(([n, body]) => `if (t('side${n}') || ${FLAG}) {\n${body}\n}`),
    block.map((body) => `for (let i = 0; i < 2; i++) {\n${body}\n}`),
    fc.tuple(block, block).map(([a, b]) => `switch (${FLAG}) {\ncase true:\n${a}\nbreak;\ncase false:\n${b}\nbreak;\n}`),
  );
}

const program = fc.array(statement(3), { minLength: 1, maxLength: 5 }).map((lines) => `export function run() {\n${lines.join('\n')}\n}\n`);

function execute(source: string, on: boolean): string[] {
  const trace: string[] = [];
  const javascript = source.replace(/^export /gm, '');
  const run = new Function('flags', 'isFeatureEnabled', 'ctx', 'trace', 't', `${javascript}\nrun();`);
  const flags = { get: (key: string) => ({ key, enabled: on }) };
  run(
    flags,
    (flag: { enabled: boolean }) => flag.enabled,
    {},
    (entry: string) => trace.push(entry),
    (entry: string) => {
      trace.push(entry);
      return false;
    },
  );
  return trace;
}

describe('removing a flag never changes what the program does with the kept value', () => {
  for (const keep of ['on', 'off'] as const) {
    it(`keeping ${keep}`, () => {
      fc.assert(
        fc.property(program, (source) => {
          const rewritten = removeInSource(source, 'f', keep, { file: '/project/src/program.ts' });
          expect(rewritten.manual).toEqual([]);
          expect(rewritten.after).not.toContain("flags.get('f')");
          expect(execute(rewritten.after, false)).toEqual(execute(source, keep === 'on'));
        }),
        { seed: keep === 'on' ? 20261128 : 20261129, numRuns: 150 },
      );
    });
  }
});
