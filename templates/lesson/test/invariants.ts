/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in. Each check has a sentence
 * for the learner (`says`) and a function that fails with a reason
 * (`must(condition, reason)`) when the run does not show it. The same
 * checks run in test/lesson.test.ts, in `pnpm lesson N --check`, and on
 * the lesson page after each run, so import nothing for Node or vitest.
 */
import {
  type LessonChecks,
  mainSteps,
  must,
} from "@unravel/lesson-kit/check";

export const LAST = "main: joined the worker, so this line is last";

export const checks: LessonChecks = {
  checks: {
    "runs the worker's steps once each, in order": {
      says: "the worker runs its three steps once each, in order",
      check({ lines }) {
        const mine = lines.filter((l) => l.startsWith("worker: "));
        must(
          JSON.stringify(mine) ===
            JSON.stringify([
              "worker: step 1 of 3",
              "worker: step 2 of 3",
              "worker: step 3 of 3",
            ]),
          `the worker printed ${JSON.stringify(mine)}`,
        );
      },
    },
    "prints the main thread's last line after the join": {
      says: "the main thread's last line comes after the join",
      check({ lines }) {
        // join() returns only after the worker's last line.
        must(
          lines.at(-1) === LAST,
          `the last line is "${lines.at(-1)}"`,
        );
        must(lines.length === 5, `${lines.length} lines, not 5`);
      },
    },
    "says it started the worker before it waits for it": {
      says: "the main thread says it started the worker before it waits",
      check({ trace }) {
        // The main thread's own order, from the trace: not timing.
        must(trace, "this run recorded no trace");
        const steps = mainSteps(trace);
        const said = steps.findIndex(
          (s) =>
            "text" in s && s.text === "main: started the worker",
        );
        must(
          said >= 0,
          'the main thread never said "main: started the worker"',
        );
        const early = steps
          .slice(0, said)
          .filter((s) => s.kind === "join");
        must(
          early.length === 0,
          "the main thread joined before saying so",
        );
      },
    },
  },
};
