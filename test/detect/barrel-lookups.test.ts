import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModuleGraph } from '../../src/detect/module-graph.js';
import { createModuleResolver } from '../../src/detect/module-resolution.js';
import { indexFor } from '../helpers/analyze-source.js';

/*
 * Finding a name through a barrel (`export * from` many modules) parses only the modules whose
 * text can export it: the name is written in them, or they re-export further, or an escape could
 * spell it. A real server codebase imports from barrels of hundreds of modules; parsing each of
 * them for every name cost more than parsing the files that hold flags.
 */

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function graphOver(files: Record<string, string>): { graph: ModuleGraph; root: string; parsed: Set<string> } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'flag-hygiene-barrel-')));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const parsed = new Set<string>();
  const graph = new ModuleGraph({
    index: indexFor({}),
    resolveModule: createModuleResolver(root),
    isTestFile: () => false,
    // Asked for every module whose exports the graph needs; undefined lets the graph parse it.
    knownModule: (file) => {
      parsed.add(basename(file));
      return undefined;
    },
  });
  return { graph, root, parsed };
}

const BARREL = {
  'src/index.ts': ['constants', 'format', 'pattern', 'mention', 'checkout', 'nested']
    .map((name) => `export * from './${name}';`)
    .join('\n'),
  'src/constants.ts': "export const CHECKOUT_KEY = 'new_checkout';\nexport const TIMEOUT_MS = 500;\n",
  'src/format.ts': 'export function formatPrice(cents: number) { return `$${cents / 100}`; }\n',
  'src/pattern.ts': 'export const DIGITS = /\\d+/;\n',
  'src/mention.ts': '// isCheckoutOn lives in ./checkout\nexport const mentioned = true;\n',
  'src/checkout.ts':
    "import { flags, isFeatureEnabled } from './store';\nexport function isCheckoutOn(key: string) { return isFeatureEnabled(flags.get(key), {}); }\n",
  'src/store.ts':
    'export const flags = createFlagStore([]);\nexport function isFeatureEnabled(flag: unknown, context: unknown): boolean { return Boolean(flag && context); }\n',
  'src/nested.ts': "export * from './deep';\n",
  'src/deep.ts': "export const DEEP_KEY = 'deep_flag';\n",
};

describe('names looked up through a barrel', () => {
  it('a wrapper re-exported by a barrel is found, and modules whose text cannot export its name are not parsed', () => {
    const { graph, root, parsed } = graphOver(BARREL);
    const wrapper = graph.wrapperOf(join(root, 'src/app.ts'), { source: './index', name: 'isCheckoutOn', path: [] });
    expect(wrapper).toMatchObject({ kind: 'key-param', param: 0, name: 'isCheckoutOn', file: join(root, 'src/checkout.ts') });
    // constants.ts and format.ts neither name it nor re-export anything: not parsed. pattern.ts
    // (a backslash: an escape could spell the name) and mention.ts (the name in a comment) could
    // export it, but their texts hold no function: no wrapper there either, so not parsed.
    expect([...parsed].sort()).toEqual(['checkout.ts', 'index.ts']);
  });

  it('keys are found through the barrel, a module re-exporting others is looked into', () => {
    const { graph, root, parsed } = graphOver(BARREL);
    const app = join(root, 'src/app.ts');
    expect(graph.resolveImportedKey(app, { source: './index', name: 'CHECKOUT_KEY', path: [] })).toBe('new_checkout');
    expect(graph.resolveImportedKey(app, { source: './index', name: 'DEEP_KEY', path: [] })).toBe('deep_flag');
    expect(graph.resolveImportedKey(app, { source: './index', name: 'NOT_THERE', path: [] })).toBeUndefined();
    expect([...parsed].sort()).toEqual(['constants.ts', 'deep.ts', 'index.ts', 'nested.ts', 'pattern.ts']);
  });

  it('an export spelt with escapes, or an `export type *` behind comments, is still followed', () => {
    const { graph, root } = graphOver({
      'src/index.ts': "export * from './escaped';\nexport /* all */ type /* of */ * from './types';\nexport * from './deep';",
      'src/escaped.ts': "const on = 'escaped_flag';\nexport { on as 'flag\\u004Bey' };\n",
      'src/types.ts': "export * from './deep';\n",
      'src/deep.ts': "export const deepKey = 'deep_flag';\n",
    });
    const app = join(root, 'src/app.ts');
    expect(graph.resolveImportedKey(app, { source: './index', name: 'flagKey', path: [] })).toBe('escaped_flag');
    expect(graph.resolveExport(app, { source: './index', name: 'deepKey', path: [] })?.file).toBe(join(root, 'src/deep.ts'));
  });

  it('a module edited on disk is read again once the graph looks again (ESLint does before each file), not before', () => {
    const { graph, root } = graphOver(BARREL);
    const app = join(root, 'src/app.ts');
    const lateKey = { source: './index', name: 'LATE_KEY', path: [] };
    expect(graph.resolveImportedKey(app, lateKey)).toBeUndefined();
    writeFileSync(join(root, 'src/format.ts'), "export const LATE_KEY = 'late_flag';\n");
    expect(graph.resolveImportedKey(app, lateKey)).toBeUndefined();
    graph.lookAgain();
    expect(graph.resolveImportedKey(app, lateKey)).toBe('late_flag');
  });
});
