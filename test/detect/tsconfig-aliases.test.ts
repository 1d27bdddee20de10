import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { boundedTsconfigHost, readTsconfigAliases, type TsconfigAliases } from '../../src/detect/tsconfig-aliases.js';
import { temporaryFolder } from '../helpers/eslint-cli.js';

/*
 * A tsconfig's `paths` and `baseUrl` without TypeScript (issue 19: loading it to read them cost a
 * cold scan more than its parses). Where the reader answers, it answers what TypeScript's parsed
 * compiler options say; the rest it leaves to TypeScript.
 */
const work = temporaryFolder('tsconfig-aliases');
afterAll(() => work.cleanup());

let projects = 0;
function project(files: Record<string, string>): string {
  const root = join(work.dir, `p${projects++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const read = (config: string) =>
  readTsconfigAliases(
    config,
    boundedTsconfigHost(() => {}),
  );

/** What TypeScript's own parse of the config gives, in the same shape. */
function typescriptAliases(config: string): TsconfigAliases {
  const file = ts.readConfigFile(config, (path) => ts.sys.readFile(path));
  const options = ts.parseJsonConfigFileContent(file.config, ts.sys, dirname(config), undefined, config).options;
  const pathsBasePath = (options as { pathsBasePath?: string }).pathsBasePath;
  return {
    ...(options.paths === undefined ? {} : { paths: options.paths as Record<string, string[]> }),
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(options.paths === undefined || pathsBasePath === undefined ? {} : { pathsBasePath }),
  };
}

describe('readTsconfigAliases', () => {
  it.each([
    ['no compiler options', { 'tsconfig.json': '{ "include": ["src"] }' }],
    [
      'paths and baseUrl, with comments and trailing commas',
      {
        'tsconfig.json':
          '{\n  // aliases\n  "compilerOptions": { /* base */ "baseUrl": "./src", "paths": { "@app/*": ["./*", "./gen/*",], }, },\n}\n',
      },
    ],
    [
      'paths without baseUrl',
      { 'tsconfig.json': '{ "compilerOptions": { "paths": { "~/*": ["./src/*"], "flags": ["./src/flags.ts"] } } }' },
    ],
    [
      'paths inherited from a base in another folder, extended without .json',
      {
        'configs/base.json': '{ "compilerOptions": { "paths": { "@lib/*": ["../lib/*"] }, "strict": true } }',
        'tsconfig.json': '{ "extends": "./configs/base", "compilerOptions": { "outDir": "dist" } }',
      },
    ],
    [
      'bases in an array, the later one and the config itself overriding',
      {
        'a.json': '{ "compilerOptions": { "baseUrl": "./a", "paths": { "@a/*": ["./a/*"] } } }',
        'b/b.json': '{ "compilerOptions": { "paths": { "@b/*": ["./*"] } } }',
        'tsconfig.json': '{ "extends": ["./a.json", "./b/b.json"] }',
      },
    ],
    [
      'a config overriding its base paths',
      {
        'base.json': '{ "compilerOptions": { "paths": { "@old/*": ["./old/*"] } } }',
        'tsconfig.json': '{ "extends": "./base.json", "compilerOptions": { "paths": { "@new/*": ["./new/*"] } } }',
      },
    ],
  ])('reads %s as TypeScript does', (_, files) => {
    const config = join(project(files), 'tsconfig.json');
    const aliases = read(config);
    expect(aliases).toBeDefined();
    expect(aliases).toEqual(typescriptAliases(config));
  });

  it.each([
    ['a ${configDir} template', '{ "compilerOptions": { "paths": { "@/*": ["${configDir}/src/*"] } } }'],
    ['text that is not JSON with comments', '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } '],
    ['paths that are not lists of strings', '{ "compilerOptions": { "paths": { "@/*": "./src/*" } } }'],
  ])('leaves %s to TypeScript', (_, text) => {
    expect(read(join(project({ 'tsconfig.json': text }), 'tsconfig.json'))).toBeUndefined();
  });

  it('hears every file it reads or looks for, and reads no file that is not a regular one', () => {
    const root = project({ 'base.json': '{ "compilerOptions": { "baseUrl": "." } }', 'tsconfig.json': '{ "extends": "./base" }' });
    const heard: string[] = [];
    expect(
      readTsconfigAliases(
        join(root, 'tsconfig.json'),
        boundedTsconfigHost((path) => heard.push(path)),
      ),
    ).toEqual({ baseUrl: root });
    expect(heard).toEqual([join(root, 'tsconfig.json'), join(root, 'base'), join(root, 'base.json')]);
    mkdirSync(join(root, 'folder.json'));
    expect(read(join(root, 'folder.json'))).toBeUndefined();
  });
});

/*
 * An `extends` of a package (a monorepo's shared `@acme/tsconfig`): found in node_modules as
 * TypeScript finds a JSON file of a package, or left to TypeScript where its resolution could go
 * another way. Each case is checked against TypeScript's own parse of the same files.
 */
describe('readTsconfigAliases: an extends of a package', () => {
  const BASE = '{ "compilerOptions": { "baseUrl": ".", "paths": { "@shared/*": ["./src/*"] } } }';

  /** A project with `links` (path: target, relative to the link's folder) made after its files. */
  function linkedProject(files: Record<string, string>, links: Record<string, string> = {}): string {
    const root = project(files);
    for (const [path, target] of Object.entries(links)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      symlinkSync(target, join(root, path));
    }
    return root;
  }

  it.each<[string, Record<string, string>, Record<string, string>?, string?]>([
    [
      'a subpath with .json',
      { 'node_modules/@acme/tsconfig/base.json': BASE, 'tsconfig.json': '{ "extends": "@acme/tsconfig/base.json" }' },
    ],
    ['a subpath without .json', { 'node_modules/@acme/tsconfig/base.json': BASE, 'tsconfig.json': '{ "extends": "@acme/tsconfig/base" }' }],
    [
      "no subpath: the package's tsconfig.json, beside a package.json without exports",
      {
        'node_modules/shared-config/package.json': '{ "name": "shared-config", "main": "index.js" }',
        'node_modules/shared-config/tsconfig.json': BASE,
        'tsconfig.json': '{ "extends": "shared-config", "compilerOptions": { "strict": true } }',
      },
    ],
    [
      'a package hoisted to a node_modules folder above, past one without it',
      {
        'node_modules/@acme/tsconfig/base.json': BASE,
        'apps/web/node_modules/other/package.json': '{ "name": "other" }',
        'apps/web/tsconfig.json': '{ "extends": "@acme/tsconfig/base.json" }',
      },
      {},
      'apps/web/tsconfig.json',
    ],
    [
      'a workspace package linked into node_modules (its paths are taken from where the link leads)',
      {
        'packages/tsconfig/package.json': '{ "name": "@acme/tsconfig", "private": true }',
        'packages/tsconfig/react-library.json': '{ "extends": "./base.json", "compilerOptions": { "jsx": "react-jsx" } }',
        'packages/tsconfig/base.json': BASE,
        'packages/ui/tsconfig.json': '{ "extends": "@acme/tsconfig/react-library.json", "include": ["."] }',
      },
      { 'node_modules/@acme/tsconfig': '../../packages/tsconfig' },
      'packages/ui/tsconfig.json',
    ],
    [
      'a package that is not installed: TypeScript reads on without that base',
      { 'tsconfig.json': '{ "extends": "@acme/missing/base.json", "compilerOptions": { "paths": { "~/*": ["./app/*"] } } }' },
    ],
    [
      'a package that is not installed, named with a subpath of another extension',
      { 'tsconfig.json': '{ "extends": "@stripe/ui-extension-tools/tsconfig.ui-extension", "compilerOptions": { "baseUrl": "." } }' },
    ],
    [
      'bases in an array, a package and a path',
      {
        'node_modules/@acme/tsconfig/base.json': BASE,
        'local.json': '{ "compilerOptions": { "paths": { "@local/*": ["./local/*"] } } }',
        'tsconfig.json': '{ "extends": ["@acme/tsconfig/base.json", "./local.json"] }',
      },
    ],
  ])('%s: as TypeScript reads it', (_, files, links, config = 'tsconfig.json') => {
    const path = join(linkedProject(files, links), config);
    const aliases = read(path);
    expect(aliases).toBeDefined();
    expect(aliases).toEqual(typescriptAliases(path));
  });

  it.each<[string, Record<string, string>]>([
    [
      'a package with exports',
      {
        'node_modules/@acme/tsconfig/package.json': '{ "name": "@acme/tsconfig", "exports": { "./base": "./base.json" } }',
        'node_modules/@acme/tsconfig/base.json': BASE,
        'tsconfig.json': '{ "extends": "@acme/tsconfig/base" }',
      },
    ],
    [
      'a package whose package.json names its tsconfig',
      {
        'node_modules/shared-config/package.json': '{ "name": "shared-config", "tsconfig": "./configs/strict.json" }',
        'node_modules/shared-config/tsconfig.json': BASE,
        'tsconfig.json': '{ "extends": "shared-config" }',
      },
    ],
    [
      'a subpath that is a folder',
      { 'node_modules/@acme/tsconfig/react/tsconfig.json': BASE, 'tsconfig.json': '{ "extends": "@acme/tsconfig/react" }' },
    ],
    [
      'a subpath with an extension other than .json',
      { 'node_modules/@acme/tsconfig/tsconfig.base.json': BASE, 'tsconfig.json': '{ "extends": "@acme/tsconfig/tsconfig.base" }' },
    ],
    [
      "the package's own name, which its exports answer",
      {
        'package.json': '{ "name": "@acme/app", "exports": { "./tsconfig": "./tsconfig.base.json" } }',
        'tsconfig.base.json': BASE,
        'tsconfig.json': '{ "extends": "@acme/app/tsconfig" }',
      },
    ],
  ])('leaves %s to TypeScript', (_, files) => {
    expect(read(join(project(files), 'tsconfig.json'))).toBeUndefined();
  });

  it('hears the node_modules folders and package files it looks at, so an install is noticed', () => {
    const root = project({ 'tsconfig.json': '{ "extends": "@acme/tsconfig/base.json" }' });
    const heard: string[] = [];
    readTsconfigAliases(
      join(root, 'tsconfig.json'),
      boundedTsconfigHost((path) => heard.push(path)),
    );
    expect(heard).toContain(join(root, 'node_modules'));
    expect(heard).toContain(join(root, 'package.json'));
  });
});
