/**
 * For lesson tests: run a lesson's real entry point as a child process,
 * exactly as `pnpm start` (or `python3 python/main.py`) does, and get its
 * output back as lines.
 *
 * @example
 * ```ts
 * describe.each(programs)("$language", ({ run }) => {
 *   it("prints the main thread's line last", async () => {
 *     const { lines } = await run(lessonDir(import.meta));
 *     expect(lines.at(-1)).toBe("main: done");
 *   });
 * });
 * ```
 */

import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_TIMEOUT_MS, formatRun, runProcess } from "./process.ts";
import { type Language, type Program, pythonProgram, typescriptProgram } from "./programs.ts";

export interface LessonRun {
  /** The stdout lines, in order. */
  lines: string[];
  /** All of stderr. */
  stderr: string;
  exitCode: number | null;
  durationMs: number;
}

export interface LessonRunOptions {
  /** Kill the program after this many milliseconds. @default 120000 */
  timeoutMs?: number;
  /** Accept a non-zero exit code instead of throwing. @default false */
  allowFailure?: boolean;
}

/**
 * What a test (or `beforeAll`) that runs one program should allow: more
 * than the run's own limit, so that a hang fails with its output shown.
 */
export const TEST_TIMEOUT_MS = DEFAULT_TIMEOUT_MS + 30_000;

/**
 * Runs `program` in the lesson folder `dir`. Throws, with the output, when
 * the program fails, times out or writes to stderr (unless `allowFailure`).
 */
export async function runProgram(
  program: Program,
  dir: string,
  options: LessonRunOptions = {},
): Promise<LessonRun> {
  const run = await runProcess(program.executable, program.args, {
    cwd: dir,
    env: program.env,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const stderr = run.lines
    .filter((l) => l.stream === "stderr")
    .map((l) => l.text)
    .join("\n");
  if (!options.allowFailure && (run.timedOut || run.exitCode !== 0 || stderr !== "")) {
    throw new Error(`\`${program.command}\` did not run cleanly:\n${formatRun(run)}`);
  }
  return {
    lines: run.lines.filter((l) => l.stream === "stdout").map((l) => l.text),
    stderr,
    exitCode: run.exitCode,
    durationMs: run.durationMs,
  };
}

/** Runs the lesson's `node src/main.ts`. */
export const runLesson = (dir: string, options?: LessonRunOptions) =>
  runProgram(typescriptProgram, dir, options);

/** Runs the lesson's `python3 python/main.py`. */
export const runPython = (dir: string, options?: LessonRunOptions) =>
  runProgram(pythonProgram, dir, options);

/** Both programs of a lesson, for `describe.each`: invariants written once, checked on each. */
export const programs: ReadonlyArray<{
  language: Language;
  run: (dir: string, options?: LessonRunOptions) => Promise<LessonRun>;
}> = [
  { language: "typescript", run: runLesson },
  { language: "python", run: runPython },
];

/** The lesson folder of a test file in `<lesson>/test/`: `lessonDir(import.meta)`. */
export function lessonDir(meta: ImportMeta): string {
  return dirname(dirname(fileURLToPath(meta.url)));
}
