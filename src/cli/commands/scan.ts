import { defineCommand, parseChoiceOption, parseIntegerOption, type OptionSpecs } from '../command.js';
import { COMMON_OPTIONS, SCAN_OPTIONS } from '../common-options.js';

export const SCAN_COMMAND_OPTIONS = {
  ...COMMON_OPTIONS,
  format: { type: 'string', valueName: 'text|json', description: 'Output format (default text).' },
  output: { type: 'string', valueName: 'file', description: 'Write the output to a file instead of stdout.' },
  ...SCAN_OPTIONS,
} as const satisfies OptionSpecs;

export const scanCommand = defineCommand({
  name: 'scan',
  summary: 'inventory of flag references',
  synopsis: '[paths…]',
  description: [
    'Finds every flag reference in the codebase (or in the given files and folders): through constants,',
    'enums, imports, path aliases and wrapper functions, with nesting across functions and files and the',
    'states tests force. Prints text, or the inventory as JSON (--format json) for `report --inventory`.',
  ].join('\n'),
  options: SCAN_COMMAND_OPTIONS,
  positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  async run(input, io) {
    // Values are checked before the scanner loads: a usage error costs no more than --help.
    const format = parseChoiceOption('scan', 'format', input.options.format, ['text', 'json'] as const) ?? 'text';
    const workers = parseIntegerOption('scan', 'workers', input.options.workers, { min: 0, max: 64 });
    const { runScan } = await import('./scan-run.js');
    return runScan(input, { format, workers }, io);
  },
});
