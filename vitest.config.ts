import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['dist/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Corpus and referee tests spawn tcpdump/tshark; two cores, so keep workers few.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
