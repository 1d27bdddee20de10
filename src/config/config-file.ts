import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readRegularText, READ_LIMITS } from '../bounded-read.js';
import { UserError } from '../errors.js';
import { jsonSyntaxError } from '../json-syntax.js';
import { lazyLocator, positionAtOffset, type Locate } from '../text-positions.js';

export const CONFIG_FILE_NAME = 'flag-hygiene.config.json';

/** The nearest flag-hygiene.config.json from `start` upwards, or undefined. */
export function findConfigFile(start: string): string | undefined {
  let directory = resolve(start);
  for (;;) {
    const candidate = join(directory, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** A config file's data, and where each setting is written in it (for messages). */
export interface ConfigFileContent {
  data: unknown;
  locate: Locate;
}

/** Reads a config file as data (never as code); bad JSON is a UserError with its position. */
export function readConfigFile(path: string): ConfigFileContent {
  const read = readRegularText(path, READ_LIMITS.config);
  if ('problem' in read) {
    throw new UserError({
      file: path,
      message: read.problem.code === 'ENOENT' ? 'config file not found' : `the config file ${read.problem.message}`,
    });
  }
  const source = read.text.replace(/^\uFEFF/, '');
  try {
    return { data: JSON.parse(source), locate: lazyLocator(source) };
  } catch {
    // JSON.parse's message quotes the text, which may be any file's (a link to a credentials file).
    const error = jsonSyntaxError(source) ?? { offset: 0, message: 'not valid JSON' };
    throw new UserError({ file: path, ...positionAtOffset(source, error.offset), message: `not valid JSON: ${error.message}` });
  }
}
