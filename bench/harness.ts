import { performance } from 'node:perf_hooks';

/** One figure of the benchmark: a candidate measured against its baseline in the same run. */
export interface BenchFigure {
  suite: string;
  name: string;
  baseline: string;
  /** Medians over the repetitions, in the figure's unit. */
  baselineValue: number;
  candidateValue: number;
  unit: 'ms' | 'ops/s' | 'MB';
  /** candidate / baseline. */
  ratio: number;
  /** Human statement of the target, e.g. "<= 1.05x"; absent when the figure is informative only. */
  target?: string;
  pass?: boolean;
  repetitions: number;
  notes?: string;
}

/** The corpora a full run measures: the real one with flags, the real one without, the generated ones. */
export const CORPORA = ['flags', 'flagless', 'generated'] as const;
export type CorpusName = (typeof CORPORA)[number];

export interface BenchContext {
  smoke: boolean;
  /** The corpora to measure (`--corpus`; default all); a smoke run uses its own small one. */
  corpora: ReadonlySet<CorpusName>;
  log(message: string): void;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Times `baseline` and `candidate` alternately (b, c, c, b, b, c, …) so drift in machine load hits
 * both alike, and returns the median wall time of each in milliseconds.
 */
export async function alternate(
  repetitions: number,
  baseline: () => unknown | Promise<unknown>,
  candidate: () => unknown | Promise<unknown>,
): Promise<{ baseline: number; candidate: number; baselineRuns: number[]; candidateRuns: number[] }> {
  const baselineRuns: number[] = [];
  const candidateRuns: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const order = i % 2 === 0 ? [baseline, candidate] : [candidate, baseline];
    for (const run of order) {
      const start = performance.now();
      await run();
      const elapsed = performance.now() - start;
      (run === baseline ? baselineRuns : candidateRuns).push(elapsed);
    }
  }
  return { baseline: median(baselineRuns), candidate: median(candidateRuns), baselineRuns, candidateRuns };
}

export function figure(fields: Omit<BenchFigure, 'ratio' | 'pass'> & { check?: (ratio: number) => boolean }): BenchFigure {
  const { check, ...rest } = fields;
  const ratio = rest.candidateValue / rest.baselineValue;
  const result: BenchFigure = { ...rest, ratio };
  if (check !== undefined) result.pass = check(ratio);
  return result;
}
