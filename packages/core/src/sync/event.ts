/**
 * `Event`: Python's `threading.Event`, one shared flag.
 *
 * Invariant: FLAG is 0 (clear) or 1 (set). `wait` sleeps only while FLAG is 0
 * — `Atomics.wait` re-checks that atomically — so a `set` between our check
 * and our sleep is never missed, and `set` wakes every sleeper.
 */
import {
  adopted,
  newWord,
  registerAdoptable,
  SHARE,
  type SharedDescriptor,
} from "../thread/transfer.ts";
import { trace, tracer } from "../trace/trace.ts";
import {
  assertCanBlock,
  checkTimeout,
  deadlineAfter,
  runAsync,
  runBlocking,
  type WaitLoop,
} from "./futex.ts";

const FLAG = 0;
const ID = 1;

/**
 * A flag that threads wait for. Python: `threading.Event`.
 *
 * @example
 * ```ts
 * const go = new Event();
 * // in each worker: go.wait();
 * go.set(); // releases every waiting thread at once
 * ```
 */
export class Event {
  readonly #word: Int32Array;
  readonly #label: string;

  constructor() {
    const buffers = adopted();
    this.#word = buffers ? new Int32Array(buffers[0]) : newWord(8);
    this.#label = `Event ${this.#word[ID]}`;
  }

  /** Whether the flag is set. */
  isSet(): boolean {
    return Atomics.load(this.#word, FLAG) === 1;
  }

  /** Sets the flag and wakes every thread waiting for it. */
  set(): void {
    Atomics.store(this.#word, FLAG, 1);
    if (tracer.on) trace("signal", { object: this.#label, op: "set" });
    Atomics.notify(this.#word, FLAG);
  }

  /** Clears the flag: later `wait` calls block until the next `set`. */
  clear(): void {
    Atomics.store(this.#word, FLAG, 0);
    if (tracer.on) trace("signal", { object: this.#label, op: "clear" });
  }

  /**
   * Blocks until the flag is set, or `timeout` ms pass. Returns the flag:
   * `true` once set, `false` if the wait timed out. Blocks the calling thread;
   * see {@link waitAsync}.
   */
  wait(timeout?: number): boolean {
    if (this.isSet()) return true;
    const deadline = deadlineAfter(checkTimeout(timeout));
    assertCanBlock("event.wait()", "await event.waitAsync()");
    return runBlocking(this.#waitLoop(deadline));
  }

  /** The async twin of {@link wait}. */
  async waitAsync(timeout?: number): Promise<boolean> {
    if (this.isSet()) return true;
    return runAsync(this.#waitLoop(deadlineAfter(checkTimeout(timeout))));
  }

  *#waitLoop(deadline: number): WaitLoop<boolean> {
    if (tracer.on) trace("block", { object: this.#label, op: "wait" });
    let ok = true;
    while (ok && Atomics.load(this.#word, FLAG) === 0) {
      ok = yield {
        word: this.#word,
        index: FLAG,
        expected: 0,
        deadline,
        on: { kind: "Event", id: this.#word[1]!, op: "wait" },
      };
    }
    const set = this.isSet();
    if (tracer.on) trace("unblock", { object: this.#label, op: "wait", ok: set });
    return set;
  }

  /** @internal */
  [SHARE](): SharedDescriptor {
    return { kind: "Event", buffers: [this.#word.buffer as SharedArrayBuffer] };
  }
}

registerAdoptable("Event", () => new Event());
