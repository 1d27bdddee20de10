import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseManifestText } from '../../src/manifest/index.js';
import { runBin } from '../helpers/run-bin.js';

/* `flag-hygiene init` on small projects built in temporary folders, through the built binary. */

let dir: string | undefined;
function project(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'flag-hygiene-init-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function read(root: string, path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

/** Commits everything in the folder at a fixed date, so `git log` gives that date back. */
function commitAll(root: string, date: string): void {
  const env = {
    PATH: process.env.PATH ?? '',
    GIT_AUTHOR_DATE: `${date}T12:00:00Z`,
    GIT_COMMITTER_DATE: `${date}T12:00:00Z`,
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: root,
  };
  const git = (...args: string[]) => {
    const result = spawnSync(
      'git',
      ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args],
      { cwd: root, env, encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  };
  if (!existsSync(join(root, '.git'))) git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', `work of ${date}`);
}

const LAUNCHDARKLY_CLIENT = [
  "import { init } from 'launchdarkly-node-server-sdk';",
  '',
  "export const client = init('sdk-key');",
  '',
  '/** A local wrapper: its calls are references to new-checkout. */',
  'export async function isNewCheckout(user: { key: string }): Promise<boolean> {',
  "  return client.variation('new-checkout', user, false);",
  '}',
  '',
].join('\n');

const CHECKOUT = [
  "import { isNewCheckout } from './ld';",
  '',
  'export async function checkout(user: { key: string }) {',
  "  return (await isNewCheckout(user)) ? 'new' : 'old';",
  '}',
  '',
].join('\n');

const BANNER = [
  "import { client } from './ld';",
  '',
  'export async function banner(user: { key: string }) {',
  "  return (await client.variation('promo-banner', user, false)) ? 'promo' : 'plain';",
  '}',
  '',
].join('\n');

const HEADER = [
  "import { useUiFlag } from '@acme/ui-flags';",
  '',
  'export function Header() {',
  "  const compact = useUiFlag('compact-header');",
  "  const dark = useUiFlag('dark-mode');",
  "  return compact && dark ? 'compact dark' : 'full';",
  '}',
  '',
].join('\n');

const PACKAGE_JSON = JSON.stringify({
  name: 'shop',
  private: true,
  dependencies: { 'launchdarkly-node-server-sdk': '^7.0.0', '@acme/ui-flags': '^1.0.0' },
  devDependencies: { typescript: '^5.8.0' },
});

const DEBT = [
  'On a codebase with existing flag debt, adopt without fixing everything first:',
  "  eslint --suppress-all                   (ESLint 9.24+) records today's violations; new ones still fail",
  '  flag-hygiene report --changed-since REF  fails CI only on findings in lines changed since REF',
];

const FLAT_ESM_SNIPPET = [
  'ESLint: create eslint.config.js',
  '// eslint.config.js',
  "import flagHygiene from 'eslint-plugin-flag-hygiene';",
  "import tseslint from 'typescript-eslint';",
  '',
  'export default [',
  "  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tseslint.parser } },",
  '  flagHygiene.configs.recommended,',
  '  flagHygiene.settings({ presets: ["launchdarkly"], manifest: "flags.yaml" }),',
  '];',
];

const SKELETON_HEADER = [
  '# Flag manifest started by `flag-hygiene init` from the flag keys the code references.',
  '# Each "# TODO" line is a field init cannot know: fill it in and uncomment it (an entry written',
  '# `key: {}` has no field yet: replace the {} with them). Until then `flag-hygiene check-manifest`',
  '# lists every field that is still required.',
];

/** The shop at two commits: new-checkout on 2026-03-01, promo-banner on 2026-04-15, the header not committed. */
function shopWithHistory(): string {
  const root = project({ 'package.json': PACKAGE_JSON, 'src/ld.ts': LAUNCHDARKLY_CLIENT, 'src/checkout.ts': CHECKOUT });
  commitAll(root, '2026-03-01');
  writeFileSync(join(root, 'src/banner.ts'), BANNER);
  commitAll(root, '2026-04-15');
  writeFileSync(join(root, 'src/header.tsx'), HEADER);
  return root;
}

describe('flag-hygiene init', () => {
  it('chooses the preset from package.json, reports what it found, writes the config and a dated skeleton', () => {
    const root = shopWithHistory();
    const result = runBin(['init'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'Presets:',
        '  launchdarkly  launchdarkly-node-server-sdk in package.json',
        '',
        // Two through the preset's pattern (one of them inside the wrapper), one at the wrapper's call.
        'References: 3 in 3 files, 2 flag keys',
        '  launchdarkly: 2 references',
        '    2  *.variation($KEY, $CONTEXT, $DEFAULT)',
        '',
        'Wrapper functions inferred (their calls are references):',
        '    1  isNewCheckout',
        '',
        'Calls that look like flag reads but match no pattern (a string first argument):',
        '    2  useUiFlag(…)  accessor: useUiFlag($KEY)',
        '  If they read flags, add the accessor to "accessors" in flag-hygiene.config.json and run init again.',
        '',
        'Wrote flag-hygiene.config.json.',
        'Wrote flags.yaml: 2 flags, createdAt from git history for 2.',
        '  Fill in its "# TODO" lines; `npx flag-hygiene check-manifest` lists what is still required.',
        '',
        ...FLAT_ESM_SNIPPET,
        '',
        ...DEBT,
        '',
      ].join('\n'),
    );
    expect(read(root, 'flag-hygiene.config.json')).toBe(
      [
        '{',
        '  "$schema": "./node_modules/eslint-plugin-flag-hygiene/schema/flag-hygiene.config.schema.json",',
        '  "presets": [',
        '    "launchdarkly"',
        '  ],',
        '  "manifest": "flags.yaml"',
        '}',
        '',
      ].join('\n'),
    );
    expect(read(root, 'flags.yaml')).toBe(
      [
        ...SKELETON_HEADER,
        '# createdAt: the date of the first commit whose content contains the key (git log -S).',
        'flags:',
        '  new-checkout:',
        '    # TODO type: release | operational | experiment | permission',
        '    # TODO owner: the team that cleans it up',
        '    createdAt: 2026-03-01',
        '    # TODO expiresAt: YYYY-MM-DD (release and experiment flags)',
        '  promo-banner:',
        '    # TODO type: release | operational | experiment | permission',
        '    # TODO owner: the team that cleans it up',
        '    createdAt: 2026-04-15',
        '    # TODO expiresAt: YYYY-MM-DD (release and experiment flags)',
        '',
      ].join('\n'),
    );
  });

  it('leaves the skeleton for check-manifest to list what is still to fill in', () => {
    const root = shopWithHistory();
    expect(runBin(['init', '--type', 'release'], { cwd: root }).status).toBe(0);
    const check = runBin(['check-manifest'], { cwd: root });
    expect(check.stdout).toBe('');
    expect(check.stderr).toBe(
      [
        'flag-hygiene: flags.yaml:7:3: flag "new-checkout", field "expiresAt": is required for a release flag',
        'flag-hygiene: flags.yaml:7:3: flag "new-checkout", field "owner": is required',
        'flag-hygiene: flags.yaml:12:3: flag "promo-banner", field "expiresAt": is required for a release flag',
        'flag-hygiene: flags.yaml:12:3: flag "promo-banner", field "owner": is required',
        '',
      ].join('\n'),
    );
    expect(check.status).toBe(2);
  });

  it('run twice, changes nothing the second time', () => {
    const root = shopWithHistory();
    expect(runBin(['init'], { cwd: root }).status).toBe(0);
    const config = read(root, 'flag-hygiene.config.json');
    const manifest = read(root, 'flags.yaml');
    const second = runBin(['init'], { cwd: root });
    expect(second.status).toBe(0);
    expect(read(root, 'flag-hygiene.config.json')).toBe(config);
    expect(read(root, 'flags.yaml')).toBe(manifest);
    expect(second.stdout).toContain(
      ['flag-hygiene.config.json: nothing to add.', 'flags.yaml: every referenced key is declared; nothing to add.', ''].join('\n'),
    );
  });

  it('without git history nor a known field, writes `key: {}` entries that check-manifest names field by field', () => {
    const root = project({ 'package.json': PACKAGE_JSON, 'src/ld.ts': LAUNCHDARKLY_CLIENT });
    expect(runBin(['init'], { cwd: root }).stdout).toContain('Wrote flags.yaml: 1 flag, no git history for createdAt.\n');
    expect(read(root, 'flags.yaml')).toBe(
      [
        ...SKELETON_HEADER,
        'flags:',
        '  new-checkout: {}',
        '    # TODO type: release | operational | experiment | permission',
        '    # TODO owner: the team that cleans it up',
        '    # TODO createdAt: YYYY-MM-DD',
        '    # TODO expiresAt: YYYY-MM-DD (release and experiment flags)',
        '',
      ].join('\n'),
    );
    expect(runBin(['check-manifest'], { cwd: root }).stderr).toBe(
      [
        'flag-hygiene: flags.yaml:6:3: flag "new-checkout", field "type": is required',
        'flag-hygiene: flags.yaml:6:3: flag "new-checkout", field "owner": is required',
        'flag-hygiene: flags.yaml:6:3: flag "new-checkout", field "createdAt": is required',
        '',
      ].join('\n'),
    );
  });

  it('merges into an existing config and manifest: adds what is missing, changes and moves nothing', () => {
    const userConfig = '{\n  "manifest": "flags.yaml",\n  "today": "2026-11-28"\n}\n';
    const userManifest = [
      '# Our flags.',
      'flags:',
      '    promo-banner:   # the spring campaign',
      '        type: release',
      '        owner: growth',
      '        createdAt: 2026-01-01',
      '        expiresAt: 2026-06-01',
      '        # ticket: GROW-1 (to do)',
      '',
      '# end of flags',
      '',
    ].join('\n');
    const root = project({
      'package.json': PACKAGE_JSON,
      'src/ld.ts': LAUNCHDARKLY_CLIENT,
      'src/banner.ts': BANNER,
      'flag-hygiene.config.json': userConfig,
      'flags.yaml': userManifest,
    });
    const result = runBin(['init'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      ['Wrote flag-hygiene.config.json: added $schema, presets.', 'Wrote flags.yaml: added 1 flag, no git history for createdAt.', ''].join(
        '\n',
      ),
    );
    expect(read(root, 'flag-hygiene.config.json')).toBe(
      [
        '{',
        '  "manifest": "flags.yaml",',
        '  "today": "2026-11-28",',
        '  "$schema": "./node_modules/eslint-plugin-flag-hygiene/schema/flag-hygiene.config.schema.json",',
        '  "presets": [',
        '    "launchdarkly"',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    // The new entry goes after the last one and its comments, at the user's indentation.
    expect(read(root, 'flags.yaml')).toBe(
      [
        '# Our flags.',
        'flags:',
        '    promo-banner:   # the spring campaign',
        '        type: release',
        '        owner: growth',
        '        createdAt: 2026-01-01',
        '        expiresAt: 2026-06-01',
        '        # ticket: GROW-1 (to do)',
        '    new-checkout: {}',
        '      # TODO type: release | operational | experiment | permission',
        '      # TODO owner: the team that cleans it up',
        '      # TODO createdAt: YYYY-MM-DD',
        '      # TODO expiresAt: YYYY-MM-DD (release and experiment flags)',
        '',
        '# end of flags',
        '',
      ].join('\n'),
    );
    const before = read(root, 'flags.yaml');
    expect(runBin(['init'], { cwd: root }).status).toBe(0);
    expect(read(root, 'flags.yaml')).toBe(before);
  });

  it('--from-manifest: a flagd file is left as it is and the config points at it; no skeleton', () => {
    const flagd = JSON.stringify(
      { flags: { 'new-checkout': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' } } },
      null,
      2,
    );
    const root = project({
      'package.json': PACKAGE_JSON,
      'src/ld.ts': LAUNCHDARKLY_CLIENT,
      'src/banner.ts': BANNER,
      'flags/flagd.json': flagd,
    });
    const result = runBin(['init', '--from-manifest', 'flags/flagd.json'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      [
        'Wrote flag-hygiene.config.json.',
        'flags/flagd.json: flagd flag definitions, left as it is; the config points at it.',
        '  1 referenced key it does not declare: report lists them as undeclared.',
        '',
      ].join('\n'),
    );
    expect(read(root, 'flags/flagd.json')).toBe(flagd);
    expect(existsSync(join(root, 'flags.yaml'))).toBe(false);
    expect(JSON.parse(read(root, 'flag-hygiene.config.json'))).toEqual({
      $schema: './node_modules/eslint-plugin-flag-hygiene/schema/flag-hygiene.config.schema.json',
      presets: ['launchdarkly'],
      manifest: 'flags/flagd.json',
    });
  });

  it('--dry-run prints the files it would write and writes nothing', () => {
    const root = project({ 'package.json': PACKAGE_JSON, 'src/ld.ts': LAUNCHDARKLY_CLIENT });
    const result = runBin(['init', '--dry-run', '--type', 'release'], { cwd: root });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      [
        'Would write flag-hygiene.config.json.',
        'Would write flags.yaml: 1 flag, no git history for createdAt.',
        '  Fill in its "# TODO" lines; `npx flag-hygiene check-manifest` lists what is still required.',
        '',
        '--- flag-hygiene.config.json (new)',
        '{',
      ].join('\n'),
    );
    expect(result.stdout).toContain(
      [
        '--- flags.yaml (new)',
        ...SKELETON_HEADER,
        'flags:',
        '  new-checkout:',
        '    type: release',
        '    # TODO owner: the team that cleans it up',
        '    # TODO createdAt: YYYY-MM-DD',
        '',
      ].join('\n'),
    );
    expect(existsSync(join(root, 'flag-hygiene.config.json'))).toBe(false);
    expect(existsSync(join(root, 'flags.yaml'))).toBe(false);
  });

  it('escapes every key it writes: colons, hashes, quotes and line breaks read back as written', () => {
    const keys = ['checkout: v2', 'promo #7', `it's "quoted"`, 'two\nlines', '- dash', 'null', '123'];
    const source = [
      "import { init } from 'launchdarkly-node-server-sdk';",
      "const client = init('k');",
      ...keys.map((key, i) => `export const f${i} = client.variation(${JSON.stringify(key)}, {}, false);`),
      '',
    ].join('\n');
    const root = project({ 'package.json': PACKAGE_JSON, 'src/odd.ts': source });
    const result = runBin(['init'], { cwd: root });
    expect(result.stderr).toBe('');
    const parsed = parseManifestText(read(root, 'flags.yaml'));
    if (Array.isArray(parsed)) throw new Error(`flags.yaml does not parse: ${JSON.stringify(parsed)}`);
    // Each key is a flag of its own, with nothing else read into it: the missing fields alone.
    const flags = (parsed.data as { flags: Record<string, unknown> }).flags;
    expect(Object.keys(flags).sort()).toEqual([...keys].sort());
    for (const entry of Object.values(flags)) expect(entry).toEqual({});
  });

  it('with no SDK among the dependencies, uses the seed preset and says to add accessors', () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'plain' }),
      'src/a.js': "export const on = flags.get('beta');\n",
      'eslint.config.cjs': 'module.exports = [];\n',
    });
    const result = runBin(['init', '--dry-run'], { cwd: root });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^Presets:\n {2}seed {2}no feature-flag SDK among the dependencies\n {2}seed matches flags\.get\(KEY\) only: add your flag API to "accessors" in flag-hygiene\.config\.json \(see the calls below and docs\/settings\.md\)\.\n\nReferences: 1 in 1 file, 1 flag key\n {2}seed: 1 reference\n {4}1 {2}flags\.get\(\$KEY\)\n/,
    );
    // flags.get('beta') has the shape, but the seed pattern made it a reference already.
    expect(result.stdout).toContain('\nCalls that look like flag reads but match no pattern: none\n');
    expect(result.stdout).toContain(
      [
        'ESLint: add to eslint.config.cjs',
        '// eslint.config.cjs',
        "const flagHygiene = require('eslint-plugin-flag-hygiene');",
        '',
        'module.exports = [',
        '  flagHygiene.configs.recommended,',
        '  flagHygiene.settings({ presets: ["seed"], manifest: "flags.yaml" }),',
        '];',
        '',
      ].join('\n'),
    );
  });

  it('reads a pnpm workspace: the SDK a package of pnpm-workspace.yaml depends on picks the preset', () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'mono', private: true }),
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - '!packages/legacy'\n",
      'packages/front-end/package.json': JSON.stringify({ name: 'front-end', dependencies: { '@growthbook/growthbook-react': '^1.0.0' } }),
      'packages/legacy/package.json': JSON.stringify({ name: 'legacy', dependencies: { 'unleash-client': '^6.0.0' } }),
      'packages/front-end/src/a.ts': 'export const x = 1;\n',
    });
    const result = runBin(['init', '--dry-run'], { cwd: root });
    expect(result.stdout).toMatch(/^Presets:\n {2}growthbook {2}@growthbook\/growthbook-react in packages\/front-end\/package\.json\n\n/);
  });

  it('reads the workspaces and suggests a legacy config beside an .eslintrc', () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'mono', workspaces: ['packages/*'], devDependencies: { typescript: '^5.8.0' } }),
      'packages/web/package.json': JSON.stringify({ name: 'web', dependencies: { '@openfeature/web-sdk': '^1.0.0' } }),
      'packages/web/src/a.ts': "export const on = (client: any) => client.getBooleanValue('beta', false);\n",
      '.eslintrc.json': '{}\n',
    });
    const result = runBin(['init', '--dry-run'], { cwd: root });
    expect(result.stdout).toMatch(/^Presets:\n {2}openfeature {2}@openfeature\/web-sdk in packages\/web\/package\.json\n/);
    expect(result.stdout).toContain(
      [
        'ESLint: add to .eslintrc.json',
        '{',
        '  "overrides": [',
        '    {',
        '      "files": [',
        '        "*.ts",',
        '        "*.tsx"',
        '      ],',
        '      "parser": "@typescript-eslint/parser"',
        '    }',
        '  ],',
        '  "extends": [',
        '    "plugin:flag-hygiene/recommended-legacy"',
        '  ],',
        '  "settings": {',
        '    "flag-hygiene": {',
        '      "presets": [',
        '        "openfeature"',
        '      ],',
        '      "manifest": "flags.yaml"',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('a package.json that is not JSON is one line naming the file and position, status 2', () => {
    const root = project({ 'package.json': '{\n  "name": "x",\n}\n' });
    const result = runBin(['init'], { cwd: root });
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^flag-hygiene: package\.json:3:1: not valid JSON: [^\n]+\n$/);
    expect(result.status).toBe(2);
  });
});
