import { spawnSync } from 'node:child_process';
import { isIsoDate, type IsoDate } from '../dates.js';

/** `git log -S` reads the whole history once per key: beyond this many keys, init leaves createdAt to the user. */
export const MAX_HISTORY_KEYS = 200;
/** One pickaxe search on a large history can take long; a slower one gives no date rather than a stuck init. */
const GIT_TIMEOUT_MS = 60_000;

function git(root: string, args: readonly string[]): string | undefined {
  const result = spawnSync('git', ['--no-pager', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: GIT_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  return result.status === 0 ? result.stdout : undefined;
}

/** True when `root` is inside a git work tree with at least one commit. */
export function hasGitHistory(root: string): boolean {
  return git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']) !== undefined;
}

/**
 * For each key, the author date of the first commit that added text containing it (`git log
 * --reverse -S<key>` over the root's folder): when the flag first appeared. A key no commit
 * contains (not committed yet) has no date.
 */
export function firstCommitDates(root: string, keys: readonly string[]): Map<string, IsoDate> {
  const dates = new Map<string, IsoDate>();
  for (const key of keys) {
    if (key.includes('\0')) continue; // No process argument can hold it.
    // -S<key> as one argument, and no shell: the key is never read as an option or a command.
    const output = git(root, ['log', '--reverse', '--no-textconv', '--format=%as', `-S${key}`, '--', '.']);
    const first = output?.split('\n', 1)[0]?.trim();
    if (first !== undefined && isIsoDate(first)) dates.set(key, first);
  }
  return dates;
}
