import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';

/**
 * Exit statuses of the contracts: clean, findings named by `--fail-on`, and user errors; and, for a
 * run that stopped on SIGINT or SIGTERM after undoing its work, 128 + the signal's number, as a
 * shell reports a process the signal ended.
 */
export const ExitCode = { clean: 0, findings: 1, error: 2, interrupted: 130, terminated: 143 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Everything a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether stdout is a terminal (colour, progress). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

const WRITE_FAILURES: Record<string, string> = {
  EISDIR: 'it is a folder',
  ENOTDIR: 'a folder on its path is a file',
  ENOSPC: 'no space left on the device',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
};

/** A command's output: to stdout, or to the `--output` file (relative to the working directory; folders made as needed). */
export function writeOutput(io: CliIo, output: string | undefined, text: string): void {
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  const path = resolve(io.cwd, output);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const reason = WRITE_FAILURES[code];
    throw new UserError({ file: output, message: `cannot write the output: ${reason === undefined ? code : `${reason} (${code})`}` });
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Shown in `--help` as `--name <valueName>`. */
  valueName?: string;
  description: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : O[K]['multiple'] extends true ? string[] : string;
};

/** What a command's implementation receives once its arguments have been checked against its options. */
export interface CommandInput<O extends OptionSpecs = OptionSpecs> {
  options: OptionValues<O>;
  positionals: string[];
}

/**
 * A command as help and argument parsing see it. `run` imports the implementation when the command
 * runs, so `--version`, `--help` and a usage error load none of what commands use.
 */
export interface Command<O extends OptionSpecs = OptionSpecs> {
  name: string;
  summary: string;
  /** The synopsis after `flag-hygiene <name>`, e.g. `[paths…]`. */
  synopsis: string;
  /** A paragraph or two for `--help`. */
  description: string;
  options: O;
  positionals: { min: number; max: number };
  run(input: CommandInput<O>, io: CliIo): Promise<ExitCode>;
}

/** What a command's `run` receives once its arguments have been checked against its options. */
export interface ParsedCommandArgs {
  help: boolean;
  options: Record<string, unknown>;
  positionals: string[];
}

/** Erases a command's option types so commands can sit in one table. */
export function defineCommand<O extends OptionSpecs>(command: Command<O>): Command {
  return command as unknown as Command;
}

export class UsageError extends UserError {
  constructor(message: string) {
    super({ message });
    this.name = 'UsageError';
  }
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help.' };

/** Parses a command's arguments strictly: an unknown option or a missing value is a usage error. */
export function parseCommandArgs(command: Command, args: readonly string[]): ParsedCommandArgs {
  const config: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const [name, spec] of Object.entries({ ...command.options, help: HELP_OPTION })) {
    config[name] = { type: spec.type };
    if (spec.multiple) config[name].multiple = true;
    if (spec.short !== undefined) config[name].short = spec.short;
  }
  const usage = (problem: string) => new UsageError(`${command.name}: ${problem} (see 'flag-hygiene ${command.name} --help')`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: joinDashValues(args, config), options: config, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage(describeParseError(error, config));
  }
  const { help, ...options } = parsed.values;
  // `--config=` is as much a missing value as `--config` at the end.
  for (const [name, value] of Object.entries(options)) {
    if (value === '' || (Array.isArray(value) && value.includes(''))) throw usage(`option '--${name}' needs a value`);
  }
  if (help === true) return { help: true, options, positionals: parsed.positionals };
  const count = parsed.positionals.length;
  if (count < command.positionals.min) throw usage(`missing argument: ${command.synopsis}`);
  if (count > command.positionals.max) throw usage(`unexpected argument '${parsed.positionals[command.positionals.max]}'`);
  return { help: false, options, positionals: parsed.positionals };
}

/**
 * `--shard -1/2`: parseArgs takes a value that starts with a dash for a forgotten value followed by
 * another option. One that cannot be an option (a digit, a dot or a slash after the dash) is the
 * option's value, as getopt would read it, so the value's own check can say what is wrong with it.
 */
function joinDashValues(args: readonly string[], options: Record<string, { type: 'string' | 'boolean'; short?: string }>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      for (const rest of args.slice(i)) joined.push(rest);
      break;
    }
    const name = arg.startsWith('--')
      ? arg.slice(2)
      : /^-\w$/.test(arg)
        ? Object.keys(options).find((option) => options[option]!.short === arg.slice(1))
        : undefined;
    const value = args[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && value !== undefined && /^-[^-A-Za-z]/.test(value)) {
      joined.push(`--${name}=${value}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** Node's parseArgs messages are good but long; keep the first sentence and drop the hint it adds. */
function describeParseError(error: unknown, options: Record<string, { short?: string }>): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option '${unknown[1]}'`;
  // "argument missing": the option ends the line; "argument is ambiguous": another option follows
  // it (`--config --no-progress`). Either way its value was forgotten.
  const missing = /^Option '(?:-\w, )?(-{1,2}[^' ]+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(message);
  if (missing?.[1] !== undefined) return `option '${longOptionName(missing[1], options)}' needs a value`;
  const firstSentence = message.split(/\.\s/)[0] ?? message;
  return firstSentence.replace(/\.$/, '').replace(/^\w/, (c) => c.toLowerCase());
}

/** `-c` as the `--config` it stands for. */
function longOptionName(flag: string, options: Record<string, { short?: string }>): string {
  if (flag.startsWith('--')) return flag;
  const name = Object.entries(options).find(([, spec]) => spec.short === flag.slice(1))?.[0];
  return name === undefined ? flag : `--${name}`;
}

export function formatCommandHelp(command: Command): string {
  const rows = Object.entries({ ...command.options, help: HELP_OPTION }).map(([name, spec]) => {
    const flag = `${spec.short === undefined ? '    ' : `-${spec.short}, `}--${name}`;
    const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>${spec.multiple ? '…' : ''}` : '';
    return [flag + value, spec.description] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
  return [
    `Usage: flag-hygiene ${command.name}${command.synopsis === '' ? '' : ` ${command.synopsis}`} [options]`,
    '',
    command.description,
    '',
    'Options:',
    ...lines,
    '',
  ].join('\n');
}

/** A whole number within bounds, or a usage error naming the option. */
export function parseIntegerOption(
  command: string,
  option: string,
  value: string | undefined,
  bounds: { min: number; max: number },
): number | undefined {
  if (value === undefined) return undefined;
  const number = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < bounds.min || number > bounds.max) {
    throw new UsageError(`${command}: --${option} must be a whole number from ${bounds.min} to ${bounds.max}, got '${value}'`);
  }
  return number;
}

/** One of a fixed set of words, or a usage error listing them. */
export function parseChoiceOption<T extends string>(
  command: string,
  option: string,
  value: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${command}: --${option} must be one of ${choices.join(', ')}, got '${value}'`);
}
