import { closingBrace } from './js-text.js';
import { attributeValue, commentEnd, hasAttribute, rawTextContent, readStartTag, type Span, type StartTag } from './markup.js';

/*
 * The script in a single-file component (Vue, Svelte, Astro), as pieces of the file's text: the
 * `<script>` blocks (and Astro's frontmatter), and the JavaScript expressions of Vue templates and
 * Svelte markup. Each piece is a range of the original text, so whatever is found in it is found
 * at its place in the file.
 *
 * Why by hand, not with the frameworks' compilers: @vue/compiler-sfc, svelte/compiler and
 * @astrojs/compiler are large (the Astro one is WebAssembly), each tied to its framework's major
 * version, and none is a dependency of this package; the scanner needs only where the scripts
 * and template expressions are, not a compiled component. Those places follow a few rules that
 * stay stable across versions: blocks are top-level `<script>` elements (`<template>` and the
 * rest of the markup around them), Vue's expressions are the values of `v-`, `:`, `@` and `.`
 * attributes and `{{ }}` interpolations, Svelte's every `{…}` outside scripts, styles and
 * comments. What the pieces mean is left to the TypeScript parser that reads them.
 */

export type ComponentFormat = 'vue' | 'svelte' | 'astro';
export type ScriptLang = 'ts' | 'tsx' | 'js' | 'jsx';

export type ScriptPiece =
  /** A script block's statements (or Astro's frontmatter). */
  | (Span & { kind: 'module'; lang: ScriptLang })
  /** One template expression; `statements` for a Vue event handler, which may be several statements. */
  | (Span & { kind: 'expression' | 'statements' });

const FORMATS: Record<string, ComponentFormat> = { '.vue': 'vue', '.svelte': 'svelte', '.astro': 'astro' };

/** The component format of a file, by its extension. */
export function componentFormatOf(file: string): ComponentFormat | undefined {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? undefined : FORMATS[file.slice(dot).toLowerCase()];
}

const LANGS: Record<string, ScriptLang> = { ts: 'ts', typescript: 'ts', tsx: 'tsx', js: 'js', javascript: 'js', jsx: 'jsx' };
/** `type` values of a script element that hold JavaScript or TypeScript (JSON-LD and the like do not). */
const SCRIPT_TYPE = /^(?:module|(?:text|application)\/(?:java|ecma|type)script|ts|typescript)$/i;

/** The piece of a `<script>` element's content, unless it is external (`src`), not script (`type`) or in another language (`lang="coffee"`). */
function scriptBlock(text: string, tag: StartTag, content: Span, defaultLang: ScriptLang): ScriptPiece | undefined {
  if (hasAttribute(tag, 'src')) return undefined;
  const type = attributeValue(text, tag, 'type');
  if (type !== undefined && !SCRIPT_TYPE.test(type.trim())) return undefined;
  const langValue = attributeValue(text, tag, 'lang');
  const lang = langValue === undefined ? defaultLang : LANGS[langValue.trim().toLowerCase()];
  return lang === undefined ? undefined : { kind: 'module', lang, start: content.start, end: content.end };
}

/** Adds the piece [start, end) without the white space around it, unless nothing is left. */
function pushTrimmed(pieces: ScriptPiece[], text: string, start: number, end: number, kind: 'expression' | 'statements'): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (start < end) pieces.push({ kind, start, end });
}

/** What a Vue attribute's value is: an expression, handler statements, a `v-for`, or not script. */
function vueAttributeKind(name: string): 'expression' | 'statements' | 'for' | undefined {
  if (name.startsWith('@') || name.startsWith('v-on:')) return 'statements';
  if (name === 'v-for') return 'for';
  // Slot props and the directives without an expression.
  if (name.startsWith('#') || name === 'v-slot' || name.startsWith('v-slot:') || ['v-pre', 'v-cloak', 'v-once', 'v-else'].includes(name))
    return undefined;
  if (name.startsWith(':') || name.startsWith('.') || name.startsWith('v-')) return 'expression';
  return undefined;
}

function vueAttributePieces(pieces: ScriptPiece[], text: string, tag: StartTag): void {
  for (const { name, value } of tag.attributes) {
    const kind = value === undefined ? undefined : vueAttributeKind(name);
    if (value === undefined || kind === undefined) continue;
    if (kind !== 'for') {
      pushTrimmed(pieces, text, value.start, value.end, kind);
      continue;
    }
    // `item in items`, `(item, index) of list`: the list is the expression; the aliases are bindings.
    const loop = /\s(?:in|of)\s/.exec(text.slice(value.start, value.end));
    if (loop !== null) pushTrimmed(pieces, text, value.start + loop.index + loop[0].length, value.end, 'expression');
  }
}

const END_TAG = /<\/([A-Za-z][^\s>]*)\s*>/y;

/**
 * The content of a Vue `<template>` from `from` (just past its start tag) to its matching end
 * tag; returns where that end tag ends. With `pieces`, its expressions are added there.
 */
function vueTemplate(text: string, from: number, pieces: ScriptPiece[] | undefined): number {
  let depth = 1;
  const next = /<|\{\{/g;
  next.lastIndex = from;
  for (let match = next.exec(text); match !== null; match = next.exec(text)) {
    const at = match.index;
    if (match[0] === '{{') {
      const close = text.indexOf('}}', at + 2);
      if (close < 0) break;
      if (pieces !== undefined) pushTrimmed(pieces, text, at + 2, close, 'expression');
      next.lastIndex = close + 2;
      continue;
    }
    const comment = commentEnd(text, at);
    if (comment !== undefined) {
      next.lastIndex = comment;
      continue;
    }
    END_TAG.lastIndex = at;
    const end = END_TAG.exec(text);
    if (end !== null) {
      if (end[1]!.toLowerCase() === 'template' && --depth === 0) return at + end[0].length;
      next.lastIndex = at + end[0].length;
      continue;
    }
    const tag = readStartTag(text, at, false);
    if (tag === undefined) continue;
    if (tag.name === 'template' && !tag.selfClosing) depth++;
    if (pieces !== undefined) vueAttributePieces(pieces, text, tag);
    next.lastIndex = tag.end;
  }
  return text.length;
}

function vuePieces(text: string): ScriptPiece[] {
  const pieces: ScriptPiece[] = [];
  for (let at = text.indexOf('<'); at >= 0;) {
    const comment = commentEnd(text, at);
    const tag = comment === undefined ? readStartTag(text, at, false) : undefined;
    let end = comment ?? at + 1;
    if (tag !== undefined && tag.selfClosing) end = tag.end;
    else if (tag?.name === 'template') {
      const lang = attributeValue(text, tag, 'lang')?.trim().toLowerCase();
      // Pug and other template languages are not HTML: their blocks are skipped whole.
      end = vueTemplate(text, tag.end, lang === undefined || lang === 'html' ? pieces : undefined);
    } else if (tag !== undefined) {
      // <script>, <style> and custom blocks (<i18n>, <docs>) hold raw text up to their end tag.
      const block = rawTextContent(text, tag.end, tag.name);
      const piece = tag.name === 'script' ? scriptBlock(text, tag, block.content, 'js') : undefined;
      if (piece !== undefined) pieces.push(piece);
      end = block.end;
    }
    at = text.indexOf('<', end);
  }
  return pieces;
}

/** Block openers whose whole rest is one expression: `{#if x}`, `{:else if x}`, `{#key x}`, `{@html x}`, `{@render x()}`. */
const SVELTE_EXPRESSION_TAG = /^(?:#if|:else\s+if|#key|@html|@render)\s/;
/** `{@const name = value}`: the value. */
const SVELTE_CONST = /^@const\s+[A-Za-z_$][\w$]*\s*=/;

/** The expression of a Svelte `{…}` whose content is [start, end). */
function svelteMustache(pieces: ScriptPiece[], text: string, start: number, end: number): void {
  const inner = text.slice(start, end);
  const lead = inner.length - inner.trimStart().length;
  const body = inner.slice(lead);
  const from = start + lead;
  const opener = SVELTE_EXPRESSION_TAG.exec(body) ?? SVELTE_CONST.exec(body);
  if (opener !== null) return pushTrimmed(pieces, text, from + opener[0].length, end, 'expression');
  if (/^#each\s/.test(body)) {
    // `{#each items as item, i (item.id)}`: the list; the rest is bindings.
    const as = /\sas\s/.exec(body.slice(6));
    return pushTrimmed(pieces, text, from + 6, as === null ? end : from + 6 + as.index, 'expression');
  }
  if (/^#await\s/.test(body)) {
    const then = /\s(?:then|catch)\b/.exec(body.slice(7));
    return pushTrimmed(pieces, text, from + 7, then === null ? end : from + 7 + then.index, 'expression');
  }
  // Other block tags (`{:else}`, `{/if}`, `{#snippet …}`, `{@debug …}`) hold no expression.
  if (/^[#:/@]/.test(body)) return;
  // A spread of attributes (`{...props}`) spreads an expression.
  pushTrimmed(pieces, text, body.startsWith('...') ? from + 3 : from, end, 'expression');
}

function sveltePieces(text: string): ScriptPiece[] {
  const pieces: ScriptPiece[] = [];
  const next = /<|\{/g;
  for (let match = next.exec(text); match !== null; match = next.exec(text)) {
    const at = match.index;
    if (match[0] === '{') {
      const close = closingBrace(text, at);
      if (close < 0) break;
      svelteMustache(pieces, text, at + 1, close);
      next.lastIndex = close + 1;
      continue;
    }
    const comment = commentEnd(text, at);
    if (comment !== undefined) {
      next.lastIndex = comment;
      continue;
    }
    const tag = readStartTag(text, at, true);
    if (tag === undefined) continue;
    for (const brace of tag.braces) svelteMustache(pieces, text, brace.start, brace.end);
    next.lastIndex = tag.end;
    if ((tag.name === 'script' || tag.name === 'style') && !tag.selfClosing) {
      const block = rawTextContent(text, tag.end, tag.name);
      const piece = tag.name === 'script' ? scriptBlock(text, tag, block.content, 'js') : undefined;
      if (piece !== undefined) pieces.push(piece);
      next.lastIndex = block.end;
    }
  }
  return pieces;
}

/** The opening fence of Astro's frontmatter: `---` on the first line that is not blank. */
const FRONTMATTER_OPEN = /^\s*---[^\S\r\n]*(?:\r\n|\n|\r)/;
const FRONTMATTER_CLOSE = /^---[^\S\r\n]*$/m;

function astroPieces(text: string): ScriptPiece[] {
  const pieces: ScriptPiece[] = [];
  let from = 0;
  const open = FRONTMATTER_OPEN.exec(text);
  if (open !== null) {
    const start = open[0].length;
    const close = FRONTMATTER_CLOSE.exec(text.slice(start));
    const end = close === null ? text.length : start + close.index;
    pieces.push({ kind: 'module', lang: 'ts', start, end });
    from = close === null ? text.length : end + close[0].length;
  }
  // Astro's markup expressions are JSX, and not read; its `<script>` elements are TypeScript
  // modules, or plain scripts with `is:inline` (which parse as TypeScript too).
  for (let at = text.indexOf('<', from); at >= 0;) {
    const comment = commentEnd(text, at);
    const tag = comment === undefined ? readStartTag(text, at, true) : undefined;
    let end = comment ?? tag?.end ?? at + 1;
    if (tag !== undefined && (tag.name === 'script' || tag.name === 'style') && !tag.selfClosing) {
      const block = rawTextContent(text, tag.end, tag.name);
      const piece = tag.name === 'script' ? scriptBlock(text, tag, block.content, hasAttribute(tag, 'is:inline') ? 'js' : 'ts') : undefined;
      if (piece !== undefined) pieces.push(piece);
      end = block.end;
    }
    at = text.indexOf('<', end);
  }
  return pieces;
}

/** The script pieces of a component's text, in the order of the text. */
export function extractScriptPieces(format: ComponentFormat, text: string): ScriptPiece[] {
  const pieces = format === 'vue' ? vuePieces(text) : format === 'svelte' ? sveltePieces(text) : astroPieces(text);
  return pieces.sort((a, b) => a.start - b.start);
}
