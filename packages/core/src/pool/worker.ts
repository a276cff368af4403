/**
 * The loop of a pool worker: a thread that imports the program's module,
 * runs the initializer, then takes work items from the pool's queue until it
 * is shut down. For each item it claims the task (PENDING → RUNNING, unless
 * the owner cancelled it first), calls the exported function, and sends the
 * result or error back through the result queue, then rings the doorbell.
 *
 * Both queues are unbounded, so neither side ever waits to put: the owner
 * can submit any number of tasks while results pile up, and a worker never
 * waits for the owner to drain. Items travel as frames: the slot, its
 * generation and a flag as three uint32, then the codec's bytes of the rest,
 * so the owner encodes a task's arguments once and reads a result's slot
 * without decoding it.
 */
import { BrokenExecutor, ShutDown } from "../errors.ts";
import { decodeValue, encodeValue } from "../memory/codec.ts";
import type { Queue } from "../queue/queue.ts";
import { runtime } from "../runtime/index.ts";
import { registerBuiltinTarget } from "../thread/builtin.ts";
import { type ExportRef, resolveExport } from "../thread/exports.ts";
import { CANCELLED, FINISHED, PENDING, RUNNING } from "./future.ts";

/** A work frame's payload: the task's export and its arguments (the frame holds slot and generation). */
export type WorkItem = [moduleUrl: string, exportName: string, args: unknown[]];
/** A result frame's payload: what the task returned (flag 1) or threw (flag 0). */
export type ResultItem = unknown;

const FRAME_HEAD = 12;

/** The parts of a frame: slot, generation and flag, then `payload` (encoded by the codec). */
export function frame(
  slot: number,
  generation: number,
  flag: number,
  payload: Uint8Array,
): Uint8Array[] {
  const head = new Uint8Array(FRAME_HEAD);
  const view = new DataView(head.buffer);
  view.setUint32(0, slot, true);
  view.setUint32(4, generation, true);
  view.setUint32(8, flag, true);
  return [head, payload];
}

/** A frame read back: its numbers, and its payload still encoded. */
export function unframe(bytes: Uint8Array): {
  slot: number;
  generation: number;
  flag: number;
  payload: Uint8Array;
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    slot: view.getUint32(0, true),
    generation: view.getUint32(4, true),
    flag: view.getUint32(8, true),
    payload: bytes.subarray(FRAME_HEAD),
  };
}

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
    const payload = encodeValue(value, ok ? "result" : "error");
    results._putFrame(frame(slot, generation, ok ? 1 : 0, payload));
    return;
  } catch (error) {
    if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
    const what = ok ? `the result of ${name}` : `the error thrown by ${name}`;
    const reason = new TypeError(`${what} cannot be sent back from the worker: ${error.message}`);
    if (!ok && value instanceof Error)
      reason.cause = `${value.name}: ${value.message}\n${value.stack ?? ""}`;
    results._putFrame(frame(slot, generation, 0, encodeValue(reason, "error")));
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
    let bytes: Uint8Array;
    try {
      bytes = work._getFrame();
    } catch (error) {
      if (error instanceof ShutDown) return;
      throw error;
    }
    const { slot, generation, payload } = unframe(bytes);
    const base = generation * 4;
    // Claim the task; if the owner cancelled it first, skip it (without decoding its arguments).
    if (Atomics.compareExchange(states, slot, base + PENDING, base + RUNNING) !== base + PENDING)
      continue;
    const [moduleUrl, exportName, args] = decodeValue(payload) as WorkItem;
    Atomics.store(control, RUNNING_SLOT + index, slot + 1);
    let ok = true;
    let value: unknown;
    try {
      value = await resolveExport({ moduleUrl, exportName })(...args);
    } catch (error) {
      ok = false;
      value = error;
    }
    // Finished before the result is sent: once the owner has the result it may give
    // the slot to its next task at once, and a later store here would overwrite that
    // task's PENDING, so that no worker would ever claim it.
    Atomics.store(states, slot, base + FINISHED);
    send(results, slot, generation, ok, value, exportName);
    Atomics.store(control, RUNNING_SLOT + index, 0);
    ring(doorbell);
    Atomics.add(control, IDLE, 1);
  }
}

/** After a failed initializer: every queued task fails with BrokenExecutor, as in Python. */
function failQueued({ work, results, states, doorbell }: PoolChannels): void {
  for (;;) {
    let bytes: Uint8Array;
    try {
      bytes = work._getFrame({ block: false });
    } catch {
      break;
    }
    const { slot, generation } = unframe(bytes);
    const base = generation * 4;
    if (Atomics.compareExchange(states, slot, base + PENDING, base + CANCELLED) !== base + PENDING)
      continue;
    const error = new BrokenExecutor(
      "A thread initializer failed, the thread pool is not usable anymore",
    );
    results._putFrame(frame(slot, generation, 0, encodeValue(error, "error")));
  }
  ring(doorbell);
}

registerBuiltinTarget("unravel:pool-worker", poolWorker);

export { poolWorker };
