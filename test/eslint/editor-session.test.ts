import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import plugin from '../../src/index.js';
import { copyFixture, type FixtureCopy } from '../helpers/scanner-fixtures.js';

/*
 * An editor keeps one ESLint process for a whole session and lints a file on each change. A module
 * created after a file importing it was linted must resolve on a later lint: the plugin's graph of
 * modules caches folder listings and resolutions only while linting goes on without a pause
 * (file-context.ts, IDLE_MS = 2 s).
 */

const LATE = 'src/admin/late.ts';
const LATE_TEXT =
  "import { flags } from '../flags';\nimport { LATE_KEY } from './late-keys';\n\nexport const lateOn = flags.get(LATE_KEY)?.enabled ?? false;\n";

const copies: FixtureCopy[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const copy of copies.splice(0)) copy.cleanup();
});

function editorSession(dir: string): () => Promise<string[]> {
  const config: Linter.Config = {
    files: ['**/*.ts'],
    plugins: { 'flag-hygiene': plugin as unknown as ESLint.Plugin },
    languageOptions: { parser: tsParser as unknown as Linter.Parser },
    settings: { 'flag-hygiene': JSON.parse(readFileSync(join(dir, 'flag-hygiene.config.json'), 'utf8')) as unknown },
    rules: { 'flag-hygiene/no-dynamic-flag-key': 'error' },
  };
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [config], ignore: false });
  return async () => {
    const [result] = await eslint.lintFiles([join(dir, LATE)]);
    return result!.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`);
  };
}

describe('a long editor session', () => {
  it('a module created after its importer was linted resolves once linting has paused', async () => {
    const copy = copyFixture('resolution');
    copies.push(copy);
    writeFileSync(join(copy.dir, LATE), LATE_TEXT);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T09:00:00Z'));
    const lint = editorSession(copy.dir);

    // './late-keys' does not exist yet: the key is dynamic.
    expect(await lint()).toEqual(['4:33 flag-hygiene/no-dynamic-flag-key']);

    writeFileSync(join(copy.dir, 'src/admin/late-keys.ts'), "export const LATE_KEY = 'new_payment_processor';\n");
    // Within the same burst of linting the graph is kept, resolutions and all.
    vi.setSystemTime(new Date('2026-11-28T09:00:01Z'));
    expect(await lint()).toEqual(['4:33 flag-hygiene/no-dynamic-flag-key']);

    // After a pause, the next lint starts from a fresh graph and finds the new module.
    vi.setSystemTime(new Date('2026-11-28T09:00:05Z'));
    expect(await lint()).toEqual([]);
  });
});
