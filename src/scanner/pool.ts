import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompiledAccessor } from '../config/patterns.js';
import type { AccessorIndex } from '../detect/match.js';
import { analyzeSource, type AnalysisResult } from './analyze-source.js';
import type { WorkerReply, WorkerTask } from './worker.js';

export interface AnalysisJob {
  file: string;
  text: string;
  test: boolean;
}

const BATCH_SIZE = 32;

/** The worker script exists as JavaScript only in the build; from sources (tests) work stays in-thread. */
function workerScript(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return fileURLToPath(url).endsWith('.js') && import.meta.url.endsWith('.js') ? url : undefined;
}

/** How many worker threads to use by default: the cores but one, for the thread that reads files. */
export function defaultWorkerCount(): number {
  return Math.max(0, Math.min(8, availableParallelism() - 1));
}

/**
 * Analyses files, in worker threads when there are several and a built worker script, else in
 * this thread. The results are in the order of the jobs whatever thread did them, and a file's
 * facts do not depend on the thread: analysis is a pure function of text and settings.
 */
export async function analyzeAll(
  jobs: readonly AnalysisJob[],
  options: { accessors: readonly CompiledAccessor[]; index: AccessorIndex; workers: number; onResult?: () => void },
): Promise<AnalysisResult[]> {
  const script = workerScript();
  const workerCount = script === undefined ? 0 : Math.min(options.workers, Math.ceil(jobs.length / BATCH_SIZE));
  if (workerCount <= 1) {
    return jobs.map((job) => {
      const result = analyzeSource(job.file, job.text, options.index, job.test);
      options.onResult?.();
      return result;
    });
  }
  const results: AnalysisResult[] = new Array(jobs.length);
  const workers = Array.from({ length: workerCount }, () => new Worker(script!, { workerData: { accessors: options.accessors } }));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolvePromise, reject) => {
            const send = () => {
              if (next >= jobs.length) {
                resolvePromise();
                return;
              }
              const start = next;
              next = Math.min(jobs.length, next + BATCH_SIZE);
              worker.postMessage({ id: start, files: jobs.slice(start, next) } satisfies WorkerTask);
            };
            worker.on('message', (reply: WorkerReply) => {
              reply.results.forEach((result, offset) => {
                results[reply.id + offset] = result;
                options.onResult?.();
              });
              send();
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
