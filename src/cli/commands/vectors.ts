import { defineCommand, parseChoiceOption, parseIntegerOption } from '../command.js';

export const vectorsCommand = defineCommand({
  name: 'vectors',
  summary: 'consistency vectors of the reference evaluator',
  synopsis: '',
  description: [
    'Prints rows of { flag, unitId, bucket, enabled } computed by the reference evaluator: kill switch,',
    'then enabled, then segments, then bucket = murmur3_x86_32(UTF-8 "<flag>:<unitId>", seed 0) % 100 + 1,',
    'on when bucket <= rolloutPercentage. A service in any language that evaluates the same rows and',
    'gets the same answers buckets users exactly as this tool and Unleash do.',
  ].join('\n'),
  options: {
    users: { type: 'string', valueName: 'N', description: 'Unit ids per flag (default 20).' },
    seed: { type: 'string', valueName: 'S', description: 'Seed of the unit-id generator (default 1).' },
    format: { type: 'string', valueName: 'json|csv', description: 'Output format (default json).' },
  },
  positionals: { min: 0, max: 0 },
  async run({ options }, io) {
    const users = parseIntegerOption('vectors', 'users', options.users, { min: 1, max: 100_000 });
    const seed = parseIntegerOption('vectors', 'seed', options.seed, { min: 0, max: 2 ** 32 - 1 });
    const format = parseChoiceOption('vectors', 'format', options.format, ['json', 'csv'] as const) ?? 'json';
    const { runVectors } = await import('./vectors-run.js');
    return runVectors({ users, seed, format }, io);
  },
});
