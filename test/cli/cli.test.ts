import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyVectors, isFeatureEnabled, type VectorRow } from '../../src/evaluator/index.js';
import { temporaryDir } from '../helpers/scanner-fixtures.js';
import { BIN, REPO_ROOT, runBin } from '../helpers/run-bin.js';
import { BANNER_TS, OLD_BANNER_YAML } from '../helpers/old-banner.js';

const packageJson = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { version: string };

describe('flag-hygiene (built binary)', () => {
  it('--version prints the package version', () => {
    const result = runBin(['--version']);
    expect(result).toEqual({ status: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it('--help lists the commands and the exit statuses', () => {
    const result = runBin(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: flag-hygiene <command> \[options\]/);
    expect(result.stdout).toMatch(/^ {2}vectors +consistency vectors/m);
    expect(result.stdout).toContain('Exit status: 0 clean, 1 findings');
  });

  it('no command prints the help on stderr and exits 2', () => {
    const result = runBin([]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Usage: flag-hygiene/);
  });

  it.each([
    [['frobnicate'], "flag-hygiene: unknown command 'frobnicate' (see 'flag-hygiene --help')\n"],
    [['--frobnicate'], "flag-hygiene: unknown option '--frobnicate' (see 'flag-hygiene --help')\n"],
    [['vectors', '--frobnicate'], "flag-hygiene: vectors: unknown option '--frobnicate' (see 'flag-hygiene vectors --help')\n"],
    [['vectors', '--users'], "flag-hygiene: vectors: option '--users' needs a value (see 'flag-hygiene vectors --help')\n"],
    [['vectors', '--users', 'many'], "flag-hygiene: vectors: --users must be a whole number from 1 to 100000, got 'many'\n"],
    [['vectors', '--format', 'xml'], "flag-hygiene: vectors: --format must be one of json, csv, got 'xml'\n"],
    [['vectors', 'extra'], "flag-hygiene: vectors: unexpected argument 'extra' (see 'flag-hygiene vectors --help')\n"],
  ])('%j is a usage error: one line on stderr, status 2', (args, stderr) => {
    const result = runBin(args);
    expect(result).toEqual({ status: 2, stdout: '', stderr });
  });

  it('vectors --help describes the command and its options', () => {
    const result = runBin(['vectors', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: flag-hygiene vectors \[options\]/);
    for (const option of ['--users <N>', '--seed <S>', '--format <json|csv>', '-h, --help']) {
      expect(result.stdout).toContain(option);
    }
  });

  it('vectors --format json emits rows the reference evaluator confirms', () => {
    const result = runBin(['vectors', '--users', '12', '--seed', '3']);
    expect(result.status).toBe(0);
    const { vectors } = JSON.parse(result.stdout) as { vectors: VectorRow[] };
    // 8 built-in flags, 12 ids each, plus two boundary rows per flag.
    expect(vectors).toHaveLength(8 * 14);
    expect(verifyVectors(vectors, (flag, context) => isFeatureEnabled(flag, context)).mismatches).toEqual([]);
  });

  it('vectors --format csv emits a header and one line per row', () => {
    const result = runBin(['vectors', '--users', '2', '--format', 'csv']);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\r\n');
    expect(lines[0]).toBe('flag,unitId,bucket,enabled,flagEnabled,killSwitch,rolloutPercentage,targetSegments,segment');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 8 * 4 + 1);
  });

  it.each([
    [['scan', '--config', '--no-progress'], 'scan', '--config'],
    [['report', '--inventory', '--no-cache'], 'report', '--inventory'],
    [['remove', 'x', '--keep', '--dry-run'], 'remove', '--keep'],
    [['scan', '--config='], 'scan', '--config'],
  ])('%j: a forgotten option value is named as such', (args, command, option) => {
    expect(runBin(args)).toEqual({
      status: 2,
      stdout: '',
      stderr: `flag-hygiene: ${command}: option '${option}' needs a value (see 'flag-hygiene ${command} --help')\n`,
    });
  });

  // CONTRACTS.md, CLI: the common options, and the scanning ones where a command scans.
  it.each([
    ['scan', ['--config', '--manifest', '--today', '--format', '--no-progress', '--no-cache', '--cache-location', '--shard', '--workers']],
    [
      'report',
      [
        '--config',
        '--manifest',
        '--today',
        '--format',
        '--fail-on',
        '--changed-since',
        '--group-by',
        '--inventory',
        '--no-progress',
        '--no-cache',
        '--cache-location',
        '--shard',
        '--workers',
      ],
    ],
    ['check-manifest', ['--config', '--manifest', '--no-progress']],
    [
      'remove',
      ['--keep', '--dry-run', '--config', '--manifest', '--today', '--no-progress', '--no-cache', '--cache-location', '--workers'],
    ],
  ])('%s --help lists the options the contracts give it', (command, options) => {
    const help = runBin([command, '--help']);
    expect(help.status).toBe(0);
    for (const option of options) expect(help.stdout).toMatch(new RegExp(`^ +(?:-\\w, )?${option}\\b`, 'm'));
  });
});

describe('remove and check-manifest take the common options (built binary)', () => {
  function project(): { dir: string; cleanup: () => void } {
    const made = temporaryDir('cli-options');
    const files: Record<string, string> = {
      'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' }),
      'flags.yaml': OLD_BANNER_YAML,
      'src/\u001b[31mbanner.ts': BANNER_TS,
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(made.dir, path)), { recursive: true });
      writeFileSync(join(made.dir, path), content);
    }
    return made;
  }

  it('remove --dry-run with --no-progress, --workers and --cache-location; no control character in its output', () => {
    const { dir, cleanup } = project();
    try {
      const result = runBin(['remove', 'old_banner', '--dry-run', '--no-progress', '--workers', '0', '--cache-location', '.cache/fh'], {
        cwd: dir,
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Would remove flag "old_banner", keeping its on path:');
      expect(result.stdout).toContain('src/\\u001b[31mbanner.ts');
      // eslint-disable-next-line no-control-regex -- control characters are what is looked for
      expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(runBin(['remove', 'old_banner', '--workers', 'many'], { cwd: dir })).toEqual({
        status: 2,
        stdout: '',
        stderr: "flag-hygiene: remove: --workers must be a whole number from 0 to 64, got 'many'\n",
      });
    } finally {
      cleanup();
    }
  });

  it('remove says whether the result type-checks as well as the original; --no-verify skips the check', () => {
    const { dir, cleanup } = project();
    try {
      const verified = runBin(['remove', 'old_banner', '--dry-run', '--no-cache'], { cwd: dir });
      expect(verified.stderr).toBe('');
      expect(verified.stdout).toContain('\nType check: the result type-checks as well as the original did (1 file checked).\n');
      const skipped = runBin(['remove', 'old_banner', '--dry-run', '--no-cache', '--no-verify'], { cwd: dir });
      expect(skipped.status).toBe(0);
      expect(skipped.stdout).not.toContain('Type check');
      expect(runBin(['remove', '--help'], { cwd: dir }).stdout).toContain('--no-verify');
    } finally {
      cleanup();
    }
  });

  it('check-manifest --manifest is the [file] argument; both at once must agree', () => {
    const { dir, cleanup } = project();
    try {
      expect(runBin(['check-manifest', '--manifest', 'flags.yaml', '--no-progress'], { cwd: dir })).toEqual({
        status: 0,
        stdout: 'flags.yaml: 1 flag, valid\n',
        stderr: '',
      });
      expect(runBin(['check-manifest', 'flags.yaml', '--manifest', 'flags.yaml'], { cwd: dir }).status).toBe(0);
      expect(runBin(['check-manifest', 'flags.yaml', '--manifest', 'other.yaml'], { cwd: dir })).toEqual({
        status: 2,
        stdout: '',
        stderr: "flag-hygiene: check-manifest: two manifests given ('flags.yaml' and --manifest 'other.yaml'); check one at a time\n",
      });
    } finally {
      cleanup();
    }
  });
});

/** Runs the binary with its stdout going where `stdout` says: a pipe the reader closes at once, or an open file. */
function runWithStdout(args: readonly string[], stdout: 'closed pipe' | number): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      stdio: ['ignore', stdout === 'closed pipe' ? 'pipe' : stdout, 'pipe'],
    });
    // Like `| head` that has read all it wants before the report is written.
    if (stdout === 'closed pipe') child.stdout!.destroy();
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('output that cannot be written (built binary)', () => {
  const DEMO_REPORT = ['report', '--config', 'fixtures/demo/flag-hygiene.config.json', '--no-cache', '--no-progress'];

  it('a reader that stops early (report | head): no stack trace, the status the gate decided', async () => {
    expect(await runWithStdout([...DEMO_REPORT, '--fail-on', 'none'], 'closed pipe')).toEqual({ status: 0, stderr: '' });
    // The demo has an undeclared flag: the gate still fails, quietly.
    expect(await runWithStdout([...DEMO_REPORT, '--fail-on', 'undeclared'], 'closed pipe')).toEqual({ status: 1, stderr: '' });
    expect(await runWithStdout(['--help'], 'closed pipe')).toEqual({ status: 0, stderr: '' });
  });

  it('stdout on a full disk (/dev/full): one line, status 2', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      expect(await runWithStdout([...DEMO_REPORT, '--fail-on', 'none'], full)).toEqual({
        status: 2,
        stderr: 'flag-hygiene: cannot write to stdout (ENOSPC)\n',
      });
    } finally {
      closeSync(full);
    }
  });
});
