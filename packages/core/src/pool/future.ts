/**
 * `Future`: Python's `concurrent.futures.Future`, the result of a task
 * submitted to a `ThreadPoolExecutor`.
 *
 * A future lives in the thread that submitted the task (its owner). Its
 * shared half is one word of the pool's state table, which the worker and
 * the owner race on only once: the worker turns PENDING into RUNNING, or the
 * owner turns it into CANCELLED, by compare-and-swap. The result itself
 * comes back through the pool's result queue, and every pool of this thread
 * rings one DOORBELL word after each result, which is what the owner sleeps
 * on: no event loop is needed to wait for a result.
 */
import type { Waiting } from "../diagnose/waits.ts";
import { CancelledError, TimeoutError } from "../errors.ts";
import { runtime } from "../runtime/index.ts";
import { stepping } from "../step/state.ts";
import {
  assertCanBlock,
  checkTimeout,
  deadlineAfter,
  now,
  runAsync,
  runBlocking,
  type WaitFor,
  type WaitLoop,
  waitAsync,
} from "../sync/futex.ts";
import { trace, tracer } from "../trace/trace.ts";

/** A slot's state word: `generation * 4 + one of these`. */
export const PENDING = 0;
export const RUNNING = 1;
export const FINISHED = 2;
export const CANCELLED = 3;

/** What the owner's side of a pool provides to its futures. */
export interface FutureSource {
  /** Takes every result that has arrived, settling its future. Never blocks for long. */
  drain(): void;
  /** Whether this future's task was started by a worker (a snapshot). */
  running(future: Future<unknown>): boolean;
  /** Tries to cancel a task no worker has started. */
  cancel(future: Future<unknown>): boolean;
  /** The ident of the worker thread running this future's task, or 0 (for the deadlock report). */
  runnerOf(future: Future<unknown>): number;
  /** Futures of this pool not yet settled. */
  readonly pending: number;
}

// ——— The thread's doorbell: one word every pool of this thread rings after each result ———

/** How often a waiting owner checks that its pools' workers are alive. */
const HEALTH_CHECK_MS = 100;

let doorbell: Int32Array | null = null;
const sources = new Set<FutureSource>();

/** This thread's doorbell, created on first use; pools hand it to their workers. */
export function threadDoorbell(): Int32Array {
  doorbell ??= new Int32Array(new SharedArrayBuffer(4));
  return doorbell;
}

export function addSource(source: FutureSource): void {
  sources.add(source);
}

export function removeSource(source: FutureSource): void {
  sources.delete(source);
}

function drainAll(): void {
  for (const source of sources) source.drain();
}

/**
 * Waits until `ready()` holds, draining results as they arrive; `false` if
 * the deadline passed first. Shared by `result`, `wait`, `asCompleted` and
 * `shutdown`, blocking or async.
 */
export function* waitUntilReady(
  ready: () => boolean,
  deadline: number,
  on?: Omit<Waiting, "tick">,
): WaitLoop<boolean> {
  const bell = threadDoorbell();
  // A blocking wait (given `on`) sleeps to its deadline and checks each
  // TICK (its `tick`), so a wait with no deadline counts as blocked in the
  // deadlock report; an async one sleeps in slices.
  const waiting: Waiting | undefined = on && {
    ...on,
    tick: () => {
      drainAll();
      return ready();
    },
  };
  for (;;) {
    // Why this order: read the doorbell before draining. A result that
    // arrives after the drain has rung it, so the wait below does not sleep.
    const rung = Atomics.load(bell, 0);
    drainAll();
    if (ready()) return true;
    if (now() >= deadline) return false;
    // Sleep in slices: a worker that dies (process.exit, terminated) cannot
    // ring the bell, and each drain checks the workers are alive.
    yield {
      word: bell,
      index: 0,
      expected: rung,
      deadline: waiting ? deadline : Math.min(deadline, now() + HEALTH_CHECK_MS),
      on: waiting,
    };
  }
}

// ——— The pump: settles futures (and runs callbacks) while this thread's event loop is free ———

let pumping = false;

/**
 * Runs while any future of this thread is pending: drains results as they
 * come, so done-callbacks run without a call to `result()`, and keeps a Node
 * process alive until the work is done, as Python waits for its pools at exit.
 */
export function startPump(): void {
  if (pumping) return;
  pumping = true;
  const bell = threadDoorbell();
  const pending = () => [...sources].some((s) => s.pending > 0);
  (async () => {
    try {
      while (pending()) {
        const rung = Atomics.load(bell, 0);
        drainAll();
        if (!pending()) break;
        const wait: WaitFor = {
          word: bell,
          index: 0,
          expected: rung,
          deadline: now() + HEALTH_CHECK_MS,
        };
        await waitAsync(wait);
      }
    } finally {
      pumping = false;
    }
  })().catch((error) => runtime.writeLine("stderr", `thread pool: ${String(error)}`));
}

// ——— Future ———

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown } | { cancelled: true };

/**
 * The eventual result of a task. Python: `concurrent.futures.Future`.
 * Belongs to the thread that submitted the task.
 */
export class Future<T = unknown> {
  /** @internal */ readonly slot: number;
  /** @internal */ readonly generation: number;
  readonly #source: FutureSource;
  readonly #label: string;
  #settled: Settled<T> | null = null;
  #callbacks: ((future: Future<T>) => void)[] = [];

  /** @internal Futures are made by `ThreadPoolExecutor.submit`. */
  constructor(source: FutureSource, slot: number, generation: number, label: string) {
    this.#source = source;
    this.slot = slot;
    this.generation = generation;
    this.#label = label;
  }

  /**
   * Cancels the task if no worker has started it. Returns `true` if the
   * future is (now) cancelled, `false` if the task is running or done.
   */
  cancel(): boolean {
    if (this.#settled) return "cancelled" in this.#settled;
    if (!this.#source.cancel(this as Future<unknown>)) return false;
    this.settle({ cancelled: true });
    return true;
  }

  /** Whether the future was cancelled. */
  cancelled(): boolean {
    return this.#settled !== null && "cancelled" in this.#settled;
  }

  /** Whether a worker is running the task now. */
  running(): boolean {
    return !this.done() && this.#source.running(this as Future<unknown>);
  }

  /** Whether the task finished (returned or threw) or was cancelled. */
  done(): boolean {
    if (!this.#settled) this.#source.drain();
    return this.#settled !== null;
  }

  /**
   * Waits for the task and returns its result, or throws its error — the
   * same class, message, stack and cause. Blocks at most `timeout` ms.
   * Blocks the calling thread; see {@link resultAsync}.
   * @throws TimeoutError if it is not done in time; CancelledError if it was cancelled.
   */
  result(timeout?: number): T {
    const settled = this.#waitBlocking(timeout, "future.result()", "await future.resultAsync()");
    return unwrap(settled);
  }

  /** The async twin of {@link result}. */
  async resultAsync(timeout?: number): Promise<T> {
    if (stepping) return this.result(timeout); // step mode: the blocking twin (see asStepped)
    return unwrap(await this.#waitAsync(timeout));
  }

  /**
   * Waits for the task and returns the error it threw, or `undefined` if it
   * returned (Python returns `None`). Same timeout and errors as {@link result}.
   */
  exception(timeout?: number): unknown {
    const settled = this.#waitBlocking(
      timeout,
      "future.exception()",
      "await future.exceptionAsync()",
    );
    return errorOf(settled);
  }

  /** The async twin of {@link exception}. */
  async exceptionAsync(timeout?: number): Promise<unknown> {
    if (stepping) return this.exception(timeout);
    return errorOf(await this.#waitAsync(timeout));
  }

  /**
   * Calls `fn(future)` once the future is done (at once if it is). It runs in
   * this thread — when this thread next waits on a pool or its event loop is
   * free — not in the worker, as in Python. An error it throws is reported
   * on stderr and ignored.
   */
  addDoneCallback(fn: (future: Future<T>) => void): void {
    if (typeof fn !== "function") throw new TypeError("fn must be a function");
    if (this.done()) {
      runCallback(fn, this);
    } else {
      this.#callbacks.push(fn);
      startPump();
    }
  }

  toString(): string {
    const state = !this.#settled
      ? this.#source.running(this as Future<unknown>)
        ? "running"
        : "pending"
      : "cancelled" in this.#settled
        ? "cancelled"
        : this.#settled.ok
          ? "finished returned"
          : "finished raised";
    return `<${this.#label} state=${state}>`;
  }

  /** @internal Called by the pool when the result arrives, or on cancel. */
  settle(settled: Settled<T>): void {
    if (this.#settled) return;
    this.#settled = settled;
    const callbacks = this.#callbacks;
    this.#callbacks = [];
    for (const fn of callbacks) runCallback(fn, this);
  }

  /** @internal Settled with an error (for FIRST_EXCEPTION). */
  get failed(): boolean {
    return this.#settled !== null && "ok" in this.#settled && !this.#settled.ok;
  }

  #waitBlocking(timeout: number | undefined, call: string, twin: string): Settled<T> {
    const deadline = deadlineAfter(checkTimeout(timeout));
    if (!this.done()) {
      assertCanBlock(call, twin);
      if (tracer.on) trace("block", { object: this.#label, op: "result" });
      runBlocking(
        waitUntilReady(() => this.#settled !== null, deadline, {
          kind: "Future",
          id: this.slot,
          op: "result",
          holder: () => this.#source.runnerOf(this as Future<unknown>),
        }),
      );
      if (tracer.on)
        trace("unblock", { object: this.#label, op: "result", ok: this.#settled !== null });
    }
    return this.#checkDone(timeout);
  }

  async #waitAsync(timeout: number | undefined): Promise<Settled<T>> {
    const deadline = deadlineAfter(checkTimeout(timeout));
    if (!this.done()) {
      if (tracer.on) trace("block", { object: this.#label, op: "result" });
      await runAsync(waitUntilReady(() => this.#settled !== null, deadline));
      if (tracer.on)
        trace("unblock", { object: this.#label, op: "result", ok: this.#settled !== null });
    }
    return this.#checkDone(timeout);
  }

  #checkDone(timeout: number | undefined): Settled<T> {
    if (!this.#settled) throw new TimeoutError(`the task did not finish within ${timeout} ms`);
    return this.#settled;
  }
}

function unwrap<T>(settled: Settled<T>): T {
  if ("cancelled" in settled) throw new CancelledError("the task was cancelled");
  if (!settled.ok) throw settled.error;
  return settled.value;
}

function errorOf(settled: Settled<unknown>): unknown {
  if ("cancelled" in settled) throw new CancelledError("the task was cancelled");
  return settled.ok ? undefined : settled.error;
}

function runCallback<T>(fn: (future: Future<T>) => void, future: Future<T>): void {
  try {
    fn(future);
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? String(error)) : String(error);
    runtime.writeLine("stderr", `exception calling callback for ${future}:\n${detail}`);
  }
}
