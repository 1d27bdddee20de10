import { DIFF_FAIL_CODES, DIFF_FORMATS, type DiffFailCode } from '../../diff/codes.js';
import { defineCommand, ExitCode, parseChoiceOption, parseIntegerOption, UsageError, writeOutput } from '../command.js';
import { CACHE_OPTIONS, COMMON_OPTIONS, PROGRESS_OPTIONS, scanOptionsFrom, WORKERS_OPTIONS } from '../common-options.js';
import { progressReporter } from '../progress.js';

function parseFailOn(value: string | undefined): DiffFailCode[] {
  if (value === undefined || value.trim() === 'none') return [];
  const codes = value
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
  for (const code of codes) {
    if (!(DIFF_FAIL_CODES as readonly string[]).includes(code)) {
      throw new UsageError(`diff: --fail-on: unknown code '${code}'; use none or a comma-separated list of ${DIFF_FAIL_CODES.join(', ')}`);
    }
  }
  return codes as DiffFailCode[];
}

export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'what the working tree does to the flags since a git ref (for a pull-request comment)',
  synopsis: '<base-ref>',
  description: [
    'Scans the working tree and the base commit (read from git objects, without a checkout, with the same',
    'settings) and lists the flags introduced (declared? owner? expiry?), the flags whose last reference is',
    'gone (their manifest entry can go), new references to flags ready for removal, new nestings of two',
    'flags and new dynamic keys. Exits 1 when a category named by --fail-on has entries (default none).',
  ].join('\n'),
  options: {
    ...COMMON_OPTIONS,
    format: { type: 'string', valueName: DIFF_FORMATS.join('|'), description: 'Output format (default text).' },
    'fail-on': {
      type: 'string',
      valueName: 'list',
      description: `Comma-separated categories that fail the build, or none (default none). Codes: ${DIFF_FAIL_CODES.join(', ')}.`,
    },
    output: { type: 'string', valueName: 'file', description: 'Write the diff to a file instead of stdout.' },
    ...CACHE_OPTIONS,
    ...WORKERS_OPTIONS,
    ...PROGRESS_OPTIONS,
  },
  positionals: { min: 1, max: 1 },
  async run({ options, positionals }, io) {
    const format = parseChoiceOption('diff', 'format', options.format, DIFF_FORMATS) ?? 'text';
    const failOn = parseFailOn(options['fail-on']);
    const workers = parseIntegerOption('diff', 'workers', options.workers, { min: 0, max: 64 });
    const progress = progressReporter(io, options['no-progress'] !== true);
    // Imported here, not at the top: --help and usage errors load none of this (issue 19).
    const [{ diffAgainstBase, failingCategories, formatDiff }, { terminalSafe }] = await Promise.all([
      import('../../diff/index.js'),
      import('../../report/text-safe.js'),
    ]);
    const { diff, warnings } = await diffAgainstBase({
      ref: positionals[0]!,
      cwd: io.cwd,
      env: io.env,
      onProgress: progress.update,
      ...scanOptionsFrom(options),
      ...(workers === undefined ? {} : { workers }),
    });
    progress.done();
    for (const warning of warnings) io.stderr(`flag-hygiene: warning: ${terminalSafe(warning)}\n`);
    writeOutput(io, options.output, formatDiff(diff, format));
    return failingCategories(diff, failOn).length > 0 ? ExitCode.findings : ExitCode.clean;
  },
});
