import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
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
 * scan's memory flat. The young generation holds a file's tree while it is analysed: at 8 MB the
 * trees of bigger files outlived it and were promoted, and a worker spent a sixth of its time
 * collecting (10,000 generated files). A worker that still runs out (or fails in any other way)
 * costs nothing but time: its files are done in this thread.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16, stackSizeMb: WORKER_STACK_MB };

/**
 * The longest text a worker parses; a longer one that needs a parse is parsed in this thread,
 * whose heap is not capped. A tree takes some 200-300 bytes of heap per character of dense code:
 * a 450 KB module of flag checks ran a worker out of its heap, which cost the time the worker had
 * spent on it, the file done again here, and that worker for the rest of the scan.
 */
const WORKER_PARSE_LIMIT = 256 * 1024;

/** What the threads need, asked for when the first file is done: a scan that reads no file compiles no pattern. */
export interface PoolOptions {
  accessors: () => readonly CompiledAccessor[];
  index: () => AccessorIndex;
  specifiers: SpecifierScope;
  /** Worker threads; with `explicit` false, only once a round has files enough to pay for them. */
  workers: number;
  explicit: boolean;
  /** The worker script (default: the build's worker.js); tests give one that fails. */
  script?: URL;
}

/**
 * Processes files, in worker threads when allowed and a built worker script exists, else in this
 * thread. Outcomes come back in the order of the tasks whichever thread did them, and a file's
 * outcome does not depend on the thread: it is a pure function of the file and the settings.
 *
 * One pool serves every round of a scan (the first pass, the parse of what it matched, widening,
 * callers) until it is closed: the threads that one round started do the later ones too, so a big
 * codebase starts its threads and loads the parser in them once.
 */
export class FilePool {
  private readonly script: URL | undefined;
  private analysis: Parameters<typeof processTask>[1] | undefined;
  /** The threads, once a round started them (none when none did, or every one failed). */
  private workers: Worker[] = [];
  private started = false;

  constructor(private readonly options: PoolOptions) {
    this.script = options.script ?? workerScript();
  }

  /** The threads still serving (a failed one is left out of later rounds). */
  get threads(): number {
    return this.workers.length;
  }

  async process(tasks: readonly FileTask[], onDone?: () => void): Promise<TaskOutcome[]> {
    const outcomes: (TaskOutcome | undefined)[] = new Array(tasks.length);
    const inThread = (start: number, end: number) => {
      for (let position = start; position < end; position++) {
        this.analysis ??= { index: this.options.index(), inProject: specifierTest(this.options.specifiers) };
        outcomes[position] = processTask(tasks[position]!, this.analysis);
        onDone?.();
      }
    };
    const workers = await this.workersFor(tasks);
    if (workers.length === 0) {
      inThread(0, tasks.length);
      return outcomes as TaskOutcome[];
    }
    let next = 0;
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolvePromise) => {
            let batch: { start: number; end: number } | undefined;
            const finish = () => {
              worker.off('message', onMessage);
              worker.off('error', onError);
              worker.off('exit', onError);
              worker.unref();
              resolvePromise();
            };
            const send = () => {
              if (next >= tasks.length) {
                batch = undefined;
                finish();
                return;
              }
              batch = { start: next, end: Math.min(tasks.length, next + BATCH_SIZE) };
              next = batch.end;
              worker.postMessage({ id: batch.start, tasks: tasks.slice(batch.start, batch.end) } satisfies WorkerTask);
            };
            const onMessage = (reply: WorkerReply) => {
              reply.outcomes.forEach((outcome, offset) => {
                // A text too long for the thread's heap is left to this thread (below).
                if (outcome.kind === 'matched' && tasks[reply.id + offset]!.prefilterOnly !== true) return;
                outcomes[reply.id + offset] = outcome;
                onDone?.();
              });
              send();
            };
            // The batch it was on is done here and the other workers take the rest of the queue
            // (the pool's own listeners leave this one out of later rounds). A thread that ends
            // without an error (it exited) ends its part of the round the same way, or the round
            // would wait for it forever.
            const onError = () => {
              if (batch !== undefined) inThread(batch.start, batch.end);
              batch = undefined;
              finish();
            };
            worker.ref();
            worker.on('message', onMessage);
            worker.on('error', onError);
            worker.on('exit', onError);
            send();
          }),
      ),
    );
    // Left over: texts too long for a thread, and everything when every worker failed.
    for (let position = 0; position < tasks.length; position++) if (outcomes[position] === undefined) inThread(position, position + 1);
    return outcomes as TaskOutcome[];
  }

  /**
   * Ends the threads and their heaps: a scan calls it once its reading is done (a later round big
   * enough for threads starts new ones), and when it is done, whatever happened.
   */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    this.started = false;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  /** The threads to do `tasks` with: those already started, else new ones when the round pays for them. */
  private async workersFor(tasks: readonly FileTask[]): Promise<Worker[]> {
    if (this.started || this.script === undefined || tasks.length === 0) return this.workers;
    const minFiles = tasks.every((task) => task.prefilterOnly === true) ? MIN_FILES_FOR_PREFILTER_WORKERS : MIN_FILES_FOR_WORKERS;
    if (!this.options.explicit && tasks.length < minFiles) return this.workers;
    const count = Math.min(this.options.workers, Math.ceil(tasks.length / BATCH_SIZE));
    if (count === 0) return this.workers;
    this.started = true;
    // Imported when threads start: most runs (a pre-commit hook, a warm report) use none.
    const { Worker } = await import('node:worker_threads');
    const script = this.script;
    this.workers = Array.from({ length: count }, () => {
      const worker = new Worker(script, {
        workerData: {
          accessors: this.options.accessors(),
          root: this.options.index().root,
          specifiers: this.options.specifiers,
          pinnedTypeScript: isTypeScriptPinned(),
          parseUpTo: WORKER_PARSE_LIMIT,
        },
        resourceLimits: WORKER_LIMITS,
      });
      // Between rounds a thread waits for work without holding the process open. One that fails,
      // in a round or between rounds, is left out of the rounds after.
      worker.unref();
      const leave = () => (this.workers = this.workers.filter((other) => other !== worker));
      worker.on('error', leave);
      worker.on('exit', leave);
      return worker;
    });
    return this.workers;
  }
}
