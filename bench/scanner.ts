import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { presetAccessors } from '../src/config/presets.js';
import { flagCorpus, generatedCorpus, realCorpus, SMOKE_FILES } from './corpora.js';
import { figure, median, type BenchContext, type BenchFigure } from './harness.js';
import { alternateRuns, probe, wallTime, type ProbeResult } from './measure.js';

function ripgrepAvailable(): boolean {
  return spawnSync('rg', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Scanner figures on one corpus: cold scan vs TypeScript's parse, warm vs cold, ripgrep as the text floor. */
function scannerFigures(
  context: BenchContext,
  config: string,
  label: string,
  repetitions: number,
  coldTarget = 1.0,
): { figures: BenchFigure[]; cold: ProbeResult[] } {
  const figures: BenchFigure[] = [];
  context.log(`scanner: ${label}: cold scan vs TypeScript parse (${repetitions} alternating runs each)…`);
  const cold = alternateRuns(
    repetitions,
    () => probe(['ts-parse', config]),
    () => probe(['scan', config]),
    (result) => result.ms,
  );
  const sample = cold.candidateRuns[0]!;
  figures.push(
    figure({
      suite: 'scanner',
      name: `cold scan, ${label}`,
      baseline: `TypeScript parses all ${sample.files} files once`,
      baselineValue: cold.baseline,
      candidateValue: cold.candidate,
      unit: 'ms',
      target: `<= ${coldTarget.toFixed(1)}x`,
      check: (ratio) => ratio <= coldTarget,
      repetitions,
      notes: `${sample.analysed} of ${sample.files} files parsed after the prefilter; ${sample.references} references`,
    }),
  );

  const cacheDir = mkdtempSync(join(tmpdir(), 'flag-hygiene-bench-cache-'));
  try {
    probe(['scan', config, cacheDir]);
    context.log(`scanner: ${label}: warm scan vs cold…`);
    const warm = alternateRuns(
      repetitions,
      () => probe(['scan', config]),
      () => probe(['scan', config, cacheDir]),
      (result) => result.ms,
    );
    figures.push(
      figure({
        suite: 'scanner',
        name: `warm scan (cache), ${label}`,
        baseline: 'cold scan',
        baselineValue: warm.baseline,
        candidateValue: warm.candidate,
        unit: 'ms',
        target: '<= 0.2x',
        check: (ratio) => ratio <= 0.2,
        repetitions,
        notes: `${warm.candidateRuns[0]!.cacheHits} files from the cache`,
      }),
    );
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }

  if (ripgrepAvailable()) {
    const names = [
      ...new Set(
        ['seed', 'openfeature', 'launchdarkly'].flatMap((preset) =>
          presetAccessors(preset as 'seed').flatMap((accessor) => accessor.names),
        ),
      ),
    ];
    const args = ['-l', '--no-messages', '-g', '*.{ts,tsx,js,jsx,mjs,cjs}', ...names.flatMap((name) => ['-e', name]), dirname(config)];
    const grep = median(Array.from({ length: repetitions }, () => wallTime('rg', args)));
    figures.push(
      figure({
        suite: 'scanner',
        name: `ripgrep for accessor names, ${label}`,
        baseline: 'cold scan',
        baselineValue: cold.candidate,
        candidateValue: grep,
        unit: 'ms',
        repetitions,
        notes: 'the text floor: what finding the names costs without understanding any code',
      }),
    );
  } else {
    context.log('scanner: ripgrep is not installed; the text-floor figure is left out');
  }
  return { figures, cold: cold.candidateRuns };
}

export async function benchScanner(context: BenchContext): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  if (context.smoke) {
    const config = await generatedCorpus(SMOKE_FILES, context.log);
    figures.push(...scannerFigures(context, config, `${SMOKE_FILES} generated files`, 1).figures);
    return figures;
  }
  const repetitions = 3;
  if (context.corpora.has('flags')) {
    // Issue 19: on a real codebase that uses flags the scan must cost at most half a TypeScript parse.
    const flags = await flagCorpus(context.log);
    figures.push(...scannerFigures(context, flags.config, `${flags.name} (${flags.files} files)`, repetitions, 0.5).figures);
  }
  if (context.corpora.has('flagless')) {
    const real = await realCorpus(context.log);
    figures.push(...scannerFigures(context, real.config, `${real.name} (${real.files} files)`, repetitions).figures);
  }
  if (!context.corpora.has('generated')) return figures;
  const tenK = await generatedCorpus(10_000, context.log);
  const fiftyK = await generatedCorpus(50_000, context.log);
  const ten = scannerFigures(context, tenK, '10k generated files', repetitions);
  figures.push(...ten.figures);

  context.log('scanner: 50k files, cold (for linear growth and peak memory)…');
  const fifty = Array.from({ length: repetitions }, () => probe(['scan', fiftyK]));
  const tenMs = median(ten.cold.map((run) => run.ms));
  const fiftyMs = median(fifty.map((run) => run.ms));
  const tenFiles = ten.cold[0]!.files;
  const fiftyFiles = fifty[0]!.files;
  figures.push(
    figure({
      suite: 'scanner',
      name: 'growth from 10k to 50k files (time per file)',
      baseline: 'cold scan of 10k files, per file',
      baselineValue: tenMs / tenFiles,
      candidateValue: fiftyMs / fiftyFiles,
      unit: 'ms',
      target: '<= 1.2x (linear)',
      check: (ratio) => ratio <= 1.2,
      repetitions,
      notes: `${(tenMs / 1000).toFixed(1)} s for ${tenFiles} files, ${(fiftyMs / 1000).toFixed(1)} s for ${fiftyFiles}`,
    }),
    figure({
      suite: 'scanner',
      name: 'peak memory, 50k files',
      baseline: 'the 512 MB budget',
      baselineValue: 512,
      candidateValue: Math.max(...fifty.map((run) => run.maxRssMb)),
      unit: 'MB',
      target: '<= 1.0x',
      check: (ratio) => ratio <= 1.0,
      repetitions,
      notes: 'peak resident set of the whole process, worker threads included',
    }),
  );
  return figures;
}
