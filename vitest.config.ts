import { configDefaults, defineConfig } from 'vitest/config';

// `npm test`: the unit suite. The integration tests against a real Vitess (test/vitess/, they need Go to
// build Vitess) run with `npm run test:vitess` (vitest.vitess.config.ts).
export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, 'test/vitess/**'],
  },
});
