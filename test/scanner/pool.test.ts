import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCliSettings } from '../../src/config/load-settings.js';
import { AccessorIndex } from '../../src/patterns/index.js';
import { deserializeResult, serializedOf } from '../../src/scanner/facts-store.js';
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
    specifiers: { patterns: [], baseUrlNames: [], workspaces: [] },
    workers,
    explicit: true,
    ...(script === undefined ? {} : { script }),
  });
}

/** Outcomes with their facts as objects (a thread's come deflated, this thread's do not), to compare. */
function readable(outcomes: readonly TaskOutcome[]): unknown[] {
  return outcomes.map((outcome) =>
    outcome.kind === 'analysed' ? { ...outcome, result: deserializeResult(serializedOf(outcome.result)) } : outcome,
  );
}

/** A worker script of a few lines, in the test's folder. */
function script(name: string, onMessage: string): URL {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(path, `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (message) => { ${onMessage} });\n`);
  return pathToFileURL(path);
}

/** A worker's reply that leaves every file of its batch `matched`. */
const LEAVE_MATCHED = "parentPort.postMessage({ id: message.id, outcomes: message.tasks.map(() => ({ kind: 'matched', hash: 'h' })) });";

/** Runs one round, then closes the pool; `threads`: how many still served at the end of the round. */
async function run(
  filePool: FilePool,
  round: readonly FileTask[] = tasks,
): Promise<{ outcomes: TaskOutcome[]; done: number; threads: number }> {
  let done = 0;
  try {
    const outcomes = await filePool.process(round, () => done++);
    return { outcomes, done, threads: filePool.threads };
  } finally {
    await filePool.close();
  }
}

describe('FilePool: a failing thread costs time, never an outcome', () => {
  /** What this thread gives every task (the 520 KB module takes a second: once for all tests). */
  let inThread: unknown[];
  beforeAll(async () => {
    inThread = readable((await run(pool(0))).outcomes);
  });

  it('a thread that throws: its batch is done in this thread, and it serves no later round', async () => {
    const failing = await run(pool(2, script('throws', "throw new Error('worker failed');")));
    expect(failing.threads).toBe(0);
    expect(readable(failing.outcomes)).toEqual(inThread);
  });

  it('a thread that exits without an error: the round still ends, with every outcome', async () => {
    const exiting = await run(pool(2, script('exits', 'process.exit(0);')));
    expect(readable(exiting.outcomes)).toEqual(inThread);
    expect(exiting.done).toBe(tasks.length);
  });

  it('a file a thread leaves `matched` is parsed here, and counted once', async () => {
    const { outcomes, done } = await run(pool(2, script('leaves-matched', LEAVE_MATCHED)));
    expect(readable(outcomes)).toEqual(inThread);
    expect(done).toBe(tasks.length);
    expect(outcomes.every((outcome) => outcome.kind === 'analysed' || outcome.kind === 'unmatched')).toBe(true);
  });

  it('prefilter-only tasks keep the `matched` a thread gives them', async () => {
    const round = tasks.map((task) => ({ ...task, prefilterOnly: true }));
    const { outcomes } = await run(pool(2, script('prefilter', LEAVE_MATCHED)), round);
    expect(outcomes).toEqual(round.map(() => ({ kind: 'matched', hash: 'h' })));
  });

  // The build's worker (`npm test` builds first): a text too long for its heap is parsed in this thread instead of running it out.
  it('the built worker leaves a 520 KB module to this thread and keeps serving', async () => {
    const { outcomes, threads } = await run(pool(2, new URL('../../dist/src/scanner/worker.js', import.meta.url)));
    // One batch of files starts one thread, and it is still there.
    expect(threads).toBe(1);
    expect(readable(outcomes)).toEqual(inThread);
    const generated = outcomes[tasks.findIndex((task) => task.file.endsWith('generated.ts'))]!;
    // Analysed in this thread: the facts themselves, not deflated as a thread's come.
    expect(generated.kind === 'analysed' && !(generated.result instanceof Uint8Array) && generated.result.kind).toBe('facts');
  });
});
