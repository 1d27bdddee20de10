import type { ErrorObject } from 'ajv';
import { closestMatch } from './closest-match.js';
import { escapeUnsafeCharacters } from './unsafe-characters.js';

/** A path into a JSON value, as ajv's instancePath split into segments. */
export type JsonPath = readonly (string | number)[];

export interface SchemaProblem {
  path: JsonPath;
  /** Says what is wrong and what is expected, without the path. */
  message: string;
  /** The problem is the key itself (an unknown field), not its value. */
  atKey?: boolean;
}

/** A JSON pointer into `data` as segments: an index into a list is a number, a key (even `"123"`) a string. */
function segmentsOf(instancePath: string, data: unknown): (string | number)[] {
  if (instancePath === '') return [];
  const segments: (string | number)[] = [];
  let value = data;
  for (const written of instancePath.slice(1).split('/')) {
    const segment = written.replaceAll('~1', '/').replaceAll('~0', '~');
    segments.push(Array.isArray(value) && /^\d+$/.test(segment) ? Number(segment) : segment);
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return segments;
}

/** `flags.new_checkout.owner`, `accessors[2]`: how a path reads in a message. */
export function formatJsonPath(path: JsonPath): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : /^[A-Za-z_$][\w$-]*$/.test(segment)
          ? `${index === 0 ? '' : '.'}${segment}`
          : `[${JSON.stringify(segment)}]`,
    )
    .join('');
}

/** The most characters of a string from a user's file that a message quotes. */
export const EXCERPT_LENGTH = 40;

/**
 * A string from a user's file as a message quotes it: JSON-escaped (C1 controls, line separators
 * and bidirectional formatting characters too, which JSON.stringify lets through), its first
 * EXCERPT_LENGTH characters only.
 */
export function quoteExcerpt(text: string): string {
  const characters = [...text];
  const excerpt = characters.length > EXCERPT_LENGTH ? `${characters.slice(0, EXCERPT_LENGTH).join('')}…` : text;
  return escapeUnsafeCharacters(JSON.stringify(excerpt));
}

/**
 * Describes a value in a message: `the string "25"`, `number 101`, `an object`. `whole`: the value
 * is the whole document, which then is not the expected mapping: it may be any file at all (a
 * config can point at a credentials file), so only its kind is said, never its content.
 */
export function describeValue(value: unknown, whole = false): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (whole)
    return typeof value === 'string'
      ? 'a string'
      : typeof value === 'number'
        ? 'a number'
        : typeof value === 'boolean'
          ? 'true or false'
          : typeof value;
  if (typeof value === 'string') return `the string ${quoteExcerpt(value)}`;
  return `${typeof value} ${String(value)}`;
}

function typeName(value: unknown, path: JsonPath): string {
  return describeValue(value, path.length === 0);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function valueAt(root: unknown, path: JsonPath): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/**
 * Turns ajv's errors into one plain sentence per problem. `anyOf` failures keep only the branch
 * that fits the value's type, so a list of alternatives does not bury the real mistake.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[], data: unknown): SchemaProblem[] {
  const anyOfPaths = new Set(errors.filter((error) => error.keyword === 'anyOf').map((error) => error.instancePath));
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const path = segmentsOf(error.instancePath, data);
    const value = valueAt(data, path);
    // `if`/`then` failures repeat the failure inside `then`, which is reported on its own.
    if (error.keyword === 'anyOf' || error.keyword === 'if') continue;
    if (anyOfPaths.has(error.instancePath) && error.keyword === 'type') continue;
    const message = describeOne(error, value, path);
    const fullPath =
      error.keyword === 'additionalProperties' ? [...path, (error.params as { additionalProperty: string }).additionalProperty] : path;
    const id = `${formatJsonPath(fullPath)}\u0000${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(error.keyword === 'additionalProperties' ? { path: fullPath, message, atKey: true } : { path: fullPath, message });
  }
  for (const path of anyOfPaths) {
    if (!problems.some((problem) => formatJsonPath(problem.path).startsWith(formatJsonPath(segmentsOf(path, data))))) {
      const segments = segmentsOf(path, data);
      problems.push({
        path: segments,
        message: `is ${typeName(valueAt(data, segments), segments)}; expected a pattern string or an object with a pattern`,
      });
    }
  }
  return problems;
}

function describeOne(error: ErrorObject, value: unknown, path: JsonPath): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = closestMatch(field, known);
      return `unknown field${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
    }
    case 'required':
      return `missing required field "${String(params.missingProperty)}"`;
    case 'type':
      return `must be ${TYPE_WORDS[String(params.type)] ?? String(params.type)}, got ${typeName(value, path)}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${typeName(value, path)}`;
    case 'minimum':
      return `must be at least ${String(params.limit)}, got ${typeName(value, path)}`;
    case 'maximum':
      return `must be at most ${String(params.limit)}, got ${typeName(value, path)}`;
    case 'minLength':
      return 'must not be empty';
    case 'uniqueItems':
      return `lists the same value twice (items ${String(params.j)} and ${String(params.i)})`;
    case 'pattern':
      return String(params.pattern).includes('\\d{4}-\\d{2}-\\d{2}')
        ? `must be a date written YYYY-MM-DD, got ${typeName(value, path)}`
        : `must match ${String(params.pattern)}, got ${typeName(value, path)}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}
