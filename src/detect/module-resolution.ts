import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type TypeScript from 'typescript';
import { READ_LIMITS, regularFileProblem } from '../bounded-read.js';
import { isInside } from '../posix-path.js';
import { BareSpecifiers, isBareSpecifier } from './bare-specifiers.js';
import { requireTypeScript } from './typescript-api.js';
import { detached } from './detached.js';
import { FolderListings, listFolder, type Listing } from './folder-listings.js';
import { packageFolderTypes } from './package-folder.js';
import { boundedTsconfigHost, readTsconfigAliases, type TsconfigAliases } from './tsconfig-aliases.js';
import { WorkspaceImports } from './workspace-packages.js';

/**
 * Resolves an import specifier to a source file of the project, or undefined (packages, outside
 * the root, declaration files but for a workspace package's entry, see workspace-packages.ts).
 */
export interface ResolveModule {
  (fromFile: string, specifier: string): string | undefined;
  /**
   * Whether the specifier may land in the project at all, without resolving it: false for a
   * package name no tsconfig alias maps (no `paths` match, no `baseUrl`). Missing: assume it may.
   */
  mayReachProject?: (fromFile: string, specifier: string) => boolean;
}

/**
 * What the resolver looked at on the file system, for a caller that keeps its answers across runs:
 * a folder's listing (or whether it has a tsconfig.json), or a file (its content or existence).
 */
export interface ResolverRead {
  kind: 'folder' | 'file';
  path: string;
}

/**
 * ts.sys, telling `onRead` of each file and folder TypeScript looks at to resolve a module or read a
 * tsconfig. What it reads (tsconfig files, the files they extend, package.json files) is read only
 * when it is a regular file of at most READ_LIMITS.config: a repository can put a link to
 * /dev/zero there.
 */
function boundedSystem(
  ts: typeof TypeScript,
  onRead?: (read: ResolverRead) => void,
): TypeScript.ModuleResolutionHost & TypeScript.ParseConfigHost {
  const file = (path: string) => onRead?.({ kind: 'file', path });
  const folder = (path: string) => onRead?.({ kind: 'folder', path });
  return {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    getCurrentDirectory: () => ts.sys.getCurrentDirectory(),
    fileExists: (path) => (file(path), ts.sys.fileExists(path)),
    readFile: (path) => (file(path), regularFileProblem(path, READ_LIMITS.config) === undefined ? ts.sys.readFile(path) : undefined),
    directoryExists: (path) => (folder(path), ts.sys.directoryExists(path)),
    getDirectories: (path) => (folder(path), ts.sys.getDirectories(path)),
    realpath: (path) => (file(path), ts.sys.realpath?.(path) ?? path),
    // The files a tsconfig includes: not part of the compiler options this resolver reads.
    readDirectory: (...args) => ts.sys.readDirectory(...args),
  };
}

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;
/** The order TypeScript tries extensions in for an extensionless import. */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const DECLARATION_FILE = /\.d\.[cm]?ts$/;
/** pathsTarget: no `paths` pattern matches the specifier. */
const NO_MATCH = Symbol('no paths pattern matches');
/**
 * pathsTarget: the alias names a declaration file (`"@acme/widget": ["./src/noop.d.ts"]`, as
 * novu's Vue package stubs out a sibling): TypeScript lands there too, and a declaration file is
 * not the project's source, so no need to ask it.
 */
const DECLARATION = Symbol('a declaration file');

/** Bundler-style compiler options, for files no tsconfig.json governs. */
function defaultOptions(ts: typeof TypeScript): TypeScript.CompilerOptions {
  return {
    module: ts.ModuleKind.ESNext,
    // Bundler resolution came with TypeScript 5.0; before it, Node's (node10) is the closest.
    moduleResolution: ts.ModuleResolutionKind.Bundler ?? ts.ModuleResolutionKind.NodeJs,
    allowJs: true,
    resolveJsonModule: false,
    jsx: ts.JsxEmit.Preserve,
  };
}

/**
 * Module resolution the way the project's TypeScript does it: each file uses the compiler options
 * of its nearest tsconfig.json (so `paths` aliases work), or bundler-style defaults. Only project
 * source files come back; a bare specifier that lands in node_modules is not the project's code.
 */
export function createModuleResolver(root: string, onRead?: (read: ResolverRead) => void, kept?: FolderListings): ResolveModule {
  const optionsByConfig = new Map<string, TypeScript.CompilerOptions>();
  const configByDirectory = new Map<string, string | undefined>();
  const cache = new Map<string, string | undefined>();
  const realRoot = safeRealpath(root);
  // What only TypeScript can do, set up on the first question that needs it.
  let compiler:
    | {
        ts: typeof TypeScript;
        system: TypeScript.ModuleResolutionHost & TypeScript.ParseConfigHost;
        moduleCache: TypeScript.ModuleResolutionCache;
        defaults: TypeScript.CompilerOptions;
      }
    | undefined;
  const typeScript = () => {
    if (compiler === undefined) {
      const ts = requireTypeScript();
      compiler = {
        ts,
        system: boundedSystem(ts, onRead),
        moduleCache: ts.createModuleResolutionCache(root, (name) => name),
        defaults: defaultOptions(ts),
      };
    }
    return compiler;
  };

  function configFor(directory: string): string | undefined {
    if (configByDirectory.has(directory)) return configByDirectory.get(directory);
    const candidate = join(directory, 'tsconfig.json');
    onRead?.({ kind: 'folder', path: directory });
    let found: string | undefined;
    if (existsSync(candidate)) found = candidate;
    else {
      const parent = dirname(directory);
      found = parent === directory || !isInside(realRoot, parent) ? undefined : configFor(parent);
    }
    configByDirectory.set(directory, found);
    return found;
  }

  /** A tsconfig's compiler options; undefined (no tsconfig): the defaults, which map no alias. */
  function optionsFor(configPath: string | undefined): TypeScript.CompilerOptions | undefined {
    if (configPath === undefined) return undefined;
    let options = optionsByConfig.get(configPath);
    if (options === undefined) {
      const { ts, system, defaults } = typeScript();
      const read = ts.readConfigFile(configPath, (path) => system.readFile(path));
      const parsed = read.error
        ? undefined
        : ts.parseJsonConfigFileContent(read.config, system, dirname(configPath), undefined, configPath);
      options = { ...defaults, ...(parsed?.options ?? {}), allowJs: true };
      optionsByConfig.set(configPath, options);
    }
    return options;
  }

  /**
   * A tsconfig's `paths` and `baseUrl`, read without TypeScript where readTsconfigAliases can
   * (undefined config: none, which maps no alias).
   */
  const aliasesByConfig = new Map<string, TsconfigAliases>();
  const aliasesFor = (configPath: string | undefined): TsconfigAliases | undefined => {
    if (configPath === undefined) return undefined;
    let aliases = aliasesByConfig.get(configPath);
    if (aliases === undefined) {
      const heard = (path: string) => onRead?.({ kind: 'file', path });
      aliases = readTsconfigAliases(configPath, boundedTsconfigHost(heard));
      if (aliases === undefined) {
        const options = optionsFor(configPath)!;
        const { paths, baseUrl } = options;
        const pathsBasePath = (options as { pathsBasePath?: string }).pathsBasePath;
        aliases = {
          ...(paths === undefined ? {} : { paths: paths as Record<string, string[]> }),
          ...(baseUrl === undefined ? {} : { baseUrl }),
          ...(pathsBasePath === undefined ? {} : { pathsBasePath }),
          classicResolution: options.moduleResolution === typeScript().ts.ModuleResolutionKind.Classic,
        };
      }
      aliasesByConfig.set(configPath, aliases);
    }
    return aliases;
  };

  /** Whether a tsconfig's aliases can map a bare specifier into the project (`paths`, `baseUrl`). */
  const mapsBareSpecifiers = (options: TsconfigAliases | undefined, specifier: string): boolean => {
    if (options?.baseUrl !== undefined) return true;
    const paths = options?.paths;
    if (paths === undefined) return false;
    return Object.keys(paths).some((pattern) => {
      const star = pattern.indexOf('*');
      return star < 0 ? pattern === specifier : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1));
    });
  };

  const listings = new Map<string, Listing>();
  /** The listings read while one relative import is resolved, for keeping its answer. */
  let consulted: [string, Listing][] | undefined;
  const listing = (directory: string): Listing => {
    const names = listingOf(directory);
    consulted?.push([directory, names]);
    return names;
  };
  const listingOf = (directory: string): Listing => {
    if (!listings.has(directory)) {
      onRead?.({ kind: 'folder', path: directory });
      // The stamp is taken before the listing: a change while listing shows as a change next time.
      const stamp = kept === undefined ? undefined : FolderListings.stampOf(directory);
      let names = kept?.unchanged(directory, stamp)?.names;
      if (names === undefined) {
        names = listFolder(directory);
        kept?.keep(directory, stamp, names);
      }
      listings.set(directory, names);
    }
    return listings.get(directory);
  };

  const fileRead = (path: string) => onRead?.({ kind: 'file', path });
  const bare = new BareSpecifiers(root, listingOf, fileRead);
  const workspace = new WorkspaceImports(root, listingOf, fileRead);

  /** Whether a package.json was read since this was last reset: an answer that depends on one is not kept (see relativeSource). */
  let readPackageJson = false;

  /**
   * `./x` and `../x`, the bulk of a project's imports, resolved the way TypeScript's bundler mode
   * does for source files (`.js` written for a `.ts` file, extensionless, `index` files) from one
   * listing per folder instead of a stat per guess. undefined: not a plain case; ask TypeScript.
   */
  const relativeSource = (directory: string, specifier: string, key: string): string | null | undefined => {
    if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return undefined;
    if (kept?.keepsResolutions !== true) return sourceAt(resolve(directory, specifier));
    const known = kept.resolution(key);
    if (known?.folders.every(([folder, names]) => listingOf(folder) === names)) return known.target;
    consulted = [];
    readPackageJson = false;
    const target = sourceAt(resolve(directory, specifier));
    // Not kept: undefined (TypeScript resolves it), or an answer read from a package.json, whose
    // edits no folder listing shows.
    if (target !== undefined && !readPackageJson) kept.keepResolution(key, { target, folders: consulted });
    consulted = undefined;
    return target;
  };

  /** The source file an absolute, extension-optional path names (the same rules as relativeSource). */
  const sourceAt = (target: string): string | null | undefined => {
    const parent = dirname(target);
    const base = target.slice(parent.length + 1);
    const names = listing(parent);
    if (names === undefined) return null;
    const written = /\.([cm]?)jsx?$/.exec(base);
    if (written) {
      // `./flags.js` written for `./flags.ts` (or the JavaScript file itself).
      const stem = base.slice(0, -written[0].length);
      for (const extension of [`.${written[1]}ts`, `.${written[1]}tsx`, written[0]])
        if (names.has(stem + extension)) return join(parent, stem + extension);
      return null;
    }
    if (names.has(base) && SOURCE_FILE.test(base)) return join(parent, base);
    for (const extension of SOURCE_EXTENSIONS) if (names.has(base + extension)) return join(parent, base + extension);
    if (names.has(base)) {
      const inside = listing(target);
      // Not a folder: a file of another kind (`./logo.svg`), which is no source file.
      if (inside === undefined) return null;
      // A folder: a package.json there may point elsewhere.
      if (inside.has('package.json')) {
        readPackageJson = true;
        return packageFolderTypes(target, listing, (path) => onRead?.({ kind: 'file', path }));
      }
      for (const extension of SOURCE_EXTENSIONS) if (inside.has(`index${extension}`)) return join(target, `index${extension}`);
      return null;
    }
    return null;
  };

  /**
   * A `paths` alias (`@app/*` → `./src/*`) that lands on a source file, found the way TypeScript
   * does (the pattern with the longest prefix, its targets in order) from folder listings. null: the
   * pattern matches and none of its targets exists (TypeScript then goes on to node_modules);
   * NO_MATCH: no pattern matches; DECLARATION: it lands on a declaration file; undefined: no
   * plain answer (a folder with a package.json …), TypeScript decides.
   */
  const pathsTarget = (
    options: TsconfigAliases | undefined,
    configPath: string | undefined,
    specifier: string,
  ): string | null | typeof NO_MATCH | typeof DECLARATION | undefined => {
    const paths = options?.paths;
    if (options === undefined || paths === undefined || configPath === undefined) return NO_MATCH;
    const base = options.baseUrl ?? options.pathsBasePath ?? dirname(configPath);
    let best: { pattern: string; star: number } | undefined;
    for (const pattern of Object.keys(paths)) {
      const star = pattern.indexOf('*');
      const matches =
        star < 0
          ? pattern === specifier
          : specifier.length >= pattern.length - 1 &&
            specifier.startsWith(pattern.slice(0, star)) &&
            specifier.endsWith(pattern.slice(star + 1));
      if (matches && (best === undefined || (star < 0 ? pattern.length : star) > (best.star < 0 ? best.pattern.length : best.star)))
        best = { pattern, star };
    }
    if (best === undefined) return NO_MATCH;
    const captured = best.star < 0 ? '' : specifier.slice(best.star, specifier.length - (best.pattern.length - best.star - 1));
    for (const target of paths[best.pattern]!) {
      const found = sourceAt(resolve(base, target.replace('*', captured)));
      if (found === undefined) return undefined;
      if (found !== null) return DECLARATION_FILE.test(found) ? DECLARATION : found;
    }
    return null;
  };

  /**
   * A path's real path. A plain file listed in its folder (no link) is its folder's real path and
   * its name: one system call per folder instead of one per module, as most of a project's files are.
   */
  const realpaths = new Map<string, string>();
  const realpathOf = (path: string): string => {
    let real = realpaths.get(path);
    if (real === undefined) {
      const parent = dirname(path);
      const name = basename(path);
      real = parent !== path && listings.get(parent)?.get(name) === true ? join(realpathOf(parent), name) : safeRealpath(path);
      realpaths.set(path, real);
    }
    return real;
  };

  const resolveModule: ResolveModule = (fromFile, specifier) => {
    const directory = dirname(fromFile);
    const asked = `${directory}\u0000${specifier}`;
    if (cache.has(asked)) return cache.get(asked);
    // A specifier is cut from its module's text, and a key made with it would keep that whole text
    // alive for as long as the answer is kept (detached.ts).
    const cacheKey = detached(asked);
    const fast = relativeSource(directory, specifier, cacheKey);
    if (fast !== undefined) {
      const real = fast === null || DECLARATION_FILE.test(fast) ? undefined : realpathOf(fast);
      const resolved = real !== undefined && isInside(realRoot, real) ? real : undefined;
      cache.set(cacheKey, resolved);
      return resolved;
    }
    const configPath = configFor(directory);
    const aliases = aliasesFor(configPath);
    const inWorkspace = isBareSpecifier(specifier) ? workspace.packageOf(specifier) : undefined;
    // A package name no alias maps lands in node_modules: not the project's code, so no need to
    // ask. Unless it names a package of the workspace, which node_modules links to its folder.
    if (isBareSpecifier(specifier) && !mapsBareSpecifiers(aliases, specifier) && inWorkspace === undefined) {
      cache.set(cacheKey, undefined);
      return undefined;
    }
    let aliased = pathsTarget(aliases, configPath, specifier);
    // No `paths` pattern matches: TypeScript tries `baseUrl` next, as it does a relative import.
    if (aliased === NO_MATCH && aliases?.baseUrl !== undefined && isBareSpecifier(specifier)) {
      const found = sourceAt(resolve(aliases.baseUrl, specifier));
      aliased = found === null || found === undefined ? found : DECLARATION_FILE.test(found) ? DECLARATION : found;
    }
    if (aliased === DECLARATION) {
      cache.set(cacheKey, undefined);
      return undefined;
    }
    // Neither leads to a file: TypeScript goes on to node_modules, where a workspace package is
    // linked to its folder.
    if ((aliased === null || aliased === NO_MATCH) && inWorkspace !== undefined) aliased = workspace.target(inWorkspace);
    // Still nothing: TypeScript could find the project's code only where missProject looks.
    if (
      (aliased === null || aliased === NO_MATCH) &&
      (inWorkspace !== undefined || bare.missProject(directory, specifier, aliases?.classicResolution === true))
    ) {
      cache.set(cacheKey, undefined);
      return undefined;
    }
    if (typeof aliased === 'string') {
      const real = realpathOf(aliased);
      const resolved = isInside(realRoot, real) ? real : undefined;
      cache.set(cacheKey, resolved);
      return resolved;
    }
    const { ts, system, moduleCache, defaults } = typeScript();
    const result = ts.resolveModuleName(specifier, fromFile, optionsFor(configPath) ?? defaults, system, moduleCache).resolvedModule;
    let resolved: string | undefined;
    if (result && !result.isExternalLibraryImport) {
      const file = result.resolvedFileName;
      if (SOURCE_FILE.test(file) && !DECLARATION_FILE.test(file) && !file.split(/[\\/]/).includes('node_modules')) {
        const real = realpathOf(file);
        if (isInside(realRoot, real)) resolved = real;
      }
    }
    cache.set(cacheKey, resolved);
    return resolved;
  };
  resolveModule.mayReachProject = (fromFile, specifier) =>
    !isBareSpecifier(specifier) ||
    mapsBareSpecifiers(aliasesFor(configFor(dirname(fromFile))), specifier) ||
    workspace.packageOf(specifier) !== undefined;
  return resolveModule;
}

function safeRealpath(path: string): string {
  try {
    // One system call (the JavaScript version lstats every component of the path, every time).
    return realpathSync.native(path);
  } catch {
    return path;
  }
}
