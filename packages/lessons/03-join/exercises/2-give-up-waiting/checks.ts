import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const WAITING = "main: still waiting after 100 ms";

export const checks: LessonChecks = {
  checks: {
    "says it is still waiting, while the thread works": {
      says: `the main thread prints "${WAITING}" while the thread still works`,
      check({ lines }) {
        const at = lines.indexOf(WAITING);
        must(
          at >= 0,
          `there is no "${WAITING}" line: wait with a timeout, join(100), and print it when the thread has not ended`,
        );
        must(
          at < lines.indexOf("thread: done"),
          `"${WAITING}" came after "thread: done"`,
        );
      },
    },
    "joins the thread in the end": {
      says: 'then it waits for the thread: "main: joined" comes last, after "thread: done"',
      check({ lines }) {
        must(
          lines.at(-1) === "main: joined",
          `the last line is "${lines.at(-1)}"`,
        );
        must(
          lines.includes("thread: done"),
          'there is no "thread: done" line',
        );
      },
    },
  },
};
