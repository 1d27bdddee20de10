import type { AccessorRole } from '../patterns/index.js';
import type { DynamicKeyOptions } from './options.js';

/*
 * Which references are findings, decided once for ESLint's rules (one file's resolved facts) and
 * the CI gate (the scanner's inventory): both hand over a reference in this shape.
 */

export interface ReferenceFacts {
  key: string;
  /** The key could not be resolved statically. */
  dynamic: boolean;
  /** The key is not written here (a call of a wrapper with a fixed key): findings about the key belong where it is written. */
  indirect?: boolean;
  role: AccessorRole;
  /** In a test file. */
  test: boolean;
}

/** `dynamic`: a key written here that cannot be resolved, evaluations and overrides alike. */
export function isDynamicKeyFinding(reference: ReferenceFacts, options: DynamicKeyOptions): boolean {
  return reference.dynamic && reference.indirect !== true && !(options.allowInTests && reference.test);
}

/** `undeclared`: a key written here that the manifest does not declare. */
export function isUndeclaredFinding(reference: ReferenceFacts, declared: { has(key: string): boolean }): boolean {
  return !reference.dynamic && reference.indirect !== true && !declared.has(reference.key);
}
