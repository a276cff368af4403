// Step mode in Chromium, through @unravel/core/host: the page is the
// scheduler (a paused run waits for steer()), the step log comes to the page.
import { expect, it } from "vitest";
import {
  type Paused,
  type RunResult,
  type SharedArrayInfo,
  type StepOptions,
  type StepRecord,
  startRun,
} from "../src/host/index.ts";

interface Stepped {
  records: StepRecord[];
  arrays: SharedArrayInfo[];
  locks: { lock: string; holder: number; step: number }[];
  lines: string[];
  /** The next pause (resolves at once if one is waiting). */
  paused(): Promise<Paused>;
  steer(thread: number): void;
  finish(seed: number): void;
  stop(): void;
  done: Promise<RunResult>;
}

function stepped(file: string, step: StepOptions): Stepped {
  const records: StepRecord[] = [];
  const arrays: SharedArrayInfo[] = [];
  const locks: Stepped["locks"] = [];
  const lines: string[] = [];
  const pauses: Paused[] = [];
  let wake: (() => void) | null = null;
  const run = startRun(`/scenarios/${file}`, {
    timeoutMs: 50_000,
    onLine: (line) => lines.push(line.text),
    step: {
      ...step,
      onStep: (r) => records.push(r),
      onArray: (a) => arrays.push(a),
      onLock: (l) => locks.push(l),
      onPause: (p) => {
        pauses.push(p);
        wake?.();
      },
    },
  });
  const paused = async (): Promise<Paused> => {
    while (pauses.length === 0) await new Promise<void>((r) => (wake = r));
    return pauses.shift()!;
  };
  return {
    records,
    arrays,
    locks,
    lines,
    paused,
    steer: run.steer,
    finish: run.finish,
    stop: run.stop,
    done: run.done,
  };
}

const nextOf = (p: Paused, thread: number) => p.threads.find((t) => t.thread === thread);

/** Steps whichever enabled thread `want` picks until `until` holds; returns the pause it holds at. */
async function stepUntil(
  run: Stepped,
  until: (p: Paused) => boolean,
  want: (p: Paused) => number,
): Promise<Paused> {
  for (let i = 0; i < 200; i++) {
    const p = await run.paused();
    if (until(p)) return p;
    run.steer(want(p));
  }
  throw new Error("did not get there in 200 steps");
}

it("the page steps a program: read, read, write, write loses an update, seen in the log, the threads and the array", async () => {
  const run = stepped("step-lost-update.js", { scheduler: "replay", replay: [], pause: true });
  // Main starts both threads; each thread goes to its first Atomics.load.
  const atLoad = (p: Paused, t: number) => nextOf(p, t)?.next?.op === "Atomics.load";
  let p = await stepUntil(
    run,
    (p) => atLoad(p, 2) && atLoad(p, 3),
    (p) => p.enabled.find((t) => !atLoad(p, t)) ?? p.enabled[0]!,
  );
  expect(p.enabled).toEqual(expect.arrayContaining([2, 3]));
  // Main waits in join: a blocked thread, with what it waits for.
  expect(nextOf(p, 1)).toMatchObject({ name: "MainThread", state: "blocked" });
  expect(nextOf(p, 1)!.waits?.op).toBe("join");
  // The next step in words, at the program's line (7: the read).
  expect(nextOf(p, 2)!.next).toMatchObject({ op: "Atomics.load", object: "Int32Array(1)[0]" });
  expect(nextOf(p, 2)!.next!.site).toBe("step-lost-update.ts:7");
  // The array the program made, shown to the page over the program's own memory.
  expect(run.arrays).toHaveLength(1);
  expect(run.arrays[0]).toMatchObject({ id: 1, site: "step-lost-update.ts:14" });
  const counter = run.arrays[0]!.view;
  expect(counter[0]).toBe(0);

  for (const t of [2, 3, 2, 3]) {
    run.steer(t);
    p = await run.paused();
  }
  const last4 = run.records.slice(-4);
  expect(last4.map((r) => [r.thread, r.op, r.before, r.after])).toEqual([
    [2, "Atomics.load", 0, 0],
    [3, "Atomics.load", 0, 0],
    [2, "Atomics.store", 0, 1],
    [3, "Atomics.store", 1, 1],
  ]);
  expect(last4.map((r) => r.site)).toEqual([
    "step-lost-update.ts:7",
    "step-lost-update.ts:7",
    "step-lost-update.ts:8",
    "step-lost-update.ts:8",
  ]);
  expect(last4.every((r) => r.array === 1 && r.index === 0)).toBe(true);
  expect(counter[0]).toBe(1); // two additions, one lost
  // Steps are numbered in order, each once, and the pause counts them.
  expect(run.records.map((r) => r.step)).toEqual(run.records.map((_, i) => i + 1));
  expect(p.step).toBe(run.records.length);

  // The rest under the random scheduler: the run ends, the lock's holders were shown.
  run.finish(7);
  const result = await run.done;
  expect(result.reason, run.lines.join("\n")).toBe("finished");
  expect(result.step?.end).toBe("finished");
  expect(run.lines).toEqual(["total 3 of 4"]); // one update lost, for good
  const holders = run.locks.map((l) => l.holder);
  expect(holders.filter((h) => h !== 0).sort()).toEqual([2, 3]);
  expect(holders.filter((h) => h === 0)).toHaveLength(2);
});

it("a schedule the page recorded replays to the same log, step by step", async () => {
  const first = stepped("step-lost-update.js", { scheduler: "random", seed: 11 });
  expect((await first.done).reason).toBe("finished");
  const schedule = first.records.map((r) => r.thread);
  const again = stepped("step-lost-update.js", { scheduler: "replay", replay: schedule });
  expect((await again.done).reason).toBe("finished");
  const strip = (r: StepRecord) => ({ ...r, frame: undefined, seq: undefined });
  expect(again.records.map(strip)).toEqual(first.records.map(strip));
  expect(again.lines).toEqual(first.lines);
});

it("a paused run resumed at a prefix of a schedule (undo) is where that prefix left it", async () => {
  const full = stepped("step-lost-update.js", { scheduler: "random", seed: 3 });
  await full.done;
  const prefix = full.records.slice(0, 20).map((r) => r.thread);
  const undo = stepped("step-lost-update.js", { scheduler: "replay", replay: prefix, pause: true });
  const p = await undo.paused();
  expect(p.step).toBe(20);
  const strip = (r: StepRecord) => ({ ...r, frame: undefined, seq: undefined });
  expect(undo.records.map(strip)).toEqual(full.records.slice(0, 20).map(strip));
  expect(p.enabled).toContain(full.records[20]!.thread);
  undo.stop();
  expect((await undo.done).reason).toBe("stopped");
});

it("a two-lock deadlock stepped into ends the run with its wait-for cycle", async () => {
  const run = stepped("step-two-locks.js", { scheduler: "replay", replay: [], pause: true });
  const acquiring = (t: number) => (p: Paused) => nextOf(p, t)?.next?.op === "acquire";
  /** Steps thread t until `until` holds (or t cannot step); the pause it holds at. */
  const stepThread = async (p: Paused, t: number, until: (p: Paused) => boolean) => {
    while (!until(p) && p.enabled.includes(t)) {
      run.steer(t);
      p = await run.paused();
    }
    return p;
  };
  let p = await stepUntil(
    run,
    (p) => p.enabled.includes(2) && p.enabled.includes(3),
    (p) => p.enabled[0]!,
  );
  expect(p.threads.map((t) => t.name)).toEqual(["MainThread", "left", "right"]);
  p = await stepThread(p, 2, acquiring(2));
  run.steer(2); // left takes Lock 1
  p = await stepThread(await run.paused(), 3, acquiring(3));
  run.steer(3); // right takes Lock 2
  p = await stepThread(await run.paused(), 2, acquiring(2));
  run.steer(2); // left asks for Lock 2: blocked
  p = await run.paused();
  expect(nextOf(p, 2)).toMatchObject({ state: "blocked", waits: { op: "acquire", holder: 3 } });
  expect(p.enabled).not.toContain(2);
  p = await stepThread(p, 3, acquiring(3));
  run.steer(3); // right asks for Lock 1: blocked too
  p = await run.paused();
  expect(p.enabled).toEqual([1]); // main, at its join
  expect(nextOf(p, 3)).toMatchObject({ state: "blocked", waits: { op: "acquire", holder: 2 } });
  run.steer(1); // main joins left: nobody can step
  const result = await run.done;
  expect(result.step?.end).toBe("deadlock");
  expect(result.deadlock?.cycle).toEqual([
    { thread: "left", waitsFor: "Lock#2" },
    { thread: "right", waitsFor: "Lock#1" },
  ]);
  expect(result.step?.report).toContain("cycle: left → Lock#2 held by right → Lock#1 held by left");
});
