import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatInitReport } from '../../init/format-text.js';
import { planInit, type InitOptions } from '../../init/plan.js';
import { ExitCode, type CliIo } from '../command.js';

export async function runInit(request: Omit<InitOptions, 'root' | 'env'> & { dryRun: boolean }, io: CliIo): Promise<ExitCode> {
  const { dryRun, ...options } = request;
  const plan = await planInit({ root: io.cwd, env: io.env, ...options });
  if (!dryRun) {
    for (const write of plan.writes) {
      mkdirSync(dirname(write.absolutePath), { recursive: true });
      writeFileSync(write.absolutePath, write.text);
    }
  }
  io.stdout(formatInitReport(plan, dryRun));
  return ExitCode.clean;
}
