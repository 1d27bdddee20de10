/*
 * Just enough of JavaScript's lexical grammar to find where an expression embedded in markup ends:
 * strings, template literals, comments and nested braces. Regular expression literals are not
 * told apart from division (a `}` or a quote inside one can end the expression early); the parse
 * of the extracted script then reports that as a syntax error at its place.
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

/** The index of the `}` that closes the `{` at `open`, or -1 when the text ends first. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; ) {
    const character = text[i]!;
    if (character === '"' || character === "'") {
      i = stringEnd(text, i);
      continue;
    }
    if (character === '`') {
      i = templateEnd(text, i);
      continue;
    }
    const afterComment = commentEnd(text, i);
    if (afterComment !== undefined) {
      i = afterComment;
      continue;
    }
    if (character === '{') depth++;
    else if (character === '}' && --depth === 0) return i;
    i++;
  }
  return -1;
}
