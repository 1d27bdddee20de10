import { basename, dirname, join, resolve } from 'node:path';
import picomatch from 'picomatch';
import { READ_LIMITS, readRegularJson, readRegularText } from '../bounded-read.js';
import { globProblem, includeGlobProblem, literalGlob } from '../config/globs.js';
import { jsYamlPackage } from '../lazy-packages.js';
import { isInside, toPosixRelative } from '../posix-path.js';
import { isStringList } from '../string-list.js';
import { listFolder, type Listing } from './folder-listings.js';
import { exportTargets } from './package-exports.js';
import { unbuiltSources } from './unbuilt-output.js';

/**
 * The packages of an npm, yarn, bun or pnpm workspace: a monorepo's packages import each other by
 * name (`import { KEY } from 'shared/flags'`), and the package manager links each name to its
 * folder in node_modules. TypeScript then follows the link to the folder's own source, so a key
 * constant, a wrapper or a caller in a sibling package is the project's code, not a package's.
 * Read from the root's package.json (`workspaces`, a list or `{ packages }`) and
 * pnpm-workspace.yaml (`packages`); found without node_modules, which a checkout may not have.
 */
export type WorkspacePackages = ReadonlyMap<string, string>;

export interface WorkspaceReads {
  /** A folder's entries (whether each is a plain file); undefined: unreadable. Default: listed afresh. */
  listing?: (folder: string) => Listing;
  /**
   * Hears each file read, and each folder listed when `listing` is not given, for a caller that
   * keeps the answer while none of them changes.
   */
  onRead?: (path: string) => void;
}

/** How deep a `**` of a workspace glob looks below where it stands. */
const MAX_GLOBSTAR_DEPTH = 6;
/** The extensions TypeScript tries, in its order, for a module path written without one. */
const TYPES_FIRST = ['.ts', '.tsx', '.d.ts', '.js', '.jsx'];
const MODULE_FILE = /\.(?:[cm]?[jt]sx?)$/;

/** The workspace globs of the root's package.json and pnpm-workspace.yaml (unreadable ones give none). */
function workspaceGlobs(root: string, listing: (folder: string) => Listing, heard: (path: string) => void): string[] {
  const names = listing(root);
  const globs: string[] = [];
  if (names?.has('package.json') === true) {
    const path = join(root, 'package.json');
    heard(path);
    const manifest = readRegularJson(path, READ_LIMITS.config)?.value as { workspaces?: unknown } | undefined;
    const workspaces = manifest?.workspaces;
    const list = isStringList(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages;
    if (isStringList(list)) globs.push(...list);
  }
  for (const name of ['pnpm-workspace.yaml', 'pnpm-workspace.yml']) {
    if (names?.has(name) !== true) continue;
    const path = join(root, name);
    heard(path);
    const read = readRegularText(path, READ_LIMITS.config);
    if ('problem' in read) continue;
    try {
      const packages = (jsYamlPackage().load(read.text) as { packages?: unknown } | null)?.packages;
      if (isStringList(packages)) globs.push(...packages);
    } catch {
      // A workspace file that does not parse lists no package; the package manager says why.
    }
  }
  return globs;
}

/** The folders under `root` one workspace glob (`packages/*`, `apps/**`, `tools/cli`) names. */
function globFolders(root: string, glob: string, listing: (folder: string) => Listing): string[] {
  const segments = glob
    .replace(/^\.\//, '')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.');
  const found: string[] = [];
  const subfolders = (folder: string) =>
    [...(listing(folder) ?? [])]
      .filter(([name, isFile]) => !isFile && !name.startsWith('.') && name !== 'node_modules')
      .map(([name]) => name)
      .sort();
  const walk = (folder: string, index: number, depth: number): void => {
    if (index === segments.length) {
      found.push(folder);
      return;
    }
    const segment = segments[index]!;
    if (segment === '**') {
      walk(folder, index + 1, depth);
      if (depth < MAX_GLOBSTAR_DEPTH) for (const name of subfolders(folder)) walk(join(folder, name), index, depth + 1);
      return;
    }
    if (!picomatch.scan(segment).isGlob) {
      if (listing(folder)?.get(segment) === false) walk(join(folder, segment), index + 1, depth);
      return;
    }
    const matches = picomatch(literalGlob(segment), { dot: false, noextglob: true });
    for (const name of subfolders(folder)) if (matches(name)) walk(join(folder, name), index + 1, depth);
  };
  walk(root, 0, 0);
  return found;
}

/**
 * The folders of the workspace's packages (those with a package.json), sorted; none when `root`
 * is not a workspace's root. `init` reads their dependencies to pick presets.
 */
export function workspaceFolders(root: string, reads: WorkspaceReads = {}): string[] {
  const heard = (path: string) => reads.onRead?.(path);
  const listing = reads.listing ?? ((folder: string) => (heard(folder), listFolder(folder)));
  const globs = workspaceGlobs(root, listing, heard).map((glob) => glob.trim().replace(/\/+$/, ''));
  // The globs come from the scanned repository: none may reach outside it or take long to match.
  const usable = (glob: string) => glob !== '' && globProblem(glob) === undefined && includeGlobProblem(glob) === undefined;
  const excluded = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1).replace(/^\.\//, ''));
  const isExcluded = excluded.some(usable)
    ? picomatch(excluded.filter(usable).map(literalGlob), { dot: false, noextglob: true })
    : () => false;
  const folders = globs.filter((glob) => !glob.startsWith('!') && usable(glob)).flatMap((glob) => globFolders(root, glob, listing));
  return [...new Set(folders)]
    .sort()
    .filter((folder) => !isExcluded(toPosixRelative(root, folder)) && listing(folder)?.has('package.json') === true);
}

/** The workspace's packages (see WorkspacePackages), or none when `root` is not a workspace's root. */
export function readWorkspacePackages(root: string, reads: WorkspaceReads = {}): WorkspacePackages {
  const packages = new Map<string, string>();
  for (const folder of workspaceFolders(root, reads)) {
    const path = join(folder, 'package.json');
    reads.onRead?.(path);
    const name = (readRegularJson(path, READ_LIMITS.config)?.value as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string' && name !== '' && !packages.has(name)) packages.set(name, folder);
  }
  return packages;
}

/** A bare specifier's package name and subpath: `@scope/ui/button` → `@scope/ui`, `./button`. */
export function packageSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  const parts = specifier.split('/');
  const length = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < length || parts.slice(0, length).some((part) => part === '' || part === '@')) return undefined;
  const rest = parts.slice(length).join('/');
  return { name: parts.slice(0, length).join('/'), subpath: rest === '' ? '.' : `./${rest}` };
}

/** How many folders one answer may pass through (`main` naming a folder whose `main` names …, or a link back up). */
const MAX_ENTRY_HOPS = 4;

/**
 * Where imports of workspace packages land: the file TypeScript's bundler resolution lands on
 * for `subpath` (`.`, `./flags`) of the package in `folder`, from its package.json and folder
 * listings: `exports` when the package has them (the `types`, `import` and `default`
 * conditions), else `typings`, `types` or `main` for the package itself and the file or folder
 * the subpath names; each path tried with TypeScript's extensions in its order, declarations
 * before JavaScript. A declaration file is an answer too: a package may keep `flags.d.ts` saying
 * `export * from './src/flags'` beside the JavaScript it builds, and the module graph follows the
 * re-export into the source. null: no file. Each package.json is read once.
 */
function workspaceTargets(
  listing: (folder: string) => Listing,
  onRead?: (path: string) => void,
): (folder: string, subpath: string) => string | null {
  const manifests = new Map<string, Record<string, unknown> | undefined>();
  const manifestOf = (packageFolder: string): Record<string, unknown> | undefined => {
    if (manifests.has(packageFolder)) return manifests.get(packageFolder);
    let manifest: Record<string, unknown> | undefined;
    if (listing(packageFolder)?.has('package.json') === true) {
      const path = join(packageFolder, 'package.json');
      onRead?.(path);
      const value = readRegularJson(path, READ_LIMITS.config)?.value;
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) manifest = value as Record<string, unknown>;
    }
    manifests.set(packageFolder, manifest);
    return manifest;
  };
  const fileAt = (target: string, hops: number): string | null => {
    const parent = dirname(target);
    const base = basename(target);
    const names = listing(parent);
    if (names === undefined) return null;
    const written = /\.([cm]?)(jsx?)$/.exec(base);
    if (written) {
      // `./flags.js` names `flags.ts` (or `.tsx`, `.d.ts`) when there is one, as TypeScript reads it.
      const stem = base.slice(0, -written[0].length);
      const m = written[1]!;
      const candidates =
        written[2] === 'jsx' ? ['.tsx', '.d.ts', '.jsx'] : [`.${m}ts`, ...(m === '' ? ['.tsx'] : []), `.d.${m}ts`, written[0]];
      const found = candidates.find((extension) => names.has(stem + extension));
      return found === undefined ? null : join(parent, stem + found);
    }
    if (names.get(base) === true && MODULE_FILE.test(base)) return join(parent, base);
    const extension = TYPES_FIRST.find((candidate) => names.has(base + candidate));
    if (extension !== undefined) return join(parent, base + extension);
    return names.has(base) ? entryOf(target, hops) : null;
  };
  /** A folder imported as a module: its package.json's fields, else its index. */
  const entryOf = (target: string, hops: number): string | null => {
    if (hops > MAX_ENTRY_HOPS || listing(target) === undefined) return null;
    const manifest = manifestOf(target);
    // As TypeScript: the first of `typings` and `types` that is a non-empty string, then `main`.
    const named = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    for (const field of [named(manifest?.typings) ?? named(manifest?.types), named(manifest?.main)]) {
      const file = field === undefined ? null : fileAt(resolve(target, field), hops + 1);
      if (file !== null) return file;
    }
    return fileAt(join(target, 'index'), hops + 1);
  };
  const sourcesOf = unbuiltSources(listing, onRead);
  /** Where none of `built` is there (a checkout not built yet): the first source one is built from. */
  const unbuilt = (folder: string, built: readonly string[]): string | null => {
    for (const target of built)
      for (const source of sourcesOf(folder, target)) {
        const file = fileAt(source, 0);
        if (file !== null) return file;
      }
    return null;
  };
  return (folder, subpath) => {
    const inside = (path: string) => (isInside(folder, path) ? [path] : []);
    const manifest = manifestOf(folder);
    if (manifest?.exports !== undefined) {
      const targets = exportTargets(manifest.exports, subpath).flatMap((target) => inside(resolve(folder, target)));
      for (const target of targets) {
        const file = fileAt(target, 0);
        if (file !== null) return file;
      }
      return unbuilt(folder, targets);
    }
    if (subpath === '.') {
      const fields = [manifest?.typings, manifest?.types, manifest?.main].filter((field) => typeof field === 'string' && field !== '');
      return (
        entryOf(folder, 0) ??
        unbuilt(
          folder,
          fields.flatMap((field) => inside(resolve(folder, field as string))),
        )
      );
    }
    const target = inside(resolve(folder, subpath));
    return target.length === 0 ? null : (fileAt(target[0]!, 0) ?? unbuilt(folder, target));
  };
}

/**
 * The resolver's view of the workspace: which package a bare specifier names (the packages read
 * on the first question), and where its import lands (workspaceTargets).
 */
export class WorkspaceImports {
  private packages: WorkspacePackages | undefined;
  private readonly targets: (folder: string, subpath: string) => string | null;

  constructor(
    private readonly root: string,
    private readonly listing: (folder: string) => Listing,
    private readonly onRead?: (path: string) => void,
  ) {
    this.targets = workspaceTargets(listing, onRead);
  }

  /** The workspace package a bare specifier names, and the subpath it asks for; undefined: none. */
  packageOf(specifier: string): { folder: string; subpath: string } | undefined {
    const parts = packageSpecifier(specifier);
    if (parts === undefined) return undefined;
    this.packages ??= readWorkspacePackages(this.root, { listing: this.listing, onRead: this.onRead });
    const folder = this.packages.get(parts.name);
    return folder === undefined ? undefined : { folder, subpath: parts.subpath };
  }

  /** Where an import of that package and subpath lands; null: on no file. */
  target({ folder, subpath }: { folder: string; subpath: string }): string | null {
    return this.targets(folder, subpath);
  }
}
