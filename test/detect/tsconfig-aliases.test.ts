import { mkdirSync, writeFileSync } from 'node:fs';
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
    ['an extends of a package', '{ "extends": "@tsconfig/node20/tsconfig.json" }'],
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
