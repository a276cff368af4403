/**
 * `Thread`: Python's `threading.Thread`, on a real worker.
 *
 * The target must be an exported function of a module registered by
 * `main(import.meta, …)`: the worker imports that module and calls the
 * export. The thread's end (and its error, if any) arrives through its
 * control block, so `join` works without an event loop.
 */

import { RuntimeError } from "../errors.ts";
import { runtime } from "../runtime/index.ts";
import { stepping, steps } from "../step/state.ts";
import {
  assertCanBlock,
  checkTimeout,
  deadlineAfter,
  runAsync,
  runBlocking,
  type WaitLoop,
} from "../sync/futex.ts";
import { trace, tracer } from "../trace/trace.ts";
import {
  current,
  mainIdentity,
  nextIdent,
  nextThreadNumber,
  processBlock,
  type ThreadIdentity,
} from "./context.ts";
import { DONE, newControlBlock, readError, STATE } from "./control.ts";
import { reportThreadError } from "./excepthook.ts";
import { notExported } from "./exports.ts";
import { findExport } from "./main.ts";
import {
  countThreadIn,
  countThreadOut,
  isRegistered,
  live,
  register,
  unregister,
} from "./registry.ts";
import { endedEarly, startedHere } from "./run.ts";
import { encodeForThread, registerShareable, SHARE, type SharedDescriptor } from "./transfer.ts";

// `any[]` (not `unknown[]`) by default, so that a `Thread[]` holds threads of any target.
export interface ThreadOptions<Args extends any[] = any[]> {
  /** The function the thread runs: an exported function of the program's module. */
  target: (...args: Args) => unknown;
  /** Its arguments, copied into the thread (shared arrays and primitives are shared). @default [] */
  args?: Readonly<Args>;
  /** @default "Thread-N (target)" */
  name?: string;
  /** A daemon thread does not keep the program alive. @default the creating thread's flag */
  daemon?: boolean;
}

type Started = { control: SharedArrayBuffer; ident: number } | { registryOnly: number };

/**
 * A thread of execution. Python: `threading.Thread`.
 *
 * @example
 * ```ts
 * export function greet(name: string) { print(`hello, ${name}`); }
 * main(import.meta, () => {
 *   const t = new Thread({ target: greet, args: ["world"] });
 *   t.start();
 *   t.join();
 * });
 * ```
 */
export class Thread<Args extends any[] = any[]> {
  readonly name: string;
  readonly daemon: boolean;
  readonly #target: ((...args: Args) => unknown) | null;
  readonly #args: Readonly<Args>;
  #started: Started | null = null;
  #exception: Error | undefined;

  constructor(options: ThreadOptions<Args>) {
    if (options === null || typeof options !== "object") {
      throw new TypeError("Thread needs an options object: new Thread({ target, args })");
    }
    const { target, args = [] as unknown as Readonly<Args>, name, daemon } = options;
    if (typeof target !== "function") throw new TypeError("options.target must be a function");
    if (!Array.isArray(args)) throw new TypeError("options.args must be an array of arguments");
    if (name !== undefined && typeof name !== "string")
      throw new TypeError("options.name must be a string");
    if (daemon !== undefined && typeof daemon !== "boolean")
      throw new TypeError("options.daemon must be a boolean");
    this.#target = target;
    this.#args = args;
    this.name = name ?? `Thread-${nextThreadNumber()} (${target.name || "anonymous"})`;
    this.daemon = daemon ?? current().daemon;
  }

  /** The thread's identifier, unique among live threads; `undefined` before `start()`. */
  get ident(): number | undefined {
    const started = this.#started;
    if (!started) return undefined;
    return "ident" in started ? started.ident : started.registryOnly;
  }

  /** The error that ended the thread (class name, message, stack and cause kept), once it has ended. */
  get exception(): Error | undefined {
    const started = this.#started;
    if (this.#exception === undefined && started && "control" in started && this.#ended()) {
      this.#exception = readError(started.control);
    }
    return this.#exception;
  }

  /**
   * Starts the thread. Its arguments are checked first: one that cannot cross
   * into a thread (a function, a class instance) throws a `TypeError` naming it.
   * @throws RuntimeError if the thread was already started.
   */
  start(): void {
    if (this.#started) throw new RuntimeError("threads can only be started once");
    runtime.checkCanStartThreads();
    const target = this.#target!;
    const where = findExport(target);
    if (!where) throw notExported(target, "the thread target", "target");
    const args = this.#args.map((arg, i) => encodeForThread(arg, `args[${i}]`));
    countIn();
    const identity: ThreadIdentity = { ident: nextIdent(), name: this.name, daemon: this.daemon };
    const control = newControlBlock();
    if (stepping) steps.point("start", `Thread ${this.name}`);
    register(identity);
    if (stepping) steps.started(identity);
    const task = {
      ...where,
      args,
      identity,
      process: processBlock().buffer as SharedArrayBuffer,
      control,
      trace: tracer.on,
      view: runtime.processView(),
      ...(stepping ? steps.task(this.#args) : {}),
    };
    try {
      runtime.startThread(task, {
        // An error thrown after the target returned (a stray callback) still gets reported.
        onError: (error) => reportThreadError({ exception: error, thread: identity }),
        // Also seen from inside the worker (see node-worker.ts), which matters
        // when this thread is blocked in join and its event loop cannot run.
        onExit: (code) => endedEarly(task, code),
      });
    } catch (error) {
      unregister(identity.ident);
      countThreadOut();
      throw error;
    }
    startedHere.add(task); // ended with this thread's worker, if still running then (run.ts)
    this.#started = { control, ident: identity.ident };
  }

  /**
   * Waits until the thread ends, or `timeout` ms pass. Returns `true` if the
   * thread has ended (Python returns `None`: check `isAlive()` there).
   * Blocks the calling thread; see {@link joinAsync}.
   * @throws RuntimeError if the thread was not started, or is the current thread.
   */
  join(timeout?: number): boolean {
    const control = this.#controlForJoin();
    if (stepping) steps.point("join", `Thread ${this.name}`);
    const deadline = deadlineAfter(checkTimeout(timeout));
    runtime.beforeWait();
    if (this.#ended()) return true;
    assertCanBlock("thread.join()", "await thread.joinAsync()");
    return runtime.blocking(() => runBlocking(this.#joinLoop(control, deadline)));
  }

  /** The async twin of {@link join}. */
  async joinAsync(timeout?: number): Promise<boolean> {
    if (stepping) return this.join(timeout); // step mode: the blocking twin (see asStepped)
    const control = this.#controlForJoin();
    return runAsync(this.#joinLoop(control, deadlineAfter(checkTimeout(timeout))));
  }

  /** Whether the thread has started and not yet ended. */
  isAlive(): boolean {
    const started = this.#started;
    if (!started) return false;
    if ("registryOnly" in started) return isRegistered(started.registryOnly);
    return !this.#ended();
  }

  toString(): string {
    const status = !this.#started ? "initial" : this.isAlive() ? "started" : "stopped";
    return `<Thread(${this.name}, ${status}${this.daemon ? " daemon" : ""} ${this.ident ?? ""})>`;
  }

  #ended(): boolean {
    const started = this.#started;
    return (
      !!started &&
      "control" in started &&
      Atomics.load(new Int32Array(started.control), STATE) === DONE
    );
  }

  #controlForJoin(): SharedArrayBuffer {
    const started = this.#started;
    if (!started) throw new RuntimeError("cannot join thread before it is started");
    if (this.ident === current().ident) throw new RuntimeError("cannot join current thread");
    if (!("control" in started)) {
      throw new RuntimeError(
        `cannot join ${this.name} from here: join it through the Thread object that started it`,
      );
    }
    return started.control;
  }

  *#joinLoop(control: SharedArrayBuffer, deadline: number): WaitLoop<boolean> {
    const word = new Int32Array(control);
    const label = `Thread ${this.name}`;
    if (tracer.on) trace("block", { object: label, op: "join" });
    let ok = true;
    for (
      let state = Atomics.load(word, STATE);
      state !== DONE && ok;
      state = Atomics.load(word, STATE)
    ) {
      const ident = this.ident!;
      ok = yield {
        word,
        index: STATE,
        expected: state,
        deadline,
        on: { kind: "Thread", id: ident, op: "join", holder: () => ident },
      };
    }
    const ended = Atomics.load(word, STATE) === DONE;
    if (tracer.on) trace("unblock", { object: label, op: "join", ok: ended });
    return ended;
  }

  /** @internal A Thread object for a thread started elsewhere (currentThread, enumerate, or passed as an argument). */
  static attach(identity: ThreadIdentity, control: SharedArrayBuffer | null): Thread {
    const thread = new Thread({ target: attached, name: identity.name, daemon: identity.daemon });
    thread.#started = control
      ? { control, ident: identity.ident }
      : { registryOnly: identity.ident };
    return thread;
  }

  /** @internal */
  [SHARE](): SharedDescriptor {
    const started = this.#started;
    if (!started || !("control" in started)) {
      throw new TypeError("only a started Thread can be passed to another thread");
    }
    const identity: ThreadIdentity = { ident: started.ident, name: this.name, daemon: this.daemon };
    return { kind: "Thread", buffers: [started.control], data: identity };
  }
}

function attached(): void {}

registerShareable("Thread", (d) => Thread.attach(d.data as ThreadIdentity, d.buffers[0]!));

/**
 * Counts a new thread in, or refuses it as Python does when the OS has no
 * room for one: `RuntimeError: can't start new thread`, here before memory
 * runs out (each thread is a worker with its own heap), saying why and what to do.
 */
function countIn(): void {
  const shortage = runtime.memoryShortage();
  const refused =
    shortage === null ? countThreadIn(() => runtime.threadLimit()?.limit ?? 2 ** 31 - 1) : 0;
  if (shortage === null && refused === 0) return;
  const why =
    shortage ??
    `${refused} threads are alive, the most allowed here (${runtime.threadLimit()?.reason})`;
  throw new RuntimeError(
    `can't start new thread: ${why}. Join threads that have finished, or use a ` +
      "ThreadPoolExecutor with fewer workers; UNRAVEL_MAX_THREADS=<n> sets the limit " +
      '(see "What a thread costs" in the README of @unravel/core).',
  );
}

/** The Thread object of the calling thread. Python: `threading.current_thread()`. */
export function currentThread(): Thread {
  const { ident, name, daemon, control } = current();
  return Thread.attach({ ident, name, daemon }, control);
}

/** The Thread object of the main thread. Python: `threading.main_thread()`. */
export function mainThread(): Thread {
  return Thread.attach(mainIdentity(), null);
}

/** The live threads, the main thread among them. Python: `threading.enumerate()`. */
export function enumerate(): Thread[] {
  return live().map((identity) => Thread.attach(identity, null));
}

/** How many threads are alive, the main thread among them. Python: `threading.active_count()`. */
export function activeCount(): number {
  return live().length;
}
