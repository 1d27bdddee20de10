import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { runBin } from '../helpers/run-bin.js';
import { scanDir, temporaryDir, type FixtureCopy } from '../helpers/scanner-fixtures.js';

/*
 * An `imports` entry naming a project file (relative to the config file) matches every import that
 * resolves to that file, however it is spelt; an entry naming a package matches the import text.
 */

const HOOK =
  'export function useFlag(key: string): boolean {\n  return (globalThis as { on?: Record<string, boolean> }).on?.[key] === true;\n}\n';

const FILES: Record<string, string> = {
  'flag-hygiene.config.json': JSON.stringify({
    manifest: 'flags.yaml',
    today: '2026-11-28',
    accessors: [
      { pattern: 'useFlag($KEY)', imports: ['src/hooks/useFlags'] },
      { pattern: 'isOn($KEY)', imports: ['flag-sdk'] },
    ],
  }),
  'flags.yaml': 'flags:\n  declared:\n    type: operational\n    owner: web\n    createdAt: 2026-01-01\n',
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', paths: { 'src/*': ['./src/*'] } } }),
  'src/hooks/useFlags.ts': HOOK,
  // Same name, another module: not the one the entry names.
  'src/lib/useFlags.ts': HOOK,
  'src/features/checkout/Banner.ts':
    "import { useFlag } from '../../hooks/useFlags';\n\nexport const banner = useFlag('relative_import');\n",
  'src/pages/Home.ts': "import { useFlag } from 'src/hooks/useFlags';\n\nexport const home = useFlag('alias_import');\n",
  'src/pages/Other.ts': "import { useFlag } from '../lib/useFlags';\n\nexport const other = useFlag('other_module');\n",
  'src/pages/Sdk.ts': "import { isOn } from 'flag-sdk';\n\nexport const sdk = isOn('package_import');\n",
};

let project: FixtureCopy;

beforeAll(() => {
  project = temporaryDir('imports');
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(project.dir, path)), { recursive: true });
    writeFileSync(join(project.dir, path), text);
  }
});

afterAll(() => project.cleanup());

const EXPECTED = [
  'src/features/checkout/Banner.ts relative_import useFlag($KEY)',
  'src/pages/Home.ts alias_import useFlag($KEY)',
  'src/pages/Sdk.ts package_import isOn($KEY)',
];

describe('the imports option compares resolved modules, with the import text for packages', () => {
  it('scanner: a relative import and a tsconfig paths alias of the named file both match, another useFlags module does not', async () => {
    const { inventory } = await scanDir(project.dir, { cache: false });
    expect(inventory.references.map((reference) => `${reference.file} ${reference.key} ${reference.via}`).sort()).toEqual(EXPECTED);
  });

  it('through the built binary, in worker threads: the same references', () => {
    const result = runBin(['scan', '--format', 'json', '--no-cache', '--no-progress', '--workers', '2'], { cwd: project.dir });
    expect(result.status).toBe(0);
    const { references } = JSON.parse(result.stdout) as { references: { file: string; key: string; via: string }[] };
    expect(references.map((reference) => `${reference.file} ${reference.key} ${reference.via}`).sort()).toEqual(EXPECTED);
  });

  it('ESLint: the same references, as undeclared flags', async () => {
    const config: Linter.Config = {
      files: ['**/*.ts'],
      plugins: { 'flag-hygiene': plugin as unknown as ESLint.Plugin },
      languageOptions: { parser: tsParser as unknown as Linter.Parser, sourceType: 'module' },
      settings: { 'flag-hygiene': JSON.parse(FILES['flag-hygiene.config.json']!) as unknown },
      rules: { 'flag-hygiene/no-undeclared-flag': 'error' },
    };
    const eslint = new ESLint({ cwd: project.dir, overrideConfigFile: true, overrideConfig: [config], ignore: false });
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const found = results.flatMap((result) =>
      result.messages.map(
        (message) =>
          `${relative(project.dir, result.filePath).split(sep).join('/')} ${/"(\w+)"/.exec(message.message)?.[1] ?? message.message}`,
      ),
    );
    expect(found.sort()).toEqual(EXPECTED.map((line) => line.split(' ').slice(0, 2).join(' ')));
  });
});
