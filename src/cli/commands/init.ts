import { FLAG_TYPES } from '../../manifest/schema.js';
import { defineCommand, parseChoiceOption, parseIntegerOption } from '../command.js';
import { PROGRESS_OPTIONS, WORKERS_OPTIONS } from '../common-options.js';

export const initCommand = defineCommand({
  name: 'init',
  summary: 'set up flag-hygiene on an existing codebase: config, manifest skeleton, ESLint config',
  synopsis: '',
  description: [
    'Run in the project root. Chooses presets from the feature-flag SDKs among the dependencies of',
    'package.json and its workspaces, scans with them, and prints the references per pattern, the wrapper',
    'functions it inferred and the calls that look like flag reads but match no pattern. Writes',
    'flag-hygiene.config.json and a manifest skeleton (flags.yaml) with every key the code references:',
    'createdAt from git history, the type only with --type, and "# TODO" lines for what it cannot know.',
    'Existing files are merged into (fields and flags added, nothing changed or removed); a flagd,',
    'Unleash or OpenFeature file given with --from-manifest is left as it is. Prints the ESLint config.',
  ].join('\n'),
  options: {
    type: {
      type: 'string',
      valueName: FLAG_TYPES.join('|'),
      description: 'Write this type for every new flag (default: a "# TODO type" line).',
    },
    'from-manifest': {
      type: 'string',
      valueName: 'file',
      description: 'An existing manifest (ours, flagd, Unleash, OpenFeature) for the config to point at.',
    },
    'dry-run': { type: 'boolean', description: 'Print what would be written; write nothing.' },
    ...WORKERS_OPTIONS,
    ...PROGRESS_OPTIONS,
  },
  positionals: { min: 0, max: 0 },
  async run({ options }, io) {
    const type = parseChoiceOption('init', 'type', options.type, FLAG_TYPES);
    const workers = parseIntegerOption('init', 'workers', options.workers, { min: 0, max: 64 });
    const { runInit } = await import('./init-run.js');
    return runInit(
      {
        ...(type === undefined ? {} : { type }),
        ...(options['from-manifest'] === undefined ? {} : { fromManifest: options['from-manifest'] }),
        ...(workers === undefined ? {} : { workers }),
        dryRun: options['dry-run'] === true,
      },
      io,
    );
  },
});
