import { type LessonChecks, must } from "@unravel/lesson-kit/check";

/** The numbers a counter printed, in its own order. */
const counted = (lines: string[], name: string) =>
  JSON.stringify(
    lines
      .filter((l) => l.startsWith(`${name}: `))
      .map((l) => Number(l.slice(name.length + 2))),
  );

export const checks: LessonChecks = {
  checks: {
    "A counts down from 3": {
      says: "A counts 3, 2, 1",
      check({ lines }) {
        const a = counted(lines, "A");
        must(a === "[3,2,1]", `A counted ${a}`);
      },
    },
    "B counts down from 6 in steps of 2": {
      says: "B counts 6, 4, 2: from 6, with the option step: 2",
      check({ lines }) {
        const b = counted(lines, "B");
        must(b === "[6,4,2]", `B counted ${b}, not [6,4,2]`);
      },
    },
    "a counter without options uses the defaults": {
      says: 'a third counter, given only 2, counts 2, 1 under the name "?"',
      check({ lines }) {
        const q = counted(lines, "?");
        must(q === "[2,1]", `"?" counted ${q}, not [2,1]`);
      },
    },
    "ends with the main thread's line": {
      says: 'the main thread joins them all, then prints "main: done" last',
      check({ lines }) {
        must(
          lines.at(-1) === "main: done",
          `the last line is "${lines.at(-1)}"`,
        );
      },
    },
  },
};
