/**
 * Step mode from the page: the same engine as in Node (`../step/engine.ts`),
 * its log posted to the page instead of written to a file. The entries come
 * from whichever worker held the turn, so they may arrive out of order: each
 * carries a sequence number, and this puts them back in order before the
 * page sees them. A run started with `pause: true` stops before every step
 * past its replay list, shows the page every thread (`onPause`), and waits
 * for `steer(thread)`.
 */
import type { PausedThread, StepRecord } from "../step/engine.ts";
import { CONTINUE, type Scheduler, steer } from "../step/schedulers.ts";
import type { DeadlockGraph } from "../runtime/runtime.ts";

export type { PausedThread, StepRecord } from "../step/engine.ts";
export { formatSchedule, parseSchedule, type Scheduler } from "../step/schedulers.ts";

export interface StepOptions {
  /** @default "pct" */
  scheduler?: Scheduler;
  /** random, pct. @default 1 */
  seed?: number;
  /** PCT's bug depth d. @default 3 */
  depth?: number;
  /** PCT's estimate of the run's length in steps. @default 200 */
  steps?: number;
  /** replay: the thread of each step (main is 1). */
  replay?: number[];
  /** replay: once the list runs out, stop before each step and wait for `steer`. */
  pause?: boolean;
  /** The most steps the run may take. @default 100000 */
  limit?: number;
  /** A thread that runs this long (real ms) without a step point ends the run as not steppable. @default 5000 */
  stuckMs?: number;
  /** Each step, in order. */
  onStep?(record: StepRecord): void;
  /** Paused before step `step + 1`: every thread, and the threads that can take it. */
  onPause?(paused: Paused): void;
  /** A shared array of the program, the first time the run meets it: the page may read its cells at any time. */
  onArray?(array: SharedArrayInfo): void;
  /** A lock's holder changed (0: free), with the step that changed it. */
  onLock?(change: { lock: string; holder: number; step: number }): void;
}

export interface Paused {
  /** Steps taken so far. */
  step: number;
  /** The threads that can take the next step. */
  enabled: number[];
  threads: PausedThread[];
}

export interface SharedArrayInfo {
  /** 1, 2… in the order the run met them. */
  id: number;
  /** Over the program's own memory. */
  view: Int32Array | Float64Array | Uint8Array;
  /** Where it was made or first met (`main.ts:12`), and the engine's `url:line:column`. */
  site: string;
  frame: string;
}

/** How a stepped run ended, as its log's last entry says. */
export interface StepEnd {
  end: "finished" | "deadlock" | "stuck" | "failed" | "diverged" | "paused";
  steps?: number;
  report?: string;
  graph?: DeadlockGraph;
}

type Entry = { seq?: number } & Record<string, unknown>;

export class StepChannel {
  #block: SharedArrayBuffer | null = null;
  #next = 1;
  readonly #waiting = new Map<number, Entry>();
  readonly #options: StepOptions;
  /** The log's end, once it has come. */
  end: StepEnd | null = null;
  #onEnd: (() => void) | null = null;

  constructor(options: StepOptions) {
    this.#options = options;
  }

  /** What main's boot message carries: the engine's configuration. */
  config(): object {
    const { onStep, onPause, onArray, onLock, pause, ...rest } = this.#options;
    if (pause && rest.scheduler !== "replay")
      throw new RangeError("step.pause needs the replay scheduler (an empty list pauses at once)");
    return { ...rest, ...(pause ? { pause: "live" } : {}) };
  }

  receive(entry: Entry): void {
    if (entry.block instanceof SharedArrayBuffer) {
      this.#block = entry.block;
      return;
    }
    if (typeof entry.seq !== "number") return;
    this.#waiting.set(entry.seq, entry);
    for (let e = this.#waiting.get(this.#next); e; e = this.#waiting.get(this.#next)) {
      this.#waiting.delete(this.#next);
      this.#next += 1;
      this.#dispatch(e);
    }
  }

  #dispatch(entry: Entry): void {
    const o = this.#options;
    if ("paused" in entry) o.onPause?.(entry.paused as Paused);
    else if ("view" in entry)
      o.onArray?.({ id: entry.array, ...entry } as unknown as SharedArrayInfo);
    else if ("lock" in entry)
      o.onLock?.(entry as unknown as { lock: string; holder: number; step: number });
    else if ("end" in entry) {
      this.end = entry as unknown as StepEnd;
      this.#onEnd?.();
    } else if ("step" in entry) o.onStep?.(entry as unknown as StepRecord);
  }

  /** Resolves once the log's end has come in, or after `ms` (a run that died without one). */
  ended(ms: number): Promise<void> {
    if (this.end) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#onEnd = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Lets `thread` take the next step of a paused run. */
  steer(thread: number): void {
    if (!this.#block) throw new Error("the run has not started in step mode yet");
    if (!Number.isInteger(thread) || thread < 1)
      throw new RangeError(`steer() takes a thread number (main is 1), not ${thread}`);
    steer(this.#block, thread);
  }

  /** Finishes a paused run with the random scheduler from `seed`. */
  finish(seed: number): void {
    if (!this.#block) throw new Error("the run has not started in step mode yet");
    steer(this.#block, CONTINUE, seed);
  }
}
