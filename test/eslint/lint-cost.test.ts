import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { type ESLint, Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { blocksRun } from '../helpers/work-meter.js';

/*
 * What the plugin's rules cost per file in ESLint grows linearly with the file: the same shape
 * four times as long costs at most a tenth more per unit. Work is counted (test/helpers/work-meter.ts),
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
  return linter
    .verify(text, config, { filename: join(root, 'src/generated.ts') })
    .map((message) => `${message.line}:${message.column} ${message.ruleId}`);
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
    const { small, large, perUnit } = await growth(
      (n) => lines(n, (i) => `export function f${i}() { if (flags.get('k${i}').enabled) { work(${i}); } return 0; }`),
      100,
    );
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

describe('no-stale-flag in ESLint: suggestions within a budget of rewriting', () => {
  // Settings may only name a manifest inside the repository (here the lint's root): a copy of the rule tests' one.
  const manifest = join(root, 'flags.yaml');
  copyFileSync(fileURLToPath(new URL('../rules/fixtures/flags.yaml', import.meta.url)), manifest);
  const staleConfig: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser as unknown as Linter.Parser },
      plugins: { 'flag-hygiene': plugin as unknown as ESLint.Plugin },
      settings: { 'flag-hygiene': { manifest, today: '2026-11-28' } },
      rules: { 'flag-hygiene/no-stale-flag': 'warn' },
    },
  ];
  // legacy_search is a release flag at 100% since 2026-09-01: fully rolled out, keep the on path.
  const sites = (n: number) =>
    lines(n, (i) => `export const search${i} = isFeatureEnabled(flags.get('legacy_search'), { userId }) ? 'v2' : 'v1';`);
  /** How many of the reports offer a suggestion, of how many. */
  const suggested = (text: string) => {
    const messages = linter.verify(text, staleConfig, { filename: join(root, 'src/search.ts') });
    return { reports: messages.length, suggested: messages.filter((message) => (message.suggestions ?? []).length > 0).length };
  };

  it('a file gets suggestions for its first sites, while they cost 1,000,000 characters of rewriting', () => {
    // Lines of 93 characters plus the digits of i, and 249 line breaks: 24,139 characters. Each
    // suggestion rewrites the whole file, so 1,000,000 / 24,139 = 41 of them fit.
    const text = sites(250);
    expect(text.length).toBe(24_139);
    expect(suggested(text)).toEqual({ reports: 250, suggested: 41 });
  });

  it('so the rule’s work grows linearly with the file, however many sites it has', async () => {
    const small = await blocksRun(() => suggested(sites(250)));
    const large = await blocksRun(() => suggested(sites(1000)));
    expect([small.result.reports, large.result.reports]).toEqual([250, 1000]);
    expect(large.blocks / (4 * small.blocks)).toBeLessThan(1.1);
  });
});
