import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/run-bin.js';

/*
 * Issue 16 item 5: before `report` calls a flag unreferenced ("delete the manifest entry"), it
 * searches the repository's text for the key. session_replay is used through a route table no
 * accessor pattern sees; old_banner appears nowhere but in the manifest and a test.
 */

const FLAG = (key: string) => [
  `  ${key}:`,
  '    type: release',
  '    owner: web',
  '    createdAt: 2026-10-01',
  '    expiresAt: 2027-06-01',
];

const FILES: Record<string, string> = {
  'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' }),
  'flags.yaml': ['flags:', ...FLAG('session_replay'), ...FLAG('old_banner'), ...FLAG('new_checkout'), ''].join('\n'),
  'src/checkout.ts': "import { flags } from './flags';\nexport const v2 = flags.get('new_checkout') ? 2 : 1;\n",
  // Line 3, column 29: the key in a route table, the shape of the issue.
  'src/routes.ts': "export const routes = [\n  { path: '/', page: 'home' },\n  { path: '/replay', flag: 'session_replay' },\n];\n",
  'docs/flags.md': 'The replay page is behind `session_replay`.\n',
  // A test forcing old_banner is no use of it; nor is a longer key that contains it.
  'src/banner.test.ts': "flags.override('old_banner', true);\n",
  'src/other.ts': "export const k = 'old_banner_v2';\n",
  'assets/logo.bin': '\u0000\u0001\u0002session_replay\u0000\u0003\u0004\u0005\u0006',
};

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function project(git: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'flag-hygiene-mentions-'));
  folders.push(dir);
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  if (git) execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

describe('report: a key the text mentions is not called unreferenced', () => {
  it.each([true, false])('git repository: %s', (git) => {
    const dir = project(git);
    const result = runBin(['report', '--no-cache', '--no-progress', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as {
      flags: { key: string; reasons: string[]; textMentions?: unknown }[];
      errors: {
        code: string;
        key: string;
        file: string;
        line: number;
        column: number;
        message: string;
        failing: boolean;
        mentions?: unknown;
      }[];
    };
    const reasons = Object.fromEntries(report.flags.map((flag) => [flag.key, flag.reasons]));
    expect(reasons).toEqual({ new_checkout: [], old_banner: ['unreferenced'], session_replay: [] });
    const mentions = report.errors.filter((error) => error.code === 'text-mention');
    expect(mentions).toEqual([
      {
        code: 'text-mention',
        key: 'session_replay',
        file: 'docs/flags.md',
        line: 1,
        column: 28,
        message:
          'flag "session_replay" is unreferenced by any accessor, but "session_replay" appears in docs/flags.md:1 and 1 more: check before deleting',
        failing: false,
        mentions: {
          places: [
            { file: 'docs/flags.md', line: 1, column: 28 },
            { file: 'src/routes.ts', line: 3, column: 29 },
          ],
          count: 2,
        },
      },
    ]);
  });

  it('fails the gate only when --fail-on names text-mention', () => {
    const dir = project(true);
    const text = runBin(['report', '--no-cache', '--no-progress', '--fail-on', 'text-mention'], { cwd: dir });
    expect(text.status).toBe(1);
    expect(text.stdout).toContain(
      '  ✖ docs/flags.md:1:28  text-mention  flag "session_replay" is unreferenced by any accessor, but "session_replay" appears in docs/flags.md:1 and 1 more: check before deleting\n',
    );
    expect(runBin(['report', '--no-cache', '--no-progress'], { cwd: dir }).status).toBe(0);
  });
});
