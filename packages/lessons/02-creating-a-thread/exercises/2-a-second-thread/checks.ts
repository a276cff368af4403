import {
  type LessonChecks,
  mainSteps,
  must,
} from "@unravel/lesson-kit/check";

const FIRST = "thread: hello from the new thread";
const SECOND = "thread 2: waving";
const MAIN = [
  "main: thread created",
  "main: thread started",
  "main: my last line",
];

export const checks: LessonChecks = {
  checks: {
    "runs a second thread that waves once": {
      says: `a second thread prints "${SECOND}", once`,
      check({ lines }) {
        const waves = lines.filter((l) => l === SECOND).length;
        must(
          waves === 1,
          waves === 0
            ? `no line "${SECOND}": start a second thread whose target prints it`
            : `"${SECOND}" came ${waves} times`,
        );
      },
    },
    "runs the first thread once": {
      says: "the first thread says hello once",
      check({ lines }) {
        const hellos = lines.filter((l) => l === FIRST).length;
        must(
          hellos === 1,
          `the first thread's line came ${hellos} times`,
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
    "does not wait for the threads before its last line": {
      says: "the main thread prints its last line without waiting for either thread",
      check({ trace }) {
        must(trace, "this run recorded no trace");
        const steps = mainSteps(trace);
        const last = steps.findIndex(
          (s) => "text" in s && s.text === MAIN[2],
        );
        must(
          last > 0,
          `the main thread never printed "${MAIN[2]}"`,
        );
        must(
          steps.slice(0, last).every((s) => s.kind !== "join"),
          `the main thread waited in join() before "${MAIN[2]}"`,
        );
      },
    },
  },
};
