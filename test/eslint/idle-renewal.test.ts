import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Linter } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as sourceText from '../../src/detect/source-text.js';
import { readSourceText } from '../../src/detect/source-text.js';
import { FolderListings } from '../../src/detect/folder-listings.js';
import { createModuleResolver } from '../../src/detect/module-resolution.js';
import { oneRuleConfig, writeTree } from '../helpers/lint-tree.js';
import { backdate, temporaryDir, type FixtureCopy } from '../helpers/scanner-fixtures.js';

vi.mock('../../src/detect/source-text.js', async (importOriginal) => {
  const actual = await importOriginal<typeof sourceText>();
  return { ...actual, readSourceText: vi.fn(actual.readSourceText) };
});

/*
 * Issue 19: after each idle pause of an editor session, the first lint started from an empty module
 * graph and read and scanned every module its file's imports reach again: 200 ms for one file in
 * seven on a real server codebase. The renewed graph forgets its conclusions but keeps what it read
 * where the stamps show it unchanged, so a pause costs what changed during it.
 */

const APP = `import { check } from './a';\nexport const other = check(pickKey());\n`;
const PLAIN = `export const check = (key: string) => key.length > 3;\n`;
const WRAPPER = `import { flags } from './store';\nexport const check = (key: string) => flags.get(key)?.enabled ?? false;\n`;

let copy: FixtureCopy | undefined;
afterEach(() => {
  vi.useRealTimers();
  vi.mocked(readSourceText).mockClear();
  copy?.cleanup();
  copy = undefined;
});

function project() {
  copy = temporaryDir('idle-renewal');
  const root = copy.dir;
  const files: Record<string, string> = {
    'src/app.ts': APP,
    'src/a.ts': `export { check } from './lib/b';\n`,
    'src/lib/b.ts': PLAIN,
    'src/lib/store.ts': 'export const flags = new Map();\n',
  };
  writeTree(root, files);
  // Older than any clock tick that could still hide a change.
  backdate(root);
  const linter = new Linter({ cwd: root });
  const config = oneRuleConfig('no-dynamic-flag-key');
  return {
    root,
    lint: () => linter.verify(APP, config, { filename: join(root, 'src/app.ts') }).map((message) => `${message.line}:${message.column}`),
    // The modules whose text was read, by path.
    read: () => vi.mocked(readSourceText).mock.calls.map(([file]) => relative(root, file)),
  };
}

describe('the module graph after an idle pause', () => {
  it('reads no module that did not change during the pause, and finds what it found before', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T09:00:00Z'));
    const { lint, read } = project();
    expect(lint()).toEqual([]);
    expect(read().sort()).toEqual(['src/a.ts', 'src/lib/b.ts']);

    vi.mocked(readSourceText).mockClear();
    vi.setSystemTime(new Date('2026-11-28T09:00:05Z'));
    expect(lint()).toEqual([]);
    expect(read()).toEqual([]);
  });

  it('a module that starts wrapping a flag during the pause is followed after it', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T09:00:00Z'));
    const { root, lint, read } = project();
    expect(lint()).toEqual([]);

    writeFileSync(join(root, 'src/lib/b.ts'), WRAPPER);
    vi.mocked(readSourceText).mockClear();
    vi.setSystemTime(new Date('2026-11-28T09:00:05Z'));
    // check(pickKey()) is now a flag evaluation with a dynamic key: reported at the key, column 28.
    expect(lint()).toEqual(['2:28']);
    // The changed module, and the module re-exporting it: whether that one exports \`check\` was
    // never asked before, and the graph keeps what it learnt of a text, not the text.
    expect(read().sort()).toEqual(['src/a.ts', 'src/lib/b.ts']);
  });

  it('an import that resolved to nothing before the pause resolves to a module created during it', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T09:00:00Z'));
    const { root } = project();
    const app = `import { check } from './lib/c';\nexport const other = check(pickKey());\n`;
    const linter = new Linter({ cwd: root });
    const lint = () =>
      linter
        .verify(app, oneRuleConfig('no-dynamic-flag-key'), { filename: join(root, 'src/app.ts') })
        .map((message) => `${message.line}:${message.column}`);
    expect(lint()).toEqual([]);
    // A first pause: from then on the answers of relative imports are kept from one graph to the next.
    vi.setSystemTime(new Date('2026-11-28T09:00:05Z'));
    expect(lint()).toEqual([]);

    writeFileSync(join(root, 'src/lib/c.ts'), WRAPPER);
    backdate(join(root, 'src/lib'));
    vi.setSystemTime(new Date('2026-11-28T09:00:10Z'));
    expect(lint()).toEqual(['2:28']);
  });

  it('a module deleted during the pause no longer resolves: its folder is listed again', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T09:00:00Z'));
    const { root, lint } = project();
    writeFileSync(join(root, 'src/lib/b.ts'), WRAPPER);
    backdate(join(root, 'src/lib'));
    expect(lint()).toEqual(['2:28']);

    rmSync(join(root, 'src/lib/b.ts'));
    vi.setSystemTime(new Date('2026-11-28T09:00:05Z'));
    expect(lint()).toEqual([]);
  });
});

describe('FolderListings', () => {
  it('keeps no listing of a folder changed within the last two seconds: a change in the same clock tick would not show', () => {
    copy = temporaryDir('folder-listings');
    writeFileSync(join(copy.dir, 'a.ts'), '');
    expect(FolderListings.stampOf(copy.dir)).toBeUndefined();
    backdate(copy.dir);
    const stamp = FolderListings.stampOf(copy.dir);
    expect(stamp).toBeDefined();
    const listings = new FolderListings();
    const names = new Map(readdirSync(copy.dir).map((name) => [name, true]));
    listings.keep(copy.dir, stamp, names);
    expect(listings.unchanged(copy.dir, FolderListings.stampOf(copy.dir))?.names).toBe(names);
    writeFileSync(join(copy.dir, 'b.ts'), '');
    expect(listings.unchanged(copy.dir, FolderListings.stampOf(copy.dir))).toBeUndefined();
  });

  it('answers a relative import from the kept answer while every listing it was read from is unchanged, and works it out again after one changed', () => {
    copy = temporaryDir('kept-resolutions');
    writeTree(copy.dir, { 'src/app.ts': '', 'src/lib/b.ts': '', 'src/lib/other.ts': '' });
    backdate(copy.dir);
    const listings = new FolderListings();
    const from = join(copy.dir, 'src/app.ts');
    const key = `${join(copy.dir, 'src')}\u0000./lib/b`;
    // Not before a graph was renewed once: a command-line run would keep them all for nothing.
    expect(createModuleResolver(copy.dir, undefined, listings)(from, './lib/b')).toBe(join(copy.dir, 'src/lib/b.ts'));
    expect(listings.resolution(key)).toBeUndefined();

    listings.keepsResolutions = true;
    expect(createModuleResolver(copy.dir, undefined, listings)(from, './lib/b')).toBe(join(copy.dir, 'src/lib/b.ts'));
    const kept = listings.resolution(key);
    expect(kept?.target).toBe(join(copy.dir, 'src/lib/b.ts'));
    expect(kept?.folders.map(([folder]) => folder)).toEqual([join(copy.dir, 'src/lib')]);

    // A renewed resolver takes the kept answer as it is (here, one planted to tell it apart).
    listings.keepResolution(key, { ...kept!, target: join(copy.dir, 'src/lib/other.ts') });
    expect(createModuleResolver(copy.dir, undefined, listings)(from, './lib/b')).toBe(join(copy.dir, 'src/lib/other.ts'));

    // A file added to the folder: its listing is read again, and so is the answer.
    writeFileSync(join(copy.dir, 'src/lib/c.ts'), '');
    backdate(copy.dir);
    expect(createModuleResolver(copy.dir, undefined, listings)(from, './lib/b')).toBe(join(copy.dir, 'src/lib/b.ts'));
  });
});
