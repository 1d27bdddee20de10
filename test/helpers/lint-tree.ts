import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import type { ESLint, Linter } from 'eslint';
import plugin from '../../src/index.js';

/** Writes each file of `files` (paths relative to `root`), making folders as needed. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A flat config that runs one of the plugin's rules on TypeScript files, parsed as ESLint users parse them. */
export function oneRuleConfig(rule: string): Linter.Config[] {
  return [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser as unknown as Linter.Parser },
      plugins: { 'flag-hygiene': plugin as unknown as ESLint.Plugin },
      rules: { [`flag-hygiene/${rule}`]: 'error' },
    },
  ];
}
