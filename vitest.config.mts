import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A control's case table lives beside it in its kind folder (src/kinds/<kind>/<control-id>.test.ts).
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep worker count low so Azurite and the sandbox are not starved.
    pool: 'forks',
    maxWorkers: 2,
  },
});
