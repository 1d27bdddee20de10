import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModuleResolver } from '../../src/detect/module-resolution.js';

/*
 * The resolver answers the common cases (relative imports, `paths` aliases) from folder listings
 * and leaves the rest to TypeScript. Whatever path it takes, it must land where TypeScript itself
 * lands: TypeScript, with the project's own tsconfig, is the oracle here.
 */
let root: string;

const FILES: Record<string, string> = {
  'tsconfig.base.json': JSON.stringify({ compilerOptions: { paths: { '@base/*': ['./shared/*'] } } }),
  'tsconfig.json': JSON.stringify({
    extends: './tsconfig.base.json',
    compilerOptions: {
      module: 'ESNext',
      moduleResolution: 'bundler',
      allowJs: true,
      jsx: 'preserve',
      paths: {
        '@app/*': ['./src/*'],
        '@app/special/*': ['./special/*'],
        '@lib': ['./lib/index.ts'],
        '@multi/*': ['./first/*', './second/*'],
        // A package stubbed out by a declaration file (novu's Vue package): no source, and no need to ask TypeScript.
        '@stub': ['./src/types.d.ts'],
      },
    },
  }),
  'src/flags.ts': 'export const A = 1;\n',
  'src/component.tsx': 'export const C = 1;\n',
  'src/legacy.js': 'export const L = 1;\n',
  'src/nested/index.ts': 'export const N = 1;\n',
  'src/types.d.ts': 'export declare const T: number;\n',
  'src/pkg/package.json': JSON.stringify({ main: 'main.ts' }),
  'src/pkg/main.ts': 'export const P = 1;\n',
  'special/thing.ts': 'export const S = 1;\n',
  'lib/index.ts': 'export const I = 1;\n',
  'second/only-here.ts': 'export const O = 1;\n',
  'first/both.ts': 'export const B1 = 1;\n',
  'second/both.ts': 'export const B2 = 1;\n',
  'shared/util.ts': 'export const U = 1;\n',
  'app/main.ts': 'export {};\n',
  'src/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
};

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'flag-hygiene-resolution-')));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function typescriptAnswer(fromFile: string, specifier: string): string | undefined {
  const read = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const options = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, join(root, 'tsconfig.json')).options;
  const result = ts.resolveModuleName(specifier, fromFile, { ...options, allowJs: true }, ts.sys).resolvedModule;
  if (result === undefined || result.resolvedFileName.endsWith('.d.ts')) return undefined;
  return realpathSync(result.resolvedFileName);
}

describe('createModuleResolver lands where TypeScript does', () => {
  const from = () => join(root, 'app', 'main.ts');
  it.each([
    '../src/flags',
    '../src/flags.js',
    '../src/component',
    '../src/legacy.js',
    '../src/nested',
    '../src/missing',
    '@app/flags',
    '@app/flags.js',
    '@app/component',
    '@app/legacy',
    '@app/nested',
    '@app/special/thing',
    '@app/missing',
    '@lib',
    '@multi/only-here',
    '@multi/both',
    '@base/util',
    '@stub',
    '@app/types.d.ts',
    '../src/logo.svg',
    '@app/logo.svg',
  ])('%s', (specifier) => {
    const resolve = createModuleResolver(root);
    expect(resolve(from(), specifier)).toBe(typescriptAnswer(from(), specifier));
  });

  it('the oracle is not vacuous: the aliases land on the files the tsconfig names', () => {
    const resolve = createModuleResolver(root);
    expect(resolve(from(), '@app/special/thing')).toBe(join(root, 'special', 'thing.ts')); // the longest prefix wins
    expect(resolve(from(), '@multi/both')).toBe(join(root, 'first', 'both.ts')); // targets in order
    expect(resolve(from(), '@multi/only-here')).toBe(join(root, 'second', 'only-here.ts'));
    expect(resolve(from(), '@base/util')).toBeUndefined(); // paths do not merge across extends: the child's replace the base's
    expect(resolve(from(), '@app/nested')).toBe(join(root, 'src', 'nested', 'index.ts'));
    expect(resolve(from(), '@app/flags.js')).toBe(join(root, 'src', 'flags.ts'));
  });

  it('a declaration file is never a source (TypeScript would land on it)', () => {
    const resolve = createModuleResolver(root);
    expect(resolve(from(), '@app/types')).toBeUndefined();
  });

  it('a folder with a package.json is left to TypeScript, which follows it', () => {
    const resolve = createModuleResolver(root);
    expect(resolve(from(), '@app/pkg')).toBe(typescriptAnswer(from(), '@app/pkg'));
    expect(resolve(from(), '@app/pkg')).toBe(join(root, 'src', 'pkg', 'main.ts'));
  });

  it('tells what it read: the folders it listed, the tsconfig files (with what they extend), and what TypeScript looked at', () => {
    const reads = new Set<string>();
    const resolve = createModuleResolver(root, (read) => reads.add(`${read.kind} ${read.path.slice(root.length)}`));
    resolve(from(), '../src/flags');
    expect(reads).toContain('folder /src');
    resolve(from(), '@app/pkg');
    expect(reads).toContain('file /tsconfig.json');
    expect(reads).toContain('file /tsconfig.base.json');
    expect(reads).toContain('file /src/pkg/package.json');
  });
});

describe('createModuleResolver and symlinks: real paths, and nothing outside the root', () => {
  let base: string;
  beforeAll(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'resolver-links-')));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(base, path)), { recursive: true });
      writeFileSync(join(base, path), text);
    };
    write('project/src/flags.ts', 'export const A = 1;\n');
    write('project/src/main.ts', '');
    write('outside/secret.ts', 'export const B = 2;\n');
    symlinkSync(join(base, 'outside/secret.ts'), join(base, 'project/src/linked-out.ts'));
    symlinkSync(join(base, 'project/src/flags.ts'), join(base, 'project/src/linked-in.ts'));
    // The root itself reached through a link, as /tmp is on macOS.
    symlinkSync(join(base, 'project'), join(base, 'project-link'), 'dir');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  // Through a linked root (as /tmp is on macOS), every answer is still a real path.
  it.each(['project', 'project-link'])(
    'from %s: a plain file resolves to its real path, a link inside the root to its target, a link out of the root to nothing',
    (folder) => {
      const root = join(base, folder);
      const resolve = createModuleResolver(root);
      const main = join(root, 'src/main.ts');
      expect(resolve(main, './flags')).toBe(join(base, 'project/src/flags.ts'));
      expect(resolve(main, './linked-in')).toBe(join(base, 'project/src/flags.ts'));
      expect(resolve(main, './linked-out')).toBeUndefined();
    },
  );
});

/*
 * A bare specifier (`react`) that a tsconfig's `paths` or `baseUrl` may map, but that lands on no
 * file through them: TypeScript then tries the package's own name, classic resolution's folders up,
 * and node_modules (a package's code, never the project's). The resolver answers without TypeScript
 * unless one of the first two could find a project file; each answer is TypeScript's.
 */
describe('createModuleResolver on bare specifiers that paths and baseUrl leave unplaced', () => {
  let base: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  };
  beforeAll(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'resolver-bare-')));
    const options = { module: 'ESNext', allowJs: true, paths: { '*': ['./src/*'] } };
    write('bundler/tsconfig.json', JSON.stringify({ compilerOptions: { ...options, moduleResolution: 'bundler' } }));
    write('bundler/package.json', JSON.stringify({ name: '@acme/app', exports: { '.': './src/index.ts', './x': './src/x.ts' } }));
    write('bundler/src/index.ts', 'export const I = 1;\n');
    write('bundler/src/x.ts', 'export const X = 1;\n');
    write('bundler/src/main.ts', '');
    write('bundler/src/utils/helpers.ts', 'export const H = 1;\n');
    write('bundler/node_modules/react/package.json', JSON.stringify({ name: 'react', main: 'index.js' }));
    write('bundler/node_modules/react/index.js', 'module.exports = {};\n');
    // A workspace package linked into node_modules: its code is inside the root, yet a package's.
    write('bundler/packages/linked/package.json', JSON.stringify({ name: 'linked', main: 'index.ts' }));
    write('bundler/packages/linked/index.ts', 'export const L = 1;\n');
    symlinkSync(join(base, 'bundler/packages/linked'), join(base, 'bundler/node_modules/linked'), 'dir');
    // A declaration named like a package, where classic resolution would look (cypress.d.ts beside cypress.config.ts).
    write('bundler/cypress.d.ts', 'export {};\n');
    write('classic/tsconfig.json', JSON.stringify({ compilerOptions: { ...options, moduleResolution: 'classic' } }));
    write('classic/src/lib/cypress.d.ts', 'export {};\n');
    write('classic/src/lib/helpers.ts', 'export const H = 1;\n');
    write('classic/src/lib/deep/main.ts', '');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  function oracle(project: string, fromFile: string, specifier: string): string | undefined {
    const config = join(base, project, 'tsconfig.json');
    const options = ts.parseJsonConfigFileContent(
      ts.readConfigFile(config, ts.sys.readFile).config,
      ts.sys,
      dirname(config),
      undefined,
      config,
    ).options;
    const result = ts.resolveModuleName(specifier, fromFile, { ...options, allowJs: true }, ts.sys).resolvedModule;
    if (result === undefined || result.isExternalLibraryImport === true || result.resolvedFileName.endsWith('.d.ts')) return undefined;
    return realpathSync(result.resolvedFileName);
  }

  it.each([
    ['bundler', 'src/main.ts', 'react', undefined],
    ['bundler', 'src/main.ts', 'lodash/fp', undefined],
    ['bundler', 'src/main.ts', 'linked', undefined],
    ['bundler', 'src/main.ts', 'utils/helpers', 'src/utils/helpers.ts'],
    ['bundler', 'src/main.ts', 'utils/logo.svg?react', undefined],
    ['bundler', 'src/main.ts', '@acme/app/x', 'src/x.ts'],
    ['bundler', 'src/main.ts', '@acme/app', 'src/index.ts'],
    ['bundler', 'src/main.ts', 'cypress', undefined],
    ['bundler', 'src/main.ts', 'node:path', undefined],
    ['classic', 'src/lib/deep/main.ts', 'cypress', undefined],
    ['classic', 'src/lib/deep/main.ts', 'helpers', 'src/lib/helpers.ts'],
    ['classic', 'src/lib/deep/main.ts', 'react', undefined],
  ])('%s: from %s, %s lands on %s', (project, from, specifier, expected) => {
    const fromFile = join(base, project, from);
    const answer = createModuleResolver(join(base, project))(fromFile, specifier);
    expect(answer).toBe(oracle(project, fromFile, specifier));
    expect(answer).toBe(expected === undefined ? undefined : join(base, project, expected));
  });

  it('asks TypeScript (which looks into node_modules) only when the package name or a folder up could be the project’s', () => {
    const reads: string[] = [];
    const resolve = createModuleResolver(join(base, 'bundler'), (read) => reads.push(`${read.kind} ${read.path}`));
    const fromFile = join(base, 'bundler/src/main.ts');
    // utils/ is a folder of the project, but holds no such file.
    for (const specifier of ['react', 'lodash/fp', 'linked', 'utils/logo.svg?react', 'cypress', 'node:path'])
      expect(resolve(fromFile, specifier)).toBeUndefined();
    expect(reads.filter((read) => read.includes('node_modules'))).toEqual([]);
    // TypeScript looks for the file the package's exports name; the listings never ask for a file.
    expect(resolve(fromFile, '@acme/app/x')).toBe(join(base, 'bundler/src/x.ts'));
    expect(reads).toContain(`file ${join(base, 'bundler/src/x.ts')}`);
  });

  it('looks for classic resolution’s files up the folders only where a tsconfig asks for classic', () => {
    const reads: string[] = [];
    const resolve = createModuleResolver(join(base, 'classic'), (read) => reads.push(`${read.kind} ${read.path}`));
    // cypress.d.ts is a declaration TypeScript lands on, so no project source; finding that takes TypeScript.
    expect(resolve(join(base, 'classic/src/lib/deep/main.ts'), 'cypress')).toBeUndefined();
    expect(reads).toContain(`file ${join(base, 'classic/src/lib/deep/cypress.ts')}`);
  });
});

/*
 * A folder with a package.json, imported as a module: TypeScript reads the first of `typings` and
 * `types` (after `typesVersions`), and lands on the file it names when it exists. The resolver
 * reads that case itself and leaves every other one to TypeScript; each answer is TypeScript's.
 */
describe('createModuleResolver on folders with a package.json', () => {
  let base: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  };
  const manifests: Record<string, unknown> = {
    typed: { main: '../dist/typed/index.js', typings: '../dist/typed/index.d.ts' },
    sourced: { main: './dist/index.js', types: './src/index.ts' },
    both: { typings: './a.d.ts', types: './b.ts' },
    'empty-typings': { typings: '', types: './t.ts' },
    versioned: { typesVersions: { '*': { '*': ['ts/*'] } }, types: './index.d.ts', main: './main.ts' },
    missing: { types: './nope.d.ts', main: './main.ts' },
    'javascript-types': { types: './index.js' },
  };
  beforeAll(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'resolver-package-folders-')));
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'bundler', allowJs: true } }));
    for (const [folder, manifest] of Object.entries(manifests)) write(`${folder}/package.json`, JSON.stringify(manifest));
    write('broken/package.json', '{ "types": ');
    write('broken/index.ts', 'export const B = 1;\n');
    write('dist/typed/index.d.ts', 'export declare const T: number;\n');
    write('dist/typed/index.js', 'export const T = 1;\n');
    write('sourced/src/index.ts', 'export const S = 1;\n');
    write('both/a.d.ts', 'export declare const A: number;\n');
    write('both/b.ts', 'export const B = 1;\n');
    write('empty-typings/t.ts', 'export const T = 1;\n');
    write('versioned/ts/index.d.ts', 'export declare const V: number;\n');
    write('versioned/main.ts', 'export const M = 1;\n');
    write('missing/main.ts', 'export const M = 1;\n');
    write('javascript-types/index.js', 'export const J = 1;\n');
    write('app/main.ts', 'export {};\n');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  function oracle(fromFile: string, specifier: string): string | undefined {
    const config = join(base, 'tsconfig.json');
    const options = ts.parseJsonConfigFileContent(
      ts.readConfigFile(config, ts.sys.readFile).config,
      ts.sys,
      base,
      undefined,
      config,
    ).options;
    const result = ts.resolveModuleName(specifier, fromFile, options, ts.sys).resolvedModule;
    if (result === undefined || result.isExternalLibraryImport === true || /\.d\.[cm]?ts$/.test(result.resolvedFileName)) return undefined;
    return realpathSync(result.resolvedFileName);
  }

  it.each([
    ['typed', undefined],
    ['sourced', 'sourced/src/index.ts'],
    ['both', undefined],
    ['empty-typings', 'empty-typings/t.ts'],
    ['versioned', undefined],
    ['missing', undefined],
    ['javascript-types', 'javascript-types/index.js'],
    ['broken', 'broken/index.ts'],
  ])('../%s lands on %s', (folder, expected) => {
    const fromFile = join(base, 'app/main.ts');
    const answer = createModuleResolver(base)(fromFile, `../${folder}`);
    expect(answer).toBe(oracle(fromFile, `../${folder}`));
    expect(answer).toBe(expected === undefined ? undefined : join(base, expected));
  });

  it('answers from the package.json when its typings or types names a TypeScript file that exists, and asks TypeScript otherwise', () => {
    const fromFile = join(base, 'app/main.ts');
    const asksTypeScript = (folder: string) => {
      const reads: string[] = [];
      createModuleResolver(base, (read) => reads.push(`${read.kind} ${read.path}`))(fromFile, `../${folder}`);
      expect(reads).toContain(`file ${join(base, folder, 'package.json')}`);
      // TypeScript first looks for a file of the folder's name; the listings never ask for one.
      return reads.includes(`file ${join(base, `${folder}.ts`)}`);
    };
    expect(['typed', 'sourced', 'both', 'empty-typings'].filter(asksTypeScript)).toEqual([]);
    expect(['versioned', 'missing', 'javascript-types', 'broken'].filter(asksTypeScript)).toEqual([
      'versioned',
      'missing',
      'javascript-types',
      'broken',
    ]);
  });
});
