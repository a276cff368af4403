import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const PUT = /^producer: put (\d+)$/;
const GOT = /^ {2}(c\d): got (-?\d+)$/;

export const checks: LessonChecks = {
  checks: {
    "never takes from an empty buffer": {
      says: "no consumer takes an item from an empty buffer",
      check({ lines }) {
        // Lines about the buffer are printed while holding the lock,
        // so their order is the order the buffer changed in.
        let held = 0;
        for (const line of lines) {
          if (PUT.test(line)) held += 1;
          if (GOT.test(line)) held -= 1;
          must(
            held >= 0,
            `"${line.trim()}" took from an empty buffer: its wait() returned, and nothing checked the buffer again`,
          );
        }
      },
    },
    "takes every item once, in order": {
      says: "the items 1 to 4 are each taken once, in order",
      check({ lines }) {
        const got = lines.flatMap((l) => {
          const m = GOT.exec(l);
          return m ? [Number(m[2])] : [];
        });
        must(
          JSON.stringify(got) === "[1,2,3,4]",
          `the consumers took ${JSON.stringify(got)}`,
        );
      },
    },
    "ends with the main thread's line": {
      says: "the main thread's last line comes last",
      check({ lines }) {
        must(
          lines.at(-1) === "main: all items consumed",
          `the last line is "${lines.at(-1)}"`,
        );
      },
    },
  },
};

// Accepted when your version makes this one fail, on some schedule.
export const breaks = "never takes from an empty buffer";
