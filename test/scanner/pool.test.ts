import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCliSettings } from '../../src/config/load-settings.js';
import { AccessorIndex } from '../../src/patterns/index.js';
import { deserializeResult } from '../../src/scanner/facts-store.js';
import { FilePool } from '../../src/scanner/pool.js';
import type { FileTask, TaskOutcome } from '../../src/scanner/process-file.js';

/*
 * The pool's threads are a speed-up only: whatever happens to a thread (it throws, exits, or is
 * sent a text too long for its capped heap), every task comes back with the outcome this thread
 * would have given it, and the round ends.
 */

let dir: string;
let tasks: FileTask[];

/** A module of `checks` flag checks, one per line. */
function flagChecks(checks: number): string {
  const lines = Array.from(
    { length: checks },
    (_, i) =>
      `  if (flags.isEnabled('flag_${i % 40}', user)) { track${i}(user, [1, 2, 3], { a: user.b, c: [user.d, user.e] }); } else { other(user); }`,
  );
  return `export function run(user: any) {\n${lines.join('\n')}\n}\n`;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flag-hygiene-pool-'));
  const files: Record<string, string> = {
    'checkout.ts': "export const pay = () => (flags.isEnabled('new_checkout') ? 2 : 1);\n",
    'format.ts': 'export const formatPrice = (cents: number) => (cents / 100).toFixed(2);\n',
    // About 520 KB: as a tree with its facts, more than a worker's heap holds.
    'generated.ts': flagChecks(4_000),
  };
  for (let i = 0; i < 6; i++) files[`page${i}.ts`] = `export const page${i} = flags.isEnabled('page_${i}');\n`;
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(
    join(dir, 'flag-hygiene.config.json'),
    JSON.stringify({ accessors: [{ pattern: 'flags.isEnabled($KEY)', returns: 'boolean' }] }),
  );
  tasks = Object.keys(files).map((name) => ({ file: join(dir, name), test: false }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pool(workers: number, script?: URL): FilePool {
  const settings = loadCliSettings({ cwd: dir, env: {} });
  return new FilePool({
    accessors: () => settings.accessors,
    index: () => new AccessorIndex(settings.accessors, dir),
    specifiers: { patterns: [], anyBaseUrl: false },
    workers,
    explicit: true,
    ...(script === undefined ? {} : { script }),
  });
}

/** Outcomes with their deflated facts inflated, to compare. */
function readable(outcomes: readonly TaskOutcome[]): unknown[] {
  return outcomes.map((outcome) => (outcome.kind === 'analysed' ? { ...outcome, result: deserializeResult(outcome.result) } : outcome));
}

/** A worker script of a few lines, in the test's folder. */
function script(name: string, onMessage: string): URL {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(path, `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (message) => { ${onMessage} });\n`);
  return pathToFileURL(path);
}

async function run(filePool: FilePool, round: readonly FileTask[] = tasks): Promise<{ outcomes: TaskOutcome[]; done: number }> {
  let done = 0;
  try {
    return { outcomes: await filePool.process(round, () => done++), done };
  } finally {
    await filePool.close();
  }
}

describe('FilePool: a failing thread costs time, never an outcome', () => {
  it('a thread that throws: its batch is done in this thread, and it serves no later round', async () => {
    const inThread = await run(pool(0));
    const failing = pool(2, script('throws', "throw new Error('worker failed');"));
    const outcomes = await failing.process(tasks);
    expect(failing.threads).toBe(0);
    expect(readable(outcomes)).toEqual(readable(inThread.outcomes));
    await failing.close();
  });

  it('a thread that exits without an error: the round still ends, with every outcome', async () => {
    const inThread = await run(pool(0));
    const exiting = await run(pool(2, script('exits', 'process.exit(0);')));
    expect(readable(exiting.outcomes)).toEqual(readable(inThread.outcomes));
    expect(exiting.done).toBe(tasks.length);
  });

  it('a file a thread leaves `matched` is parsed here, and counted once', async () => {
    const inThread = await run(pool(0));
    const reply = "parentPort.postMessage({ id: message.id, outcomes: message.tasks.map(() => ({ kind: 'matched', hash: 'h' })) });";
    const leaving = pool(2, script('leaves-matched', reply));
    const { outcomes, done } = await run(leaving);
    expect(readable(outcomes)).toEqual(readable(inThread.outcomes));
    expect(done).toBe(tasks.length);
    expect(outcomes.every((outcome) => outcome.kind === 'analysed' || outcome.kind === 'unmatched')).toBe(true);
  });

  it('prefilter-only tasks keep the `matched` a thread gives them', async () => {
    const round = tasks.map((task) => ({ ...task, prefilterOnly: true }));
    const reply = "parentPort.postMessage({ id: message.id, outcomes: message.tasks.map(() => ({ kind: 'matched', hash: 'h' })) });";
    const { outcomes } = await run(pool(2, script('prefilter', reply)), round);
    expect(outcomes).toEqual(round.map(() => ({ kind: 'matched', hash: 'h' })));
  });

  // The build's worker (`npm test` builds first): a text too long for its heap is parsed in this thread instead of running it out.
  it('the built worker leaves a 520 KB module to this thread and keeps serving', async () => {
    const inThread = await run(pool(0));
    const threaded = pool(2, new URL('../../dist/src/scanner/worker.js', import.meta.url));
    const outcomes = await threaded.process(tasks);
    // One batch of files starts one thread, and it is still there.
    expect(threaded.threads).toBe(1);
    expect(readable(outcomes)).toEqual(readable(inThread.outcomes));
    const generated = outcomes[tasks.findIndex((task) => task.file.endsWith('generated.ts'))]!;
    expect(generated.kind === 'analysed' && deserializeResult(generated.result).kind).toBe('facts');
    await threaded.close();
  });
});
