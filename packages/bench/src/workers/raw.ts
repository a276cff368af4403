/**
 * The baselines' worker: plain `worker_threads`, no library. What it runs
 * comes in `workerData.mode`. These are the floors: what the hardware and
 * Node give before any library adds anything.
 */
import {
  type MessagePort,
  parentPort,
  receiveMessageOnPort,
  workerData,
} from "node:worker_threads";
import { CHECK, runRounds } from "../rounds.ts";

export interface RawTask {
  mode:
    | "first-line"
    | "spare"
    | "futex-counter"
    | "atomics-ping"
    | "atomics-pong"
    | "ring-producer"
    | "ring-consumer"
    | "pm-sink"
    | "pm-echo";
  ctrl: Int32Array;
  /** futex-counter: [STATE, COUNTER]; ring: [HEAD, TAIL, CONSUMER_WAITING, PRODUCER_WAITING]; ping-pong: [WORD]. */
  words: Int32Array;
  ring?: Int32Array;
  threads?: number;
  /** spare: where its task comes. */
  port?: MessagePort;
}

const task = workerData as RawTask;
const { ctrl, words } = task;

// A bare 3-state futex mutex (Drepper's mutex 2): the floor under contention.
const UNLOCKED = 0;
const LOCKED = 1;
const CONTENDED = 2;
function lock(): void {
  let c = Atomics.compareExchange(words, 0, UNLOCKED, LOCKED);
  if (c === UNLOCKED) return;
  if (c !== CONTENDED) c = Atomics.exchange(words, 0, CONTENDED);
  while (c !== UNLOCKED) {
    Atomics.wait(words, 0, CONTENDED);
    c = Atomics.exchange(words, 0, CONTENDED);
  }
}
function unlock(): void {
  if (Atomics.exchange(words, 0, UNLOCKED) === CONTENDED) Atomics.notify(words, 0, 1);
}

// The single-producer/single-consumer ring: HEAD and TAIL only grow; a side
// that finds nothing to do flags itself waiting, re-checks, then sleeps.
const HEAD = 0;
const TAIL = 1;
const C_WAITING = 2;
const P_WAITING = 3;

switch (task.mode) {
  case "first-line":
    Atomics.store(ctrl, 0, 1);
    Atomics.notify(ctrl, 0);
    break;
  case "spare": {
    // A warm start's floor: parked on words[0] as a spare is, then woken
    // with its task on a port, it flags its first line.
    Atomics.store(words, 1, 1);
    Atomics.notify(words, 1);
    while (Atomics.load(words, 0) === 0) Atomics.wait(words, 0, 0);
    const message = receiveMessageOnPort(task.port!)?.message as { flag: Int32Array };
    Atomics.store(message.flag, 0, 1);
    Atomics.notify(message.flag, 0);
    task.port!.close();
    break;
  }
  case "futex-counter": {
    const threads = task.threads!;
    runRounds(ctrl, (count) => {
      for (let i = count / threads; i > 0; i--) {
        lock();
        words[1]!++;
        unlock();
      }
    });
    break;
  }
  case "atomics-ping":
  case "atomics-pong": {
    // The word holds whose turn it is: 0 ping, 1 pong.
    const me = task.mode === "atomics-ping" ? 0 : 1;
    runRounds(ctrl, (count) => {
      for (let i = 0; i < count; i++) {
        while (Atomics.load(words, 0) !== me) Atomics.wait(words, 0, 1 - me);
        Atomics.store(words, 0, 1 - me);
        Atomics.notify(words, 0);
      }
    });
    break;
  }
  case "ring-producer": {
    const ring = task.ring!;
    const size = ring.length;
    runRounds(ctrl, (count) => {
      for (let id = 0; id < count; id++) {
        const tail = Atomics.load(words, TAIL);
        while (tail - Atomics.load(words, HEAD) === size) {
          Atomics.store(words, P_WAITING, 1);
          const head = Atomics.load(words, HEAD);
          if (tail - head === size) Atomics.wait(words, HEAD, head);
          Atomics.store(words, P_WAITING, 0);
        }
        ring[tail % size] = id;
        Atomics.store(words, TAIL, tail + 1);
        if (Atomics.load(words, C_WAITING)) Atomics.notify(words, TAIL);
      }
    });
    break;
  }
  case "ring-consumer": {
    const ring = task.ring!;
    const size = ring.length;
    runRounds(ctrl, (count) => {
      let sum = 0;
      for (let i = 0; i < count; i++) {
        const head = Atomics.load(words, HEAD);
        while (Atomics.load(words, TAIL) === head) {
          Atomics.store(words, C_WAITING, 1);
          if (Atomics.load(words, TAIL) === head) Atomics.wait(words, TAIL, head);
          Atomics.store(words, C_WAITING, 0);
        }
        sum = (sum + ring[head % size]!) | 0;
        Atomics.store(words, HEAD, head + 1);
        if (Atomics.load(words, P_WAITING)) Atomics.notify(words, HEAD);
      }
      Atomics.add(ctrl, CHECK, sum);
    });
    break;
  }
  case "pm-sink": {
    // Counts messages (numbers, or small objects with an id) and sums their ids; answers
    // both once it has seen as many as the main thread announced.
    let expected = 0;
    let seen = 0;
    let sum = 0;
    parentPort!.on("message", (m: number | { id: number } | { expect: number } | "stop") => {
      if (m === "stop") return parentPort!.close();
      if (typeof m === "object" && "expect" in m) {
        expected = m.expect;
        seen = 0;
        sum = 0;
        return;
      }
      sum = (sum + (typeof m === "number" ? m : m.id)) | 0;
      if (++seen === expected) parentPort!.postMessage({ seen, sum });
    });
    break;
  }
  case "pm-echo":
    parentPort!.on("message", (m: unknown) => {
      if (m === "stop") return parentPort!.close();
      parentPort!.postMessage(m);
    });
    break;
}
