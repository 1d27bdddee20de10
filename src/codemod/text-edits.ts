/** A replacement of source text [start, end) by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Non-overlapping edits of one text. An edit overlapping one already taken is refused (the caller
 * retries it in the next round, on the new text), so edits never fight.
 */
export class EditList {
  private readonly edits: Edit[] = [];

  get size(): number {
    return this.edits.length;
  }

  add(start: number, end: number, text: string): boolean {
    if (this.edits.some((edit) => start < edit.end && edit.start < end)) return false;
    if (this.edits.some((edit) => edit.start === edit.end && start === end && edit.start === start)) return false;
    this.edits.push({ start, end, text });
    return true;
  }

  overlaps(start: number, end: number): boolean {
    return this.edits.some((edit) => start < edit.end && edit.start < end);
  }

  apply(source: string): string {
    let result = source;
    for (const edit of [...this.edits].sort((a, b) => b.start - a.start)) {
      result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    }
    return result;
  }
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function lineEndOf(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

/** The indentation of the line an offset is on. */
export function indentationAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/**
 * The range to delete to remove a statement: whole lines (with their newline) when nothing else
 * shares them, so no blank line is left behind; otherwise just the statement.
 */
export function removalRange(text: string, start: number, end: number): [number, number] {
  const lineStart = lineStartOf(text, start);
  const lineEnd = lineEndOf(text, end);
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd);
  if (before.trim() !== '' || after.trim() !== '') return [start, end];
  let cutStart = lineStart;
  const cutEnd = Math.min(text.length, lineEnd + 1);
  // Do not leave two blank lines, or a blank line before a closing brace, where the lines were.
  if (cutStart > 0) {
    const previousStart = lineStartOf(text, cutStart - 1);
    const previousBlank = text.slice(previousStart, cutStart - 1).trim() === '';
    const nextLine = text.slice(cutEnd, lineEndOf(text, cutEnd)).trim();
    if (previousBlank && (nextLine === '' || /^[}\])]/.test(nextLine))) cutStart = previousStart;
  }
  return [cutStart, cutEnd];
}

/** Moves lines from one indentation to another (unwrapping a block drops one level). */
export function reindent(block: string, from: string, to: string): string {
  if (from === to) return block;
  return block
    .split('\n')
    .map((line, index) => (index === 0 ? line : line.startsWith(from) ? to + line.slice(from.length) : line.trimStart() === '' ? '' : line))
    .join('\n');
}
