import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ScanProgress } from '../scanner/scan.js';

/*
 * After the parse, a scan's own thread works through every file again (which files import a
 * wrapper, then each file's resolved facts), turning a few hundred megabytes of short-lived
 * objects over in seconds at 50,000 files, synchronously. V8 answers such a burst by growing the
 * heap rather than collecting, so the peak grew with the codebase though little of it was live
 * (at 50,000 generated files: 700 MB peak with some 120 MB live). The library leaves the host's V8
 * alone; the CLI owns its process, so it collects at a steady pace through a big scan's progress.
 *
 * Node exposes `gc` only with --expose-gc; turning the flag on for a moment and taking `gc` from a
 * fresh context is the usual way to get it at run time (Jest's --logHeapUsage does the same).
 */

/** Scans smaller than this never collect: their heap stays small anyway. */
const MIN_FILES = 10_000;
/** A full collection costs about 100 ms at 50,000 files; this many files of work between two. */
const EVERY = 2_500;

function collector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  try {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    setFlagsFromString('--no-expose-gc');
    return collect;
  } catch {
    return () => {};
  }
}

/** A progress listener that collects every EVERY files of a big scan, and between its phases. */
export function collectorPace(): (progress: ScanProgress) => void {
  let collect: (() => void) | undefined;
  let phase = '';
  return ({ phase: current, done, total }) => {
    if (total < MIN_FILES) return;
    collect ??= collector();
    if (current !== phase) {
      phase = current;
      collect();
    } else if (done % EVERY === 0) collect();
  };
}
