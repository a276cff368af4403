import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const WORKERS = ["worker-1", "worker-2", "worker-3"];

export const checks: LessonChecks = {
  checks: {
    "prints the main thread's last line after every worker's": {
      says: 'every worker has printed its last step when "main: all joined" comes, last',
      check({ lines }) {
        must(
          lines.at(-1) === "main: all joined",
          `the last line is "${lines.at(-1)}": "main: all joined" came while a worker was still running`,
        );
      },
    },
    "runs each worker's steps once, in order": {
      says: "each worker prints its two steps once, in order",
      check({ lines }) {
        for (const w of WORKERS) {
          const mine = lines.filter((l) => l.startsWith(`${w}: `));
          must(
            JSON.stringify(mine) ===
              JSON.stringify([`${w}: step 1`, `${w}: step 2`]),
            `${w} printed ${JSON.stringify(mine)}`,
          );
        }
      },
    },
  },
};
