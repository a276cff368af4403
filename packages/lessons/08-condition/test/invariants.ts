/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in. Each check has a sentence
 * for the learner; the lesson page shows them after a run.
 */
import {
  type LessonChecks,
  must,
  sourceWaits,
} from "@unravel/lesson-kit/check";

const ITEMS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const SIZE = 3;
const PUT = /^producer: put (\d+)$/;
const GOT = /^ {2}(c\d): got (\d+)$/;
const FULL = "producer: buffer full, waiting";

const items = (lines: string[], re: RegExp, group: number) =>
  lines.flatMap((l) => {
    const m = re.exec(l);
    return m ? [Number(m[group])] : [];
  });
const same = (a: unknown, b: unknown) =>
  JSON.stringify(a) === JSON.stringify(b);

const CONDITIONS = {
  typescript: ["notFull", "notEmpty"],
  python: ["not_full", "not_empty"],
};

export const checks: LessonChecks = {
  checks: {
    "waits on each condition inside a while loop": {
      says: "every wait() on a condition is inside a while loop",
      check({ source, language }) {
        // An `if` instead of the `while` goes wrong only when a thread
        // wakes to find the buffer changed again (another consumer took
        // the item first), and whether that happens in one run is
        // timing (an earlier version of this sample showed it in about
        // one run in seven). So the check reads the program itself,
        // where it shows every time. (With the planned interleaving
        // explorer, a test can also make that wake-up happen and watch
        // the `if` version fail.)
        must(
          source !== undefined,
          "the program's source was not given to the check",
        );
        const waits = sourceWaits(
          source,
          language,
          CONDITIONS[language],
        );
        must(
          waits.length > 0,
          "the program calls wait() on no condition",
        );
        for (const w of waits) {
          must(
            w.inWhileLoop,
            `${w.receiver}.wait() on line ${w.line} is not in a while loop: after a wake-up nothing checks the buffer again`,
          );
        }
      },
    },
    "puts every item once, in order": {
      says: `the producer puts items 1 to ${ITEMS.length} once each, in order`,
      check({ lines }) {
        const p = items(lines, PUT, 1);
        must(
          same(p, ITEMS),
          `the producer put ${JSON.stringify(p)}`,
        );
      },
    },
    "takes every item once, first in, first out": {
      says: "every item is taken once, first in, first out",
      check({ lines }) {
        // Lines about the buffer are printed while holding the lock,
        // so their order is the order the buffer changed in.
        const got = items(lines, GOT, 2);
        must(
          same(got, ITEMS),
          `the consumers took ${JSON.stringify(got)}`,
        );
      },
    },
    "never overfills the buffer, never takes from an empty one": {
      says: `the buffer never holds more than ${SIZE} items, and nothing is taken from it empty`,
      check({ lines }) {
        let held = 0;
        for (const line of lines) {
          if (PUT.test(line)) held += 1;
          if (GOT.test(line)) held -= 1;
          if (line === FULL)
            must(
              held === SIZE,
              `the producer waited with ${held} items in the buffer, not ${SIZE}`,
            );
          must(
            held >= 0,
            `"${line.trim()}" took from an empty buffer`,
          );
          must(
            held <= SIZE,
            `"${line.trim()}" put a ${held}th item in a buffer of ${SIZE}`,
          );
        }
        must(held === 0, `${held} items were left in the buffer`);
      },
    },
    "stops each consumer once, after the last item": {
      says: "each consumer stops once, after the last item, then main ends",
      check({ lines }) {
        const lastGot = lines.findLastIndex((l) => GOT.test(l));
        for (const c of ["c1", "c2"]) {
          const stop = lines.indexOf(`  ${c}: stopping`);
          must(
            stop > lastGot,
            `${c} did not stop after the last item`,
          );
          must(
            lines.lastIndexOf(`  ${c}: stopping`) === stop,
            `${c} stopped twice`,
          );
        }
        must(
          lines.at(-1) === "main: all items consumed",
          `the last line is "${lines.at(-1)}"`,
        );
      },
    },
  },
  // Which consumer took which item.
  outcome: ({ lines }) =>
    ["c1", "c2"]
      .map(
        (c) =>
          `${c} took ${
            lines
              .filter((l) => l.startsWith(`  ${c}: got `))
              .map((l) => l.split(" ").at(-1))
              .join(", ") || "nothing"
          }`,
      )
      .join("; "),
};
