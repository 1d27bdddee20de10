import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { posixRelative, problemLines, REPO_ROOT, requireBuiltPlugin } from '../helpers/eslint-cli.js';
import { expectedLines } from '../helpers/fixture-problems.js';
import { fixtureNames } from '../helpers/scanner-fixtures.js';

/*
 * STYLE.md: "The project lints itself with its own recommended config on fixtures/ and with
 * eslint-plugin-eslint-plugin on rules/". The repository's eslint.config.js (what `npm run lint`
 * runs) gives each fixture configs.recommended, every rule a warning (the fixtures' flag debt is
 * deliberate), and the fixture's own settings; the project's style rules stay out of the fixtures.
 */

const RECOMMENDED_RULES = Object.keys(plugin.configs.recommended.rules ?? {}).sort();

let eslint: ESLint;

beforeAll(() => {
  requireBuiltPlugin();
  // The fixtures pin today in their settings; the environment would beat that.
  delete process.env.FLAG_HYGIENE_TODAY;
  eslint = new ESLint({ cwd: REPO_ROOT });
});

const severity = (entry: Linter.RuleEntry | undefined) => (Array.isArray(entry) ? entry[0] : entry);

describe('the project’s eslint.config.js', () => {
  it('ignores build output, dependencies and generated benchmark corpora, but not the fixtures', async () => {
    for (const ignored of [
      'dist/src/index.js',
      'node_modules/eslint/bin/eslint.js',
      'bench/.cache/gen-1k/src/a.ts',
      'fixtures/demo/node_modules/pkg/index.js',
      'coverage/a.js',
    ]) {
      expect(await eslint.isPathIgnored(join(REPO_ROOT, ignored)), ignored).toBe(true);
    }
    for (const linted of [
      'src/index.ts',
      'rules/no-nested-flags.ts',
      'fixtures/demo/src/search/search.ts',
      'fixtures/wrappers/src/legacy/cart.cjs',
    ]) {
      expect(await eslint.isPathIgnored(join(REPO_ROOT, linted)), linted).toBe(false);
    }
  });

  it.each(fixtureNames())(
    'fixtures/%s: every recommended rule on, as a warning, with the fixture’s manifest and test globs',
    async (name) => {
      const config = (await eslint.calculateConfigForFile(join(REPO_ROOT, 'fixtures', name, 'src', 'x.ts'))) as Linter.Config;
      const rules = config.rules ?? {};
      const flagRules = Object.keys(rules).filter((id) => id.startsWith('flag-hygiene/'));
      expect(flagRules.sort()).toEqual(RECOMMENDED_RULES);
      for (const id of flagRules) expect(severity(rules[id]), id).toBe(1);
      // The project's own style rules are not the fixtures' business.
      expect(Object.keys(rules).filter((id) => !id.startsWith('flag-hygiene/'))).toEqual([]);
      const settings = (config.settings ?? {})['flag-hygiene'] as { manifest?: string; tests?: string[]; cacheKey?: string };
      expect(settings.manifest).toBe(join(REPO_ROOT, 'fixtures', name, 'flags.yaml'));
      expect(settings.tests).toContain(`fixtures/${name}/test/**`);
      expect(settings.cacheKey).toMatch(/^[0-9a-f]{16}:\d{4}-\d{2}-\d{2}$/);
    },
  );

  it('keeps typescript-eslint on the project’s code, eslint-plugin-eslint-plugin on rules/, and flag-hygiene off both', async () => {
    const source = (await eslint.calculateConfigForFile(join(REPO_ROOT, 'src', 'index.ts'))) as Linter.Config;
    expect(severity(source.rules?.['@typescript-eslint/consistent-type-imports'])).toBe(2);
    expect(Object.keys(source.rules ?? {}).filter((id) => id.startsWith('flag-hygiene/'))).toEqual([]);
    const rule = (await eslint.calculateConfigForFile(join(REPO_ROOT, 'rules', 'no-nested-flags.ts'))) as Linter.Config;
    expect(Object.keys(rule.rules ?? {}).some((id) => id.startsWith('eslint-plugin/'))).toBe(true);
    expect(Object.keys(rule.rules ?? {}).filter((id) => id.startsWith('flag-hygiene/'))).toEqual([]);
  });

  it('reports on fixtures/ what each fixture reports on its own (test/helpers/fixture-problems.ts), every problem a warning, every file parsed', async () => {
    const results = await eslint.lintFiles(['fixtures']);
    for (const name of fixtureNames()) {
      const root = join(REPO_ROOT, 'fixtures', name);
      const own = results.filter((result) => !posixRelative(root, result.filePath).startsWith('..'));
      expect(own.length, name).toBeGreaterThan(0);
      expect(problemLines(own, root), name).toEqual(expectedLines(name, 'warn'));
    }
  });
});
