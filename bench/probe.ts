import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import type { ESLint } from 'eslint';
import { loadCliSettings } from '../src/config/load-settings.js';
import { discoverFiles } from '../src/scanner/files.js';
import { scanProject } from '../src/scanner/scan.js';
import { collectorPace } from '../src/cli/collector-pace.js';
import { median } from './harness.js';

/** How many times the editor session lints each file with each configuration (the median counts). */
const EDITOR_LINTS = 5;

/** `gc()`, when the probe runs with `--expose-gc` (the editor session does). */
const collect = (globalThis as { gc?: (options: { type: 'minor' | 'major' }) => void }).gc;

/**
 * One measured run in a fresh process, so no cache of one run helps the next: prints
 * `{ ms, maxRssMb, ... }` as JSON. Used by the benchmark suites, not by users.
 *
 *   node dist/bench/probe.js ts-parse <config>    TypeScript parses every file the scanner includes
 *   node dist/bench/probe.js scan <config> [cacheDir]   a scan as the CLI runs it (cold without cacheDir)
 *   node dist/bench/probe.js eslint <eslint config> <folder>   ESLint's API lints the folder, no cache
 *   node dist/bench/probe.js editor <eslint floor config> <eslint candidate config> <folder> <files>
 *     an editor session: two warm ESLint instances re-lint the same files one by one with lintText,
 *     pausing past the plugin's idle reset now and then; prints each file's times
 */
function filesOf(configPath: string): string[] {
  const settings = loadCliSettings({ cwd: dirname(configPath), env: {}, configPath });
  return discoverFiles({ root: settings.root, include: settings.include, exclude: settings.exclude, cwd: settings.root });
}

function maxRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

const [command, configPath, cacheDir, ...rest] = process.argv.slice(2);
if (configPath === undefined) throw new Error('usage: probe <ts-parse|scan|eslint|editor> <config> [cacheDir]');
if (command === 'ts-parse') {
  // Loaded here, not at the top: the scan probes must pay for TypeScript themselves when they need it.
  const { default: ts } = await import('typescript');
  const files = filesOf(configPath);
  const start = performance.now();
  let statements = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const kind = /x$/.test(file) ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
    statements += ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind).statements.length;
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - start, files: files.length, statements, maxRssMb: maxRssMb() }) + '\n');
} else if (command === 'scan') {
  const start = performance.now();
  const result = await scanProject({
    cwd: dirname(configPath),
    config: configPath,
    env: {},
    ...(cacheDir === undefined ? { cache: false } : { cacheLocation: cacheDir }),
    // As the CLI scans: it paces V8's collector through a big scan (src/cli/collector-pace.ts).
    onProgress: collectorPace(),
  });
  process.stdout.write(
    JSON.stringify({
      ms: performance.now() - start,
      files: result.inventory.stats.files,
      analysed: result.inventory.stats.analysed,
      references: result.inventory.references.length,
      cacheHits: result.cacheHits,
      maxRssMb: maxRssMb(),
    }) + '\n',
  );
} else if (command === 'eslint') {
  if (cacheDir === undefined) throw new Error('usage: probe eslint <eslint config> <folder>');
  // Loaded here, not at the top: the scan probes' peak memory must not include ESLint.
  const { ESLint } = await import('eslint');
  const start = performance.now();
  const eslint = new ESLint({ cwd: cacheDir, overrideConfigFile: configPath, cache: false });
  const results = await eslint.lintFiles(['.']);
  const problems = results.reduce(
    (sum, result) => sum + result.messages.filter((message) => message.ruleId?.startsWith('flag-hygiene/')).length,
    0,
  );
  const cpu = process.cpuUsage();
  process.stdout.write(
    JSON.stringify({
      ms: performance.now() - start,
      cpuMs: (cpu.user + cpu.system) / 1000,
      files: results.length,
      problems,
      maxRssMb: maxRssMb(),
    }) + '\n',
  );
} else if (command === 'editor') {
  const [folder, count] = rest;
  if (cacheDir === undefined || folder === undefined || count === undefined)
    throw new Error('usage: probe editor <floor config> <candidate config> <folder> <files>');
  process.stdout.write(JSON.stringify(await editorSession(configPath, cacheDir, folder, Number(count))) + '\n');
} else {
  throw new Error(`unknown probe ${command}`);
}

/**
 * What an editor extension does: one long-lived ESLint instance lints the open file's text on
 * every change. The floor instance runs one no-op rule, the candidate the plugin; both lint each
 * file once to warm up, then each file five times in turn (median), the text changed each time
 * (a comment with a counter appended) as a user typing changes it: no cache keyed by the text
 * serves a re-lint. Before every 25th file the session pauses past the plugin's 2-second idle
 * reset, and that file's first lint, the one that starts from a fresh module graph, is the
 * candidate's figure for it.
 *
 * Every timed lint of either instance starts with an empty young generation (a minor collection
 * just before it, untimed). Otherwise whichever lint happens to fill it pays V8's scavenge, some
 * 5-10 ms here: eight no-op rules read 1.24x one no-op rule at the 95th percentile that way, 0.96x this way. What each
 * instance's lints leave to the collector is reported beside (`floorGcMs`, `candidateGcMs`): the
 * collections that still fall inside timed lints.
 */
async function editorSession(floorConfig: string, candidateConfig: string, folder: string, count: number) {
  const settings = loadCliSettings({ cwd: folder, env: {}, configPath: join(folder, 'flag-hygiene.config.json') });
  const all = discoverFiles({ root: settings.root, include: settings.include, exclude: settings.exclude, cwd: settings.root });
  const step = Math.max(1, all.length / count);
  const files = Array.from({ length: Math.min(count, all.length) }, (_, i) => all[Math.floor(i * step)]!).map((file) => ({
    file,
    text: readFileSync(file, 'utf8'),
  }));
  const { ESLint } = await import('eslint');
  const floor = new ESLint({ cwd: folder, overrideConfigFile: floorConfig, cache: false });
  const candidate = new ESLint({ cwd: folder, overrideConfigFile: candidateConfig, cache: false });
  // Collections during timed lints, told apart by when they started.
  const collections: { start: number; ms: number }[] = [];
  const spans: { start: number; end: number; candidate: boolean }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) collections.push({ start: entry.startTime, ms: entry.duration });
  });
  let edits = 0;
  const lint = async (eslint: ESLint, file: { file: string; text: string }) => {
    const text = `${file.text}\n// edit ${++edits}\n`;
    collect?.({ type: 'minor' });
    const start = performance.now();
    await eslint.lintText(text, { filePath: file.file });
    const end = performance.now();
    spans.push({ start, end, candidate: eslint === candidate });
    return end - start;
  };
  for (const file of files) {
    await lint(floor, file);
    await lint(candidate, file);
  }
  spans.length = 0;
  observer.observe({ entryTypes: ['gc'] });
  const floorMs: number[] = [];
  const candidateMs: number[] = [];
  const afterPause: number[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const paused = i % 25 === 0;
    if (paused) await new Promise((resolve) => setTimeout(resolve, 2_100));
    const candidateRuns = [await lint(candidate, file)];
    const floorRuns = [await lint(floor, file)];
    for (let run = 0; run < EDITOR_LINTS - 1; run++) {
      floorRuns.push(await lint(floor, file));
      candidateRuns.push(await lint(candidate, file));
    }
    floorMs.push(median(floorRuns));
    candidateMs.push(paused ? candidateRuns[0]! : median(candidateRuns));
    if (paused) afterPause.push(i);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  const gcMs = { floor: 0, candidate: 0 };
  for (const { start, ms } of collections) {
    const span = spans.find((timed) => start >= timed.start && start <= timed.end);
    if (span !== undefined) gcMs[span.candidate ? 'candidate' : 'floor'] += ms;
  }
  return {
    ms: candidateMs.reduce((sum, ms) => sum + ms, 0),
    files: files.length,
    floorMs,
    candidateMs,
    afterPause,
    floorGcMs: gcMs.floor,
    candidateGcMs: gcMs.candidate,
    maxRssMb: maxRssMb(),
  };
}
