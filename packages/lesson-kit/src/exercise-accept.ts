/**
 * Whether a learner's version of an exercise is accepted, decided the same
 * way in the terminal (`pnpm exercise`), in `pnpm test`'s proof and on the
 * page. No Node module here: how a program is run is the caller's
 * {@link ExerciseRunner}, one real run and, where the host can step, one run
 * under a given schedule.
 *
 * - `fix` and `write`: every check holds on every explored schedule (PCT,
 *   seeds 1, 2, …) and on one real run.
 * - `break`: the check named by `breaks` fails on some explored schedule
 *   (the first is reported, with the schedule that replays it) or on the
 *   real run. `breaks` may also name the run's own "no deadlock"
 *   ({@link BREAKS_DEADLOCK}): then only a run that deadlocks passes — one
 *   the engine or the host reported with its wait-for cycle — not a run
 *   that merely ends short or crashes.
 *
 * Schedules come first: they are deterministic, and a program that hangs
 * for real (a consumer that never stops) ends at once in step mode, as a
 * deadlock.
 */
import { type CheckRun, judge, type LessonChecks, sentence } from "./check.ts";
import type { ExerciseKind } from "./exercises.ts";

/** How one run ended, as the runner saw it. */
export interface ExerciseRun {
  /** `finished` when the program ran to its end; else why not. */
  end: "finished" | "deadlock" | "stuck" | "failed" | "diverged" | "paused" | "timeout" | "crashed";
  exitCode: number | null;
  lines: string[];
  stderr?: string;
  /** The engine's or the host's own words about a run that did not finish (the deadlock's cycle…). */
  report?: string;
  trace?: CheckRun["trace"];
  source?: string;
  /** A stepped run: the thread of each step, which replays it. */
  schedule?: number[];
}

export type Schedule =
  | {
      scheduler: "pct";
      seed: number;
      depth: number;
      /** PCT's k: the steps a run takes (the longest so far; 100 before the first). */
      steps: number;
    }
  | { scheduler: "random"; seed: number };

export interface ExerciseRunner {
  /** One real run of the learner's program. */
  real(): Promise<ExerciseRun>;
  /** One run under `schedule`; absent where the host cannot step programs (yet). */
  stepped?(schedule: Schedule): Promise<ExerciseRun>;
}

/** A failed check, or the run's own failure (a deadlock, a crash) under a title of its own. */
export interface Failure {
  title: string;
  says: string;
  reason: string;
  /** How the run ended, on the run's own failure (not a check's). */
  end?: ExerciseRun["end"];
}

/** A run that decided the verdict. */
export interface DecisiveRun {
  /** A schedule (seed `seed`, steps `schedule`) or the real run. */
  on: "schedule" | "real run";
  scheduler?: "pct" | "random";
  seed?: number;
  schedule?: number[];
  lines: string[];
  failures: Failure[];
}

export interface ExerciseVerdict {
  accepted: boolean;
  kind: ExerciseKind;
  /** Schedules run, and how many were planned. */
  explored: number;
  planned: number;
  /** Whether exploring was skipped because the host cannot step. */
  unexplored: boolean;
  /** Whether the real run was made. */
  realRun: boolean;
  /** For a rejected fix/write: the run that failed; for an accepted break: the run that broke it. */
  decisive?: DecisiveRun;
  /** For a rejected break whose runs failed some other way: the last such failure (the program crashed…). */
  other?: DecisiveRun;
  /** Stopped before the end (`cancelled`): neither accepted nor rejected. */
  cancelled?: boolean;
  /** The verdict in words, first line "passed …" or "failed …". */
  words: string[];
}

export const RUN_END_TITLES = {
  deadlock: "no deadlock",
  ends: "the run ends",
  exit: "exits with code 0",
} as const;

/** What each run-end title says. */
const RUN_END_SAYS: Record<string, string> = {
  [RUN_END_TITLES.deadlock]: "the program does not deadlock",
  [RUN_END_TITLES.ends]: "the program runs to its end",
  [RUN_END_TITLES.exit]: "the program exits with code 0",
};

/**
 * `export const breaks = BREAKS_DEADLOCK` ("no deadlock"): a break exercise
 * whose point is a deadlock. Accepted only on a run that ended in one; no
 * check of that title is needed (nor allowed: a check could fail on a run
 * that just ends short).
 */
export const BREAKS_DEADLOCK = RUN_END_TITLES.deadlock;

/** What went wrong in a run: its own failure, or else every failed check. */
export function failuresOf(run: ExerciseRun, checks: LessonChecks): Failure[] {
  if (run.end === "deadlock")
    return [
      {
        title: RUN_END_TITLES.deadlock,
        says: RUN_END_SAYS[RUN_END_TITLES.deadlock]!,
        reason: run.report ?? "every thread is blocked, and none of them can wake another",
        end: run.end,
      },
    ];
  if (run.end !== "finished")
    return [
      {
        title: RUN_END_TITLES.ends,
        says: RUN_END_SAYS[RUN_END_TITLES.ends]!,
        reason: `${endWords(run.end)}${run.report || run.stderr?.trim() ? `: ${(run.report ?? run.stderr ?? "").trim()}` : ""}`,
        end: run.end,
      },
    ];
  if (run.exitCode !== 0)
    return [
      {
        title: RUN_END_TITLES.exit,
        says: RUN_END_SAYS[RUN_END_TITLES.exit]!,
        reason: run.stderr?.trim() || `it exited with code ${run.exitCode}`,
        end: run.end,
      },
    ];
  return judge(checks, {
    lines: run.lines,
    language: "typescript",
    ...(run.trace ? { trace: run.trace } : {}),
    ...(run.source === undefined ? {} : { source: run.source }),
  }).flatMap((v) => (v.passed ? [] : [{ title: v.title, says: v.says, reason: v.reason }]));
}

function endWords(end: ExerciseRun["end"]): string {
  switch (end) {
    case "timeout":
      return "it did not end in time (a thread that never stops?)";
    case "stuck":
      return "a thread ran too long without a step point";
    case "crashed":
    case "failed":
      return "it crashed";
    default:
      return `it ended: ${end}`;
  }
}

export interface AcceptOptions {
  kind: ExerciseKind;
  checks: LessonChecks;
  breaks?: string;
  /** Schedules to explore (0: none). */
  explore: number;
  /** @default "pct" */
  scheduler?: "pct" | "random";
  /** PCT's depth. @default 3 */
  depth?: number;
  /** The seed of the first schedule; schedule i has seed + i. @default 1 */
  seed?: number;
  /** Skip the real run (the proof of a start that must fail on a schedule). @default false */
  skipRealRun?: boolean;
  /** After each run: `done` of `total` (the real run counts as one). */
  onProgress?(done: number, total: number): void;
  /** Asked between runs; true stops the check (a newer save in --watch). */
  cancelled?(): boolean;
}

/** Decides whether the program `runner` runs is accepted, as the module's doc says. */
export async function accept(
  runner: ExerciseRunner,
  options: AcceptOptions,
): Promise<ExerciseVerdict> {
  const { kind, checks, breaks } = options;
  if (kind === "break" && breaks === undefined)
    throw new Error("a break exercise needs `breaks`, the title of the check to make fail");
  const planned = runner.stepped ? options.explore : 0;
  const total = planned + (options.skipRealRun ? 0 : 1);
  const verdict: ExerciseVerdict = {
    accepted: false,
    kind,
    explored: 0,
    planned,
    unexplored: options.explore > 0 && !runner.stepped,
    realRun: false,
    words: [],
  };
  /** The run decides: a break found its failure (a deadlock only if the run deadlocked), or a fix/write failed. */
  const decides = (failures: Failure[]) =>
    kind === "break" ? failures.some((f) => breaksOn(f, breaks!)) : failures.length > 0;

  let k = 0;
  for (let i = 0; i < planned && runner.stepped; i++) {
    await turn(); // a save (--watch) or the page's progress bar gets its turn between runs
    if (options.cancelled?.()) break;
    const seed = (options.seed ?? 1) + i;
    const run = await runner.stepped(
      options.scheduler === "random"
        ? { scheduler: "random", seed }
        : { scheduler: "pct", seed, depth: options.depth ?? 3, steps: k || 100 },
    );
    k = Math.max(k, run.schedule?.length ?? 0);
    verdict.explored = i + 1;
    options.onProgress?.(i + 1, total);
    const failures = failuresOf(run, checks);
    const decisive: DecisiveRun = {
      on: "schedule",
      scheduler: options.scheduler ?? "pct",
      seed,
      schedule: run.schedule ?? [],
      lines: run.lines,
      failures,
    };
    if (decides(failures)) {
      verdict.decisive = decisive;
      verdict.accepted = kind === "break";
      verdict.words = words(verdict, options);
      return verdict;
    }
    if (failures.length > 0) verdict.other = decisive;
  }
  await turn();
  if (!options.skipRealRun && !options.cancelled?.()) {
    const run = await runner.real();
    verdict.realRun = true;
    options.onProgress?.(total, total);
    const failures = failuresOf(run, checks);
    const decisive: DecisiveRun = { on: "real run", lines: run.lines, failures };
    if (decides(failures)) {
      verdict.decisive = decisive;
      verdict.accepted = kind === "break";
      verdict.words = words(verdict, options);
      return verdict;
    }
    if (failures.length > 0) verdict.other = decisive;
  }
  if (options.cancelled?.()) {
    verdict.cancelled = true;
    verdict.words = ["cancelled: a newer version is being checked"];
    return verdict;
  }
  verdict.accepted = kind !== "break";
  verdict.words = words(verdict, options);
  return verdict;
}

/** Whether `f` is the failure a break exercise asks for: its named check, or the run's own deadlock. */
function breaksOn(f: Failure, breaks: string): boolean {
  if (breaks === BREAKS_DEADLOCK) return f.end === "deadlock";
  return f.title === breaks && f.end === undefined;
}

/** Lets timers and events run: a runner may block while a run lasts. */
const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Where a decisive run was: "on schedule 7 (PCT seed 7, 41 steps)" or "on a real run". */
export function where(run: DecisiveRun): string {
  if (run.on === "real run") return "on a real run";
  const how = run.scheduler === "random" ? "random" : "PCT";
  return `on schedule ${run.seed} (${how} seed ${run.seed}, ${plural(run.schedule?.length ?? 0, "step")})`;
}

/** What was tried, in words: "50 schedules and a real run". */
function tried(v: ExerciseVerdict): string {
  const parts = [];
  if (v.explored > 0) parts.push(plural(v.explored, "schedule"));
  if (v.realRun) parts.push("a real run");
  return parts.join(" and ") || "nothing";
}

/** The verdict in words: the first line says passed or failed and names the check. */
export function words(
  v: ExerciseVerdict,
  options: Pick<AcceptOptions, "breaks" | "checks">,
): string[] {
  const out: string[] = [];
  const d = v.decisive;
  if (v.kind === "break") {
    const named = options.breaks!;
    const check = options.checks.checks[named];
    const says =
      d?.failures.find((f) => breaksOn(f, named))?.says ??
      (check ? sentence(named, check) : (RUN_END_SAYS[named] ?? named));
    if (v.accepted && d) {
      const f = d.failures.find((x) => breaksOn(x, named))!;
      out.push(`passed: you broke "${says}" ${where(d)}.`);
      out.push(`  ${f.reason}`);
    } else {
      out.push(`failed: "${says}" held on every run tried (${tried(v)}); it must fail on one.`);
      if (v.other)
        out.push(
          `  (${where(v.other)} the program failed another way: ${v.other.failures[0]!.says}: ${v.other.failures[0]!.reason})`,
        );
    }
  } else if (!v.accepted && d) {
    const [first, ...rest] = d.failures;
    out.push(`failed: "${first!.says}" ${where(d)}.`);
    out.push(`  ${first!.reason}`);
    for (const f of rest) out.push(`  also failed: "${f.says}": ${f.reason}`);
  } else {
    out.push(`passed: every check held on ${tried(v)}.`);
  }
  if (v.unexplored) out.push("  (schedules were not explored here: only a real run was made)");
  return out;
}
