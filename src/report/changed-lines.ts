import { execFileSync } from 'node:child_process';
import { UserError } from '../errors.js';

/** Lines changed since a git ref, per file (relative to the repository's working tree, `/`-separated). */
export type ChangedLines = ReadonlyMap<string, ReadonlySet<number> | 'all'>;

function git(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('git', [...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim().split('\n')[0];
    throw new UserError({ message: `--changed-since: git ${args[0]} failed: ${stderr || (error as Error).message}` });
  }
}

/** Parses `git diff --unified=0` output into the new-side line numbers of each file. */
export function parseUnifiedDiff(diff: string): Map<string, Set<number>> {
  const changed = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const path = line.slice(4).trim();
      if (path === '/dev/null') {
        current = undefined;
        continue;
      }
      const file = path.replace(/^b\//, '');
      current = changed.get(file) ?? new Set<number>();
      changed.set(file, current);
    } else if (line.startsWith('@@') && current !== undefined) {
      const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!match) continue;
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      for (let offset = 0; offset < count; offset++) current.add(start + offset);
    }
  }
  return changed;
}

/**
 * Lines added or changed between `ref` and the working tree, and untracked files as a whole, with
 * paths relative to `root` (the config's folder) so they match the report's paths.
 */
export function changedLinesSince(ref: string, root: string): ChangedLines {
  const top = git(['rev-parse', '--show-toplevel'], root).trim();
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  } catch {
    throw new UserError({ message: `--changed-since: '${ref}' is not a commit in this repository` });
  }
  const prefix = git(['rev-parse', '--show-prefix'], root).trim();
  const result = new Map<string, ReadonlySet<number> | 'all'>();
  const strip = (path: string) => (prefix !== '' && path.startsWith(prefix) ? path.slice(prefix.length) : prefix === '' ? path : undefined);
  for (const [file, lines] of parseUnifiedDiff(git(['diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-renames', ref, '--'], top))) {
    const relative = strip(file);
    if (relative !== undefined) result.set(relative, lines);
  }
  for (const file of git(['ls-files', '--others', '--exclude-standard', '--full-name'], top).split('\n')) {
    const relative = file === '' ? undefined : strip(file);
    if (relative !== undefined) result.set(relative, 'all');
  }
  return result;
}

export function isChanged(changed: ChangedLines, file: string, line: number): boolean {
  const lines = changed.get(file);
  return lines === 'all' || (lines !== undefined && lines.has(line));
}
