import { yamlPackage } from '../lazy-packages.js';
import { lineEndOf, lineStartOf } from './text-edits.js';

/**
 * The manifest without one flag's entry, every other byte as it was: the entry's lines (with the
 * comment lines directly above it) are cut from the text, so comments, order and formatting of
 * the rest survive. Works for YAML and JSON (for JSON, the comma is handled).
 */
export function removeManifestEntry(text: string, key: string): string | undefined {
  const { LineCounter, parseDocument, isMap, isPair, isScalar } = yamlPackage();
  const document = parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: false, keepSourceTokens: true });
  const flags = isMap(document.contents)
    ? document.contents.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === 'flags')
    : undefined;
  const map = flags && isPair(flags) && isMap(flags.value) ? flags.value : undefined;
  if (map === undefined) return undefined;
  const index = map.items.findIndex((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
  if (index < 0) return undefined;
  const pair = map.items[index]!;
  const keyNode = pair.key as { range?: [number, number, number] };
  const valueNode = pair.value as { range?: [number, number, number] } | null;
  const start = keyNode.range?.[0];
  const end = valueNode?.range?.[1] ?? keyNode.range?.[1];
  if (start === undefined || end === undefined) return undefined;

  if (map.flow && map.items.length === 1 && map.range != null) {
    // JSON / flow style, the last entry: `{}`.
    return `${text.slice(0, map.range[0])}{}${text.slice(map.range[1])}`;
  }
  if (map.flow) {
    // JSON / flow style: cut the entry and one comma next to it.
    const previous = map.items[index - 1];
    const next = map.items[index + 1];
    let cutStart = start;
    let cutEnd = end;
    if (next !== undefined) cutEnd = (next.key as { range: [number, number, number] }).range[0];
    else if (previous !== undefined)
      cutStart = ((previous.value as { range?: [number, number, number] } | null)?.range ??
        (previous.key as { range: [number, number, number] }).range)[1];
    let lineStart = lineStartOf(text, cutStart);
    if (next !== undefined && text.slice(lineStart, cutStart).trim() === '') cutStart = lineStart;
    if (next !== undefined) {
      lineStart = lineStartOf(text, cutEnd);
      if (text.slice(lineStart, cutEnd).trim() === '') cutEnd = lineStart;
    }
    return text.slice(0, cutStart) + text.slice(cutEnd);
  }

  // Block style: whole lines, from the comments above the key to the end of the value.
  let cutStart = lineStartOf(text, start);
  for (;;) {
    if (cutStart === 0) break;
    const previousStart = lineStartOf(text, cutStart - 1);
    const line = text.slice(previousStart, cutStart - 1);
    if (!/^\s*#/.test(line)) break;
    cutStart = previousStart;
  }
  let cutEnd = lineEndOf(text, Math.max(start, end - 1));
  cutEnd = cutEnd < text.length ? cutEnd + 1 : cutEnd;
  // Entries separated by blank lines: take the blank line before the entry, or else the one after.
  const previousStart = cutStart === 0 ? 0 : lineStartOf(text, cutStart - 1);
  const blankBefore = cutStart > 0 && text.slice(previousStart, cutStart - 1).trim() === '';
  const blankAfter = cutEnd < text.length && text.slice(cutEnd, lineEndOf(text, cutEnd)).trim() === '';
  if (blankBefore) cutStart = previousStart;
  else if (blankAfter) cutEnd = Math.min(text.length, lineEndOf(text, cutEnd) + 1);
  if (map.items.length > 1) return text.slice(0, cutStart) + text.slice(cutEnd);
  // The last entry: `flags:` alone would be null, which the manifest schema refuses.
  const flagsKey = (flags as { key: { range?: [number, number, number] } }).key.range;
  const colon = flagsKey === undefined ? -1 : text.indexOf(':', flagsKey[1]);
  if (colon < 0 || colon >= cutStart) return undefined;
  return `${text.slice(0, colon + 1)} {}${text.slice(colon + 1, cutStart)}${text.slice(cutEnd)}`;
}
