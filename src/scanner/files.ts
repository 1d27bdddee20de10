import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob } from 'tinyglobby';
import murmurhash from 'murmurhash';
import { globMatcher, literalGlob } from '../config/globs.js';
import { UserError } from '../errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface DiscoverOptions {
  root: string;
  include: readonly string[];
  exclude: readonly string[];
  /** Files or folders to scan instead of the whole root (relative to `cwd`). */
  paths?: readonly string[];
  cwd: string;
  shard?: Shard;
}

const SOURCE_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** A path relative to the root, with `/` separators, as every output prints paths. */
export function toPosixRelative(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

/**
 * Every tsconfig.json under the root (outside node_modules): the module resolver reads the nearest
 * one of each file, so together they say which package names can be aliases of project code.
 */
export async function findTsconfigFiles(root: string): Promise<string[]> {
  const found = await glob(['**/tsconfig.json'], { cwd: root, absolute: true, dot: false, ignore: ['**/node_modules/**'], expandDirectories: false });
  return found.sort();
}

/** Parses `--shard i/n`. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UserError({ message: `--shard must be i/n with 1 <= i <= n, got '${value}'` });
  }
  return { index, count };
}

/** Which shard a file belongs to: by a hash of its relative path, so adding files moves no others. */
export function shardOf(relativePath: string, count: number): number {
  return (murmurhash.v3(relativePath, 0) % count) + 1;
}

/** The .gitignore files of the tree, each applying to its own folder. */
async function gitignoreMatchers(root: string): Promise<{ base: string; matcher: Ignore }[]> {
  const files = await glob(['**/.gitignore'], { cwd: root, ignore: ['**/node_modules/**'], dot: true, absolute: true, followSymbolicLinks: false });
  return files.sort().map((file) => ({ base: dirname(file), matcher: ignore().add(readFileSync(file, 'utf8')) }));
}

function ignoredByGit(file: string, matchers: readonly { base: string; matcher: Ignore }[]): boolean {
  for (const { base, matcher } of matchers) {
    const path = relative(base, file);
    if (path.startsWith('..') || isAbsolute(path)) continue;
    if (matcher.ignores(path.split(sep).join('/'))) return true;
  }
  return false;
}

/**
 * The files to scan, sorted: `include` globs under the root (or the given paths), minus `exclude`,
 * minus what .gitignore files ignore, in this shard. Symbolic links are not followed, so a link
 * loop cannot trap the walk.
 */
export async function discoverFiles(options: DiscoverOptions): Promise<string[]> {
  const { root } = options;
  const isExcluded = globMatcher(options.exclude);
  // Extglobs off, as for every settings glob (see config/globs.ts).
  const [include, exclude] = [options.include.map(literalGlob), options.exclude.map(literalGlob)];
  const walk = (cwd: string) => glob(include, { cwd, ignore: exclude, absolute: true, dot: true, extglob: false, followSymbolicLinks: false });
  let candidates: string[];
  if (options.paths && options.paths.length > 0) {
    candidates = [];
    for (const path of options.paths) {
      const absolute = resolve(options.cwd, path);
      let stat;
      try {
        stat = statSync(absolute);
      } catch {
        throw new UserError({ file: path, message: 'no such file or folder' });
      }
      if (stat.isDirectory()) {
        candidates.push(...(await walk(absolute)));
      } else {
        candidates.push(absolute);
      }
    }
  } else {
    candidates = await walk(root);
  }
  const matchers = await gitignoreMatchers(root);
  const files = new Set<string>();
  for (const file of candidates) {
    const fromRoot = toPosixRelative(root, file);
    const insideRoot = !fromRoot.startsWith('../') && !isAbsolute(fromRoot);
    if (insideRoot && (isExcluded(fromRoot) || ignoredByGit(file, matchers))) continue;
    if (!SOURCE_EXTENSION.test(file) || DECLARATION_FILE.test(file)) continue;
    if (options.shard && shardOf(insideRoot ? fromRoot : file, options.shard.count) !== options.shard.index) continue;
    files.add(file);
  }
  return [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
