import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findUnmatchedCallShapes } from '../../src/init/call-shapes.js';
import type { InventoryReference } from '../../src/scanner/inventory.js';

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function project(files: Record<string, string>): { root: string; files: string[] } {
  dir = mkdtempSync(join(tmpdir(), 'flag-hygiene-call-shapes-'));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return { root: dir, files: Object.keys(files).map((path) => join(dir!, path)) };
}

/** A reference as the scan reports one: only where it is counts here. */
function referenceAt(file: string, line: number, column: number): InventoryReference {
  return {
    key: 'k',
    file,
    line,
    column,
    test: false,
    dynamic: false,
    via: 'isOn($KEY)',
    role: 'evaluate',
    endLine: line,
    endColumn: column + 3,
  };
}

describe('findUnmatchedCallShapes', () => {
  // Components did not parse as modules, so init never suggested the accessor of a codebase whose flags are read in them.
  it('reads Vue and Svelte components as the scanner does: their scripts and template expressions', () => {
    const { root, files } = project({
      'App.vue': [
        '<template>',
        "  <nav v-if=\"useUiFlag('new-nav')\" @click=\"track(featureOn('nav-click'))\">{{ featureOn('nav-label') }}</nav>",
        '</template>',
        '<script setup lang="ts">',
        "const wide = useUiFlag('wide-menu');",
        '</script>',
      ].join('\n'),
      'Page.svelte': ["<script>const on = useUiFlag('page');</script>", "{#if featureOn('hero')}<p>{featureOn('known')}</p>{/if}"].join(
        '\n',
      ),
    });
    // The scan found featureOn('known'): line 2, column 38 of Page.svelte, the quote of its key.
    const shapes = findUnmatchedCallShapes(root, files, [referenceAt('Page.svelte', 2, 38)], 10);
    expect(shapes).toEqual([
      { callee: 'featureOn', count: 3, suggestion: 'featureOn($KEY)' },
      { callee: 'useUiFlag', count: 3, suggestion: 'useUiFlag($KEY)' },
    ]);
  });

  it('leaves out a call in a component at the place of a reference the scan found', () => {
    const { root, files } = project({ 'Flag.svelte': "{#if x}<p>{featureOn('a')} {featureOn('b')}</p>{/if}" });
    // featureOn('a'): its key at line 1, column 22.
    expect(findUnmatchedCallShapes(root, files, [referenceAt('Flag.svelte', 1, 22)], 10)).toEqual([
      { callee: 'featureOn', count: 1, suggestion: 'featureOn($KEY)' },
    ]);
  });
});
