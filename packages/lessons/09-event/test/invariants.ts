/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in. Each check has a sentence
 * for the learner; the lesson page shows them after a run.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const WORKERS = ["w1", "w2", "w3"];

/** Where a line is; it must be there. */
function at(lines: string[], line: string): number {
  const index = lines.indexOf(line);
  must(index >= 0, `there is no "${line}" line`);
  return index;
}

export const checks: LessonChecks = {
  checks: {
    "starts only once every worker is ready": {
      says: "the start signal comes only once every worker is ready",
      check({ lines }) {
        const start = at(lines, "main: start!");
        for (const w of WORKERS) {
          must(
            at(lines, `${w}: ready`) < start,
            `${w} was ready only after "main: start!"`,
          );
        }
      },
    },
    "lets no worker go before the start signal": {
      says: "no worker goes before the start signal",
      check({ lines }) {
        const start = at(lines, "main: start!");
        for (const w of WORKERS) {
          must(
            at(lines, `${w}: go!`) > start,
            `${w} went before "main: start!"`,
          );
        }
      },
    },
    "stops every worker, none before the stop signal": {
      says: "every worker stops, none before the stop signal",
      check({ lines }) {
        const stop = at(lines, "main: stop!");
        for (const w of WORKERS) {
          const stopped = lines.filter((l) =>
            l.startsWith(`${w}: stopped`),
          );
          must(
            stopped.length === 1,
            `${w} stopped ${stopped.length} times`,
          );
          must(
            /^w\d: stopped after \d+ rounds$/.test(stopped[0]!),
            `${w} printed "${stopped[0]}"`,
          );
          must(
            at(lines, stopped[0]!) > stop,
            `${w} stopped before "main: stop!"`,
          );
        }
      },
    },
    "prints the main thread's last line last": {
      says: "the main thread's last line comes last",
      check({ lines }) {
        must(
          lines.at(-1) === "main: all workers stopped",
          `the last line is "${lines.at(-1)}"`,
        );
        const want = 3 * WORKERS.length + 3;
        must(
          lines.length === want,
          `${lines.length} lines, not ${want}`,
        );
      },
    },
  },
};
