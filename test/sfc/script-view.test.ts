import { describe, expect, it } from 'vitest';
import { componentFormatOf, extractScriptPieces } from '../../src/sfc/components.js';
import { componentScript } from '../../src/sfc/script-view.js';

/** The text of each piece, with its kind (and language for a script block). */
function pieceTexts(file: string, text: string): string[] {
  return extractScriptPieces(componentFormatOf(file)!, text).map(
    (piece) => `${piece.kind === 'module' ? `module:${piece.lang}` : piece.kind} ${text.slice(piece.start, piece.end)}`,
  );
}

describe('componentFormatOf', () => {
  it('knows components by their extension, in any case, and nothing else', () => {
    expect(['a.vue', 'b/C.Svelte', 'page.astro', 'a.ts', 'vue', 'a.vue.md'].map(componentFormatOf)).toEqual([
      'vue',
      'svelte',
      'astro',
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('Vue', () => {
  const component = [
    '<template>',
    '  <div :class="{ on: isEnabled(\'a\') }" @click="go(); track(\'b\')">',
    "    <!-- {{ isEnabled('commented') }} -->",
    '    <template v-if="isEnabled(\'c\')"><i v-for="(item, i) in list(\'d\')" :key="i">{{ item }}</i></template>',
    '    <slot #default="{ row }" v-else />',
    '  </div>',
    '</template>',
    '<script>export default {}</script>',
    '<script setup lang="ts">const x = 1</script>',
    '<style>.a { color: red }</style>',
    '<i18n>{ "en": { "x": "{{ isEnabled(\'not-template\') }}" } }</i18n>',
  ].join('\n');

  it('finds script blocks, directive values, handlers, v-for lists and interpolations; not comments, slot props or custom blocks', () => {
    expect(pieceTexts('a.vue', component)).toEqual([
      "expression { on: isEnabled('a') }",
      "statements go(); track('b')",
      "expression isEnabled('c')",
      "expression list('d')",
      'expression i',
      'expression item',
      'module:js export default {}',
      'module:ts const x = 1',
    ]);
  });

  it('lays every piece at its place in a text of the same lines, an object literal in parentheses', () => {
    const view = componentScript('a.vue', component)!;
    expect(view.text.length).toBe(component.length);
    expect(view.text.split('\n')[1]).toBe("             ;({ on: isEnabled('a') })        ;go(); track('b')  ");
    expect(view.text.split('\n')[7]).toBe('       ;export default {}         ');
    expect(view.jsx).toBe(false);
  });

  it('skips a Pug template whole, and reads JSX where a block says tsx', () => {
    const pug =
      '<template lang="pug">\n  div(v-if="isEnabled(\'a\')") {{ isEnabled(\'b\') }}\n</template>\n<script lang="tsx">const a = <b />;</script>';
    expect(pieceTexts('a.vue', pug)).toEqual(['module:tsx const a = <b />;']);
    expect(componentScript('a.vue', pug)!.jsx).toBe(true);
  });

  it('leaves out scripts in another language, external ones and data', () => {
    const text = '<script lang="coffee">x = 1</script><script src="./a.js"></script><script type="application/json">{"a": 1}</script>';
    expect(pieceTexts('a.vue', text)).toEqual([]);
  });
});

describe('Svelte', () => {
  it('reads every {…} of the markup by what its block tag says', () => {
    const text = [
      '<script context="module">export const K = \'k\';</script>',
      '<script lang="ts">let n: number = 1;</script>',
      "{#if on('a')}x{:else if on('b')}y{:else}z{/if}",
      "{#each list('c') as item, i (item.id)}{item}{/each}",
      "{#await load('d') then value}{value}{/await}",
      "{@html html('e')}{@const size = measure('f')}{@debug size}",
      "<Comp {name} {...rest('g')} on:click={() => go('h')} title=\"a {label('i')} b\" />",
      "<!-- {on('commented')} -->",
      '<style>p { color: red }</style>',
    ].join('\n');
    expect(pieceTexts('a.svelte', text)).toEqual([
      "module:js export const K = 'k';",
      'module:ts let n: number = 1;',
      "expression on('a')",
      "expression on('b')",
      "expression list('c')",
      'expression item',
      "expression load('d')",
      'expression value',
      "expression html('e')",
      "expression measure('f')",
      'expression name',
      "expression rest('g')",
      "expression () => go('h')",
      "expression label('i')",
    ]);
  });

  it('keeps two expressions side by side apart, with parentheses where the markup leaves room (here only around the first)', () => {
    const text = '<p>{a}{b}</p>';
    expect(componentScript('a.svelte', text)!.text).toBe('  ;(a);b     ');
  });

  it('finds a brace inside a string or template literal of an expression to be part of it', () => {
    const text = "{on('}') + `${x}}`}";
    expect(pieceTexts('a.svelte', text)).toEqual(["expression on('}') + `${x}}`"]);
  });

  // open-webui's HTMLToken.svelte: a URL pattern (`\/\/` then `/`) read as a `//` comment hid every read after it.
  it('reads a regular expression literal holding `//`, a quote or a brace as part of its expression', () => {
    const text = [
      "{@const m = s.match(/^https?:\\/\\//)}{#if m}{on('a')}{/if}",
      "<p title={s.replace(/[\"}]/g, '')}>{(() => { return /}/.test(s) })()}</p>",
    ].join('\n');
    expect(pieceTexts('a.svelte', text)).toEqual([
      'expression s.match(/^https?:\\/\\//)',
      'expression m',
      "expression on('a')",
      "expression s.replace(/[\"}]/g, '')",
      'expression (() => { return /}/.test(s) })()',
    ]);
  });

  it('reads a slash first in the braces as the end of a block, not a pattern, with markup slashes after it on the line', () => {
    expect(pieceTexts('a.svelte', "<p>{#if on('b')}<b>x</b>{/if}</p>{on('c')}")).toEqual(["expression on('b')", "expression on('c')"]);
  });

  it('still reads a slash after a name, a number or a closing bracket as a division', () => {
    expect(pieceTexts('a.svelte', '{a / b}{2 / c}{(d) / e[0] / f}')).toEqual([
      'expression a / b',
      'expression 2 / c',
      'expression (d) / e[0] / f',
    ]);
  });
});

describe('Astro', () => {
  it('reads the frontmatter and the script elements, not the markup, data or external scripts', () => {
    const text = [
      '---',
      "const on = flags.get('a');",
      '---',
      "<p>{flags.get('markup')}</p>",
      "<script>flags.get('b')</script>",
      "<script is:inline>flags.get('c')</script>",
      '<script type="application/ld+json">{}</script>',
      '<script src="/x.js"></script>',
    ].join('\n');
    expect(pieceTexts('a.astro', text)).toEqual([
      "module:ts const on = flags.get('a');\n",
      "module:ts flags.get('b')",
      "module:js flags.get('c')",
    ]);
    expect(componentScript('a.astro', text)!.text.split('\n').slice(0, 5)).toEqual([
      '  ;',
      "const on = flags.get('a');",
      '   ',
      '                            ',
      "       ;flags.get('b')         ",
    ]);
  });

  it('has no frontmatter when the file does not start with a fence', () => {
    expect(pieceTexts('a.astro', "<p>---\nflags.get('a')\n---</p>")).toEqual([]);
  });
});
