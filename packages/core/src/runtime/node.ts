/**
 * Node: threads are `worker_threads` workers. Built-ins come from
 * `process.getBuiltinModule`, so this file costs a browser bundle nothing.
 *
 * Output is written with `fs.writeSync`, never through `process.stdout`: a
 * worker's stream goes through the main thread's event loop, so a main
 * thread blocked in `join` would hold it back (and `process.exit` drop it).
 * Every writer of the program shares one output lock (a word of shared
 * memory handed to each worker), so a line of any length comes out whole.
 */
import type * as consoleModule from "node:console";
import type * as fsModule from "node:fs";
import type * as osModule from "node:os";
import type * as utilModule from "node:util";
import type * as vmModule from "node:vm";
import type * as workerThreads from "node:worker_threads";
import { RuntimeError } from "../errors.ts";
import type { ProcessView, Runtime, ThreadLimit, ThreadTask, WorkerEvents } from "./runtime.ts";

declare const process: NodeJS.Process;

/**
 * What one thread costs here, measured (packages/core/README.md, "What a
 * thread costs"): a worker holds ~15 MiB of resident memory with core's
 * bundle, 20–23 MiB when core loads from its .ts sources (a changed source).
 * The limit leaves room for the rest.
 */
export const THREAD_BYTES = 24 * 2 ** 20;
/** The share of the memory available at the first start() that threads may take. */
const MEMORY_SHARE = 0.8;

/** Output lock words, in a SharedArrayBuffer every worker of the program gets. */
const LOCK = 0; // 0: free, else the writer's threadId + 1
const DEPTH = 1; // nested holds by the owner (a write that formats while writing)

let fsModuleCache: typeof fsModule | undefined;
const fs = () => (fsModuleCache ??= process.getBuiltinModule("node:fs") as typeof fsModule);
const workers = () => process.getBuiltinModule("node:worker_threads") as typeof workerThreads;

/**
 * A spare worker imports the program's module before it knows whether it will
 * run a thread. Whatever that import prints (or traces) is held back, and
 * written only if a thread's task arrives: a spare that is never used must not
 * add a line to the program's output.
 */
let held: (() => void)[] | null = null;

export function holdOutput(): void {
  held ??= [];
}

export function releaseOutput(): void {
  const writes = held ?? [];
  held = null;
  for (const write of writes) write();
}

// Set by nodeRuntime(): this file is also in browser bundles, where `process` is missing.
let isMainThread = true;
let outputLock: Int32Array = new Int32Array(2);
let me = 1;

function lockOutput(): void {
  if (Atomics.load(outputLock, LOCK) === me) {
    outputLock[DEPTH]! += 1;
    return;
  }
  for (;;) {
    const owner = Atomics.compareExchange(outputLock, LOCK, 0, me);
    if (owner === 0) return;
    Atomics.wait(outputLock, LOCK, owner); // woken by unlockOutput or a dead owner's release
  }
}

function unlockOutput(): void {
  if (outputLock[DEPTH]! > 0) {
    outputLock[DEPTH]! -= 1;
    return;
  }
  Atomics.store(outputLock, LOCK, 0);
  Atomics.notify(outputLock, LOCK, 1);
}

/** Frees the output lock if the worker `id` died holding it (it was terminated mid-write). */
function releaseIfHeldBy(id: number): void {
  if (Atomics.compareExchange(outputLock, LOCK, id + 1, 0) === id + 1) {
    outputLock[DEPTH] = 0;
    Atomics.notify(outputLock, LOCK, 1);
  }
}

/** Slept on for a moment when a non-blocking pipe is full (never woken). */
const retry = { word: null as Int32Array | null };

/**
 * Writes all of `text` to `fd`, holding the output lock, so that no other
 * thread's line lands inside it (one write of more than 4 KiB to a pipe is not
 * atomic). A closed pipe (EPIPE: `node main.ts | head`) ends the program when
 * it happens on the main thread, as a Python program ends on BrokenPipeError;
 * in a thread, the write throws it, as Python's print does there.
 */
export function writeAll(fd: number, text: string): void {
  if (held) {
    held.push(() => writeAll(fd, text));
    return;
  }
  const bytes = Buffer.from(text);
  lockOutput();
  try {
    for (let offset = 0; offset < bytes.length; ) {
      try {
        offset += fs().writeSync(fd, bytes, offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A non-blocking pipe that is full: wait a moment and write the rest.
        if (code === "EAGAIN") {
          retry.word ??= new Int32Array(new SharedArrayBuffer(4));
          Atomics.wait(retry.word, 0, 0, 1);
        } else if (code === "EPIPE" && isMainThread && fd <= 2) brokenPipe(fd);
        else throw error;
      }
    }
  } finally {
    unlockOutput();
  }
}

function brokenPipe(fd: number): never {
  if (fd === 1) {
    try {
      fs().writeSync(2, "BrokenPipeError: stdout was closed by its reader; the program ends\n");
    } catch {}
  }
  process.exit(1);
}

/**
 * Points this thread's `console` at the same writer as `print`: at once, in
 * order with it, whole lines, and kept on `process.exit`. Only in workers;
 * the main thread's console is Node's own.
 */
export function routeConsole(): void {
  const { Console } = process.getBuiltinModule("node:console") as typeof consoleModule;
  const stream = (fd: number) => ({
    write(text: string) {
      writeAll(fd, text);
      return true;
    },
  });
  // ignoreErrors: false, or Console treats our writer as a stream with listeners.
  const routed = new Console({
    stdout: stream(1) as never,
    stderr: stream(2) as never,
    ignoreErrors: false,
  });
  const target = console as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(routed)) {
    if (typeof value === "function" && typeof target[key] === "function") target[key] = value;
  }
}

function processView(): ProcessView {
  return {
    argv: [...process.argv],
    execArgv: [...process.execArgv],
    env: { ...process.env } as Record<string, string>,
  };
}

/** The same view, as a key: a spare made for another view is of no use. */
const viewKey = (view: ProcessView | undefined) => JSON.stringify(view);

/** UNRAVEL_MAX_THREADS, or the threads that fit in the memory available now. */
function threadLimit(): ThreadLimit {
  const override = process.env.UNRAVEL_MAX_THREADS;
  if (override !== undefined && override !== "") {
    const limit = Number(override);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(
        `UNRAVEL_MAX_THREADS must be a positive integer, got ${JSON.stringify(override)}`,
      );
    }
    return { limit, reason: `UNRAVEL_MAX_THREADS=${limit}` };
  }
  const available = availableMemory();
  const limit = Math.max(1, Math.floor((available * MEMORY_SHARE) / THREAD_BYTES));
  return {
    limit,
    reason:
      `each thread is a worker with its own JavaScript heap, about ${mib(THREAD_BYTES)} here, ` +
      `and ${mib(available)} of memory was available at the first start()`,
  };
}

function availableMemory(): number {
  const os = process.getBuiltinModule("node:os") as typeof osModule;
  // availableMemory() also honours a cgroup (container) limit; freemem() does not.
  const available = process.availableMemory?.() ?? os.freemem();
  return Math.min(available, os.totalmem());
}

/**
 * The memory available, as `memoryShortage` sees it at each start. Reading
 * it costs ~70–160 µs (cgroup files), a tenth of a warm start, so a reading
 * is reused for a second, less a thread's share for each start since; near the
 * limit (under 16 threads' worth) every start reads it again.
 */
let lastReading: { at: number; bytes: number } | null = null;

function memoryForNextThread(): number {
  const now = performance.now();
  if (lastReading && now - lastReading.at < 1000 && lastReading.bytes >= 16 * THREAD_BYTES) {
    lastReading.bytes -= THREAD_BYTES; // what the previous start's thread may have taken
    return lastReading.bytes;
  }
  lastReading = { at: now, bytes: availableMemory() };
  return lastReading.bytes;
}

const mib = (bytes: number) =>
  bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.round(bytes / 2 ** 20)} MiB`;

export function nodeRuntime(): Runtime {
  const { threadId, workerData } = workers();
  isMainThread = workers().isMainThread;
  outputLock = new Int32Array(
    (workerData as { unravelOutput?: SharedArrayBuffer } | null)?.unravelOutput ??
      new SharedArrayBuffer(8),
  );
  me = threadId + 1;
  const util = process.getBuiltinModule("node:util") as typeof utilModule;
  const { MessageChannel, Worker } = workers();
  let workerUrl: URL | null = null;
  let limit: ThreadLimit | undefined;
  let workerFound: boolean | undefined;

  // Warm start: one spare worker, started ahead, that has already imported
  // the program's module and waits for its task. Taking it costs a message
  // instead of a cold start (~50 ms). The spare sleeps on a shared MAILBOX
  // word and reads its task with receiveMessageOnPort: a futex wake-up is
  // faster than waking an idle worker's event loop for a message. Each worker
  // still runs one thread and ends, so every thread gets fresh module state.
  let spare: {
    worker: InstanceType<typeof Worker>;
    moduleUrl: string;
    process: SharedArrayBuffer;
    view: string;
    port: InstanceType<typeof MessageChannel>["port1"];
    mailbox: Int32Array;
  } | null = null;

  function newWorker(
    data: Record<string, unknown>,
    view: ProcessView | undefined,
    name: string,
    transferList: workerThreads.Transferable[] = [],
  ): InstanceType<typeof Worker> {
    const worker = new Worker(workerUrl!, {
      workerData: { ...data, view, unravelOutput: outputLock.buffer },
      transferList,
      name,
      // The thread's process.env is the starter's as it was at start().
      ...(view ? { env: view.env } : {}),
    });
    const id = worker.threadId;
    worker.once("exit", () => releaseIfHeldBy(id));
    return worker;
  }

  function prepareSpare(task: ThreadTask): void {
    if (spare) return;
    const { port1, port2 } = new MessageChannel();
    const mailbox = new Int32Array(new SharedArrayBuffer(4));
    const worker = newWorker(
      { warm: { moduleUrl: task.moduleUrl, process: task.process, port: port2, mailbox } },
      task.view,
      "unravel spare",
      [port2],
    );
    worker.unref(); // an idle spare never keeps the program alive
    port1.unref();
    const entry = {
      worker,
      moduleUrl: task.moduleUrl,
      process: task.process,
      view: viewKey(task.view),
      port: port1,
      mailbox,
    };
    const drop = () => {
      if (spare === entry) spare = null;
    };
    worker.once("exit", drop);
    worker.once("error", drop);
    spare = entry;
  }

  // The next spare is made once the thread just started runs, not beside it:
  // two workers loading at once on a small machine slow the first one down
  // (its first start to first line: ~100 ms with the spare beside it, ~63 ms
  // after, 2 cores), and a spare made in start() costs the starter a
  // synchronous new Worker(). Word 0 of the task's control block changes, with
  // a notify, when the thread runs (ThreadTask.control); the spare is made
  // then, when the event loop is free, or when this thread joins or sleeps.
  let pendingSpare: { task: ThreadTask; state: Int32Array; starting: number } | null = null;

  function spareWhenRunning(task: ThreadTask): void {
    const state = new Int32Array(task.control);
    const starting = Atomics.load(state, 0);
    pendingSpare = { task, state, starting };
    const waited = Atomics.waitAsync(state, 0, starting);
    // Already running (a warm spare is quick): still after this start() returns.
    const ready = waited.async ? waited.value : Promise.resolve();
    void ready.then(readySpare);
  }

  function readySpare(): void {
    const pending = pendingSpare;
    if (!pending || Atomics.load(pending.state, 0) === pending.starting) return;
    pendingSpare = null;
    prepareSpare(pending.task);
  }

  function takeSpare(task: ThreadTask): InstanceType<typeof Worker> | null {
    const taken = spare;
    if (!taken) return null;
    spare = null;
    if (
      taken.moduleUrl !== task.moduleUrl ||
      taken.process !== task.process ||
      taken.view !== viewKey(task.view) // argv or env changed since it was made
    ) {
      void taken.worker.terminate(); // of no use to this thread
      return null;
    }
    taken.worker.removeAllListeners();
    const id = taken.worker.threadId;
    taken.worker.once("exit", () => releaseIfHeldBy(id));
    taken.port.postMessage(task);
    taken.port.close();
    Atomics.store(taken.mailbox, 0, 1); // then wake the spare: its task is on the port
    Atomics.notify(taken.mailbox, 0);
    return taken.worker;
  }

  return {
    writeLine(stream, text) {
      writeAll(stream === "stdout" ? 1 : 2, `${text}\n`);
    },
    format: (values) => util.format(...values),
    checkCanStartThreads() {
      // Node threads may start threads anywhere, given the worker script. A
      // browser bundle run under Node has none: say so, instead of a worker
      // that fails to load while its parent blocks in join.
      workerFound ??= workerUrl !== null && fs().existsSync(workerUrl);
      if (!workerFound) {
        throw new RuntimeError(
          `cannot start a thread: the worker script ${workerUrl?.pathname ?? "(none)"} is missing. ` +
            "Is this a browser bundle? Run it in a page with startRun() from @unravel/core/host.",
        );
      }
    },
    startThread(task, events: WorkerEvents) {
      const worker = takeSpare(task) ?? newWorker({ task }, task.view, task.identity.name);
      if (task.identity.daemon)
        worker.unref(); // a daemon thread does not keep the program alive
      else worker.ref();
      worker.on("error", (error) => events.onError(error));
      worker.on("exit", (code) => events.onExit(code));
      spareWhenRunning(task);
    },
    failMain(error) {
      const detail = error instanceof Error ? (error.stack ?? String(error)) : String(error);
      writeAll(2, `${detail}\n`);
      process.exitCode = 1;
    },
    threadLimit: () => (limit ??= threadLimit()),
    memoryShortage() {
      const available = memoryForNextThread();
      if (available >= 2 * THREAD_BYTES) return null;
      return (
        `only ${mib(available)} of memory is free, and a thread needs about ${mib(THREAD_BYTES)} ` +
        "(a worker with its own JavaScript heap)"
      );
    },
    setWorkerScript(url) {
      workerUrl = url;
      workerFound = undefined;
    },
    traceFile() {
      const path = process.env.UNRAVEL_TRACE;
      if (!path) return null;
      let fd: number | undefined;
      return (line) => {
        fd ??= fs().openSync(path, "a");
        writeAll(fd, line);
      };
    },
    processView,
    beforeWait: readySpare, // a thread that blocks never lets its event loop make the spare
    blocking(wait) {
      // A JavaScript SIGINT handler runs on the event loop, which a blocked
      // main thread never reaches: with one installed, Ctrl-C would do
      // nothing until the wait ends (perhaps never). So while main blocks,
      // its SIGINT listeners are set aside — Node then restores the default
      // action, and Ctrl-C ends the program — and put back after.
      if (!isMainThread || process.listenerCount("SIGINT") === 0) return wait();
      const listeners = process.rawListeners("SIGINT") as NodeJS.SignalsListener[];
      process.removeAllListeners("SIGINT");
      try {
        return wait();
      } finally {
        for (const listener of listeners) process.on("SIGINT", listener);
      }
    },
    interruptible(wait, interrupted) {
      if (!isMainThread) return wait();
      // A blocked main thread cannot run a SIGINT listener, but Node's
      // `breakOnSigint` watchdog (a native thread) can stop the script it
      // runs, even inside Atomics.wait. So the wait runs as that script.
      const slot = globalThis as { [WAIT_SLOT]?: () => unknown };
      waitScript ??= new (process.getBuiltinModule("node:vm") as typeof vmModule).Script(
        `globalThis[Symbol.for("unravel.wait")]()`,
      );
      const outer = slot[WAIT_SLOT];
      slot[WAIT_SLOT] = wait;
      try {
        return waitScript.runInThisContext({ breakOnSigint: true }) as ReturnType<typeof wait>;
      } catch (error) {
        if ((error as { code?: string }).code !== "ERR_SCRIPT_EXECUTION_INTERRUPTED") throw error;
        interrupted();
        endByCtrlC();
      } finally {
        slot[WAIT_SLOT] = outer;
      }
    },
    exit(code) {
      process.exit(code);
    },
  };
}

const WAIT_SLOT = Symbol.for("unravel.wait");
let waitScript: vmModule.Script | undefined;

/** Ends the program as Ctrl-C does with no handler: killed by SIGINT (a shell sees 130). */
function endByCtrlC(): never {
  process.removeAllListeners("SIGINT");
  process.kill(process.pid, "SIGINT");
  // The signal is normally taken before kill() returns; give it a moment, then exit as a shell would report it.
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 10; i++) Atomics.wait(pause, 0, 0, 100);
  process.exit(130);
}
