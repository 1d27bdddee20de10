/*
 * Text from a user's files (keys, owners, file names, a parser's quote of the manifest) may hold
 * anything. The characters below are shown as `\u` escapes wherever such text is written, never
 * sent as they are:
 * - the C0 and C1 control characters and DEL: a terminal acts on them (escape sequences, CSI U+009B);
 * - the line and paragraph separators U+2028/U+2029: line breaks to some readers (YAML, editors);
 * - the bidirectional formatting characters (ALM, LRM, RLM, the embeddings and overrides
 *   U+202A-U+202E, the isolates U+2066-U+2069): they reorder how the text around them reads, so a
 *   key or a file name could look like another one ("Trojan Source");
 * - U+FEFF, the noncharacters U+FFFE/U+FFFF and lone surrogates: invisible or not text at all, and
 *   refused by YAML.
 * Every `\u` escape here means the same character to a JSON, JavaScript or YAML double-quoted reader.
 */

/** Unsafe characters besides the C0 controls (a class body, for a RegExp). */
const UNSAFE_BEYOND_C0 = '\\u007f-\\u009f\\u2028\\u2029\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff\\ufffe\\uffff';
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const UNSAFE_SOURCE = `[\\u0000-\\u001f${UNSAFE_BEYOND_C0}]|${LONE_SURROGATE}`;

const UNSAFE_CHARACTER = new RegExp(UNSAFE_SOURCE);
const UNSAFE_CHARACTERS = new RegExp(UNSAFE_SOURCE, 'g');
/** As UNSAFE_CHARACTERS, but tab, line feed and the carriage return of a CRLF line end, which only lay text out, are left. */
const UNSAFE_BUT_LAYOUT = new RegExp(`\\r(?!\\n)|[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f${UNSAFE_BEYOND_C0}]|${LONE_SURROGATE}`, 'g');

function unicodeEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every unsafe character as a `\u` escape. `keepLayout`: for several lines of text (a
 * diff, indented JSON), where tabs and line breaks stay.
 */
export function escapeUnsafeCharacters(text: string, options: { keepLayout?: boolean } = {}): string {
  return text.replace(options.keepLayout === true ? UNSAFE_BUT_LAYOUT : UNSAFE_CHARACTERS, unicodeEscape);
}

/** Whether `text` holds an unsafe character (a line break among them). */
export function hasUnsafeCharacter(text: string): boolean {
  return UNSAFE_CHARACTER.test(text);
}
