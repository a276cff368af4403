/**
 * `@unravel/lesson-kit/test`: a lesson's whole test. Runs the real sample
 * (`node src/main.ts`) and its Python twin (`python3 python/main.py`) once
 * each, with tracing on, and checks every invariant on both — what every
 * run must show, never one exact interleaving of the threads' lines.
 *
 * A check (`./check.ts`) gets the output lines, the language, the run's
 * trace (core's trace for the sample; for the twin, the same events
 * recorded by `python/trace_run.py`: prints, joins, the main thread's
 * start) and the program's source. The trace is what lets a check see
 * what the output alone cannot, such as whether the main thread waited in
 * `join` before its last line. The same checks run in the page, on the
 * Run button's output and trace, and in `pnpm lesson N --check`.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, it } from "vitest";
import { type CheckRun, judgeOne, type LessonChecks } from "./check.ts";
import { describeExercises } from "./exercise-test.ts";
import { hasProgram, type Program, pythonProgram, typescriptProgram } from "./programs.ts";
import { lessonDir, runProgram, TEST_TIMEOUT_MS } from "./testing.ts";
import { readTraceFile } from "./trace.ts";

export * from "./check.ts";
export { describeExercises } from "./exercise-test.ts";
export { conditionWaits, type WaitCall } from "./waits.ts";

const TRACE_RUN = fileURLToPath(new URL("./python/trace_run.py", import.meta.url));

/** The program, run with its trace written to `file`. */
function traced(program: Program, file: string): Program {
  const env = { ...program.env, UNRAVEL_TRACE: file };
  if (program.language === "typescript") return { ...program, env };
  return { ...program, args: [TRACE_RUN, ...program.args], env };
}

/**
 * A test per check of `lesson` (see `./check.ts`), on one traced run of
 * each program; a failed check fails its test with the check's reason.
 * Then the proof of each of the lesson's exercises (`exercises/`).
 */
export function describeLesson(meta: ImportMeta, lesson: LessonChecks): void {
  const dir = lessonDir(meta);
  const programs = [typescriptProgram, pythonProgram].filter((p) => hasProgram(dir, p));
  describe.each(programs)("$language", (program) => {
    let run: CheckRun = { lines: [], language: program.language };
    beforeAll(async () => {
      const tmp = mkdtempSync(join(tmpdir(), "unravel-trace-"));
      try {
        const file = join(tmp, "trace.jsonl");
        const { lines } = await runProgram(traced(program, file), dir);
        const source = readFileSync(join(dir, program.file), "utf8");
        run = { lines, language: program.language, trace: readTraceFile(file), source };
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }, TEST_TIMEOUT_MS);

    for (const [title, check] of Object.entries(lesson.checks)) {
      it(title, () => {
        const verdict = judgeOne(title, check, run);
        if (!verdict.passed) throw new Error(`${verdict.says}: ${verdict.reason}`);
      });
    }
  });
  describeExercises(dir);
}
