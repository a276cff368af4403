/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in. Each check has a sentence
 * for the learner; the lesson page shows them after a run.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const ITEMS = [1, 2, 3, 4, 5, 6, 7, 8];
const MAXSIZE = 2;
const CONSUMERS = ["c1", "c2"];
const PUT = /^producer: put (\d+)$/;
const GOT = /^ {2}(c\d): got (\d+)$/;

const puts = (lines: string[]) =>
  lines.flatMap((l) => PUT.exec(l)?.slice(1).map(Number) ?? []);
const gots = (lines: string[]) =>
  lines.flatMap((l) => {
    const m = GOT.exec(l);
    return m ? [{ consumer: m[1]!, item: Number(m[2]) }] : [];
  });
const ascending = (items: number[]) =>
  items.toSorted((a, b) => a - b);
const same = (a: unknown, b: unknown) =>
  JSON.stringify(a) === JSON.stringify(b);

export const checks: LessonChecks = {
  checks: {
    "puts every item once, in order": {
      says: `the producer puts items ${ITEMS[0]} to ${ITEMS.at(-1)} once each, in order`,
      check({ lines }) {
        const p = puts(lines);
        must(
          same(p, ITEMS),
          `the producer put ${JSON.stringify(p)}`,
        );
      },
    },
    "consumes every item exactly once": {
      says: "every item is taken exactly once",
      check({ lines }) {
        const got = ascending(gots(lines).map((g) => g.item));
        must(
          same(got, ITEMS),
          `the consumers took ${JSON.stringify(got)}`,
        );
      },
    },
    "hands each consumer its items in queue order": {
      says: "each consumer gets its items in the order they were put",
      check({ lines }) {
        for (const c of CONSUMERS) {
          const items = gots(lines)
            .filter((g) => g.consumer === c)
            .map((g) => g.item);
          must(
            same(items, ascending(items)),
            `${c} got ${JSON.stringify(items)}, out of order`,
          );
        }
      },
    },
    "holds a fast producer back while the queue is full": {
      says: `the producer waits while the queue holds ${MAXSIZE} items`,
      check({ lines }) {
        // When `put i` returns, the queue holds at most MAXSIZE items,
        // so at least i - MAXSIZE were taken; each consumer may not yet
        // have printed the one it took last.
        let got = 0;
        for (const line of lines) {
          if (GOT.test(line)) got += 1;
          const put = PUT.exec(line);
          if (put) {
            const least =
              Number(put[1]) - MAXSIZE - CONSUMERS.length;
            must(
              got >= least,
              `"${line}" came when only ${got} items had been taken: the queue held more than ${MAXSIZE}`,
            );
          }
        }
      },
    },
    "stops each consumer after its last item, then main": {
      says: "each consumer stops once, after its last item, then main ends",
      check({ lines }) {
        for (const c of CONSUMERS) {
          const mine = lines.filter((l) =>
            l.startsWith(`  ${c}: `),
          );
          must(
            mine.at(-1) === `  ${c}: no more items, stopping`,
            `${c}'s last line is "${mine.at(-1)?.trim()}"`,
          );
          const stops = mine.filter((l) =>
            l.includes("stopping"),
          ).length;
          must(stops === 1, `${c} stopped ${stops} times`);
        }
        must(
          lines.includes("producer: done"),
          'there is no "producer: done" line',
        );
        must(
          lines.at(-1) === "main: every item was consumed",
          `the last line is "${lines.at(-1)}"`,
        );
      },
    },
  },
  // Which consumer got which item.
  outcome: ({ lines }) =>
    CONSUMERS.map(
      (c) =>
        `${c} got ${
          gots(lines)
            .filter((g) => g.consumer === c)
            .map((g) => g.item)
            .join(", ") || "nothing"
        }`,
    ).join("; "),
};
