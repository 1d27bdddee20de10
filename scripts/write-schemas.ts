import { writeFileSync } from 'node:fs';
import { SETTINGS_SCHEMA } from '../src/config/schema.js';
import { MANIFEST_SCHEMA } from '../src/manifest/schema.js';

/** Writes the JSON Schemas editors use; a test checks the committed files match the code. */
export const SCHEMA_FILES = {
  'schema/flag-manifest.schema.json': MANIFEST_SCHEMA,
  'schema/flag-hygiene.config.schema.json': SETTINGS_SCHEMA,
} as const;

export function schemaText(schema: object): string {
  return JSON.stringify(schema, null, 2) + '\n';
}

if (process.argv[1]?.endsWith('write-schemas.js')) {
  const root = new URL('../../', import.meta.url);
  for (const [path, schema] of Object.entries(SCHEMA_FILES)) writeFileSync(new URL(path, root), schemaText(schema));
}
