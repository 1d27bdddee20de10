import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planFlagRemoval } from '../../src/codemod/index.js';

/*
 * The scanner finds flag reads in single-file components, which the codemod does not rewrite:
 * planning lists each as a site for a person instead of failing on a file it cannot parse.
 */

const VUE_PROJECT = fileURLToPath(new URL('../fixtures/sfc-vue-nuxt', import.meta.url));

describe('remove, for a flag read in a Vue template', () => {
  it('changes no file, leaves the read to a person and keeps the manifest entry', async () => {
    const plan = await planFlagRemoval({ key: 'new-nav', cwd: VUE_PROJECT, cache: false, workers: 0, verify: false });
    expect(plan.keep).toBe('on');
    expect(plan.changes).toEqual([]);
    expect(plan.manifest).toBeUndefined();
    expect(plan.manual).toEqual([
      {
        file: 'components/AppHeader.vue',
        loc: { line: 3, column: 29, endLine: 3, endColumn: 38 },
        reason: 'is in a single-file component, which remove does not rewrite: change it by hand',
      },
    ]);
  });
});
