/**
 * The loop of a pool worker: a thread that imports the program's module,
 * runs the initializer, then takes work items from the pool's queue until it
 * is shut down. For each item it claims the task (PENDING → RUNNING, unless
 * the owner cancelled it first), calls the exported function, and sends the
 * result or error back through the result queue, then rings the doorbell.
 */
import { BrokenExecutor, ShutDown } from "../errors.ts";
import type { Queue } from "../queue/queue.ts";
import { runtime } from "../runtime/index.ts";
import { registerBuiltinTarget } from "../thread/builtin.ts";
import { type ExportRef, resolveExport } from "../thread/exports.ts";
import { CANCELLED, FINISHED, PENDING, RUNNING } from "./future.ts";

/** A work item: which slot, its generation, the task's export, and its arguments. */
export type WorkItem = [
  slot: number,
  generation: number,
  moduleUrl: string,
  exportName: string,
  args: unknown[],
];
/** A result: the slot, its generation, whether the task returned, and what it returned or threw. */
export type ResultItem = [slot: number, generation: number, ok: boolean, value: unknown];

/** Pool control words. */
export const IDLE = 0; // workers that finished a task and may take another (Python's _idle_semaphore)
export const BROKEN = 2; // 1 once an initializer failed or a worker died
export const RUNNING_SLOT = 4; // RUNNING_SLOT + worker index: the slot it runs + 1, 0 when idle

export interface PoolChannels {
  work: Queue<WorkItem>;
  results: Queue<ResultItem>;
  control: Int32Array;
  states: Int32Array;
  doorbell: Int32Array;
}

function ring(doorbell: Int32Array): void {
  Atomics.add(doorbell, 0, 1);
  Atomics.notify(doorbell, 0);
}

/** Sends a result; one that cannot be copied back becomes an error saying so. */
function send(
  results: Queue<ResultItem>,
  slot: number,
  generation: number,
  ok: boolean,
  value: unknown,
  name: string,
): void {
  try {
    results.put([slot, generation, ok, value]);
    return;
  } catch (error) {
    if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
    const what = ok ? `the result of ${name}` : `the error thrown by ${name}`;
    const reason = new TypeError(`${what} cannot be sent back from the worker: ${error.message}`);
    if (!ok && value instanceof Error)
      reason.cause = `${value.name}: ${value.message}\n${value.stack ?? ""}`;
    results.put([slot, generation, false, reason]);
  }
}

async function poolWorker(
  channels: PoolChannels,
  index: number,
  initializer: ExportRef | null,
  initargs: unknown[],
): Promise<void> {
  const { work, results, control, states, doorbell } = channels;
  if (initializer) {
    try {
      await resolveExport(initializer)(...initargs);
    } catch (error) {
      const detail = error instanceof Error ? (error.stack ?? String(error)) : String(error);
      runtime.writeLine("stderr", `Exception in initializer:\n${detail}`);
      Atomics.store(control, BROKEN, 1);
      failQueued(channels);
      return;
    }
  }
  for (;;) {
    let item: WorkItem;
    try {
      item = work.get();
    } catch (error) {
      if (error instanceof ShutDown) return;
      throw error;
    }
    const [slot, generation, moduleUrl, exportName, args] = item;
    const base = generation * 4;
    // Claim the task; if the owner cancelled it first, skip it.
    if (Atomics.compareExchange(states, slot, base + PENDING, base + RUNNING) !== base + PENDING)
      continue;
    Atomics.store(control, RUNNING_SLOT + index, slot + 1);
    let ok = true;
    let value: unknown;
    try {
      value = await resolveExport({ moduleUrl, exportName })(...args);
    } catch (error) {
      ok = false;
      value = error;
    }
    send(results, slot, generation, ok, value, exportName);
    Atomics.store(states, slot, base + FINISHED);
    Atomics.store(control, RUNNING_SLOT + index, 0);
    ring(doorbell);
    Atomics.add(control, IDLE, 1);
  }
}

/** After a failed initializer: every queued task fails with BrokenExecutor, as in Python. */
function failQueued({ work, results, states, doorbell }: PoolChannels): void {
  for (;;) {
    let item: WorkItem;
    try {
      item = work.getNowait();
    } catch {
      break;
    }
    const [slot, generation] = item;
    const base = generation * 4;
    if (Atomics.compareExchange(states, slot, base + PENDING, base + CANCELLED) !== base + PENDING)
      continue;
    const error = new BrokenExecutor(
      "A thread initializer failed, the thread pool is not usable anymore",
    );
    results.put([slot, generation, false, error]);
  }
  ring(doorbell);
}

registerBuiltinTarget("unravel:pool-worker", poolWorker);

export { poolWorker };
