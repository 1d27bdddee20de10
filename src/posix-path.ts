import { isAbsolute, relative, resolve, sep } from 'node:path';

/** A `.` or `..` segment, an empty one or a trailing separator: a path path.relative would normalize first. */
const UNNORMALIZED = /(?:^|[\\/])\.{1,2}(?:[\\/]|$)|[\\/]{2}|[\\/]$/;

let lastBase: string | undefined;
let lastPrefix: string | undefined;

/** `base` with a trailing separator when it is an absolute, normalized path; undefined otherwise. */
function prefixOf(base: string): string | undefined {
  if (base !== lastBase) {
    lastBase = base;
    lastPrefix = resolve(base) === base ? (base.endsWith(sep) ? base : base + sep) : undefined;
  }
  return lastPrefix;
}

/**
 * A path relative to `base`, with `/` separators, as every output prints paths. A normalized file
 * under a normalized base (nearly every call: the scanner asks this for each file several times)
 * is a slice; anything else goes through path.relative, which resolves both paths on every call.
 */
export function toPosixRelative(base: string, file: string): string {
  const prefix = prefixOf(base);
  const fromBase =
    prefix !== undefined && file.startsWith(prefix) && !UNNORMALIZED.test(file) ? file.slice(prefix.length) : relative(base, file);
  return sep === '/' ? fromBase : fromBase.split(sep).join('/');
}

/** Whether a relative path (as toPosixRelative gives it) stays inside its base: no `..` out of it, not on another drive. */
export function staysInside(relativePath: string): boolean {
  return relativePath !== '..' && !relativePath.startsWith('../') && !isAbsolute(relativePath);
}

/** Whether `path` is `base` or inside it. */
export function isInside(base: string, path: string): boolean {
  return staysInside(toPosixRelative(base, path));
}

/**
 * Relative, `/`-separated and normalized: no `.` or `..` segment, no empty one, no `\\` or `:` (which
 * Windows reads as separators or drives). Every path a cache records is one; a path that is not
 * may still be a valid relative path (see the callers' slower checks).
 */
const PLAIN_RELATIVE = /^(?!\.\.?(?:\/|$))[^\\/:]+(?:\/(?!\.\.?(?:\/|$))[^\\/:]+)*$/;

/** Whether a relative path is plain (see PLAIN_RELATIVE): it then stays inside its base and is normalized. */
export function isPlainRelative(relativePath: string): boolean {
  return PLAIN_RELATIVE.test(relativePath);
}

/**
 * The inverse of toPosixRelative: `base` joined with a relative path. A plain relative path under
 * a normalized base (every path a cache records, read back thousands at a time) is a concatenation;
 * anything else goes through path.resolve.
 */
export function fromPosixRelative(base: string, relativePath: string): string {
  if (relativePath === '') return resolve(base);
  const prefix = prefixOf(base);
  return sep === '/' && prefix !== undefined && isPlainRelative(relativePath) ? prefix + relativePath : resolve(base, relativePath);
}
