import {
  type LessonChecks,
  mainSteps,
  must,
} from "@unravel/lesson-kit/check";

const WORKERS = ["worker-1", "worker-2", "worker-3"];

export const checks: LessonChecks = {
  checks: {
    "starts every worker before it joins any": {
      says: "the main thread starts every worker before it waits for any",
      check({ trace, source }) {
        // What the main thread did, in its own order: its prints and
        // the joins it waited in.
        must(trace, "this run recorded no trace");
        const steps = mainSteps(trace);
        const started = steps.findIndex(
          (s) => "text" in s && s.text.startsWith("main: started"),
        );
        must(
          started >= 0,
          'the main thread never printed "main: started …"',
        );
        must(
          steps.slice(0, started).every((s) => s.kind !== "join"),
          "the main thread waited in join() before it had started every worker: they ran one after the other",
        );
        // Also in the program: a join() in the loop that starts them.
        must(
          source !== undefined,
          "the program's source was not given",
        );
        must(
          !/for \(const (\w+) of threads\) \{[^}]*\1\.start\(\)[^}]*\1\.join\(/.test(
            source,
          ),
          "the loop that starts each worker also joins it, so each one ends before the next starts",
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
    "ends with the main thread's line": {
      says: "the main thread's last line comes last",
      check({ lines }) {
        must(
          lines.at(-1) === "main: all joined",
          `the last line is "${lines.at(-1)}"`,
        );
      },
    },
  },
};

// Accepted when your version makes this one fail.
export const breaks = "starts every worker before it joins any";
