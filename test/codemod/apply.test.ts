import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRemovalPlan, planFlagRemoval, RemovalInterrupted } from '../../src/codemod/index.js';
import { UserError } from '../../src/errors.js';
import { BIN, runBin } from '../helpers/run-bin.js';
import { temporaryDir, type FixtureCopy } from '../helpers/scanner-fixtures.js';
import { BANNER_TS, OLD_BANNER_YAML } from '../helpers/old-banner.js';

/*
 * How `remove` writes (issue 21, item 8): an edit saved while it runs is never overwritten, an
 * interrupted run (SIGINT, SIGTERM, an abort) leaves the tree as it was with no temporary file,
 * and the temporary files of a run killed outright are recognised and deleted by the next one.
 */

const FOOTER_TS =
  "import { flags } from './flags';\nexport const footer = flags.get('old_banner')?.enabled ? 'new footer' : 'old footer';\n";

const folders: FixtureCopy[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) folder.cleanup();
});

/** A project where removing `old_banner` rewrites src/banner.ts, then src/footer.ts, then flags.yaml. */
function project(): string {
  const made = temporaryDir('apply');
  folders.push(made);
  const files: Record<string, string> = {
    'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' }),
    'flags.yaml': OLD_BANNER_YAML,
    'src/banner.ts': BANNER_TS,
    'src/footer.ts': FOOTER_TS,
    'src/other/untouched.ts': 'export const untouched = 1;\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(made.dir, path)), { recursive: true });
    writeFileSync(join(made.dir, path), text);
  }
  return made.dir;
}

/** Every file under `root` and its text. */
function tree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(root, path)] = readFileSync(path, 'latin1');
    }
  };
  walk(root);
  return files;
}

function plan(root: string) {
  return planFlagRemoval({ key: 'old_banner', cwd: root, cache: false, workers: 0 });
}

/** A process id no process has: that of a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

const STALE_SUFFIX = '0123456789abcdef01234567.tmp';

describe('applying a removal', () => {
  it('refuses, leaving every file as it was, when a file is saved between the replacement of one file and the next', async () => {
    const root = project();
    const removal = await plan(root);
    expect([...removal.changes.map((change) => change.relative), removal.manifest?.relative]).toEqual([
      'src/banner.ts',
      'src/footer.ts',
      'flags.yaml',
    ]);
    const edited = `${FOOTER_TS}// saved by the editor meanwhile\n`;
    const expected = { ...tree(root), 'src/footer.ts': edited };
    const replaced: string[] = [];
    const applying = applyRemovalPlan(removal, {
      afterReplace: (change) => {
        replaced.push(change.relative);
        if (change.relative === 'src/banner.ts') writeFileSync(join(root, 'src/footer.ts'), edited);
      },
    });
    await expect(applying).rejects.toThrow(UserError);
    await expect(applying).rejects.toThrow(
      'src/footer.ts: remove: the file changed on disk since it was read; nothing was changed (run again)',
    );
    expect(replaced).toEqual(['src/banner.ts']);
    expect(tree(root)).toEqual(expected);
  });

  it('an abort after the first replacement puts it back and deletes every temporary file', async () => {
    const root = project();
    const before = tree(root);
    const removal = await plan(root);
    const controller = new AbortController();
    const temporaries: string[] = [];
    const applying = applyRemovalPlan(removal, {
      signal: controller.signal,
      afterReplace: () => {
        temporaries.push(...Object.keys(tree(root)).filter((path) => path.endsWith('.tmp')));
        controller.abort('SIGINT');
      },
    });
    await expect(applying).rejects.toThrow(RemovalInterrupted);
    await expect(applying).rejects.toThrow('remove: interrupted (SIGINT); nothing was changed');
    expect(tree(root)).toEqual(before);
    // Staged then: the new texts of the footer and the manifest, under names carrying this process's id.
    expect(temporaries.map((path) => dirname(path)).sort()).toEqual(['.', 'src']);
    for (const path of temporaries)
      expect(path.split('/').pop()).toMatch(new RegExp(`^\\.flag-hygiene-${process.pid}-[0-9a-f]{24}\\.tmp$`));
  });

  it('deletes the temporary files of a run that is gone, beside the files it writes, and says which', async () => {
    const root = project();
    const gone = deadPid();
    const stale = `src/.flag-hygiene-${gone}-${STALE_SUFFIX}`;
    const staleInRoot = `.flag-hygiene-${gone}-${STALE_SUFFIX}`;
    // A running process's (this one's), and one in a folder the removal does not write: both stay.
    const running = `src/.flag-hygiene-${process.pid}-${STALE_SUFFIX}`;
    const elsewhere = `src/other/.flag-hygiene-${gone}-${STALE_SUFFIX}`;
    for (const path of [stale, staleInRoot, running, elsewhere]) writeFileSync(join(root, path), 'half a file');
    const removal = await plan(root);
    const result = await applyRemovalPlan(removal);
    expect(result).toEqual({ staleTemporaries: [staleInRoot, stale] });
    expect([stale, staleInRoot, running, elsewhere].filter((path) => existsSync(join(root, path)))).toEqual([running, elsewhere]);
    expect(readFileSync(join(root, 'src/banner.ts'), 'utf8')).toBe("export const banner = 'new';\n");
  });
});

interface Interrupted {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `remove old_banner` through the built binary and sends it `signal` once it has replaced its first file. */
function interruptRemoval(cwd: string, signal: NodeJS.Signals): Promise<Interrupted> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'remove', 'old_banner', '--no-cache', '--workers', '0'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', FLAG_HYGIENE_TEST_PAUSE_AFTER_REPLACE: '1' },
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && stderr.includes('paused after replacing')) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (status, ended) => resolve({ status, signal: ended, stdout, stderr }));
  });
}

describe('remove through the built binary', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s after the first file is replaced: the tree is as before, no temporary file, exit %d', async (signal, status) => {
    const root = project();
    const before = tree(root);
    const result = await interruptRemoval(root, signal);
    expect(result).toEqual({
      status,
      signal: null,
      stdout: '',
      stderr: `flag-hygiene: paused after replacing src/banner.ts\nflag-hygiene: remove: interrupted (${signal}); nothing was changed\n`,
    });
    expect(tree(root)).toEqual(before);
  });

  it('says which stale temporary files it deleted', () => {
    const root = project();
    const stale = `src/.flag-hygiene-${deadPid()}-${STALE_SUFFIX}`;
    writeFileSync(join(root, stale), 'half a file');
    const result = runBin(['remove', 'old_banner', '--no-cache', '--workers', '0'], { cwd: root });
    expect(result).toEqual({
      status: 0,
      stdout: [
        'Removed flag "old_banner", keeping its on path:',
        '  src/banner.ts  (1 evaluation folded)',
        '  src/footer.ts  (1 evaluation folded)',
        '  flags.yaml  (entry removed)',
        // The two rewritten sources, checked before and after.
        'Type check: the result type-checks as well as the original did (2 files checked).',
        'Formatter: none configured in the project; the edits keep the surrounding indentation.',
        `Deleted 1 temporary file left by an interrupted run: ${stale}`,
        '',
      ].join('\n'),
      stderr: '',
    });
    expect(existsSync(join(root, stale))).toBe(false);
  });
});
