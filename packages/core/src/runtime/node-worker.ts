/**
 * The script of every Node worker that runs a thread. A cold worker gets its
 * task in `workerData`. A warm one (a spare started ahead, see `node.ts`)
 * imports the program's module first, as a thread (so `main`'s body does not
 * run), and then waits for its task by message.
 */
import { type MessagePort, receiveMessageOnPort, workerData } from "node:worker_threads";
import "../index.ts"; // every primitive registers how to revive itself
import { enterThread } from "../thread/context.ts";
import { runThread } from "../thread/run.ts";
import { endedEarly, holdOutput, releaseOutput } from "./node.ts";
import type { ThreadTask } from "./runtime.ts";

type WorkerData =
  | { task: ThreadTask }
  | {
      warm: {
        moduleUrl: string;
        process: SharedArrayBuffer;
        port: MessagePort;
        mailbox: Int32Array;
      };
    };

/**
 * `process.exit()` in a thread ends only its worker, and runs this in the
 * worker itself: the thread is marked ended at once, even while the thread
 * that would join it is blocked and its own exit handler cannot run.
 */
function run(task: ThreadTask, loaded?: Record<string, unknown>): Promise<void> {
  process.once("exit", (code) => endedEarly(task, code));
  return runThread(task, loaded);
}

const data = workerData as WorkerData;
if ("task" in data) {
  await run(data.task);
} else {
  // Until its task arrives the spare is a nameless thread: module code that
  // runs at import sees ident 0. An import error surfaces again in runThread.
  enterThread("thread", { ident: 0, name: "(starting)", daemon: true }, data.warm.process, null);
  holdOutput(); // what the import prints is written only if a task comes
  const { moduleUrl, port, mailbox } = data.warm;
  const loaded = (await import(moduleUrl).catch(() => undefined)) as
    | Record<string, unknown>
    | undefined;
  // Why this order: the parent posts the task, then sets MAILBOX and wakes
  // us. Sleep only while MAILBOX is 0, so a task sent before we got here is
  // not missed; then the task is already on the port.
  while (Atomics.load(mailbox, 0) === 0) Atomics.wait(mailbox, 0, 0);
  const task = receiveMessageOnPort(port)?.message as ThreadTask;
  port.close();
  releaseOutput();
  await run(task, task.moduleUrl === moduleUrl ? loaded : undefined);
}
