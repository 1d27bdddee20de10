import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPORA, fetchCorpus, formatTable, problemsOf, runCorpus } from '../../scripts/corpus.js';
import { temporaryDir } from '../helpers/scanner-fixtures.js';

/*
 * The logic of `npm run corpus` (scripts/corpus.ts), offline, on two small local folders: one that
 * uses flags and one that does not. The real corpora need the network and minutes; this keeps the
 * script's counting, its verdict and its cache honest in `npm test`.
 */

const scratch = temporaryDir('corpus-script');
afterAll(() => scratch.cleanup());

function write(root: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const withFlags = write(join(scratch.dir, 'with-flags'), {
  'package.json': '{ "name": "shop" }\n',
  // A config the script must not load (it would throw if it ran).
  'eslint.config.js': "throw new Error('the corpus config must not be loaded');\n",
  'lib/checkout.js': [
    "import { unleash } from './unleash.js';",
    '',
    'export function checkout(cart) {',
    "  if (unleash.isEnabled('new-checkout')) {",
    "    if (unleash.isEnabled('express-pay')) return 'express';",
    "    return 'v2';",
    '  }',
    '  const name = cart.flag;',
    "  return unleash.isEnabled(name) ? 'dynamic' : 'v1';",
    '}',
    '',
  ].join('\n'),
  'lib/checkout.test.js':
    "import { UnleashClient } from 'unleash-proxy-client';\nnew UnleashClient({ bootstrap: [{ name: 'new-checkout', enabled: true }] });\n",
  'lib/broken.js': "export const = unleash.isEnabled('broken');\n",
  'dist/bundle.min.js': `var a=1;${'b.isEnabled("x");'.repeat(400)}\n`,
});

const withoutFlags = write(join(scratch.dir, 'without-flags'), {
  'src/math.ts': 'export const add = (a: number, b: number): number => a + b;\n',
  'src/feature.tsx': 'export const Toggle = ({ isEnabled }: { isEnabled: boolean }) => <input type="checkbox" checked={isEnabled} />;\n',
});

describe('scripts/corpus.ts on local folders', () => {
  it('counts files, references, findings per rule and per code; no crash; ESLint and the scanner agree', async () => {
    const result = await runCorpus({ name: 'shop', version: '0.0.0', flags: true, presets: ['unleash'] }, withFlags);
    expect(result).toMatchObject({
      // eslint.config.js is a source file too (read, never run).
      files: 5,
      skipped: 1,
      references: 4,
      dynamic: 1,
      parseErrors: { eslint: 1, scanner: 1 },
      crashes: [],
      internalErrors: [],
      disagreements: [],
      sameAcrossWorkers: true,
      sameAcrossShards: true,
    });
    // express-pay inside new-checkout's on path, the dynamic check in its off path (the rest after the return).
    expect(result.byRule).toEqual({ 'no-nested-flags': 2, 'no-dynamic-flag-key': 1, 'require-flag-decision-log': 3 });
    expect(result.byCode).toEqual({ nested: 2, dynamic: 1, 'untested-state': 2 });
    expect(problemsOf([result])).toEqual([]);
  }, 60_000);

  it('a corpus without flags passes with no reference, and fails the run the moment it has one', async () => {
    const clean = await runCorpus(
      { name: 'utils', version: '0.0.0', flags: false, presets: CORPORA.find((spec) => !spec.flags)!.presets },
      withoutFlags,
    );
    expect(clean).toMatchObject({ files: 2, references: 0, byRule: {}, byCode: {}, crashes: [], internalErrors: [] });
    expect(problemsOf([clean])).toEqual([]);
    const mislabelled = await runCorpus({ name: 'shop', version: '0.0.0', flags: false, presets: ['unleash'] }, withFlags);
    expect(problemsOf([mislabelled])).toEqual([
      expect.stringMatching(/^shop@0\.0\.0: has no feature flags, yet 4 references and \d+ findings/),
    ]);
    const table = formatTable([clean, mislabelled]);
    expect(table.split('\n')[0]).toMatch(/^\| corpus \| flags\? \| files \|/);
    expect(table).toContain('| utils@0.0.0 | no | 2 | 0 | 0 (0) | — | — |');
  }, 60_000);

  it('a cached corpus is used as it is; offline, a missing one is an error, not a download', async () => {
    const cache = join(scratch.dir, 'cache');
    const spec = { name: '@scope/pkg', version: '1.2.3', flags: false, presets: ['seed' as const], why: 'test' };
    write(join(cache, '@scope+pkg@1.2.3'), { '.corpus.json': '{}\n', 'package/index.js': 'export {};\n' });
    await expect(fetchCorpus(spec, cache, { offline: true })).resolves.toBe(join(cache, '@scope+pkg@1.2.3', 'package'));
    await expect(fetchCorpus({ ...spec, version: '9.9.9' }, cache, { offline: true })).rejects.toThrow(/not cached and --offline/);
  });

  it('the chosen corpora: pinned versions, some with flags and some without', () => {
    for (const spec of CORPORA) expect(spec.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(CORPORA.filter((spec) => spec.flags).length).toBeGreaterThanOrEqual(2);
    expect(CORPORA.filter((spec) => !spec.flags).length).toBeGreaterThanOrEqual(2);
  });
});
