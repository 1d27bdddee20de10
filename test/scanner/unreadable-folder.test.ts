import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from '../../src/config/schema.js';
import { CacheFolder } from '../../src/scanner/cache-folder.js';
import { discoverRemembered } from '../../src/scanner/discovery-cache.js';
import { discoverProject, type DiscoverOptions } from '../../src/scanner/files.js';
import { runBin } from '../helpers/run-bin.js';
import { temporaryDir, type FixtureCopy } from '../helpers/scanner-fixtures.js';

/*
 * A folder the walk cannot list used to be left out without a word, and an undeclared flag in it
 * with it. The walk now says which folders it could not list; the scan lists them as not scanned.
 * Root lists any folder whatever its mode, so the walk's listing function is replaced here to fail
 * the way a folder of mode 000 fails for anyone else.
 */

const folders: FixtureCopy[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) {
    chmodSync(join(folder.dir, 'src/private'), 0o755);
    folder.cleanup();
  }
});

/** A project with a flag check in src/private, a git-ignored data/ and an excluded dist/. */
function project(): string {
  const folder = temporaryDir('unreadable-folder');
  folders.push(folder);
  const files: Record<string, string> = {
    'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' }),
    'flags.yaml': 'flags: {}\n',
    '.gitignore': 'data/\n',
    'src/a.ts': "import { flags } from './flags';\nexport const a = flags.get('a');\n",
    'src/flags.ts': 'export const flags = { get: (key: string) => ({ key, enabled: true }) };\n',
    'src/private/hidden.ts': "import { flags } from '../flags';\nexport const hidden = flags.get('hidden_flag');\n",
    'data/dump.ts': 'export const rows = [];\n',
    'dist/out.js': 'export const out = 1;\n',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder.dir, path)), { recursive: true });
    writeFileSync(join(folder.dir, path), content);
  }
  return folder.dir;
}

/** readdirSync, except that the given folders fail as a folder of mode 000 does. */
function failingListing(unreadable: readonly string[]): typeof readdirSync {
  return ((path: string, options: unknown) => {
    if (unreadable.some((folder) => path.replace(/\/$/, '') === folder))
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
    return readdirSync(path, options as { withFileTypes: true });
  }) as typeof readdirSync;
}

function options(root: string, unreadable: readonly string[]): DiscoverOptions {
  return {
    root,
    cwd: root,
    include: DEFAULT_INCLUDE,
    exclude: DEFAULT_EXCLUDE,
    readdirSync: failingListing(unreadable.map((folder) => join(root, folder))),
  };
}

describe('a folder the walk cannot list', () => {
  it('is reported with its error code, and none of its files is in the list', () => {
    const root = project();
    const found = discoverProject(options(root, ['src/private']));
    expect(found.files).toEqual([join(root, 'src/a.ts'), join(root, 'src/flags.ts')]);
    expect(found.unreadableFolders).toEqual([{ folder: join(root, 'src/private'), code: 'EACCES' }]);
  });

  it('given as a path to scan, reported once', () => {
    const root = project();
    const found = discoverProject({ ...options(root, ['src/private']), paths: ['src'] });
    expect(found.unreadableFolders).toEqual([{ folder: join(root, 'src/private'), code: 'EACCES' }]);
  });

  it('that .gitignore leaves out is not reported (nothing in it would have been scanned)', () => {
    const root = project();
    expect(discoverProject(options(root, ['data'])).unreadableFolders).toEqual([]);
  });

  it('with the discovery cache: reported on every scan, and the walk that missed it is not remembered', () => {
    const root = project();
    const cache = join(root, 'node_modules/.cache/flag-hygiene');
    for (let scan = 0; scan < 2; scan++) {
      expect(discoverRemembered(options(root, ['src/private']), CacheFolder.open(cache), 'tool').unreadableFolders).toEqual([
        { folder: join(root, 'src/private'), code: 'EACCES' },
      ]);
      expect(existsSync(join(cache, 'files.json'))).toBe(false);
    }
    // Once it can be listed again, its files are found and the walk is remembered.
    expect(discoverRemembered(options(root, []), CacheFolder.open(cache), 'tool')).toMatchObject({
      unreadableFolders: [],
      files: expect.arrayContaining([join(root, 'src/private/hidden.ts')]),
    });
    expect(existsSync(join(cache, 'files.json'))).toBe(true);
  });

  it('through the CLI (mode 000): listed as not scanned, and --fail-on skipped fails the gate; root lists it anyway and scans it', () => {
    const root = project();
    const privateFolder = join(root, 'src/private');
    chmodSync(privateFolder, 0o000);
    let listed: boolean;
    try {
      readdirSync(privateFolder);
      listed = true;
    } catch {
      listed = false;
    }
    // Which of the two ran: where mode 000 stops nobody, the walk has nothing to miss.
    expect(listed ? 'listed anyway' : 'unreadable').toBe(process.getuid?.() === 0 ? 'listed anyway' : 'unreadable');
    const result = runBin(['report', '--fail-on', 'skipped', '--format', 'json', '--no-progress'], { cwd: root });
    const report = JSON.parse(result.stdout) as { skipped: unknown[]; errors: { code: string; key: string }[] };
    const undeclared = report.errors.filter((error) => error.code === 'undeclared').map((error) => error.key);
    expect({ status: result.status, stderr: result.stderr, skipped: report.skipped, undeclared }).toEqual(
      listed
        ? { status: 0, stderr: '', skipped: [], undeclared: ['a', 'hidden_flag'] }
        : {
            status: 1,
            stderr: '',
            skipped: [
              { file: 'src/private', reason: 'cannot be read (EACCES): none of its files is scanned', folder: true, failing: true },
            ],
            undeclared: ['a'],
          },
    );
  });
});
