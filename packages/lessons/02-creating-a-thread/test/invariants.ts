/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in. Each check has a sentence
 * for the learner; the lesson page shows them after a run.
 */
import {
  type LessonChecks,
  mainSteps,
  must,
} from "@unravel/lesson-kit/check";

const THREAD = "thread: hello from the new thread";
const MAIN = [
  "main: thread created",
  "main: thread started",
  "main: my last line",
];

export const checks: LessonChecks = {
  checks: {
    "does not wait for the thread before its last line": {
      says: "the main thread prints its last line without waiting for the thread",
      check({ trace }) {
        // The output's order cannot show it (the hello may come anywhere
        // after start()); what the main thread did, in its own order, can.
        must(
          trace,
          "this run recorded no trace to read the main thread's steps from",
        );
        const steps = mainSteps(trace);
        const last = steps.findIndex(
          (s) => "text" in s && s.text === MAIN[2],
        );
        must(
          last > 0,
          `the main thread never printed "${MAIN[2]}"`,
        );
        const joins = steps
          .slice(0, last)
          .filter((s) => s.kind === "join");
        must(
          joins.length === 0,
          `the main thread waited in join() before "${MAIN[2]}"`,
        );
      },
    },
    "prints the main thread's lines in program order": {
      says: "the main thread's three lines come in program order",
      check({ lines }) {
        const mine = lines.filter((l) => l.startsWith("main: "));
        must(
          JSON.stringify(mine) === JSON.stringify(MAIN),
          `the main thread printed ${JSON.stringify(mine)}`,
        );
      },
    },
    "runs the thread once, even if the main thread ends first": {
      says: "the thread runs once, even when the main thread ends first",
      check({ lines }) {
        // The program waits for its threads before it exits.
        const hellos = lines.filter((l) => l === THREAD).length;
        must(
          hellos === 1,
          `the thread's line came ${hellos} times`,
        );
        must(lines.length === 4, `${lines.length} lines, not 4`);
      },
    },
    "runs the thread only after it was created and started": {
      says: "the thread runs only after it was created and started",
      check({ lines }) {
        must(
          lines.indexOf(THREAD) > lines.indexOf(MAIN[0]!),
          `the thread's line came before "${MAIN[0]}"`,
        );
      },
    },
  },
  // Where the thread's hello lands among the main thread's lines.
  outcome: ({ lines }) =>
    `the thread's line came after ${lines.indexOf(THREAD)} of main's lines`,
};
