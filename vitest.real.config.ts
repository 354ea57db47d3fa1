import { defineConfig } from 'vitest/config';

/**
 * The real-server suites (test/real/): one real control plane (test/cluster/) is started for the whole run by
 * the global setup and shared by every file; each file works in namespaces of its own. `npm test` runs them after
 * the rest when the control plane is built (test/cluster/realSuites.ts).
 */
export default defineConfig({
  test: {
    include: ['test/real/**/*.test.ts', 'test/real/**/*.test.tsx'],
    globalSetup: ['test/real/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
