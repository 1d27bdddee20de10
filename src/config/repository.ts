import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isInside } from '../posix-path.js';

/**
 * The repository a folder belongs to: the nearest folder from it upwards that holds `.git` (a
 * folder, or the file of a worktree or submodule), else the folder itself.
 */
export function repositoryRootOf(folder: string): string {
  const start = resolve(folder);
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, '.git'))) return directory;
    if (dirname(directory) === directory) return start;
  }
}

/**
 * `path` with its symlinks followed; a part that does not exist, as written. Undefined for an entry
 * that exists but cannot be resolved (a link into /proc naming a socket, a loop, no permission):
 * where it leads cannot be told.
 */
function realPathOf(path: string): string | undefined {
  const absolute = resolve(path);
  try {
    return realpathSync.native(absolute);
  } catch {
    try {
      lstatSync(absolute);
      return undefined;
    } catch {
      // Not there at all: reading it later finds nothing, wherever its folder leads.
    }
    const parent = dirname(absolute);
    if (parent === absolute) return absolute;
    const realParent = realPathOf(parent);
    return realParent === undefined ? undefined : join(realParent, basename(absolute));
  }
}

/**
 * Whether `path`, symlinks followed, is inside `repository` (symlinks followed too). A manifest
 * named in a config file or in ESLint settings must be: both come from the scanned repository,
 * which must not get to make the tool read a file elsewhere (a credentials file) and show it.
 */
export function resolvesInside(repository: string, path: string): boolean {
  const realRepository = realPathOf(repository) ?? resolve(repository);
  const realPath = realPathOf(path);
  return realPath !== undefined && isInside(realRepository, realPath);
}
