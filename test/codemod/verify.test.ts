import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRemovalPlan, planFlagRemoval } from '../../src/codemod/index.js';

/*
 * End to end on a small project the way real ones are set up (issue 17): noUnusedLocals, the
 * LaunchDarkly React SDK's useFlags(), a Prettier-style test forcing the flag. The removal's
 * result must type-check as well as the original did, and a second removal finds nothing to do.
 */

let project: string | undefined;
afterEach(() => {
  if (project !== undefined) rmSync(project, { recursive: true, force: true });
  project = undefined;
});

const MANIFEST =
  'flags:\n  new-nav:\n    type: release\n    owner: web\n    createdAt: 2026-01-01\n    expiresAt: 2026-03-01\n    enabled: true\n    rolloutPercentage: 100\n';

function writeProject(files: Record<string, string>): string {
  project = mkdtempSync(join(tmpdir(), 'flag-hygiene-verify-'));
  const all: Record<string, string> = {
    'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', presets: ['launchdarkly'] }),
    'flags.yaml': MANIFEST,
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        strict: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        module: 'esnext',
        moduleResolution: 'bundler',
        target: 'es2022',
        noEmit: true,
      },
    }),
    'node_modules/launchdarkly-react-client-sdk/package.json': JSON.stringify({
      name: 'launchdarkly-react-client-sdk',
      types: 'index.d.ts',
    }),
    'node_modules/launchdarkly-react-client-sdk/index.d.ts': 'export declare function useFlags(): Record<string, boolean>;\n',
    'node_modules/jest-launchdarkly-mock/package.json': JSON.stringify({ name: 'jest-launchdarkly-mock', types: 'index.d.ts' }),
    'node_modules/jest-launchdarkly-mock/index.d.ts': 'export declare function mockFlags(flags: Record<string, unknown>): void;\n',
    'src/globals.d.ts': 'declare function beforeEach(run: () => void): void;\ndeclare function it(name: string, run: () => void): void;\n',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  return project;
}

describe('removing a flag from a project with noUnusedLocals', () => {
  it('leaves code that type-checks as well as before, removes what only fed the flag, and a second removal changes nothing', async () => {
    const cwd = writeProject({
      'src/nav.ts': [
        `import { useFlags } from 'launchdarkly-react-client-sdk';`,
        ``,
        `export function navLabel(): string {`,
        `  const flags = useFlags();`,
        `  const unusedBefore = 1;`,
        `  return flags.newNav ? 'New' : 'Old';`,
        `}`,
        ``,
      ].join('\n'),
      'src/nav.test.ts': [
        `import { mockFlags } from 'jest-launchdarkly-mock';`,
        `import { navLabel } from './nav';`,
        ``,
        `beforeEach(() => {`,
        `  mockFlags({`,
        `    newNav: true,`,
        `  });`,
        `});`,
        ``,
        `it('labels the navigation', () => {`,
        `  navLabel();`,
        `});`,
        ``,
      ].join('\n'),
    });
    const plan = await planFlagRemoval({ key: 'new-nav', cwd, cache: false, workers: 0 });
    expect(plan.manual).toEqual([]);
    expect(Object.fromEntries(plan.changes.map((change) => [change.relative, change.after]))).toEqual({
      'src/nav.ts': [`export function navLabel(): string {`, `  const unusedBefore = 1;`, `  return 'New';`, `}`, ``].join('\n'),
      // The hook only forced the flag: it goes with the override.
      'src/nav.test.ts': [`import { navLabel } from './nav';`, ``, `it('labels the navigation', () => {`, `  navLabel();`, `});`, ``].join(
        '\n',
      ),
    });
    // `unusedBefore` was unused before (TS6133 both times): only new diagnostics count.
    expect(plan.typeCheck).toEqual({ files: 2, added: [] });
    expect(plan.manifest?.after).toBe('flags: {}\n');
    await applyRemovalPlan(plan);

    const texts = () => ['src/nav.ts', 'src/nav.test.ts', 'flags.yaml'].map((path) => readFileSync(join(cwd, path), 'utf8'));
    const afterFirst = texts();
    await expect(planFlagRemoval({ key: 'new-nav', cwd, cache: false, workers: 0 })).rejects.toThrow(
      'remove: no flag "new-nav" in the manifest or the code',
    );
    expect(texts()).toEqual(afterFirst);
  });

  it('lists a diagnostic the removal would add, with its position; verify: false skips the check', async () => {
    const cwd = writeProject({
      'src/label.ts': [
        `import { useFlags } from 'launchdarkly-react-client-sdk';`,
        ``,
        `export function label(name: string): string {`,
        `  const flags = useFlags();`,
        `  return flags.newNav ? \`New \${name}\` : 'Old';`,
        `}`,
        ``,
      ].join('\n'),
    });
    const plan = await planFlagRemoval({ key: 'new-nav', keep: 'off', cwd, cache: false, workers: 0 });
    expect(plan.changes.map((change) => change.after)).toEqual([
      [`export function label(name: string): string {`, `  return 'Old';`, `}`, ``].join('\n'),
    ]);
    // A parameter of an exported function stays (its callers pass it), and noUnusedParameters says so.
    expect(plan.typeCheck).toEqual({
      files: 1,
      added: [{ file: 'src/label.ts', line: 1, column: 23, code: 6133, message: "'name' is declared but its value is never read." }],
    });
    expect(plan.parameters).toEqual([
      { file: 'src/label.ts', line: 1, column: 23, name: 'name', keptBecause: 'the function is exported (its callers pass it)' },
    ]);
    const skipped = await planFlagRemoval({ key: 'new-nav', keep: 'off', cwd, cache: false, workers: 0, verify: false });
    expect(skipped.typeCheck).toBeUndefined();
    expect(skipped.parameters).toEqual([]);
  });

  it("removes the last parameter the removal left unused with its callers' argument; lists one that is not last or is a callback; leaves one unused before", async () => {
    const cwd = writeProject({
      'src/caption.ts': [
        `import { useFlags } from 'launchdarkly-react-client-sdk';`,
        ``,
        `function caption(count: number, short: string): string {`,
        `  const flags = useFlags();`,
        `  return flags.newNav ? \`\${count} items\` : short;`,
        `}`,
        ``,
        `function title(prefix: string, count: number): string {`,
        `  const flags = useFlags();`,
        `  return flags.newNav ? \`\${count}\` : prefix;`,
        `}`,
        ``,
        `function label(text: string, index: number): string {`,
        `  const flags = useFlags();`,
        `  return flags.newNav ? text : \`\${index}. \${text}\`;`,
        `}`,
        ``,
        `function pad(value: string, width: number): string {`,
        `  return value;`,
        `}`,
        ``,
        `export function summary(count: number): string {`,
        `  return [caption(count, 'items'), title('Count', count), pad('x', 2), ...[\`\${count}\`].map(label)].join(' ');`,
        `}`,
        ``,
      ].join('\n'),
    });
    const plan = await planFlagRemoval({ key: 'new-nav', cwd, cache: false, workers: 0 });
    expect(plan.changes.map((change) => change.after)).toEqual([
      [
        `function caption(count: number): string {`,
        `  return \`\${count} items\`;`,
        `}`,
        ``,
        `function title(prefix: string, count: number): string {`,
        `  return \`\${count}\`;`,
        `}`,
        ``,
        `function label(text: string, index: number): string {`,
        `  return text;`,
        `}`,
        ``,
        `function pad(value: string, width: number): string {`,
        `  return value;`,
        `}`,
        ``,
        `export function summary(count: number): string {`,
        `  return [caption(count), title('Count', count), pad('x', 2), ...[\`\${count}\`].map(label)].join(' ');`,
        `}`,
        ``,
      ].join('\n'),
    ]);
    expect(plan.parameters).toEqual([
      { file: 'src/caption.ts', line: 1, column: 33, name: 'short' },
      { file: 'src/caption.ts', line: 5, column: 16, name: 'prefix', keptBecause: 'it is not the last parameter' },
      {
        file: 'src/caption.ts',
        line: 9,
        column: 30,
        name: 'index',
        keptBecause: 'the function is passed as a value (a callback with a fixed signature)',
      },
    ]);
    // `width` was unused before: not the removal's. The two listed stay for a person, and noUnusedParameters says so.
    expect(plan.typeCheck?.added.map((added) => `${added.line}:${added.column} TS${added.code}`)).toEqual(['5:16 TS6133', '9:30 TS6133']);
    await applyRemovalPlan(plan);
    const after = readFileSync(join(cwd, 'src/caption.ts'), 'utf8');
    await expect(planFlagRemoval({ key: 'new-nav', cwd, cache: false, workers: 0 })).rejects.toThrow(
      'remove: no flag "new-nav" in the manifest or the code',
    );
    expect(readFileSync(join(cwd, 'src/caption.ts'), 'utf8')).toBe(after);
  });
});
