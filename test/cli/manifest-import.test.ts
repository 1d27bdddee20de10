import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readManifestText } from '../../src/manifest/index.js';
import { REPO_ROOT, runBin } from '../helpers/run-bin.js';

/* `flag-hygiene manifest import` and `check-manifest` on other formats, through the built binary. */

const FIXTURES = 'test/manifest/formats/fixtures';

let dir: string | undefined;
function tempDir(): string {
  dir = mkdtempSync(join(tmpdir(), 'flag-hygiene-import-'));
  return dir;
}
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('flag-hygiene manifest import', () => {
  it('--from flagd writes our YAML to stdout: carried over, with TODOs for what flagd lacks', () => {
    const result = runBin(['manifest', 'import', '--from', 'flagd', `${FIXTURES}/flagd.flags.json`]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^# Imported by flag-hygiene from flagd\.flags\.json \(flagd flag definitions\)\.\n/);
    expect(result.stdout).toContain(
      [
        '  checkout-v2:',
        '    type: release',
        '    owner: payments-team',
        '    createdAt: 2026-05-01',
        '    expiresAt: 2026-08-01',
        '    ticket: PAY-123',
        '    enabled: true',
        '    rolloutPercentage: 25',
        '',
      ].join('\n'),
    );
    expect(result.stdout).toContain(
      ['  beta-pricing:', '    type: experiment', '    owner: storefront-team', '    # TODO createdAt: YYYY-MM-DD', ''].join('\n'),
    );
    const { manifest } = readManifestText(result.stdout, 'flags.yaml', 'flag-hygiene');
    expect(manifest!.format).toBe('flag-hygiene');
  });

  it('--from unleash and --from openfeature', () => {
    const unleash = runBin(['manifest', 'import', '--from', 'unleash', `${FIXTURES}/unleash.features-batch-export.json`]);
    expect(unleash.status).toBe(0);
    expect(unleash.stdout).toContain(
      [
        '  disable-recommendations:',
        '    type: operational',
        '    # TODO owner: the team that cleans it up',
        '    # TODO createdAt: YYYY-MM-DD',
        '',
      ].join('\n'),
    );
    const openfeature = runBin(['manifest', 'import', '--from', 'openfeature', `${FIXTURES}/openfeature.flags.json`]);
    expect(openfeature.status).toBe(0);
    expect(openfeature.stdout).toContain(
      [
        '  enableNewCheckout:',
        '    # TODO type: release | operational | experiment | permission',
        '    # TODO owner: the team that cleans it up',
        '    # TODO createdAt: YYYY-MM-DD',
        '    # TODO expiresAt: YYYY-MM-DD (release and experiment flags)',
        '    description: Route buyers through the rebuilt checkout.',
        '    # enabled / rolloutPercentage: not carried over',
        '',
      ].join('\n'),
    );
  });

  it('--output writes the file instead, creating its folder', () => {
    const output = join(tempDir(), 'config', 'flags.yaml');
    const result = runBin(['manifest', 'import', '--from', 'unleash', `${FIXTURES}/unleash.state-export.json`, '--output', output]);
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(output, 'utf8')).toContain('  maintenance-mode:\n    type: operational\n');
  });

  it('a flagd file as flagd writes them: the import lists only its TODO fields as missing, and validates once they are filled in', () => {
    // After flagd's own playground: string and object variants, `if` and `fractional` targeting,
    // `$ref`s to `$evaluators`, null variants, and flag-set metadata that maps to nothing here.
    const flagd = {
      $schema: 'https://flagd.dev/schema/v0/flags.json',
      metadata: { flagSetId: 'storefront', version: 'v7' },
      flags: {
        'show-welcome-banner': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' },
        'background-color': {
          state: 'ENABLED',
          variants: { red: '#FF0000', blue: '#0000FF', green: '#00FF00' },
          defaultVariant: 'red',
          targeting: { if: [{ '===': [{ var: 'company' }, 'initech'] }, 'green'] },
          metadata: { team: 'web' },
        },
        'fib-algo': {
          state: 'ENABLED',
          variants: { recursive: 'recursive', memo: 'memo', loop: 'loop', binet: 'binet' },
          defaultVariant: 'recursive',
          targeting: { if: [{ $ref: 'emailWithFaas' }, 'binet', null] },
        },
        'use-remote-fib-service': {
          state: 'ENABLED',
          variants: { on: true, off: false },
          defaultVariant: 'off',
          targeting: { if: [{ $ref: 'emailWithFaas' }, 'on', 'off'] },
        },
        'checkout-layout': { state: 'ENABLED', variants: { compact: { columns: 1 }, wide: { columns: 2 } }, defaultVariant: null },
        'new-checkout': {
          state: 'ENABLED',
          variants: { on: true, off: false },
          defaultVariant: 'on',
          targeting: { fractional: [{ cat: [{ var: '$flagd.flagKey' }, { var: 'email' }] }, ['on', 25], ['off', 75]] },
          metadata: { owner: 'payments', type: 'release', createdAt: '2026-05-01', expiresAt: '2026-09-01', ticket: 'PAY-9' },
        },
        'legacy-search': {
          state: 'DISABLED',
          variants: { on: true, off: false },
          defaultVariant: 'on',
          metadata: { owner: 'search', type: 'kill-switch', createdAt: '2025-01-01' },
        },
      },
      $evaluators: { emailWithFaas: { in: ['@faas.com', { var: ['email'] }] } },
    };
    const root = tempDir();
    writeFileSync(join(root, 'flags.flagd.json'), JSON.stringify(flagd, null, 2));
    expect(runBin(['manifest', 'import', '--from', 'flagd', 'flags.flagd.json', '--output', 'flags.yaml'], { cwd: root })).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
    const text = readFileSync(join(root, 'flags.yaml'), 'utf8');

    // Each flag's required fields that flagd does not carry, at the flag's key; nothing else.
    const lacking: [string, string[]][] = [
      ['show-welcome-banner', ['type', 'owner', 'createdAt']],
      ['background-color', ['type', 'createdAt']],
      ['fib-algo', ['type', 'owner', 'createdAt']],
      ['use-remote-fib-service', ['type', 'owner', 'createdAt']],
      ['checkout-layout', ['type', 'owner', 'createdAt']],
    ];
    const lineOf = (key: string) => text.split('\n').indexOf(`  ${key}:`) + 1;
    const expected = lacking.flatMap(([key, fields]) =>
      fields.map((field) => `flag-hygiene: flags.yaml:${lineOf(key)}:3: flag "${key}", field "${field}": is required\n`),
    );
    expect(runBin(['check-manifest', 'flags.yaml'], { cwd: root })).toEqual({ status: 2, stdout: '', stderr: expected.join('') });

    // What the header says to do: fill each TODO line in and uncomment it.
    const filled = text
      .replaceAll('# TODO type: release | operational | experiment | permission', 'type: operational')
      .replaceAll('# TODO owner: the team that cleans it up', 'owner: storefront')
      .replaceAll('# TODO createdAt: YYYY-MM-DD', 'createdAt: 2026-01-01');
    writeFileSync(join(root, 'flags.yaml'), filled);
    expect(runBin(['check-manifest', 'flags.yaml'], { cwd: root })).toEqual({
      status: 0,
      stdout: 'flags.yaml: 7 flags, valid\n',
      stderr: '',
    });
  });

  it('a malformed source is a manifest error: file:line:column, flag and field, status 2', () => {
    const path = join(tempDir(), 'flags.flagd.json');
    writeFileSync(path, '{\n  "flags": {\n    "checkout": { "state": "ON", "variants": { "on": true }, "defaultVariant": "on" }\n  }\n}\n');
    const result = runBin(['manifest', 'import', '--from', 'flagd', path]);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: `flag-hygiene: ${path}:3:28: flag "checkout", field "state": must be ENABLED or DISABLED, got the string "ON"\n`,
    });
  });

  it('a file that is not of the --from format says what that format needs', () => {
    const result = runBin(['manifest', 'import', '--from', 'unleash', `${FIXTURES}/flagd.flags.json`], { cwd: REPO_ROOT });
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: `flag-hygiene: ${FIXTURES}/flagd.flags.json:1:1: field "features": is required\n`,
    });
  });

  it.each([
    [
      ['manifest', 'import', `${FIXTURES}/flagd.flags.json`],
      'flag-hygiene: manifest import: --from is required: one of openfeature, flagd, unleash\n',
    ],
    [
      ['manifest', 'import', '--from', 'launchdarkly', 'flags.json'],
      "flag-hygiene: manifest import: --from must be one of openfeature, flagd, unleash, got 'launchdarkly'\n",
    ],
    [['manifest', 'import', '--from', 'flagd'], 'flag-hygiene: manifest import: missing argument: the file to import\n'],
    [
      ['manifest', 'export', 'flags.json'],
      "flag-hygiene: manifest: unknown subcommand 'export'; use: flag-hygiene manifest import --from openfeature|flagd|unleash <file>\n",
    ],
    [
      ['manifest'],
      "flag-hygiene: manifest: missing argument: import --from openfeature|flagd|unleash <file> (see 'flag-hygiene manifest --help')\n",
    ],
  ])('%j is a usage error', (args, stderr) => {
    expect(runBin(args)).toEqual({ status: 2, stdout: '', stderr });
  });

  it('a missing file is a manifest error', () => {
    const result = runBin(['manifest', 'import', '--from', 'flagd', 'no-such-flags.json']);
    expect(result).toEqual({ status: 2, stdout: '', stderr: 'flag-hygiene: no-such-flags.json: manifest not found\n' });
  });

  it('--help describes the subcommand and its options; the tool lists the command', () => {
    const help = runBin(['manifest', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: flag-hygiene manifest import --from openfeature\|flagd\|unleash <file> \[options\]/);
    expect(help.stdout).toContain('--from <openfeature|flagd|unleash>');
    expect(help.stdout).toContain('--output <file>');
    expect(runBin(['--help']).stdout).toMatch(/^ {2}manifest +import flag definitions from OpenFeature, flagd or Unleash$/m);
  });
});

describe('flag-hygiene check-manifest on other formats', () => {
  it('a valid flagd file exits 0, listing what each flag lacks and what needs it', () => {
    const result = runBin(['check-manifest', `${FIXTURES}/flagd.flags.json`]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        `${FIXTURES}/flagd.flags.json: 7 flags (flagd flag definitions), valid`,
        'Per flag, what this format does not carry (never invented):',
        '  new-welcome-banner: lacks expiresAt, enabled; state unknown: its targeting rules decide whether it is on, per evaluation context',
        '  beta-pricing: lacks createdAt, expiresAt',
        '  header-color: lacks type, createdAt, expiresAt, enabled; state unknown: it serves string variants, not on and off',
        'What needs each missing field (not concluded without it):',
        '  type:      fully-rolled-out and always-off (release and experiment flags only), no-remote-kill-switch (operational flags)',
        '  createdAt: fully-rolled-out (the age of a release flag)',
        '  expiresAt: expired, no-expired-flag',
        '  enabled:   fully-rolled-out, always-off, and the path to keep',
        '',
      ].join('\n'),
    );
  });

  it('an Unleash export: no owner anywhere, stale flags noted', () => {
    const result = runBin(['check-manifest', `${FIXTURES}/unleash.state-export.json`]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('  old-onboarding: lacks owner, expiresAt; marked stale in Unleash\n');
    expect(result.stdout).toContain('  owner:     no-expired-flag messages, report grouping (--group-by owner)\n');
  });

  it("the config's manifestFormat is used for the config's manifest", () => {
    const root = tempDir();
    writeFileSync(join(root, 'flags.yaml'), readFileSync(join(REPO_ROOT, FIXTURES, 'flagd.flags.yaml')));
    writeFileSync(join(root, 'flag-hygiene.config.json'), JSON.stringify({ manifest: 'flags.yaml', manifestFormat: 'flag-hygiene' }));
    const forced = runBin(['check-manifest'], { cwd: root });
    expect(forced.status).toBe(2);
    expect(forced.stderr).toContain('flag-hygiene: flags.yaml:5:3: flag "one-click-buy", field "type": is required\n');
    writeFileSync(join(root, 'flag-hygiene.config.json'), JSON.stringify({ manifest: 'flags.yaml', manifestFormat: 'flagd' }));
    const flagd = runBin(['check-manifest'], { cwd: root });
    expect(flagd).toEqual({ status: 0, stdout: 'flags.yaml: 1 flag (flagd flag definitions), valid\n', stderr: '' });
  });

  it('report reads a flagd manifest: its reasons, and no invented owner', () => {
    const root = tempDir();
    writeFileSync(join(root, 'flags.json'), readFileSync(join(REPO_ROOT, FIXTURES, 'flagd.flags.json')));
    writeFileSync(join(root, 'flag-hygiene.config.json'), JSON.stringify({ manifest: 'flags.json', today: '2026-11-28' }));
    writeFileSync(
      join(root, 'app.ts'),
      "declare const flags: { get(key: string): boolean };\nexport const dark = flags.get('dark-mode');\n",
    );
    const result = runBin(['report', '--format', 'json', '--fail-on', 'none', '--no-cache', '--no-progress', '--workers', '0'], {
      cwd: root,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { flags: { key: string; owner: string | null; reasons: string[]; keep: string | null }[] };
    const byKey = new Map(report.flags.map((flag) => [flag.key, flag]));
    expect(byKey.get('dark-mode')).toMatchObject({ owner: 'storefront-team', reasons: ['fully-rolled-out'], keep: 'on' });
    expect(byKey.get('legacy-search')).toMatchObject({ reasons: ['expired', 'always-off', 'unreferenced'], keep: 'off' });
    expect(byKey.get('header-color')).toMatchObject({ reasons: ['unreferenced'] });
  });
});
