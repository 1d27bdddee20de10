import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchCliStart } from './cli-start.js';
import { benchDeclarations } from './declarations.js';
import { benchEslint } from './eslint.js';
import { benchEvaluator } from './evaluator.js';
import { benchScanner } from './scanner.js';
import { CORPORA, type BenchContext, type BenchFigure, type CorpusName } from './harness.js';
import { benchEditor } from './editor.js';

const SUITES: Record<string, (context: BenchContext) => Promise<BenchFigure[]>> = {
  evaluator: benchEvaluator,
  eslint: benchEslint,
  editor: benchEditor,
  scanner: benchScanner,
  declarations: benchDeclarations,
  'cli-start': benchCliStart,
};

function formatValue(value: number, unit: BenchFigure['unit']): string {
  if (unit === 'ops/s') return `${(value / 1e6).toFixed(2)} M ops/s`;
  return `${value.toFixed(unit === 'MB' ? 0 : 1)} ${unit}`;
}

function table(figures: readonly BenchFigure[]): string {
  const rows = [
    ['suite', 'figure', 'baseline', 'candidate', 'ratio', 'target', 'ok'],
    ...figures.map((f) => [
      f.suite,
      f.name,
      formatValue(f.baselineValue, f.unit),
      formatValue(f.candidateValue, f.unit),
      `${f.ratio.toFixed(3)}x`,
      f.target ?? '(info)',
      f.pass === undefined ? '' : f.pass ? 'yes' : 'NO',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const BENCHMARKS_MD = new URL('../../BENCHMARKS.md', import.meta.url);
const START = '<!-- bench-results:start -->';
const END = '<!-- bench-results:end -->';

/** Puts the figures of a full run between BENCHMARKS.md's markers, so the document quotes the run itself. */
function recordInBenchmarksMd(figures: readonly BenchFigure[], machine: Record<string, string | number>, date: string): void {
  const document = readFileSync(BENCHMARKS_MD, 'utf8');
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start < 0 || end < start) throw new Error(`BENCHMARKS.md has no ${START} … ${END} section`);
  const section = [
    START,
    `Run of ${date.slice(0, 10)} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}.`,
    '',
    '```text',
    table(figures),
    '```',
    END,
  ].join('\n');
  writeFileSync(BENCHMARKS_MD, document.slice(0, start) + section + document.slice(end + END.length));
}

const { values } = parseArgs({
  options: { smoke: { type: 'boolean' }, only: { type: 'string', multiple: true }, corpus: { type: 'string', multiple: true } },
  strict: true,
});
const smoke = values.smoke === true;
const selected = values.only ?? Object.keys(SUITES);
for (const name of values.corpus ?? [])
  if (!(CORPORA as readonly string[]).includes(name)) throw new Error(`unknown corpus ${name}; known: ${CORPORA.join(', ')}`);
const corpora = new Set((values.corpus ?? CORPORA) as CorpusName[]);
const context: BenchContext = { smoke, corpora, log: (message) => process.stderr.write(`${message}\n`) };
const figures: BenchFigure[] = [];
for (const name of selected) {
  const suite = SUITES[name];
  if (suite === undefined) throw new Error(`unknown suite ${name}; known: ${Object.keys(SUITES).join(', ')}`);
  context.log(`running ${name}${smoke ? ' (smoke)' : ''}…`);
  figures.push(...(await suite(context)));
}
process.stdout.write(table(figures) + '\n');
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
};
if (!smoke && values.only === undefined && values.corpus === undefined) {
  const date = new Date().toISOString();
  writeFileSync(new URL('../../bench/results.json', import.meta.url), JSON.stringify({ date, machine, figures }, null, 2) + '\n');
  recordInBenchmarksMd(figures, machine, date);
}
// A smoke run only proves the benchmark still runs; a full run fails when a target is missed.
if (!smoke && figures.some((f) => f.pass === false)) process.exitCode = 1;
