import {
  lessonDir,
  programs,
  TEST_TIMEOUT_MS,
} from "@unravel/lesson-kit";
import { beforeAll, describe, it } from "vitest";
import { invariants } from "./invariants.ts";

const dir = lessonDir(import.meta);

// Runs the real sample (node src/main.ts) and its Python twin
// (python3 python/main.py), and checks what every run must show —
// never one exact interleaving of the threads' lines.
describe.each(programs)("$language", ({ language, run }) => {
  let lines: string[] = [];
  beforeAll(async () => {
    lines = (await run(dir)).lines;
  }, TEST_TIMEOUT_MS);

  for (const [title, check] of Object.entries(invariants)) {
    it(title, () => check(lines, language));
  }
});
