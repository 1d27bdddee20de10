import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../dist/src/cli/bin.js', import.meta.url));

export interface BinResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `flag-hygiene` binary the way CI would: a child process, no colour. */
export function runBin(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): BinResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
