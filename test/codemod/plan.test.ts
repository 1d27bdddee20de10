import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRemovalPlan, planFlagRemoval } from '../../src/codemod/index.js';

let project: string | undefined;
afterEach(() => {
  if (project !== undefined) rmSync(project, { recursive: true, force: true });
  project = undefined;
});

function writeProject(files: Record<string, string>): string {
  project = mkdtempSync(join(tmpdir(), 'flag-hygiene-plan-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  return project;
}

describe('planning a removal', () => {
  it('folds a camelCased key in every file that writes it, not only the first', async () => {
    const component = (name: string) =>
      [
        `import { useFlags } from 'launchdarkly-react-client-sdk';`,
        `export function ${name}() {`,
        `  const { fastPay } = useFlags();`,
        `  return fastPay ? <New /> : <Old />;`,
        `}`,
        ``,
      ].join('\n');
    const cwd = writeProject({
      'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', presets: ['launchdarkly'] }),
      'flags.yaml':
        'flags:\n  fast-pay:\n    type: release\n    owner: payments\n    createdAt: 2026-01-01\n    expiresAt: 2026-03-01\n    enabled: true\n    rolloutPercentage: 100\n',
      'src/a.tsx': component('A'),
      'src/b.tsx': component('B'),
      'src/c.tsx': component('C'),
    });
    const plan = await planFlagRemoval({ key: 'fast-pay', keep: 'on', cwd, cache: false, workers: 0 });
    expect(plan.manual).toEqual([]);
    expect(plan.changes.map((change) => change.relative)).toEqual(['src/a.tsx', 'src/b.tsx', 'src/c.tsx']);
    for (const change of plan.changes) expect(change.after).toContain('return <New />;');
    expect(plan.manifest?.after).not.toContain('fast-pay');
  });

  it('removes a wrapper from a file with a byte order mark, keeping the mark and checking against the file as it is', async () => {
    const cwd = writeProject({
      'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml' }),
      'flags.yaml':
        'flags:\n  x:\n    type: release\n    owner: web\n    createdAt: 2026-01-01\n    expiresAt: 2026-03-01\n    enabled: true\n    rolloutPercentage: 100\n',
      'src/checks.ts':
        "\uFEFFimport { flags } from './flags';\n\nexport const isX = () => flags.get('x')?.enabled;\n\nexport const other = 1;\n",
      'src/page.ts': "\uFEFFimport { isX } from './checks';\n\nexport const page = isX() ? 'new' : 'old';\n",
    });
    const plan = await planFlagRemoval({ key: 'x', keep: 'on', cwd, cache: false, workers: 0 });
    expect(plan.manual).toEqual([]);
    expect(Object.fromEntries(plan.changes.map((change) => [change.relative, change.after]))).toEqual({
      'src/checks.ts': '\uFEFFexport const other = 1;\n',
      'src/page.ts': "\uFEFFexport const page = 'new';\n",
    });
    await applyRemovalPlan(plan);
  });

  const newNavManifest =
    'flags:\n  new-nav:\n    type: release\n    owner: web\n    createdAt: 2026-01-01\n    expiresAt: 2026-03-01\n    enabled: true\n    rolloutPercentage: 100\n';

  it('keeps the manifest entry while a read of the flag is left that the codemod does not recognise, and says where (issue 17)', async () => {
    const cwd = writeProject({
      'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', presets: ['launchdarkly'] }),
      'flags.yaml': newNavManifest,
      'src/nav.tsx': [
        `import type { LDFlagSet } from 'launchdarkly-react-client-sdk';`,
        `export function Nav({ flags }: { flags: LDFlagSet }) {`,
        `  const { newNav } = flags;`,
        `  return newNav ? <New /> : <Old />;`,
        `}`,
        ``,
      ].join('\n'),
      'src/page.tsx': [
        `import { useFlags } from 'launchdarkly-react-client-sdk';`,
        `export function Page() {`,
        `  return useFlags().newNav ? <New /> : <Old />;`,
        `}`,
        ``,
      ].join('\n'),
    });
    const plan = await planFlagRemoval({ key: 'new-nav', cwd, cache: false, workers: 0 });
    expect(plan.manual).toEqual([
      {
        file: 'src/nav.tsx',
        loc: { line: 3, column: 11, endLine: 3, endColumn: 17 },
        reason: '"newNav" is still read here, in a way the codemod does not recognise as the flag',
      },
    ]);
    expect(plan.manifest).toBeUndefined();
    expect(plan.changes.map((change) => change.relative)).toEqual(['src/page.tsx']);
  });
});

describe('the test of a flag wrapper (issue 17 item 4)', () => {
  it("keeps the call in the test of the wrapper's own module for a person, folds the app, and keeps the manifest entry", async () => {
    const cwd = writeProject({
      'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml' }),
      'flags.yaml':
        'flags:\n  markets:\n    type: release\n    owner: web\n    createdAt: 2026-01-01\n    expiresAt: 2026-03-01\n    enabled: true\n    rolloutPercentage: 100\n',
      'src/useFlag.ts': `export const useFlag = (key: string) => isFeatureEnabled(flags.get(key), ctx);\n`,
      'src/useFlag.test.ts': `import { useFlag } from './useFlag';\n\nit('asks for the key', () => {\n  useFlag('markets');\n  expect(get).toHaveBeenCalledWith('markets');\n});\n`,
      'src/app.ts': `import { useFlag } from './useFlag';\n\nexport const title = useFlag('markets') ? 'Markets' : 'Home';\n`,
    });
    const plan = await planFlagRemoval({ key: 'markets', keep: 'on', cwd, cache: false, workers: 0, verify: false });
    expect(plan.changes.map((change) => [change.relative, change.after])).toEqual([['src/app.ts', `export const title = 'Markets';\n`]]);
    expect(plan.manual.map((site) => `${site.file}:${site.loc.line}`)).toEqual(['src/useFlag.test.ts:4']);
    expect(plan.manifest).toBeUndefined();
  });
});

describe('the key left as a string (found on image-builder-frontend)', () => {
  it("lists a test mock's `case` on the removed key as still mentioned, and removes the manifest entry all the same", async () => {
    const cwd = writeProject({
      'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', presets: ['unleash'] }),
      'flags.yaml':
        'flags:\n  ib.revamp:\n    type: release\n    owner: ib\n    createdAt: 2026-01-01\n    expiresAt: 2026-03-01\n    enabled: true\n    rolloutPercentage: 100\n',
      'src/Header.tsx':
        "import { useFlag } from '@unleash/proxy-client-react';\nexport const Header = () => {\n  const revamp = useFlag('ib.revamp');\n  return revamp ? 'Build new image' : 'Create blueprint';\n};\n",
      'src/test/setup.ts':
        "vi.mock('@unleash/proxy-client-react', () => ({\n  useFlag: vi.fn((flag) => {\n    switch (flag) {\n      case 'ib.revamp':\n      default:\n        return false;\n    }\n  }),\n}));\n",
    });
    const plan = await planFlagRemoval({ key: 'ib.revamp', cwd, cache: false, workers: 0, verify: false });
    expect(plan.changes.map((change) => [change.relative, change.after])).toEqual([
      ['src/Header.tsx', "export const Header = () => {\n  return 'Build new image';\n};\n"],
    ]);
    expect(plan.mentions).toEqual([{ file: 'src/test/setup.ts', line: 4, column: 12 }]);
    expect(plan.manual).toEqual([]);
    expect(plan.manifest?.after).toBe('flags: {}\n');
  });
});
