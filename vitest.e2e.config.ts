import { defineConfig } from 'vitest/config';

// End-to-end tests in real browsers (Debian chromium, firefox-esr) with the built extension loaded.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A poll waits for something the extension does across contexts (popup ↔ background ↔ page); on a
    // loaded CI machine that can take longer than vitest's 1 s default. It waits for the outcome only:
    // no test asserts how long anything took.
    expect: { poll: { timeout: 15_000 } },
  },
});
