/**
 * Values from the scanned repository (keys, owners, descriptions, file names) may hold anything,
 * including terminal escape sequences. Control characters are shown as \u escapes, never sent.
 */
export function terminalSafe(value: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
