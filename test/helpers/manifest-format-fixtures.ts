import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ManifestFormat } from '../../src/config/schema.js';
import { readManifestText } from '../../src/manifest/index.js';

/** Fixtures written after each tool's own documentation, schema and examples. */
export const FIXTURES = fileURLToPath(new URL('../manifest/formats/fixtures/', import.meta.url));

/** Joins lines, so positions in a test are easy to count: line n is the n-th string. */
export const lines = (...text: string[]) => `${text.join('\n')}\n`;

export function read(text: string, format: ManifestFormat = 'auto', path = 'flags.json') {
  return readManifestText(text, path, format);
}

export function readFixture(name: string, format: ManifestFormat = 'auto') {
  const result = read(readFileSync(`${FIXTURES}${name}`, 'utf8'), format, name);
  if (result.manifest === undefined || result.problems.length > 0) {
    throw new Error(`fixture ${name} should be valid: ${JSON.stringify(result.problems)}`);
  }
  return result.manifest;
}

/** The problems of a text, as { flag, field, line, column, message } objects. */
export function problemsOf(text: string, format: ManifestFormat = 'auto') {
  return read(text, format).problems;
}
