import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagCorpus, generatedCorpus, realCorpus, SMOKE_FILES, type RealCorpusConfig } from './corpora.js';
import { figure, median, type BenchContext, type BenchFigure } from './harness.js';
import { probe, rotateRuns, wallTime, type ProbeResult } from './measure.js';

const ESLINT = fileURLToPath(new URL('../../node_modules/eslint/bin/eslint.js', import.meta.url));
const PLUGIN = fileURLToPath(new URL('../src/index.js', import.meta.url));
const PARSER = fileURLToPath(new URL('../../node_modules/@typescript-eslint/parser/dist/index.js', import.meta.url));
const FILES = "['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']";

export type EslintConfigName = 'parseOnly' | 'noop' | 'core' | 'recommended' | 'all';

/**
 * ESLint configs over the same files with the same parser: one that only parses (no rules), one
 * with a single rule that does nothing (what any plugin costs, ESLint's floor), one with ESLint's
 * own `no-debugger` (the floor is ESLint's, not a plugin's), and the plugin's `configs.recommended`
 * and `configs.all` with the corpus's settings. ESLint ignores what the corpus's config excludes.
 */
export function writeEslintConfigs(directory: string, corpusConfig: string): Record<EslintConfigName, string> {
  const settings = JSON.parse(readFileSync(corpusConfig, 'utf8')) as { exclude?: string[]; manifest?: string };
  const ignores = `{ ignores: ${JSON.stringify([...new Set([...(settings.exclude ?? ['**/node_modules/**', '**/*.d.ts']), '**/*.min.js'])])} }`;
  const base = `{ files: ${FILES}, languageOptions: { parser }, linterOptions: { reportUnusedDisableDirectives: 'off' } }`;
  const write = (name: string, lines: string[]) => {
    const path = join(directory, `${name}.config.mjs`);
    writeFileSync(path, [`import parser from ${JSON.stringify(PARSER)};`, ...lines].join('\n') + '\n');
    return path;
  };
  const plugin = (config: 'recommended' | 'all') => [
    `import { readFileSync } from 'node:fs';`,
    `import flagHygiene from ${JSON.stringify(PLUGIN)};`,
    `const settings = JSON.parse(readFileSync(${JSON.stringify(corpusConfig)}, 'utf8'));`,
    `if (settings.manifest) settings.manifest = ${JSON.stringify(dirname(corpusConfig))} + '/' + settings.manifest;`,
    `export default [${ignores}, ${base}, flagHygiene.configs.${config}, flagHygiene.settings(settings)];`,
  ];
  return {
    parseOnly: write('parse-only', [`export default [${ignores}, ${base}];`]),
    noop: write('noop', [
      `const plugin = { rules: { noop: { meta: { type: 'problem', schema: [] }, create: () => ({ Program() {} }) } } };`,
      `export default [${ignores}, ${base}, { plugins: { bench: plugin }, rules: { 'bench/noop': 'error' } }];`,
    ]),
    core: write('core', [`export default [${ignores}, ${base}, { rules: { 'no-debugger': 'error' } }];`]),
    recommended: write('recommended', plugin('recommended')),
    all: write('all', plugin('all')),
  };
}

/**
 * The targets of issue 19 on a real codebase: `configs.recommended` and `configs.all` against the
 * same ESLint run with one no-op rule (wall time and peak memory), each run a fresh process
 * through ESLint's API, the three configs in rotating order.
 */
function realCorpusFigures(context: BenchContext, corpus: RealCorpusConfig, repetitions: number): BenchFigure[] {
  const directory = mkdtempSync(join(tmpdir(), 'flag-hygiene-bench-eslint-'));
  try {
    const configs = writeEslintConfigs(directory, corpus.config);
    const cwd = dirname(corpus.config);
    const label = `${corpus.name} (${corpus.files} files)`;
    context.log(`eslint: ${label}: one no-op rule vs configs.recommended vs configs.all (${repetitions} rotating runs each)…`);
    const runs: Record<'noop' | 'recommended' | 'all', ProbeResult[]> = { noop: [], recommended: [], all: [] };
    const run = (name: keyof typeof runs) => () => {
      const result = probe(['eslint', configs[name], cwd]);
      runs[name].push(result);
      return result.ms;
    };
    rotateRuns(repetitions, [run('noop'), run('recommended'), run('all')]);
    const ms = (name: keyof typeof runs) => median(runs[name].map((result) => result.ms));
    const mb = (name: keyof typeof runs) => median(runs[name].map((result) => result.maxRssMb));
    const cpu = (name: keyof typeof runs) => median(runs[name].map((result) => result.cpuMs ?? 0));
    const problems = (name: keyof typeof runs) => runs[name][0]!.problems ?? 0;
    const common = { suite: 'eslint', baseline: 'the same ESLint run with one no-op rule', repetitions };
    return [
      figure({
        ...common,
        name: `configs.recommended, ${label}`,
        baselineValue: ms('noop'),
        candidateValue: ms('recommended'),
        unit: 'ms',
        target: '<= 1.05x',
        check: (ratio) => ratio <= 1.05,
        notes: `wall time, ESLint API, no cache; ${problems('recommended')} problems`,
      }),
      figure({
        ...common,
        name: `configs.all, ${label}`,
        baselineValue: ms('noop'),
        candidateValue: ms('all'),
        unit: 'ms',
        target: '<= 1.10x',
        check: (ratio) => ratio <= 1.1,
        notes: `wall time; ${problems('all')} problems`,
      }),
      figure({
        ...common,
        name: `CPU time, configs.recommended, ${label}`,
        baselineValue: cpu('noop'),
        candidateValue: cpu('recommended'),
        unit: 'ms',
        notes: 'user + system time of the ESLint process: what wall time shows on an idle machine',
      }),
      figure({
        ...common,
        name: `CPU time, configs.all, ${label}`,
        baselineValue: cpu('noop'),
        candidateValue: cpu('all'),
        unit: 'ms',
        notes: 'user + system time of the ESLint process',
      }),
      figure({
        ...common,
        name: `peak memory, configs.recommended, ${label}`,
        baselineValue: mb('noop'),
        candidateValue: mb('recommended'),
        unit: 'MB',
        target: '<= 1.10x',
        check: (ratio) => ratio <= 1.1,
        notes: 'peak resident set of the ESLint process',
      }),
      figure({
        ...common,
        name: `peak memory, configs.all, ${label}`,
        baselineValue: mb('noop'),
        candidateValue: mb('all'),
        unit: 'MB',
        target: '<= 1.10x',
        check: (ratio) => ratio <= 1.1,
        notes: 'peak resident set of the ESLint process',
      }),
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The generated corpus, through ESLint's CLI: parse only, one no-op rule, no-debugger and configs.all. */
function generatedCorpusFigures(context: BenchContext, corpusConfig: string, label: string, repetitions: number): BenchFigure[] {
  const directory = mkdtempSync(join(tmpdir(), 'flag-hygiene-bench-eslint-'));
  try {
    const configs = writeEslintConfigs(directory, corpusConfig);
    const cwd = dirname(corpusConfig);
    const run = (config: string) =>
      wallTime(
        process.execPath,
        [ESLINT, '--config', config, '--no-cache', '--format', 'json', '--output-file', join(directory, 'out.json'), '.'],
        { cwd },
      );
    context.log(`eslint: ${label}: parse-only vs one no-op rule vs no-debugger vs configs.all (${repetitions} rotating runs each)…`);
    const [parseOnly, noop, core, all] = rotateRuns(repetitions, [
      () => run(configs.parseOnly),
      () => run(configs.noop),
      () => run(configs.core),
      () => run(configs.all),
    ]) as [number, number, number, number];
    const common = {
      suite: 'eslint',
      baseline: 'the same ESLint run with no rules (parse only)',
      baselineValue: parseOnly,
      unit: 'ms' as const,
      repetitions,
    };
    return [
      figure({
        ...common,
        name: `one no-op rule, ${label}`,
        candidateValue: noop,
        notes: 'what enabling any rule costs in ESLint itself: the floor under configs.all',
      }),
      figure({
        ...common,
        name: `ESLint's no-debugger alone, ${label}`,
        candidateValue: core,
        notes: "ESLint's own cheapest rule: the floor is ESLint's, not a plugin's",
      }),
      figure({
        ...common,
        name: `configs.all over one no-op rule, ${label}`,
        baseline: 'the same ESLint run with one no-op rule',
        baselineValue: noop,
        candidateValue: all,
        notes: "what the plugin's rules cost above the floor every rule pays",
      }),
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const REAL_CORPUS_RUNS = 5;

export async function benchEslint(context: BenchContext): Promise<BenchFigure[]> {
  if (context.smoke) {
    const config = await generatedCorpus(SMOKE_FILES, context.log);
    return realCorpusFigures(context, { config, name: 'generated', files: SMOKE_FILES }, 1);
  }
  const figures: BenchFigure[] = [];
  // Five runs of each config, not three: a run's peak memory depends on when V8 happens to collect,
  // and about one run in eight of the same config peaked 40-160% above the others (2026-12-06).
  if (context.corpora.has('flags')) figures.push(...realCorpusFigures(context, await flagCorpus(context.log), REAL_CORPUS_RUNS));
  if (context.corpora.has('flagless')) figures.push(...realCorpusFigures(context, await realCorpus(context.log), REAL_CORPUS_RUNS));
  if (context.corpora.has('generated'))
    figures.push(...generatedCorpusFigures(context, await generatedCorpus(10_000, context.log), '10k generated files (15% with flags)', 3));
  return figures;
}
