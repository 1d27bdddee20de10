import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir, fixtureNames } from '../helpers/scanner-fixtures.js';
import {
  lintJson,
  messageAt,
  posixRelative,
  problemLines,
  requireBuiltPlugin,
  sourceFilesOf,
  temporaryFolder,
  writeEslintConfig,
} from '../helpers/eslint-cli.js';
import { EXPECTED_PROBLEMS, expectedLines, fixtureSettings } from '../helpers/fixture-problems.js';

/*
 * Issue 4: the real ESLint CLI lints each fixture codebase with `configs.recommended` and the
 * fixture's own settings (through the `settings()` helper), from the fixture's folder, and reports
 * exactly the problems worked out by hand in test/helpers/fixture-problems.ts: no more, no fewer, at the same
 * places, with the right message.
 */

const configs = temporaryFolder('eslint-fixtures');

beforeAll(() => requireBuiltPlugin());
afterAll(() => configs.cleanup());

function lintFixture(name: string) {
  const dir = fixtureDir(name);
  const configDir = join(configs.dir, name);
  mkdirSync(configDir);
  const config = writeEslintConfig(
    configDir,
    `  flagHygiene.configs.recommended,\n  flagHygiene.settings(${JSON.stringify(fixtureSettings(dir))}),`,
  );
  return { dir, results: lintJson(['--config', config, '.'], { cwd: dir }) };
}

describe('eslint --format json with configs.recommended on fixtures/', { timeout: 60_000 }, () => {
  it('has the problems of every fixture written down', () => {
    expect(Object.keys(EXPECTED_PROBLEMS).sort()).toEqual(fixtureNames());
  });

  it.each(fixtureNames())('fixtures/%s: exactly the expected problems, with their messages', (name) => {
    const { dir, results } = lintFixture(name);
    // Every source file is linted (and parses), node_modules never.
    expect(results.map((result) => posixRelative(dir, result.filePath)).sort()).toEqual(sourceFilesOf(dir));
    expect(problemLines(results, dir)).toEqual(expectedLines(name));
    for (const expected of EXPECTED_PROBLEMS[name] ?? []) {
      expect(messageAt(results, dir, expected.line), expected.line).toContain(expected.says);
    }
  });
});
