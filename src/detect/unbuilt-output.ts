import { join, relative, resolve } from 'node:path';
import { isInside } from '../posix-path.js';
import type { Listing } from './folder-listings.js';
import { boundedTsconfigHost, MAX_EXTENDS, readTsconfigFile, type TsconfigHost } from './tsconfig-aliases.js';
import { extendedConfigFile, NOT_FOUND } from './tsconfig-extends.js';

/*
 * A workspace package whose package.json names its build output (`"main": "dist/index.js"`,
 * `exports` into `dist/esm`), in a checkout that has not been built: TypeScript finds no file
 * there, so until a build an import of the package lands nowhere, and a key constant or enum it
 * exports reads as a dynamic key everywhere it is used (novu's `FeatureFlagsKeysEnum`, from
 * `@novu/shared`). The output is traced back to the source it is built from, through the
 * package's own tsconfig files: a file under `outDir` (or `declarationDir`) is built from the same
 * path under `rootDir` (not set: `src`, else the package folder). Only where TypeScript finds
 * nothing, so a built checkout reads as TypeScript reads it.
 */

/** What a tsconfig says about where its output goes, absolute; `extends` of a file or a package followed. */
interface OutputFolders {
  outDir?: string;
  declarationDir?: string;
  rootDir?: string;
}

function readOutputFolders(configPath: string, host: TsconfigHost, depth = 0): OutputFolders {
  const file = depth > MAX_EXTENDS ? undefined : readTsconfigFile(configPath, host);
  if (file === undefined) return {};
  const { folder, bases, compilerOptions } = file;
  let folders: OutputFolders = {};
  for (const base of bases) {
    if (typeof base !== 'string') continue;
    const basePath = extendedConfigFile(folder, base, host);
    if (basePath !== undefined && basePath !== NOT_FOUND) folders = { ...folders, ...readOutputFolders(basePath, host, depth + 1) };
  }
  const options = (typeof compilerOptions === 'object' && compilerOptions !== null ? compilerOptions : {}) as Record<string, unknown>;
  for (const field of ['outDir', 'declarationDir', 'rootDir'] as const) {
    const value = options[field];
    if (typeof value === 'string' && value !== '' && !value.includes('${configDir}')) folders[field] = resolve(folder, value);
  }
  return folders;
}

/** A built file's name as its source's would be written in an import: `index.d.ts` and `index.js` alike as `index.js`. */
function asImported(path: string): string | undefined {
  const built = /(?:\.d)?\.([cm]?)(?:js|ts)$|\.jsx$/.exec(path);
  if (built === null) return undefined;
  return built[0] === '.jsx' ? path : `${path.slice(0, -built[0].length)}.${built[1] ?? ''}js`;
}

/**
 * For a package folder, the places a missing built file may be built from, as imports of them are
 * written (`src/flags.js`; the caller looks for `src/flags.ts` as TypeScript would): one per
 * tsconfig file of the package whose output folder holds the file. Each tsconfig is read once.
 */
export function unbuiltSources(
  listing: (folder: string) => Listing,
  onRead?: (path: string) => void,
): (packageFolder: string, built: string) => string[] {
  const host = boundedTsconfigHost((path) => onRead?.(path));
  const outputs = new Map<string, OutputFolders[]>();
  const outputsOf = (packageFolder: string): OutputFolders[] => {
    let found = outputs.get(packageFolder);
    if (found === undefined) {
      const names = [...(listing(packageFolder)?.keys() ?? [])].filter((name) => /^tsconfig.*\.json$/.test(name)).sort();
      found = names.map((name) => readOutputFolders(join(packageFolder, name), host));
      outputs.set(packageFolder, found);
    }
    return found;
  };
  return (packageFolder, built) => {
    const imported = asImported(built);
    if (imported === undefined) return [];
    const hasSrc = listing(packageFolder)?.has('src') === true;
    const sources: string[] = [];
    for (const { outDir, declarationDir, rootDir } of outputsOf(packageFolder)) {
      const output = [outDir, declarationDir].find((folder) => folder !== undefined && isInside(folder, imported));
      if (output === undefined) continue;
      const roots = rootDir !== undefined ? [rootDir] : hasSrc ? [join(packageFolder, 'src'), packageFolder] : [packageFolder];
      for (const root of roots) {
        const source = join(root, relative(output, imported));
        if (isInside(packageFolder, source) && !sources.includes(source)) sources.push(source);
      }
    }
    return sources;
  };
}
