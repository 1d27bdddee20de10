import { scanProject, type ScanResult } from '../scanner/scan.js';
import type { CliIo } from './command.js';
import { reportCacheWarnings } from './cache-warnings.js';
import { scanOptionsFrom } from './common-options.js';
import { progressReporter } from './progress.js';
import { collectorPace } from './collector-pace.js';

/** A scan as every scanning command runs it: the shared options, a progress bar, the cache's warnings on stderr. */
export async function scanWithProgress(
  io: CliIo,
  options: Parameters<typeof scanOptionsFrom>[0] & { 'no-progress'?: boolean },
  paths: string[],
  workers: number | undefined,
): Promise<ScanResult> {
  const progress = progressReporter(io, options['no-progress'] !== true);
  const pace = collectorPace();
  const result = await scanProject({
    cwd: io.cwd,
    env: io.env,
    paths,
    onProgress: (update) => {
      progress.update(update);
      pace(update);
    },
    ...scanOptionsFrom(options),
    ...(workers === undefined ? {} : { workers }),
  });
  progress.done();
  reportCacheWarnings(io, result.cacheWarnings);
  return result;
}
