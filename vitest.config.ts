import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built binary; give slow CI machines room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
