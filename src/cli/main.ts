import { isAbsolute, relative, sep } from 'node:path';
import { formatUserProblem, UserError, type UserProblem } from '../errors.js';
import { terminalSafe } from '../report/text-safe.js';
import { PACKAGE_VERSION } from '../version.js';
import { ExitCode, formatCommandHelp, parseCommandArgs, type CliIo, type Command } from './command.js';
import { checkManifestCommand } from './commands/check-manifest.js';
import { diffCommand } from './commands/diff.js';
import { initCommand } from './commands/init.js';
import { manifestCommand } from './commands/manifest.js';
import { removeCommand } from './commands/remove.js';
import { reportCommand } from './commands/report.js';
import { scanCommand } from './commands/scan.js';
import { vectorsCommand } from './commands/vectors.js';

/** Paths inside the working directory read better relative to it, as ESLint prints them. */
function relativeToCwd(problem: UserProblem, cwd: string): UserProblem {
  if (problem.file === undefined || !isAbsolute(problem.file)) return problem;
  const path = relative(cwd, problem.file);
  return path.startsWith('..') || isAbsolute(path) ? problem : { ...problem, file: path.split(sep).join('/') };
}

const COMMANDS: readonly Command[] = [
  initCommand,
  scanCommand,
  reportCommand,
  diffCommand,
  checkManifestCommand,
  manifestCommand,
  removeCommand,
  vectorsCommand,
];

function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;
  return [
    'Usage: flag-hygiene <command> [options]',
    '',
    'Feature-flag hygiene for TypeScript and JavaScript codebases.',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    'Options:',
    '  -h, --help     Show help (also after a command: flag-hygiene <command> --help).',
    '  -v, --version  Show the version.',
    '',
    'Exit status: 0 clean, 1 findings named by --fail-on, 2 usage, configuration or manifest error.',
    '',
  ].join('\n');
}

/**
 * Runs one invocation and returns its exit status. Only this layer writes: user errors become
 * one line each on stderr; anything else is a bug and says so.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    const [first, ...rest] = args;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      if (first === undefined) {
        io.stderr(toolHelp());
        return ExitCode.error;
      }
      io.stdout(toolHelp());
      return ExitCode.clean;
    }
    if (first === '--version' || first === '-v') {
      io.stdout(`${PACKAGE_VERSION}\n`);
      return ExitCode.clean;
    }
    const command = COMMANDS.find((candidate) => candidate.name === first);
    if (command === undefined) {
      const what = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
      io.stderr(`flag-hygiene: ${terminalSafe(what)} (see 'flag-hygiene --help')\n`);
      return ExitCode.error;
    }
    const parsed = parseCommandArgs(command, rest);
    if (parsed.help) {
      io.stdout(formatCommandHelp(command));
      return ExitCode.clean;
    }
    // parseArgs checked every value against the command's own option specs above.
    const options = parsed.options as Parameters<Command['run']>[0]['options'];
    return await command.run({ options, positionals: parsed.positionals }, io);
  } catch (error) {
    if (error instanceof UserError) {
      // Keys, file names and values in the messages come from the repository: one line each, no escapes sent.
      for (const problem of error.problems) io.stderr(`flag-hygiene: ${terminalSafe(formatUserProblem(relativeToCwd(problem, io.cwd)))}\n`);
      return ExitCode.error;
    }
    const detail = error instanceof Error ? (io.env.FLAG_HYGIENE_DEBUG ? error.stack : error.message) : String(error);
    const shown = (detail ?? '').split('\n').map(terminalSafe).join('\n');
    io.stderr(`flag-hygiene: internal error: ${shown}\nPlease report it; set FLAG_HYGIENE_DEBUG=1 for the stack.\n`);
    return ExitCode.error;
  }
}
