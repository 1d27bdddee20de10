import { generateVectors, vectorsToCsv } from '../../evaluator/index.js';
import { ExitCode, type CliIo } from '../command.js';

export async function runVectors(
  { users, seed, format }: { users: number | undefined; seed: number | undefined; format: 'json' | 'csv' },
  io: CliIo,
): Promise<ExitCode> {
  const rows = generateVectors({ users, seed });
  io.stdout(format === 'csv' ? vectorsToCsv(rows) : JSON.stringify({ vectors: rows }, null, 2) + '\n');
  return ExitCode.clean;
}
