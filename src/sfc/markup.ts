import { closingBrace } from './js-text.js';

/** A range of a file's text, [start, end) offsets. */
export interface Span {
  start: number;
  end: number;
}

export interface Attribute {
  /** As written (case kept: Vue's `:isOn` and `:ison` differ). */
  name: string;
  /** The value inside its quotes, or as written when unquoted; absent for a bare attribute or a `{…}` value. */
  value?: Span;
}

export interface StartTag {
  /** Lower-cased. */
  name: string;
  /** Just past the closing `>`. */
  end: number;
  selfClosing: boolean;
  attributes: Attribute[];
  /** With `braces`: every `{…}` in the tag (a value, a shorthand, a spread, one inside quotes), without the braces. */
  braces: Span[];
}

const TAG_NAME = /[A-Za-z][^\s/>]*/y;
const SPACE = /\s/;

/** Where an HTML comment that starts at `start` ends (just past `-->`), if one starts there. */
export function commentEnd(text: string, start: number): number | undefined {
  if (!text.startsWith('<!--', start)) return undefined;
  const end = text.indexOf('-->', start + 4);
  return end < 0 ? text.length : end + 3;
}

/** The attribute's value text, or undefined when it has none. */
export function attributeValue(text: string, tag: StartTag, name: string): string | undefined {
  const value = tag.attributes.find((attribute) => attribute.name.toLowerCase() === name)?.value;
  return value === undefined ? undefined : text.slice(value.start, value.end);
}

export function hasAttribute(tag: StartTag, name: string): boolean {
  return tag.attributes.some((attribute) => attribute.name.toLowerCase() === name);
}

/**
 * The start tag at `start` (a `<` followed by a letter), or undefined when there is none or it is
 * not closed. With `braces` (Svelte and Astro markup), `{…}` in the tag are JavaScript and may
 * hold `>` and quotes.
 */
export function readStartTag(text: string, start: number, braces: boolean): StartTag | undefined {
  TAG_NAME.lastIndex = start + 1;
  const name = TAG_NAME.exec(text)?.[0];
  if (text[start] !== '<' || name === undefined) return undefined;
  const tag: StartTag = { name: name.toLowerCase(), end: -1, selfClosing: false, attributes: [], braces: [] };
  let i = start + 1 + name.length;
  const brace = (open: number): number => {
    const close = closingBrace(text, open);
    if (close >= 0) tag.braces.push({ start: open + 1, end: close });
    return close;
  };
  while (i < text.length) {
    const character = text[i]!;
    if (SPACE.test(character)) {
      i++;
    } else if (character === '>') {
      tag.end = i + 1;
      return tag;
    } else if (character === '/' && text[i + 1] === '>') {
      tag.end = i + 2;
      tag.selfClosing = true;
      return tag;
    } else if (character === '{' && braces) {
      const close = brace(i);
      if (close < 0) return undefined;
      i = close + 1;
    } else {
      const nameStart = i;
      while (i < text.length && !/[\s=>]/.test(text[i]!) && !(text[i] === '/' && text[i + 1] === '>')) i++;
      const attribute: Attribute = { name: text.slice(nameStart, i) };
      tag.attributes.push(attribute);
      let j = i;
      while (j < text.length && SPACE.test(text[j]!)) j++;
      if (text[j] !== '=') continue;
      j++;
      while (j < text.length && SPACE.test(text[j]!)) j++;
      const quote = text[j];
      if (quote === '"' || quote === "'") {
        let k = j + 1;
        while (k < text.length && text[k] !== quote) {
          if (braces && text[k] === '{') {
            const close = brace(k);
            if (close < 0) return undefined;
            k = close;
          }
          k++;
        }
        if (k >= text.length) return undefined;
        attribute.value = { start: j + 1, end: k };
        i = k + 1;
      } else if (quote === '{' && braces) {
        const close = brace(j);
        if (close < 0) return undefined;
        i = close + 1;
      } else {
        let k = j;
        while (k < text.length && !/[\s>]/.test(text[k]!)) k++;
        attribute.value = { start: j, end: k };
        i = k;
      }
    }
  }
  return undefined;
}

/** The content of a raw-text element (`<script>`, `<style>`) whose start tag ends at `from`, and where its end tag ends. */
export function rawTextContent(text: string, from: number, name: string): { content: Span; end: number } {
  const close = new RegExp(`</${name}\\s*>`, 'ig');
  close.lastIndex = from;
  const match = close.exec(text);
  if (match === null) return { content: { start: from, end: text.length }, end: text.length };
  return { content: { start: from, end: match.index }, end: match.index + match[0].length };
}
