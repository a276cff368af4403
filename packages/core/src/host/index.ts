/**
 * `@unravel/core/host`: runs a program in the browser, from the page.
 *
 * The page cannot block, so the program's main function runs in a worker,
 * and so does every thread. The page creates all of them — a worker that
 * creates a worker and then blocks deadlocks in Chromium — and keeps a few
 * started ahead, so that a thread starts at once even while its creator is
 * blocked. Output and trace events stream back to the page as they happen.
 */

import type { HostMessage, WorkerMessage } from "../runtime/browser.ts";
import type { DeadlockGraph, ThreadTask } from "../runtime/runtime.ts";
import { assertSharedMemory } from "../sync/futex.ts";
import { createProcessBlock } from "../thread/context.ts";
import { failUnstarted } from "../thread/control.ts";
import type { TraceEvent } from "../trace/trace.ts";
import { type StepEnd, StepChannel, type StepOptions } from "./step.ts";

export type { DeadlockGraph } from "../runtime/runtime.ts";
export * from "./step.ts";
export type { TraceEvent } from "../trace/trace.ts";

export interface OutputLine {
  stream: "stdout" | "stderr";
  text: string;
  /** The ident of the thread that printed it; 0 for the host's own messages. */
  thread: number;
}

export interface RunOptions {
  /** Each line as it is printed. */
  onLine?: (line: OutputLine) => void;
  /** Each trace event as it happens. Tracing is on only when this is given. */
  onTrace?: (event: TraceEvent) => void;
  /** Stop the run after this many milliseconds. @default 30000 */
  timeoutMs?: number;
  /** Workers started ahead, ready for `Thread.start()`. @default 2 */
  prewarm?: number;
  /** Run in step mode: one step at a time, under a scheduler (see docs/step-mode.md). */
  step?: StepOptions;
}

export interface RunResult {
  /** 0 when the main function returned without error. */
  exitCode: number;
  reason: "finished" | "stopped" | "timeout" | "error";
  error?: string;
  /** When the program ended itself on a deadlock: the report as data, to draw its wait-for graph. */
  deadlock?: DeadlockGraph;
  /** Step mode: how its log ended (a deadlock's graph is in `deadlock` too). */
  step?: StepEnd;
  durationMs: number;
}

export interface Run {
  /** Settles when the program ends, is stopped, or times out. Never rejects. */
  done: Promise<RunResult>;
  /** Terminates every worker of the run. */
  stop(): void;
  /** Step mode with `pause`: lets `thread` (its ident; main is 1) take the next step. */
  steer(thread: number): void;
  /** Step mode with `pause`: the rest of the run under the random scheduler from `seed`. */
  finish(seed: number): void;
}

/** Why threads cannot run on this page, or `null` if they can. */
export function isolationProblem(): string | null {
  if (typeof SharedArrayBuffer === "function" && globalThis.crossOriginIsolated !== false)
    return null;
  return (
    "This page is not cross-origin isolated, so the browser withholds SharedArrayBuffer, " +
    "which threads need. Serve it with 'Cross-Origin-Opener-Policy: same-origin' and " +
    "'Cross-Origin-Embedder-Policy: require-corp'."
  );
}

/**
 * Runs the module at `moduleUrl` — a self-contained ES module that calls
 * `main(import.meta, …)` — in workers, and streams what it prints.
 * @throws Error when the page is not cross-origin isolated (see {@link isolationProblem}).
 */
export function startRun(moduleUrl: string | URL, options: RunOptions = {}): Run {
  assertSharedMemory();
  const { onLine = () => {}, onTrace, timeoutMs = 30_000, prewarm = 2 } = options;
  if (!Number.isInteger(prewarm) || prewarm < 0)
    throw new RangeError("options.prewarm must be a non-negative integer");
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0))
    throw new RangeError("options.timeoutMs must be a positive number");
  const url = String(moduleUrl);
  const stepping = options.step ? new StepChannel(options.step) : null;
  const stepConfig = stepping?.config(); // throws on a bad combination, before any worker starts
  const started = performance.now();
  const workers = new Set<Worker>();
  const idle: Worker[] = [];
  const liveThreads = new Map<number, boolean>(); // ident → daemon
  let mainDone = false;
  let exitCode = 0;
  let finished = false;
  let settle!: (result: RunResult) => void;
  const done = new Promise<RunResult>((resolve) => {
    settle = resolve;
  });

  // A worker started ahead imports the program before it has a role: what
  // that import prints is held until the worker is booted, and dropped if it
  // never is, so spare workers add no line to the output.
  const unbooted = new Map<Worker, WorkerMessage[]>();

  // Which thread each worker runs, to fail it if its worker dies before it starts.
  const threadOf = new Map<Worker, ThreadTask>();

  function boot(worker: Worker, message: HostMessage): void {
    if (message.role === "thread") threadOf.set(worker, message.task);
    worker.postMessage(message);
    const heldBack = unbooted.get(worker) ?? [];
    unbooted.delete(worker);
    for (const early of heldBack) handle(worker, early);
  }

  function spawnWorker(): Worker {
    const worker = new Worker(url, { type: "module", name: "unravel" });
    workers.add(worker);
    unbooted.set(worker, []);
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => handle(worker, event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      onLine({ stream: "stderr", text: `Uncaught error in a worker: ${event.message}`, thread: 0 });
      exitCode = 1;
      // A worker that failed before its thread began (its script did not
      // load) will never end that thread: end it here, so join wakes.
      const task = threadOf.get(worker);
      if (task && failUnstarted(task, event.message)) {
        liveThreads.delete(task.identity.ident);
        checkFinished();
      }
    };
    return worker;
  }

  function refill(): void {
    while (!finished && idle.length < prewarm) idle.push(spawnWorker());
  }

  function handle(worker: Worker, message: WorkerMessage): void {
    if (finished) return;
    const heldBack = unbooted.get(worker);
    if (heldBack && (message.type === "unravel:line" || message.type === "unravel:trace")) {
      heldBack.push(message);
      return;
    }
    switch (message.type) {
      case "unravel:line":
        onLine({ stream: message.stream, text: message.text, thread: message.thread });
        break;
      case "unravel:trace":
        onTrace?.(message.event);
        break;
      case "unravel:step":
        stepping?.receive(message.entry as Record<string, unknown>);
        break;
      case "unravel:spawn": {
        liveThreads.set(message.task.identity.ident, message.task.identity.daemon);
        const next = idle.shift() ?? spawnWorker();
        boot(next, { type: "unravel:boot", role: "thread", task: message.task });
        setTimeout(refill, 0);
        break;
      }
      case "unravel:thread-done":
        liveThreads.delete(message.ident);
        workers.delete(worker);
        worker.terminate(); // each worker runs one thread: a fresh module per thread, as in the terminal
        checkFinished();
        break;
      case "unravel:exit": // the program ended itself (a deadlock report): its workers go too
        exitCode = message.code;
        finish({
          reason: message.code === 0 ? "finished" : "error",
          ...(message.deadlock && { deadlock: message.deadlock }),
        });
        break;
      case "unravel:main-done":
        mainDone = true;
        if (message.error !== undefined) exitCode = 1;
        checkFinished();
        break;
    }
  }

  function checkFinished(): void {
    // Like Python at exit: wait for the main function and every non-daemon thread.
    if (mainDone && ![...liveThreads.values()].some((daemon) => !daemon)) {
      finish({ reason: exitCode === 0 ? "finished" : "error" });
    }
  }

  let ending = false;
  function finish(result: {
    reason: RunResult["reason"];
    error?: string;
    deadlock?: DeadlockGraph;
  }): void {
    if (finished) return;
    // A stepped run's last log entries may come from another worker than the
    // end: wait for the log's end (briefly), so that the result has it.
    if (stepping && result.reason !== "stopped" && result.reason !== "timeout" && !stepping.end) {
      if (ending) return;
      ending = true;
      void stepping.ended(2000).then(() => {
        ending = false;
        finish(result);
      });
      return;
    }
    finished = true;
    clearTimeout(timer);
    for (const worker of workers) worker.terminate();
    workers.clear();
    idle.length = 0;
    const graph = stepping?.end?.graph;
    settle({
      exitCode: result.reason === "finished" ? 0 : 1,
      ...result,
      ...(graph && !result.deadlock ? { deadlock: graph } : {}),
      ...(stepping?.end ? { step: stepping.end } : {}),
      durationMs: performance.now() - started,
    });
  }

  const timer = setTimeout(() => {
    const error = `Stopped: the run took longer than ${timeoutMs / 1000} s.`;
    onLine({ stream: "stderr", text: error, thread: 0 });
    finish({ reason: "timeout", error });
  }, timeoutMs);

  boot(spawnWorker(), {
    type: "unravel:boot",
    role: "main",
    moduleUrl: url,
    process: createProcessBlock(),
    trace: onTrace !== undefined,
    ...(stepConfig ? { step: stepConfig } : {}),
  });
  refill();

  const steered = (what: string) => {
    if (!stepping) throw new Error(`${what}() is for a run started with options.step`);
    return stepping;
  };
  return {
    done,
    stop: () => finish({ reason: "stopped" }),
    steer: (thread) => steered("steer").steer(thread),
    finish: (seed) => steered("finish").finish(seed),
  };
}
