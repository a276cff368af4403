import { describe, expect, it } from "vitest";
import { Condition, Lock, RLock, RuntimeError } from "../src/index.ts";
import { runScenariosOnNode } from "./run-node-scenarios.ts";

describe("Condition on one thread", () => {
  it("refuses wait and notify without the lock (Python's RuntimeError)", () => {
    const cond = new Condition();
    expect(() => cond.wait(1)).toThrow(new RuntimeError("cannot wait on un-acquired lock"));
    expect(() => cond.notify()).toThrow(new RuntimeError("cannot notify on un-acquired lock"));
    expect(() => cond.notifyAll()).toThrow(new RuntimeError("cannot notify on un-acquired lock"));
    expect(() => cond.waitFor(() => true)).toThrow(RuntimeError);
  });

  it("times out with false, holding its RLock again at every level", () => {
    const cond = new Condition();
    cond.acquire();
    cond.acquire();
    const started = performance.now();
    expect(cond.wait(30)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(30 * 0.6);
    cond.release();
    cond.release(); // both levels were restored
    expect(() => cond.release()).toThrow(RuntimeError);
  });

  it("works over a plain Lock", () => {
    const lock = new Lock();
    const cond = new Condition(lock);
    using _held = cond.hold();
    expect(lock.locked()).toBe(true);
    expect(cond.wait(5)).toBe(false);
    expect(lock.locked()).toBe(true);
  });

  it("waitFor returns the predicate's value, or its last falsy value on timeout", () => {
    const cond = new Condition();
    using _held = cond.hold();
    expect(cond.waitFor(() => 42)).toBe(42);
    expect(cond.waitFor(() => 0, 10)).toBe(0);
  });

  it("notify with nobody waiting does nothing", () => {
    const cond = new Condition();
    using _held = cond.hold();
    cond.notify(3);
    cond.notifyAll();
    expect(cond.wait(1)).toBe(false);
  });

  it("waitAsync is woken by a notify from the same thread's event loop", async () => {
    const cond = new Condition();
    await cond.acquireAsync();
    setTimeout(() => {
      cond.acquire();
      cond.notify();
      cond.release();
    }, 5);
    expect(await cond.waitAsync(5_000)).toBe(true);
    cond.release();
  });

  it("names bad arguments", () => {
    expect(() => new Condition({} as Lock)).toThrow(
      new TypeError("lock must be a Lock or an RLock, got Object"),
    );
    const cond = new Condition(new RLock());
    using _held = cond.hold();
    expect(() => cond.notify(-1)).toThrow(
      new RangeError("n must be a non-negative integer, got -1"),
    );
    expect(() => cond.wait(-5)).toThrow(
      new RangeError("timeout must be a non-negative number of milliseconds, got -5"),
    );
    expect(() => cond.waitFor("x" as never)).toThrow(new TypeError("predicate must be a function"));
  });
});

runScenariosOnNode("condition");
