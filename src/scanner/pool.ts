import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { AccessorIndex, CompiledAccessor } from '../patterns/index.js';
import { specifierTest, type SpecifierScope } from '../detect/project-specifiers.js';
import { processTask, type FileTask, type TaskOutcome } from './process-file.js';
import type { WorkerReply, WorkerTask } from './worker.js';
import { isTypeScriptPinned } from '../pinned-typescript.js';

const BATCH_SIZE = 64;

/**
 * Unless a number of workers is asked for, fewer files than this are done in this thread: a worker
 * costs a fresh isolate that loads the parser again (some 100 MB and a few hundred ms), more than
 * a few hundred files gain from it.
 */
const MIN_FILES_FOR_WORKERS = 512;

/**
 * The same for files only read and prefiltered (`prefilterOnly`): some 50 µs a file in this thread,
 * against about 120 ms for a worker to start, so threads pay only from a few thousand files (on
 * unleash-server's 1,766 files two workers made the first pass slower, not faster).
 */
const MIN_FILES_FOR_PREFILTER_WORKERS = 5_000;

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
 * The main thread's stack, 8 MB, for a worker too (its default is 4): oxc parses on it, and
 * src/oxc-parser.ts keeps texts well within what 8 MB holds.
 */
const WORKER_STACK_MB = 8;

/**
 * A worker keeps nothing between files, so a small heap suffices (the largest file it may get is
 * 2 MB); capping it makes the collector run before the heap balloons, which keeps a 50,000-file
 * scan's memory flat. A worker that still runs out (or fails in any other way) costs nothing but
 * time: its files are done in this thread.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8, stackSizeMb: WORKER_STACK_MB };

/**
 * Processes files, in worker threads when allowed and a built worker script exists, else in this
 * thread. Outcomes come back in the order of the tasks whichever thread did them, and a file's
 * outcome does not depend on the thread: it is a pure function of the file and the settings.
 */
export async function processAll(
  tasks: readonly FileTask[],
  options: {
    accessors: readonly CompiledAccessor[];
    index: AccessorIndex;
    specifiers: SpecifierScope;
    /** Worker threads; with `explicit` false, only when there are files enough to pay for them. */
    workers: number;
    explicit: boolean;
    onDone?: () => void;
  },
): Promise<TaskOutcome[]> {
  const script = workerScript();
  const minFiles = tasks.every((task) => task.prefilterOnly === true) ? MIN_FILES_FOR_PREFILTER_WORKERS : MIN_FILES_FOR_WORKERS;
  const workerCount =
    script === undefined || (!options.explicit && tasks.length < minFiles)
      ? 0
      : Math.min(options.workers, Math.ceil(tasks.length / BATCH_SIZE));
  const outcomes: (TaskOutcome | undefined)[] = new Array(tasks.length);
  const analysis = { index: options.index, inProject: specifierTest(options.specifiers) };
  const inThread = (start: number, end: number) => {
    for (let position = start; position < end; position++) {
      outcomes[position] = processTask(tasks[position]!, analysis);
      options.onDone?.();
    }
  };
  if (workerCount === 0) {
    inThread(0, tasks.length);
    return outcomes as TaskOutcome[];
  }
  // Imported when threads start: most runs (a pre-commit hook, a warm report) use none.
  const { Worker } = await import('node:worker_threads');
  const workers = Array.from(
    { length: workerCount },
    () =>
      new Worker(script!, {
        workerData: {
          accessors: options.accessors,
          root: options.index.root,
          specifiers: options.specifiers,
          pinnedTypeScript: isTypeScriptPinned(),
        },
        resourceLimits: WORKER_LIMITS,
      }),
  );
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolvePromise) => {
            let batch: { start: number; end: number } | undefined;
            const send = () => {
              if (next >= tasks.length) {
                batch = undefined;
                resolvePromise();
                return;
              }
              batch = { start: next, end: Math.min(tasks.length, next + BATCH_SIZE) };
              next = batch.end;
              worker.postMessage({ id: batch.start, tasks: tasks.slice(batch.start, batch.end) } satisfies WorkerTask);
            };
            worker.on('message', (reply: WorkerReply) => {
              reply.outcomes.forEach((outcome, offset) => {
                outcomes[reply.id + offset] = outcome;
                options.onDone?.();
              });
              send();
            });
            // The batch it was on is done here; the other workers take the rest of the queue.
            worker.on('error', () => {
              if (batch !== undefined) inThread(batch.start, batch.end);
              batch = undefined;
              resolvePromise();
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  // Left over only when every worker failed.
  for (let position = 0; position < tasks.length; position++) if (outcomes[position] === undefined) inThread(position, position + 1);
  return outcomes as TaskOutcome[];
}
