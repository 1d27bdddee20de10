import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { ESLint, type Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import { loadCliSettings } from '../../src/config/load-settings.js';
import { UserError } from '../../src/errors.js';
import { lintFileContext } from '../../src/eslint/file-context.js';
import plugin from '../../src/index.js';
import { buildReport } from '../../src/report/build.js';
import { discoverFiles } from '../../src/scanner/files.js';
import { fixtureDir, fixtureNames, scanDir } from '../helpers/scanner-fixtures.js';

/*
 * One detector, two front-ends: for every fixture codebase, ESLint (the real Node API, the
 * plugin's rules all on, the fixture's config as shared settings) sees exactly the references
 * the scanner's inventory lists, file by file, at the same positions.
 *
 * What ESLint saw is read through the glue the rules use (lintFileContext): a test-only rule
 * records each file's shared facts as the rules get them.
 */

type AnyRuleContext = Parameters<typeof lintFileContext>[0];

interface Recorded {
  references: string[];
  error?: string;
}

function recorderPlugin(root: string, recorded: Map<string, Recorded>): ESLint.Plugin {
  const rule: Rule.RuleModule = {
    meta: { type: 'problem', schema: [], docs: { description: 'Records the flag references the shared facts hold (test only)' } },
    create(context) {
      const file = relative(root, context.physicalFilename).split(sep).join('/');
      const facts = lintFileContext(context as unknown as AnyRuleContext);
      if (facts instanceof UserError) recorded.set(file, { references: [], error: facts.message });
      else
        recorded.set(file, {
          references: facts.facts.references.map((reference) => referenceKey(file, reference.loc, reference.key, reference.role)),
        });
      return {};
    },
  };
  return { rules: { references: rule } };
}

/** `file:line:column key role`, the key as `dynamic:<text>` when it cannot be resolved. */
function referenceKey(
  file: string,
  loc: { line: number; column: number },
  key: { kind: 'static'; key: string } | { kind: 'dynamic'; text: string },
  role: string,
): string {
  return `${file}:${loc.line}:${loc.column} ${key.kind === 'static' ? key.key : `dynamic:${key.text}`} ${role}`;
}

/** The fixture's flag-hygiene.config.json as ESLint settings (paths in it are relative to the fixture, ESLint's cwd). */
function settingsOf(dir: string): unknown {
  const path = join(dir, 'flag-hygiene.config.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

async function eslintReferences(
  dir: string,
): Promise<{ references: string[]; linted: string[]; files: string[]; errors: string[]; fatal: string[] }> {
  const settings = loadCliSettings({ cwd: dir, env: {} });
  const files = discoverFiles({ root: settings.root, include: settings.include, exclude: settings.exclude, cwd: dir });
  const recorded = new Map<string, Recorded>();
  const config: Linter.Config = {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    plugins: { 'flag-hygiene': plugin as unknown as ESLint.Plugin, recorder: recorderPlugin(settings.root, recorded) },
    languageOptions: {
      parser: tsParser as unknown as Linter.Parser,
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    settings: { 'flag-hygiene': settingsOf(dir) },
    rules: { ...(plugin.configs.all.rules as TSESLint.FlatConfig.Rules as Linter.RulesRecord), 'recorder/references': 'error' },
  };
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [config], ignore: false });
  const results = await eslint.lintFiles(files);
  const fatal = results.flatMap((result) =>
    result.messages
      .filter((message) => message.fatal)
      .map((message) => `${relative(settings.root, result.filePath).split(sep).join('/')}:${message.line}`),
  );
  const seen = [...recorded.entries()];
  return {
    references: seen.flatMap(([, entry]) => entry.references).sort(),
    linted: seen.map(([file]) => file).sort(),
    files: files.map((file) => relative(settings.root, file).split(sep).join('/')).sort(),
    errors: seen.flatMap(([file, entry]) => (entry.error === undefined ? [] : [`${file}: ${entry.error}`])),
    fatal,
  };
}

describe('ESLint and the scanner agree', () => {
  it.each(fixtureNames())('fixtures/%s: the same references in the same files at the same positions', async (name) => {
    const dir = fixtureDir(name);
    const [eslint, { inventory }] = await Promise.all([eslintReferences(dir), scanDir(dir)]);
    expect(eslint.errors).toEqual([]);
    expect(eslint.linted).toEqual(eslint.files.filter((file) => !eslint.fatal.some((location) => location.startsWith(`${file}:`))));
    // A file the scanner cannot parse, ESLint cannot either, at the same line. (The scanner never
    // parses a file that cannot hold a reference, so ESLint may know of more.)
    const unparsed = inventory.warnings
      .filter((warning) => warning.message.startsWith('does not parse'))
      .map((warning) => `${warning.file}:${warning.line}`);
    for (const warning of unparsed) expect(eslint.fatal).toContain(warning);
    // Overrides the scanner infers from mocks of wrappers (`vi.mocked(isX).mockReturnValue(true)`)
    // are a whole-program product of the inventory; the per-file facts keep the mocks themselves.
    const scanned = inventory.references
      .filter((reference) => !reference.via.startsWith('mock of '))
      .map((reference) =>
        referenceKey(
          reference.file,
          reference,
          reference.dynamic ? { kind: 'dynamic', text: reference.key } : { kind: 'static', key: reference.key },
          reference.role,
        ),
      )
      .sort();
    // Files the scanner skips on purpose (minified, over 2 MB, binary, not UTF-8) are not compared.
    const skipped = new Set(inventory.skipped.map((entry) => entry.file));
    expect(eslint.references.filter((reference) => !skipped.has(reference.slice(0, reference.indexOf(':'))))).toEqual(scanned);
  });
});

/** The gate's code for each ESLint rule (and message) that reports the same finding. */
const CODE_OF_RULE: Record<string, string> = {
  'flag-hygiene/no-undeclared-flag': 'undeclared',
  'flag-hygiene/no-dynamic-flag-key': 'dynamic',
  'flag-hygiene/require-flag-fallback': 'missing-fallback',
  'flag-hygiene/no-nested-flags': 'nested',
};

/** Options set away from their defaults, the same in both homes: ESLint rule options and the settings' `findings`. */
const FINDING_OPTIONS = { 'missing-fallback': { requireElse: true, allowJsxShortCircuit: false }, dynamic: { allowInTests: true } };

async function eslintFindings(dir: string): Promise<string[]> {
  const settings = loadCliSettings({ cwd: dir, env: {} });
  const files = discoverFiles({ root: settings.root, include: settings.include, exclude: settings.exclude, cwd: dir });
  const config: Linter.Config = {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    plugins: { 'flag-hygiene': plugin as unknown as ESLint.Plugin },
    languageOptions: { parser: tsParser as unknown as Linter.Parser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    settings: { 'flag-hygiene': settingsOf(dir) },
    rules: {
      'flag-hygiene/no-undeclared-flag': 'error',
      'flag-hygiene/no-dynamic-flag-key': ['error', FINDING_OPTIONS.dynamic],
      'flag-hygiene/require-flag-fallback': ['error', FINDING_OPTIONS['missing-fallback']],
      'flag-hygiene/no-nested-flags': 'error',
    },
  };
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [config], ignore: false });
  const results = await eslint.lintFiles(files);
  return results
    .flatMap((result) =>
      result.messages
        // A nesting through calls is the gate's whole-program finding; ESLint sees the calls of one file.
        .filter(
          (message) => message.ruleId !== null && message.messageId !== 'nestedThroughCall' && CODE_OF_RULE[message.ruleId] !== undefined,
        )
        .map(
          (message) =>
            `${relative(settings.root, result.filePath).split(sep).join('/')}:${message.line}:${message.column} ${CODE_OF_RULE[message.ruleId!]}`,
        ),
    )
    .sort();
}

async function gateFindings(dir: string): Promise<string[]> {
  const loaded = loadCliSettings({ cwd: dir, env: {} });
  const settings = { ...loaded, findings: FINDING_OPTIONS };
  const { inventory, manifest } = await scanDir(dir, { settings });
  // The nestings one file shows; the rest go through calls into other functions or files.
  const local = new Set(
    inventory.nestings
      .filter((nesting) => nesting.through.length === 0)
      .map((nesting) => `${nesting.inner.file}:${nesting.inner.line}:${nesting.inner.column}`),
  );
  const report = buildReport({
    inventory,
    manifest,
    today: settings.today,
    policy: settings.policy,
    root: settings.root,
    findings: settings.findings,
  });
  return report.errors
    .filter((error) => Object.values(CODE_OF_RULE).includes(error.code))
    .filter((error) => error.code !== 'nested' || local.has(`${error.file}:${error.line}:${error.column}`))
    .filter((error) => error.code !== 'undeclared' || manifest !== undefined)
    .map((error) => `${error.file}:${error.line}:${error.column} ${error.code}`)
    .sort();
}

describe('ESLint and the CI gate agree on findings', () => {
  it.each(fixtureNames())('fixtures/%s: undeclared, dynamic, missing-fallback and nested findings at the same positions', async (name) => {
    const dir = fixtureDir(name);
    const [eslint, gate] = await Promise.all([eslintFindings(dir), gateFindings(dir)]);
    expect(eslint).toEqual(gate);
  });
});
