import Module, { createRequire } from 'node:module';

/*
 * The CLI parses with a TypeScript of its own, not the project's. typescript-estree (the parser) and
 * the module resolver `require('typescript')`, which in a project finds the project's compiler: any
 * version from 4.8 to 6.0 gives the same facts, but TypeScript 7 has no JavaScript API at all, and a
 * project on it must still be able to run `flag-hygiene scan`. So the CLI process, and the scanner
 * threads it starts, answer every `require('typescript')` with the TypeScript 6 that ts-morph (a
 * dependency already, for type-aware resolution and the codemod) bundles. The ESLint plugin and the
 * library API never do this: they run inside someone else's process and use its TypeScript.
 */

const PINNED = createRequire(import.meta.url).resolve('@ts-morph/common/dist/typescript.js');

interface ModuleInternals {
  _resolveFilename(this: unknown, request: string, ...rest: unknown[]): string;
}

let pinned = false;

/** From now on, `require('typescript')` anywhere in this thread loads the pinned compiler. */
export function pinTypeScript(): void {
  if (pinned) return;
  pinned = true;
  const internals = Module as unknown as ModuleInternals;
  const resolveFilename = internals._resolveFilename;
  internals._resolveFilename = function (request, ...rest) {
    return request === 'typescript' ? PINNED : resolveFilename.call(this, request, ...rest);
  };
}

/** Whether this thread pinned TypeScript: the scanner's worker threads then pin it too. */
export function isTypeScriptPinned(): boolean {
  return pinned;
}
