import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

/** `name@version` of the package a resolved file belongs to (the nearest package.json that names one). */
function packageOf(file: string): string {
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    try {
      const { name, version } = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (typeof name === 'string' && typeof version === 'string') return `${name}@${version}`;
    } catch {
      // no package.json here (or one without a name, like a `dist/package.json` type marker): go up
    }
    if (dirname(directory) === directory) return file;
  }
}

/**
 * What parses: oxc-parser, and typescript-estree with the TypeScript it loads (the project's, or in
 * the CLI the one it pins) where oxc does not, each as `name@version`. Another version of any may
 * build other trees, so facts made by one must not be served to the other. Read without loading any.
 */
export function parserPackages(): [oxc: string, estree: string, typescript: string] {
  const require = createRequire(import.meta.url);
  const estreeMain = require.resolve('@typescript-eslint/typescript-estree');
  return [packageOf(require.resolve('oxc-parser')), packageOf(estreeMain), packageOf(createRequire(estreeMain).resolve('typescript'))];
}
