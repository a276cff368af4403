import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // These tests start real programs; on a loaded CI machine that
    // takes seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
