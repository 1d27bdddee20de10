import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scanCalledImports } from '../../src/detect/import-scan.js';
import { ModuleGraph } from '../../src/detect/module-graph.js';
import { createModuleResolver } from '../../src/detect/module-resolution.js';
import { needsAnalysis } from '../../src/detect/needs-analysis.js';
import { indexFor } from '../helpers/analyze-source.js';

/*
 * Issue 19: on a real server codebase ESLint spent half its time parsing other modules to learn
 * whether an import was a wrapper. A file that names no accessor holds a reference only by calling
 * an imported binding, so only called bindings are followed, and looking for a wrapper never reads
 * a module whose text cannot export one.
 */

describe('scanCalledImports keeps only the bindings the code may call', () => {
  it.each([
    [
      'a named import called',
      `import { isOn, Widget } from './lib';\nif (isOn('x')) new Widget();`,
      [{ specifier: './lib', names: ['isOn'] }],
    ],
    [
      'a default import called through a member',
      `import checks from './checks';\nchecks.isOn('x');`,
      [{ specifier: './checks', names: ['default'] }],
    ],
    [
      'a renamed import called with type arguments',
      `import { evaluate as ev } from './e';\nev<boolean>('x');`,
      [{ specifier: './e', names: ['evaluate'] }],
    ],
    [
      'namespace members called, one only constructed',
      `import * as lib from './lib';\nlib.isOn('x');\nlib?.variant('y');\nnew lib.Widget();`,
      [{ specifier: './lib', names: ['isOn', 'variant'] }],
    ],
    [
      'compiled CommonJS calls and constructions',
      `const lib_1 = require("./lib");\n(0, lib_1.isOn)('x');\nconst s = new lib_1.Service();\nconst n = lib_1.LIMIT;`,
      [{ specifier: './lib', names: ['isOn'] }],
    ],
    [
      'destructured require, renamed',
      `const { isOn: on, LIMIT } = require('./lib');\non(LIMIT, 'x');`,
      [{ specifier: './lib', names: ['isOn'] }],
    ],
    [
      'a second declarator that requires a module (the detector binds both)',
      `const a = require('./a'), { isOn } = require('./b');\nlet n = 1, lib = require('./c');\na.variant('x');\nisOn('y');\nlib.isOn('z');`,
      [
        { specifier: './a', names: ['variant'] },
        { specifier: './b', names: ['isOn'] },
        { specifier: './c', names: ['isOn'] },
      ],
    ],
    [
      'a namespace used whole (cast, then called)',
      `import * as lib from './lib';\n(lib as any).isOn('x');`,
      [{ specifier: './lib', names: ['*'] }],
    ],
    [
      'a call with a comment before its parenthesis',
      `import { isOn } from './lib';\nisOn /* key */ ('x');`,
      [{ specifier: './lib', names: ['isOn'] }],
    ],
    [
      'one local name bound in two functions, to two modules',
      `function a() { const lib = require('./a'); return lib.isOn('x'); }\nfunction b() { const lib = require('./b'); return lib; }`,
      [
        { specifier: './a', names: ['isOn'] },
        { specifier: './b', names: ['isOn'] },
      ],
    ],
    [
      'type-only imports, values passed on, re-exports, a property of the same name',
      `import type { Checker } from './types';\nimport { type Key, LIMIT } from './keys';\nimport { Widget } from './widget';\nexport { isOn } from './lib';\nconst w: Widget = make([LIMIT, Widget]);\nother.Widget();`,
      [],
    ],
  ])('%s', (_name, text, expected) => {
    expect(scanCalledImports(text)).toEqual(expected);
  });
});

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

  it('only imports of modules that may export a wrapper are asked name by name; the answer is the same', () => {
    const folder = write({
      'src/flags.ts': `export const isOn = (key: string) => flags.get(key);\n`,
      'src/format.ts': `export function formatPrice(cents: number) { return (cents / 100).toFixed(2); }\n`,
      'src/widgets.ts': `import { formatPrice } from './format';\nexport const label = (cents: number) => formatPrice(cents);\n`,
    });
    const graph = new ModuleGraph({ index: indexFor({}), resolveModule: createModuleResolver(folder), isTestFile: () => false });
    const asked = vi.spyOn(graph, 'importsWrapper');
    const app = join(folder, 'src/app.ts');
    const plain = `import { formatPrice } from './format';\nimport { label } from './widgets';\nexport const shown = label(formatPrice(100));\n`;
    // What app.ts itself is asked (the graph asks the same of the modules it looks through).
    const askedOfApp = () => asked.mock.calls.filter(([from]) => from === app).map(([, scanned]) => scanned.specifier);
    expect(needsAnalysis(app, plain, indexFor({}), graph)).toBe(false);
    expect(askedOfApp()).toEqual([]);
    const flagged = `${plain}import { isOn } from './flags';\nexport const on = isOn('new_checkout');\n`;
    expect(needsAnalysis(app, flagged, indexFor({}), graph)).toBe(true);
    expect(askedOfApp()).toEqual(['./flags']);
  });

  it('imports of packages no alias maps are not looked for in the text; aliased and relative ones are', () => {
    const folder = write({
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@app/*": ["./src/*"] } } }',
      'src/flags.ts': `export const isOn = (key: string) => flags.get(key);\n`,
    });
    const resolve = createModuleResolver(folder);
    const from = join(folder, 'src/app.ts');
    expect(
      ['react', '@app/flags', './flags', '#internal', '@scope/pkg'].map((specifier) => resolve.mayReachProject?.(from, specifier)),
    ).toEqual([false, true, true, true, false]);
    const text = `import { useState } from 'react';\nimport { isOn } from '@app/flags';\nuseState(isOn('x'));\n`;
    const scanned: string[] = [];
    expect(
      scanCalledImports(text, (specifier) => {
        scanned.push(specifier);
        return resolve.mayReachProject!(from, specifier);
      }),
    ).toEqual([{ specifier: '@app/flags', names: ['isOn'] }]);
    expect(scanned).toEqual(['react', '@app/flags']);
    expect(scanCalledImports(text)).toEqual([
      { specifier: 'react', names: ['useState'] },
      { specifier: '@app/flags', names: ['isOn'] },
    ]);
  });
});
