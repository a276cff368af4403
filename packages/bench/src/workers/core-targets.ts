/**
 * Thread targets for the measurements of @unravel/core. A `Thread` runs an
 * exported function of a module registered with `main`, so they live here,
 * in a small module of their own: every thread imports it, and a small
 * module keeps the cold start a fair one.
 */
import { type Condition, type Event, type Lock, main, type Queue } from "@unravel/core";
import { CHECK, runRounds } from "../rounds.ts";

/** Resolves once this module is registered, so that Threads can find its exports. */
export const registered = new Promise<void>((resolve) => main(import.meta, resolve));

/** Writes the start flag at once: the measured span ends here. */
export function firstLine(flag: Int32Array): void {
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

let startFlag: Int32Array | null = null;

/** A pool worker's initializer: keeps the start flag (shared arrays reach pool workers only this way). */
export function keepStartFlag(flag: Int32Array): void {
  startFlag = flag;
}

/** A pool task that writes its number to the start flag at once: the measured span ends here. */
export function poolFirstLine(n: number): void {
  Atomics.store(startFlag!, 0, n);
  Atomics.notify(startFlag!, 0);
}

/** The pool's trivial task: its figure is the pool's own cost. */
export function echo(n: number): number {
  return n;
}

/** `threads` threads share COUNT increments of `counter[0]` under `lock`. */
export function lockedCounter(
  ctrl: Int32Array,
  lock: Lock,
  counter: Int32Array,
  threads: number,
): void {
  runRounds(ctrl, (count) => {
    for (let i = count / threads; i > 0; i--) {
      lock.acquire();
      counter[0]!++;
      lock.release();
    }
  });
}

/** One side of a Condition ping-pong: waits for its turn, passes it over, COUNT times. */
export function conditionSide(
  ctrl: Int32Array,
  cond: Condition,
  turn: Int32Array,
  me: number,
): void {
  runRounds(ctrl, (count) => {
    for (let i = 0; i < count; i++) {
      cond.acquire();
      while (turn[0] !== me) cond.wait();
      turn[0] = 1 - me;
      cond.notify();
      cond.release();
    }
  });
}

/** The pinging side of an Event ping-pong. */
export function eventPing(ctrl: Int32Array, ping: Event, pong: Event): void {
  runRounds(ctrl, (count) => {
    for (let i = 0; i < count; i++) {
      ping.set();
      pong.wait();
      pong.clear();
    }
  });
}

/** The answering side of an Event ping-pong. */
export function eventPong(ctrl: Int32Array, ping: Event, pong: Event): void {
  runRounds(ctrl, (count) => {
    for (let i = 0; i < count; i++) {
      ping.wait();
      ping.clear();
      pong.set();
    }
  });
}

export interface QueueRole {
  /** This thread's index among the producers (or consumers). */
  index: number;
  /** How many producers (or consumers) there are. */
  of: number;
  objects: boolean;
}

/** Puts its share of the round's items: ids index, index + of, … below COUNT. */
export function producer(ctrl: Int32Array, q: Queue<unknown>, role: QueueRole): void {
  runRounds(ctrl, (count) => {
    if (role.objects) {
      for (let id = role.index; id < count; id += role.of) q.put({ id, name: "item", done: false });
    } else {
      for (let id = role.index; id < count; id += role.of) q.put(id);
    }
  });
}

/** Gets its share of the round's items and adds their ids to the checksum. */
export function consumer(ctrl: Int32Array, q: Queue<unknown>, role: QueueRole): void {
  runRounds(ctrl, (count) => {
    let sum = 0;
    for (let i = count / role.of; i > 0; i--) {
      const item = q.get();
      sum = (sum + (role.objects ? (item as { id: number }).id : (item as number))) | 0;
    }
    Atomics.add(ctrl, CHECK, sum);
  });
}
