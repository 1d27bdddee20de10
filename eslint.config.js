// The project lints itself: typescript-eslint on all code, eslint-plugin-eslint-plugin on rules/, and
// its own recommended config (the built plugin: `npm run build` first) on each codebase in fixtures/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';
import flagHygiene from './dist/src/index.js';
import { DEFAULT_TESTS } from './dist/src/config/schema.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);

/** The fixtures are sample codebases, not ours: the project's style rules stay out of them. */
const notInFixtures = (config) => ({ ...config, ignores: [...(config.ignores ?? []), 'fixtures/**'] });

/** Every rule of configs.recommended, options kept, as a warning: the fixtures carry deliberate flag debt. */
const asWarnings = (rules) =>
  Object.fromEntries(Object.entries(rules).map(([id, entry]) => [id, Array.isArray(entry) ? ['warn', ...entry.slice(1)] : 'warn']));

/**
 * A fixture's flag-hygiene.config.json as settings for a lint run from the repository root: ESLint
 * settings take paths from ESLint's working directory, so the manifest and the test globs are
 * re-rooted at the fixture (include/exclude only tell the scanner what to read).
 */
function fixtureSettings(name) {
  const settings = JSON.parse(readFileSync(new URL(`${name}/flag-hygiene.config.json`, FIXTURES), 'utf8'));
  return {
    ...settings,
    ...(settings.manifest === undefined ? {} : { manifest: fileURLToPath(new URL(`${name}/${settings.manifest}`, FIXTURES)) }),
    tests: (settings.tests ?? DEFAULT_TESTS).map((glob) => `fixtures/${name}/${glob}`),
  };
}

const fixtures = readdirSync(FIXTURES).filter((name) => statSync(new URL(name, FIXTURES)).isDirectory());

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/.cache/**'],
  },
  ...[
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
      files: ['**/*.ts'],
      rules: {
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
        eqeqeq: ['error', 'always', { null: 'ignore' }],
        'no-console': 'error',
      },
    },
  ].map(notInFixtures),
  {
    files: ['rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  // configs.recommended on each fixture with that fixture's settings, parsed as a TypeScript project
  // parses its code (typescript-eslint's parser, without a project: the fixtures are not in the root
  // tsconfig; the plugin's configs set no parser). Warnings only, so the debt does not fail the build.
  ...fixtures.map((name) => ({
    ...flagHygiene.configs.recommended,
    name: `fixtures/${name}: flag-hygiene/recommended`,
    files: flagHygiene.configs.recommended.files.map((glob) => `fixtures/${name}/${glob}`),
    languageOptions: { parser: tseslint.parser },
    rules: asWarnings(flagHygiene.configs.recommended.rules),
    settings: flagHygiene.settings(fixtureSettings(name)).settings,
  })),
);
