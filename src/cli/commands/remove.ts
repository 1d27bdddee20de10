import { defineCommand, parseChoiceOption, parseIntegerOption, type OptionSpecs } from '../command.js';
import { CACHE_OPTIONS, COMMON_OPTIONS, PROGRESS_OPTIONS, WORKERS_OPTIONS } from '../common-options.js';

export const REMOVE_OPTIONS = {
  keep: { type: 'string', valueName: 'on|off', description: "The path to keep (default: the path the manifest's state implies)." },
  'dry-run': { type: 'boolean', description: 'Print the diff; change nothing.' },
  'no-verify': { type: 'boolean', description: 'Do not type-check the touched files before and after (for huge repositories).' },
  'no-formatter': {
    type: 'boolean',
    description: "Do not run the project's formatter (Prettier, Biome or dprint) over the touched files.",
  },
  format: { type: 'string', valueName: 'text|json', description: 'Output format of the summary (default text).' },
  ...COMMON_OPTIONS,
  ...CACHE_OPTIONS,
  ...WORKERS_OPTIONS,
  // The removal's scan draws no progress bar; accepted so one set of options fits every command.
  ...PROGRESS_OPTIONS,
} as const satisfies OptionSpecs;

export const removeCommand = defineCommand({
  name: 'remove',
  summary: 'delete a flag from the code, the tests and the manifest',
  synopsis: '<key>',
  description: [
    'Removes a flag for good: every evaluation becomes the kept constant and the code is simplified until no',
    'trace of the flag remains (ifs, early returns, ternaries, &&/||/??, decision variables, JSX, fixed-key',
    'wrappers, imports left unused). Test overrides go, test cases that only tested the removed state are',
    "deleted (and listed), and the manifest entry is removed. --keep defaults to the policy's path to keep.",
    "The touched files are type-checked before and after (the project's tsconfig); the summary lists any",
    'diagnostic the removal would add. A rewrite that would not parse is never written.',
    'When the project has Prettier, Biome or dprint configured and installed, its own copy formats the touched',
    'files (those it would not have changed before the removal); the summary says which one ran.',
    'With --dry-run, prints a unified diff and changes nothing.',
  ].join('\n'),
  options: REMOVE_OPTIONS,
  positionals: { min: 1, max: 1 },
  async run(input, io) {
    const keep = parseChoiceOption('remove', 'keep', input.options.keep, ['on', 'off'] as const);
    const workers = parseIntegerOption('remove', 'workers', input.options.workers, { min: 0, max: 64 });
    const format = parseChoiceOption('remove', 'format', input.options.format, ['text', 'json'] as const) ?? 'text';
    const { runRemove } = await import('./remove-run.js');
    return runRemove(input, { keep, workers, format }, io);
  },
});
