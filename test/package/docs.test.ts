import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedBlock, PRESET_DOCS, presetTables } from '../../scripts/write-preset-docs.js';
import { REPO_ROOT } from '../helpers/eslint-cli.js';

/*
 * The README is one page (what, quick start, install, a minimal config) that links docs/ for the rest;
 * tables that mirror code are generated from it (the rule list by eslint-doc-generator in `npm run
 * lint`, the preset tables here) so they cannot drift.
 */

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const pages = [
  'README.md',
  ...readdirSync(join(REPO_ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];

describe('the docs', () => {
  it('docs/presets.md holds the tables npm run docs makes from the preset definitions', () => {
    expect(generatedBlock(read(PRESET_DOCS))).toBe(presetTables());
  });

  it('the preset tables list every pattern of every preset, props.flags.$KEY included', () => {
    expect(presetTables()).toContain('| `props.flags.$KEY` | camelCase keys, also destructured from props |');
    expect(presetTables()).toContain('| `useFlag($KEY)` | from @unleash/proxy-client-react |');
  });

  it.each(pages)('%s: every relative link points at a file of the repository', (page) => {
    const links = [...read(page).matchAll(/\]\(((?!https?:|#)[^)#\s]+)(?:#[^)]*)?\)/g)].map((match) => match[1]!);
    const missing = links.filter((link) => !existsSync(join(REPO_ROOT, dirname(page), link)));
    expect(missing).toEqual([]);
  });

  it('the README links a page for settings, patterns, presets, the manifest, the CLI, pre-commit and CI', () => {
    const readme = read('README.md');
    for (const page of [
      'docs/settings.md',
      'docs/presets.md',
      'docs/manifest.md',
      'docs/cli.md',
      'docs/pre-commit.md',
      'docs/ci.md',
      'docs/eslint.md',
    ]) {
      expect(readme, page).toContain(`](${page})`);
    }
    expect(readme).toContain('(docs/settings.md): the one settings object, and how to describe your flag API');
  });
});
