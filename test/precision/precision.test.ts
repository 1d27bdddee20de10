import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { buildReport, type Report } from '../../src/report/build.js';
import { scanProject } from '../../src/scanner/scan.js';

/*
 * The precision corpus of issue 16: small files in the exact shapes real codebases raised false
 * alarms on, each with the findings a maintainer would agree with, through both front-ends (ESLint
 * with configs.recommended, and the scanner with the CI gate's report).
 */

const lines = (...text: string[]) => `${text.join('\n')}\n`;

const flag = (key: string, ...fields: string[]) => [
  `  ${key}:`,
  '    type: release',
  '    owner: web',
  '    createdAt: 2026-06-01',
  ...fields,
];

const FILES: Record<string, string> = {
  'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', presets: ['openfeature'], today: '2026-11-28' }),
  'flags.yaml': lines(
    'flags:',
    ...flag('new_ui', '    expiresAt: 2027-06-01'),
    ...flag('sign_in_v2', '    expiresAt: 2027-06-01'),
    ...flag('checkout_redesign', '    expiresAt: 2027-06-01'),
    ...flag('loyalty_points', '    expiresAt: 2027-06-01'),
    ...flag('separator_v2', '    expiresAt: 2027-06-01'),
    // Item 13: expired half-way through its rollout.
    ...flag('promo_banner', '    expiresAt: 2026-11-01', '    enabled: true', '    rolloutPercentage: 55'),
  ),
  // Item 1: boolean values whose off value `false` is right, and the one shape rule 4 means (line 10).
  'src/fallback.ts': lines(
    "import { OpenFeature } from '@openfeature/server-sdk';",
    'const client = OpenFeature.getClient();',
    'export async function render(isAdmin: boolean, user: { id?: string; hasRole(role: string): boolean }, items: { visible: boolean }[]) {',
    "  const on = await client.getBooleanValue('new_ui', false);",
    '  const a = Boolean(on && isAdmin);',
    '  const b = on && isAdmin;',
    "  const c = on && user.hasRole('editor');",
    '  const d = on && user.id !== undefined && isAdmin;',
    '  const shown = items.filter((item) => on && item.visible);',
    '  const processor = on && createProcessor();',
    '  return { a, b, c, d, shown, processor };',
    '}',
    'declare function createProcessor(): object;',
  ),
  // Item 2: a sign-in modal rendered from everywhere is nested in nothing; a summary rendered only
  // in the redesigned checkout is nested in checkout_redesign.
  'src/SignInModal.tsx': lines(
    "import { useBooleanFlagValue } from '@openfeature/react-sdk';",
    'export function SignInModal() {',
    '  return useBooleanFlagValue(\'sign_in_v2\', false) ? <form className="v2" /> : <form />;',
    '}',
  ),
  'src/Header.tsx': lines(
    "import { SignInModal } from './SignInModal';",
    'export function Header() {',
    '  return <header><SignInModal /></header>;',
    '}',
  ),
  'src/Summary.tsx': lines(
    "import { useBooleanFlagValue } from '@openfeature/react-sdk';",
    'export function Summary() {',
    "  return useBooleanFlagValue('loyalty_points', false) ? <p>points</p> : null;",
    '}',
  ),
  'src/Checkout.tsx': lines(
    "import { useBooleanFlagValue } from '@openfeature/react-sdk';",
    "import { SignInModal } from './SignInModal';",
    "import { Summary } from './Summary';",
    'export function Checkout() {',
    "  if (useBooleanFlagValue('checkout_redesign', false)) {",
    '    return <main><SignInModal /><Summary /></main>;',
    '  }',
    '  return <main><SignInModal /></main>;',
    '}',
  ),
  // Item 10: one NUL byte in a template literal is text.
  'src/separator.ts': lines(
    "import { OpenFeature } from '@openfeature/server-sdk';",
    'export const separator = `a\u0000b`;',
    "export const v2 = () => OpenFeature.getClient().getBooleanValue('separator_v2', false);",
  ),
  // Item 13.
  'src/promo.ts': lines(
    "import { OpenFeature } from '@openfeature/server-sdk';",
    "export const promo = () => OpenFeature.getClient().getBooleanValue('promo_banner', false);",
  ),
};

let dir: string;
let eslintFindings: string[];
let report: Report;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flag-hygiene-precision-'));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const config: Linter.Config = {
    ...(plugin.configs.recommended as unknown as Linter.Config),
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tsParser as unknown as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    settings: { 'flag-hygiene': { manifest: join(dir, 'flags.yaml'), presets: ['openfeature'], today: '2026-11-28' } },
    rules: plugin.configs.recommended.rules as TSESLint.FlatConfig.Rules as Linter.RulesRecord,
  };
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [config] });
  eslintFindings = (await eslint.lintFiles(['src'])).flatMap((result) =>
    result.messages.map(
      (message) =>
        `${relative(dir, result.filePath)}:${message.line}:${message.column} ${message.ruleId ?? 'fatal'}${message.ruleId === null ? `: ${message.message}` : ''}`,
    ),
  );
  const scanned = await scanProject({ cwd: dir, cache: false, workers: 0, env: {} });
  report = buildReport({
    inventory: scanned.inventory,
    manifest: scanned.manifest,
    today: scanned.settings.today,
    policy: scanned.settings.policy,
    root: dir,
    failOn: [],
  });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('precision corpus (issue 16)', () => {
  it('ESLint (configs.recommended): only the findings a maintainer agrees with', () => {
    expect(eslintFindings.sort()).toEqual([
      'src/fallback.ts:10:21 flag-hygiene/require-flag-fallback',
      'src/promo.ts:2:68 flag-hygiene/no-expired-flag',
    ]);
  });

  it('the scanner and the gate: the same fallback finding, one cross-file nesting, the NUL file scanned', () => {
    const errors = report.errors
      .filter((error) => error.code !== 'untested-state')
      .map((error) => `${error.code} ${error.file}:${error.line}:${error.column} ${error.message}`)
      .sort();
    expect(errors).toEqual([
      'missing-fallback src/fallback.ts:10:21 when flag "new_ui" is off this value is the flag\'s falsy value',
      'nested src/Summary.tsx:3:10 flag "loyalty_points" is checked inside flag "checkout_redesign" (src/Checkout.tsx:5), reached only through src/Checkout.tsx:6:33 → src/Summary.tsx#Summary',
    ]);
    expect(
      report.flags
        .find((entry) => entry.key === 'separator_v2')
        ?.references.map((reference) => `${reference.file}:${reference.line}:${reference.column}`),
    ).toEqual(['src/separator.ts:3:65']);
    expect(report.skipped).toEqual([]);
  });

  it('an expired flag at 55% settled on no path (item 13)', () => {
    const promo = report.flags.find((entry) => entry.key === 'promo_banner')!;
    expect([promo.reasons, promo.keep]).toEqual([['expired'], null]);
  });
});
