/**
 * What every run of the sample (and of its Python twin) must show. A
 * timer on the main thread's event loop counts ticks every 10 ms; how
 * many is timing, but a blocked thread runs no callback at all, so a
 * blocking wait sees exactly 0, and an awaited wait of 200 ms of work
 * sees at least one. Python's twin waits with `asyncio.to_thread`.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

/** The ticks of the line that starts with one of `labels`. */
function ticks(lines: string[], labels: string[]): number {
  const line = lines.find((l) =>
    labels.some((x) => l.startsWith(x)),
  );
  must(line, `there is no "${labels[0]} N ticks …" line`);
  const m = /: +(\d+) ticks while it waited$/.exec(line);
  must(m, `the line reads "${line}"`);
  return Number(m[1]);
}

const JOIN = ["join():"];
const JOIN_ASYNC = ["await joinAsync():", "await to_thread(join):"];
const GET_ASYNC = ["await getAsync():", "await to_thread(get):"];

export const checks: LessonChecks = {
  checks: {
    "a blocking join runs no callback": {
      says: "while join() blocks the main thread, its timer never ticks",
      check({ lines }) {
        const n = ticks(lines, JOIN);
        must(
          n === 0,
          `the timer ticked ${n} times during join(): the main thread was not blocked`,
        );
      },
    },
    "an awaited join leaves the event loop free": {
      says: "while the main thread awaits joinAsync(), its timer keeps ticking",
      check({ lines }) {
        const n = ticks(lines, JOIN_ASYNC);
        must(
          n > 0,
          "the timer never ticked during the awaited join: the main thread was blocked",
        );
      },
    },
    "an awaited get leaves the event loop free and gets the item": {
      says: "while the main thread awaits getAsync(), its timer keeps ticking, and the item arrives",
      check({ lines }) {
        const n = ticks(lines, GET_ASYNC);
        must(
          n > 0,
          "the timer never ticked during the awaited get: the main thread was blocked",
        );
        must(
          /^ {2}and got "worked \d+ ms"$/.test(lines.at(-1) ?? ""),
          `the last line is "${lines.at(-1)}"`,
        );
      },
    },
  },
};
