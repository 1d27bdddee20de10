import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedCorpus, realCorpus, SMOKE_FILES } from './corpora.js';
import { figure, type BenchContext, type BenchFigure } from './harness.js';
import { rotateRuns, wallTime } from './measure.js';

const ESLINT = fileURLToPath(new URL('../../node_modules/eslint/bin/eslint.js', import.meta.url));
const PLUGIN = fileURLToPath(new URL('../src/index.js', import.meta.url));
const PARSER = fileURLToPath(new URL('../../node_modules/@typescript-eslint/parser/dist/index.js', import.meta.url));
const FILES = "['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']";

/**
 * Four configs over the same files with the same parser: one that only parses (no rules), one
 * with a single rule that does nothing (what any plugin costs, ESLint's floor), one with ESLint's
 * own `no-debugger` (the floor is ESLint's, not a plugin's), and one with every rule of
 * configs.all and the corpus's settings.
 */
function writeConfigs(directory: string, corpusConfig: string): Record<'parseOnly' | 'noop' | 'core' | 'all', string> {
  const ignores = "{ ignores: ['**/node_modules/**', '**/*.d.ts', '**/*.min.js'] }";
  const base = `{ files: ${FILES}, languageOptions: { parser }, linterOptions: { reportUnusedDisableDirectives: 'off' } }`;
  const write = (name: string, lines: string[]) => {
    const path = join(directory, `${name}.config.mjs`);
    writeFileSync(path, [`import parser from ${JSON.stringify(PARSER)};`, ...lines].join('\n') + '\n');
    return path;
  };
  return {
    parseOnly: write('parse-only', [`export default [${ignores}, ${base}];`]),
    noop: write('noop', [
      `const plugin = { rules: { noop: { meta: { type: 'problem', schema: [] }, create: () => ({ Program() {} }) } } };`,
      `export default [${ignores}, ${base}, { plugins: { bench: plugin }, rules: { 'bench/noop': 'error' } }];`,
    ]),
    core: write('core', [`export default [${ignores}, ${base}, { rules: { 'no-debugger': 'error' } }];`]),
    all: write('all', [
      `import { readFileSync } from 'node:fs';`,
      `import flagHygiene from ${JSON.stringify(PLUGIN)};`,
      `const settings = JSON.parse(readFileSync(${JSON.stringify(corpusConfig)}, 'utf8'));`,
      `if (settings.manifest) settings.manifest = ${JSON.stringify(dirname(corpusConfig))} + '/' + settings.manifest;`,
      `export default [${ignores}, ${base}, flagHygiene.configs.all, flagHygiene.settings(settings)];`,
    ]),
  };
}

function eslintFigures(context: BenchContext, corpusConfig: string, label: string, repetitions: number, target: boolean): BenchFigure[] {
  const directory = mkdtempSync(join(tmpdir(), 'flag-hygiene-bench-eslint-'));
  try {
    const configs = writeConfigs(directory, corpusConfig);
    const cwd = dirname(corpusConfig);
    const run = (config: string) => wallTime(process.execPath, [ESLINT, '--config', config, '--no-cache', '--format', 'json', '--output-file', join(directory, 'out.json'), '.'], { cwd });
    context.log(`eslint: ${label}: parse-only vs one no-op rule vs no-debugger vs configs.all (${repetitions} rotating runs each)…`);
    const [parseOnly, noop, core, all] = rotateRuns(repetitions, [() => run(configs.parseOnly), () => run(configs.noop), () => run(configs.core), () => run(configs.all)]) as [number, number, number, number];
    const common = { suite: 'eslint', baseline: 'the same ESLint run with no rules (parse only)', baselineValue: parseOnly, unit: 'ms' as const, repetitions };
    return [
      figure({ ...common, name: `configs.all, ${label}`, candidateValue: all, ...(target ? { target: '<= 1.05x', check: (ratio: number) => ratio <= 1.05 } : {}), notes: 'wall time of the ESLint CLI, no cache' }),
      figure({ ...common, name: `one no-op rule, ${label}`, candidateValue: noop, notes: 'what enabling any rule costs in ESLint itself: the floor under configs.all' }),
      figure({ ...common, name: `ESLint's no-debugger alone, ${label}`, candidateValue: core, notes: "ESLint's own cheapest rule: the floor is ESLint's, not a plugin's" }),
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

export async function benchEslint(context: BenchContext): Promise<BenchFigure[]> {
  if (context.smoke) return eslintFigures(context, await generatedCorpus(SMOKE_FILES, context.log), `${SMOKE_FILES} generated files`, 1, true);
  const real = await realCorpus(context.log);
  return [
    ...eslintFigures(context, real.config, `${real.name} (${real.files} files)`, 5, true),
    ...eslintFigures(context, await generatedCorpus(10_000, context.log), '10k generated files (15% with flags)', 3, false),
  ];
}
