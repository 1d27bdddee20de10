import { escapeUnsafeCharacters } from '../unsafe-characters.js';

/**
 * Values from the scanned repository (keys, owners, descriptions, file names) may hold anything,
 * including terminal escape sequences: control and bidirectional formatting characters are shown as
 * \u escapes, never sent (see unsafe-characters.ts).
 */
export function terminalSafe(value: string): string {
  return escapeUnsafeCharacters(value);
}

/**
 * Several lines of source text (a diff of the codebase): as terminalSafe, but line breaks, tabs and
 * the carriage return of a CRLF line end stay, since they only lay the text out.
 */
export function terminalSafeLines(text: string): string {
  return escapeUnsafeCharacters(text, { keepLayout: true });
}

/**
 * A value as indented JSON text, one line break at the end. JSON.stringify escapes the C0 controls
 * but writes DEL and the C1 controls (U+0080-U+009F, among them the one-byte CSI, U+009B) as they
 * are, and some terminals act on them; so with the bidirectional formatting characters. In the
 * text they can only sit inside strings, where a \u escape means the same character to any JSON reader.
 */
export function jsonText(value: unknown): string {
  return `${escapeUnsafeCharacters(JSON.stringify(value, null, 2), { keepLayout: true })}\n`;
}
