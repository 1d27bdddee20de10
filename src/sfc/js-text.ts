/*
 * Just enough of JavaScript's lexical grammar to find where an expression embedded in markup ends:
 * strings, template literals, comments, regular expression literals and nested braces. A `/` is
 * told to start a regular expression, not to divide, by the token before it, as a tokenizer does
 * without a full parse: a pattern such as `/^https?:\/\//` holds a `//` that is no comment, and
 * quotes and braces that close nothing.
 */

/** The index just past a string literal that starts at `start` (a quote), or the text's end. */
function stringEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const character = text[i];
    if (character === '\\') i++;
    else if (character === quote) return i + 1;
    else if (character === '\n' && quote !== '`') return i + 1;
  }
  return text.length;
}

/** The index just past a template literal that starts at `start` (a backtick), its `${…}` parts included. */
function templateEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const character = text[i];
    if (character === '\\') i++;
    else if (character === '`') return i + 1;
    else if (character === '$' && text[i + 1] === '{') {
      const close = closingBrace(text, i + 1);
      if (close < 0) return text.length;
      i = close;
    }
  }
  return text.length;
}

/** The index just past a comment that starts at `start`, if one does (`//` or `/*`). */
function commentEnd(text: string, start: number): number | undefined {
  if (text[start] !== '/') return undefined;
  if (text[start + 1] === '/') {
    const end = text.indexOf('\n', start);
    return end < 0 ? text.length : end;
  }
  if (text[start + 1] === '*') {
    const end = text.indexOf('*/', start + 2);
    return end < 0 ? text.length : end + 2;
  }
  return undefined;
}

/** Words after which an expression starts, so a `/` there starts a regular expression (`return /x/`); `if` for Svelte's `{#if /x/.test(s)}`. */
const BEFORE_EXPRESSION = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
  'if',
]);
const WORD_CHARACTER = /[\w$]/;

/** Whether a `/` after the character at `previous` (the last one that is not space or comment) starts a regular expression. */
function startsRegExp(text: string, previous: number): boolean {
  const character = text[previous]!;
  if (WORD_CHARACTER.test(character)) {
    let start = previous;
    while (start > 0 && WORD_CHARACTER.test(text[start - 1]!)) start--;
    return BEFORE_EXPRESSION.has(text.slice(start, previous + 1));
  }
  // After a value (`(a) / 2`, `a[0] / 2`, `'a' / 2`) it divides; after an operator or an opening bracket an operand starts.
  return !/[)\]'"`]/.test(character);
}

/** The index just past a regular expression literal that starts at `start` (a slash), flags included; undefined when none closes on its line. */
function regExpEnd(text: string, start: number): number | undefined {
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const character = text[i]!;
    if (character === '\\') i++;
    else if (character === '\n' || character === '\r') return undefined;
    else if (character === '[') inClass = true;
    else if (character === ']') inClass = false;
    else if (character === '/' && !inClass) {
      let end = i + 1;
      while (end < text.length && WORD_CHARACTER.test(text[end]!)) end++;
      return end;
    }
  }
  return undefined;
}

/** The index of the `}` that closes the `{` at `open`, or -1 when the text ends first. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  // The last character that is not space or comment: what a `/` follows.
  let previous = open;
  for (let i = open; i < text.length;) {
    const character = text[i]!;
    if (character === '"' || character === "'") {
      i = stringEnd(text, i);
      previous = i - 1;
      continue;
    }
    if (character === '`') {
      i = templateEnd(text, i);
      previous = i - 1;
      continue;
    }
    const afterComment = commentEnd(text, i);
    if (afterComment !== undefined) {
      i = afterComment;
      continue;
    }
    // First in the braces, a slash closes a Svelte block (`{/if}`), and is no pattern.
    if (character === '/' && previous !== open && startsRegExp(text, previous)) {
      const end = regExpEnd(text, i);
      if (end !== undefined) {
        i = end;
        previous = i - 1;
        continue;
      }
    }
    if (character === '{') depth++;
    else if (character === '}' && --depth === 0) return i;
    if (!/\s/.test(character)) previous = i;
    i++;
  }
  return -1;
}
