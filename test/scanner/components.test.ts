import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluation, referenceRows, scanDir, temporaryDir, VIA } from '../helpers/scanner-fixtures.js';

/*
 * Single-file components: the scanner reads the scripts of .vue, .svelte and .astro files and the
 * expressions of Vue templates and Svelte markup, and reports each reference at its line and
 * column in the component file. The fixture projects are in test/fixtures/sfc-* (outside
 * fixtures/, whose every project ESLint lints with typescript-eslint's parser, which reads no
 * component).
 */

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const IS_ENABLED = 'isEnabled($KEY)';

describe('a Vue project laid out as Nuxt does', () => {
  it('finds the reads of templates (bindings, v-if, handlers, v-for, interpolations) and of both kinds of script block', async () => {
    const { inventory } = await scanDir(fixture('sfc-vue-nuxt'));
    expect(referenceRows(inventory.references)).toEqual([
      evaluation('components/AppHeader.vue', 2, 42, 'beta-badge', IS_ENABLED),
      evaluation('components/AppHeader.vue', 3, 29, 'new-nav', IS_ENABLED),
      evaluation('components/AppHeader.vue', 3, 58, 'nav-tracking', IS_ENABLED),
      evaluation('components/AppHeader.vue', 5, 36, 'holiday-banner', IS_ENABLED),
      // Through the composable, imported by its `~/` alias: a wrapper the component never names an accessor around.
      evaluation('pages/checkout.vue', 4, 33, 'fast-checkout', 'useFeature'),
      evaluation('pages/index.vue', 6, 41, 'wide-menu', IS_ENABLED),
      evaluation('pages/index.vue', 17, 24, 'spring-promo', IS_ENABLED),
    ]);
    expect(inventory.warnings).toEqual([]);
    // The composable and the three components; the Markdown page is no source.
    expect(inventory.stats).toEqual({ files: 4, analysed: 4, skipped: 0 });
  });

  it('names a file given on the command line that no reader understands, and still reads the component beside it', async () => {
    const { inventory } = await scanDir(fixture('sfc-vue-nuxt'), { paths: ['content/about.md', 'pages/checkout.vue'] });
    expect(inventory.warnings).toEqual([
      {
        file: 'content/about.md',
        message:
          'was not scanned: no reader understands this kind of file (the scanner reads .ts, .tsx, .mts, .cts, .js, .jsx, .mjs, .cjs, .vue, .svelte and .astro files)',
      },
    ]);
    expect(referenceRows(inventory.references)).toEqual([evaluation('pages/checkout.vue', 4, 33, 'fast-checkout', 'useFeature')]);
    expect(inventory.stats).toEqual({ files: 1, analysed: 1, skipped: 0 });
  });
});

describe('a Svelte project', () => {
  it('finds the reads of {#if}, {:else if}, {#each}, {@html}, attributes, directives and text, and keys from the module script', async () => {
    const { inventory } = await scanDir(fixture('sfc-svelte'));
    expect(referenceRows(inventory.references)).toEqual([
      evaluation('src/lib/Hero.svelte', 10, 18, 'hero-video', VIA.get),
      evaluation('src/lib/Hero.svelte', 11, 44, 'hero-title', VIA.get),
      evaluation('src/lib/Hero.svelte', 11, 77, 'hero-html', VIA.get),
      evaluation('src/routes/+page.svelte', 6, 29, 'compact-layout', VIA.get),
      evaluation('src/routes/+page.svelte', 9, 16, 'new-hero', VIA.get),
      evaluation('src/routes/+page.svelte', 11, 21, 'hero-v2', VIA.get),
      evaluation('src/routes/+page.svelte', 15, 31, 'beta-button', VIA.get),
      evaluation('src/routes/+page.svelte', 15, 73, 'click-tracking', VIA.get),
      evaluation('src/routes/+page.svelte', 16, 14, 'show-count', VIA.get),
      evaluation('src/routes/+page.svelte', 16, 57, 'show-total', VIA.get),
    ]);
    expect(inventory.warnings).toEqual([]);
  });
});

describe('an Astro project', () => {
  it('finds the reads of the frontmatter and of <script> elements (the JSX markup is not read)', async () => {
    const { inventory } = await scanDir(fixture('sfc-astro'));
    expect(referenceRows(inventory.references)).toEqual([
      evaluation('src/pages/index.astro', 5, 31, 'pricing-page', VIA.get),
      evaluation('src/pages/index.astro', 16, 17, 'client-analytics', VIA.get),
    ]);
    expect(inventory.warnings).toEqual([]);
    expect(inventory.stats).toEqual({ files: 3, analysed: 2, skipped: 0 });
  });
});

describe('a component that does not parse', () => {
  it('is a warning at the place in the component file (here the closing quote of an unfinished v-if)', async () => {
    const { dir, cleanup } = temporaryDir('sfc-broken');
    try {
      writeFileSync(join(dir, 'Broken.vue'), '<template>\n  <p v-if="flags.get(\'a\') &&">x</p>\n</template>\n');
      const { inventory } = await scanDir(dir);
      expect(inventory.references).toEqual([]);
      expect(inventory.warnings).toEqual([{ file: 'Broken.vue', line: 2, column: 29, message: 'does not parse: Expression expected.' }]);
    } finally {
      cleanup();
    }
  });
});

describe('a Svelte component with a regular expression in its markup', () => {
  // As open-webui's components write it: the pattern's `\/\/` was read as a `//` comment, and every read after it was lost.
  it('finds the reads after the pattern, at their places', async () => {
    const { dir, cleanup } = temporaryDir('sfc-regexp');
    try {
      const component = [
        '<script>',
        '  export let token;',
        '</script>',
        '',
        "{#if token.type === 'html'}",
        "  {@const host = token.href.replace(/^https?:\\/\\//, '')}",
        "  {#if host && flags.get('youtube-embed')}",
        '    <iframe src={token.href} title={host}></iframe>',
        '  {/if}',
        '{/if}',
      ].join('\n');
      writeFileSync(join(dir, 'HtmlToken.svelte'), component);
      const { inventory } = await scanDir(dir);
      expect(referenceRows(inventory.references)).toEqual([evaluation('HtmlToken.svelte', 7, 26, 'youtube-embed', VIA.get)]);
      expect(inventory.warnings).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
