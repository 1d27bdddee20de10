import { realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { extendedConfigFile, NOT_FOUND } from './tsconfig-extends.js';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { READ_LIMITS, readRegularText } from '../bounded-read.js';
import { isStringList } from '../string-list.js';

/*
 * The part of a tsconfig the detector needs, read without TypeScript: its `paths` aliases, its
 * `baseUrl` and whether its module resolution is classic, through its chain of `extends`.
 * Loading TypeScript to read them cost a cold scan 0.2-0.4 s (9 MB of code to compile), more than
 * parsing the files that name an accessor. Whatever this reader is not sure to read as TypeScript
 * does (an `extends` of a package TypeScript could find otherwise, see tsconfig-extends.ts; a file
 * that does not parse as JSON with comments; a `${configDir}` template) is left to TypeScript.
 */

/** A tsconfig's aliases as TypeScript's parsed compiler options give them. */
export interface TsconfigAliases {
  paths?: Record<string, string[]>;
  /** Absolute, as TypeScript gives it. */
  baseUrl?: string;
  /** The folder of the config file that sets `paths` (what TypeScript resolves them from without `baseUrl`). */
  pathsBasePath?: string;
  /** `moduleResolution: classic`, which looks for a bare specifier's file in each folder up. */
  classicResolution?: boolean;
}

/** How files are read and looked for: as TypeScript's host would (undefined: missing or refused). */
export interface TsconfigHost {
  readFile(path: string): string | undefined;
  fileExists(path: string): boolean;
  directoryExists(path: string): boolean;
  /** The path with links resolved (itself when it cannot be). */
  realpath(path: string): string;
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Files read and looked for as the TypeScript hosts of the resolver and the specifier scope do:
 * only regular files within READ_LIMITS.config (a repository can link a tsconfig to /dev/zero),
 * each heard by `heard` (for the caches that keep answers while nothing read changes).
 */
export function boundedTsconfigHost(heard: (path: string) => void): TsconfigHost {
  return {
    readFile: (path) => {
      heard(path);
      const read = readRegularText(path, READ_LIMITS.config);
      return 'problem' in read ? undefined : read.text.replace(/^\uFEFF/, '');
    },
    fileExists: (path) => {
      heard(path);
      return statOf(path)?.isFile() === true;
    },
    directoryExists: (path) => {
      heard(path);
      return statOf(path)?.isDirectory() === true;
    },
    realpath: (path) => {
      heard(path);
      try {
        return realpathSync(path);
      } catch {
        return path;
      }
    },
  };
}

/** A tsconfig's aliases; undefined when only TypeScript can tell. */
export function readTsconfigAliases(configPath: string, host: TsconfigHost): TsconfigAliases | undefined {
  return readChain(configPath, host, 0);
}

/** A tsconfig as written, `extends` made a list; `clean`: it parsed without an error. undefined: not read, or no object. */
export interface TsconfigFile {
  folder: string;
  bases: unknown[];
  compilerOptions: unknown;
  clean: boolean;
}

/** How many `extends` deep a chain is followed (TypeScript reports a cycle; this reader stops). */
export const MAX_EXTENDS = 32;

/** Reads and parses one tsconfig, JSON with comments and trailing commas as TypeScript reads it. */
export function readTsconfigFile(configPath: string, host: TsconfigHost): TsconfigFile | undefined {
  const text = host.readFile(configPath);
  if (text === undefined) return undefined;
  const errors: ParseError[] = [];
  const config: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return undefined;
  const { extends: extended, compilerOptions } = config as { extends?: unknown; compilerOptions?: unknown };
  const bases = extended === undefined ? [] : Array.isArray(extended) ? (extended as unknown[]) : [extended];
  return { folder: dirname(configPath), bases, compilerOptions, clean: errors.length === 0 };
}

function readChain(configPath: string, host: TsconfigHost, depth: number): TsconfigAliases | undefined {
  const file = depth > MAX_EXTENDS ? undefined : readTsconfigFile(configPath, host);
  if (file === undefined || !file.clean) return undefined;
  const { folder, bases, compilerOptions } = file;
  // Later bases override earlier ones, and the config itself overrides them all.
  let aliases: TsconfigAliases = {};
  for (const base of bases) {
    if (typeof base !== 'string') return undefined;
    const basePath = extendedConfigFile(folder, base, host);
    if (basePath === NOT_FOUND) continue;
    if (basePath === undefined) return undefined;
    const inherited = readChain(basePath, host, depth + 1);
    if (inherited === undefined) return undefined;
    aliases = { ...aliases, ...inherited };
  }
  if (compilerOptions === undefined) return aliases;
  if (typeof compilerOptions !== 'object' || compilerOptions === null) return undefined;
  const { paths, baseUrl, moduleResolution } = compilerOptions as { paths?: unknown; baseUrl?: unknown; moduleResolution?: unknown };
  if (moduleResolution !== undefined) {
    if (typeof moduleResolution !== 'string') return undefined;
    aliases.classicResolution = moduleResolution.toLowerCase() === 'classic';
  }
  if (baseUrl !== undefined) {
    if (typeof baseUrl !== 'string' || baseUrl.includes('${configDir}')) return undefined;
    aliases.baseUrl = resolve(folder, baseUrl);
  }
  if (paths !== undefined) {
    if (typeof paths !== 'object' || paths === null || Array.isArray(paths)) return undefined;
    const entries = Object.entries(paths);
    if (!entries.every(([, targets]) => isStringList(targets))) return undefined;
    if (JSON.stringify(paths).includes('${configDir}')) return undefined;
    aliases.paths = paths as Record<string, string[]>;
    aliases.pathsBasePath = folder;
  }
  return aliases;
}
