/**
 * `Event`: Python's `threading.Event`, one shared word.
 *
 * Invariant: STATE is `generation * 2 + flag`. `set` turns the flag bit on
 * (the word goes from 2g to 2g + 1), `clear` turns it off by moving to the
 * next generation (2g + 1 to 2g + 2), so the word never returns to a value
 * it held. `wait` reads the word once, and sleeps only while it still holds
 * that value — `Atomics.wait` re-checks that atomically — so a `set` between
 * our read and our sleep is never missed. Any change from a clear value means
 * a `set` happened: a waiter returns `true` even if `clear` came before it
 * woke (Python since bpo-13502).
 */
import { stepping, steps } from "../step/state.ts";
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

const STATE = 0;
const ID = 1;
const SET_BIT = 1;

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
    return (Atomics.load(this.#word, STATE) & SET_BIT) !== 0;
  }

  /** Sets the flag and wakes every thread waiting for it. */
  set(): void {
    if (stepping) steps.point("set", this.#label);
    this.#flip(0);
    if (tracer.on) trace("signal", { object: this.#label, op: "set" });
    Atomics.notify(this.#word, STATE);
  }

  /**
   * Clears the flag: later `wait` calls block until the next `set`. A thread
   * that was waiting when the flag was set still returns `true`.
   */
  clear(): void {
    if (stepping) steps.point("clear", this.#label);
    this.#flip(SET_BIT);
    if (tracer.on) trace("signal", { object: this.#label, op: "clear" });
  }

  /** Adds one to the word if its flag bit is `from`: 2g → 2g + 1 (set), 2g + 1 → 2g + 2 (clear). */
  #flip(from: number): void {
    let state = Atomics.load(this.#word, STATE);
    while ((state & SET_BIT) === from) {
      // The word wraps at 2³¹ like any Int32: still a new value for a sleeper.
      const seen = Atomics.compareExchange(this.#word, STATE, state, (state + 1) | 0);
      if (seen === state) return;
      state = seen;
    }
  }

  /**
   * Blocks until the flag is set, or `timeout` ms pass. Returns `true` if
   * the flag was set (now, or at some moment during the wait, even if
   * cleared since), `false` if the wait timed out. Blocks the calling
   * thread; see {@link waitAsync}.
   */
  wait(timeout?: number): boolean {
    if (stepping) steps.point("wait", this.#label);
    const deadline = deadlineAfter(checkTimeout(timeout));
    const state = Atomics.load(this.#word, STATE);
    if (state & SET_BIT) return true;
    assertCanBlock("event.wait()", "await event.waitAsync()");
    return runBlocking(this.#waitLoop(state, deadline));
  }

  /** The async twin of {@link wait}. */
  async waitAsync(timeout?: number): Promise<boolean> {
    if (stepping) return this.wait(timeout); // step mode: the blocking twin (see asStepped)
    const deadline = deadlineAfter(checkTimeout(timeout));
    const state = Atomics.load(this.#word, STATE);
    if (state & SET_BIT) return true;
    return runAsync(this.#waitLoop(state, deadline));
  }

  *#waitLoop(clear: number, deadline: number): WaitLoop<boolean> {
    if (tracer.on) trace("block", { object: this.#label, op: "wait" });
    // Why this order: compare with the value read at entry, never a fresh
    // one, so a set() and clear() that both came while we slept (or between
    // a spurious wake-up and the next sleep) still count as a set.
    let set = false;
    for (;;) {
      const woken = yield {
        word: this.#word,
        index: STATE,
        expected: clear,
        deadline,
        on: { kind: "Event", id: this.#word[ID]!, op: "wait" },
      };
      set = Atomics.load(this.#word, STATE) !== clear;
      if (set || !woken) break;
    }
    if (tracer.on) trace("unblock", { object: this.#label, op: "wait", ok: set });
    return set;
  }

  /** @internal */
  [SHARE](): SharedDescriptor {
    return { kind: "Event", buffers: [this.#word.buffer as SharedArrayBuffer] };
  }
}

registerAdoptable("Event", () => new Event());
