import { readRegularFile } from '../bounded-read.js';

/** Files larger than this are not source a person wrote (bundles, generated data). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** A line of code longer than this means minified code. */
export const MAX_LINE_LENGTH = 5000;

/**
 * Minified code ends a statement or opens a block every few dozen characters; a long line that is
 * one string (an SVG path drawn in a component, a data URI) has next to none of these.
 */
const CODE_PUNCTUATION_PER_CHARACTER = 1 / 100;

export type SourceText =
  | { kind: 'text'; text: string; bytes: Buffer }
  /**
   * `unreadable`: the file could not be read at all, which may pass; the other reasons are its
   * content's. `text`: the text of a minified file (its imports still count, see processFile).
   */
  | { kind: 'skipped'; reason: string; unreadable?: true; text?: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Whether the line from `start` to `end` holds `;`, `{` and `}` as densely as code does. */
function denseWithCode(text: string, start: number, end: number): boolean {
  const needed = (end - start) * CODE_PUNCTUATION_PER_CHARACTER;
  let found = 0;
  for (let position = start; position < end; position++) {
    const code = text.charCodeAt(position);
    if ((code === 0x3b || code === 0x7b || code === 0x7d) && ++found >= needed) return true;
  }
  return false;
}

/** A line of code longer than MAX_LINE_LENGTH (not one long string). */
function hasMinifiedLine(text: string): boolean {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const lineEnd = end < 0 ? text.length : end;
    if (lineEnd - start > MAX_LINE_LENGTH && denseWithCode(text, start, lineEnd)) return true;
    if (end < 0) return false;
    start = end + 1;
  }
}

/**
 * Binary data is full of control bytes; source text has next to none. One NUL byte (pasted into a
 * template literal, or a test of NUL handling) proves nothing, as git's "a NUL in the first 8,000
 * bytes" heuristic shows on such files: the file is then left to the parser, which takes or refuses
 * it with a position. Binary means more control bytes than one in a hundred (and more than one).
 */
export function looksBinary(bytes: Buffer): boolean {
  if (!bytes.includes(0)) return false;
  const allowed = Math.max(1, Math.floor(bytes.length / 100));
  let controls = 0;
  for (const byte of bytes) {
    // Tab, line feed, vertical tab, form feed, carriage return and escape occur in text.
    if ((byte < 0x20 && (byte < 0x09 || byte > 0x0d) && byte !== 0x1b) || byte === 0x7f) {
      controls += 1;
      if (controls > allowed) return true;
    }
  }
  return false;
}

function tooLarge(bytes: number | undefined): SourceText {
  const size = bytes === undefined ? '' : ` (${(bytes / 1048576).toFixed(1)} MB)`;
  return { kind: 'skipped', reason: `is larger than 2 MB${size}: generated or bundled code is not scanned` };
}

/**
 * Reads a source file, or says why it is skipped: unreadable, not a regular file, binary (NUL and
 * other control bytes, more than one in a hundred), not UTF-8, larger than 2 MB, or minified (a line
 * of code over 5,000 characters, with a `;`, `{` or `}` every hundred at least). None of these
 * stops a scan. Every source file the detector reads, scanned or imported, comes through here;
 * the size is checked before reading, so a file over the limit (or a device) is never read.
 */
export function readSourceText(file: string): SourceText {
  const read = readRegularFile(file, MAX_FILE_BYTES);
  if ('problem' in read) {
    const { code } = read.problem;
    if (code === 'not-a-file') return { kind: 'skipped', reason: 'is not a regular file' };
    if (code === 'too-large') return tooLarge(read.problem.size);
    return { kind: 'skipped', reason: `cannot be read (${code})`, unreadable: true };
  }
  const { bytes } = read;
  if (looksBinary(bytes)) return { kind: 'skipped', reason: 'is binary (contains NUL bytes)' };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { kind: 'skipped', reason: 'is not valid UTF-8' };
  }
  if (text.length > MAX_LINE_LENGTH && hasMinifiedLine(text)) {
    return { kind: 'skipped', reason: `looks minified (a line longer than ${MAX_LINE_LENGTH} characters)`, text };
  }
  return { kind: 'text', text: text.replace(/^\uFEFF/, ''), bytes };
}
