import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as analyze from '../../src/detect/analyze.js';
import { analyzeFile } from '../../src/detect/analyze.js';
import { oneRuleConfig, writeTree } from '../helpers/lint-tree.js';

vi.mock('../../src/detect/analyze.js', async (importOriginal) => {
  const actual = await importOriginal<typeof analyze>();
  return { ...actual, analyzeFile: vi.fn(actual.analyzeFile) };
});

/*
 * Issue 19: on a real server codebase the module graph parsed and analysed 44 modules that ESLint
 * then linted and analysed again, and after each pause of an editor session a fresh graph parsed
 * them once more. Facts are kept by path and text, so a text is analysed once per configuration.
 */

const FLAGS = `import { flags } from './store';\nexport const isOn = (key: string) => flags.get(key)?.enabled ?? false;\n`;
const APP = `import { isOn } from './flags';\nexport const on = isOn('new_checkout');\nexport const other = isOn(pickKey());\n`;

let root: string | undefined;
afterEach(() => {
  vi.useRealTimers();
  vi.mocked(analyzeFile).mockClear();
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function project(): { lint: (path: string, text: string) => string[]; analysed: () => string[] } {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'flag-hygiene-facts-reuse-')));
  const files: Record<string, string> = { 'src/flags.ts': FLAGS, 'src/app.ts': APP, 'src/store.ts': 'export const flags = new Map();\n' };
  writeTree(root, files);
  const dir = root;
  const linter = new Linter({ cwd: dir });
  const config = oneRuleConfig('no-dynamic-flag-key');
  const names = new Map(Object.entries(files).map(([path, text]) => [text, path]));
  return {
    lint: (path, text) =>
      linter.verify(text, config, { filename: join(dir, path) }).map((message) => `${message.line}:${message.column} ${message.ruleId}`),
    // Which texts were analysed, in order, by the file they are the text of.
    analysed: () => vi.mocked(analyzeFile).mock.calls.map(([, options]) => names.get(options.text) ?? 'another text'),
  };
}

describe('facts kept by path and text', () => {
  it('a module the graph analysed is not analysed again when ESLint lints the same text; an edited text is', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T09:00:00Z'));
    const { lint, analysed } = project();
    // isOn(pickKey()) on line 3: reported at its key argument, column 27 (after 'export const other = isOn(').
    expect(lint('src/app.ts', APP)).toEqual(['3:27 flag-hygiene/no-dynamic-flag-key']);
    expect(analysed()).toEqual(['src/flags.ts', 'src/app.ts']);

    expect(lint('src/flags.ts', FLAGS)).toEqual([]);
    expect(analysed()).toEqual(['src/flags.ts', 'src/app.ts']);

    const edited = `${FLAGS}export const raw = flags.get(process.env.KEY);\n`;
    // flags.get(process.env.KEY) on line 3: its key starts at column 30 (after 'export const raw = flags.get(').
    expect(lint('src/flags.ts', edited)).toEqual(['3:30 flag-hygiene/no-dynamic-flag-key']);
    expect(analysed()).toEqual(['src/flags.ts', 'src/app.ts', 'another text']);
  });

  it('after a pause, the fresh module graph takes the facts of unchanged modules instead of parsing them', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T09:00:00Z'));
    const { lint, analysed } = project();
    expect(lint('src/app.ts', APP)).toEqual(['3:27 flag-hygiene/no-dynamic-flag-key']);

    vi.setSystemTime(new Date('2026-11-28T09:00:05Z'));
    expect(lint('src/app.ts', APP)).toEqual(['3:27 flag-hygiene/no-dynamic-flag-key']);
    expect(analysed()).toEqual(['src/flags.ts', 'src/app.ts']);
  });

  it('a module edited on disk during the pause is analysed again, and what it exports now is what counts', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T09:00:00Z'));
    const { lint, analysed } = project();
    expect(lint('src/app.ts', APP)).toEqual(['3:27 flag-hygiene/no-dynamic-flag-key']);

    // isOn now evaluates one fixed flag whatever it is passed: its calls have a known key.
    writeFileSync(
      join(root!, 'src/flags.ts'),
      `import { flags } from './store';\nexport const isOn = (_key: string) => flags.get('old_checkout')?.enabled ?? false;\n`,
    );
    vi.setSystemTime(new Date('2026-11-28T09:00:05Z'));
    expect(lint('src/app.ts', APP)).toEqual([]);
    expect(analysed()).toEqual(['src/flags.ts', 'src/app.ts', 'another text']);
  });
});
