import { Ajv } from 'ajv';
import { UserError } from '../errors.js';
import { jsonSyntaxError } from '../json-syntax.js';
import { describeSchemaErrors, formatJsonPath } from '../schema-errors.js';
import { lazyLocator, positionAtOffset } from '../text-positions.js';
import type { Inventory } from './inventory.js';

/*
 * `report --inventory` reads files a scan wrote earlier, maybe on another machine, maybe damaged
 * or not an inventory at all. Everything the report reads is checked first, so a bad file is one
 * clear error with its position, never a crash halfway through the report.
 */

const TEXT = { type: 'string' } as const;
const FLAG = { type: 'boolean' } as const;
/** Lines, columns and counts stay exact numbers (no 1e300, no Infinity). */
const POSITION = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } as const;
const COUNT = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const LOCATION = {
  type: 'object',
  required: ['file', 'line', 'column'],
  properties: { file: TEXT, line: POSITION, column: POSITION },
} as const;
const FLAG_LOCATION = {
  type: 'object',
  required: ['key', 'file', 'line', 'column'],
  properties: { key: TEXT, file: TEXT, line: POSITION, column: POSITION },
} as const;
const list = (items: object) => ({ type: 'array', items }) as const;

const INVENTORY_SCHEMA = {
  type: 'object',
  required: ['version', 'references', 'nestings'],
  properties: {
    version: { type: 'integer', enum: [1] },
    tool: TEXT,
    shard: { type: 'string', pattern: '^\\d+/\\d+$' },
    paths: list(TEXT),
    references: list({
      type: 'object',
      required: ['key', 'file', 'line', 'column', 'test', 'dynamic', 'via', 'role', 'endLine', 'endColumn'],
      properties: {
        key: TEXT,
        file: TEXT,
        line: POSITION,
        column: POSITION,
        test: FLAG,
        dynamic: FLAG,
        via: TEXT,
        role: { type: 'string', enum: ['evaluate', 'override'] },
        state: { type: 'string', enum: ['on', 'off', 'unknown'] },
        indirect: FLAG,
        endLine: POSITION,
        endColumn: POSITION,
        writtenKey: TEXT,
      },
    }),
    nestings: list({
      type: 'object',
      required: ['outer', 'inner', 'through'],
      properties: { outer: FLAG_LOCATION, inner: FLAG_LOCATION, through: list(TEXT), call: LOCATION },
    }),
    problems: list({
      type: 'object',
      required: ['code', 'kind', 'key', 'file', 'line', 'column'],
      properties: {
        code: { type: 'string', enum: ['missing-fallback'] },
        kind: { type: 'string', enum: ['value-without-off-path', 'unchecked-lookup', 'missing-else'] },
        ...FLAG_LOCATION.properties,
      },
    }),
    warnings: list({
      type: 'object',
      required: ['file', 'message'],
      properties: { file: TEXT, line: POSITION, column: POSITION, message: TEXT },
    }),
    skipped: list({
      type: 'object',
      required: ['file', 'reason'],
      properties: { file: TEXT, reason: TEXT, folder: { type: 'boolean', enum: [true] } },
    }),
    stats: { type: 'object', required: ['files', 'analysed', 'skipped'], properties: { files: COUNT, analysed: COUNT, skipped: COUNT } },
  },
} as const;

let validateInventory: ReturnType<Ajv['compile']> | undefined;

const NOT_AN_INVENTORY = 'not an inventory written by `flag-hygiene scan --format json`';

/** Where the text stops being JSON and what was expected there; JSON.parse's own message quotes the text. */
function syntaxError(file: string, text: string): UserError {
  const error = jsonSyntaxError(text) ?? { offset: 0, message: 'not valid JSON' };
  return new UserError({ file, ...positionAtOffset(text, error.offset), message: `not a JSON inventory: ${error.message}` });
}

/** An inventory file's text as an Inventory, or a UserError naming `file` and where in it the problem is. */
export function parseInventoryText(text: string, file: string): Inventory {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '')
    throw new UserError({ file, message: `the file is empty; expected an inventory written by \`flag-hygiene scan --format json\`` });
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    throw syntaxError(file, source);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('version' in data))
    throw new UserError({ file, message: NOT_AN_INVENTORY });
  if (data.version !== 1) {
    const version = typeof data.version === 'number' ? String(data.version) : JSON.stringify(data.version);
    throw new UserError({
      file,
      message: `inventory version ${version.slice(0, 20)} is not one this flag-hygiene reads (version 1): scan again with this version`,
    });
  }
  validateInventory ??= new Ajv({ allErrors: false, strict: true }).compile(INVENTORY_SCHEMA);
  if (!validateInventory(data)) {
    const [problem] = describeSchemaErrors(validateInventory.errors ?? [], data);
    const path = problem?.path ?? [];
    const position = lazyLocator(source)(path, problem?.atKey === true);
    const what = path.length === 0 ? `${NOT_AN_INVENTORY}:` : formatJsonPath(path);
    throw new UserError({ file, ...position, message: `${what} ${problem?.message ?? 'is not valid'}` });
  }
  return {
    problems: [],
    warnings: [],
    skipped: [],
    stats: { files: 0, analysed: 0, skipped: 0 },
    ...(data as Partial<Inventory>),
  } as Inventory;
}
