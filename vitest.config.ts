import { defineConfig } from 'vitest/config';

/** Files that mock modules, change the working directory or the environment, or time CPU: each in a fresh process. */
const isolatedFiles = ['test/fixes/cli-fix.test.ts', 'test/robustness.test.ts', 'test/analysis/typed-shortcuts.test.ts', 'test/cli/code-cache.test.ts', 'test/analysis/disk-checks.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    // Generous: a scan or a typed project's first program takes seconds, and several times that on a busy machine.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // Both cores (vitest's default leaves one idle on a two-core machine).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: isolatedFiles,
          // Test files in one worker share loaded modules, so TypeScript, ESLint and ts-morph load once per worker and
          // the typed rule tests keep the library declarations they parsed (test/helpers/typed-case-programs.ts).
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: isolatedFiles } },
    ],
  },
});
