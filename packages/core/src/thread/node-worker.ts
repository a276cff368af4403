/**
 * The script of every Node worker that runs a thread: the entry point of a
 * worker, above the whole library. A cold worker gets its task in
 * `workerData`. A warm one (a spare started ahead, see `runtime/node.ts`)
 * imports the program's module first, as a thread (so `main`'s body does
 * not run), and then waits for its task by message.
 */
import { type MessagePort, receiveMessageOnPort, workerData } from "node:worker_threads";
import "../index.ts"; // every primitive registers how to revive itself
import { armModuleTrap } from "../diagnose/trap.ts";
import { holdOutput, releaseOutput, routeConsole } from "../runtime/node.ts";
import type { ProcessView, ThreadTask } from "../runtime/runtime.ts";
import { enterThread } from "./context.ts";
import { endedEarly, endStartedHere, neverSettled, runThread } from "./run.ts";

type WorkerData = { view?: ProcessView } & (
  | { task: ThreadTask }
  | {
      warm: {
        moduleUrl: string;
        process: SharedArrayBuffer;
        port: MessagePort;
        mailbox: Int32Array;
      };
    }
);

/**
 * Runs the thread without a top-level await, so that a target whose promise
 * can never settle is reported as such (on "beforeExit": the loop ran dry),
 * not as Node's "unsettled top-level await" exit 13. `process.exit()` in a
 * thread ends only its worker, and runs the "exit" handler in the worker
 * itself: the thread is marked ended at once, even while the thread that
 * would join it is blocked and its own exit handler cannot run.
 */
function run(task: ThreadTask, loaded?: Record<string, unknown>): void {
  let settled = false;
  process.once("exit", (code) => {
    endedEarly(task, code);
    endStartedHere(task.identity.name);
  });
  process.once("beforeExit", () => {
    if (!settled) neverSettled(task);
  });
  void runThread(task, loaded).finally(() => {
    settled = true;
  });
}

const data = workerData as WorkerData;
// The thread sees process.argv and execArgv as its starter did (env came with the Worker).
if (data.view) {
  process.argv = [...data.view.argv];
  process.execArgv = [...data.view.execArgv];
}
routeConsole(); // console.* is written at once, like print, and survives process.exit

if ("task" in data) {
  run(data.task);
} else {
  void warmStart(data.warm);
}

/**
 * A spare: import the program's module, then wait for the task. Not at the
 * top level: with a top-level await this module's evaluation would be async,
 * and the thread would then run (and block, and be terminated when the
 * program exits) inside that evaluation, which V8 does not survive:
 * "Check failed: (location_) != nullptr" in
 * SourceTextModule::AsyncModuleExecutionFulfilled, exit 133 (nodejs/node#53238).
 * Here the thread runs in an ordinary promise job, which a termination ends cleanly.
 */
async function warmStart(warm: {
  moduleUrl: string;
  process: SharedArrayBuffer;
  port: MessagePort;
  mailbox: Int32Array;
}): Promise<void> {
  // Until its task arrives the spare is a nameless thread: module code that
  // runs at import sees ident 0. An import error surfaces again in runThread.
  enterThread("thread", { ident: 0, name: "(starting)", daemon: true }, warm.process, null);
  holdOutput(); // what the import prints is written only if a task comes
  armModuleTrap(); // and what it makes is told of then (runThread disarms)
  const { moduleUrl, port, mailbox } = warm;
  const loaded = (await import(moduleUrl).catch(() => undefined)) as
    | Record<string, unknown>
    | undefined;
  // Why this order: the parent posts the task, then sets MAILBOX and wakes
  // us. Sleep only while MAILBOX is 0, so a task sent before we got here is
  // not missed; then the task is already on the port.
  while (Atomics.load(mailbox, 0) === 0) Atomics.wait(mailbox, 0, 0);
  const task = receiveMessageOnPort(port)?.message as ThreadTask;
  port.close();
  // Held lines are written as the thread's (the output lock is keyed by thread).
  enterThread("thread", task.identity, task.process, task.control);
  releaseOutput();
  run(task, task.moduleUrl === moduleUrl ? loaded : undefined);
}
