import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedCorpus, realCorpus, SMOKE_FILES } from './corpora.js';
import { figure, type BenchContext, type BenchFigure } from './harness.js';
import { alternateRuns, wallTime } from './measure.js';

const ESLINT = fileURLToPath(new URL('../../node_modules/eslint/bin/eslint.js', import.meta.url));
const PLUGIN = fileURLToPath(new URL('../src/index.js', import.meta.url));
const PARSER = fileURLToPath(new URL('../../node_modules/@typescript-eslint/parser/dist/index.js', import.meta.url));
const FILES = "['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']";

/**
 * Two configs over the same files with the same parser: one that only parses (no rules), one
 * with every rule of configs.all and the corpus's settings.
 */
function writeConfigs(directory: string, corpusConfig: string): { parseOnly: string; all: string } {
  const parseOnly = join(directory, 'parse-only.config.mjs');
  const all = join(directory, 'all.config.mjs');
  const ignores = "{ ignores: ['**/node_modules/**', '**/*.d.ts', '**/*.min.js'] }";
  writeFileSync(parseOnly, `import parser from ${JSON.stringify(PARSER)};\nexport default [${ignores}, { files: ${FILES}, languageOptions: { parser }, linterOptions: { reportUnusedDisableDirectives: 'off' } }];\n`);
  writeFileSync(
    all,
    [
      `import parser from ${JSON.stringify(PARSER)};`,
      `import { readFileSync } from 'node:fs';`,
      `import flagHygiene from ${JSON.stringify(PLUGIN)};`,
      `const settings = JSON.parse(readFileSync(${JSON.stringify(corpusConfig)}, 'utf8'));`,
      `if (settings.manifest) settings.manifest = ${JSON.stringify(dirname(corpusConfig))} + '/' + settings.manifest;`,
      `export default [${ignores}, { files: ${FILES}, languageOptions: { parser }, linterOptions: { reportUnusedDisableDirectives: 'off' } }, flagHygiene.configs.all, flagHygiene.settings(settings)];`,
    ].join('\n') + '\n',
  );
  return { parseOnly, all };
}

function eslintFigure(context: BenchContext, corpusConfig: string, label: string, repetitions: number, target: boolean): BenchFigure {
  const directory = mkdtempSync(join(tmpdir(), 'flag-hygiene-bench-eslint-'));
  try {
    const configs = writeConfigs(directory, corpusConfig);
    const cwd = dirname(corpusConfig);
    const run = (config: string) => wallTime(process.execPath, [ESLINT, '--config', config, '--no-cache', '--format', 'json', '--output-file', join(directory, 'out.json'), '.'], { cwd });
    context.log(`eslint: ${label}: parse-only vs configs.all (${repetitions} alternating runs each)…`);
    const times = alternateRuns(repetitions, () => run(configs.parseOnly), () => run(configs.all), (ms) => ms);
    return figure({
      suite: 'eslint',
      name: `configs.all, ${label}`,
      baseline: 'the same ESLint run with no rules (parse only)',
      baselineValue: times.baseline,
      candidateValue: times.candidate,
      unit: 'ms',
      ...(target ? { target: '<= 1.05x', check: (ratio: number) => ratio <= 1.05 } : {}),
      repetitions,
      notes: 'wall time of the ESLint CLI, no cache',
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function benchEslint(context: BenchContext): Promise<BenchFigure[]> {
  if (context.smoke) return [eslintFigure(context, await generatedCorpus(SMOKE_FILES, context.log), `${SMOKE_FILES} generated files`, 1, true)];
  const real = await realCorpus(context.log);
  return [
    eslintFigure(context, real.config, `${real.name} (${real.files} files)`, 5, true),
    eslintFigure(context, await generatedCorpus(10_000, context.log), '10k generated files (15% with flags)', 3, false),
  ];
}
