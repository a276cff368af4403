import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Two files at once, each with its own Chromium (test/built-site.ts): a
    // browser test waits on the page more than it computes. Vitest's default
    // here is one (2 cores).
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
