import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type TypeScript from 'typescript';
import { READ_LIMITS, regularFileProblem } from '../bounded-read.js';
import { isBareSpecifier } from './bare-specifiers.js';
import type { FactDecision, FileFacts, RegionCall } from './facts.js';
import { listFolder } from './folder-listings.js';
import { boundedTsconfigHost, readTsconfigAliases } from './tsconfig-aliases.js';
import { packageSpecifier, readWorkspacePackages } from './workspace-packages.js';

/** TypeScript, loaded on first use: only reading tsconfig files needs it, and parse workers never do. */
let typescript: typeof TypeScript | undefined;
const ts = (): typeof TypeScript => (typescript ??= createRequire(import.meta.url)('typescript') as typeof TypeScript);

/**
 * Which import specifiers can land in the project's own code, from what its tsconfig files map
 * and its workspace holds: relative and absolute paths and `#` subpath imports always can; a
 * package name only through a `paths` alias, as the name of one of the workspace's packages, or
 * under a tsconfig's `baseUrl` when that folder has an entry by its first part. The module resolver
 * never follows anything else (a package is not the project's code), so a call to a function
 * imported from elsewhere can never turn out to be a wrapper.
 */
export interface SpecifierScope {
  /** Every `paths` pattern of every tsconfig, sorted. */
  patterns: string[];
  /**
   * The entries of every `baseUrl` folder, each up to its first dot (`config.ts`: `config`),
   * sorted: a specifier lands under a `baseUrl` only through one of them (`src/flags` through `src`).
   */
  baseUrlNames: string[];
  /** The names of the workspace's packages (src/detect/workspace-packages.ts), sorted. */
  workspaces: string[];
}

/**
 * Reads the aliases of tsconfig files (their `extends` chains included), and the workspace
 * packages of `root`. Unreadable files map nothing. `onRead` hears of every file and folder read or
 * looked for to find them, for a caller that keeps the answer while none of those changes. A file
 * (the tsconfig, what it extends, a package.json) is read only when it is a regular file of at
 * most READ_LIMITS.config: a repository can put a link to /dev/zero there.
 */
export function readSpecifierScope(root: string, tsconfigFiles: readonly string[], onRead?: (path: string) => void): SpecifierScope {
  const workspaces = [...readWorkspacePackages(root, { onRead }).keys()].sort();
  return { ...readTsconfigScope(tsconfigFiles, onRead), workspaces };
}

/** What a specifier's first part, or a folder's entry, is compared by: up to its first dot. */
const stem = (name: string) => name.split('.', 1)[0]!;

function readTsconfigScope(tsconfigFiles: readonly string[], onRead?: (path: string) => void): Omit<SpecifierScope, 'workspaces'> {
  const patterns = new Set<string>();
  const baseUrls = new Set<string>();
  if (tsconfigFiles.length === 0) return { patterns: [], baseUrlNames: [] };
  const heard = (path: string) => onRead?.(path);
  // TypeScript only for what readTsconfigAliases leaves to it.
  const sys = () => ts().sys;
  // As ts.sys, with the same optional members (an `extends` of a package resolves through them).
  const host: TypeScript.ParseConfigHost & TypeScript.ModuleResolutionHost = {
    get useCaseSensitiveFileNames() {
      return sys().useCaseSensitiveFileNames;
    },
    getCurrentDirectory: () => sys().getCurrentDirectory(),
    // The files a tsconfig includes: not part of the compiler options read here.
    readDirectory: (...args) => sys().readDirectory(...args),
    fileExists: (path) => (heard(path), sys().fileExists(path)),
    readFile: (path) => (heard(path), regularFileProblem(path, READ_LIMITS.config) === undefined ? sys().readFile(path) : undefined),
    directoryExists: (path) => (heard(path), sys().directoryExists(path)),
    realpath: (path) => (heard(path), sys().realpath?.(path) ?? path),
  };
  for (const file of tsconfigFiles) {
    const light = readTsconfigAliases(file, boundedTsconfigHost(heard));
    if (light !== undefined) {
      if (light.baseUrl !== undefined) baseUrls.add(light.baseUrl);
      for (const pattern of Object.keys(light.paths ?? {})) patterns.add(pattern);
      continue;
    }
    const read = ts().readConfigFile(file, (path) => host.readFile(path));
    if (read.error !== undefined) continue;
    const options = ts().parseJsonConfigFileContent(read.config, host, dirname(file), undefined, file).options;
    if (options.baseUrl !== undefined) baseUrls.add(options.baseUrl);
    for (const pattern of Object.keys(options.paths ?? {})) patterns.add(pattern);
  }
  const baseUrlNames = new Set<string>();
  for (const folder of baseUrls) {
    // Heard as a folder: an entry added there changes its stamp.
    heard(folder);
    for (const name of listFolder(folder)?.keys() ?? []) baseUrlNames.add(stem(name));
  }
  return { patterns: [...patterns].sort(), baseUrlNames: [...baseUrlNames].sort() };
}

/** A test for specifiers that may resolve into the project under `scope`. */
export function specifierTest(scope: SpecifierScope): (specifier: string) => boolean {
  const baseUrlNames = new Set(scope.baseUrlNames);
  const exact = new Set(scope.patterns.filter((pattern) => !pattern.includes('*')));
  const wildcards = scope.patterns
    .filter((pattern) => pattern.includes('*'))
    .map((pattern) => ({ prefix: pattern.slice(0, pattern.indexOf('*')), suffix: pattern.slice(pattern.indexOf('*') + 1) }));
  const workspaces = new Set(scope.workspaces);
  return (specifier) =>
    !isBareSpecifier(specifier) ||
    exact.has(specifier) ||
    (workspaces.size > 0 && workspaces.has(packageSpecifier(specifier)?.name ?? '')) ||
    (baseUrlNames.size > 0 && baseUrlNames.has(stem(specifier.split('/', 1)[0]!))) ||
    wildcards.some(
      ({ prefix, suffix }) =>
        specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix),
    );
}

/**
 * Drops what only matters if a callee from another module turns out to be a wrapper or to check a
 * flag, when that module is outside the project (`it` from vitest, `render` from a testing
 * library): the possible wrapper calls with the decisions on them, and calls listed for following
 * nesting across functions. Resolution would find nothing behind them anyway; the scanner drops
 * them early, because in test-heavy code they are most of a file's facts. The wrapper calls kept
 * are numbered again, so that an id stays an index.
 */
export function withoutForeignCalls(facts: FileFacts, inProject: (specifier: string) => boolean): FileFacts {
  const foreign = (callee: RegionCall['callee']) => callee.kind === 'imported' && !inProject(callee.source);
  const kept = facts.wrapperCalls.filter((call) => inProject(call.callee.source));
  const functions = facts.functions.map((fn) =>
    fn.calls.some(foreign) ? { ...fn, calls: fn.calls.filter((callee) => !foreign(callee)) } : fn,
  );
  const regionCalls = facts.regionCalls.filter((call) => !foreign(call.callee));
  if (kept.length === facts.wrapperCalls.length) return { ...facts, regionCalls, functions };
  const newId: (number | undefined)[] = [];
  kept.forEach((call, id) => (newId[call.id] = id));
  const decisions = facts.decisions.flatMap((decision): FactDecision[] => {
    if (!('wrapperCall' in decision)) return [decision];
    const id = newId[decision.wrapperCall];
    return id === undefined ? [] : [{ ...decision, wrapperCall: id }];
  });
  return { ...facts, wrapperCalls: kept.map((call, id) => (call.id === id ? call : { ...call, id })), decisions, regionCalls, functions };
}
