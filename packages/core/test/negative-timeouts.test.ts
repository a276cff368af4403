// A negative timeout is refused with a RangeError naming it — -1 too, which
// only a Lock's or RLock's acquire takes for "forever", as in Python. (Python
// takes a negative timeout as 0 in Condition.wait, Event.wait, Barrier.wait,
// Semaphore.acquire, join and Future.result; we refuse it rather than guess.)
// Each call is set up so that one which accepted -1 would return at once.
import { describe, expect, it } from "vitest";
import { Barrier, Condition, Event, Lock, RLock, Semaphore } from "../src/index.ts";

const refused = (parameter: string) =>
  new RangeError(`${parameter} must be a non-negative number of milliseconds, got -1`);

/** What an async twin threw or rejected with (some throw at once, some reject). */
async function failure(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return "no error";
}

describe("timeout -1", () => {
  it("means forever for Lock and RLock acquire, as in Python", () => {
    for (const lock of [new Lock(), new RLock()]) {
      expect(lock.acquire({ timeout: -1 })).toBe(true);
      lock.release();
      expect(lock.acquire({ blocking: false, timeout: -1 })).toBe(true); // Python's default
      lock.release();
    }
  });

  it("is refused by Event.wait and waitAsync, even when the flag is set", async () => {
    const event = new Event();
    event.set();
    expect(() => event.wait(-1)).toThrow(refused("timeout"));
    expect(await failure(() => event.waitAsync(-1))).toEqual(refused("timeout"));
  });

  it("is refused by Condition.wait, waitAsync and waitFor, which keep the lock", async () => {
    const cond = new Condition();
    using _held = cond.hold();
    expect(() => cond.waitFor(() => true, -1)).toThrow(refused("timeout")); // first: -1 taken as forever would hang below
    expect(() => cond.wait(-1)).toThrow(refused("timeout"));
    expect(await failure(() => cond.waitAsync(-1))).toEqual(refused("timeout"));
    cond.notify(); // still held: no RuntimeError
  });

  it("is refused by Semaphore.acquire, which then takes no permit", async () => {
    const sem = new Semaphore(1);
    expect(() => sem.acquire({ timeout: -1 })).toThrow(refused("options.timeout"));
    expect(await failure(() => sem.acquireAsync({ timeout: -1 }))).toEqual(
      refused("options.timeout"),
    );
    expect(() => sem.acquire({ blocking: false, timeout: -1 })).toThrow(
      new TypeError("options.timeout cannot be given with blocking: false"),
    );
    expect(sem.value).toBe(1);
  });

  it("is refused by Barrier.wait and as a Barrier's default timeout", async () => {
    const barrier = new Barrier(1);
    expect(() => barrier.wait(-1)).toThrow(refused("timeout"));
    expect(await failure(() => barrier.waitAsync(-1))).toEqual(refused("timeout"));
    expect(barrier.broken).toBe(false);
    expect(() => new Barrier(2, { timeout: -1 })).toThrow(refused("options.timeout"));
  });
});
