import { createRequire } from 'node:module';
import type TypeScript from 'typescript';

let typescript: typeof TypeScript | undefined;

/**
 * The project's TypeScript (the CLI pins its own: see pinned-typescript.ts), loaded on the first
 * question only TypeScript can answer: a CLI run whose imports all resolve from folder listings (a
 * warm report) never pays for its 9 MB. The ESLint plugin asks at load (file-context.ts), so a
 * project without a usable TypeScript hears it at once.
 */
export function requireTypeScript(): typeof TypeScript {
  typescript ??= loadTypeScript();
  return typescript;
}

/**
 * Required, not imported: an ESM import of TypeScript's 9 MB CommonJS bundle makes Node scan it for
 * export names first (a few hundred milliseconds at every ESLint start). TypeScript 7 has no
 * JavaScript API; say so and what to do, rather than fail later on an undefined `ts.ModuleKind`.
 */
function loadTypeScript(): typeof TypeScript {
  const help =
    'the ESLint rules need the TypeScript 4.8.4 to 6.0 API as the `typescript` package (a TypeScript 7 project keeps `tsc` 7 and installs the 6.0 API beside it: see docs/eslint.md#typescript-7-projects)';
  let loaded: Partial<typeof TypeScript>;
  try {
    loaded = createRequire(import.meta.url)('typescript') as typeof TypeScript;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND')
      throw new Error(`eslint-plugin-flag-hygiene: no \`typescript\` package is installed; ${help}`, { cause: error });
    throw error;
  }
  if (typeof loaded.resolveModuleName !== 'function' || loaded.ModuleKind === undefined) {
    throw new Error(
      `eslint-plugin-flag-hygiene: the installed \`typescript\` ${typeof loaded.version === 'string' ? loaded.version : ''} has no JavaScript API; ${help}`.replace(
        '  ',
        ' ',
      ),
    );
  }
  return loaded as typeof TypeScript;
}
