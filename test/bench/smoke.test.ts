import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-bin.js';

/*
 * The benchmark is not part of npm test, but its smoke mode is, so it cannot rot: every suite runs
 * once on a small corpus. Ratios are not checked here (timings belong to `npm run bench`); the run
 * must finish and print a figure for every suite.
 */
describe('npm run bench -- --smoke', () => {
  it('runs every suite once and prints a figure for each', { timeout: 240_000 }, () => {
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'bench', 'run.js'), '--smoke'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/Error|failed/);
    expect(run.status).toBe(0);
    const rows = run.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^suite\s+figure\s+baseline\s+candidate\s+ratio\s+target\s+ok$/);
    const suites = new Set(rows.slice(1).map((row) => row.split(/\s+/)[0]));
    expect([...suites].sort()).toEqual(['cli-start', 'declarations', 'editor', 'eslint', 'evaluator', 'scanner']);
    // Every figure has a finite, positive ratio.
    for (const row of rows.slice(1)) {
      const ratio = /\s(\d+\.\d{3})x\s/.exec(row);
      expect(ratio, row).not.toBeNull();
      expect(Number(ratio![1])).toBeGreaterThan(0);
    }
  });
});
