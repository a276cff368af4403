/**
 * The peer library `multithreading` (W4G1), measured in a child process of
 * its own: its workers print long code dumps on stderr when a task fails, and
 * a failure of its channel must be a result, not a crash of the bench.
 * Prints one JSON object on stdout: { figures: Figure[] }.
 *
 * Its tasks are functions turned into source text, so they cannot import our
 * round protocol: each inlines the same loop (READY, GO, COUNT, DONE).
 */
import { Condvar, channel, initRuntime, Mutex, move, shutdown, spawn } from "multithreading";
import type { Figure } from "../figures.ts";
import { driveRounds, median, newControl } from "../rounds.ts";
import { settings } from "../settings.ts";

const s = settings();
initRuntime({ maxWorkers: 4 });
const figures: Figure[] = [];

function figure(f: Omit<Figure, "source">): void {
  figures.push({ ...f, source: "multithreading" });
}

// Uncontended Mutex: blockingLock + dispose on this thread.
{
  const { measure } = await import("mitata");
  const m = new Mutex();
  const stats = await measure(
    () => {
      const guard = m.blockingLock();
      guard.dispose();
    },
    { min_cpu_time: s.microMs * 1e6 },
  );
  figure({
    id: "mt.mutex",
    label: "multithreading Mutex, uncontended",
    unit: "ns",
    better: "lower",
    value: stats.p50,
  });
}

// 2 threads incrementing a counter under its Mutex.
try {
  const ctrl = newControl();
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const m = new Mutex(counter);
  const handles = [0, 1].map(() =>
    spawn(move(m, ctrl, 2), (m: any, ctrl: Int32Array, threads: number) => {
      Atomics.add(ctrl, 0, 1);
      Atomics.notify(ctrl, 0);
      for (let round = 1; ; round++) {
        for (let go = Atomics.load(ctrl, 1); go < round; go = Atomics.load(ctrl, 1))
          Atomics.wait(ctrl, 1, go);
        const count = Atomics.load(ctrl, 3);
        if (count < 0) return;
        for (let i = count / threads; i > 0; i--) {
          const guard = m.blockingLock();
          guard.value[0]++;
          guard.dispose();
        }
        Atomics.add(ctrl, 2, 1);
        Atomics.notify(ctrl, 2);
      }
    }),
  );
  const rates = driveRounds({
    ctrl,
    threads: 2,
    rounds: s.rounds,
    warmup: 2_000,
    roundMs: s.roundMs,
    multiple: 2,
    before: () => Atomics.store(counter, 0, 0),
    check: (count) => {
      if (Atomics.load(counter, 0) !== count)
        throw new Error(`counter ${counter[0]}, expected ${count}`);
    },
  });
  await Promise.all(handles.map((h) => h.join()));
  figure({
    id: "mt.counter2",
    label: "multithreading Mutex counter, 2 threads",
    unit: "ops/s",
    better: "higher",
    value: median(rates),
    samples: rates,
  });
} catch (error) {
  figure({
    id: "mt.counter2",
    label: "multithreading Mutex counter, 2 threads",
    unit: "ops/s",
    better: "higher",
    value: null,
    note: `failed: ${message(error)}`,
  });
}

// Condvar ping-pong between two threads.
try {
  const ctrl = newControl();
  const turn = new Int32Array(new SharedArrayBuffer(4));
  const m = new Mutex(turn);
  const cv = new Condvar();
  const handles = [0, 1].map((me) =>
    spawn(move(m, cv, ctrl, me), (m: any, cv: any, ctrl: Int32Array, me: number) => {
      Atomics.add(ctrl, 0, 1);
      Atomics.notify(ctrl, 0);
      for (let round = 1; ; round++) {
        for (let go = Atomics.load(ctrl, 1); go < round; go = Atomics.load(ctrl, 1))
          Atomics.wait(ctrl, 1, go);
        const count = Atomics.load(ctrl, 3);
        if (count < 0) return;
        for (let i = 0; i < count; i++) {
          const guard = m.blockingLock();
          while (guard.value[0] !== me) cv.blockingWait(guard);
          guard.value[0] = 1 - me;
          cv.notifyOne();
          guard.dispose();
        }
        Atomics.add(ctrl, 2, 1);
        Atomics.notify(ctrl, 2);
      }
    }),
  );
  const rates = driveRounds({
    ctrl,
    threads: 2,
    rounds: s.rounds,
    warmup: 500,
    roundMs: s.roundMs,
  });
  await Promise.all(handles.map((h) => h.join()));
  figure({
    id: "mt.condvar-pingpong",
    label: "multithreading Condvar ping-pong",
    unit: "rt/s",
    better: "higher",
    value: median(rates),
    samples: rates,
  });
} catch (error) {
  figure({
    id: "mt.condvar-pingpong",
    label: "multithreading Condvar ping-pong",
    unit: "rt/s",
    better: "higher",
    value: null,
    note: `failed: ${message(error)}`,
  });
}

// channel(1024), small objects, 1 producer → 1 consumer, run long enough to find failures.
{
  const items = s.channelItems;
  const [tx, rx] = channel<{ id: number; name: string; done: boolean }>(1024);
  const producer = spawn(move(tx, items), (tx: any, items: number) => {
    for (let id = 0; id < items; id++) {
      const sent = tx.blockingSend({ id, name: "item", done: false });
      if (!sent.ok) return { sent: id, error: String(sent.error?.message ?? sent.error) };
    }
    return { sent: items, error: null };
  });
  const t0 = performance.now();
  let received = 0;
  let failure: string | null = null;
  try {
    for (; received < items; received++) {
      const got = rx.blockingRecv();
      if (!got.ok) {
        failure = String((got.error as Error)?.message ?? got.error);
        break;
      }
    }
  } catch (error) {
    failure = message(error);
  }
  const seconds = (performance.now() - t0) / 1000;
  const sent = (await producer.join()) as {
    ok: boolean;
    value?: { sent: number; error: string | null };
    error?: unknown;
  };
  const sendError = sent.ok ? sent.value?.error : message(sent.error);
  const error = sendError ?? failure;
  figure({
    id: "mt.channel.obj",
    label: "multithreading channel(1024), objects 1 → 1",
    unit: "items/s",
    better: "higher",
    value: error ? null : received / seconds,
    note: error ? `failed after ${received} of ${items} items: ${error}` : `${items} items carried`,
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

shutdown();
process.stdout.write(`${JSON.stringify({ figures })}\n`);
process.exit(0);
