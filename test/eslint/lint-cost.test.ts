import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { blocksRun } from '../work-meter.js';

/*
 * What the plugin's rules cost per file in ESLint grows linearly with the file: the same shape
 * four times as long costs at most a tenth more per unit. Work is counted (test/work-meter.ts),
 * and only the project's own code counts, not ESLint's parse.
 */

const root = mkdtempSync(join(tmpdir(), 'flag-hygiene-lint-cost-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const linter = new Linter({ cwd: root });
const config: Linter.Config[] = [
  { files: ['**/*.ts'], languageOptions: { parser: tsParser as unknown as Linter.Parser } },
  plugin.configs.all as Linter.Config,
];

const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n');

function lint(text: string): string[] {
  return linter.verify(text, config, { filename: join(root, 'src/generated.ts') }).map((message) => `${message.line}:${message.column} ${message.ruleId}`);
}

async function growth(shape: (n: number) => string, n: number): Promise<{ small: string[]; large: string[]; perUnit: number }> {
  const small = await blocksRun(() => lint(shape(n)));
  const large = await blocksRun(() => lint(shape(4 * n)));
  return { small: small.result, large: large.result, perUnit: large.blocks / (4 * small.blocks) };
}

describe('configs.all in ESLint: the work per file grows linearly with it', () => {
  it('top-level declarations, each a flag evaluation (a generated config module)', async () => {
    const { small, large, perUnit } = await growth((n) => lines(n, (i) => `export const v${i} = flags.get('ok');`), 100);
    expect([small, large]).toEqual([[], []]);
    expect(perUnit).toBeLessThan(1.1);
  });

  it('many functions deciding on a flag each, none logging it (every decision against every function)', async () => {
    const { small, large, perUnit } = await growth((n) => lines(n, (i) => `export function f${i}() { if (flags.get('k${i}').enabled) { work(${i}); } return 0; }`), 100);
    // Each decision: a lookup read unchecked, an `if` without else, no decision log.
    expect(small).toHaveLength(3 * 100);
    expect(large.slice(3 * 321, 3 * 322)).toEqual([
      '322:30 flag-hygiene/require-flag-fallback',
      '322:30 flag-hygiene/require-flag-fallback',
      '322:30 flag-hygiene/require-flag-decision-log',
    ]);
    expect(large).toHaveLength(3 * 400);
    expect(perUnit).toBeLessThan(1.1);
  });
});
