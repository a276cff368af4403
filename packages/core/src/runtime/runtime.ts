/**
 * What the library needs from the platform, and nothing more. This is the
 * bottom layer: it imports nothing of the library. `node.ts` and
 * `browser.ts` implement it; the thread layer (`../thread/`) calls it and
 * hands it callbacks, so the platform never reaches back up.
 */

/** Who a thread is: what crosses into its worker, and what `enumerate()` shows. */
export interface ThreadIdentity {
  ident: number;
  name: string;
  daemon: boolean;
}

/** Everything a worker needs to run one thread. Crosses by structured clone. */
export interface ThreadTask {
  moduleUrl: string;
  exportName: string;
  /** Arguments after `encodeForThread`. */
  args: unknown[];
  identity: ThreadIdentity;
  process: SharedArrayBuffer;
  /** The thread's control block: its Int32 word 0 changes, with a notify, when the thread runs. */
  control: SharedArrayBuffer;
  /** Whether the new thread records trace events (browser runs; Node reads UNRAVEL_TRACE). */
  trace: boolean;
  /** What `process` looked like in the starting thread (Node): argv, execArgv, env. */
  view?: ProcessView;
  /** Step mode: the step block every thread of the run shares (see `step/engine.ts`). */
  step?: SharedArrayBuffer;
  /** Step mode: the ids of the shared arrays among `args`, in `sharedIn` order, so every thread names them alike. */
  stepArrays?: number[];
}

/** The parts of Node's `process` that a thread sees as its starter saw them. */
export interface ProcessView {
  argv: string[];
  execArgv: string[];
  env: Record<string, string>;
}

/** What the platform tells the thread layer about a worker it started. */
export interface WorkerEvents {
  /** An error escaped the worker (after its target returned, or while it loaded). */
  onError(error: unknown): void;
  /** The worker ended with `code`; may come after the thread already ended. */
  onExit(code: number): void;
}

/**
 * A deadlock as data, for a page to draw: each blocked thread's wait, and the
 * wait-for cycle (each entry's thread waits for its object, which the next
 * entry's thread holds). Its text is the report on stderr.
 */
export interface DeadlockGraph {
  threads: {
    name: string;
    /** What it waits for: `Lock#2`, `the end of Thread-3`, `an internal lock`. */
    waitsFor: string;
    /** The call it waits in: `acquire`, `wait`, `join`… */
    op: string;
    /** Who holds what it waits for, or `null`. */
    heldBy: string | null;
    /** Where it waits, as the report says it (`main.ts:15`). */
    at: string;
    /** The same place as the engine named it (`url:line:column`), for a page that maps its own code. */
    site: string;
  }[];
  /** Empty when the threads wait on something nobody holds (no cycle). */
  cycle: { thread: string; waitsFor: string }[];
}

/** How many threads may be alive at once, and why: see `threadLimit` in node.ts. */
export interface ThreadLimit {
  limit: number;
  /** Where the limit comes from, for the error that refuses a thread. */
  reason: string;
}

export interface Runtime {
  /** Writes one whole line (or a block of lines) at once, from any thread. */
  writeLine(stream: "stdout" | "stderr", text: string): void;
  /** Formats `print`'s arguments as `console.log` would. */
  format(values: unknown[]): string;
  /** Throws, saying why, where this thread cannot start threads. */
  checkCanStartThreads(): void;
  /**
   * Starts a worker that runs `task`. Must not depend on the caller's event
   * loop running afterwards.
   */
  startThread(task: ThreadTask, events: WorkerEvents): void;
  /** Reports an error that ended the main program. */
  failMain(error: unknown): void;
  /** The most threads this machine's memory allows; `null` where the platform does not say. */
  threadLimit(): ThreadLimit | null;
  /** Why memory is too short for one more thread right now, or `null`. */
  memoryShortage(): string | null;
  /** Where the script of a thread's worker is (Node); set once by the thread layer. */
  setWorkerScript(url: URL): void;
  /** Where trace events go by default (Node: the file named by UNRAVEL_TRACE), or `null`. */
  traceFile(): ((line: string) => void) | null;
  /**
   * Called as this thread is about to join or sleep: work the platform put
   * off until the thread just started runs (Node: warming the next spare
   * worker) gets done even when this thread never returns to its event loop.
   */
  beforeWait(): void;
  /**
   * Runs `wait`, a blocking wait of this thread. On Node's main thread, a
   * SIGINT handler cannot run while it blocks, so Ctrl-C ends the program
   * then, as it would with no handler (see node.ts).
   */
  blocking<T>(wait: () => T): T;
  /**
   * Runs `wait`, a wait of this thread that has lasted long (see
   * `diagnose/waits.ts`). On Node's main thread, Ctrl-C interrupts it even
   * though JavaScript is blocked: `interrupted` runs (it prints who waits on
   * what), then the program ends as Ctrl-C ends it.
   */
  interruptible<T>(wait: () => T, interrupted: () => void): T;
  /** What a new thread should see of `process` (Node only). */
  processView(): ProcessView | undefined;
  /**
   * Ends the whole program now with `code` (a deadlock report); called on the
   * main thread. The browser also hands `deadlock` to the page (`RunResult`).
   */
  exit(code: number, deadlock?: DeadlockGraph): void;
}
