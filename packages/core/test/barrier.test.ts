import { describe, expect, it } from "vitest";
import { Barrier, BrokenBarrierError } from "../src/index.ts";
import { runScenariosOnNode } from "./run-node-scenarios.ts";

describe("Barrier on one thread", () => {
  it("a one-party barrier trips at once, runs its action, returns index 0", () => {
    let ran = 0;
    const barrier = new Barrier(1, { action: () => ran++ });
    expect(barrier.wait()).toBe(0);
    expect(barrier.wait()).toBe(0);
    expect(ran).toBe(2);
    expect(barrier.parties).toBe(1);
    expect(barrier.nWaiting).toBe(0);
  });

  it("a wait that times out breaks it, until reset()", () => {
    const barrier = new Barrier(2, { timeout: 20 });
    expect(() => barrier.wait()).toThrow(BrokenBarrierError);
    expect(barrier.broken).toBe(true);
    expect(() => barrier.wait(1)).toThrow(BrokenBarrierError);
    barrier.reset();
    expect(barrier.broken).toBe(false);
  });

  it("an action that throws breaks the barrier and reaches the caller", () => {
    const barrier = new Barrier(1, {
      action: () => {
        throw new Error("action failed");
      },
    });
    expect(() => barrier.wait()).toThrow("action failed");
    expect(barrier.broken).toBe(true);
  });

  it("abort() breaks it", async () => {
    const barrier = new Barrier(2);
    barrier.abort();
    expect(barrier.broken).toBe(true);
    await expect(barrier.waitAsync()).rejects.toBeInstanceOf(BrokenBarrierError);
  });

  it("names bad arguments", () => {
    expect(() => new Barrier(0)).toThrow(
      new RangeError("parties must be a positive integer, got 0"),
    );
    expect(() => new Barrier(2, { timeout: -5 })).toThrow(
      new RangeError("options.timeout must be a non-negative number of milliseconds, got -5"),
    );
    expect(() => new Barrier(2, { action: 1 as never })).toThrow(
      new TypeError("options.action must be a function"),
    );
  });
});

runScenariosOnNode("barrier");
