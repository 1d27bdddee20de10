import { resolve } from 'node:path';
import { defineCommand, parseChoiceOption, UsageError } from '../command.js';

const SOURCES = ['openfeature', 'flagd', 'unleash'] as const;

export const manifestCommand = defineCommand({
  name: 'manifest',
  summary: 'import flag definitions from OpenFeature, flagd or Unleash',
  synopsis: 'import --from openfeature|flagd|unleash <file>',
  description: [
    'import: reads an OpenFeature CLI flag manifest, a flagd flag definition file or an Unleash feature',
    'export and writes it as a flag-hygiene YAML manifest (stdout, or --output), for teams that want the',
    'lifecycle metadata in their repository. What the source says is carried over; a required field it',
    'lacks (type, owner, createdAt, expiresAt) is a commented "# TODO" line to fill in, never invented, so',
    'the result validates once those are filled in. A malformed source is reported like a manifest error.',
  ].join('\n'),
  options: {
    from: { type: 'string', valueName: SOURCES.join('|'), description: 'The format of the file to import (required).' },
    output: { type: 'string', valueName: 'file', description: 'Write the manifest to a file instead of stdout.' },
  },
  positionals: { min: 1, max: 2 },
  async run({ options, positionals }, io) {
    const [subcommand, file] = positionals;
    if (subcommand !== 'import') {
      throw new UsageError(
        `manifest: unknown subcommand '${subcommand}'; use: flag-hygiene manifest import --from ${SOURCES.join('|')} <file>`,
      );
    }
    const from = parseChoiceOption('manifest import', 'from', options.from, SOURCES);
    if (from === undefined) throw new UsageError(`manifest import: --from is required: one of ${SOURCES.join(', ')}`);
    if (file === undefined) throw new UsageError('manifest import: missing argument: the file to import');
    const { importManifest } = await import('./manifest-run.js');
    return importManifest({ path: resolve(io.cwd, file), from, output: options.output }, io);
  },
});
