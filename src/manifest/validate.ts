import type { ValidateFunction } from 'ajv';
import { isIsoDate } from '../dates.js';
import { describeSchemaErrors, describeValue, type JsonPath } from '../schema-errors.js';
import type { Locate } from '../text-positions.js';
import { validate as validateManifestGenerated } from './manifest-validator.generated.js';
import type { FlagType } from './schema.js';
import type { ManifestFlag, ManifestProblem } from './types.js';

/** Finds where a path (`['flags', 'x', 'owner']`) is written; `key` asks for the key rather than its value. */
export type { Locate };

// MANIFEST_SCHEMA, compiled ahead of time (scripts/write-schemas.ts).
const validateSchema = validateManifestGenerated as ValidateFunction;
function schemaErrors(data: unknown): NonNullable<ValidateFunction['errors']> {
  return validateSchema(data) ? [] : (validateSchema.errors ?? []);
}

const DATE_FIELDS = ['createdAt', 'expiresAt', 'lastEvaluated'] as const;

function problemAt(locate: Locate | undefined, path: JsonPath, key: boolean, message: string): ManifestProblem {
  const flag = path[0] === 'flags' && typeof path[1] === 'string' ? path[1] : undefined;
  // A top-level problem (`flags` missing, an unknown `version:`) names the top-level field.
  const field =
    flag !== undefined ? (typeof path[2] === 'string' ? path[2] : undefined) : typeof path[0] === 'string' ? path[0] : undefined;
  const problem: ManifestProblem = { message };
  if (flag !== undefined) problem.flag = flag;
  if (field !== undefined) problem.field = field;
  const position = locate?.(path, key) ?? (path.length > 2 ? locate?.(path.slice(0, 2), true) : undefined);
  if (position !== undefined) {
    problem.line = position.line;
    problem.column = position.column;
  }
  return problem;
}

/** Characters no flag SDK takes in a key: control characters, invisible formatting, line separators. */
const FORBIDDEN_KEY_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * What is wrong with a flag key that code could never evaluate: a key with a newline or a
 * zero-width space pasted in, or blank at either end, matches no key the code writes.
 */
export function flagKeyProblem(key: string): string | undefined {
  if (key.trim() === '') return 'is an empty flag key';
  const forbidden = FORBIDDEN_KEY_CHARACTER.exec(key);
  if (forbidden !== null) {
    const code = `U+${forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return `the key contains the invisible or control character ${code} at position ${forbidden.index + 1}: no flag SDK accepts it; retype the key`;
  }
  if (key.trim() !== key) return 'the key starts or ends with a space: no flag SDK accepts it; remove the space';
  return undefined;
}

function flagType(data: unknown, path: JsonPath): string {
  return String((data as { flags?: Record<string, { type?: unknown }> }).flags?.[String(path[1])]?.type ?? '');
}

function article(word: string): string {
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

function withEmptyFlagsAsMaps(data: Record<string, unknown>): Record<string, unknown> {
  const entries = data.flags;
  if (entries === null || typeof entries !== 'object' || Array.isArray(entries) || !Object.values(entries).includes(null)) return data;
  return { ...data, flags: Object.fromEntries(Object.entries(entries).map(([key, flag]) => [key, flag ?? {}])) };
}

/**
 * Validates parsed manifest data: the schema (types, ranges, required fields per type, unknown
 * fields), then what a schema cannot say (real calendar dates, expiry after creation). Returns the
 * flags that are valid and every problem, each naming its flag and field.
 */
export function validateManifest(written: unknown, locate?: Locate): { flags: Map<string, ManifestFlag>; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  const flags = new Map<string, ManifestFlag>();
  if (written === null || written === undefined) {
    problems.push({ message: 'the manifest is empty; expected a top-level "flags:" map', line: 1, column: 1 });
    return { flags, problems };
  }
  if (typeof written !== 'object' || Array.isArray(written)) {
    // Not even a mapping: maybe not a manifest at all (a config can name any file), so its content is not quoted.
    problems.push({ message: `must be a mapping with a top-level "flags:" map, got ${describeValue(written, true)}`, line: 1, column: 1 });
    return { flags, problems };
  }
  // A flag written with nothing under its key (`checkout:`, or only `# TODO` lines, as an import
  // writes a flag its source says nothing about) is a flag with no fields: each required one is named.
  const data = withEmptyFlagsAsMaps(written as Record<string, unknown>);
  const invalidFlags = new Set<string>();
  const errors = schemaErrors(data);
  if (errors.length > 0) {
    for (const schemaProblem of describeSchemaErrors(errors, data)) {
      const { path } = schemaProblem;
      let message = schemaProblem.message;
      // A missing field is reported at its flag; its path ends at the flag.
      const missing = /^missing required field "(.+)"$/.exec(message);
      const fieldPath = missing ? [...path, missing[1]!] : path;
      if (missing) message = missing[1] === 'expiresAt' ? `is required for ${article(flagType(data, path))} flag` : 'is required';
      else if (message.startsWith('unknown field')) message = message.replace(/^unknown field/, 'is not a known field');
      const problem = problemAt(locate, fieldPath, missing !== undefined || message.startsWith('is not a known'), message);
      if (missing) {
        const flagPosition = locate?.(path, true);
        if (flagPosition) Object.assign(problem, flagPosition);
      }
      problems.push(problem);
      if (problem.flag !== undefined) invalidFlags.add(problem.flag);
    }
  }
  const entries = (data as { flags?: unknown }).flags;
  if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) return { flags, problems };
  for (const [key, raw] of Object.entries(entries as Record<string, Record<string, unknown>>)) {
    const keyProblem = flagKeyProblem(key);
    if (keyProblem !== undefined) {
      problems.push(problemAt(locate, ['flags', key], true, keyProblem));
      invalidFlags.add(key);
    }
    if (raw === null || typeof raw !== 'object') continue;
    for (const field of DATE_FIELDS) {
      const value = raw[field];
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !isIsoDate(value)) {
        problems.push(problemAt(locate, ['flags', key, field], false, `is not a real calendar date: ${value}`));
        invalidFlags.add(key);
      }
    }
    if (
      typeof raw.createdAt === 'string' &&
      typeof raw.expiresAt === 'string' &&
      isIsoDate(raw.createdAt) &&
      isIsoDate(raw.expiresAt) &&
      raw.expiresAt < raw.createdAt
    ) {
      problems.push(problemAt(locate, ['flags', key, 'expiresAt'], false, `is before createdAt (${raw.createdAt})`));
      invalidFlags.add(key);
    }
    if (invalidFlags.has(key)) continue;
    flags.set(key, { ...(raw as unknown as Omit<ManifestFlag, 'key'>), key, type: raw.type as FlagType } as ManifestFlag);
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { flags, problems };
}
