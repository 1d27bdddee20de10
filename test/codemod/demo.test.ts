import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRemovalPlan, planFlagRemoval } from '../../src/codemod/index.js';
import { scanProject } from '../../src/scanner/scan.js';
import { REPO_ROOT } from '../helpers/run-bin.js';

/**
 * The demo, copied inside the repository's node_modules (so its tests and types resolve vitest),
 * with every flag ready for removal removed.
 */
const scratch = join(REPO_ROOT, 'node_modules', '.cache', 'flag-hygiene-tests');
let project: string;

function typecheck(directory: string) {
  return spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(directory, 'tsconfig.json')],
    { encoding: 'utf8' },
  );
}

function runTests(directory: string) {
  return spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', directory], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

beforeAll(() => {
  mkdirSync(scratch, { recursive: true });
  project = mkdtempSync(join(scratch, 'demo-'));
  cpSync(join(REPO_ROOT, 'fixtures', 'demo'), project, { recursive: true, filter: (source) => !source.includes('node_modules') });
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('removing every flag the demo has ready for removal', () => {
  it('type-checks and passes its own tests before', () => {
    expect(typecheck(project).status).toBe(0);
    expect(runTests(project).status).toBe(0);
  });

  it('removes the four flags, then still type-checks and passes its tests, with no trace of them left', async () => {
    const removals = [
      { key: 'new_payment_processor' },
      { key: 'search_reranker_v3' },
      { key: 'legacy_invoice_pdf' },
      // Expired at 50%: the manifest cannot say which path to keep, so the team decides.
      { key: 'checkout_redesign', keep: 'on' as const },
    ];
    for (const removal of removals) {
      const plan = await planFlagRemoval({ ...removal, cwd: project, cache: false, workers: 0 });
      expect(plan.manual).toEqual([]);
      await applyRemovalPlan(plan);
    }
    const typed = typecheck(project);
    expect(typed.stdout + typed.stderr).toBe('');
    expect(typed.status).toBe(0);
    const tested = runTests(project);
    expect(tested.status).toBe(0);

    const { inventory, manifest } = await scanProject({ cwd: project, cache: false, workers: 0 });
    const keys = new Set(inventory.references.map((reference) => reference.key));
    for (const { key } of removals) {
      expect(keys.has(key)).toBe(false);
      expect(manifest?.flags.has(key)).toBe(false);
    }
    // The flags that stay are untouched in the manifest, comments included.
    const manifestText = readFileSync(join(project, 'flags.yaml'), 'utf8');
    expect(manifestText).toContain('# The flags of the storefront service.');
    expect([...(manifest?.flags.keys() ?? [])]).toEqual([
      'external_api_circuit_breaker',
      'recommendation_v2',
      'express_pay',
      'bulk_import',
    ]);
  }, 120_000);
});
