import { dirname, join } from 'node:path';
import { READ_LIMITS, readRegularJson } from '../bounded-read.js';
import { isInside } from '../posix-path.js';
import type { Listing } from './folder-listings.js';

/** Whether a specifier is a package name (`react`, `@mui/material/Button`): no relative path, no subpath import (`#internal`). */
export function isBareSpecifier(specifier: string): boolean {
  return !/^[./#]/.test(specifier);
}

/** Extensions TypeScript tries for a module name, declarations included. */
const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * Where TypeScript looks for a bare specifier (`react`, `@mui/material/Button`) once a tsconfig's
 * `paths` or `baseUrl` led to no file (src/detect/module-resolution.ts decides that from listings):
 *   - the project's own package name, which a package can import itself by (a self-reference);
 *   - with classic resolution, `<name>.ts` (and the other extensions) in each folder up;
 *   - node_modules, where whatever it finds is a package's code, never the project's (TypeScript
 *     marks it an external library import, and the resolver keeps only project sources).
 * So a specifier that is not the package's own name, and names no such file from the importing
 * file's folder up to the root, resolves to no project source: TypeScript need not be asked,
 * nor loaded, for it. On Unleash's front end, whose `paths` map `*`, every package import went to
 * TypeScript: 3,404 resolutions, 0.56 s and a quarter of a second loading it, all for nothing.
 */
export class BareSpecifiers {
  private readonly names = new Map<string, string | null | undefined>();

  constructor(
    private readonly root: string,
    private readonly listing: (directory: string) => Listing,
    private readonly onRead?: (path: string) => void,
  ) {}

  /**
   * Whether TypeScript surely finds no project source for `specifier`, imported from `directory`
   * (see above), under `classic` resolution or another (the resolver's own default is bundler's:
   * only a tsconfig that asks for classic gets it). A `node:` module is a bare specifier like any.
   */
  missProject(directory: string, specifier: string, classic: boolean): boolean {
    if (!isBareSpecifier(specifier) || (specifier.includes(':') && !specifier.startsWith('node:')) || specifier.includes('\\'))
      return false;
    const own = this.packageName(directory);
    if (own === null || (own !== undefined && (specifier === own || specifier.startsWith(`${own}/`)))) return false;
    if (!classic) return true;
    const slash = specifier.indexOf('/');
    for (let folder = directory; ; folder = dirname(folder)) {
      if (this.classicCandidate(folder, specifier, slash)) return false;
      if (folder === this.root || dirname(folder) === folder || !isInside(this.root, dirname(folder))) return true;
    }
  }

  /**
   * Whether classic resolution finds `<folder>/<specifier>` with a TypeScript or JavaScript
   * extension. The folder the path names is listed only when `folder` holds its first segment: a
   * package's subpath (`@mui/material/Button`) is rarely a folder of the project.
   */
  private classicCandidate(folder: string, specifier: string, slash: number): boolean {
    const names = this.listing(folder);
    if (names === undefined) return false;
    if (slash >= 0 && !names.has(specifier.slice(0, slash))) return false;
    const path = join(folder, specifier);
    const inside = slash < 0 ? names : this.listing(dirname(path));
    const base = slash < 0 ? specifier : path.slice(dirname(path).length + 1);
    return inside !== undefined && EXTENSIONS.some((extension) => inside.has(base + extension));
  }

  /** The `name` of the nearest package.json from `directory` up to the root (undefined: none; null: one that cannot be read). */
  private packageName(directory: string): string | null | undefined {
    if (this.names.has(directory)) return this.names.get(directory);
    let name: string | null | undefined;
    if (this.listing(directory)?.get('package.json') === true) {
      const path = join(directory, 'package.json');
      this.onRead?.(path);
      const parsed = readRegularJson(path, READ_LIMITS.config)?.value ?? null;
      const value = parsed === null ? null : (parsed as { name?: unknown }).name;
      name = typeof value === 'string' ? value : value === undefined ? undefined : null;
    } else if (directory !== this.root && dirname(directory) !== directory && isInside(this.root, dirname(directory))) {
      name = this.packageName(dirname(directory));
    }
    this.names.set(directory, name);
    return name;
  }
}
