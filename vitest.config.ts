import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Generous: a scan or a typed project's first program takes seconds, and several times that on a busy machine.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
});
