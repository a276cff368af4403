/**
 * The floors and Node's own message passing, on plain `worker_threads`
 * (the worker is `workers/raw.ts`).
 */
import { MessageChannel, Worker } from "node:worker_threads";
import { errorMessage, type FigureInput, missing, type Step } from "../figures.ts";
import { CHECK, driveRounds, median, newControl, wrappedSum } from "../rounds.ts";
import type { Settings } from "../settings.ts";
import type { RawTask } from "../workers/raw.ts";

const RAW = new URL("../workers/raw.ts", import.meta.url);

function start(task: RawTask): Worker {
  const worker = new Worker(RAW, { workerData: task });
  worker.unref();
  return worker;
}

function words(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * 4));
}

type Figure = Omit<FigureInput, "value" | "note">;

/** The figure from what `measure` samples (its median), or the figure missing with the error. */
async function sampled(
  f: Figure,
  measure: () => number[] | Promise<number[]>,
  cleanup?: () => Promise<unknown>,
): Promise<FigureInput> {
  try {
    const samples = await measure();
    return { ...f, value: median(samples), samples };
  } catch (error) {
    return missing(f, `failed: ${errorMessage(error)}`);
  } finally {
    await cleanup?.();
  }
}

/** Blocks until `cell[i]` is not 0; throws `what` after 10 s. */
function waitSet(cell: Int32Array, i: number, what: string): void {
  while (Atomics.load(cell, i) === 0) {
    if (Atomics.wait(cell, i, 0, 10_000) === "timed-out") throw new Error(what);
  }
}

async function measureWorkers(
  f: Figure,
  tasks: Omit<RawTask, "ctrl">[],
  rounds: Omit<Parameters<typeof driveRounds>[0], "threads" | "ctrl">,
): Promise<FigureInput> {
  const ctrl = newControl();
  const workers = tasks.map((t) => start({ ...t, ctrl }));
  return sampled(
    f,
    () => driveRounds({ ...rounds, ctrl, threads: workers.length }),
    () => Promise.all(workers.map((w) => w.terminate())),
  );
}

function futexCounter(s: Settings, n: number): Promise<FigureInput> {
  const w = words(2);
  return measureWorkers(
    {
      id: `floor.futex-counter${n}`,
      label: `floor: bare futex mutex counter, ${n} threads`,
      unit: "ops/s",
      better: "higher",
    },
    Array.from({ length: n }, () => ({ mode: "futex-counter" as const, words: w, threads: n })),
    {
      rounds: s.rounds,
      warmup: 20_000,
      roundMs: s.roundMs,
      multiple: n,
      before: () => Atomics.store(w, 1, 0),
      check: (count) => {
        if (Atomics.load(w, 1) !== count) throw new Error(`counter ${w[1]}, expected ${count}`);
      },
    },
  );
}

function atomicsPingPong(s: Settings): Promise<FigureInput> {
  const w = words(1);
  return measureWorkers(
    {
      id: "floor.atomics-pingpong",
      label: "floor: bare Atomics.wait/notify ping-pong",
      unit: "rt/s",
      better: "higher",
    },
    [
      { mode: "atomics-ping", words: w },
      { mode: "atomics-pong", words: w },
    ],
    { rounds: s.rounds, warmup: 1_000, roundMs: s.roundMs },
  );
}

function spscRing(s: Settings): Promise<FigureInput> {
  const w = words(4);
  const ring = new Int32Array(new SharedArrayBuffer(1024 * 4));
  return measureWorkers(
    {
      id: "floor.spsc-ring",
      label: "floor: bare SPSC Int32 ring (1024), wait/notify",
      unit: "items/s",
      better: "higher",
    },
    [
      { mode: "ring-producer", words: w, ring },
      { mode: "ring-consumer", words: w, ring },
    ],
    {
      rounds: s.rounds,
      warmup: 100_000,
      roundMs: s.roundMs,
      check: (count, ctrl) => {
        const sum = Atomics.load(ctrl, CHECK);
        if (sum !== wrappedSum(count)) throw new Error(`items lost or repeated: checksum ${sum}`);
      },
    },
  );
}

/**
 * One-way postMessage: rounds of `count` messages to a worker that answers,
 * after the last, with how many it saw and the sum of their ids (checked:
 * a lost or repeated message fails the figure). `objects`: each message is
 * the small object the Queue's object rows put, `{ id, name: "item",
 * done: false }`, cloned by the structured clone where our Queue encodes it
 * into shared memory.
 */
async function postMessageOneWay(s: Settings, objects: boolean): Promise<FigureInput> {
  const f = {
    id: objects ? "node.pm-oneway.obj" : "node.pm-oneway",
    label: `postMessage one-way (${objects ? "small objects" : "numbers"})`,
    unit: "items/s",
    better: "higher",
  } as const;
  const worker = new Worker(RAW, {
    workerData: { mode: "pm-sink", ctrl: newControl(), words: words(1) },
  });
  return sampled(
    f,
    () =>
      messageRounds(s, 20_000, async (count) => {
        const done = once(worker);
        worker.postMessage({ expect: count });
        if (objects)
          for (let id = 0; id < count; id++) worker.postMessage({ id, name: "item", done: false });
        else for (let i = 0; i < count; i++) worker.postMessage(i);
        const got = (await done) as { seen: number; sum: number };
        if (got.seen !== count || got.sum !== wrappedSum(count))
          throw new Error(
            `messages lost or repeated: ${got.seen} of ${count}, checksum ${got.sum}`,
          );
      }),
    () => worker.terminate(),
  );
}

async function postMessagePingPong(s: Settings): Promise<FigureInput> {
  const f = {
    id: "node.pm-pingpong",
    label: "postMessage ping-pong",
    unit: "rt/s",
    better: "higher",
  } as const;
  const worker = new Worker(RAW, {
    workerData: { mode: "pm-echo", ctrl: newControl(), words: words(1) },
  });
  return sampled(
    f,
    () =>
      messageRounds(s, 2_000, async (count) => {
        for (let i = 0; i < count; i++) {
          const back = once(worker);
          worker.postMessage(i);
          await back;
        }
      }),
    () => worker.terminate(),
  );
}

function once(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no answer for 20 s")), 20_000);
    worker.once("message", (m) => {
      clearTimeout(timer);
      resolve(m);
    });
  });
}

/** Rounds as in `driveRounds`, for code that needs its event loop. */
async function messageRounds(
  s: Settings,
  warmup: number,
  round: (count: number) => Promise<unknown>,
): Promise<number[]> {
  await round(10); // the worker is up and listening
  const rates: number[] = [];
  let count = warmup;
  for (let r = 0; r <= s.rounds; r++) {
    const t0 = performance.now();
    await round(count);
    const rate = count / ((performance.now() - t0) / 1000);
    if (r > 0) rates.push(rate);
    count = Math.max(1, Math.round((rate * s.roundMs) / 1000));
  }
  return rates;
}

/** `new Worker()` to its first line, with a `.ts` module as small as ours. */
async function workerStart(s: Settings): Promise<FigureInput> {
  const f = {
    id: "node.worker-start",
    label: "new Worker() to first line, cold",
    unit: "ms",
    better: "lower",
  } as const;
  return sampled(f, async () => {
    const times: number[] = [];
    for (let i = 0; i < s.starts; i++) {
      const flag = words(1);
      const t0 = performance.now();
      const worker = new Worker(RAW, {
        workerData: { mode: "first-line", ctrl: flag, words: flag },
      });
      waitSet(flag, 0, "the worker never started");
      times.push(performance.now() - t0);
      await worker.terminate();
    }
    return times;
  });
}

/**
 * The floor of a warm start: a bare worker parked on a shared word (after
 * the same pause as ours), woken with a task on a port, to its first line.
 */
async function spareWake(s: Settings): Promise<FigureInput> {
  const f = {
    id: "floor.spare-wake",
    label: "a parked bare Worker woken with its task, to first line",
    unit: "ms",
    better: "lower",
  } as const;
  const pause = words(1);
  return sampled(f, async () => {
    const times: number[] = [];
    for (let i = 0; i < s.starts; i++) {
      const mailbox = words(2);
      const flag = words(1);
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(RAW, {
        workerData: { mode: "spare", ctrl: flag, words: mailbox, port: port2 },
        transferList: [port2],
      });
      waitSet(mailbox, 1, "the worker never parked");
      Atomics.wait(pause, 0, 0, s.quick ? 30 : 500); // as long as ours waits before a warm start
      const t0 = performance.now();
      port1.postMessage({ flag });
      Atomics.store(mailbox, 0, 1);
      Atomics.notify(mailbox, 0);
      waitSet(flag, 0, "the worker never woke");
      times.push(performance.now() - t0);
      port1.close();
      await worker.terminate();
    }
    return times;
  });
}

/** Each baseline as a step, keyed by its figure id, so that the bench can run it next to ours. */
export function rawSteps(s: Settings): Step[] {
  return [
    { id: "floor.futex-counter2", run: () => futexCounter(s, 2) },
    { id: "floor.futex-counter4", run: () => futexCounter(s, 4) },
    { id: "floor.atomics-pingpong", run: () => atomicsPingPong(s) },
    { id: "floor.spsc-ring", run: () => spscRing(s) },
    { id: "node.pm-oneway", run: () => postMessageOneWay(s, false) },
    { id: "node.pm-oneway.obj", run: () => postMessageOneWay(s, true) },
    { id: "node.pm-pingpong", run: () => postMessagePingPong(s) },
    { id: "node.worker-start", run: () => workerStart(s) },
    { id: "floor.spare-wake", run: () => spareWake(s) },
  ];
}
