import { describe, expect, it } from 'vitest';
import { jsonText, terminalSafe, terminalSafeLines } from '../src/report/text-safe.js';
import { quoteExcerpt } from '../src/schema-errors.js';
import { escapeUnsafeCharacters, hasUnsafeCharacter } from '../src/unsafe-characters.js';

/*
 * One set of characters is shown as `\u` escapes wherever text from a user's files is written: the
 * terminal reports, the JSON report, a manifest error's quote, an imported manifest. Before, four
 * escapers each had their own set, so a bidirectional override in a flag key was escaped in the
 * text report and sent as it is in a manifest error.
 */

describe('escapeUnsafeCharacters', () => {
  it('escapes C0 and C1 controls, DEL, the line separators, bidirectional formatting, U+FEFF and noncharacters', () => {
    const cases: [string, string][] = [
      ['\u0000', '\\u0000'],
      ['\u0007', '\\u0007'],
      ['\t', '\\u0009'],
      ['\n', '\\u000a'],
      ['\r', '\\u000d'],
      ['\u001b[31m', '\\u001b[31m'],
      ['\u007f', '\\u007f'],
      ['\u0085', '\\u0085'],
      ['\u009b', '\\u009b'],
      ['\u2028', '\\u2028'],
      ['\u2029', '\\u2029'],
      ['\u061c', '\\u061c'],
      ['\u200e', '\\u200e'],
      ['\u200f', '\\u200f'],
      ['\u202a', '\\u202a'],
      ['\u202e', '\\u202e'],
      ['\u2066', '\\u2066'],
      ['\u2069', '\\u2069'],
      ['\ufeff', '\\ufeff'],
      ['\ufffe', '\\ufffe'],
      ['\uffff', '\\uffff'],
    ];
    for (const [character, escaped] of cases) expect(escapeUnsafeCharacters(`a${character}b`)).toBe(`a${escaped}b`);
  });

  it('escapes a lone surrogate, and leaves a pair (an emoji), accents and other scripts as they are', () => {
    expect(escapeUnsafeCharacters('x\ud800y')).toBe('x\\ud800y');
    expect(escapeUnsafeCharacters('x\udc00y')).toBe('x\\udc00y');
    expect(escapeUnsafeCharacters('flag_🚀_é_日本_مرحبا')).toBe('flag_🚀_é_日本_مرحبا');
    expect(escapeUnsafeCharacters('\u200b\u00a0')).toBe('\u200b\u00a0');
  });

  it('keepLayout leaves tabs, line feeds and the CR of a CRLF, and escapes a lone CR and every other control', () => {
    expect(escapeUnsafeCharacters('a\tb\r\nc\rd\ne\u000bf\u001b\u202e', { keepLayout: true })).toBe(
      'a\tb\r\nc\\u000dd\ne\\u000bf\\u001b\\u202e',
    );
  });

  it('hasUnsafeCharacter answers the same question, every time (no state kept between calls)', () => {
    expect(hasUnsafeCharacter('plain-key')).toBe(false);
    expect(hasUnsafeCharacter('a\u2066b')).toBe(true);
    expect(hasUnsafeCharacter('a\u2066b')).toBe(true);
    expect(hasUnsafeCharacter('\ud83d\ude80')).toBe(false);
    expect(hasUnsafeCharacter('\ud83d')).toBe(true);
  });
});

describe('every writer uses the one set', () => {
  it('terminal text escapes U+FEFF and lone surrogates, as the YAML writer always did', () => {
    expect(terminalSafe('\ufeffcheckout\ud800')).toBe('\\ufeffcheckout\\ud800');
    expect(terminalSafeLines('\ufeff- old\n+ new\r\n')).toBe('\\ufeff- old\n+ new\r\n');
  });

  it('a quote in a manifest error escapes bidirectional formatting characters, as the text report does', () => {
    expect(quoteExcerpt('admin\u202e\u2066txt.exe')).toBe('"admin\\u202e\\u2066txt.exe"');
    expect(quoteExcerpt('line\nbreak\u0085')).toBe('"line\\nbreak\\u0085"');
  });

  it('JSON text keeps its indentation and escapes what JSON.stringify lets through', () => {
    expect(jsonText({ key: '\u202e\u0085\ufeff', list: ['\t'] })).toBe(
      '{\n  "key": "\\u202e\\u0085\\ufeff",\n  "list": [\n    "\\t"\n  ]\n}\n',
    );
  });
});
