import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModuleGraph } from '../../src/detect/module-graph.js';
import { createModuleResolver } from '../../src/detect/module-resolution.js';
import { needsAnalysis } from '../../src/detect/needs-analysis.js';
import { indexFor } from './analyze-source.js';

/*
 * Issue 19: on a real server codebase ESLint spent half its time parsing other modules to learn
 * whether an import was a wrapper. Looking for a wrapper never reads a module whose text cannot
 * export one.
 */

describe('looking for wrappers reads only modules that may export one', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  function write(files: Record<string, string>): string {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'flag-hygiene-called-')));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('an index module re-exporting a wrapper and a plain factory: the factory module is never parsed', () => {
    const folder = write({
      'src/flags.ts': `export const isOn = (key: string) => flags.get(key);\n`,
      'src/widgets.ts': `export function makeWidget() { return { size: 1 }; }\n`,
      'src/index.ts': `export { isOn } from './flags';\nexport { makeWidget } from './widgets';\n`,
      'src/app.ts': `import * as lib from './index';\nexport const widget = lib.makeWidget();\nexport const on = lib.isOn('new_checkout');\n`,
    });
    const asked: string[] = [];
    const graph = new ModuleGraph({
      index: indexFor({}),
      resolveModule: createModuleResolver(folder),
      isTestFile: () => false,
      knownModule: (file) => {
        asked.push(relative(folder, file));
        return undefined;
      },
    });
    const app = join(folder, 'src/app.ts');
    const text = `import * as lib from './index';\nexport const widget = lib.makeWidget();\nexport const on = lib.isOn('new_checkout');\n`;
    expect(needsAnalysis(app, text, indexFor({}), graph)).toBe(true);
    expect([...new Set(asked)].sort()).toEqual(['src/flags.ts', 'src/index.ts']);
  });
});
