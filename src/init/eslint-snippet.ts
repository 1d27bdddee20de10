import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The kind of ESLint config, and its file (`exists` false: none yet, flat ESM is suggested). */
export type EslintSetup = { kind: 'flat-esm' | 'flat-cjs' | 'legacy'; file: string; exists: boolean };

const FLAT_CONFIGS = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];
const LEGACY_CONFIGS = ['.eslintrc.js', '.eslintrc.cjs', '.eslintrc.yaml', '.eslintrc.yml', '.eslintrc.json', '.eslintrc'];

/** The project's ESLint config, by the file ESLint would read: flat first, as ESLint 9 does. */
export function detectEslintSetup(root: string): EslintSetup {
  if (existsSync(join(root, 'eslint.config.cjs'))) return { kind: 'flat-cjs', file: 'eslint.config.cjs', exists: true };
  const flat = FLAT_CONFIGS.find((name) => existsSync(join(root, name)));
  if (flat !== undefined) return { kind: 'flat-esm', file: flat, exists: true };
  const legacy = LEGACY_CONFIGS.find((name) => existsSync(join(root, name)));
  if (legacy !== undefined) return { kind: 'legacy', file: legacy, exists: true };
  return { kind: 'flat-esm', file: 'eslint.config.js', exists: false };
}

/** The settings the ESLint config repeats from flag-hygiene.config.json (paths stay relative to the root). */
export type SnippetSettings = Record<string, unknown>;

/** `key: value` pairs of a JS object literal; values as JSON, which is valid JavaScript and escapes everything. */
function objectLiteral(settings: SnippetSettings): string {
  const fields = Object.entries(settings).map(
    ([key, value]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  return `{ ${fields.join(', ')} }`;
}

/**
 * The config to add for the detected setup, as the README's minimal config writes it: the
 * recommended rules, the settings, and for TypeScript projects typescript-eslint's parser on TS
 * files (the plugin's configs set no parser).
 */
export function eslintSnippet(setup: EslintSetup, settings: SnippetSettings, typescript: boolean): string {
  if (setup.kind === 'legacy') {
    const legacy = {
      ...(typescript ? { overrides: [{ files: ['*.ts', '*.tsx'], parser: '@typescript-eslint/parser' }] } : {}),
      extends: ['plugin:flag-hygiene/recommended-legacy'],
      settings: { 'flag-hygiene': settings },
    };
    return `${JSON.stringify(legacy, null, 2)}\n`;
  }
  if (setup.kind === 'flat-cjs') {
    return [
      `// ${setup.file}`,
      "const flagHygiene = require('eslint-plugin-flag-hygiene');",
      ...(typescript ? ["const tsParser = require('@typescript-eslint/parser');"] : []),
      '',
      'module.exports = [',
      ...(typescript ? ["  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },"] : []),
      '  flagHygiene.configs.recommended,',
      `  flagHygiene.settings(${objectLiteral(settings)}),`,
      '];',
      '',
    ].join('\n');
  }
  return [
    `// ${setup.file}`,
    "import flagHygiene from 'eslint-plugin-flag-hygiene';",
    ...(typescript ? ["import tseslint from 'typescript-eslint';"] : []),
    '',
    'export default [',
    ...(typescript ? ["  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tseslint.parser } },"] : []),
    '  flagHygiene.configs.recommended,',
    `  flagHygiene.settings(${objectLiteral(settings)}),`,
    '];',
    '',
  ].join('\n');
}
