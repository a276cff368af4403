/**
 * Lesson 2 (creating-a-thread) in bare Node: the main thread prints, starts
 * one Worker that prints one line, prints twice more; the process ends when
 * the worker has. The baseline of `node src/main.ts`'s wall time and memory.
 */
import { Worker } from "node:worker_threads";

console.log("main: thread created");
new Worker(new URL("./one-line-print.ts", import.meta.url));
console.log("main: thread started");
console.log("main: my last line");
