/**
 * Values from the scanned repository (keys, owners, descriptions, file names) may hold anything,
 * including terminal escape sequences. Control characters are shown as \u escapes, never sent; so
 * are the bidirectional formatting characters (ALM, LRM, RLM, the embeddings and overrides
 * U+202A-U+202E, the isolates U+2066-U+2069), which reorder how the text around them reads: a file
 * name or key could look like another one ("Trojan Source").
 */
export function terminalSafe(value: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, escapeCharacter);
}

/**
 * Several lines of source text (a diff of the codebase): as terminalSafe, but line breaks, tabs and
 * the carriage return of a CRLF line end stay, since they only lay the text out.
 */
export function terminalSafeLines(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, escapeCharacter);
}

/**
 * A value as indented JSON text, one line break at the end. JSON.stringify escapes the C0 controls
 * but writes DEL and the C1 controls (U+0080-U+009F, among them the one-byte CSI, U+009B) as they
 * are, and some terminals act on them; so with the bidirectional formatting characters. In the
 * text they can only sit inside strings, where a \u escape means the same character to any JSON reader.
 */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, escapeCharacter)}\n`;
}

function escapeCharacter(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
