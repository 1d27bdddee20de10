/**
 * Values from the scanned repository (keys, owners, descriptions, file names) may hold anything,
 * including terminal escape sequences. Control characters are shown as \u escapes, never sent.
 */
export function terminalSafe(value: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, escapeCharacter);
}

/**
 * Several lines of source text (a diff of the codebase): as terminalSafe, but line breaks, tabs and
 * the carriage return of a CRLF line end stay, since they only lay the text out.
 */
export function terminalSafeLines(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g, escapeCharacter);
}

function escapeCharacter(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
