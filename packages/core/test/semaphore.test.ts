import { describe, expect, it } from "vitest";
import { BoundedSemaphore, Semaphore } from "../src/index.ts";
import { runScenariosOnNode } from "./run-node-scenarios.ts";

describe("Semaphore on one thread", () => {
  it("counts permits down and up", () => {
    const sem = new Semaphore(2);
    expect(sem.acquire()).toBe(true);
    expect(sem.acquire()).toBe(true);
    expect(sem.acquire({ blocking: false })).toBe(false);
    sem.release(2);
    expect(sem.value).toBe(2);
  });

  it("times out with false and leaves the value at 0", () => {
    const sem = new Semaphore(0);
    const started = performance.now();
    expect(sem.acquire({ timeout: 30 })).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(30 * 0.6);
    expect(sem.value).toBe(0);
  });

  it("acquireAsync waits for a release from the event loop", async () => {
    const sem = new Semaphore(0);
    setTimeout(() => sem.release(), 5);
    expect(await sem.acquireAsync({ timeout: 5_000 })).toBe(true);
    expect(sem.value).toBe(0);
  });

  it("names bad arguments and changes nothing", () => {
    expect(() => new Semaphore(-1)).toThrow(
      new RangeError("value must be a non-negative integer, got -1"),
    );
    const sem = new Semaphore(1);
    expect(() => sem.release(0)).toThrow(new RangeError("n must be a positive integer, got 0"));
    expect(() => sem.acquire({ blocking: false, timeout: 5 })).toThrow(
      new TypeError("options.timeout cannot be given with blocking: false"),
    );
    expect(() => sem.acquire({ timeout: -5 })).toThrow(
      new RangeError("options.timeout must be a non-negative number of milliseconds, got -5"),
    );
    expect(sem.value).toBe(1);
  });
});

describe("Semaphore's limit of 2**31 - 1 permits", () => {
  it("refuses an initial value past 2**31 - 1 instead of wrapping to a negative one", () => {
    expect(() => new Semaphore(2 ** 31)).toThrow(
      new RangeError(
        "value must be at most 2**31 - 1 (2147483647), the most permits a semaphore holds, got 2147483648",
      ),
    );
    expect(() => new BoundedSemaphore(2 ** 40)).toThrow(RangeError);
    expect(new Semaphore(2 ** 31 - 1).value).toBe(2 ** 31 - 1);
  });

  it("refuses a release past 2**31 - 1, naming the limit, and releases nothing", () => {
    const sem = new Semaphore(2 ** 31 - 2);
    sem.release();
    expect(sem.value).toBe(2 ** 31 - 1);
    expect(() => sem.release()).toThrow(
      new RangeError(
        "release(1) would raise the semaphore's value from 2147483647 past 2**31 - 1 (2147483647), the most permits it holds; nothing was released",
      ),
    );
    expect(sem.value).toBe(2 ** 31 - 1);
    expect(() => new Semaphore(5).release(2 ** 32 + 1)).toThrow(
      new RangeError(
        "n must be at most 2**31 - 1 (2147483647), the most permits a semaphore holds, got 4294967297",
      ),
    );
    expect(sem.acquire({ blocking: false })).toBe(true);
    expect(sem.value).toBe(2 ** 31 - 2);
  });
});

describe("BoundedSemaphore on one thread", () => {
  it("refuses a release past its initial value, value unchanged (Python's ValueError)", () => {
    const sem = new BoundedSemaphore(2);
    sem.acquire();
    expect(() => sem.release(2)).toThrow(new RangeError("Semaphore released too many times"));
    expect(sem.value).toBe(1);
    sem.release();
    expect(() => sem.release()).toThrow(new RangeError("Semaphore released too many times"));
    expect(sem.value).toBe(2);
  });

  it("is a Semaphore", () => {
    expect(new BoundedSemaphore()).toBeInstanceOf(Semaphore);
  });
});

runScenariosOnNode("semaphore");
