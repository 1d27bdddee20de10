import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../../src/detect/facts.js';
import type { ScannedImport } from '../../src/detect/import-scan.js';
import { callerFiles } from '../../src/scanner/cross-nesting.js';

/*
 * Where the scanner looks for callers of functions that flag regions reach (nestings through calls):
 * the files importing one of their names. Nearly every module imports some default export, so a
 * default import counts only from a module that can hand on the candidate as its default.
 */
function factsWith(exportedAs: string[]): FileFacts {
  return { functions: [{ exportedAs }] } as unknown as FileFacts;
}

describe('callerFiles', () => {
  const facts = new Map<string, FileFacts>([['/p/modal.tsx', factsWith(['default'])]]);
  const imports = new Map<string, ScannedImport[]>([
    ['/p/page.tsx', [{ specifier: './modal', names: ['default'] }]],
    ['/p/other.tsx', [{ specifier: './button', names: ['default'] }]],
    ['/p/button.tsx', [{ specifier: 'react', names: ['default'] }]],
    ['/p/index.ts', [{ specifier: './modal', names: ['default'] }]],
    ['/p/via-index.tsx', [{ specifier: './index', names: ['default'] }]],
    ['/p/all.tsx', [{ specifier: './widgets', names: ['*'] }]],
    ['/p/plain.tsx', [{ specifier: './plain', names: ['default'] }]],
    ['/p/plain.ts', []],
  ]);
  const resolve = (_: string, specifier: string) => (specifier.startsWith('./') ? `/p/${specifier.slice(2)}.tsx` : undefined);
  const resolveTs = (from: string, specifier: string) =>
    specifier === './index' ? '/p/index.ts' : specifier === './plain' ? '/p/plain.ts' : resolve(from, specifier);

  it('takes a default import from the candidate module, or from one that may hand a default on; a namespace import always', () => {
    const { files, names } = callerFiles(
      new Set(['/p/modal.tsx#0']),
      new Set(['/p/flags.ts']),
      (file) => facts.get(file),
      { files: imports.keys(), importsOf: (file) => imports.get(file) },
      resolveTs,
    );
    expect([...names]).toEqual(['default']);
    // other.tsx imports button's default, and button imports only a package's: button passes nothing of the project on.
    // But it imports a default itself, so it may hand it on: other.tsx stays (the test is over-inclusive, never under).
    expect([...files].sort()).toEqual(['/p/all.tsx', '/p/flags.ts', '/p/index.ts', '/p/other.tsx', '/p/page.tsx', '/p/via-index.tsx']);
  });
});
