import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT, runBin } from '../helpers/run-bin.js';
import { parserPackages } from '../../src/estree-parser.js';
import { fingerprintOfCode, pluginSourceFiles } from '../../src/scanner/scan-cache.js';
import { FACTS_VERSION } from '../../src/detect/facts.js';
import type { ScanResult } from '../../src/scanner/scan.js';
import { ModuleGraph } from '../../src/detect/module-graph.js';
import { loadCliSettings } from '../../src/config/load-settings.js';
import {
  backdate,
  copyFixture,
  fixtureDir,
  fixtureNames,
  LONG_AGO,
  referenceRows,
  scanDir,
  temporaryDir,
  type FixtureCopy,
} from '../helpers/scanner-fixtures.js';

/*
 * The scan's cache: a warm scan prints exactly what a cold one does, parses nothing it has seen,
 * reads no file older than the cache, and an edited file is the only one analysed again (even when
 * other files' keys resolve through it). Added, edited and damaged files are all seen as such.
 */

const temporary: FixtureCopy[] = [];

function track(created: FixtureCopy): FixtureCopy {
  temporary.push(created);
  return created;
}

afterEach(() => {
  for (const created of temporary.splice(0)) created.cleanup();
});

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** A cached scan prints, byte for byte, what an uncached scan of the same folder prints now. */
async function expectUncachedBytes(scan: ScanResult, dir: string): Promise<void> {
  expect(json(scan.inventory)).toBe(json((await scanDir(dir)).inventory));
}

/** Writes a file under `dir`, with its folders. */
function writerIn(dir: string): (path: string, text: string) => void {
  return (path, text) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
}

/** The keys of a file's references, in a scan with the cache in `cacheLocation`. */
async function referenceKeys(dir: string, cacheLocation: string, file: string): Promise<string[]> {
  const { inventory } = await scanDir(dir, { cache: true, cacheLocation });
  return inventory.references.filter((reference) => reference.file === file).map((reference) => reference.key);
}

/** A cache folder outside the scanned tree (creating one inside would change the root folder's stamp). */
function outsideCache(): string {
  return track(temporaryDir('cache')).dir;
}

/** A copy of a fixture whose files all predate the scans (see backdate). */
function unchangedCopy(name: string): FixtureCopy {
  const copy = track(copyFixture(name));
  backdate(copy.dir);
  return copy;
}

/** How many files a scan left in the cache (with facts, or with what their text showed). */
function cachedFiles(cacheLocation: string): number {
  // A line with the cache key, then one line per file.
  const lines = readFileSync(join(cacheLocation, 'facts.ndjson'), 'utf8').trimEnd().split('\n');
  return lines.length - 1;
}

describe('the facts cache', () => {
  it.each(fixtureNames())('fixtures/%s: a second scan hits the cache for every file and prints the same bytes', async (name) => {
    const cacheLocation = track(temporaryDir('cache')).dir;
    const uncached = await scanDir(fixtureDir(name));
    const cold = await scanDir(fixtureDir(name), { cache: true, cacheLocation });
    const warm = await scanDir(fixtureDir(name), { cache: true, cacheLocation });
    expect(cold.cacheHits).toBe(0);
    expect([...cold.cacheWarnings, ...warm.cacheWarnings]).toEqual([]);
    expect(warm.cacheHits).toBe(cachedFiles(cacheLocation));
    expect(warm.cacheHits).toBeGreaterThan(0);
    expect(json(cold.inventory)).toBe(json(uncached.inventory));
    expect(json(warm.inventory)).toBe(json(uncached.inventory));
  });

  it('editing the file that defines the keys re-analyses that file only, and every reference through it follows the edit', async () => {
    const { dir } = unchangedCopy('resolution');
    const cacheLocation = join(dir, '.flag-cache');
    await scanDir(dir, { cache: true, cacheLocation });
    const files = cachedFiles(cacheLocation);
    const keysFile = join(dir, 'src/flags/keys.ts');
    writeFileSync(keysFile, readFileSync(keysFile, 'utf8').replace("'new_payment_processor'", "'payments_v2'"));

    const edited = await scanDir(dir, { cache: true, cacheLocation });
    expect(edited.cacheHits).toBe(files - 1);
    expect(
      referenceRows(edited.inventory.references)
        .filter((reference) => reference.key === 'payments_v2')
        .map((reference) => `${reference.file}:${reference.line}:${reference.column}`),
    ).toEqual([
      'scripts/rollout-status.mts:4:29',
      'src/payments/process-payment.ts:9:54',
      'src/payments/refunds.ts:6:55',
      'test/payments.test.ts:14:20',
      'test/payments.test.ts:19:20',
    ]);
    await expectUncachedBytes(edited, dir);
  });

  it('editing a file that uses a flag re-analyses that file only', async () => {
    const { dir } = unchangedCopy('resolution');
    const cacheLocation = join(dir, '.flag-cache');
    await scanDir(dir, { cache: true, cacheLocation });
    const files = cachedFiles(cacheLocation);
    const searchFile = join(dir, 'src/search/search.ts');
    writeFileSync(
      searchFile,
      readFileSync(searchFile, 'utf8').replace('flags.get(keys.EXPERIMENTS.searchRanking)', "flags.get('search_reranker_v4')"),
    );

    const edited = await scanDir(dir, { cache: true, cacheLocation });
    expect(edited.cacheHits).toBe(files - 1);
    expect(
      referenceRows(edited.inventory.references.filter((reference) => reference.file === 'src/search/search.ts')).map(
        (reference) => reference.key,
      ),
    ).toEqual(['search_reranker_v4']);
    await expectUncachedBytes(edited, dir);
  });

  it('a scan that changes nothing leaves the cache file alone; a deleted file’s entry goes on the next write', async () => {
    const { dir } = unchangedCopy('resolution');
    const cacheLocation = join(dir, '.flag-cache');
    const cacheFile = join(cacheLocation, 'facts.ndjson');
    await scanDir(dir, { cache: true, cacheLocation });
    const written = readFileSync(cacheFile, 'utf8');
    const files = cachedFiles(cacheLocation);
    // An old stamp: a rewrite, however fast, would give the file a new one.
    utimesSync(cacheFile, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));

    await scanDir(dir, { cache: true, cacheLocation });
    expect(statSync(cacheFile).mtime.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(readFileSync(cacheFile, 'utf8')).toBe(written);

    rmSync(join(dir, 'src/payments/refunds.ts'));
    const after = await scanDir(dir, { cache: true, cacheLocation });
    expect(after.cacheHits).toBe(files - 1);
    expect(cachedFiles(cacheLocation)).toBe(files - 1);
    expect(readFileSync(cacheFile, 'utf8')).not.toContain('"src/payments/refunds.ts"');
  });

  it('reads no file that predates the cache: flagged or not, every file comes from it', async () => {
    const { dir } = unchangedCopy('resolution');
    const cacheLocation = outsideCache();
    const cold = await scanDir(dir, { cache: true, cacheLocation });
    const warm = await scanDir(dir, { cache: true, cacheLocation });
    // More files than have facts: the cache also vouches for those that name no accessor.
    expect(cold.inventory.stats.files).toBeGreaterThan(cold.inventory.stats.analysed);
    expect(warm.cacheHits).toBe(warm.inventory.stats.files);
    expect(json(warm.inventory)).toBe(json(cold.inventory));
  });

  it('a warm scan compiles no pattern (that loads the parser); a new pattern that does not compile is told before anything is read', async () => {
    const { dir } = unchangedCopy('resolution');
    const cacheLocation = outsideCache();
    const counting = () => {
      const settings = loadCliSettings({ cwd: dir, env: {} });
      const counter = { reads: 0 };
      const counted = Object.defineProperty({ ...settings }, 'accessors', {
        get: () => {
          counter.reads++;
          return settings.accessors;
        },
      });
      return { counter, settings: counted };
    };
    const cold = counting();
    const first = await scanDir(dir, { cache: true, cacheLocation, settings: cold.settings });
    expect(cold.counter.reads).toBeGreaterThan(0);
    const warm = counting();
    const second = await scanDir(dir, { cache: true, cacheLocation, settings: warm.settings });
    expect(warm.counter.reads).toBe(0);
    expect(json(second.inventory)).toBe(json(first.inventory));

    // A folder with nothing to scan and a manifest that is not there: the pattern is what is told.
    const empty = track(temporaryDir('empty')).dir;
    writeFileSync(join(empty, 'flag-hygiene.config.json'), JSON.stringify({ manifest: 'flags.yaml', accessors: ['flags.get(key)'] }));
    await expect(scanDir(empty, { cache: true, cacheLocation: outsideCache() })).rejects.toThrow(/accessors\[0\].*has no \$KEY/);
  });

  it('keeps which modules may export a wrapper: a warm scan follows no import to ask again, and finds what the cold one found', async () => {
    const { dir } = unchangedCopy('wrappers');
    const cacheLocation = outsideCache();
    const cold = await scanDir(dir, { cache: true, cacheLocation });
    const head = JSON.parse(readFileSync(join(cacheLocation, 'facts.ndjson'), 'utf8').split('\n')[0]!) as {
      widening: { wrapperVerdicts: { capable: string[]; incapable: string[] } };
    };
    const verdicts = head.widening.wrapperVerdicts;
    // The module that defines a wrapper over the store, and one that imports nothing wrapping a flag.
    expect(verdicts.capable).toContain('src/flags/use-flag.ts');
    expect(verdicts.incapable).toContain('src/lib/format-price.ts');
    expect(verdicts.capable.filter((file) => verdicts.incapable.includes(file))).toEqual([]);

    const asked = vi.spyOn(ModuleGraph.prototype, 'importsWrapper');
    try {
      const warm = await scanDir(dir, { cache: true, cacheLocation });
      expect(asked).not.toHaveBeenCalled();
      expect(json(warm.inventory)).toBe(json(cold.inventory));
    } finally {
      asked.mockRestore();
    }
  });

  /**
   * src/page.ts checks flag `outer` and calls helper() of `helper.file` (through src/panel.ts with
   * `throughPanel`), which leads to no flag; the first scan keeps that (`checkHead` reads its record).
   * Then the helper starts checking flag `inner`, its folder's stamp set back: the next scan must
   * find the nesting.
   */
  async function decisionReachScenario(
    label: string,
    helper: { file: string; importedAs: string; importsStoreAs: string; throughPanel: boolean },
    checkHead: (head: { widening: { decisionReach: { yes: string[]; no: string[] }; reads: [string, unknown][] } }) => void,
  ): Promise<void> {
    const { dir } = track(temporaryDir(label));
    const write = writerIn(dir);
    write('flag-hygiene.config.json', JSON.stringify({ include: ['src/**/*.ts'] }));
    const [callee, calleeFrom] = helper.throughPanel ? ['panel', './panel'] : ['helper', helper.importedAs];
    write(
      'src/page.ts',
      `import { flags, isFeatureEnabled } from './store';\nimport { ${callee} } from '${calleeFrom}';\nexport function page() {\n  if (isFeatureEnabled(flags.get('outer'), {})) {\n    return ${callee}();\n  }\n  return 0;\n}\n`,
    );
    if (helper.throughPanel)
      write('src/panel.ts', `import { helper } from '${helper.importedAs}';\nexport function panel() {\n  return helper();\n}\n`);
    write(helper.file, 'export function helper() {\n  return 1;\n}\n');
    backdate(dir);
    const cacheLocation = outsideCache();
    expect((await scanDir(dir, { cache: true, cacheLocation })).inventory.nestings).toEqual([]);
    checkHead(JSON.parse(readFileSync(join(cacheLocation, 'facts.ndjson'), 'utf8').split('\n')[0]!) as Parameters<typeof checkHead>[0]);

    write(
      helper.file,
      `import { flags, isFeatureEnabled } from '${helper.importsStoreAs}';\nexport function helper() {\n  return isFeatureEnabled(flags.get('inner'), {}) ? 1 : 0;\n}\n`,
    );
    backdate(join(dir, dirname(helper.file)));
    const rescanned = await scanDir(dir, { cache: true, cacheLocation });
    expect(rescanned.inventory.nestings.map((nesting) => `${nesting.outer.key} > ${nesting.inner.key}`)).toEqual(['outer > inner']);
    await expectUncachedBytes(rescanned, dir);
  }

  it('keeps which modules lead to no flag, and a module that starts leading to one brings its nesting on the next scan', async () => {
    const helper = { file: 'src/helper.ts', importedAs: './helper', importsStoreAs: './store', throughPanel: true };
    await decisionReachScenario('decision-reach', helper, (head) => {
      expect(head.widening.decisionReach.no).toEqual(['src/helper.ts', 'src/panel.ts']);
    });
  });

  it('a module outside the scan that starts leading to a flag brings its nesting on the next scan', async () => {
    // Outside the scan: judged by its text, it leads to no flag (before, it was taken to lead to one).
    const helper = { file: 'lib/helper.ts', importedAs: '../lib/helper', importsStoreAs: '../src/store', throughPanel: false };
    await decisionReachScenario('decision-reach-outside', helper, (head) => {
      expect(head.widening.decisionReach.no).toContain('lib/helper.ts');
      expect(head.widening.reads.map(([path]) => path)).toContain('lib/helper.ts');
    });
  });

  it('an edit that keeps the size and the modification time is still seen (the change time moves)', async () => {
    const { dir } = unchangedCopy('resolution');
    const cacheLocation = outsideCache();
    await scanDir(dir, { cache: true, cacheLocation });
    const keysFile = join(dir, 'src/flags/keys.ts');
    const before = readFileSync(keysFile, 'utf8');
    const after = before.replace("'new_payment_processor'", "'new_payment_processox'");
    expect(Buffer.byteLength(after)).toBe(Buffer.byteLength(before));
    writeFileSync(keysFile, after);
    utimesSync(keysFile, LONG_AGO, LONG_AGO);

    const edited = await scanDir(dir, { cache: true, cacheLocation });
    expect(edited.inventory.references.filter((reference) => reference.key === 'new_payment_processox').length).toBe(5);
    await expectUncachedBytes(edited, dir);
  });

  it('a module outside the scan that starts wrapping an accessor brings in its importers on the next scan', async () => {
    const { dir } = track(temporaryDir('outside-wrapper'));
    const write = writerIn(dir);
    write('flag-hygiene.config.json', JSON.stringify({ include: ['**/*.ts'], exclude: ['vendor/**'] }));
    write('src/app.ts', "import { isOn } from '../vendor/switches';\nexport const checkout = isOn('new_checkout') ? 'new' : 'old';\n");
    write('vendor/switches.ts', 'export function isOn(name: string): boolean {\n  return name.length > 3;\n}\n');
    backdate(dir);
    const cacheLocation = outsideCache();
    expect((await scanDir(dir, { cache: true, cacheLocation })).inventory.references).toEqual([]);

    write(
      'vendor/switches.ts',
      "import { flags, isFeatureEnabled } from './store';\nexport function isOn(name: string): boolean {\n  return isFeatureEnabled(flags.get(name), {});\n}\n",
    );
    backdate(join(dir, 'vendor'));
    const rescanned = await scanDir(dir, { cache: true, cacheLocation });
    expect(
      referenceRows(rescanned.inventory.references).map(
        (reference) => `${reference.file}:${reference.line} ${reference.key} via ${reference.via}`,
      ),
    ).toEqual(['src/app.ts:2 new_checkout via isOn']);
    await expectUncachedBytes(rescanned, dir);
  });

  it('a tsconfig that starts aliasing a package name through its extends chain is seen by the next scan', async () => {
    const { dir } = track(temporaryDir('alias-later'));
    const write = writerIn(dir);
    write('flag-hygiene.config.json', JSON.stringify({ include: ['src/**/*.ts'] }));
    write('tsconfig.json', JSON.stringify({ extends: './config/tsconfig.base.json' }));
    write('config/tsconfig.base.json', JSON.stringify({ compilerOptions: { strict: true } }));
    write('src/app.ts', "import { isOn } from '@lib/switches';\nexport const checkout = isOn('new_checkout') ? 'new' : 'old';\n");
    write(
      'src/lib/switches.ts',
      "import { flags, isFeatureEnabled } from './store';\nexport function isOn(name: string): boolean {\n  return isFeatureEnabled(flags.get(name), {});\n}\n",
    );
    backdate(dir);
    const cacheLocation = outsideCache();
    const keys = () => referenceKeys(dir, cacheLocation, 'src/app.ts');
    expect(await keys()).toEqual([]);
    // Warm, with no tsconfig changed: the aliases are the recorded ones.
    expect(await keys()).toEqual([]);
    expect(readFileSync(join(cacheLocation, 'specifiers.json'), 'utf8')).toContain('tsconfig.base.json');

    write('config/tsconfig.base.json', JSON.stringify({ compilerOptions: { strict: true, paths: { '@lib/*': ['../src/lib/*'] } } }));
    backdate(join(dir, 'config'));
    expect(await keys()).toEqual(['new_checkout']);
    await expectUncachedBytes(await scanDir(dir, { cache: true, cacheLocation }), dir);
  });

  it('a workspace package added since the last scan is the project’s code on the next scan', async () => {
    const { dir } = track(temporaryDir('workspace-later'));
    const write = writerIn(dir);
    write('flag-hygiene.config.json', JSON.stringify({ include: ['packages/**/*.ts'] }));
    write('package.json', JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }));
    write('packages/web/package.json', JSON.stringify({ name: 'web' }));
    write('packages/web/app.ts', "import { isOn } from 'switches';\nexport const checkout = isOn('new_checkout') ? 'new' : 'old';\n");
    const switches =
      "import { flags, isFeatureEnabled } from './store';\nexport function isOn(name: string): boolean {\n  return isFeatureEnabled(flags.get(name), {});\n}\n";
    write('packages/switches/index.ts', switches);
    backdate(dir);
    const cacheLocation = outsideCache();
    const keys = () => referenceKeys(dir, cacheLocation, 'packages/web/app.ts');
    // `switches` has no package.json yet: an outside package's name.
    expect(await keys()).toEqual([]);
    expect(await keys()).toEqual([]);
    expect(JSON.parse(readFileSync(join(cacheLocation, 'specifiers.json'), 'utf8'))).toMatchObject({ scope: { workspaces: ['web'] } });

    write('packages/switches/package.json', JSON.stringify({ name: 'switches' }));
    backdate(join(dir, 'packages'));
    expect(await keys()).toEqual(['new_checkout']);
    await expectUncachedBytes(await scanDir(dir, { cache: true, cacheLocation }), dir);
  });

  it('a file added since the last scan is found, even with its folder’s modification time set back', async () => {
    const { dir } = unchangedCopy('resolution');
    const cacheLocation = outsideCache();
    const before = await scanDir(dir, { cache: true, cacheLocation });
    writeFileSync(
      join(dir, 'src/search/beta.ts'),
      "import { flags } from '../flags/store';\nexport const beta = flags.get('search_beta');\n",
    );
    backdate(join(dir, 'src/search'));

    const after = await scanDir(dir, { cache: true, cacheLocation });
    expect(after.inventory.stats.files).toBe(before.inventory.stats.files + 1);
    expect(
      after.inventory.references.filter((reference) => reference.file === 'src/search/beta.ts').map((reference) => reference.key),
    ).toEqual(['search_beta']);
    await expectUncachedBytes(after, dir);
  });

  it('a cache kept inside the scanned tree does not make the file list look stale', async () => {
    const { dir } = unchangedCopy('resolution');
    const cacheLocation = join(dir, '.flag-cache');
    const fileList = join(cacheLocation, 'files.json');
    await scanDir(dir, { cache: true, cacheLocation });
    // Creating the cache folder changed the root folder (set back here, as if that was long ago):
    // the second scan walks again, once; the writes into the cache folder change nothing it lists.
    utimesSync(dir, LONG_AGO, LONG_AGO);
    await scanDir(dir, { cache: true, cacheLocation });
    utimesSync(fileList, LONG_AGO, LONG_AGO);
    const third = await scanDir(dir, { cache: true, cacheLocation });
    expect(statSync(fileList).mtime.toISOString()).toBe(LONG_AGO.toISOString());
    await expectUncachedBytes(third, dir);
  });

  it('changing what counts as a test file starts the cache afresh', async () => {
    const { dir } = track(copyFixture('resolution'));
    const cacheLocation = outsideCache();
    await scanDir(dir, { cache: true, cacheLocation });
    const configFile = join(dir, 'flag-hygiene.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(configFile, JSON.stringify({ ...config, tests: ['test/**', 'src/admin/**'] }));

    const rescanned = await scanDir(dir, { cache: true, cacheLocation });
    expect(rescanned.cacheHits).toBe(0);
    expect(rescanned.inventory.references.find((reference) => reference.file === 'src/admin/flag-states.ts')?.test).toBe(true);
  });

  it('a cache the previous release wrote (keys without the cache version) is not used, not warned about, and replaced', async () => {
    const { dir } = unchangedCopy('resolution');
    const cacheLocation = outsideCache();
    await scanDir(dir, { cache: true, cacheLocation });
    // Each file rewritten under the key the previous release gave it: the facts file's was
    // `tool|facts-N|lines-2|fingerprint|detection`, the file list's and the aliases' named the tool only.
    const factsFile = join(cacheLocation, 'facts.ndjson');
    const lines = readFileSync(factsFile, 'utf8').split('\n');
    const head = JSON.parse(lines[0]!) as { key: string };
    const [tool, version, fingerprint, facts, ...detection] = head.key.split('|');
    expect([version, facts]).toEqual(['cache-3', `facts-${FACTS_VERSION}`]);
    head.key = [tool, facts, 'lines-2', fingerprint, ...detection].join('|');
    writeFileSync(factsFile, [JSON.stringify(head), ...lines.slice(1)].join('\n'));
    for (const name of ['files.json', 'specifiers.json']) {
      const file = join(cacheLocation, name);
      const record = JSON.parse(readFileSync(file, 'utf8')) as { key: string };
      const { version: recordVersion, ...rest } = JSON.parse(record.key) as Record<string, unknown>;
      expect(recordVersion, name).toBe(`${tool}|cache-3|${fingerprint}`);
      record.key = JSON.stringify({ tool, ...rest });
      writeFileSync(file, JSON.stringify(record));
    }

    const rescanned = await scanDir(dir, { cache: true, cacheLocation });
    expect(rescanned.cacheHits).toBe(0);
    expect(rescanned.cacheWarnings).toEqual([]);
    await expectUncachedBytes(rescanned, dir);
    const again = await scanDir(dir, { cache: true, cacheLocation });
    expect(again.cacheHits).toBe(again.inventory.stats.files);
  });

  it('through the built binary: scan --format json with a warm cache prints the bytes of an uncached scan', () => {
    const cwd = fixtureDir('cross-file-nesting');
    const cacheLocation = track(temporaryDir('cli-cache')).dir;
    const uncached = runBin(['scan', '--format', 'json', '--no-cache', '--no-progress'], { cwd });
    const cold = runBin(['scan', '--format', 'json', '--cache-location', cacheLocation, '--no-progress'], { cwd });
    const warm = runBin(['scan', '--format', 'json', '--cache-location', cacheLocation, '--no-progress'], { cwd });
    expect(uncached.status).toBe(0);
    expect(cachedFiles(cacheLocation)).toBeGreaterThan(0);
    expect(cold).toEqual(uncached);
    expect(warm).toEqual(uncached);
  });
});

describe('the facts cache key', () => {
  it('covers every module that decides facts, not only detect/: pattern compilation, decoding, parsing', () => {
    const files = pluginSourceFiles(join(REPO_ROOT, 'src'));
    for (const module of [
      'detect/analyze',
      'patterns/compile',
      'patterns/prefilter',
      'patterns/match',
      'config/presets',
      'detect/source-text',
      'scanner/process-file',
      'estree-parser',
    ]) {
      expect(files, module).toContain(`${module}.ts`);
    }
    expect(files.filter((file) => file.endsWith('.d.ts'))).toEqual([]);
  });

  it('covers the parsers: oxc-parser, typescript-estree and the TypeScript it loads, by name and version', () => {
    const version = (path: string) =>
      (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', path, 'package.json'), 'utf8')) as { version: string }).version;
    expect(parserPackages()).toEqual([
      `oxc-parser@${version('oxc-parser')}`,
      `@typescript-eslint/typescript-estree@${version('@typescript-eslint/typescript-estree')}`,
      `typescript@${version('typescript')}`,
    ]);
  });

  it("takes the plugin's modules by stamp: a module rewritten to the same size, its modification time set back, is new code", async () => {
    const root = track(temporaryDir('code-fingerprint')).dir;
    mkdirSync(join(root, 'detect'));
    writeFileSync(join(root, 'detect', 'analyze.js'), 'export const on = 1;\n');
    writeFileSync(join(root, 'index.js'), "export * from './detect/analyze.js';\n");
    const first = fingerprintOfCode(root);
    expect(fingerprintOfCode(root)).toBe(first);

    const module = join(root, 'detect', 'analyze.js');
    const { atime, mtime } = statSync(module);
    // Past the file system's clock tick (a few milliseconds), so the rewrite's change time differs.
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
    writeFileSync(module, 'export const on = 2;\n');
    utimesSync(module, atime, mtime);
    expect(Math.round(statSync(module).mtimeMs)).toBe(mtime.getTime());
    expect(fingerprintOfCode(root)).not.toBe(first);
  });

  it('through the built binary: a change in how patterns compile is not served facts made before it', () => {
    // A copy of the built package whose compileAccessor names each pattern differently (the `via` of its references).
    const pkg = track(temporaryDir('changed-build')).dir;
    cpSync(join(REPO_ROOT, 'dist', 'src'), join(pkg, 'dist', 'src'), { recursive: true });
    cpSync(join(REPO_ROOT, 'package.json'), join(pkg, 'package.json'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    const bin = join(pkg, 'dist', 'src', 'cli', 'bin.js');
    const scan = (...options: string[]) =>
      spawnSync(process.execPath, [bin, 'scan', '--format', 'json', '--no-progress', ...options], {
        cwd: fixtureDir('demo'),
        encoding: 'utf8',
      });
    const cacheLocation = outsideCache();

    const before = scan('--cache-location', cacheLocation);
    expect(before.status).toBe(0);
    expect(cachedFiles(cacheLocation)).toBeGreaterThan(0);
    const compile = join(pkg, 'dist', 'src', 'patterns', 'compile.js');
    const source = readFileSync(compile, 'utf8');
    expect(source).toContain('        source,\n');
    writeFileSync(compile, source.replace('        source,\n', '        source: `${source} (changed)`,\n'));

    const after = scan('--cache-location', cacheLocation);
    const vias = (stdout: string) =>
      [...new Set((JSON.parse(stdout) as { references: { via: string }[] }).references.map((reference) => reference.via))].sort();
    expect(vias(before.stdout)).toEqual(['flags.get($KEY)', 'flags.override($KEY, $STATE)', 'isFeatureEnabled(flags.get($KEY), …)']);
    expect(vias(after.stdout)).toEqual([
      'flags.get($KEY) (changed)',
      'flags.override($KEY, $STATE) (changed)',
      'isFeatureEnabled(flags.get($KEY), …) (changed)',
    ]);
    expect(after.stdout).toBe(scan('--no-cache').stdout);
  });
});

describe('a damaged cache', () => {
  /** Rewrites every JSON value in the cache files through `damage`, keeping their keys. */
  function damageCache(cacheLocation: string, damage: (value: unknown, path: string) => unknown): void {
    const walk = (value: unknown, path: string): unknown => {
      const damaged = damage(value, path);
      if (damaged !== value) return damaged;
      if (Array.isArray(value)) return value.map((item, index) => walk(item, `${path}/${index}`));
      if (typeof value === 'object' && value !== null)
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === 'key' ? item : walk(item, `${path}/${key}`)]));
      return value;
    };
    const facts = join(cacheLocation, 'facts.ndjson');
    const lines = readFileSync(facts, 'utf8').trimEnd().split('\n');
    const rewritten = lines.map((line, index) => {
      const tab = line.indexOf('\t');
      return index === 0
        ? JSON.stringify(walk(JSON.parse(line), 'head'))
        : `${JSON.stringify(walk(JSON.parse(line.slice(0, tab)), 'entry'))}${line.slice(tab)}`;
    });
    writeFileSync(facts, `${rewritten.join('\n')}\n`);
    const files = join(cacheLocation, 'files.json');
    writeFileSync(files, JSON.stringify(walk(JSON.parse(readFileSync(files, 'utf8')), 'files')));
  }

  it.each([
    [
      'strings where lists are',
      (value: unknown) => (Array.isArray(value) && value.every((item) => typeof item === 'string') ? 'x' : value),
      ['facts.ndjson', 'files.json'],
    ],
    // files.json holds no object below its top level: it is left as it was, and used.
    [
      'null for every object',
      (value: unknown, path: string) =>
        typeof value === 'object' && value !== null && !Array.isArray(value) && path !== 'head' && path !== 'files' ? null : value,
      ['facts.ndjson'],
    ],
    [
      'numbers for every string',
      (value: unknown, path: string) => (typeof value === 'string' && !path.endsWith('/0') ? 7 : value),
      ['facts.ndjson', 'files.json'],
    ],
    [
      'paths out of the root',
      (value: unknown) => (typeof value === 'string' && /\.ts$/.test(value) ? `../../${value}` : value),
      ['facts.ndjson', 'files.json'],
    ],
  ])('%s: the scan neither fails nor trusts it, prints what an uncached scan prints, and warns', async (_name, damage, warned) => {
    const { dir } = unchangedCopy('wrappers');
    const cacheLocation = outsideCache();
    await scanDir(dir, { cache: true, cacheLocation });
    damageCache(cacheLocation, damage);
    const rescanned = await scanDir(dir, { cache: true, cacheLocation });
    await expectUncachedBytes(rescanned, dir);
    expect(rescanned.cacheWarnings.map((warning) => warning.file).sort()).toEqual(warned.map((name) => join(cacheLocation, name)));
  });
});

/** The warning for a cache file the scan did not use. */
const ignored = (file: string, reason: string) => ({ file, message: `ignored this cache file (${reason}); scanning without it` });

describe('a cache that is not what a scan wrote (issue 21, item 9): an uncached scan and one warning naming it', () => {
  /** Scans a copy of the wrappers fixture with a cache, damages the cache, and scans again. */
  async function rescanAfter(damage: (cacheLocation: string) => void): Promise<{ scan: ScanResult; dir: string; cacheLocation: string }> {
    const { dir } = unchangedCopy('wrappers');
    const cacheLocation = outsideCache();
    await scanDir(dir, { cache: true, cacheLocation });
    damage(cacheLocation);
    return { scan: await scanDir(dir, { cache: true, cacheLocation }), dir, cacheLocation };
  }

  const factsLines = (cacheLocation: string) => readFileSync(join(cacheLocation, 'facts.ndjson'), 'utf8').split('\n');
  const writeFactsLines = (cacheLocation: string, lines: string[]) => writeFileSync(join(cacheLocation, 'facts.ndjson'), lines.join('\n'));
  const editFileList = (cacheLocation: string, edit: (record: { reads: [string, unknown][]; files: string[] }) => void) => {
    const file = join(cacheLocation, 'files.json');
    const record = JSON.parse(readFileSync(file, 'utf8')) as { reads: [string, unknown][]; files: string[] };
    edit(record);
    writeFileSync(file, JSON.stringify(record));
  };

  it('facts.ndjson cut short in its last line', async () => {
    let lastLine = 0;
    const { scan, dir, cacheLocation } = await rescanAfter((cacheLocation) => {
      const file = join(cacheLocation, 'facts.ndjson');
      const bytes = readFileSync(file);
      // The file ends with a newline: the last line is the one before it.
      lastLine = bytes.toString('latin1').split('\n').length - 1;
      const lastStart = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
      writeFileSync(file, bytes.subarray(0, lastStart + Math.floor((bytes.length - lastStart) / 2)));
    });
    await expectUncachedBytes(scan, dir);
    expect(scan.cacheWarnings).toEqual([ignored(join(cacheLocation, 'facts.ndjson'), `line ${lastLine} is cut short`)]);
  });

  it('facts.ndjson with a line that is not JSON', async () => {
    const { scan, dir, cacheLocation } = await rescanAfter((cacheLocation) => {
      const lines = factsLines(cacheLocation);
      lines[1] = `{"src/a.ts", not json\t${lines[1]!.split('\t')[1]}`;
      writeFactsLines(cacheLocation, lines);
    });
    await expectUncachedBytes(scan, dir);
    expect(scan.cacheWarnings).toEqual([ignored(join(cacheLocation, 'facts.ndjson'), 'line 2 is not an entry')]);
  });

  it('facts.ndjson whose first line is not JSON', async () => {
    const { scan, dir, cacheLocation } = await rescanAfter((cacheLocation) =>
      writeFileSync(join(cacheLocation, 'facts.ndjson'), '\u0000\u0001garbage\nmore\n'),
    );
    await expectUncachedBytes(scan, dir);
    expect(scan.cacheWarnings).toEqual([ignored(join(cacheLocation, 'facts.ndjson'), 'line 1 is not valid JSON')]);
  });

  it('facts.ndjson with facts altered (still base64, no longer what was deflated)', async () => {
    let line = 0;
    const { scan, dir, cacheLocation } = await rescanAfter((cacheLocation) => {
      const lines = factsLines(cacheLocation);
      line = lines.findIndex((text, index) => index > 0 && text.split('\t')[1]!.length > 8);
      const [header, payload] = lines[line]!.split('\t') as [string, string];
      lines[line] = `${header}\tAAAA${payload.slice(4)}`;
      writeFactsLines(cacheLocation, lines);
    });
    await expectUncachedBytes(scan, dir);
    expect(scan.cacheWarnings).toEqual([ignored(join(cacheLocation, 'facts.ndjson'), `line ${line + 1} is damaged`)]);
  });

  it('files.json planted with "reads": [] and no files: the scan still sees every file', async () => {
    const { scan, dir, cacheLocation } = await rescanAfter((cacheLocation) =>
      editFileList(cacheLocation, (record) => {
        record.reads = [];
        record.files = [];
      }),
    );
    await expectUncachedBytes(scan, dir);
    expect(scan.inventory.stats.files).toBe(20);
    expect(scan.cacheWarnings).toEqual([ignored(join(cacheLocation, 'files.json'), 'it does not record a listing of the root folder')]);
  });

  it('files.json whose reads name a path outside the root', async () => {
    const { scan, dir, cacheLocation } = await rescanAfter((cacheLocation) =>
      editFileList(cacheLocation, (record) => record.reads.push(['../elsewhere', null])),
    );
    await expectUncachedBytes(scan, dir);
    expect(scan.cacheWarnings).toEqual([ignored(join(cacheLocation, 'files.json'), 'it names a path outside the root: "../elsewhere"')]);
  });

  it('files.json listing a file in a folder the walk never listed', async () => {
    const { scan, dir, cacheLocation } = await rescanAfter((cacheLocation) =>
      editFileList(cacheLocation, (record) => record.files.push('ghost/planted.ts')),
    );
    await expectUncachedBytes(scan, dir);
    expect(scan.cacheWarnings).toEqual([
      ignored(join(cacheLocation, 'files.json'), 'it names "ghost/planted.ts" in a folder the walk did not list'),
    ]);
  });

  it('a folder where facts.ndjson should be', async () => {
    const { scan, dir, cacheLocation } = await rescanAfter((cacheLocation) => {
      rmSync(join(cacheLocation, 'facts.ndjson'));
      mkdirSync(join(cacheLocation, 'facts.ndjson'));
    });
    await expectUncachedBytes(scan, dir);
    expect(scan.cacheWarnings).toEqual([ignored(join(cacheLocation, 'facts.ndjson'), 'it is a folder, not a file')]);
  });

  it('facts.ndjson a symlink to a cache file elsewhere, even a valid one', async () => {
    const elsewhere = outsideCache();
    const { scan, dir, cacheLocation } = await rescanAfter((cacheLocation) => {
      renameSync(join(cacheLocation, 'facts.ndjson'), join(elsewhere, 'facts.ndjson'));
      symlinkSync(join(elsewhere, 'facts.ndjson'), join(cacheLocation, 'facts.ndjson'));
    });
    await expectUncachedBytes(scan, dir);
    expect(scan.cacheHits).toBe(0);
    expect(scan.cacheWarnings).toEqual([ignored(join(cacheLocation, 'facts.ndjson'), 'it is a symbolic link')]);
  });

  it('files.json a symlink to /dev/zero (read, it would never end)', async () => {
    const { scan, dir, cacheLocation } = await rescanAfter((cacheLocation) => {
      rmSync(join(cacheLocation, 'files.json'));
      symlinkSync('/dev/zero', join(cacheLocation, 'files.json'));
    });
    await expectUncachedBytes(scan, dir);
    expect(scan.cacheWarnings).toEqual([ignored(join(cacheLocation, 'files.json'), 'it is a symbolic link')]);
  });

  it('after a damaged cache, the next scan finds a sound one: no warning, every file from it', async () => {
    const { dir, cacheLocation } = await rescanAfter((cacheLocation) => {
      const lines = factsLines(cacheLocation);
      writeFactsLines(cacheLocation, lines.slice(0, 2));
    });
    const third = await scanDir(dir, { cache: true, cacheLocation });
    expect(third.cacheWarnings).toEqual([]);
    expect(third.cacheHits).toBe(cachedFiles(cacheLocation));
    expect(third.cacheHits).toBeGreaterThan(0);
    await expectUncachedBytes(third, dir);
  });

  it.each([
    ['a file', (file: string) => file, 'it is a file, not a folder'],
    [
      'a folder under a file (it cannot be made, nor written)',
      (file: string) => join(file, 'sub'),
      'a part of the path is a file, not a folder',
    ],
  ])('--cache-location naming %s', async (_name, location, reason) => {
    const { dir } = unchangedCopy('wrappers');
    const file = join(outsideCache(), 'somefile');
    writeFileSync(file, 'not a folder\n');
    const scan = await scanDir(dir, { cache: true, cacheLocation: location(file) });
    await expectUncachedBytes(scan, dir);
    expect(scan.cacheWarnings).toEqual([{ file: location(file), message: `cannot keep the cache here (${reason}); scanning without it` }]);
    expect(readFileSync(file, 'utf8')).toBe('not a folder\n');
  });

  it('through the built binary: scan and report print what they print uncached, exit as uncached, and warn once on stderr', () => {
    const { dir } = unchangedCopy('wrappers');
    const cacheLocation = outsideCache();
    const uncachedScan = runBin(['scan', '--format', 'json', '--no-cache', '--no-progress'], { cwd: dir });
    const uncachedReport = runBin(['report', '--format', 'json', '--no-cache', '--no-progress'], { cwd: dir });
    expect([uncachedScan.status, uncachedReport.status]).toEqual([0, 1]);
    const file = join(cacheLocation, 'somefile');
    writeFileSync(file, 'not a folder\n');
    const warning = `flag-hygiene: warning: ${file}/sub: cannot keep the cache here (a part of the path is a file, not a folder); scanning without it\n`;
    expect(runBin(['scan', '--format', 'json', '--cache-location', join(file, 'sub'), '--no-progress'], { cwd: dir })).toEqual({
      ...uncachedScan,
      stderr: warning,
    });
    expect(runBin(['report', '--format', 'json', '--cache-location', join(file, 'sub'), '--no-progress'], { cwd: dir })).toEqual({
      ...uncachedReport,
      stderr: warning,
    });

    // A cache inside the project is named from the working directory.
    runBin(['report', '--format', 'json', '--cache-location', '.cache/fh', '--no-progress'], { cwd: dir });
    writeFileSync(join(dir, '.cache/fh/facts.ndjson'), readFileSync(join(dir, '.cache/fh/facts.ndjson')).subarray(0, 100));
    expect(runBin(['report', '--format', 'json', '--cache-location', '.cache/fh', '--no-progress'], { cwd: dir })).toEqual({
      ...uncachedReport,
      stderr: 'flag-hygiene: warning: .cache/fh/facts.ndjson: ignored this cache file (line 1 is cut short); scanning without it\n',
    });
  });
});
