/**
 * Node: threads are `worker_threads` workers. Built-ins come from
 * `process.getBuiltinModule`, so this file costs a browser bundle nothing.
 *
 * Output is written with `fs.writeSync`: a worker's `console.log` goes
 * through the main thread's event loop, so a main thread blocked in `join`
 * would hold it back. One `writeSync` of a line (< 4 KiB) is one atomic write.
 */
import type * as fsModule from "node:fs";
import type * as utilModule from "node:util";
import type * as workerThreads from "node:worker_threads";
import { RuntimeError } from "../errors.ts";
import { threadEnded, threadEnding } from "../diagnose/waits.ts";
import { DONE, STATE, writeError } from "../thread/control.ts";
import { reportThreadError } from "../thread/excepthook.ts";
import { unregister } from "../thread/registry.ts";
import { tracer } from "../trace/trace.ts";
import type { Runtime, ThreadTask } from "./runtime.ts";

declare const process: NodeJS.Process;

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

/**
 * Marks a thread ended when its worker exits before the target returned
 * (process.exit in the thread, or killed), so that join and pools learn of it.
 * Idempotent: the first caller (the dying worker, or its parent) wins.
 */
export function endedEarly(task: ThreadTask, code: number): void {
  const state = new Int32Array(task.control);
  if (Atomics.load(state, STATE) === DONE) return;
  threadEnding(task.identity.ident, task.identity.name);
  writeError(
    task.control,
    new Error(`thread ${task.identity.name} exited with code ${code} before its target returned`),
  );
  unregister(task.identity.ident);
  Atomics.store(state, STATE, DONE);
  Atomics.notify(state, STATE);
  threadEnded(task.identity.ident);
}

export function nodeRuntime(): Runtime {
  const fs = process.getBuiltinModule("node:fs") as typeof fsModule;
  const util = process.getBuiltinModule("node:util") as typeof utilModule;
  const { MessageChannel, Worker } = process.getBuiltinModule(
    "node:worker_threads",
  ) as typeof workerThreads;
  const retry = new Int32Array(new SharedArrayBuffer(4));

  function writeAll(fd: number, text: string): void {
    if (held) {
      held.push(() => writeAll(fd, text));
      return;
    }
    const bytes = Buffer.from(text);
    for (let offset = 0; offset < bytes.length; ) {
      try {
        offset += fs.writeSync(fd, bytes, offset);
      } catch (error) {
        // A non-blocking pipe that is full: wait a moment and write the rest.
        if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
        Atomics.wait(retry, 0, 0, 1);
      }
    }
  }

  const tracePath = process.env.UNRAVEL_TRACE;
  if (tracePath) {
    let fd: number | undefined;
    tracer.on = true;
    tracer.sink = (event) => {
      fd ??= fs.openSync(tracePath, "a");
      writeAll(fd, `${JSON.stringify(event)}\n`);
    };
  }

  // Same folder as this file, in src/ (.ts) and in the bundled dist/ (.js).
  const workerUrl = new URL(
    `./node-worker.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`,
    import.meta.url,
  );

  let workerFound: boolean | undefined;

  // Warm start: one spare worker, started ahead, that has already imported
  // the program's module and waits for its task. Taking it costs a message
  // instead of a cold start (24–35 ms). The spare sleeps on a shared MAILBOX
  // word and reads its task with receiveMessageOnPort: a futex wake-up is
  // faster than waking an idle worker's event loop for a message. Each worker
  // still runs one thread and ends, so every thread gets fresh module state.
  let spare: {
    worker: InstanceType<typeof Worker>;
    moduleUrl: string;
    process: SharedArrayBuffer;
    port: InstanceType<typeof MessageChannel>["port1"];
    mailbox: Int32Array;
  } | null = null;

  function prepareSpare(task: ThreadTask): void {
    if (spare) return;
    const { port1, port2 } = new MessageChannel();
    const mailbox = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(workerUrl, {
      workerData: {
        warm: { moduleUrl: task.moduleUrl, process: task.process, port: port2, mailbox },
      },
      transferList: [port2],
      name: "unravel spare",
    });
    worker.unref(); // an idle spare never keeps the program alive
    port1.unref();
    const entry = {
      worker,
      moduleUrl: task.moduleUrl,
      process: task.process,
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

  function takeSpare(task: ThreadTask): InstanceType<typeof Worker> | null {
    const taken = spare;
    if (!taken) return null;
    spare = null;
    if (taken.moduleUrl !== task.moduleUrl || taken.process !== task.process) {
      void taken.worker.terminate(); // warmed for another program: of no use
      return null;
    }
    taken.worker.removeAllListeners();
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
      workerFound ??= fs.existsSync(workerUrl);
      if (!workerFound) {
        throw new RuntimeError(
          `cannot start a thread: the worker script ${workerUrl.pathname} is missing. ` +
            "Is this a browser bundle? Run it in a page with startRun() from @unravel/core/host.",
        );
      }
    },
    startThread(task: ThreadTask) {
      const worker =
        takeSpare(task) ??
        new Worker(workerUrl, { workerData: { task }, name: task.identity.name });
      if (task.identity.daemon)
        worker.unref(); // a daemon thread does not keep the program alive
      else worker.ref();
      // An error thrown after the target returned (a stray callback) still gets reported.
      worker.on("error", (error) => reportThreadError({ exception: error, thread: task.identity }));
      // Also seen from inside the worker (see node-worker.ts), which matters
      // when this thread is blocked in join and its event loop cannot run.
      worker.on("exit", (code) => endedEarly(task, code));
      prepareSpare(task);
    },
    failMain(error) {
      const detail = error instanceof Error ? (error.stack ?? String(error)) : String(error);
      writeAll(2, `${detail}\n`);
      process.exitCode = 1;
    },
    exit(code) {
      process.exit(code);
    },
  };
}
