import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintJson, messageAt, problemLines, requireBuiltPlugin, temporaryFolder, writeEslintConfig } from '../helpers/eslint-cli.js';

/*
 * Issue 4: the plugin works without type information, and with typed linting
 * (`parserOptions.projectService`) it resolves more keys: "any expression whose type is a single
 * string literal" (docs/rules/no-dynamic-flag-key.md). A key that only its type can tell is a
 * dynamic key without types; with types it is a key like any other, checked against the manifest.
 */

const work = temporaryFolder('eslint-typed');
const dir = join(work.dir, 'project');

const lines = (...source: string[]) => source.join('\n');

const FILES: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    },
    include: ['src'],
  }),
  'flags.yaml': lines(
    'flags:',
    '  new-checkout:',
    '    type: release',
    '    owner: web-team',
    '    createdAt: 2026-11-01',
    '    expiresAt: 2027-03-01',
    '    enabled: true',
    '    rolloutPercentage: 20',
    '',
  ),
  'src/store.ts': lines(
    'export interface FeatureFlag {',
    '  key: string;',
    '  enabled: boolean;',
    '}',
    '',
    'const snapshot = new Map<string, FeatureFlag>();',
    '',
    'export const flags = { get: (key: string): FeatureFlag | undefined => snapshot.get(key) };',
    '',
  ),
  'src/checkout.ts': lines(
    "import { flags } from './store.js';",
    '',
    "function checkoutFlag(): 'new-checkout' {",
    "  return 'new-checkout';",
    '}',
    '',
    'export function isNewCheckout(): boolean {',
    '  return flags.get(checkoutFlag())?.enabled ?? false;',
    '}',
    '',
    'interface CheckoutConfig {',
    "  flag: 'new-chekout';",
    '}',
    '',
    'export function fromConfig(config: CheckoutConfig): boolean {',
    '  return flags.get(config.flag)?.enabled ?? false;',
    '}',
    '',
    'export function anyFlag(name: string): boolean {',
    '  return flags.get(name.trim())?.enabled ?? false;',
    '}',
    '',
  ),
  'src/keys.ts': lines("function pick(): 'new-chekout' {", "  return 'new-chekout';", '}', '', 'export const CHECKOUT = pick();', ''),
  'src/typed-params.ts': lines(
    "import { flags } from './store.js';",
    "import { CHECKOUT } from './keys.js';",
    '',
    "export function fromProps({ flag }: { flag: 'new-checkout' }): boolean {",
    '  return flags.get(flag)?.enabled ?? false;',
    '}',
    '',
    "export const all = (['new-checkout'] as const).map((key: 'new-checkout') => flags.get(key)?.enabled ?? false);",
    '',
    'export function imported(): boolean {',
    '  return flags.get(CHECKOUT)?.enabled ?? false;',
    '}',
    '',
    'export function copied(): boolean {',
    '  const local = CHECKOUT;',
    '  return flags.get(local)?.enabled ?? false;',
    '}',
    '',
  ),
  // Issue 16 item 1: the same `&&` shape, told apart by the other operand's type.
  'src/fallback.ts': lines(
    "import { flags } from './store.js';",
    'interface Processor { charge(): void }',
    'declare const admin: boolean;',
    'declare const processor: Processor;',
    "export const mayEdit = flags.get('new-checkout')?.enabled && admin;",
    "export const charger = flags.get('new-checkout')?.enabled && processor;",
    '',
  ),
};

const SETTINGS = JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' });

beforeAll(() => {
  requireBuiltPlugin();
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
});
afterAll(() => work.cleanup());

function lint(typed: boolean) {
  const configDir = join(work.dir, typed ? 'typed' : 'untyped');
  mkdirSync(configDir, { recursive: true });
  const typedEntry = `  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ${JSON.stringify(dir)} } } },`;
  const config = writeEslintConfig(
    configDir,
    [`  flagHygiene.configs.recommended,`, `  flagHygiene.settings(${SETTINGS}),`, ...(typed ? [typedEntry] : [])].join('\n'),
  );
  const results = lintJson(['--config', config, 'src'], { cwd: dir });
  return { lines: problemLines(results, dir), message: (line: string) => messageAt(results, dir, line) };
}

describe('typed linting', { timeout: 60_000 }, () => {
  it('without type information, keys that only their types tell are dynamic', () => {
    const run = lint(false);
    // flags.get(config.flag), flags.get(name.trim()), flags.get(checkoutFlag()) (sorted as text).
    expect(run.lines).toEqual([
      'src/checkout.ts:16:20 no-dynamic-flag-key/dynamicKey warn',
      'src/checkout.ts:20:20 no-dynamic-flag-key/dynamicKey warn',
      'src/checkout.ts:8:20 no-dynamic-flag-key/dynamicKey warn',
      // Without types, neither `admin` nor `processor` says it is a boolean: both off values are suspect.
      'src/fallback.ts:5:24 require-flag-fallback/valueWithoutOffPath error',
      'src/fallback.ts:6:24 require-flag-fallback/valueWithoutOffPath error',
      // A parameter typed with one literal, an imported constant computed by a call: dynamic without types.
      'src/typed-params.ts:11:20 no-dynamic-flag-key/dynamicKey warn',
      'src/typed-params.ts:16:20 no-dynamic-flag-key/dynamicKey warn',
      'src/typed-params.ts:5:20 no-dynamic-flag-key/dynamicKey warn',
      'src/typed-params.ts:8:87 no-dynamic-flag-key/dynamicKey warn',
    ]);
    expect(run.message('src/checkout.ts:8:20 no-dynamic-flag-key/dynamicKey warn')).toContain(
      'The flag key `checkoutFlag()` cannot be resolved statically',
    );
    expect(run.message('src/checkout.ts:16:20 no-dynamic-flag-key/dynamicKey warn')).toContain(
      'The flag key `config.flag` cannot be resolved statically',
    );
  });

  it('with parserOptions.projectService, a single string literal type is the key: declared is fine, a typo is undeclared', () => {
    const run = lint(true);
    // checkoutFlag() has the type 'new-checkout', which is declared: nothing to report.
    expect(run.lines).toEqual([
      // config.flag has the type 'new-chekout': one edit from the declared new-checkout.
      'src/checkout.ts:16:20 no-undeclared-flag/undeclaredDidYouMean error',
      // name.trim() is a string: dynamic with types too.
      'src/checkout.ts:20:20 no-dynamic-flag-key/dynamicKey warn',
      // `admin` is a boolean, so `false` is a fine off value; `processor` is not.
      'src/fallback.ts:6:24 require-flag-fallback/valueWithoutOffPath error',
      // CHECKOUT is 'new-chekout' by its type, through the import and through a local copy.
      'src/typed-params.ts:11:20 no-undeclared-flag/undeclaredDidYouMean error',
      'src/typed-params.ts:16:20 no-undeclared-flag/undeclaredDidYouMean error',
      // The literal-typed parameters are new-checkout: declared, nothing to report.
    ]);
    expect(run.message('src/checkout.ts:16:20 no-undeclared-flag/undeclaredDidYouMean error')).toContain(
      'Flag "new-chekout" is not declared in the manifest (flags.yaml); did you mean "new-checkout"?',
    );
  });
});
