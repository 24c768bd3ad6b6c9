import { defineConfig } from 'vitest/config';

// `npm run test:vitess`: integration tests against a real etcd + vtctld (+ vtgate) built from
// vitess.io/vitess by test/vitess/build.sh (slow the first time). One file at a time: each starts its
// own cluster, and the machine has few cores.
export default defineConfig({
  test: {
    include: ['test/vitess/**/*.test.ts'],
    globalSetup: ['test/vitess/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
