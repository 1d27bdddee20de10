import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { TsconfigHost } from './tsconfig-aliases.js';

/*
 * Which file a tsconfig's `extends` names, found as TypeScript finds it (getExtendsConfigPath). A
 * path is taken from the config's folder. A package name (`"@acme/tsconfig/base.json"`, the shared
 * configs of most monorepos) is looked for in the node_modules folders up from there, as
 * TypeScript's module resolution looks for a JSON file of a package with no `exports`. Where
 * that resolution could go another way (`exports`, `typesVersions`, a `tsconfig` field, a
 * subpath that is a folder, the package's own name, Yarn Plug'n'Play), the answer is left to
 * TypeScript.
 */

/** An `extends` TypeScript does not find: it reports the error and reads the config without that base. */
export const NOT_FOUND = Symbol('extends names no file');

/** The file `written` names (not checked to exist when it is a path), NOT_FOUND, or undefined when only TypeScript can tell. */
export function extendedConfigFile(folder: string, written: string, host: TsconfigHost): string | typeof NOT_FOUND | undefined {
  if (written.startsWith('./') || written.startsWith('../') || isAbsolute(written)) {
    const path = resolve(folder, written);
    return host.fileExists(path) || path.endsWith('.json') ? path : `${path}.json`;
  }
  return packageConfigFile(folder, written, host);
}

/** `@scope/name/rest` or `name/rest`: the package and the path inside it; undefined for what names no package. */
function packageParts(specifier: string): { name: string; rest: string } | undefined {
  const parts = specifier.split('/');
  const nameParts = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < nameParts || parts.slice(0, nameParts).some((part) => part === '' || part === '.' || part === '..')) return undefined;
  return { name: parts.slice(0, nameParts).join('/'), rest: parts.slice(nameParts).join('/') };
}

/** A package.json's fields, undefined when it is there but is not a JSON object (TypeScript's reading of it is then its own). */
function packageJson(path: string, host: TsconfigHost): Record<string, unknown> | null | undefined {
  if (!host.fileExists(path)) return null;
  const text = host.readFile(path);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The folders TypeScript looks for node_modules in: the folder and each above it, none named node_modules. */
function* ancestors(folder: string): Generator<string> {
  for (let current = folder; ; current = dirname(current)) {
    if (basename(current) !== 'node_modules') yield current;
    if (dirname(current) === current) return;
  }
}

/** The package's own name, when its `exports` would answer (TypeScript's self-name lookup): the nearest package.json up. */
function selfNamed(folder: string, name: string, host: TsconfigHost): boolean | undefined {
  for (const current of ancestors(folder)) {
    const fields = packageJson(join(current, 'package.json'), host);
    if (fields === null) continue;
    return fields === undefined ? undefined : fields.name === name && fields.exports !== undefined && fields.exports !== null;
  }
  return false;
}

function packageConfigFile(folder: string, specifier: string, host: TsconfigHost): string | typeof NOT_FOUND | undefined {
  const parts = packageParts(specifier);
  if (parts === undefined || (process.versions as { pnp?: string }).pnp !== undefined) return undefined;
  const { name, rest } = parts;
  if (selfNamed(folder, name, host) !== false) return undefined;
  // A subpath names a JSON file, `.json` added when its last part has no extension; no subpath, the package's tsconfig.json.
  const file = rest === '' ? 'tsconfig.json' : rest.endsWith('.json') ? rest : basename(rest).includes('.') ? undefined : `${rest}.json`;
  for (const current of ancestors(folder)) {
    const nodeModules = join(current, 'node_modules');
    if (!host.directoryExists(nodeModules)) continue;
    const packageFolder = join(nodeModules, name);
    // A file `name.json` beside the packages is what TypeScript tries first for a bare name.
    if (rest === '' && host.fileExists(`${packageFolder}.json`)) return undefined;
    if (!host.directoryExists(packageFolder)) continue;
    const fields = packageJson(join(packageFolder, 'package.json'), host);
    if (fields === undefined || (fields !== null && ['exports', 'typesVersions', 'tsconfig'].some((field) => fields[field] != null)))
      return undefined;
    // Another extension (`tsconfig.ui-extension`): TypeScript tries `tsconfig.json` first, an oddity left to it.
    if (file === undefined) return undefined;
    const path = join(packageFolder, file);
    if (host.fileExists(path)) return host.realpath(path);
    // The package is here and the file is not: a folder by that name, or a next node_modules up, is TypeScript's to weigh.
    return undefined;
  }
  return NOT_FOUND;
}
