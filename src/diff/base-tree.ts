import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { globMatcher } from '../config/globs.js';
import { staysInside, toPosixRelative } from '../posix-path.js';
import { listTreeBlobs, readBlobs, type GitLocation } from './git.js';

/**
 * Files the scanner reads besides the included sources: the tsconfig files the module resolver
 * takes `paths` aliases from (and what they extend), package.json files (and pnpm-workspace.yaml)
 * that name the workspace's packages, and the .gitignore files that discovery honours.
 */
const CONFIG_FILE = /(?:^|\/)(?:[tj]sconfig[^/]*\.json|package\.json|pnpm-workspace\.ya?ml|\.gitignore)$/;

export interface BaseTreeInput {
  /** The scan root (the config's folder) and where it sits in the repository. */
  root: string;
  location: GitLocation;
  commit: string;
  include: readonly string[];
  exclude: readonly string[];
  /** The working tree's manifest, whose version at the base is wanted too. */
  manifestPath: string | undefined;
  /** An empty folder to write the copy into. */
  into: string;
}

export interface BaseTree {
  /** The scan root inside the copy. */
  root: string;
  /** The manifest as it was at the base, when the base has it. */
  manifestPath: string | undefined;
  files: number;
}

/**
 * Writes the files of a commit that a scan of `root` would read into a folder that mirrors the
 * repository, from git's objects (no checkout, one process for all contents): the sources the
 * include globs select and the exclude globs do not, the config files the scanner reads, and
 * the manifest.
 */
export async function writeBaseTree(input: BaseTreeInput): Promise<BaseTree> {
  const { location } = input;
  const isIncluded = globMatcher(input.include);
  const isExcluded = globMatcher(input.exclude);
  // The manifest is found by where it sits in the repository; it may lie outside the root.
  const manifestFromTop =
    input.manifestPath === undefined
      ? undefined
      : posix.normalize(location.prefix + toPosixRelative(input.root, resolve(input.root, input.manifestPath)));
  const manifest = manifestFromTop !== undefined && staysInside(manifestFromTop) ? manifestFromTop : undefined;
  const wanted = listTreeBlobs(input.root, input.commit).filter(({ path }) => {
    if (path === manifest) return true;
    if (!path.startsWith(location.prefix)) return false;
    const fromRoot = path.slice(location.prefix.length);
    return !isExcluded(fromRoot) && (isIncluded(fromRoot) || CONFIG_FILE.test(fromRoot));
  });
  const pathsByOid = new Map<string, string[]>();
  for (const { path, oid } of wanted) {
    // A path from git never climbs out, but the copy is written by it: check anyway.
    if (!staysInside(path)) continue;
    const paths = pathsByOid.get(oid);
    if (paths) paths.push(path);
    else pathsByOid.set(oid, [path]);
  }
  const madeFolders = new Set<string>();
  await readBlobs(input.root, [...pathsByOid.keys()], (oid, content) => {
    for (const path of pathsByOid.get(oid) ?? []) {
      const file = join(input.into, path);
      const folder = dirname(file);
      if (!madeFolders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        madeFolders.add(folder);
      }
      writeFileSync(file, content);
    }
  });
  const root = join(input.into, location.prefix);
  mkdirSync(root, { recursive: true });
  const hasManifest = manifest !== undefined && wanted.some(({ path }) => path === manifest);
  return { root, manifestPath: hasManifest ? join(input.into, manifest) : undefined, files: wanted.length };
}
