import { cpSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir, fixtureNames } from '../helpers/scanner-fixtures.js';
import {
  byFile,
  lintJson,
  problemLines,
  requireBuiltPlugin,
  sourceFilesOf,
  temporaryFolder,
  writeEslintConfig,
} from '../helpers/eslint-cli.js';
import { expectedLines, fixtureSettings } from '../helpers/fixture-problems.js';

/*
 * Issue 4: identical results with `eslint --concurrency 2` (files linted in two worker threads,
 * each loading the config and the plugin on its own) and without. Per-file facts, the module graph
 * and the manifest are built per thread, so nothing may depend on which files a thread saw before.
 */

const work = temporaryFolder('eslint-concurrency');

beforeAll(() => requireBuiltPlugin());
afterAll(() => work.cleanup());

function configFor(name: string, settings: object): string {
  const dir = join(work.dir, `config-${name}`);
  mkdirSync(dir);
  return writeEslintConfig(dir, `  flagHygiene.configs.recommended,\n  flagHygiene.settings(${JSON.stringify(settings)}),`);
}

/** The same lint, without and with worker threads. */
function bothWays(dir: string, config: string) {
  const serial = lintJson(['--config', config, '.'], { cwd: dir });
  const threaded = lintJson(['--config', config, '--concurrency', '2', '.'], { cwd: dir });
  return { serial, threaded };
}

// Each case spawns ESLint twice, once with worker threads: slow machines need room.
describe('eslint --concurrency 2', { timeout: 120_000 }, () => {
  it.each(fixtureNames())('fixtures/%s: the same JSON output as without', (name) => {
    const dir = fixtureDir(name);
    const { serial, threaded } = bothWays(dir, configFor(name, fixtureSettings(dir)));
    expect(byFile(threaded)).toEqual(byFile(serial));
    expect(problemLines(threaded, dir)).toEqual(expectedLines(name));
  });

  it('a tree of 18 copies of fixtures/demo (over 300 files, one manifest): the same JSON output as without', () => {
    const COPIES = 18;
    const tree = join(work.dir, 'tree');
    const demo = fixtureDir('demo');
    for (let copy = 1; copy <= COPIES; copy++) {
      cpSync(demo, join(tree, `shop-${String(copy).padStart(2, '0')}`), {
        recursive: true,
        filter: (source) => basename(source) !== 'node_modules',
      });
    }
    cpSync(join(demo, 'flags.yaml'), join(tree, 'flags.yaml'));
    const settings = { manifest: join(tree, 'flags.yaml'), presets: ['seed'], today: '2026-11-28' };
    const { serial, threaded } = bothWays(tree, configFor('tree', settings));

    expect(serial.length).toBe(sourceFilesOf(tree).length);
    expect(serial.length).toBeGreaterThan(300);
    expect(byFile(threaded)).toEqual(byFile(serial));
    // Each copy has the demo's problems: its test files match `**/*.{test,spec}.*` from the tree's root too.
    const perCopy = expectedLines('demo');
    const expected = Array.from({ length: COPIES }, (_, index) =>
      perCopy.map((line) => `shop-${String(index + 1).padStart(2, '0')}/${line}`),
    )
      .flat()
      .sort();
    expect(problemLines(threaded, tree)).toEqual(expected);
  });
});
