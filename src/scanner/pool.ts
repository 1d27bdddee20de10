import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompiledAccessor } from '../config/patterns.js';
import type { AccessorIndex } from '../detect/match.js';
import { processFile, type FileOutcome, type FileTask } from './process-file.js';
import type { WorkerReply, WorkerTask } from './worker.js';

const BATCH_SIZE = 64;

/** The worker script exists as JavaScript only in the build; from sources (tests) work stays in-thread. */
function workerScript(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return fileURLToPath(url).endsWith('.js') && import.meta.url.endsWith('.js') ? url : undefined;
}

/** How many worker threads to use by default: one per core (the main thread mostly waits meanwhile). */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/**
 * A worker keeps nothing between files, so a modest heap suffices; capping it makes the collector
 * run before the heap balloons, which keeps a 50,000-file scan's memory flat.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 192 };

/**
 * Processes files, in worker threads when allowed and a built worker script exists, else in this
 * thread. Outcomes come back in the order of the tasks whichever thread did them, and a file's
 * outcome does not depend on the thread: it is a pure function of the file and the settings.
 */
export async function processAll(
  tasks: readonly FileTask[],
  options: { accessors: readonly CompiledAccessor[]; index: AccessorIndex; workers: number; onDone?: () => void },
): Promise<FileOutcome[]> {
  const script = workerScript();
  const workerCount = script === undefined ? 0 : Math.min(options.workers, Math.ceil(tasks.length / BATCH_SIZE));
  if (workerCount === 0) {
    return tasks.map((task) => {
      const outcome = processFile(task, options.index);
      options.onDone?.();
      return outcome;
    });
  }
  const outcomes: FileOutcome[] = new Array(tasks.length);
  const workers = Array.from(
    { length: workerCount },
    () => new Worker(script!, { workerData: { accessors: options.accessors }, resourceLimits: WORKER_LIMITS }),
  );
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolvePromise, reject) => {
            const send = () => {
              if (next >= tasks.length) {
                resolvePromise();
                return;
              }
              const start = next;
              next = Math.min(tasks.length, next + BATCH_SIZE);
              worker.postMessage({ id: start, tasks: tasks.slice(start, next) } satisfies WorkerTask);
            };
            worker.on('message', (reply: WorkerReply) => {
              reply.outcomes.forEach((outcome, offset) => {
                outcomes[reply.id + offset] = outcome;
                options.onDone?.();
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
  return outcomes;
}
