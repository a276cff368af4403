/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in. Each check has a sentence
 * for the learner; the lesson page shows them after a run.
 */
import {
  type LessonChecks,
  mainSteps,
  must,
} from "@unravel/lesson-kit/check";

const STEP = /^(.+) \(ident (\d+)\): step (\d+)$/;
const WORKERS = ["worker-1", "worker-2", "worker-3", "worker-4"];
const LAST = "main: all joined (I am MainThread)";

/** The step lines, read: which thread, its ident, which step. */
function steps(lines: string[]) {
  return lines.flatMap((line) => {
    const m = STEP.exec(line);
    return m
      ? [{ name: m[1]!, ident: m[2]!, step: Number(m[3]) }]
      : [];
  });
}

export const checks: LessonChecks = {
  checks: {
    "starts every worker before it joins any": {
      says: "the main thread starts every worker before it joins any",
      check({ trace }) {
        // Whether the workers' lines overlap is timing; that the main
        // thread started all four before its first join is the program's
        // own order, which the trace records. Start and join in one loop
        // and the workers run one after the other.
        must(
          trace,
          "this run recorded no trace to read the main thread's steps from",
        );
        const steps = mainSteps(trace);
        const started = steps.findIndex(
          (s) =>
            "text" in s && s.text === "main: started 4 threads",
        );
        must(
          started >= 0,
          'the main thread never printed "main: started 4 threads"',
        );
        // (A join of a thread that has already ended does not wait, and
        // the trace records only joins that waited.)
        const early = steps
          .slice(0, started)
          .filter((s) => s.kind === "join");
        must(
          early.length === 0,
          "the main thread waited in join() before it had started every worker",
        );
      },
    },
    "runs each thread's steps once and in its own order": {
      says: "each thread runs its steps once, in its own order",
      check({ lines }) {
        const all = steps(lines);
        for (const name of WORKERS) {
          const mine = all
            .filter((s) => s.name === name)
            .map((s) => s.step);
          must(
            JSON.stringify(mine) === "[1,2,3]",
            `${name} printed steps ${JSON.stringify(mine)}, not [1,2,3]`,
          );
        }
        must(all.length === 13, `${all.length} step lines, not 13`);
      },
    },
    "gives each thread one ident, unique among live threads": {
      says: "each thread keeps one ident, unique among the threads alive with it",
      check({ lines }) {
        const named = steps(lines).filter((s) =>
          WORKERS.includes(s.name),
        );
        for (const w of WORKERS) {
          const idents = new Set(
            named.filter((s) => s.name === w).map((s) => s.ident),
          );
          must(
            idents.size === 1,
            `${w} printed ${idents.size} idents`,
          );
        }
        // A thread that printed between another's first and last lines
        // ran while that one was alive: their idents must differ. (One
        // that ended first may hand its ident on: Python often does.)
        const span = (w: string) => {
          const mine = lines.filter((l) => l.startsWith(`${w} (`));
          return [
            lines.indexOf(mine[0]!),
            lines.indexOf(mine.at(-1)!),
          ];
        };
        const identOf = (w: string) =>
          named.find((s) => s.name === w)!.ident;
        for (const a of WORKERS) {
          for (const b of WORKERS) {
            const [a0, a1] = span(a);
            const [b0, b1] = span(b);
            if (a !== b && a0! < b1! && b0! < a1!) {
              must(
                identOf(a) !== identOf(b),
                `${a} and ${b} ran at the same time with one ident, ${identOf(a)}`,
              );
            }
          }
        }
      },
    },
    "names an unnamed thread after its number and target": {
      says: "a thread without a name is called Thread-N (worker)",
      check({ lines }) {
        const others = steps(lines)
          .filter((s) => !WORKERS.includes(s.name))
          .map((s) => s.name);
        must(
          others.length === 1 &&
            /^Thread-\d+ \(worker\)$/.test(others[0]!),
          `the unnamed thread printed as ${JSON.stringify(others)}`,
        );
      },
    },
    "prints the main thread's lines in order, the last one last": {
      says: "the main thread's lines come in order, its last one last",
      check({ lines }) {
        const mine = lines.filter((l) => l.startsWith("main: "));
        must(
          JSON.stringify(mine) ===
            JSON.stringify(["main: started 4 threads", LAST]),
          `the main thread printed ${JSON.stringify(mine)}`,
        );
        must(
          lines.at(-1) === LAST,
          `the last line is "${lines.at(-1)}"`,
        );
      },
    },
  },
  // The order in which the workers printed their first step.
  outcome: ({ lines }) =>
    `first steps in the order ${[
      ...new Set(
        steps(lines)
          .filter((s) => s.step === 1)
          .map((s) => s.name),
      ),
    ].join(", ")}`,
};
