/**
 * `@unravel/lesson-kit/test`: a lesson's whole test. Runs the real sample
 * (`node src/main.ts`) and its Python twin (`python3 python/main.py`) once
 * each, with tracing on, and checks every invariant on both — what every
 * run must show, never one exact interleaving of the threads' lines.
 *
 * An invariant gets the output lines, the language, and the run's trace
 * (core's trace for the sample; for the twin, the same events recorded by
 * `python/trace_run.py`: prints, joins, the main thread's start). The
 * trace is what lets a test see what the output alone cannot, such as
 * whether the main thread waited in `join` before its last line. The
 * site's Run-button test gives invariants no trace.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, it } from "vitest";
import {
  hasProgram,
  type Language,
  type Program,
  pythonProgram,
  typescriptProgram,
} from "./programs.ts";
import { lessonDir, runProgram, TEST_TIMEOUT_MS } from "./testing.ts";
import { readTraceFile, type TraceEvent } from "./trace.ts";

export { type MainStep, mainSteps } from "./steps.ts";
export type { TraceEvent } from "./trace.ts";
export { conditionWaits, type WaitCall } from "./waits.ts";

/**
 * One invariant: throws (an `expect` failure) when the run does not show
 * it. `trace` is absent where no trace was recorded (the site's browser run):
 * a check that needs it returns then.
 */
export type Invariant = (lines: string[], language: Language, trace?: TraceEvent[]) => void;

const TRACE_RUN = fileURLToPath(new URL("./python/trace_run.py", import.meta.url));

/** The program, run with its trace written to `file`. */
function traced(program: Program, file: string): Program {
  const env = { ...program.env, UNRAVEL_TRACE: file };
  if (program.language === "typescript") return { ...program, env };
  return { ...program, args: [TRACE_RUN, ...program.args], env };
}

export function describeLesson(meta: ImportMeta, invariants: Record<string, Invariant>): void {
  const dir = lessonDir(meta);
  const programs = [typescriptProgram, pythonProgram].filter((p) => hasProgram(dir, p));
  describe.each(programs)("$language", (program) => {
    let lines: string[] = [];
    let trace: TraceEvent[] = [];
    beforeAll(async () => {
      const tmp = mkdtempSync(join(tmpdir(), "unravel-trace-"));
      try {
        const file = join(tmp, "trace.jsonl");
        lines = (await runProgram(traced(program, file), dir)).lines;
        trace = readTraceFile(file);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }, TEST_TIMEOUT_MS);

    for (const [title, check] of Object.entries(invariants)) {
      it(title, () => check(lines, program.language, trace));
    }
  });
}
