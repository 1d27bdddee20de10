import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyVectors, isFeatureEnabled, type VectorRow } from '../../src/evaluator/index.js';
import { REPO_ROOT, runBin } from './run-bin.js';

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
});
