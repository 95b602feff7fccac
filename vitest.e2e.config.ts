import { defineConfig } from 'vitest/config';

// End-to-end tests in real browsers (Debian chromium, firefox-esr) with the built extension loaded.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
