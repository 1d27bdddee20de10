import type { FileResults, FileWork } from './file-results.js';
import type { FileOutcome, FileTask, TaskOutcome } from './process-file.js';
import type { ScanContext, ScanProgress } from './scan-context.js';

/** Does tasks, in the scan's worker threads when there are enough of them (FilePool), telling how far `phase` is. */
async function run(tasks: readonly FileTask[], phase: ScanProgress['phase'] | undefined, context: ScanContext): Promise<TaskOutcome[]> {
  if (tasks.length === 0) return [];
  let done = 0;
  return context.pool.process(
    tasks,
    phase === undefined ? undefined : () => context.onProgress?.({ phase, done: ++done, total: tasks.length }),
  );
}

/**
 * Reads the files of `work` that the cache does not vouch for: each is decoded, skipped if it is
 * not source, prefiltered, and parsed and analysed when it can hold a reference (processFile, the
 * per-file step). Every outcome, read or known, is taken into `results`.
 *
 * With `prefilterFirst`, in two rounds: every file is read and prefiltered, then the files that
 * need it are parsed. Threads start for a round only when it has files enough to pay for them (and
 * then serve the later rounds too: FilePool). On real code most files name no accessor, and a
 * thread that parses first loads the parser and warms it up: a few dozen files to parse are parsed
 * here, where the parser is loaded anyway (the accessor patterns are parsed with it), unless the
 * first round, thousands of files, started threads already.
 */
async function runWork(work: readonly FileWork[], context: ScanContext, results: FileResults, prefilterFirst: boolean): Promise<void> {
  const toRead = work.filter((item) => item.known === undefined).map((item) => item.task);
  const read = await run(
    prefilterFirst ? toRead.map((task) => ({ ...task, prefilterOnly: true })) : toRead,
    prefilterFirst ? 'reading' : 'analysing',
    context,
  );
  const parsed = await run(
    toRead.filter((_, position) => read[position]!.kind === 'matched'),
    'analysing',
    context,
  );
  let next = 0;
  let nextParsed = 0;
  for (const item of work) {
    if (item.known !== undefined) {
      results.take(item, item.known, true);
      continue;
    }
    const outcome = read[next++]!;
    // A task without `prefilterOnly` never stays `matched` (processTask).
    results.take(item, (outcome.kind === 'matched' ? parsed[nextParsed++]! : outcome) as FileOutcome, false);
  }
}

/** The first pass: every scanned file, read once (or known from the cache by its stamp). */
export async function readFiles(files: readonly string[], context: ScanContext, results: FileResults): Promise<void> {
  await runWork(
    files.map((file) => results.firstPassWork(file)),
    context,
    results,
    true,
  );
}

/** Files that name no accessor but import a wrapper: analysed after all (unless the graph already did, or the cache has them). */
export async function analyseWidened(widened: readonly string[], context: ScanContext, results: FileResults): Promise<void> {
  // Some were analysed already, as modules the graph looked into.
  for (const file of widened) if (results.has(file)) results.analysed.add(file);
  const pending = widened.filter((file) => !results.has(file));
  if (pending.length > 0)
    await runWork(
      pending.map((file) => results.widenedWork(file)),
      context,
      results,
      false,
    );
}

/**
 * Files the module graph will ask the facts of (factsOf), analysed together beforehand: in worker
 * threads when they are many, rather than one by one in this thread as the graph asks. The caller
 * tells how far it is (CallerSearch counts these files among others).
 */
export async function analyseForGraph(files: Iterable<string>, context: ScanContext, results: FileResults): Promise<void> {
  const tasks = [...files].flatMap((file) => results.graphTask(file) ?? []);
  const outcomes = await run(tasks, undefined, context);
  // A task with `force` is never left `matched` (processTask).
  tasks.forEach((task, position) => results.takeForGraph(task, outcomes[position] as FileOutcome));
}
