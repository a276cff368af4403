/**
 * What every run of the sample must show, whatever the timing. The
 * totals are read from the output (`<count> of <total>`), so a cut-down
 * copy (2 threads × 3 additions, for `--explore`) is judged by the same
 * rules. How fast each lock is, is not an invariant: the captured run
 * must show it (`capture.ts`), a run on a busy machine need not.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

interface Half {
  count: number;
  total: number;
  notifies: number;
  woken: number;
}

/** Reads `<n> states: <count> of <total>; <a> notify calls, <b> woke a thread`. */
function half(lines: string[], states: 2 | 3): Half {
  const line = lines.find((l) => l.startsWith(`${states} states:`));
  must(line, `there is no "${states} states: …" line`);
  const m =
    /^\d states: +(\d+) of (\d+); (\d+) notify calls, (\d+) woke a thread$/.exec(
      line,
    );
  must(m, `the ${states}-state line reads "${line}"`);
  const [count, total, notifies, woken] = m.slice(1).map(Number);
  return {
    count: count!,
    total: total!,
    notifies: notifies!,
    woken: woken!,
  };
}

const exact = (states: 2 | 3) => ({
  says: (run: { lines: string[] }) =>
    `with the ${states}-state lock the count is exactly ${half(run.lines, states).total.toLocaleString("en-US")}`,
  check({ lines }: { lines: string[] }) {
    const { count, total } = half(lines, states);
    must(total > 0, "the total is 0: there was nothing to count");
    must(
      count === total,
      `the count is ${count} of ${total}: ${total - count} additions were lost, so two threads were inside the lock at once`,
    );
  },
});

export const checks: LessonChecks = {
  checks: {
    "the two-state lock counts every addition": exact(2),
    "the three-state lock counts every addition": exact(3),
    "the two-state lock calls notify at every release": {
      says: "the two-state lock calls notify once per release, and wakes at most one thread a call",
      check({ lines }) {
        const { total, notifies, woken } = half(lines, 2);
        must(
          notifies === total,
          `${notifies} notify calls for ${total} releases`,
        );
        must(
          woken <= notifies,
          `${woken} woken by ${notifies} calls of notify(…, 1)`,
        );
      },
    },
    "the three-state lock calls notify only when a thread may sleep":
      {
        says: "the three-state lock calls notify at most once per release, and wakes at most one thread a call",
        check({ lines }) {
          const { total, notifies, woken } = half(lines, 3);
          must(
            notifies <= total,
            `${notifies} notify calls for only ${total} releases`,
          );
          must(
            woken <= notifies,
            `${woken} woken by ${notifies} calls of notify(…, 1)`,
          );
        },
      },
    "times each lock alone": {
      says: "it times each lock with no other thread",
      check({ lines }) {
        const line = lines.at(-1) ?? "";
        must(
          /^alone, ns per acquire \+ release: 2 states [\d.]+, 3 states [\d.]+, core's Lock [\d.]+$/.test(
            line,
          ),
          `the last line is "${line}"`,
        );
      },
    },
  },
  // Whether anyone slept: a run with no contention wakes no one.
  outcome: ({ lines }) =>
    half(lines, 2).woken + half(lines, 3).woken > 0
      ? "threads slept and were woken"
      : "no thread slept",
};
