/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in. Each check has a sentence
 * for the learner; the lesson page shows them after a run.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const LAST = "main: my last line; the program ends here";
// Python prints True/False where JavaScript prints true/false.
const lower = (lines: string[]) =>
  lines.map((l) => l.toLowerCase());

export const checks: LessonChecks = {
  checks: {
    "prints the main thread's last line last, after the thread's": {
      says: "the main thread's last line comes last, after the joined thread's",
      check({ lines }) {
        const l = lower(lines);
        must(
          l.at(-1) === LAST,
          `the last line is "${lines.at(-1)}"`,
        );
        const joined = l.indexOf("main: joined, alive=false");
        must(
          l.indexOf("thread: done") < joined,
          '"thread: done" did not come before "main: joined, alive=false"',
        );
      },
    },
    "reads the thread's result only after joining it": {
      says: "the result is read after join() returns, and it is 42",
      check({ lines }) {
        // Before the join, the thread may not have written it yet.
        const joined = lines.findIndex((l) =>
          l.toLowerCase().startsWith("main: joined"),
        );
        must(joined >= 0, 'there is no "main: joined" line');
        must(
          lines[joined + 1] === "main: the result is 42",
          `after the join came "${lines[joined + 1]}", not "main: the result is 42"`,
        );
      },
    },
    "ends the program while a daemon thread still runs": {
      says: "the program ends while its daemon thread still runs",
      check({ lines }) {
        // The daemon loops forever: the run ended (the test would
        // time out otherwise) and it was alive after start().
        const l = lower(lines);
        must(
          l.at(-2) === "main: daemon started, alive=true",
          `the line before the last is "${lines.at(-2)}", not "main: daemon started, alive=true"`,
        );
      },
    },
    "runs the thread's two lines once each, in order": {
      says: "the thread prints its two lines once each, in order",
      check({ lines }) {
        const mine = lines.filter((l) => l.startsWith("thread: "));
        must(
          JSON.stringify(mine) ===
            JSON.stringify(["thread: working...", "thread: done"]),
          `the thread printed ${JSON.stringify(mine)}`,
        );
      },
    },
    "returns from a timed join while the thread still runs": {
      says: "a join with a 100 ms timeout returns while the thread still runs",
      check({ lines }) {
        // The thread sleeps 600 ms; the timed join gives up after 100.
        const l = lower(lines);
        const timed = l.findIndex((line) =>
          line.startsWith("main: after "),
        );
        must(timed >= 0, 'there is no "main: after …" line');
        must(
          /^main: after (100 ms|0\.1 s), ended=false, alive=true$/.test(
            l[timed]!,
          ),
          `the timed join printed "${lines[timed]}"`,
        );
        must(
          timed < l.indexOf("thread: done"),
          'the timed join returned only after "thread: done"',
        );
      },
    },
    "has the thread ended once join returns": {
      says: "once join() returns, the thread is no longer alive",
      check({ lines }) {
        must(
          lower(lines).includes("main: joined, alive=false"),
          'there is no "main: joined, alive=false" line',
        );
        must(lines.length === 8, `${lines.length} lines, not 8`);
      },
    },
  },
};
