import { diffPackage } from '../lazy-packages.js';

/** A replacement of source text [start, end) by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Non-overlapping edits of one text. An edit inside a range another edit deletes is already done
 * (the deletion covers it), and a deletion over edits taken before replaces them. Any other
 * overlap is refused: `add` returns false and the caller either retries in the next round, on the
 * new text, or reports the site, so edits never fight and none is lost unnoticed.
 */
export class EditList {
  private edits: Edit[] = [];

  get size(): number {
    return this.edits.length;
  }

  add(start: number, end: number, text: string): boolean {
    if (this.deletes(start, end)) return true;
    if (text === '') {
      const inside = this.edits.filter((edit) => covers({ start, end }, edit.start, edit.end));
      if (inside.length > 0 && inside.length === this.edits.filter((edit) => overlapping(edit, start, end)).length) {
        this.edits = this.edits.filter((edit) => !inside.includes(edit));
      }
    }
    if (this.overlaps(start, end)) return false;
    if (this.edits.some((edit) => edit.start === edit.end && start === end && edit.start === start)) return false;
    this.edits.push({ start, end, text });
    return true;
  }

  overlaps(start: number, end: number): boolean {
    return this.edits.some((edit) => overlapping(edit, start, end));
  }

  /** The range of the text the edits change, from the first edit's start to the last one's end. */
  extent(): { start: number; end: number } | undefined {
    if (this.edits.length === 0) return undefined;
    return { start: Math.min(...this.edits.map((edit) => edit.start)), end: Math.max(...this.edits.map((edit) => edit.end)) };
  }

  /** Whether a range lies inside one the edits delete. */
  deletes(start: number, end: number): boolean {
    return this.edits.some((edit) => edit.text === '' && covers(edit, start, end));
  }

  apply(source: string): string {
    let result = source;
    for (const edit of [...this.edits].sort((a, b) => b.start - a.start)) {
      result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    }
    return result;
  }

  /**
   * Where a position of `source` is once the edits are applied: shifted when it is outside every
   * edit; inside a replaced range, where the replacement kept the token that starts there (an
   * unwrapped block, a kept branch), else undefined.
   */
  positionMap(source: string): (position: number) => number | undefined {
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end);
    return (position) => {
      let shift = 0;
      for (const edit of sorted) {
        if (edit.start > position) break;
        if (position < edit.end) {
          const offset = offsetInReplacement(source.slice(edit.start, edit.end), edit.text, position - edit.start);
          return offset === undefined ? undefined : edit.start + shift + offset;
        }
        shift += edit.text.length - (edit.end - edit.start);
      }
      return position + shift;
    };
  }
}

function overlapping(edit: Edit, start: number, end: number): boolean {
  return start < edit.end && edit.start < end;
}

/** Whether an edit's range holds [start, end): an insertion counts only strictly inside it. */
function covers(edit: Pick<Edit, 'start' | 'end'>, start: number, end: number): boolean {
  if (edit.start === edit.end) return false;
  return start === end ? edit.start < start && start < edit.end : edit.start <= start && end <= edit.end;
}

const TOKEN = /[\p{ID_Continue}$\u200c\u200d]+|\S/gu;

function tokensOf(text: string): { text: string; at: number }[] {
  return [...text.matchAll(TOKEN)].map((match) => ({ text: match[0], at: match.index }));
}

/**
 * Where the token starting at `offset` of `before` is in `after`, when `after` kept it: a diff of
 * the two as tokens, so moved lines and changed indentation do not matter. A replacement too far
 * from its original to diff cheaply maps nothing.
 */
function offsetInReplacement(before: string, after: string, offset: number): number | undefined {
  const oldTokens = tokensOf(before);
  const newTokens = tokensOf(after);
  const wanted = oldTokens.findIndex((token) => token.at === offset);
  if (wanted < 0) return undefined;
  const changes = diffPackage().diffArrays(
    oldTokens.map((token) => token.text),
    newTokens.map((token) => token.text),
    { maxEditLength: 2000 },
  );
  if (changes === undefined) return undefined;
  let oldIndex = 0;
  let newIndex = 0;
  for (const change of changes) {
    const count = change.value.length;
    if (change.added) {
      newIndex += count;
    } else if (change.removed) {
      if (wanted < oldIndex + count) return undefined;
      oldIndex += count;
    } else {
      if (wanted < oldIndex + count) return newTokens[newIndex + wanted - oldIndex]!.at;
      oldIndex += count;
      newIndex += count;
    }
  }
  return undefined;
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
  let cutEnd = Math.min(text.length, lineEnd + 1);
  const nextLine = text.slice(cutEnd, lineEndOf(text, cutEnd)).trim();
  // Do not leave two blank lines, a blank line before a closing brace, or one opening the file, where the lines were.
  if (cutStart > 0) {
    const previousStart = lineStartOf(text, cutStart - 1);
    const previousBlank = text.slice(previousStart, cutStart - 1).trim() === '';
    if (previousBlank && (nextLine === '' || /^[}\])]/.test(nextLine))) cutStart = previousStart;
  } else if (nextLine === '' && cutEnd < text.length) {
    cutEnd = Math.min(text.length, lineEndOf(text, cutEnd) + 1);
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
