import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../src/index.js';
import { figure, median, type BenchContext, type BenchFigure } from './harness.js';
import { probe, rotateRuns, rotateSamples } from './measure.js';

/*
 * Generated config modules: one file of n lines `export const vN = flags.get('ok');` (the seed
 * preset's accessor), scanned and linted at n and at 4n lines. The time per declaration at 4n
 * over the time per declaration at n must be that of a linear cost (at most 1.5x); a quadratic
 * one is 4x. What does not grow with the file (starting the scanner, loading the parser) is
 * measured on a module of one declaration and taken off first.
 */

const module = (declarations: number) => Array.from({ length: declarations }, (_, i) => `export const v${i} = flags.get('ok');\n`).join('');

/** A folder holding the module and a config that scans it; returns the config file. */
function project(root: string, declarations: number): string {
  const dir = join(root, `declarations-${declarations}`);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src', 'config.ts'), module(declarations));
  const config = join(dir, 'flag-hygiene.config.json');
  writeFileSync(config, '{}\n');
  return config;
}

/**
 * The part of a timing above its floor (a one-declaration scan, the parse alone). A difference of two
 * timings: on small modules (--smoke) noise can make it zero or negative, which is no ratio, so it is
 * at least 1% of the whole.
 */
function aboveFloor(total: number, floor: number): number {
  return Math.max(total - floor, total * 0.01);
}

function scannerFigure(context: BenchContext, root: string, n: number, repetitions: number): BenchFigure {
  const configs = [1, n, 4 * n].map((declarations) => project(root, declarations));
  context.log(`declarations: scanning modules of 1, ${n} and ${4 * n} declarations (${repetitions} rotating runs each)…`);
  const [one, small, large] = rotateRuns(
    repetitions,
    configs.map((config) => () => probe(['scan', config]).ms),
  ) as [number, number, number];
  return figure({
    suite: 'declarations',
    name: `scan, ${n} → ${4 * n} top-level declarations (time per declaration)`,
    baseline: `scan of ${n} declarations, per declaration`,
    baselineValue: aboveFloor(small, one) / (n - 1),
    candidateValue: aboveFloor(large, one) / (4 * n - 1),
    unit: 'ms',
    target: '<= 1.5x (linear)',
    check: (ratio) => ratio <= 1.5,
    repetitions,
    notes: `cold scans in a fresh process: ${one.toFixed(0)} ms with one declaration, ${small.toFixed(0)} ms with ${n}, ${large.toFixed(0)} ms with ${4 * n}`,
  });
}

function eslintFigures(context: BenchContext, root: string, n: number, repetitions: number): BenchFigure[] {
  // In one process, a few seconds in all: more rotations than the fresh-process figures.
  const eslintRepetitions = repetitions === 1 ? 1 : 7;
  const linter = new Linter({ cwd: root });
  const base: Linter.Config = { files: ['**/*.ts'], languageOptions: { parser: tsParser as unknown as Linter.Parser } };
  const parseOnly: Linter.Config[] = [base];
  const all: Linter.Config[] = [base, plugin.configs.all as Linter.Config];
  const filename = join(root, 'src', 'config.ts');
  const time = (text: string, config: Linter.Config[]) => () => {
    const start = performance.now();
    linter.verify(text, config, { filename });
    return performance.now() - start;
  };
  const small = module(n);
  const large = module(4 * n);
  // Warm up the parser and the plugin, so neither size pays for loading them.
  time(module(50), all)();
  context.log(
    `declarations: ESLint (Linter, configs.all and parse only) on ${n} and ${4 * n} declarations (${eslintRepetitions} rotating runs each)…`,
  );
  const samples = rotateSamples(eslintRepetitions, [
    time(small, parseOnly),
    time(small, all),
    time(large, parseOnly),
    time(large, all),
  ]) as [number[], number[], number[], number[]];
  const [parseSmall, allSmall, parseLarge, allLarge] = samples.map((list) => median(list)) as [number, number, number, number];
  // What the plugin adds, rotation by rotation: the difference of two medians read 8.3x once,
  // when the medians at 2,000 declarations came out 15 ms apart the wrong way.
  const above = (allRuns: number[], parseRuns: number[]) => median(allRuns.map((total, i) => aboveFloor(total, parseRuns[i]!)));
  const common = { suite: 'declarations', unit: 'ms' as const, repetitions: eslintRepetitions };
  return [
    figure({
      ...common,
      name: `ESLint configs.all above the parse, ${n} → ${4 * n} declarations (time per declaration)`,
      baseline: `configs.all above the parse of ${n} declarations, per declaration`,
      baselineValue: above(samples[1], samples[0]) / n,
      candidateValue: above(samples[3], samples[2]) / (4 * n),
      target: '<= 1.5x (linear)',
      check: (ratio) => ratio <= 1.5,
      notes: `Linter.verify in one process: ${allSmall.toFixed(0)} ms (parse ${parseSmall.toFixed(0)} ms) with ${n}, ${allLarge.toFixed(0)} ms (parse ${parseLarge.toFixed(0)} ms) with ${4 * n}`,
    }),
    figure({
      ...common,
      name: `ESLint's parse alone, ${n} → ${4 * n} declarations (time per declaration)`,
      baseline: `the parse of ${n} declarations, per declaration`,
      baselineValue: parseSmall / n,
      candidateValue: parseLarge / (4 * n),
      notes:
        "@typescript-eslint/parser's own cost, which the plugin does not control (it searches from the top of the file at each export)",
    }),
  ];
}

export async function benchDeclarations(context: BenchContext): Promise<BenchFigure[]> {
  const n = context.smoke ? 250 : 2000;
  const repetitions = context.smoke ? 1 : 3;
  const root = mkdtempSync(join(tmpdir(), 'flag-hygiene-bench-declarations-'));
  try {
    return [scannerFigure(context, root, n, repetitions), ...eslintFigures(context, root, n, repetitions)];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
