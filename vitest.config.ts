import { defineConfig } from 'vitest/config';

// Unit tests: pure code, Node environment. Browser tests live in test/e2e and have their own config.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
