import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';
import { oneRuleConfig, writeTree } from '../helpers/lint-tree.js';

/*
 * ESLint follows imports of the workspace's packages into their folders as the scanner does: a
 * key constant of a sibling package is a static key, and its wrapper a wrapper (found on
 * GrowthBook, whose front end reads a key from its `shared` package).
 */
const FILES: Record<string, string> = {
  'packages/shared/package.json': JSON.stringify({ name: 'shared', main: 'dist/index.js', types: 'src/index.ts' }),
  'packages/shared/keys.d.ts': "export * from './src/keys';\n",
  'packages/shared/src/keys.ts': "export const CHECKOUT = 'new_checkout';\n",
  'packages/shared/src/index.ts': "export * from './flags';\n",
  'packages/shared/src/flags.ts':
    "import { flags } from './store';\nexport const isOn = (key: string) => flags.get(key)?.enabled ?? false;\n",
  'packages/shared/src/store.ts': 'export const flags = new Map();\n',
};
const APP = [
  "import { CHECKOUT } from 'shared/keys';",
  "import { isOn } from 'shared';",
  'export const on = isOn(CHECKOUT);',
  'export const other = isOn(pickKey());',
  '',
].join('\n');

let root: string | undefined;
afterEach(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function lintApp(workspaces: string[] | undefined): string[] {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'flag-hygiene-eslint-workspaces-')));
  writeTree(root, { ...FILES, 'package.json': JSON.stringify({ name: 'monorepo', private: true, ...(workspaces && { workspaces }) }) });
  const linter = new Linter({ cwd: root });
  return linter
    .verify(APP, oneRuleConfig('no-dynamic-flag-key'), { filename: join(root, 'packages/web/src/app.ts') })
    .map((message) => `${message.line}:${message.column} ${message.ruleId}`);
}

describe('no-dynamic-flag-key across workspace packages', () => {
  it('the wrapper exported by a sibling package is followed, and its key constant is static', () => {
    // isOn(pickKey()) on line 4: its key starts at column 27 (after 'export const other = isOn(').
    expect(lintApp(['packages/*'])).toEqual(['4:27 flag-hygiene/no-dynamic-flag-key']);
  });

  it('outside a workspace the same names are an outside package’s: nothing is followed', () => {
    expect(lintApp(undefined)).toEqual([]);
  });
});
