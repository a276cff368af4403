/**
 * What the library needs from the platform, and nothing more. The primitives
 * never touch Node or browser APIs; `node.ts` and `browser.ts` implement this.
 */
import type { ThreadIdentity } from "../thread/context.ts";

/** Everything a worker needs to run one thread. Crosses by structured clone. */
export interface ThreadTask {
  moduleUrl: string;
  exportName: string;
  /** Arguments after `encodeForThread`. */
  args: unknown[];
  identity: ThreadIdentity;
  process: SharedArrayBuffer;
  control: SharedArrayBuffer;
  /** Whether the new thread records trace events (browser runs; Node reads UNRAVEL_TRACE). */
  trace: boolean;
}

export interface Runtime {
  /** Writes one whole line (or a block of lines) at once, from any thread. */
  writeLine(stream: "stdout" | "stderr", text: string): void;
  /** Formats `print`'s arguments as `console.log` would. */
  format(values: unknown[]): string;
  /** Throws, saying why, where this thread cannot start threads. */
  checkCanStartThreads(): void;
  /** Starts a worker that runs `task`. Must not depend on the caller's event loop running afterwards. */
  startThread(task: ThreadTask): void;
  /** Reports an error that ended the main program. */
  failMain(error: unknown): void;
  /** Ends the whole program now with `code` (a deadlock report); called on the main thread. */
  exit(code: number): void;
}
