import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import ts from 'typescript';
import { loadCliSettings } from '../src/config/load-settings.js';
import { discoverFiles } from '../src/scanner/files.js';
import { scanProject } from '../src/scanner/scan.js';

/**
 * One measured run in a fresh process, so no cache of one run helps the next: prints
 * `{ ms, maxRssMb, ... }` as JSON. Used by the benchmark suites, not by users.
 *
 *   node dist/bench/probe.js ts-parse <config>    TypeScript parses every file the scanner includes
 *   node dist/bench/probe.js scan <config> [cacheDir]   a scan (cold without cacheDir)
 */
function filesOf(configPath: string): string[] {
  const settings = loadCliSettings({ cwd: dirname(configPath), env: {}, configPath });
  return discoverFiles({ root: settings.root, include: settings.include, exclude: settings.exclude, cwd: settings.root });
}

function maxRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

const [command, configPath, cacheDir] = process.argv.slice(2);
if (configPath === undefined) throw new Error('usage: probe <ts-parse|scan> <config> [cacheDir]');
if (command === 'ts-parse') {
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
} else {
  throw new Error(`unknown probe ${command}`);
}
