import {
  lessonDir,
  programs,
  TEST_TIMEOUT_MS,
} from "@unravel/lesson-kit";
import { describe, it } from "vitest";
import { checkOutput } from "./invariants.ts";

const dir = lessonDir(import.meta);

// Runs the real sample (node src/main.ts) and its Python twin
// (python3 python/main.py), and checks what every run must show —
// never one exact interleaving of the threads' lines.
describe.each(programs)("$language", ({ run }) => {
  it(
    "shows what every run must show",
    async () => {
      const out = await run(dir);
      checkOutput(out.lines);
    },
    TEST_TIMEOUT_MS,
  );
});
