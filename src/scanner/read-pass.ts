import type { FileResults, FileWork } from './file-results.js';
import { processAll } from './pool.js';
import type { ScanContext, ScanProgress } from './scan-context.js';

/**
 * Reads the files of `work` that the cache does not vouch for, in worker threads when there are
 * enough: each is decoded, skipped if it is not source, prefiltered, and parsed and analysed when
 * it can hold a reference (processFile, the per-file step). Every outcome, read or known, is taken
 * into `results`.
 */
async function runWork(work: readonly FileWork[], phase: ScanProgress['phase'], context: ScanContext, results: FileResults): Promise<void> {
  const toRead = work.filter((item) => item.known === undefined).map((item) => item.task);
  let done = 0;
  const read =
    toRead.length === 0
      ? []
      : await processAll(toRead, {
          accessors: context.settings.accessors,
          index: context.index(),
          specifiers: context.specifiers,
          workers: context.workers,
          explicit: context.explicitWorkers,
          onDone: () => context.onProgress?.({ phase, done: ++done, total: toRead.length }),
        });
  let next = 0;
  for (const item of work) results.take(item, item.known ?? read[next++]!, item.known !== undefined);
}

/** The first pass: every scanned file, read once (or known from the cache by its stamp). */
export async function readFiles(files: readonly string[], context: ScanContext, results: FileResults): Promise<void> {
  await runWork(
    files.map((file) => results.firstPassWork(file)),
    'reading',
    context,
    results,
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
      'analysing',
      context,
      results,
    );
}
