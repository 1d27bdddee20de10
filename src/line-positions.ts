/* Line and column of many offsets in one text: the line starts once, then a binary search per offset. */

/**
 * Where each line of a text starts (offsets), for many lookups in one text: `breaks` says what ends a
 * line (a `\n` by default; TypeScript also counts `\r`, `\r\n`, U+2028 and U+2029).
 */
export function lineStarts(text: string, breaks: RegExp = /\n/g): number[] {
  const starts = [0];
  for (const lineBreak of text.matchAll(breaks)) starts.push(lineBreak.index + lineBreak[0].length);
  return starts;
}

/** The line (1-based) of an offset among `lineStarts`, and how far into that line it is (0-based). */
export function lineAndOffset(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low]! };
}

/** Line (1-based) and column (0-based) of offsets in a text, counted as TypeScript counts them (CR LF is one break). */
export function typeScriptLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = lineStarts(text, /\r\n?|[\n\u2028\u2029]/g);
  return (offset) => lineAndOffset(starts, offset);
}
