import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/*
 * `npm run fuzz`: the fuzz tests only, with many more runs per property (FUZZ_RUNS, default
 * 20,000) and a fresh seed each time (printed first; FUZZ_SEED=<n> replays a run). A failure is
 * shrunk and printed with its program.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/fuzz/**/*.test.ts'],
      env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '20000' },
      testTimeout: 6 * 60 * 60 * 1000,
    },
  }),
);
