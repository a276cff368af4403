/** The script of every Node worker that runs a thread. */
import { workerData } from "node:worker_threads";
import "../index.ts"; // every primitive registers how to revive itself
import { runThread } from "../thread/run.ts";
import type { ThreadTask } from "./runtime.ts";

await runThread(workerData as ThreadTask);
