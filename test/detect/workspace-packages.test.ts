import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModuleResolver } from '../../src/detect/module-resolution.js';
import { readSpecifierScope, specifierTest } from '../../src/detect/project-specifiers.js';
import { packageSpecifier, readWorkspacePackages } from '../../src/detect/workspace-packages.js';
import { writeTree } from '../helpers/lint-tree.js';
import { scanDir } from '../helpers/scanner-fixtures.js';

/*
 * In a monorepo, packages import each other by name, and the package manager links each name to its
 * folder in node_modules. TypeScript follows the link; the resolver must land on the same file
 * without one (a checkout need not be installed). The oracle: TypeScript, in a copy of the same
 * tree where node_modules holds the links pnpm, yarn or npm would make.
 */
const temporary: string[] = [];
const newRoot = (label: string) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), `flag-hygiene-workspace-${label}-`)));
  temporary.push(root);
  return root;
};
afterAll(() => {
  for (const root of temporary) rmSync(root, { recursive: true, force: true });
});

const pkg = (fields: Record<string, unknown>) => JSON.stringify(fields);

describe('readWorkspacePackages', () => {
  it('reads package.json workspaces (a list or { packages }) and pnpm-workspace.yaml, with globs, exact folders and exclusions', () => {
    const root = newRoot('globs');
    writeTree(root, {
      'package.json': pkg({ name: 'monorepo', workspaces: { packages: ['packages/*', 'tools/cli', '!packages/legacy'] } }),
      'pnpm-workspace.yaml': "packages:\n  - 'apps/**'\n",
      'packages/shared/package.json': pkg({ name: 'shared' }),
      'packages/ui/package.json': pkg({ name: '@acme/ui' }),
      'packages/legacy/package.json': pkg({ name: 'legacy' }),
      'packages/no-name/package.json': pkg({ version: '1.0.0' }),
      'packages/no-manifest/index.ts': '',
      'packages/ui/node_modules/dep/package.json': pkg({ name: 'dep' }),
      'tools/cli/package.json': pkg({ name: 'cli' }),
      'tools/other/package.json': pkg({ name: 'other' }),
      'apps/web/package.json': pkg({ name: 'web' }),
      'apps/group/admin/package.json': pkg({ name: 'admin' }),
      'apps/.hidden/package.json': pkg({ name: 'hidden' }),
    });
    const packages = readWorkspacePackages(root);
    expect(Object.fromEntries([...packages].map(([name, folder]) => [name, relative(root, folder)]))).toEqual({
      '@acme/ui': join('packages', 'ui'),
      admin: join('apps', 'group', 'admin'),
      cli: join('tools', 'cli'),
      shared: join('packages', 'shared'),
      web: join('apps', 'web'),
    });
  });

  it('reads a plain list; of two packages with one name the first folder in order wins', () => {
    const root = newRoot('list');
    writeTree(root, {
      'package.json': pkg({ workspaces: ['a/*', 'b/*'] }),
      'a/one/package.json': pkg({ name: 'same' }),
      'b/one/package.json': pkg({ name: 'same' }),
    });
    expect(readWorkspacePackages(root)).toEqual(new Map([['same', join(root, 'a', 'one')]]));
  });

  it('ignores globs that reach outside the root or are absolute, and workspace files that do not parse', () => {
    const root = newRoot('unsafe');
    writeTree(root, {
      'project/package.json': pkg({ workspaces: ['../*', '/etc/*', 'packages/../../*', 'packages/*'] }),
      'project/pnpm-workspace.yaml': 'packages: [unclosed\n',
      'project/packages/a/package.json': pkg({ name: 'a' }),
      'sibling/package.json': pkg({ name: 'sibling' }),
    });
    expect([...readWorkspacePackages(join(root, 'project')).keys()]).toEqual(['a']);
    expect(readWorkspacePackages(join(root, 'project', 'packages'))).toEqual(new Map());
  });

  it('tells what it read: the workspace files, the folders its globs listed and each package.json', () => {
    const root = newRoot('reads');
    writeTree(root, {
      'package.json': pkg({ workspaces: ['packages/*'] }),
      'packages/a/package.json': pkg({ name: 'a' }),
      'packages/b/src/index.ts': '',
    });
    const heard = new Set<string>();
    readWorkspacePackages(root, { onRead: (path) => heard.add(relative(root, path)) });
    expect([...heard].sort()).toEqual(
      ['', 'package.json', 'packages', join('packages', 'a'), join('packages', 'a', 'package.json'), join('packages', 'b')].sort(),
    );
  });
});

describe('packageSpecifier', () => {
  it.each([
    ['shared', { name: 'shared', subpath: '.' }],
    ['shared/enterprise', { name: 'shared', subpath: './enterprise' }],
    ['@acme/ui', { name: '@acme/ui', subpath: '.' }],
    ['@acme/ui/button/index', { name: '@acme/ui', subpath: './button/index' }],
    ['@acme', undefined],
    ['@/alias', undefined],
  ])('%s', (specifier, expected) => {
    expect(packageSpecifier(specifier)).toEqual(expected);
  });
});

describe('the specifier scope and the resolver take workspace packages as the project’s code', () => {
  let root: string;
  const FILES: Record<string, string> = {
    'package.json': pkg({ name: 'monorepo', private: true }),
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    // As GrowthBook's shared package: `types` names the source, and each subpath has a declaration
    // stub beside the JavaScript it builds.
    'packages/shared/package.json': pkg({ name: 'shared', main: 'dist/index.js', types: 'src/index.ts' }),
    'packages/shared/src/index.ts': "export * from './flags';\n",
    'packages/shared/src/flags.ts': "export const KEY = 'pricing';\n",
    'packages/shared/enterprise.d.ts': "export * from './src/enterprise';\n",
    'packages/shared/enterprise.js': "module.exports = require('./dist/enterprise');\n",
    'packages/shared/src/enterprise/index.ts': "export const PLAN = 'plan';\n",
    'packages/shared/util.ts': 'export const U = 1;\n',
    'packages/shared/legacy.js': 'export const L = 1;\n',
    'packages/shared/lib/index.ts': 'export const I = 1;\n',
    'packages/shared/nested/package.json': pkg({ types: 'entry.ts' }),
    'packages/shared/nested/entry.ts': 'export const N = 1;\n',
    // A `main` naming its own folder: TypeScript does not go round in circles, nor may the resolver.
    'packages/shared/loop/package.json': pkg({ main: '.' }),
    'packages/shared/loop/index.ts': 'export const O = 1;\n',
    // `exports` with conditions and a pattern: only what it exports can be imported.
    'packages/ui/package.json': pkg({
      name: '@acme/ui',
      exports: {
        '.': { types: './src/index.ts', import: './dist/index.mjs', default: './dist/index.js' },
        './widgets/*': { import: './src/widgets/*.ts' },
        './package.json': './package.json',
      },
    }),
    'packages/ui/src/index.ts': 'export const UI = 1;\n',
    // Unbuilt: `types` names a declaration not there yet, and TypeScript goes on to the next
    // condition (as create-t3-turbo's packages are written); Node would stop at `types`.
    'packages/api/package.json': pkg({
      name: '@acme/api',
      exports: {
        '.': { types: './dist/index.d.ts', default: './src/index.ts' },
        './client': { import: './dist/client.mjs', types: './src/client.ts' },
        './tools/*': ['./missing/*.ts', './src/tools/*.ts'],
        // A folder key: gone from Node since 17, never read by TypeScript.
        './legacy/': './src/legacy/',
        './blocked/*': null,
      },
    }),
    'packages/api/src/index.ts': 'export const API = 1;\n',
    'packages/api/src/client.ts': 'export const C = 1;\n',
    'packages/api/src/tools/format.ts': 'export const F = 1;\n',
    'packages/api/src/legacy/old.ts': 'export const O = 1;\n',
    'packages/api/src/blocked/x.ts': 'export const X = 1;\n',
    // `typings` before `types`, and `main` when neither lands.
    'packages/typed/package.json': pkg({ name: 'typed', typings: 'lib/typed.ts', types: 'lib/other.ts', main: 'lib/main.js' }),
    'packages/typed/lib/typed.ts': 'export const T = 1;\n',
    'packages/typed/lib/other.ts': 'export const O = 1;\n',
    'packages/typed/lib/main.js': 'export const M = 1;\n',
    'packages/mainonly/package.json': pkg({ name: 'mainonly', types: 'dist/index.d.ts', main: 'src/index.js' }),
    'packages/mainonly/src/index.js': 'export const M = 1;\n',
    'packages/ui/src/widgets/button.ts': 'export const B = 1;\n',
    'packages/ui/src/private.ts': 'export const P = 1;\n',
    'packages/web/src/main.ts': 'export {};\n',
    'packages/web/tsconfig.json': pkg({ compilerOptions: { module: 'ESNext', moduleResolution: 'bundler', allowJs: true } }),
  };
  beforeAll(() => {
    root = newRoot('resolve');
    writeTree(root, FILES);
  });

  /** TypeScript's answer with node_modules linked as a package manager links it (the links made in a copy). */
  function typescriptAnswer(specifier: string): string | undefined {
    const linked = newRoot('linked');
    writeTree(linked, FILES);
    mkdirSync(join(linked, 'node_modules', '@acme'), { recursive: true });
    symlinkSync(join(linked, 'packages', 'shared'), join(linked, 'node_modules', 'shared'), 'dir');
    symlinkSync(join(linked, 'packages', 'ui'), join(linked, 'node_modules', '@acme', 'ui'), 'dir');
    symlinkSync(join(linked, 'packages', 'api'), join(linked, 'node_modules', '@acme', 'api'), 'dir');
    symlinkSync(join(linked, 'packages', 'typed'), join(linked, 'node_modules', 'typed'), 'dir');
    symlinkSync(join(linked, 'packages', 'mainonly'), join(linked, 'node_modules', 'mainonly'), 'dir');
    const options = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: true };
    const from = join(linked, 'packages', 'web', 'src', 'main.ts');
    const resolved = ts.resolveModuleName(specifier, from, options, ts.sys).resolvedModule?.resolvedFileName;
    return resolved === undefined ? undefined : relative(linked, realpathSync(resolved));
  }

  it.each([
    'shared',
    'shared/enterprise',
    'shared/util',
    'shared/util.js',
    'shared/legacy',
    'shared/lib',
    'shared/nested',
    'shared/loop',
    'shared/src/flags',
    'shared/missing',
    '@acme/ui',
    '@acme/ui/widgets/button',
    '@acme/ui/src/private',
    '@acme/ui/widgets/missing',
    '@acme/api',
    '@acme/api/client',
    '@acme/api/tools/format',
    '@acme/api/legacy/old',
    '@acme/api/blocked/x',
    'typed',
    'mainonly',
  ])('%s lands where TypeScript lands through the link', (specifier) => {
    const resolve = createModuleResolver(root);
    const ours = resolve(join(root, 'packages', 'web', 'src', 'main.ts'), specifier);
    expect(ours === undefined ? undefined : relative(root, ours)).toBe(typescriptAnswer(specifier));
  });

  it('the oracle is not vacuous: through the links TypeScript lands in the packages’ folders, declaration stubs included', () => {
    expect(typescriptAnswer('shared')).toBe(join('packages', 'shared', 'src', 'index.ts'));
    expect(typescriptAnswer('shared/enterprise')).toBe(join('packages', 'shared', 'enterprise.d.ts'));
    expect(typescriptAnswer('@acme/ui/widgets/button')).toBe(join('packages', 'ui', 'src', 'widgets', 'button.ts'));
    expect(typescriptAnswer('@acme/ui/src/private')).toBeUndefined();
    expect(typescriptAnswer('@acme/api')).toBe(join('packages', 'api', 'src', 'index.ts'));
    expect(typescriptAnswer('@acme/api/client')).toBe(join('packages', 'api', 'src', 'client.ts'));
    expect(typescriptAnswer('@acme/api/tools/format')).toBe(join('packages', 'api', 'src', 'tools', 'format.ts'));
  });

  it('a folder that links back to itself ends the walk: no answer, no endless loop', () => {
    const cyclic = newRoot('cyclic');
    writeTree(cyclic, {
      'package.json': pkg({ workspaces: ['packages/*'] }),
      'packages/loop/package.json': pkg({ name: 'loop', main: 'index' }),
      'packages/web/main.ts': '',
    });
    symlinkSync('.', join(cyclic, 'packages', 'loop', 'index'), 'dir');
    const resolve = createModuleResolver(cyclic);
    expect(resolve(join(cyclic, 'packages', 'web', 'main.ts'), 'loop')).toBeUndefined();
  });

  it('exports nested deeper than any package writes them lead nowhere, without exhausting the stack', () => {
    const deep = newRoot('deep');
    // Written as text: JSON.stringify itself runs out of stack on it, JSON.parse does not.
    const conditions = `${'{"types":'.repeat(20_000)}"./src/index.ts"${'}'.repeat(20_000)}`;
    writeTree(deep, {
      'package.json': pkg({ workspaces: ['packages/*'] }),
      'packages/deep/package.json': `{"name":"deep","exports":{".":${conditions}}}`,
      'packages/deep/src/index.ts': '',
      'packages/web/main.ts': '',
    });
    expect(createModuleResolver(deep)(join(deep, 'packages', 'web', 'main.ts'), 'deep')).toBeUndefined();
  });

  it('a package that is not the workspace’s stays outside, and the scope names exactly the workspace’s packages', () => {
    const resolve = createModuleResolver(root);
    const main = join(root, 'packages', 'web', 'src', 'main.ts');
    expect(resolve(main, 'react')).toBeUndefined();
    expect(resolve.mayReachProject?.(main, 'react')).toBe(false);
    expect(resolve.mayReachProject?.(main, 'shared/enterprise')).toBe(true);
    const scope = readSpecifierScope(root, []);
    expect(scope.workspaces).toEqual(['@acme/api', '@acme/ui', 'mainonly', 'shared', 'typed']);
    const inProject = specifierTest(scope);
    expect(['shared', 'shared/util', '@acme/ui/widgets/x', 'sharedx', '@acme/other', 'react'].map(inProject)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

/*
 * Found on novu: its packages' package.json files name their build output (`dist/esm/index.js`),
 * and a checkout is not built, so TypeScript lands nowhere and every key of `FeatureFlagsKeysEnum`
 * (from `@novu/shared`) read as a dynamic key. Where TypeScript finds no file, the output is traced
 * back to its source through the package's tsconfig files (`outDir`, `declarationDir`, `rootDir`).
 */
describe('a workspace package not built yet', () => {
  const FILES: Record<string, string> = {
    'package.json': pkg({ name: 'monorepo', workspaces: ['packages/*'] }),
    'tsconfig.base.json': pkg({ compilerOptions: { strict: true } }),
    // As @novu/shared: conditions into two builds, one tsconfig per build, the second extending the first.
    'packages/shared/package.json': pkg({
      name: '@acme/shared',
      main: 'dist/cjs/index.js',
      exports: {
        '.': { require: './dist/cjs/index.js', import: './dist/esm/index.js', types: './dist/esm/index.d.ts' },
        './utils': { import: './dist/esm/utils/index.js' },
      },
    }),
    'packages/shared/tsconfig.json': pkg({
      extends: '../../tsconfig.base.json',
      compilerOptions: { outDir: './dist/cjs', rootDir: './src' },
    }),
    'packages/shared/tsconfig.esm.json': pkg({ extends: './tsconfig.json', compilerOptions: { outDir: './dist/esm' } }),
    'packages/shared/src/index.ts': "export enum Keys { NEW_NAV = 'new_nav' }\n",
    'packages/shared/src/utils/index.ts': 'export const U = 1;\n',
    // `main` and `types` into `dist`, no rootDir: the sources are under `src`.
    'packages/plain/package.json': pkg({ name: 'plain', main: 'dist/index.js', types: 'dist/index.d.ts' }),
    'packages/plain/tsconfig.json': pkg({ compilerOptions: { outDir: 'dist' } }),
    'packages/plain/src/index.tsx': 'export const P = 1;\n',
    // Declarations built apart from the JavaScript.
    'packages/typed/package.json': pkg({ name: 'typed', main: 'lib/index.js', types: 'types/index.d.ts' }),
    'packages/typed/tsconfig.json': pkg({ compilerOptions: { outDir: 'lib', declarationDir: 'types', rootDir: 'source' } }),
    'packages/typed/source/index.ts': 'export const T = 1;\n',
    // No tsconfig to say where `dist` comes from: no answer, as TypeScript's.
    'packages/bundled/package.json': pkg({ name: 'bundled', main: 'dist/index.js' }),
    'packages/bundled/src/index.ts': 'export const B = 1;\n',
    'apps/web/src/main.ts': "import { Keys } from '@acme/shared';\nif (flags.get(Keys.NEW_NAV)) show();\n",
  };
  let root: string;
  beforeAll(() => {
    root = newRoot('unbuilt');
    writeTree(root, FILES);
  });
  const landing = (specifier: string) => {
    const found = createModuleResolver(root)(join(root, 'apps', 'web', 'src', 'main.ts'), specifier);
    return found === undefined ? undefined : relative(root, found);
  };

  it.each([
    ['@acme/shared', join('packages', 'shared', 'src', 'index.ts')],
    ['@acme/shared/utils', join('packages', 'shared', 'src', 'utils', 'index.ts')],
    ['plain', join('packages', 'plain', 'src', 'index.tsx')],
    ['typed', join('packages', 'typed', 'source', 'index.ts')],
    ['bundled', undefined],
  ])('%s lands on the source its entry is built from', (specifier, expected) => {
    expect(landing(specifier)).toBe(expected);
  });

  it('once built, the import lands on the build, as TypeScript’s does', () => {
    const built = newRoot('built');
    writeTree(built, { ...FILES, 'packages/plain/dist/index.d.ts': 'export declare const P = 1;\n', 'packages/plain/dist/index.js': '' });
    const found = createModuleResolver(built)(join(built, 'apps', 'web', 'src', 'main.ts'), 'plain');
    expect(found === undefined ? undefined : relative(built, found)).toBe(join('packages', 'plain', 'dist', 'index.d.ts'));
  });

  it('a key from an enum of the unbuilt package is no dynamic key', async () => {
    writeTree(root, { 'flag-hygiene.config.json': '{}' });
    const { inventory } = await scanDir(root);
    expect(inventory.references.map((reference) => [reference.key, reference.dynamic === true])).toEqual([['new_nav', false]]);
  });
});
