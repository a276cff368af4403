/**
 * @unravel/core across threads: the library's own `Thread`s run the targets
 * in `workers/core-targets.ts`, on the round protocol of `rounds.ts`.
 */
import { availableParallelism } from "node:os";
import * as core from "@unravel/core";
import { Condition, Event, Lock, Queue, sharedInt32, Thread } from "@unravel/core";
import { errorMessage, type FigureInput, missing, type Step } from "../figures.ts";
import { type QueueCase, queueCases, queueId, queueLabel } from "../queue-cases.ts";
import { CHECK, driveRounds, median, newControl, wrappedSum } from "../rounds.ts";
import type { Settings } from "../settings.ts";
import * as targets from "../workers/core-targets.ts";
import * as other from "../workers/core-targets-other.ts";

type Figure = Omit<FigureInput, "value" | "note">;

/** Starts the threads, drives the rounds, joins; a failure becomes the figure's note. */
function measureThreads(
  f: Figure,
  threads: Thread<any>[],
  rounds: Omit<Parameters<typeof driveRounds>[0], "threads">,
): FigureInput {
  for (const t of threads) t.start();
  try {
    const rates = driveRounds({ ...rounds, threads: threads.length });
    for (const t of threads) {
      if (!t.join(10_000)) throw new Error(`${t.name} did not end`);
      if (t.exception) throw t.exception;
    }
    return { ...f, value: median(rates), samples: rates };
  } catch (error) {
    // Threads left blocked are daemons: they do not hold the bench open.
    return missing(f, `failed: ${errorMessage(error)}`);
  }
}

function lockCounter(s: Settings, n: number): FigureInput {
  const ctrl = newControl();
  const lock = new Lock();
  const counter = sharedInt32(1);
  const threads = Array.from(
    { length: n },
    () =>
      new Thread({ target: targets.lockedCounter, args: [ctrl, lock, counter, n], daemon: true }),
  );
  return measureThreads(
    {
      id: `lock.counter${n}`,
      label: `Lock counter, ${n} threads`,
      unit: "ops/s",
      better: "higher",
    },
    threads,
    {
      ctrl,
      rounds: s.rounds,
      warmup: 20_000,
      roundMs: s.roundMs,
      multiple: n,
      before: () => Atomics.store(counter, 0, 0),
      check: (count) => {
        if (Atomics.load(counter, 0) !== count)
          throw new Error(`counter ${counter[0]}, expected ${count}`);
      },
    },
  );
}

function conditionPingPong(s: Settings): FigureInput {
  const ctrl = newControl();
  const cond = new Condition();
  const turn = sharedInt32(1);
  const threads = [0, 1].map(
    (me) =>
      new Thread({ target: targets.conditionSide, args: [ctrl, cond, turn, me], daemon: true }),
  );
  return measureThreads(
    {
      id: "cond.pingpong",
      label: "Condition ping-pong, 2 threads",
      unit: "rt/s",
      better: "higher",
    },
    threads,
    { ctrl, rounds: s.rounds, warmup: 1_000, roundMs: s.roundMs },
  );
}

function eventPingPong(s: Settings): FigureInput {
  const ctrl = newControl();
  const ping = new Event();
  const pong = new Event();
  const threads = [
    new Thread({ target: targets.eventPing, args: [ctrl, ping, pong], daemon: true }),
    new Thread({ target: targets.eventPong, args: [ctrl, ping, pong], daemon: true }),
  ];
  return measureThreads(
    { id: "event.pingpong", label: "Event ping-pong, 2 threads", unit: "rt/s", better: "higher" },
    threads,
    { ctrl, rounds: s.rounds, warmup: 1_000, roundMs: s.roundMs },
  );
}

function queueThroughput(s: Settings, c: QueueCase): FigureInput {
  const ctrl = newControl();
  const q = new Queue<unknown>(c.maxsize);
  const threads: Thread<any>[] = [];
  for (let index = 0; index < c.pairs; index++) {
    const role: targets.QueueRole = { index, of: c.pairs, objects: c.objects };
    threads.push(new Thread({ target: targets.producer, args: [ctrl, q, role], daemon: true }));
    threads.push(new Thread({ target: targets.consumer, args: [ctrl, q, role], daemon: true }));
  }
  return measureThreads(
    { id: queueId(c), label: queueLabel(c), unit: "items/s", better: "higher" },
    threads,
    {
      ctrl,
      rounds: s.rounds,
      warmup: 10_000,
      roundMs: s.roundMs,
      multiple: c.pairs,
      check: (count) => {
        const sum = Atomics.load(ctrl, CHECK);
        if (sum !== wrappedSum(count))
          throw new Error(`items lost or repeated: checksum ${sum}, expected ${wrappedSum(count)}`);
      },
    },
  );
}

/** Starts a thread of `target` and times `start()` until its first line ran; joins it. */
function timeStart(target: (flag: Int32Array) => void): number {
  const flag = sharedInt32(1);
  const t = new Thread({ target, args: [flag] });
  const t0 = performance.now();
  t.start();
  while (Atomics.load(flag, 0) === 0) {
    if (Atomics.wait(flag, 0, 0, 10_000) === "timed-out")
      throw new Error("the thread never started");
  }
  const ms = performance.now() - t0;
  if (!t.join(10_000)) throw new Error("the thread did not end");
  return ms;
}

/**
 * `Thread.start()` to the target's first line, cold: a new worker each time.
 * Node keeps a spare worker warmed for the module of the last thread started;
 * alternating two modules leaves no usable spare, so each start is cold
 * (while the runtime warms a spare beside it, as it does for every start).
 */
function coldStart(s: Settings): FigureInput {
  const f = {
    id: "thread.start.cold",
    label: "Thread.start() to first line, cold",
    unit: "ms",
    better: "lower",
  } as const;
  try {
    const times: number[] = [];
    for (let i = 0; i < s.starts; i++) {
      times.push(timeStart(i % 2 ? targets.firstLine : other.firstLineOther));
    }
    return { ...f, value: median(times), samples: times };
  } catch (error) {
    return missing(f, `failed: ${errorMessage(error)}`);
  }
}

/** The same, warm: the spare worker of the previous start has had time to get ready. */
function warmStart(s: Settings): FigureInput {
  const f = {
    id: "thread.start.warm",
    label: "Thread.start() to first line, warm (spare worker)",
    unit: "ms",
    better: "lower",
  } as const;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  try {
    timeStart(targets.firstLine); // leaves a spare warming for this module
    const times: number[] = [];
    for (let i = 0; i < s.starts; i++) {
      Atomics.wait(pause, 0, 0, s.quick ? 300 : 500); // the spare imports the module meanwhile
      times.push(timeStart(targets.firstLine));
    }
    return { ...f, value: median(times), samples: times };
  } catch (error) {
    return missing(f, `failed: ${errorMessage(error)}`);
  }
}

/** Trivial tasks through ThreadPoolExecutor: submit a batch, wait for every result. */
function poolTasks(s: Settings): FigureInput {
  const f = {
    id: "pool.tasks",
    label: `ThreadPoolExecutor, trivial tasks (${poolThreads()} threads)`,
    unit: "tasks/s",
    better: "higher",
  } as const;
  const Executor = (core as Record<string, unknown>).ThreadPoolExecutor as
    | (new (o: {
        maxWorkers: number;
      }) => Pool)
    | undefined;
  if (!Executor) return notLanded(f, "ThreadPoolExecutor");
  let pool: Pool | undefined;
  try {
    pool = new Executor({ maxWorkers: poolThreads() });
    const batch = (n: number) => {
      const futures = [];
      for (let i = 0; i < n; i++) futures.push(pool!.submit(targets.echo, i));
      for (let i = 0; i < n; i++) {
        if (futures[i]!.result(20_000) !== i) throw new Error(`task ${i} returned the wrong value`);
      }
    };
    batch(s.poolTasks); // warm-up: every worker started
    const rates: number[] = [];
    for (let r = 0; r < s.rounds; r++) {
      const t0 = performance.now();
      batch(s.poolTasks);
      rates.push(s.poolTasks / ((performance.now() - t0) / 1000));
    }
    pool.shutdown({ wait: true });
    return { ...f, value: median(rates), samples: rates };
  } catch (error) {
    try {
      pool?.shutdown({ wait: false, cancelFutures: true });
    } catch {}
    return missing(f, `failed: ${errorMessage(error)}`);
  }
}

/** `submit()` to the task's first line on a pool whose worker is already started: a warm start. */
function poolWarmStart(s: Settings): FigureInput {
  const f = {
    id: "pool.submit.warm",
    label: "ThreadPoolExecutor.submit() to the task's first line, warm worker",
    unit: "ms",
    better: "lower",
  } as const;
  const Executor = (core as Record<string, unknown>).ThreadPoolExecutor as
    | (new (o: {
        maxWorkers: number;
        initializer: (flag: Int32Array) => void;
        initargs: [Int32Array];
      }) => Pool)
    | undefined;
  if (!Executor) return notLanded(f, "ThreadPoolExecutor");
  const flag = sharedInt32(1);
  let pool: Pool | undefined;
  try {
    pool = new Executor({ maxWorkers: 1, initializer: targets.keepStartFlag, initargs: [flag] });
    const times: number[] = [];
    for (let i = 1; i <= s.starts + 1; i++) {
      const t0 = performance.now();
      const future = pool.submit(targets.poolFirstLine, i);
      while (Atomics.load(flag, 0) !== i) {
        const seen = Atomics.load(flag, 0);
        if (Atomics.wait(flag, 0, seen, 10_000) === "timed-out")
          throw new Error("the task never started");
      }
      if (i > 1) times.push(performance.now() - t0); // the first one starts the worker: cold
      future.result(10_000);
    }
    pool.shutdown({ wait: true });
    return { ...f, value: median(times), samples: times };
  } catch (error) {
    try {
      pool?.shutdown({ wait: false, cancelFutures: true });
    } catch {}
    return missing(f, `failed: ${errorMessage(error)}`);
  }
}

interface Pool {
  submit(fn: (n: number) => unknown, n: number): { result(timeout?: number): unknown };
  shutdown(o?: { wait?: boolean; cancelFutures?: boolean }): void;
}

/** Pools are compared at one worker per core: piscina and ours alike. */
export function poolThreads(): number {
  return availableParallelism();
}

/** Core part 2 lands piece by piece: a figure whose API is not exported yet says so. */
function notLanded(f: Figure, what: string): FigureInput {
  return missing(f, `not measured: ${what} has not landed in @unravel/core yet`);
}

/** Each of our figures as a step, keyed by its figure id. Await `targets.registered` first. */
export function coreSteps(s: Settings): Step[] {
  return [
    { id: "lock.counter2", run: () => lockCounter(s, 2) },
    { id: "lock.counter4", run: () => lockCounter(s, 4) },
    { id: "cond.pingpong", run: () => conditionPingPong(s) },
    { id: "event.pingpong", run: () => eventPingPong(s) },
    ...queueCases.map((c) => ({ id: queueId(c), run: () => queueThroughput(s, c) })),
    { id: "thread.start.cold", run: () => coldStart(s) },
    { id: "thread.start.warm", run: () => warmStart(s) },
    { id: "pool.submit.warm", run: () => poolWarmStart(s) },
    { id: "pool.tasks", run: () => poolTasks(s) },
  ];
}

export { other, type QueueCase, queueCases, queueId, targets };
