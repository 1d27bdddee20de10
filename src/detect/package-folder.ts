import { basename, dirname, join, resolve } from 'node:path';
import { READ_LIMITS, readRegularJson } from '../bounded-read.js';
import type { Listing } from './folder-listings.js';

/** What a package.json's `typings` or `types` may name for TypeScript to take it as it is: a declaration or a TypeScript source. */
const TYPESCRIPT_FILE = /\.(?:[cm]?ts|tsx)$/;

/**
 * Where TypeScript lands on a folder with a package.json imported as a module, when that is plain
 * from the package.json and the folder listings; undefined when TypeScript must decide.
 *
 * TypeScript reads the package.json's `typesVersions`, then the first of `typings` and `types`
 * that is a non-empty string, and lands on the file that field names when it exists. Published
 * packages ship such folders (`helpers/package.json` with
 * `"typings": "../dist/esm/helpers/index.d.ts"`), and loading TypeScript for one import of them
 * was most of a cold scan of PatternFly. Answered here in that case only: no `typesVersions`, and
 * the field names a TypeScript file (a declaration or a source) that its folder's listing shows.
 * Anything else (only `main`, a missing file, a package.json that does not parse …) is left to
 * TypeScript.
 */
export function packageFolderTypes(
  folder: string,
  listing: (directory: string) => Listing,
  onRead?: (path: string) => void,
): string | undefined {
  const path = join(folder, 'package.json');
  onRead?.(path);
  const manifest = readRegularJson(path, READ_LIMITS.config)?.value;
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest) || 'typesVersions' in manifest) return undefined;
  const { typings, types } = manifest as { typings?: unknown; types?: unknown };
  const field = [typings, types].find((value): value is string => typeof value === 'string' && value !== '');
  if (field === undefined || !TYPESCRIPT_FILE.test(field)) return undefined;
  const named = resolve(folder, field);
  return listing(dirname(named))?.get(basename(named)) === true ? named : undefined;
}
