import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/*
 * After the parse, the scanner's own thread works through every file again (which modules import
 * a wrapper, then each file's resolved facts), turning a few hundred megabytes of short-lived
 * objects over in seconds at 50,000 files. V8 answers such a burst by growing the heap rather than
 * collecting, so the process's peak memory grew with the codebase though little of it was live.
 * Collecting at a steady pace in those loops keeps the peak near what is live, for about a
 * hundred milliseconds per collection. Small scans never collect: their heap stays small anyway.
 *
 * Node exposes `gc` only with --expose-gc; turning the flag on for a moment and taking `gc` from a
 * fresh context is the usual way to get it at run time (Jest's --logHeapUsage does the same).
 */

let collect: (() => void) | undefined;

function collector(): () => void {
  if (collect !== undefined) return collect;
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return (collect = existing);
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
    setFlagsFromString('--no-expose-gc');
  } catch {
    collect = () => {};
  }
  return collect;
}

/** A full collection every `every` units of work, once the work is big enough to need one. */
export class SteadyCollector {
  private count = 0;

  constructor(
    private readonly every: number,
    private readonly enabled: boolean,
  ) {}

  /** `units` of work done. */
  tick(units = 1): void {
    if (!this.enabled) return;
    this.count += units;
    if (this.count >= this.every) {
      this.count -= this.every;
      collector()();
    }
  }

  /** Between phases: what the last phase dropped goes before the next allocates. */
  now(): void {
    if (this.enabled) collector()();
  }
}
