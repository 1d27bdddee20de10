import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './harness.js';

export const PROBE = fileURLToPath(new URL('./probe.js', import.meta.url));

export interface ProbeResult {
  ms: number;
  maxRssMb: number;
  files: number;
  analysed?: number;
  references?: number;
  cacheHits?: number;
  /** CPU time of the process, user and system (ESLint probes): steadier than wall time on a busy machine. */
  cpuMs?: number;
  /** The plugin's problems (ESLint probes). */
  problems?: number;
}

/** Runs the probe in a fresh Node process and returns what it measured. */
export function probe(args: readonly string[]): ProbeResult {
  const result = spawnSync(process.execPath, [PROBE, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`probe ${args.join(' ')} failed: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as ProbeResult;
}

/** Wall time of a whole command in a fresh process, in milliseconds. */
export function wallTime(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): number {
  const start = performance.now();
  const result = spawnSync(command, [...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const elapsed = performance.now() - start;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return elapsed;
}

/**
 * Alternates two measurements (a, b, b, a, a, b …) so drift in machine load hits both alike, and
 * returns the median of each.
 */
export function alternateRuns<T>(
  repetitions: number,
  baseline: () => T,
  candidate: () => T,
  value: (result: T) => number,
): { baseline: number; candidate: number; baselineRuns: T[]; candidateRuns: T[] } {
  const baselineRuns: T[] = [];
  const candidateRuns: T[] = [];
  for (let i = 0; i < repetitions; i++) {
    if (i % 2 === 0) {
      baselineRuns.push(baseline());
      candidateRuns.push(candidate());
    } else {
      candidateRuns.push(candidate());
      baselineRuns.push(baseline());
    }
  }
  return { baseline: median(baselineRuns.map(value)), candidate: median(candidateRuns.map(value)), baselineRuns, candidateRuns };
}

/**
 * Several measurements in a rotating order (a b c, b c a, c a b, …) so each takes every position
 * equally often; returns the median of each.
 */
export function rotateRuns(repetitions: number, runs: readonly (() => number)[]): number[] {
  return rotateSamples(repetitions, runs).map((list) => median(list));
}

/** rotateRuns' samples, each run's in the order taken: sample i of every run comes from rotation i. */
export function rotateSamples(repetitions: number, runs: readonly (() => number)[]): number[][] {
  const values: number[][] = runs.map(() => []);
  for (let i = 0; i < repetitions; i++) {
    for (let j = 0; j < runs.length; j++) {
      const index = (i + j) % runs.length;
      values[index]!.push(runs[index]!());
    }
  }
  return values;
}
