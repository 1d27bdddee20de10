import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readRegularText, READ_LIMITS } from '../bounded-read.js';
import { UserError } from '../errors.js';
import { lazyLocator, type Locate } from '../text-positions.js';

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
    throw new UserError({ file: path, message: read.problem.code === 'ENOENT' ? 'config file not found' : `the config file ${read.problem.message}` });
  }
  const source = read.text.replace(/^\uFEFF/, '');
  try {
    return { data: JSON.parse(source), locate: lazyLocator(source) };
  } catch (error) {
    throw new UserError({ file: path, ...jsonErrorPosition(source, error), message: `not valid JSON: ${jsonErrorMessage(error)}` });
  }
}

function jsonErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
}

/** V8 reports "at position N" (and newer versions line/column); turn it into a line and column. */
function jsonErrorPosition(text: string, error: unknown): { line?: number; column?: number } {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  if (!position) return {};
  const offset = Number(position[1]);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
