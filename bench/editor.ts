import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { flagCorpus, generatedCorpus, SMOKE_FILES } from './corpora.js';
import { writeEslintConfigs } from './eslint.js';
import { figure, median, type BenchContext, type BenchFigure } from './harness.js';
import { PROBE } from './measure.js';
import { spawnSync } from 'node:child_process';

interface EditorSession {
  files: number;
  floorMs: number[];
  candidateMs: number[];
  /** Indexes of the files linted first after a pause past the plugin's idle reset. */
  afterPause: number[];
  /** Collector time inside each instance's timed lints. */
  floorGcMs: number;
  candidateGcMs: number;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

function session(floorConfig: string, candidateConfig: string, folder: string, files: number): EditorSession {
  const result = spawnSync(process.execPath, ['--expose-gc', PROBE, 'editor', floorConfig, candidateConfig, folder, String(files)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`probe editor failed: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as EditorSession;
}

/**
 * Issue 19's editor target: in one warm ESLint process (ESLint's `lintText`, as the editor
 * extensions call it), re-linting one changed file of a real codebase that uses flags with
 * `configs.recommended` costs at most 1.10x the floor (one no-op rule) for that file: the 95th
 * percentile over a few hundred files, the first lints after the plugin's idle reset included.
 */
export async function benchEditor(context: BenchContext): Promise<BenchFigure[]> {
  if (!context.smoke && !context.corpora.has('flags')) return [];
  const corpus = context.smoke
    ? { config: await generatedCorpus(SMOKE_FILES, context.log), name: `${SMOKE_FILES} generated files` }
    : await flagCorpus(context.log);
  const files = context.smoke ? 20 : 300;
  const directory = mkdtempSync(join(tmpdir(), 'flag-hygiene-bench-editor-'));
  try {
    const configs = writeEslintConfigs(directory, corpus.config);
    context.log(`editor: ${corpus.name}: ${files} files re-linted one by one, one no-op rule vs configs.recommended…`);
    const result = session(configs.noop, configs.recommended, dirname(corpus.config), files);
    const ratios = result.candidateMs.map((ms, i) => ms / result.floorMs[i]!);
    const common = { suite: 'editor', baseline: 'the same lintText with one no-op rule', unit: 'ms' as const, repetitions: 5 };
    return [
      figure({
        ...common,
        name: `re-lint one file, p95, ${corpus.name}`,
        baselineValue: percentile(result.floorMs, 0.95),
        candidateValue: percentile(result.candidateMs, 0.95),
        target: '<= 1.10x',
        check: (ratio) => ratio <= 1.1,
        notes: `${result.files} files, median of 5 lints each, each of a changed text; ${result.afterPause.length} first lints after a 2.1 s pause; per-file ratio p95 ${percentile(ratios, 0.95).toFixed(2)}x`,
      }),
      figure({
        ...common,
        name: `first lint after the idle reset, median, ${corpus.name}`,
        baselineValue: median(result.afterPause.map((i) => result.floorMs[i]!)),
        candidateValue: median(result.afterPause.map((i) => result.candidateMs[i]!)),
        repetitions: result.afterPause.length,
        notes: 'the lint that starts from a fresh module graph',
      }),
      // A short session (--smoke) may see no collection inside a timed lint: no ratio to give.
      ...(result.floorGcMs > 0 && result.candidateGcMs > 0
        ? [
            figure({
              ...common,
              name: `collector time inside the timed re-lints, ${corpus.name}`,
              baselineValue: result.floorGcMs,
              candidateValue: result.candidateGcMs,
              repetitions: 1,
              notes: 'each timed lint starts after a minor collection (untimed); this is what still falls inside',
            }),
          ]
        : []),
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
