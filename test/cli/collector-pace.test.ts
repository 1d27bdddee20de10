import { afterEach, describe, expect, it } from 'vitest';
import { collectorPace } from '../../src/cli/collector-pace.js';

/*
 * The CLI collects V8's garbage at a steady pace through a big scan (src/cli/collector-pace.ts):
 * at each phase's start and every 2,500 files, from 10,000 files on; never in a small scan.
 */
const host = globalThis as { gc?: () => void };
const original = host.gc;
afterEach(() => {
  if (original === undefined) delete host.gc;
  else host.gc = original;
});

function collections(phases: readonly { phase: 'reading' | 'resolving'; total: number }[]): number {
  let count = 0;
  host.gc = () => count++;
  const pace = collectorPace();
  for (const { phase, total } of phases) for (let done = 1; done <= total; done++) pace({ phase, done, total });
  return count;
}

describe('collectorPace', () => {
  it('never collects in a scan of fewer than 10,000 files', () => {
    expect(collections([{ phase: 'reading', total: 9_999 }])).toBe(0);
  });

  it('collects when a phase starts and every 2,500 files of it', () => {
    // 12,000 files: at 1 (the phase starts), 2,500, 5,000, 7,500, 10,000; then 1 and 2,500 … of the next.
    expect(collections([{ phase: 'reading', total: 12_000 }])).toBe(5);
    expect(
      collections([
        { phase: 'reading', total: 12_000 },
        { phase: 'resolving', total: 10_000 },
      ]),
    ).toBe(10);
  });
});
