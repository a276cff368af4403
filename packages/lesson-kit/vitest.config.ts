import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // These tests start real programs; on a loaded CI machine that
    // takes seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The tests' captures take a lock of their own, not the machine's: a
    // real capture elsewhere must not make them wait, nor they it.
    env: { UNRAVEL_CAPTURE_LOCK: join(tmpdir(), `lesson-kit-test-${process.pid}.lock`) },
  },
});
