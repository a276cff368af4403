/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever the timing. Each check has a sentence for the learner; the
 * lesson page shows them after a run, and `pnpm lesson stopping --explore`
 * holds every explored schedule to them.
 *
 * Python prints `True`/`False` where JavaScript prints `true`/`false`,
 * and says that the lock is still held where core throws
 * `LockAbandonedError`; the checks accept either spelling.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

/** The index of the one line that matches `pattern`; it must be there, once. */
function one(
  lines: string[],
  pattern: RegExp,
  what: string,
): number {
  const found = lines.flatMap((l, i) =>
    pattern.test(l) ? [i] : [],
  );
  must(found.length > 0, `there is no line for ${what}`);
  must(
    found.length === 1,
    `${what} is printed ${found.length} times`,
  );
  return found[0]!;
}

export const checks: LessonChecks = {
  checks: {
    "reports a thread's error in the hook, then to the joiner": {
      says: "the parser's error reaches the excepthook, then the main thread after join()",
      check({ lines }) {
        must(
          !lines.some((l) => l.startsWith("parse: ")),
          "the parser printed a number: it did not fail",
        );
        const hook = one(
          lines,
          /^excepthook: parser died: /,
          "the excepthook's report of the parser",
        );
        const joined = one(
          lines,
          /^main: the parser failed: /,
          "the main thread's report of the parser's error",
        );
        must(
          hook < joined,
          "the main thread reported the error before the hook did",
        );
        must(
          lines[hook]!.split("died: ")[1] ===
            lines[joined]!.split("failed: ")[1],
          `the hook and the joiner saw different errors: "${lines[hook]}" and "${lines[joined]}"`,
        );
      },
    },
    "never rings a cancelled timer": {
      says: "the cancelled timer never rings; the other rings once",
      check({ lines }) {
        const rings = lines.filter((l) => l.startsWith("timer: "));
        must(
          !rings.includes("timer: the cancelled one"),
          "the cancelled timer rang: cancel() came too late, or not at all",
        );
        must(
          rings.length === 1 && rings[0] === "timer: 20 ms are up",
          `the timers printed ${JSON.stringify(rings)}`,
        );
      },
    },
    "stops the worker at a check, with the lock released": {
      says: "the stop signal ends the worker at its next check, and leaves the lock free",
      check({ lines }) {
        const saw = one(
          lines,
          /^worker: saw the stop after \d+ rounds$/,
          "the worker seeing the stop",
        );
        const rounds = Number(/(\d+) rounds/.exec(lines[saw]!)![1]);
        must(
          rounds >= 3,
          `the worker did ${rounds} rounds; main waits for three`,
        );
        const after = one(
          lines,
          /^main: after the stop, locked\(\) is /,
          "the lock's state after the stop",
        );
        must(
          after > saw,
          "main looked before the worker had stopped",
        );
        must(
          /is (false|False)$/.test(lines[after]!),
          "the lock is still held after the worker stopped: it returned from inside its critical section",
        );
      },
    },
    "leaves the lock held when a thread dies holding it": {
      says: "a thread that dies holding the lock leaves it held: the next acquire does not get it",
      check({ lines }) {
        const died = one(
          lines,
          /^excepthook: crasher died: /,
          "the crasher's death",
        );
        const next = one(
          lines,
          /^main: acquire.*: crasher ended holding it$/,
          "main's acquire after the crash",
        );
        must(next > died, "main's acquire came before the crash");
        must(
          /threw LockAbandonedError|gave up/.test(lines[next]!),
          `main's acquire ended with "${lines[next]}"`,
        );
      },
    },
    "returns from main while the daemon still runs": {
      says: "the main thread's last line is last, with the daemon still alive: the program ends without waiting for it",
      check({ lines }) {
        must(
          /^main: returning; the daemon is alive: (true|True)$/.test(
            lines.at(-1) ?? "",
          ),
          `the last line is "${lines.at(-1)}"`,
        );
      },
    },
  },
};
