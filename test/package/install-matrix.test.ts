import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemLines, REPO_ROOT, requireBuiltPlugin, temporaryFolder } from '../helpers/eslint-cli.js';
import type { ESLint } from 'eslint';

/*
 * The package as npm publishes it, installed the way a user installs it: `npm pack`, then the
 * tarball into fresh projects that have nothing of this repository's devDependencies, one per setup
 * the plugin supports (ESLint 8, 9 and 10; flat ESM, flat CommonJS and .eslintrc configs;
 * TypeScript 4.9, 5.0, 6.0 and 7). Each project lints and scans the same small codebase and must
 * report exactly the problems worked out below. Installs come from the npm registry through the
 * npm cache.
 */

const MANIFEST = [
  'flags:',
  '  new_checkout:',
  '    type: release',
  '    owner: web-team',
  '    createdAt: 2026-10-01',
  '    expiresAt: 2026-12-31',
  '    enabled: true',
  '    rolloutPercentage: 50',
  '',
].join('\n');

/** TypeScript syntax (an interface, annotations), so it needs the TypeScript parser the project sets. */
const CHECKOUT_TS = [
  "import { flags } from './flags';",
  '',
  'interface Cart { total: number }',
  '',
  'export function layout(cart: Cart): string {',
  "  if (flags.get('new_checkout')?.enabled) {",
  "    if (flags.get('express_pay')?.enabled) return 'express';",
  "    return 'single-page';",
  '  }',
  "  return cart.total > 0 ? 'multi-step' : 'empty';",
  '}',
  '',
].join('\n');

const FLAGS_TS = 'export const flags = new Map<string, { enabled: boolean }>();\n';

/** Plain JavaScript, parsed by whatever the project uses for .js files (here ESLint's default, espree). */
const LEGACY_JS = [
  "import { flags } from './flags';",
  '',
  "export const banner = flags.get('old_banner')?.enabled ? 'new' : 'old';",
  '',
].join('\n');

const SETTINGS = { manifest: 'flags.yaml', today: '2026-11-28' };

/** A component's script: express_pay (its flags.get at column 49, key at 59) checked on new_checkout's on path. */
const COMPONENT_SCRIPT = [
  "  import { flags } from './flags';",
  "  if (flags.get('new_checkout')?.enabled) { if (flags.get('express_pay')?.enabled) { console.log('express'); } }",
];

/*
 * Worked out by hand. Line 7 checks express_pay (column 9 is its `flags.get(`, its key at 19)
 * inside the on path of new_checkout (line 6); express_pay and old_banner are not in the manifest
 * (old_banner's key starts at column 33 of legacy.js line 3).
 */
const ESLINT_PROBLEMS = [
  'src/checkout.ts:7:19 no-undeclared-flag/undeclared error',
  'src/checkout.ts:7:9 no-nested-flags/nestedFlag error',
  'src/legacy.js:3:33 no-undeclared-flag/undeclared error',
];

/** The gate adds what only a whole-project view knows: no test forces any of the three flags. */
/*
 * The components' script (COMPONENT_SCRIPT) is their line 3 as written: new_checkout's key at
 * column 17 as in checkout.ts; the inner `if` at column 45, its `flags.get(` at 49, express_pay's
 * key at 59 (ESLint reports the same columns). The scanner reads both components.
 */
const COMPONENTS = ['src/Checkout.svelte', 'src/Checkout.vue'];
const componentErrors = (file: string) => [
  { code: 'nested', key: 'express_pay', file, line: 3, column: 49 },
  { code: 'undeclared', key: 'express_pay', file, line: 3, column: 59 },
];
/**
 * With the components: `untested-state` is said once per flag, at its first reference in path
 * order (code units: `src/Checkout.svelte` before `src/checkout.ts`), so both flags' move there.
 */
const withComponents = (errors: readonly Record<string, unknown>[]) => [
  ...errors.filter(({ code, key }) => code !== 'untested-state' || key === 'old_banner'),
  ...COMPONENTS.flatMap(componentErrors),
  { code: 'untested-state', key: 'new_checkout', file: COMPONENTS[0], line: 3, column: 17 },
  { code: 'untested-state', key: 'express_pay', file: COMPONENTS[0], line: 3, column: 59 },
];
const componentReferences = (file: string) => [`new_checkout ${file}:3:17`, `express_pay ${file}:3:59`];

const REPORT_ERRORS = [
  { code: 'untested-state', key: 'new_checkout', file: 'src/checkout.ts', line: 6, column: 17 },
  { code: 'nested', key: 'express_pay', file: 'src/checkout.ts', line: 7, column: 9 },
  { code: 'undeclared', key: 'express_pay', file: 'src/checkout.ts', line: 7, column: 19 },
  { code: 'untested-state', key: 'express_pay', file: 'src/checkout.ts', line: 7, column: 19 },
  { code: 'undeclared', key: 'old_banner', file: 'src/legacy.js', line: 3, column: 33 },
  { code: 'untested-state', key: 'old_banner', file: 'src/legacy.js', line: 3, column: 33 },
];

interface Setup {
  name: string;
  devDependencies: Record<string, string>;
  /** Config files to write: name → content. */
  config: Record<string, string>;
  /** Whether the project lints with ESLint (the TypeScript 7 one only runs the CLI). */
  lints: boolean;
}

const FLAT_SETTINGS = JSON.stringify(SETTINGS);

const SETUPS: Setup[] = [
  {
    name: 'eslint10-flat-esm-ts6',
    devDependencies: { eslint: '^10.0.0', typescript: '~6.0.3', 'typescript-eslint': '^8.72.0' },
    config: {
      'eslint.config.js': [
        "import flagHygiene from 'eslint-plugin-flag-hygiene';",
        "import tseslint from 'typescript-eslint';",
        '',
        'export default [',
        "  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tseslint.parser } },",
        '  flagHygiene.configs.recommended,',
        `  flagHygiene.settings(${FLAT_SETTINGS}),`,
        '];',
        '',
      ].join('\n'),
    },
    lints: true,
  },
  {
    name: 'eslint9-flat-cjs-ts5.0',
    devDependencies: { eslint: '^9.0.0', typescript: '~5.0.4', '@typescript-eslint/parser': '^8.72.0' },
    config: {
      'eslint.config.cjs': [
        "const flagHygiene = require('eslint-plugin-flag-hygiene');",
        "const tsParser = require('@typescript-eslint/parser');",
        '',
        'module.exports = [',
        "  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },",
        '  flagHygiene.configs.recommended,',
        `  flagHygiene.settings(${FLAT_SETTINGS}),`,
        '];',
        '',
      ].join('\n'),
    },
    lints: true,
  },
  {
    name: 'eslint8-eslintrc-ts4.9',
    devDependencies: { eslint: '~8.57.0', typescript: '~4.9.5', '@typescript-eslint/parser': '^8.72.0' },
    config: {
      '.eslintrc.json': `${JSON.stringify(
        {
          root: true,
          parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
          overrides: [{ files: ['*.ts', '*.tsx'], parser: '@typescript-eslint/parser' }],
          extends: ['plugin:flag-hygiene/recommended-legacy'],
          settings: { 'flag-hygiene': SETTINGS },
        },
        null,
        2,
      )}\n`,
    },
    lints: true,
  },
  {
    // Single-file components: the script part under svelte-eslint-parser and vue-eslint-parser.
    name: 'eslint10-svelte-vue',
    devDependencies: {
      eslint: '^10.0.0',
      typescript: '~6.0.3',
      'typescript-eslint': '^8.72.0',
      svelte: '^5.0.0',
      'svelte-eslint-parser': '^1.0.0',
      'vue-eslint-parser': '^10.0.0',
    },
    config: {
      'eslint.config.js': [
        "import flagHygiene from 'eslint-plugin-flag-hygiene';",
        "import svelteParser from 'svelte-eslint-parser';",
        "import tseslint from 'typescript-eslint';",
        "import vueParser from 'vue-eslint-parser';",
        '',
        'export default [',
        "  { files: ['**/*.svelte'], languageOptions: { parser: svelteParser, parserOptions: { parser: tseslint.parser } } },",
        "  { files: ['**/*.vue'], languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } } },",
        "  { ...flagHygiene.configs.recommended, files: ['**/*.svelte', '**/*.vue'] },",
        `  flagHygiene.settings(${FLAT_SETTINGS}),`,
        '];',
        '',
      ].join('\n'),
      'src/Checkout.svelte': ['<script lang="ts">', ...COMPONENT_SCRIPT, '</script>', '', '<p>checkout</p>', ''].join('\n'),
      'src/Checkout.vue': [
        '<script setup lang="ts">',
        ...COMPONENT_SCRIPT,
        '</script>',
        '',
        '<template><p>checkout</p></template>',
        '',
      ].join('\n'),
    },
    lints: false,
  },
  {
    // TypeScript 7 has no JavaScript API: the CLI must scan with a compiler of its own.
    name: 'cli-only-ts7',
    devDependencies: { typescript: '^7.0.2' },
    // ESLint comes as the plugin's peer; without the 6.0 API beside TypeScript 7 it cannot run the rules.
    config: {
      'eslint.config.js': "import flagHygiene from 'eslint-plugin-flag-hygiene';\n\nexport default [flagHygiene.configs.recommended];\n",
    },
    lints: false,
  },
];

const work = temporaryFolder('install-matrix');
let tarball = '';

function run(command: string, args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** npm install, asynchronously, so the four projects install side by side. */
function install(cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) =>
      status === 0 ? resolve() : reject(new Error(`npm install in ${cwd} exited with ${String(status)}:\n${output}`)),
    );
  });
}

const projectDir = (setup: Setup) => join(work.dir, setup.name);

beforeAll(async () => {
  requireBuiltPlugin();
  const packed = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work.dir], REPO_ROOT);
  expect(packed.status, packed.stderr).toBe(0);
  tarball = join(
    work.dir,
    readdirSync(work.dir).find((file) => file.endsWith('.tgz'))!,
  );
  await Promise.all(
    SETUPS.map((setup) => {
      const dir = projectDir(setup);
      mkdirSync(join(dir, 'src'), { recursive: true });
      const devDependencies = { ...setup.devDependencies, 'eslint-plugin-flag-hygiene': `file:${tarball}` };
      writeFileSync(
        join(dir, 'package.json'),
        `${JSON.stringify({ name: setup.name, private: true, type: 'module', devDependencies }, null, 2)}\n`,
      );
      writeFileSync(join(dir, 'flags.yaml'), MANIFEST);
      writeFileSync(join(dir, 'flag-hygiene.config.json'), `${JSON.stringify(SETTINGS)}\n`);
      writeFileSync(join(dir, 'src', 'checkout.ts'), CHECKOUT_TS);
      writeFileSync(join(dir, 'src', 'flags.ts'), FLAGS_TS);
      writeFileSync(join(dir, 'src', 'legacy.js'), LEGACY_JS);
      for (const [file, content] of Object.entries(setup.config)) writeFileSync(join(dir, file), content);
      return install(dir);
    }),
  );
}, 600_000);

afterAll(() => work.cleanup());

describe('the packed package, installed into fresh projects', { timeout: 120_000 }, () => {
  it('publishes no install-time script', () => {
    const listed = run('tar', ['-xOzf', tarball, 'package/package.json'], work.dir);
    const scripts = Object.keys((JSON.parse(listed.stdout) as { scripts?: Record<string, string> }).scripts ?? {});
    expect(scripts.filter((name) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(name))).toEqual([]);
  });

  describe.each(SETUPS.filter((setup) => setup.lints))('$name', (setup) => {
    it('lints with configs.recommended: exactly the expected problems', () => {
      const result = run(process.execPath, ['node_modules/eslint/bin/eslint.js', '--format', 'json', 'src'], projectDir(setup));
      expect(result.stderr).toBe('');
      expect(result.status).toBe(1);
      expect(problemLines(JSON.parse(result.stdout) as ESLint.LintResult[], projectDir(setup))).toEqual(ESLINT_PROBLEMS);
    });

    it('leaves the project’s own parser for .js files as it was', () => {
      const result = run(process.execPath, ['node_modules/eslint/bin/eslint.js', '--print-config', 'src/legacy.js'], projectDir(setup));
      expect(result.stderr).toBe('');
      const config = JSON.parse(result.stdout) as { parser?: string | null; languageOptions?: { parser?: string } };
      // Flat config prints the parser as name@version; .eslintrc prints null for ESLint's default.
      const parser = config.languageOptions?.parser ?? config.parser ?? null;
      if (setup.name.startsWith('eslint8')) expect(parser).toBeNull();
      else expect(parser).toMatch(/^espree@/);
    });
  });

  it('eslint10-svelte-vue: the rules see the script of a Svelte and a Vue component', () => {
    const dir = projectDir(SETUPS.find((setup) => setup.name === 'eslint10-svelte-vue')!);
    const result = run(
      process.execPath,
      ['node_modules/eslint/bin/eslint.js', '--format', 'json', 'src/Checkout.svelte', 'src/Checkout.vue'],
      dir,
    );
    expect(result.stderr).toBe('');
    expect(problemLines(JSON.parse(result.stdout) as ESLint.LintResult[], dir)).toEqual([
      'src/Checkout.svelte:3:49 no-nested-flags/nestedFlag error',
      'src/Checkout.svelte:3:59 no-undeclared-flag/undeclared error',
      'src/Checkout.vue:3:49 no-nested-flags/nestedFlag error',
      'src/Checkout.vue:3:59 no-undeclared-flag/undeclared error',
    ]);
  });

  it('cli-only-ts7: ESLint says what the TypeScript 7 project lacks, instead of failing on an undefined API', () => {
    const dir = projectDir(SETUPS.find((setup) => setup.name === 'cli-only-ts7')!);
    const result = run(process.execPath, ['node_modules/eslint/bin/eslint.js', 'src/legacy.js'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /eslint-plugin-flag-hygiene: the installed `typescript` 7\.\d+\.\d+ has no JavaScript API; the ESLint rules need the TypeScript 4\.8\.4 to 6\.0 API as the `typescript` package \(a TypeScript 7 project keeps `tsc` 7 and installs the 6\.0 API beside it: see docs\/eslint\.md#typescript-7-projects\)/,
    );
  });

  describe.each(SETUPS)('$name: the CLI', (setup) => {
    it('report --format json: exactly the expected hygiene errors', () => {
      const result = run(
        process.execPath,
        [
          'node_modules/eslint-plugin-flag-hygiene/dist/src/cli/bin.js',
          'report',
          '--format',
          'json',
          '--fail-on',
          'undeclared',
          '--no-progress',
        ],
        projectDir(setup),
      );
      expect(result.stderr).toBe('');
      expect(result.status).toBe(1);
      const report = JSON.parse(result.stdout) as {
        errors: Record<string, unknown>[];
        flags: { key: string; declared: boolean; readyForRemoval: boolean }[];
      };
      const errors = report.errors.map(({ code, key, file, line, column }) => ({ code, key, file, line, column }));
      const order = (a: Record<string, unknown>, b: Record<string, unknown>) =>
        String(a.file).localeCompare(String(b.file)) ||
        Number(a.line) - Number(b.line) ||
        Number(a.column) - Number(b.column) ||
        String(a.code).localeCompare(String(b.code));
      const expected = setup.config['src/Checkout.vue'] === undefined ? REPORT_ERRORS : withComponents(REPORT_ERRORS);
      expect(errors.sort(order)).toEqual([...expected].sort(order));
      // Every flag the code or the manifest names; only new_checkout is declared, and at 50% it is not ready to go.
      expect(
        report.flags
          .map(({ key, declared, readyForRemoval }) => ({ key, declared, readyForRemoval }))
          .sort((a, b) => a.key.localeCompare(b.key)),
      ).toEqual([
        { key: 'express_pay', declared: false, readyForRemoval: false },
        { key: 'new_checkout', declared: true, readyForRemoval: false },
        { key: 'old_banner', declared: false, readyForRemoval: false },
      ]);
    });

    it('scan --format json: every reference', () => {
      const result = run(
        process.execPath,
        ['node_modules/.bin/flag-hygiene', 'scan', '--format', 'json', '--no-progress', '--no-cache'],
        projectDir(setup),
      );
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const { references } = JSON.parse(result.stdout) as { references: Record<string, unknown>[] };
      const components = setup.config['src/Checkout.vue'] === undefined ? [] : COMPONENTS;
      // The inventory sorts by path as code units: `src/C…` before `src/c…`.
      expect(references.map(({ key, file, line, column }) => `${String(key)} ${String(file)}:${String(line)}:${String(column)}`)).toEqual([
        ...components.flatMap(componentReferences),
        'new_checkout src/checkout.ts:6:17',
        'express_pay src/checkout.ts:7:19',
        'old_banner src/legacy.js:3:33',
      ]);
    });
  });
});
