import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep worker count low so Azurite and the sandbox are not starved.
    pool: 'forks',
    maxWorkers: 2,
  },
});
