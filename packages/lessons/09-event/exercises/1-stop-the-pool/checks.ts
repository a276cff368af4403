import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const WORKERS = ["w1", "w2", "w3"];
const STOPPED = /^(w\d): stopped after (\d+) rounds$/;

export const checks: LessonChecks = {
  checks: {
    "stops every worker, none before the stop signal": {
      says: "every worker says it stopped, once, after the stop signal",
      check({ lines }) {
        const stop = lines.indexOf("main: stop!");
        must(stop >= 0, 'there is no "main: stop!" line');
        for (const w of WORKERS) {
          const mine = lines.filter(
            (l) => STOPPED.exec(l)?.[1] === w,
          );
          must(
            mine.length === 1,
            mine.length === 0
              ? `${w} never said "${w}: stopped after N rounds": it was still working when the program ended`
              : `${w} stopped ${mine.length} times`,
          );
          must(
            lines.indexOf(mine[0]!) > stop,
            `${w} stopped before "main: stop!"`,
          );
        }
      },
    },
    "ends once every worker has stopped": {
      says: "the main thread's last line comes last, after every worker stopped",
      check({ lines }) {
        must(
          lines.at(-1) === "main: all workers stopped",
          `the last line is "${lines.at(-1)}"`,
        );
      },
    },
  },
};
