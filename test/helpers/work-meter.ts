import { Session } from 'node:inspector/promises';

/*
 * Work, counted rather than timed: V8's precise coverage counts how often each block of code ran.
 * The sum over the project's own code (src/ and rules/, not the parser) is a measure of the work
 * an analysis does that no machine load can disturb, so a test can hold a cost to linear growth
 * exactly, where a timing would be flaky. Speed itself is the benchmark's business (bench/).
 */

const OWN_CODE = /\/(?:src|rules)\/[^?]*\.ts(?:\?|$)/;

let session: Session | undefined;

async function started(): Promise<Session> {
  if (session === undefined) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  }
  return session;
}

/**
 * How many blocks of the project's own code (or of the scripts `code` matches) ran during `run`
 * (its return value is passed on).
 */
export async function blocksRun<T>(run: () => T | Promise<T>, code: RegExp = OWN_CODE): Promise<{ blocks: number; result: T }> {
  const inspector = await started();
  // Taking the coverage resets the counters: what was counted before `run` is thrown away.
  await inspector.post('Profiler.takePreciseCoverage');
  const result = await run();
  const { result: scripts } = await inspector.post('Profiler.takePreciseCoverage');
  let blocks = 0;
  for (const script of scripts) {
    if (!code.test(script.url)) continue;
    for (const fn of script.functions) for (const range of fn.ranges) blocks += range.count;
  }
  return { blocks, result };
}
