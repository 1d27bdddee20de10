import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, type BenchContext, type BenchFigure } from './harness.js';
import { alternateRuns, wallTime } from './measure.js';

const BIN = fileURLToPath(new URL('../src/cli/bin.js', import.meta.url));
const DEMO_CONFIG = fileURLToPath(new URL('../../fixtures/demo/flag-hygiene.config.json', import.meta.url));

/**
 * How long the CLI takes to start and finish, against a bare `node -e 0` in the same run: what a
 * pre-commit hook pays on every commit (issue 19). `--version` loads only the command table;
 * `report` on fixtures/demo with a warm cache reads the config and the manifest and parses nothing.
 */
export async function benchCliStart(context: BenchContext): Promise<BenchFigure[]> {
  const repetitions = context.smoke ? 1 : 10;
  // One environment for both: some variables cost every Node start (NODE_EXTRA_CA_CERTS reads a file).
  const env = { ...process.env, NO_COLOR: '1' };
  const bare = () => wallTime(process.execPath, ['-e', '0'], { env });
  const cacheLocation = mkdtempSync(join(tmpdir(), 'flag-hygiene-bench-start-'));
  const report = () =>
    wallTime(
      process.execPath,
      [BIN, 'report', '--config', DEMO_CONFIG, '--fail-on', 'none', '--no-progress', '--cache-location', cacheLocation],
      { env },
    );
  try {
    context.log(`cli-start: --version vs node -e 0 (${repetitions} alternating runs each)…`);
    const version = alternateRuns(
      repetitions,
      bare,
      () => wallTime(process.execPath, [BIN, '--version'], { env }),
      (ms) => ms,
    );
    // The first report fills the cache; the measured ones find every file in it.
    report();
    context.log(`cli-start: report on fixtures/demo (warm cache) vs node -e 0 (${repetitions} alternating runs each)…`);
    const warm = alternateRuns(repetitions, bare, report, (ms) => ms);
    const common = { suite: 'cli-start', baseline: 'a bare node -e 0', unit: 'ms' as const, repetitions };
    return [
      figure({
        ...common,
        name: 'flag-hygiene --version',
        baselineValue: version.baseline,
        candidateValue: version.candidate,
        target: '<= 2x',
        check: (ratio) => ratio <= 2,
        notes: 'wall time of the built binary',
      }),
      figure({
        ...common,
        name: 'report on fixtures/demo, warm cache',
        baselineValue: warm.baseline,
        candidateValue: warm.candidate,
        target: '<= 5x',
        check: (ratio) => ratio <= 5,
        notes: 'config, YAML manifest, every file from the cache, text report',
      }),
    ];
  } finally {
    rmSync(cacheLocation, { recursive: true, force: true });
  }
}
