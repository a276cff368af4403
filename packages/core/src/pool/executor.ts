/**
 * `ThreadPoolExecutor`: Python's `concurrent.futures.ThreadPoolExecutor`.
 *
 * Invariant: the owner (the thread that created the pool) is the only one
 * that submits, hands out slots of the state table and settles futures.
 * Workers take work items from a shared `Queue` and answer through another,
 * both unbounded (as Python's work queue is), so no number or size of tasks
 * makes either side wait to put: the owner drains results whenever it
 * waits. The only word both sides write is a slot's state (see `future.ts`);
 * the state table grows with the tasks in flight.
 * Workers start lazily, one per `submit` while none is idle, up to
 * `maxWorkers`, as in Python.
 */
import { BrokenExecutor, Empty, RuntimeError } from "../errors.ts";
import { decodeValue, encodeValue } from "../memory/codec.ts";
import { Queue } from "../queue/queue.ts";
import { markCore, stepping } from "../step/state.ts";
import { assertCanBlock, deadlineAfter, describe, runAsync, runBlocking } from "../sync/futex.ts";
import { type ExportRef, exportRef } from "../thread/exports.ts";
import { Thread } from "../thread/thread.ts";
import { SHARE } from "../thread/transfer.ts";
import {
  addSource,
  CANCELLED,
  FINISHED,
  Future,
  type FutureSource,
  PENDING,
  RUNNING,
  removeSource,
  startPump,
  threadDoorbell,
  waitUntilReady,
} from "./future.ts";
import { checkMs, isIterable, mapResults, mapResultsAsync, zip } from "./map.ts";
import {
  BROKEN,
  frame,
  IDLE,
  type PoolChannels,
  poolWorker,
  type ResultItem,
  RUNNING_SLOT,
  unframe,
  type WorkItem,
} from "./worker.ts";

const FIRST_SLOTS = 1024; // the state table's first size; it doubles as tasks pile up
const MAX_SLOTS = 1 << 24; // futures in flight at once, per pool (a 64 MiB reservation, used as needed)
const GENERATIONS = 1 << 29;

export interface ThreadPoolExecutorOptions<InitArgs extends unknown[] = unknown[]> {
  /** The most worker threads. @default min(32, CPU count + 4), as in Python */
  maxWorkers?: number;
  /** Each worker calls it once before its first task: an exported function of the program's module. */
  initializer?: (...args: InitArgs) => unknown;
  /** The initializer's arguments; like a thread's, they may hold locks, queues and shared arrays. @default [] */
  initargs?: InitArgs;
  /** Worker names are `${prefix}_${n}`. @default "ThreadPoolExecutor-N" */
  threadNamePrefix?: string;
}

export interface ShutdownOptions {
  /** Wait for every pending task to finish and every worker to end. @default true */
  wait?: boolean;
  /** Cancel the tasks no worker has started. @default false */
  cancelFutures?: boolean;
}

let pools = 0;

/**
 * A pool of worker threads that run submitted tasks. Python:
 * `concurrent.futures.ThreadPoolExecutor`.
 *
 * A task is an exported function of the program's module (like a thread
 * target); its arguments and its result are copied (structured-clone data).
 * Shared arrays and primitives reach the workers through `initargs`. The
 * pool and its futures belong to the thread that created it.
 *
 * @example
 * ```ts
 * export function square(x: number) { return x * x; }
 * main(import.meta, () => {
 *   using pool = new ThreadPoolExecutor({ maxWorkers: 4 });
 *   print([...pool.map(square, [1, 2, 3])]); // [ 1, 4, 9 ]
 * }); // `using`: shutdown({ wait: true }) here
 * ```
 */
export class ThreadPoolExecutor<InitArgs extends unknown[] = unknown[]> implements FutureSource {
  readonly #maxWorkers: number;
  readonly #prefix: string;
  readonly #initializer: ExportRef | null;
  readonly #initargs: unknown[];
  readonly #channels: PoolChannels;
  readonly #threads: Thread[] = [];
  readonly #inFlight = new Map<number, Future<unknown>>();
  readonly #freeSlots: number[] = [];
  #nextSlot = 0;
  #generation = 0;
  #shutdown = false;

  constructor(options: ThreadPoolExecutorOptions<InitArgs> = {}) {
    if (options === null || typeof options !== "object") {
      throw new TypeError("options must be an object such as { maxWorkers: 4 }");
    }
    const cpus = (globalThis.navigator?.hardwareConcurrency as number | undefined) ?? 1;
    const {
      maxWorkers = Math.min(32, cpus + 4),
      initializer,
      initargs = [],
      threadNamePrefix,
    } = options;
    if (!Number.isSafeInteger(maxWorkers) || maxWorkers < 1) {
      throw new RangeError(`options.maxWorkers must be a positive integer, got ${maxWorkers}`);
    }
    if (initializer !== undefined && typeof initializer !== "function") {
      throw new TypeError("options.initializer must be a function");
    }
    if (!Array.isArray(initargs))
      throw new TypeError("options.initargs must be an array of arguments");
    if (threadNamePrefix !== undefined && typeof threadNamePrefix !== "string") {
      throw new TypeError("options.threadNamePrefix must be a string");
    }
    this.#maxWorkers = maxWorkers;
    this.#prefix = threadNamePrefix || `ThreadPoolExecutor-${pools++}`;
    this.#initializer = initializer ? taskRef(initializer, "the initializer") : null;
    this.#initargs = initargs;
    this.#channels = {
      work: new Queue<WorkItem>(),
      results: new Queue<ResultItem>(),
      control: new Int32Array(new SharedArrayBuffer((RUNNING_SLOT + maxWorkers) * 4)),
      states: new Int32Array(
        new SharedArrayBuffer(FIRST_SLOTS * 4, { maxByteLength: MAX_SLOTS * 4 }),
      ), // length-tracking: workers see it grow
      doorbell: threadDoorbell(),
    };
    // They reach the workers as arguments, but they are core's words: never steps.
    markCore(this.#channels.control, this.#channels.states, this.#channels.doorbell);
    addSource(this);
  }

  /** The most worker threads this pool starts. */
  get maxWorkers(): number {
    return this.#maxWorkers;
  }

  /**
   * Schedules `fn(...args)` on a worker and returns its `Future`.
   * @throws RuntimeError if the pool was shut down or `fn` is not exported;
   *   TypeError if an argument cannot be copied; BrokenExecutor if a worker's initializer failed.
   */
  submit<Args extends unknown[], R>(fn: (...args: Args) => R, ...args: Args): Future<Awaited<R>> {
    if (typeof fn !== "function") throw new TypeError(`fn must be a function, got ${describe(fn)}`);
    if (this.#shutdown) throw new RuntimeError("cannot schedule new futures after shutdown");
    if (Atomics.load(this.#channels.control, BROKEN)) {
      throw new BrokenExecutor(
        "A thread initializer failed, the thread pool is not usable anymore",
      );
    }
    const { moduleUrl, exportName } = taskRef(fn, "the task function");
    // Encoded once, before anything changes: what cannot cross is refused, naming the argument.
    const payload = encodeTask([moduleUrl, exportName, args]);
    const slot = this.#takeSlot();
    const generation = this.#generation;
    this.#generation = (this.#generation + 1) % GENERATIONS;
    Atomics.store(this.#channels.states, slot, generation * 4 + PENDING);
    const future = new Future<Awaited<R>>(this, slot, generation, `Future ${exportName}#${slot}`);
    this.#inFlight.set(slot, future as Future<unknown>);
    try {
      this.#channels.work._putFrame(frame(slot, generation, 0, payload));
    } catch (error) {
      this.#release(future as Future<unknown>); // nothing was queued (out of memory): give the slot back
      throw error;
    }
    this.#adjustWorkers();
    startPump();
    return future;
  }

  /**
   * Python's `map`: calls `fn` on each item (on items of several iterables
   * in step) in the pool, and returns their results in order, whatever order
   * the tasks finish in. Every task is submitted at once; iterating waits for
   * each result in turn. A task's error is thrown when its result is reached
   * (the tasks not yet started are then cancelled). Pass `{ timeout }` last
   * to limit the whole wait, counted from this call (then `TimeoutError`).
   */
  map<R>(
    fn: (...args: any[]) => R,
    ...iterables: (Iterable<unknown> | { timeout?: number })[]
  ): Generator<Awaited<R>> {
    const { futures, deadline } = this.#submitAll(fn, iterables);
    return mapResults(futures, deadline);
  }

  /** The async twin of {@link map}: `for await (const r of pool.mapAsync(fn, items))`. */
  mapAsync<R>(
    fn: (...args: any[]) => R,
    ...iterables: (Iterable<unknown> | { timeout?: number })[]
  ): AsyncGenerator<Awaited<R>> {
    const { futures, deadline } = this.#submitAll(fn, iterables);
    return mapResultsAsync(futures, deadline);
  }

  /**
   * Stops the pool taking tasks. With `wait` (the default) it waits for the
   * pending tasks to finish and the workers to end; with `cancelFutures` the
   * tasks not yet started are cancelled first. Calling it again is harmless.
   * Blocks the calling thread; see {@link shutdownAsync}.
   */
  shutdown(options: ShutdownOptions = {}): void {
    const wait = this.#beginShutdown(options);
    if (!wait) return;
    assertCanBlock("executor.shutdown()", "await executor.shutdownAsync()");
    runBlocking(waitUntilReady(() => this.pending === 0, Number.POSITIVE_INFINITY));
    for (const thread of this.#threads) thread.join();
    removeSource(this);
  }

  /** The async twin of {@link shutdown}. */
  async shutdownAsync(options: ShutdownOptions = {}): Promise<void> {
    if (stepping) return this.shutdown(options); // step mode: the blocking twin (see asStepped)
    const wait = this.#beginShutdown(options);
    if (!wait) return;
    await runAsync(waitUntilReady(() => this.pending === 0, Number.POSITIVE_INFINITY));
    for (const thread of this.#threads) await thread.joinAsync();
    removeSource(this);
  }

  /** `using pool = new ThreadPoolExecutor()`: Python's `with`; shuts down and waits. */
  [Symbol.dispose](): void {
    this.shutdown({ wait: true });
  }

  /** `await using pool = …`: the async twin of `[Symbol.dispose]`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdownAsync({ wait: true });
  }

  /** @internal Futures not yet settled. */
  get pending(): number {
    return this.#inFlight.size;
  }

  /** @internal Settles the futures whose results have arrived. */
  drain(): void {
    if (this.#inFlight.size === 0) return;
    const results = this.#channels.results;
    while (!results.empty()) {
      let bytes: Uint8Array;
      try {
        bytes = results._getFrame({ block: false });
      } catch (error) {
        if (error instanceof Empty) break;
        throw error;
      }
      const { slot, generation, flag, payload } = unframe(bytes);
      const future = this.#inFlight.get(slot);
      if (!future || future.generation !== generation) continue;
      const value = decodeValue(payload) as ResultItem;
      this.#release(future);
      future.settle(flag === 1 ? { ok: true, value } : { ok: false, error: value });
    }
    this.#checkWorkers();
  }

  /**
   * A worker that ended while running a task (process.exit in the task, or
   * terminated) cannot answer: its task, and every task not yet started,
   * fail with BrokenExecutor, and the pool takes no more — never a wait
   * that lasts forever.
   */
  #checkWorkers(): void {
    const { control, states, work } = this.#channels;
    this.#threads.forEach((thread, index) => {
      if (thread.isAlive()) return;
      const running = Atomics.load(control, RUNNING_SLOT + index) - 1;
      const future = running >= 0 ? this.#inFlight.get(running) : undefined;
      if (!future) return;
      // FINISHED too: the worker marks its slot finished just before it sends the result.
      const state = Atomics.load(states, running) - future.generation * 4;
      if (state !== RUNNING && state !== FINISHED) return;
      const cause = thread.exception;
      const broken = new BrokenExecutor(
        `the worker thread ${thread.name} ended while running a task, so the pool is not usable anymore`,
        { cause },
      );
      Atomics.store(control, BROKEN, 1);
      this.#release(future);
      future.settle({ ok: false, error: broken });
      for (const pending of [...this.#inFlight.values()]) {
        if (this.cancel(pending)) pending.settle({ ok: false, error: broken });
      }
      if (!this.#shutdown) {
        this.#shutdown = true;
        work.shutdown({ immediate: true });
      }
    });
  }

  /** @internal */
  running(future: Future<unknown>): boolean {
    return Atomics.load(this.#channels.states, future.slot) === future.generation * 4 + RUNNING;
  }

  /** @internal */
  runnerOf(future: Future<unknown>): number {
    if (!this.running(future)) return 0;
    const { control } = this.#channels;
    const index = this.#threads.findIndex(
      (_, i) => Atomics.load(control, RUNNING_SLOT + i) - 1 === future.slot,
    );
    return index < 0 ? 0 : (this.#threads[index]!.ident ?? 0);
  }

  /** @internal */
  cancel(future: Future<unknown>): boolean {
    const base = future.generation * 4;
    const states = this.#channels.states;
    if (
      Atomics.compareExchange(states, future.slot, base + PENDING, base + CANCELLED) !==
      base + PENDING
    ) {
      return false;
    }
    this.#release(future);
    return true;
  }

  #release(future: Future<unknown>): void {
    if (this.#inFlight.get(future.slot) !== future) return;
    this.#inFlight.delete(future.slot);
    this.#freeSlots.push(future.slot);
  }

  #takeSlot(): number {
    const states = this.#channels.states;
    if (this.#freeSlots.length === 0 && this.#nextSlot === states.length) {
      const buffer = states.buffer as SharedArrayBuffer;
      if (buffer.byteLength < buffer.maxByteLength) {
        buffer.grow(Math.min(buffer.maxByteLength, buffer.byteLength * 2));
      } else {
        // 16,777,216 tasks in flight: wait for one to come back (draining results meanwhile).
        assertCanBlock("executor.submit() with 16,777,216 tasks in flight", "fewer tasks at once");
        runBlocking(waitUntilReady(() => this.#freeSlots.length > 0, Number.POSITIVE_INFINITY));
      }
    }
    return this.#freeSlots.pop() ?? this.#nextSlot++;
  }

  #adjustWorkers(): void {
    // Python: if a worker is idle, let it take the task; else start one more, up to maxWorkers.
    const control = this.#channels.control;
    for (let idle = Atomics.load(control, IDLE); idle > 0; idle = Atomics.load(control, IDLE)) {
      if (Atomics.compareExchange(control, IDLE, idle, idle - 1) === idle) return;
    }
    if (this.#threads.length >= this.#maxWorkers) return;
    const thread = new Thread<unknown[]>({
      target: poolWorker as (...args: unknown[]) => unknown,
      args: [this.#channels, this.#threads.length, this.#initializer, this.#initargs],
      name: `${this.#prefix}_${this.#threads.length}`,
      daemon: true, // the pump keeps the program alive while tasks are pending
    });
    thread.start();
    this.#threads.push(thread);
  }

  #submitAll<R>(
    fn: (...args: any[]) => R,
    iterables: (Iterable<unknown> | { timeout?: number })[],
  ): { futures: Future<Awaited<R>>[]; deadline: number } {
    const last = iterables.at(-1);
    const options =
      last !== undefined && !isIterable(last) ? (iterables.pop() as { timeout?: number }) : {};
    if (iterables.length === 0) throw new TypeError("map() needs at least one iterable");
    const timeout =
      options.timeout === undefined ? Number.POSITIVE_INFINITY : checkMs(options.timeout);
    const deadline = deadlineAfter(timeout);
    const rows = zip(iterables as Iterable<unknown>[]);
    return { futures: rows.map((args) => this.submit(fn, ...args)), deadline };
  }

  #beginShutdown(options: ShutdownOptions): boolean {
    if (options === null || typeof options !== "object")
      throw new TypeError("options must be an object");
    const { wait = true, cancelFutures = false } = options;
    if (typeof wait !== "boolean") throw new TypeError("options.wait must be a boolean");
    if (typeof cancelFutures !== "boolean")
      throw new TypeError("options.cancelFutures must be a boolean");
    if (cancelFutures) for (const future of [...this.#inFlight.values()]) future.cancel();
    if (!this.#shutdown) {
      this.#shutdown = true;
      this.#channels.work.shutdown(); // workers finish the queued tasks, then get ShutDown and end
    }
    return wait;
  }
}

/** Where a task (or initializer) is exported; an anonymous function is told what to write. */
function taskRef(fn: Function, role: string): ExportRef {
  if (!fn.name) {
    throw new RuntimeError(
      `${role} is an anonymous function (an inline arrow or function expression), and a pool runs ` +
        "its tasks in other threads, which find them by name: declare it as an exported function " +
        "of the program's module, e.g. `export function task(…)`, and pass `task`.",
    );
  }
  return exportRef(fn, role);
}

/**
 * A task's payload, encoded once. What cannot cross is refused with a
 * TypeError naming the argument by its position; a primitive (a Lock, a
 * Queue, a shared array) is told to travel through `initargs`.
 */
function encodeTask(task: WorkItem): Uint8Array {
  try {
    return encodeValue(task);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    const [, name, args] = task;
    for (const [i, arg] of args.entries()) {
      const shared = findShared(arg, `args[${i}]`, new Set());
      if (shared) {
        throw new TypeError(
          `cannot send argument ${i + 1} of ${name} to the pool: ${shared.path} is a ${shared.kind}, ` +
            "and a task's arguments are copied, while a primitive lives in shared memory. " +
            "Pass it to the workers through initargs, e.g. new ThreadPoolExecutor({ initializer: setup, " +
            "initargs: [lock] }), where the exported setup keeps it for the tasks.",
        );
      }
      try {
        encodeValue(arg, `args[${i}]`);
      } catch (inner) {
        if (!(inner instanceof TypeError)) throw inner;
        throw new TypeError(
          `cannot send argument ${i + 1} of ${name} to the pool: ${inner.message}`,
        );
      }
    }
    throw error;
  }
}

/** The first core primitive or shared memory inside `value`, with its path. */
function findShared(
  value: unknown,
  path: string,
  seen: Set<object>,
): { path: string; kind: string } | null {
  if (value === null || typeof value !== "object" || seen.has(value)) return null;
  seen.add(value);
  if (typeof (value as { [SHARE]?: unknown })[SHARE] === "function") {
    return { path, kind: describe(value) };
  }
  if (value instanceof SharedArrayBuffer) return { path, kind: "SharedArrayBuffer" };
  if (ArrayBuffer.isView(value)) {
    return value.buffer instanceof SharedArrayBuffer
      ? { path, kind: `${describe(value)} over shared memory` }
      : null;
  }
  const entries: [string, unknown][] =
    value instanceof Map
      ? [...value].map(([k, v], n) => [`${path} entry ${n}`, [k, v]])
      : value instanceof Set
        ? [...value].map((v, n) => [`${path} item ${n}`, v])
        : Array.isArray(value)
          ? value.map((v, n) => [`${path}[${n}]`, v])
          : Object.entries(value).map(([k, v]) => [`${path}.${k}`, v]);
  for (const [at, v] of entries) {
    const found = findShared(v, at, seen);
    if (found) return found;
  }
  return null;
}
