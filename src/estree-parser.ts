import { createRequire } from 'node:module';
import type * as TypescriptEstree from '@typescript-eslint/typescript-estree';

let estree: typeof TypescriptEstree | undefined;

/**
 * typescript-estree's `parse`, loaded on the first call: the parser brings TypeScript with it
 * (some 10 MB of code to compile), which a scan answered from its cache, and every parse worker
 * with nothing to parse, never need.
 */
export const parseEstree: typeof TypescriptEstree.parse = (code, options) => {
  estree ??= createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as typeof TypescriptEstree;
  return estree.parse(code, options);
};
