import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/run-bin.js';

/*
 * `flag-hygiene diff <base-ref>` on a git repository built here: a base commit with a few flags,
 * then a working tree that adds a flag, removes the last reference of another, adds a reference
 * to an expired flag, nests a flag in another and reads a flag by a computed key.
 */

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function git(root: string, ...args: string[]): string {
  const env = {
    PATH: process.env.PATH ?? '',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: root,
    GIT_AUTHOR_DATE: '2026-11-01T12:00:00Z',
    GIT_COMMITTER_DATE: '2026-11-01T12:00:00Z',
  };
  const result = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const lines = (...text: string[]) => text.join('\n') + '\n';

const MANIFEST = lines(
  'flags:',
  '  new_checkout:',
  '    type: release',
  '    owner: payments-team',
  '    createdAt: 2026-10-01',
  '    expiresAt: 2027-03-01',
  '    enabled: true',
  '    rolloutPercentage: 50',
  '  old_banner:',
  '    type: release',
  '    owner: growth-team',
  '    createdAt: 2026-06-01',
  '    expiresAt: 2027-01-01',
  '    enabled: true',
  '    rolloutPercentage: 20',
  '  legacy_search:',
  '    type: release',
  '    owner: search-team',
  '    createdAt: 2026-01-10',
  '    expiresAt: 2026-06-01',
  '    enabled: true',
  '    rolloutPercentage: 40',
);

const BASE: Record<string, string> = {
  'flag-hygiene.config.json': JSON.stringify({
    manifest: 'flags.yaml',
    accessors: ['flags.isEnabled($KEY)'],
    include: ['src/**/*.ts'],
    today: '2026-11-28',
  }),
  'flags.yaml': MANIFEST,
  'src/flags.ts': lines('export const flags = {', '  isEnabled(key: string): boolean {', '    return key.length > 0;', '  },', '};'),
  'src/checkout.ts': lines(
    "import { flags } from './flags';",
    '',
    'export function checkout(): string {',
    "  if (flags.isEnabled('new_checkout')) {",
    "    return 'new';",
    '  }',
    "  return 'old';",
    '}',
  ),
  'src/banner.ts': lines(
    "import { flags } from './flags';",
    '',
    'export function banner(): string {',
    "  return flags.isEnabled('old_banner') ? 'promo' : 'plain';",
    '}',
  ),
  'src/search.ts': lines(
    "import { flags } from './flags';",
    '',
    'export function search(query: string): string {',
    "  if (flags.isEnabled('legacy_search')) {",
    '    return `legacy:${query}`;',
    '  }',
    '  return query;',
    '}',
  ),
  // Outside `include`: never part of the diff, whatever it reads.
  'scripts/tool.ts': lines("import { flags } from '../src/flags';", '', "export const tool = flags.isEnabled('script_only');"),
};

const HEAD: Record<string, string> = {
  // A flag introduced with its manifest entry.
  'flags.yaml': lines(
    MANIFEST.trimEnd(),
    '  fast_cart:',
    '    type: release',
    '    owner: cart-team',
    '    createdAt: 2026-11-20',
    '    expiresAt: 2027-02-01',
    '    enabled: true',
    '    rolloutPercentage: 10',
  ),
  'src/cart.ts': lines("import { flags } from './flags';", '', "export const fastCart = flags.isEnabled('fast_cart');"),
  // A flag introduced without one, nested in another.
  'src/checkout.ts': lines(
    "import { flags } from './flags';",
    '',
    'export function checkout(): string {',
    "  if (flags.isEnabled('new_checkout')) {",
    "    if (flags.isEnabled('beta_summary')) {",
    "      return 'new with summary';",
    '    }',
    "    return 'new';",
    '  }',
    "  return 'old';",
    '}',
  ),
  // The last reference of old_banner goes.
  'src/banner.ts': lines('export function banner(): string {', "  return 'plain';", '}'),
  // One more reference to the expired legacy_search.
  'src/search.ts': lines(
    "import { flags } from './flags';",
    '',
    'export function search(query: string): string {',
    "  if (flags.isEnabled('legacy_search')) {",
    '    return `legacy:${query}`;',
    '  }',
    '  return query;',
    '}',
    '',
    'export function suggest(query: string): string[] {',
    "  return flags.isEnabled('legacy_search') ? [query] : [];",
    '}',
  ),
  // A new, untracked file: a key computed at run time.
  'src/panel.ts': lines(
    "import { flags } from './flags';",
    '',
    'export function panel(name: string): boolean {',
    '  return flags.isEnabled(`panel_${name}`);',
    '}',
  ),
  'scripts/tool.ts': lines(
    "import { flags } from '../src/flags';",
    '',
    "export const tool = flags.isEnabled('script_only') && flags.isEnabled('script_only_2');",
  ),
};

/** Makes a repository with the base committed on main and the working tree changed to `head`. */
function repository(base: Record<string, string>, head: Record<string, string>): { root: string; commit: string } {
  const root = mkdtempSync(join(tmpdir(), 'flag-hygiene-diff-test-'));
  folders.push(root);
  write(root, base);
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  const commit = git(root, 'rev-parse', 'HEAD').trim();
  write(root, head);
  return { root, commit };
}

const folders: string[] = [];
let root: string;
let commit: string;

beforeAll(() => {
  ({ root, commit } = repository(BASE, HEAD));
});
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const SUMMARY =
  '2 flags introduced (1 not declared); 1 flag no longer referenced; 1 new reference to 1 flag ready for removal; 1 new nesting; 1 new dynamic key.';

describe('flag-hygiene diff', () => {
  it('prints the changes as JSON, ignoring files outside include', () => {
    const result = runBin(['diff', 'main', '--format', 'json', '--no-cache'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      base: { ref: 'main', commit },
      introduced: [
        {
          key: 'beta_summary',
          declared: false,
          declaredAtBase: false,
          type: null,
          owner: null,
          expiresAt: null,
          before: 0,
          after: 1,
          references: [{ file: 'src/checkout.ts', line: 5, column: 25, test: false }],
        },
        {
          key: 'fast_cart',
          declared: true,
          declaredAtBase: false,
          type: 'release',
          owner: 'cart-team',
          expiresAt: '2027-02-01',
          before: 0,
          after: 1,
          references: [{ file: 'src/cart.ts', line: 3, column: 41, test: false }],
        },
      ],
      removed: [
        {
          key: 'old_banner',
          declared: true,
          before: 1,
          after: 0,
          references: [{ file: 'src/banner.ts', line: 4, column: 26, test: false }],
        },
      ],
      addedToStale: [
        {
          key: 'legacy_search',
          reasons: ['expired'],
          owner: 'search-team',
          before: 1,
          after: 2,
          added: [{ file: 'src/search.ts', line: 11, column: 26, test: false }],
        },
      ],
      newNestings: [
        {
          outer: { key: 'new_checkout', file: 'src/checkout.ts', line: 4, column: 7 },
          inner: { key: 'beta_summary', file: 'src/checkout.ts', line: 5, column: 9 },
          through: [],
        },
      ],
      newDynamic: [{ expression: '`panel_${name}`', file: 'src/panel.ts', line: 4, column: 26, test: false, via: 'flags.isEnabled($KEY)' }],
    });
  });

  it('writes Markdown for a pull-request comment, escaping values from the repository', () => {
    const result = runBin(['diff', 'main', '--format', 'markdown', '--no-cache', '--output', 'out/diff.md'], { cwd: root });
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(root, 'out/diff.md'), 'utf8')).toBe(
      lines(
        '<!-- flag-hygiene-diff -->',
        `## Flag changes since main (\`${commit.slice(0, 12)}\`)`,
        '',
        SUMMARY,
        '',
        '### Flags introduced (2)',
        '',
        '| Flag | Declared | Owner | Expires | References |',
        '| --- | --- | --- | --- | --- |',
        '| beta\\_summary | no | — | — | src/checkout.ts:5 |',
        '| fast\\_cart | yes (new entry) | cart-team | 2027-02-01 | src/cart.ts:3 |',
        '',
        '### Flags no longer referenced (1)',
        '',
        '| Flag | References before | Manifest |',
        '| --- | --- | --- |',
        '| old\\_banner | 1 | declared: the entry can go |',
        '',
        '### New references to flags ready for removal (1)',
        '',
        '| Flag | Ready for removal | Owner | References | New references |',
        '| --- | --- | --- | --- | --- |',
        '| legacy\\_search | `expired` | search-team | 1 → 2 | src/search.ts:11 |',
        '',
        '### New nestings (1)',
        '',
        '| Flag | Checked inside | Location | Through |',
        '| --- | --- | --- | --- |',
        '| beta\\_summary | new\\_checkout (src/checkout.ts:4) | src/checkout.ts:5 | — |',
        '',
        '### New dynamic keys (1)',
        '',
        '| Key expression | Location | Via |',
        '| --- | --- | --- |',
        '| \\`panel\\_\\${name}\\` | src/panel.ts:4 | flags.isEnabled\\(\\$KEY\\) |',
      ),
    );
  });

  it('prints text by default', () => {
    const result = runBin(['diff', 'main', '--no-cache'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      lines(
        `Flag changes since main (${commit.slice(0, 12)})`,
        '',
        'Introduced (2):',
        '  beta_summary: not declared; 1 reference (src/checkout.ts:5:25)',
        '  fast_cart: declared (new entry), owner cart-team, expires 2027-02-01; 1 reference (src/cart.ts:3:41)',
        '',
        'No longer referenced (1):',
        '  old_banner: 1 reference before; declared: the entry can go',
        '',
        'New references to flags ready for removal (1):',
        '  legacy_search (expired): 1 → 2 references; new at src/search.ts:11:26',
        '',
        'New nestings (1):',
        '  beta_summary inside new_checkout at src/checkout.ts:5:9 (outer check at src/checkout.ts:4:7)',
        '',
        'New dynamic keys (1):',
        '  `panel_${name}` at src/panel.ts:4:26 via flags.isEnabled($KEY)',
        '',
        SUMMARY,
      ),
    );
  });

  it('exits 1 when a category named by --fail-on has entries', () => {
    // Which code names which category: test/diff/compare.test.ts.
    const result = runBin(['diff', 'main', '--format', 'json', '--no-cache', '--fail-on', 'new-dynamic'], { cwd: root });
    expect([result.status, result.stderr]).toEqual([1, '']);
  });

  it('refuses an unknown --fail-on code', () => {
    const result = runBin(['diff', 'main', '--fail-on', 'introduced'], { cwd: root });
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr:
        "flag-hygiene: diff: --fail-on: unknown code 'introduced'; use none or a comma-separated list of introduced-undeclared, added-to-stale, new-nesting, new-dynamic\n",
    });
  });

  it('--help lists its options; without a ref it is a usage error', () => {
    const help = runBin(['diff', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: flag-hygiene diff <base-ref> \[options\]/);
    for (const option of [
      '--config',
      '--manifest',
      '--today',
      '--format',
      '--fail-on',
      '--output',
      '--no-cache',
      '--cache-location',
      '--workers',
      '--no-progress',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^ +${option}\\b`, 'm'));
    }
    expect(runBin(['diff'], { cwd: root })).toEqual({
      status: 2,
      stdout: '',
      stderr: "flag-hygiene: diff: missing argument: <base-ref> (see 'flag-hygiene diff --help')\n",
    });
  });

  it('names an unknown ref in one line and exits 2', () => {
    for (const ref of ['no-such-branch', '--output=x']) {
      const result = runBin(['diff', '--', ref], { cwd: root });
      expect(result).toEqual({ status: 2, stdout: '', stderr: `flag-hygiene: diff: '${ref}' is not a commit in this repository\n` });
    }
  });

  it("leaves the scan cache the working tree's: the base is scanned with a copy of it", () => {
    const cached = runBin(['diff', 'main', '--format', 'json'], { cwd: root });
    expect(cached.status).toBe(0);
    expect(cached.stdout).toBe(runBin(['diff', 'main', '--format', 'json', '--no-cache'], { cwd: root }).stdout);
    // The cache holds the working tree's content of every changed file, not the base's.
    const entries = readFileSync(join(root, 'node_modules/.cache/flag-hygiene/facts.ndjson'), 'utf8')
      .split('\n')
      .slice(1)
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line.slice(0, line.indexOf('\t'))) as [string, string]);
    const hashes = new Map(entries.map(([path, hash]) => [path, hash]));
    for (const path of ['src/banner.ts', 'src/checkout.ts', 'src/search.ts']) {
      expect([path, hashes.get(path)]).toEqual([
        path,
        createHash('sha1')
          .update(readFileSync(join(root, path)))
          .digest('hex'),
      ]);
    }
  });

  it('scans the base as a workspace too: a key constant of a sibling package is no change', () => {
    const workspace = {
      'flag-hygiene.config.json': JSON.stringify({ accessors: ['flags.isEnabled($KEY)'] }),
      'package.json': JSON.stringify({ name: 'mono', private: true }),
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'packages/shared/package.json': JSON.stringify({ name: 'shared', types: 'src/index.ts' }),
      'packages/shared/src/index.ts': "export const PRICING = 'pricing';\n",
      'packages/web/src/page.ts':
        "import { flags } from './flags';\nimport { PRICING } from 'shared';\nexport const page = flags.isEnabled(PRICING);\n",
    };
    const quiet = repository(workspace, { 'README.md': 'notes\n' });
    const json = runBin(['diff', 'HEAD', '--format', 'json', '--no-cache'], { cwd: quiet.root });
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({ introduced: [], removed: [], newDynamic: [] });
    // Not vacuous: the working tree's scan resolves the key through the workspace.
    const scan = runBin(['scan', '--format', 'json', '--no-cache'], { cwd: quiet.root });
    expect((JSON.parse(scan.stdout) as { references: { key: string; dynamic: boolean }[] }).references).toMatchObject([
      { key: 'pricing', dynamic: false },
    ]);
  });

  it('says "No flag changes." when nothing that include selects changed', () => {
    const quiet = repository(BASE, { 'scripts/tool.ts': HEAD['scripts/tool.ts']!, 'README.md': 'flags.isEnabled("readme_only")\n' });
    const markdown = runBin(
      ['diff', 'HEAD', '--format', 'markdown', '--no-cache', '--fail-on', 'introduced-undeclared,added-to-stale,new-nesting,new-dynamic'],
      { cwd: quiet.root },
    );
    expect(markdown).toEqual({
      status: 0,
      stderr: '',
      stdout: lines('<!-- flag-hygiene-diff -->', `## Flag changes since HEAD (\`${quiet.commit.slice(0, 12)}\`)`, '', 'No flag changes.'),
    });
    const json = runBin(['diff', 'HEAD', '--format', 'json', '--no-cache'], { cwd: quiet.root });
    expect(JSON.parse(json.stdout)).toEqual({
      base: { ref: 'HEAD', commit: quiet.commit },
      introduced: [],
      removed: [],
      addedToStale: [],
      newNestings: [],
      newDynamic: [],
    });
  });
});
