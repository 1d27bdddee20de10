import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VALIDATOR_FILES, validatorText } from '../../scripts/write-schemas.js';
import { REPO_ROOT } from '../helpers/run-bin.js';

/*
 * The settings and manifest validators are ajv's code for the schemas, compiled ahead of time so a
 * run loads no ajv (issue 19). A schema edited without `npm run schemas` fails here.
 */
describe('the ahead-of-time validators', () => {
  it.each(Object.entries(VALIDATOR_FILES))('%s is what ajv compiles from the schema today', (path, { schema, options }) => {
    expect(readFileSync(join(REPO_ROOT, path), 'utf8')).toBe(validatorText(schema, options));
  });
});
