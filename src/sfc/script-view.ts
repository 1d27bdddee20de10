import { componentFormatOf, extractScriptPieces, type ScriptPiece } from './components.js';

/**
 * A component file as one module the TypeScript parser reads: the file's text with every
 * character outside the script pieces made a space (line breaks kept), so every offset, line and
 * column in it is the original file's, and the detector's positions need no mapping. Template
 * expressions become expression statements of that module, in the scope of its scripts.
 */
export interface ScriptView {
  text: string;
  /** Whether a block is JSX or TSX (`lang="tsx"`): the parse must read JSX then (and no `<T>x` casts). */
  jsx: boolean;
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;
const NOT_LINE_BREAK = /[^\n\r\u2028\u2029]+/g;

/**
 * Lays the pieces into a blanked copy of the text. The markup around each piece leaves room for
 * the punctuation that keeps pieces apart: a `;` before every piece (a script may end without
 * one), and parentheses around an expression (an object literal, `{ active: on }`, would be a
 * block otherwise) where two characters before it and one after are free, which every delimiter
 * but Svelte's `{a}{b}` gives.
 */
export function scriptView(text: string, pieces: readonly ScriptPiece[]): ScriptView {
  // Where the punctuation goes (always in the blanked markup), then the text around it.
  const marks: [number, string][] = [];
  // Characters up to here hold a piece or its punctuation.
  let used = -1;
  const freeBefore = (start: number, count: number): number[] => {
    const found: number[] = [];
    for (let at = start - 1; at > used && found.length < count; at--) if (!LINE_BREAK.test(text[at]!)) found.push(at);
    return found;
  };
  pieces.forEach((piece, index) => {
    const limit = pieces[index + 1]?.start ?? text.length;
    const before = freeBefore(piece.start, piece.kind === 'expression' ? 2 : 1);
    let close = -1;
    if (piece.kind === 'expression' && before.length === 2) {
      for (let at = piece.end; at < limit && close < 0; at++) if (!LINE_BREAK.test(text[at]!)) close = at;
    }
    if (close >= 0) marks.push([before[1]!, ';'], [before[0]!, '('], [close, ')']);
    else if (before.length > 0) marks.push([before[0]!, ';']);
    used = Math.max(piece.end - 1, close);
  });
  marks.sort((a, b) => a[0] - b[0]);
  // Built from slices and runs of spaces: a character at a time costs a second per megabyte.
  const parts: string[] = [];
  let at = 0;
  const blankTo = (end: number) => {
    if (end > at) parts.push(text.slice(at, end).replace(NOT_LINE_BREAK, (run) => ' '.repeat(run.length)));
    at = Math.max(at, end);
  };
  let mark = 0;
  const markTo = (end: number) => {
    for (; mark < marks.length && marks[mark]![0] < end; mark++) {
      const [position, character] = marks[mark]!;
      blankTo(position);
      parts.push(character);
      at = position + 1;
    }
  };
  for (const piece of pieces) {
    markTo(piece.start);
    blankTo(piece.start);
    parts.push(text.slice(piece.start, piece.end));
    at = piece.end;
  }
  markTo(text.length);
  blankTo(text.length);
  return { text: parts.join(''), jsx: pieces.some((piece) => piece.kind === 'module' && (piece.lang === 'tsx' || piece.lang === 'jsx')) };
}

/** The script view of a component file (`.vue`, `.svelte`, `.astro`), or undefined for any other file. */
export function componentScript(file: string, text: string): ScriptView | undefined {
  const format = componentFormatOf(file);
  return format === undefined ? undefined : scriptView(text, extractScriptPieces(format, text));
}
