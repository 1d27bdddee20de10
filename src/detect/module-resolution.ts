import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import ts from 'typescript';

/** Resolves an import specifier to a source file of the project, or undefined (packages, .d.ts, outside the root). */
export type ResolveModule = (fromFile: string, specifier: string) => string | undefined;

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

const DEFAULT_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowJs: true,
  resolveJsonModule: false,
  jsx: ts.JsxEmit.Preserve,
};

/**
 * Module resolution the way the project's TypeScript does it: each file uses the compiler options
 * of its nearest tsconfig.json (so `paths` aliases work), or bundler-style defaults. Only project
 * source files come back; a bare specifier that lands in node_modules is not the project's code.
 */
export function createModuleResolver(root: string): ResolveModule {
  const optionsByConfig = new Map<string, ts.CompilerOptions>();
  const configByDirectory = new Map<string, string | undefined>();
  const cache = new Map<string, string | undefined>();
  const realRoot = safeRealpath(root);
  const moduleCache = ts.createModuleResolutionCache(root, (name) => name);

  function configFor(directory: string): string | undefined {
    if (configByDirectory.has(directory)) return configByDirectory.get(directory);
    const candidate = join(directory, 'tsconfig.json');
    let found: string | undefined;
    if (existsSync(candidate)) found = candidate;
    else {
      const parent = dirname(directory);
      found = parent === directory || !isInside(realRoot, parent) ? undefined : configFor(parent);
    }
    configByDirectory.set(directory, found);
    return found;
  }

  function optionsFor(configPath: string | undefined): ts.CompilerOptions {
    if (configPath === undefined) return DEFAULT_OPTIONS;
    let options = optionsByConfig.get(configPath);
    if (options === undefined) {
      const read = ts.readConfigFile(configPath, ts.sys.readFile);
      const parsed = read.error
        ? undefined
        : ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath), undefined, configPath);
      options = { ...DEFAULT_OPTIONS, ...(parsed?.options ?? {}), allowJs: true };
      optionsByConfig.set(configPath, options);
    }
    return options;
  }

  /** Whether compiler options can map a bare specifier into the project (`paths`, `baseUrl`). */
  const mapsBareSpecifiers = (options: ts.CompilerOptions, specifier: string): boolean => {
    if (options.baseUrl !== undefined) return true;
    const paths = options.paths;
    if (paths === undefined) return false;
    return Object.keys(paths).some((pattern) => {
      const star = pattern.indexOf('*');
      return star < 0 ? pattern === specifier : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1));
    });
  };

  return (fromFile, specifier) => {
    const directory = dirname(fromFile);
    const cacheKey = `${directory}\u0000${specifier}`;
    if (cache.has(cacheKey)) return cache.get(cacheKey);
    const configPath = configFor(directory);
    const options = optionsFor(configPath);
    // A package name no alias maps lands in node_modules: not the project's code, so no need to ask.
    if (!/^[./#]/.test(specifier) && !mapsBareSpecifiers(options, specifier)) {
      cache.set(cacheKey, undefined);
      return undefined;
    }
    const result = ts.resolveModuleName(specifier, fromFile, options, ts.sys, moduleCache).resolvedModule;
    let resolved: string | undefined;
    if (result && !result.isExternalLibraryImport) {
      const file = result.resolvedFileName;
      if (SOURCE_FILE.test(file) && !DECLARATION_FILE.test(file) && !file.split(/[\\/]/).includes('node_modules')) {
        const real = safeRealpath(file);
        if (isInside(realRoot, real)) resolved = real;
      }
    }
    cache.set(cacheKey, resolved);
    return resolved;
  };
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export function isInside(root: string, path: string): boolean {
  const fromRoot = relative(root, path);
  return fromRoot === '' || (!fromRoot.startsWith(`..${sep}`) && fromRoot !== '..' && !isAbsolute(fromRoot));
}
