import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDir } from '../helpers/scanner-fixtures.js';
import { BIN, REPO_ROOT } from '../helpers/run-bin.js';

/*
 * What the built binary loads, module by module (issue 19: a pre-commit hook pays the start on every
 * commit). A loader hook lists every ES module and a patched compile every CommonJS file, on stderr.
 */
const HEAVY = {
  typescript: /@ts-morph\/common\/dist\/typescript\.js$|\/typescript\/lib\/typescript\.js$/,
  'ts-morph': /\/ts-morph\//,
  parser: /@typescript-eslint\/typescript-estree\//,
  oxc: /\/oxc-parser\/|\/@oxc-parser\//,
  yaml: /\/node_modules\/(?:yaml|js-yaml)\//,
  // ajv's compiler; the validators compiled ahead of time need only two small runtime helpers.
  ajv: /\/node_modules\/ajv\/(?!dist\/runtime\/)/,
  diff: /\/node_modules\/diff\//,
  scanner: /\/dist\/src\/scanner\/scan\.js$/,
  codemod: /\/dist\/src\/codemod\//,
  formatters: /\/dist\/src\/report\/format-/,
  'worker threads': /^node:worker_threads$/,
};

let tracer: ReturnType<typeof temporaryDir>;
let traceImport: string;

beforeAll(() => {
  tracer = temporaryDir('load-trace');
  const hooks = join(tracer.dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    'export async function load(url, context, next) { process.stderr.write(`loaded ${url}\\n`); return next(url, context); }\n',
  );
  traceImport = join(tracer.dir, 'trace.mjs');
  writeFileSync(
    traceImport,
    [
      "import Module, { register } from 'node:module';",
      `register(${JSON.stringify(pathToFileURL(hooks).href)});`,
      'const compile = Module.prototype._compile;',
      'Module.prototype._compile = function (content, filename) { process.stderr.write(`loaded ${filename}\\n`); return compile.call(this, content, filename); };',
    ].join('\n'),
  );
});

afterAll(() => tracer.cleanup());

/** The heavy groups a run of the binary loaded. */
function heavyLoads(args: readonly string[]): string[] {
  return heavyLoadsOf([BIN, ...args]);
}

/** The heavy groups a Node process given these arguments loaded. */
function heavyLoadsOf(nodeArgs: readonly string[]): string[] {
  const run = spawnSync(process.execPath, ['--import', traceImport, ...nodeArgs], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).not.toBeNull();
  const loaded = run.stderr.split('\n').flatMap((line) => (line.startsWith('loaded ') ? [line.slice('loaded '.length)] : []));
  expect(loaded.length, run.stderr).toBeGreaterThan(0);
  return Object.entries(HEAVY)
    .filter(([, pattern]) => loaded.some((module) => pattern.test(module)))
    .map(([name]) => name);
}

describe('what the binary loads (built binary)', () => {
  it.each([
    [['--version']],
    [['--help']],
    [['report', '--help']],
    [['report', '--format', 'xml']],
    [['scan', '--frobnicate']],
    [['remove', 'some_flag', '--keep', 'maybe']],
    [['init', '--type', 'forever']],
    [['manifest', 'export']],
  ])('%j loads nothing heavy', (args) => {
    expect(heavyLoads(args)).toEqual([]);
  });
});

describe('what report loads (built binary)', () => {
  it('report on fixtures/demo parses with oxc and reads its tsconfig without TypeScript; with a warm cache it parses nothing', () => {
    const cache = temporaryDir('start-cache');
    try {
      const args = ['report', '--config', 'fixtures/demo/flag-hygiene.config.json', '--fail-on', 'none', '--cache-location', cache.dir];
      // Cold: the demo's files are parsed, by oxc, and its tsconfig read as JSON with comments; then the cache has them.
      expect(heavyLoads(args)).toEqual(['oxc', 'yaml', 'scanner', 'formatters']);
      expect(heavyLoads(args)).toEqual(['yaml', 'scanner', 'formatters']);
    } finally {
      cache.cleanup();
    }
  });
});

describe('what the ESLint plugin loads (build)', () => {
  it('loading it reads no YAML library and no diff, and no parser: ESLint loads the plugin in every run, most read no manifest', () => {
    const plugin = pathToFileURL(join(REPO_ROOT, 'dist', 'src', 'index.js')).href;
    // TypeScript on purpose: a project whose `typescript` has no JavaScript API hears it when ESLint
    // starts. The codemod's rewrite is no-stale-flag's fix (ESLint builds fixes as it reports).
    expect(heavyLoadsOf(['--input-type=module', '-e', `await import(${JSON.stringify(plugin)});`])).toEqual(['typescript', 'codemod']);
  });
});
