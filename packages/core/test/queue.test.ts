import { describe, expect, it } from "vitest";
import {
  Empty,
  Full,
  LifoQueue,
  PriorityQueue,
  Queue,
  ShutDown,
  SimpleQueue,
} from "../src/index.ts";
import { runScenariosOnNode } from "./run-node-scenarios.ts";

describe("Queue on one thread", () => {
  it("is first in, first out, across many wrap-arounds of its ring", () => {
    const q = new Queue<number | string>(3);
    const out: (number | string)[] = [];
    for (let i = 0; i < 100; i++) {
      q.put(i);
      q.put(`s${i}`);
      out.push(q.get(), q.get());
    }
    expect(out.slice(0, 4)).toEqual([0, "s0", 1, "s1"]);
    expect(out.at(-1)).toBe("s99");
    expect(q.empty()).toBe(true);
  });

  it("copies structured items and reuses its memory", () => {
    const q = new Queue<unknown>();
    const item = {
      a: [1, 2, { b: new Map([["k", new Set([1n])]]) }],
      d: new Date(0),
      t: new Uint16Array([7]),
    };
    for (let i = 0; i < 500; i++) {
      q.put(item);
      expect(q.get()).toEqual(item);
    }
    q.put(item);
    const copy = q.get() as typeof item;
    expect(copy).not.toBe(item);
  });

  it("reports qsize, empty and full", () => {
    const q = new Queue<number>(2);
    expect([q.qsize(), q.empty(), q.full(), q.maxsize]).toEqual([0, true, false, 2]);
    q.put(1);
    q.put(2);
    expect([q.qsize(), q.empty(), q.full()]).toEqual([2, false, true]);
    expect(new Queue().full()).toBe(false);
  });

  it("throws Empty and Full when not blocking, and after a timeout", () => {
    const q = new Queue<number>(1);
    expect(() => q.getNowait()).toThrow(Empty);
    expect(() => q.get({ block: false })).toThrow(Empty);
    q.putNowait(1);
    expect(() => q.putNowait(2)).toThrow(Full);
    let started = performance.now();
    expect(() => q.put(2, { timeout: 30 })).toThrow(Full);
    expect(performance.now() - started).toBeGreaterThanOrEqual(30 * 0.6);
    expect(q.get()).toBe(1);
    started = performance.now();
    expect(() => q.get({ timeout: 30 })).toThrow(Empty);
    expect(performance.now() - started).toBeGreaterThanOrEqual(30 * 0.6);
  });

  it("getAsync is served by a put from the event loop", async () => {
    const q = new Queue<string>();
    setTimeout(() => q.put("late"), 5);
    expect(await q.getAsync({ timeout: 5_000 })).toBe("late");
    await q.putAsync("x");
    expect(q.get()).toBe("x");
  });

  it("join returns once every item is marked done; taskDone too often throws, count unchanged", async () => {
    const q = new Queue<number>();
    q.put(1);
    q.get();
    q.taskDone();
    expect(() => q.taskDone()).toThrow(new RangeError("taskDone() called too many times"));
    q.join(); // returns: nothing unfinished
    q.put(2);
    q.get();
    setTimeout(() => q.taskDone(), 5);
    await q.joinAsync();
  });

  it("refuses what cannot cross, naming it, and changes nothing", () => {
    const q = new Queue<unknown>(2);
    q.put("kept");
    expect(() => q.put(() => 1)).toThrow(
      new TypeError(
        "item is a function, which cannot be put in a queue or returned from a task: threads share no code objects. " +
          "Pass data, and call an exported function in the thread",
      ),
    );
    expect(() => q.put({ nested: [Symbol("s")] })).toThrow(/^item\.nested\[0\] is a symbol/);
    expect(() => q.put(new (class Point {})())).toThrow(/^item is a Point instance/);
    expect(() => q.put(new Int32Array(new SharedArrayBuffer(4)))).toThrow(
      /^item is a view of shared memory/,
    );
    expect(() => q.put(new Queue())).toThrow(
      /^item is a Queue, .* pass it to the thread as an argument instead$/,
    );
    expect(q.qsize()).toBe(1);
    expect(q.get()).toBe("kept");
  });

  it("holds items of any size: 1 B to 8 MiB, in order, each whole", () => {
    const q = new Queue<string>();
    const sizes = [0, 1, 15, 16, 17, 4_096, 65_537, 4 * 2 ** 20, 8 * 2 ** 20, 3];
    for (const n of sizes) q.put("x".repeat(n) + String(n));
    for (const n of sizes) expect(q.get()).toBe("x".repeat(n) + String(n));
    expect(q.qsize()).toBe(0);
  });

  it("refuses a negative timeout as Python does; -1 is not 'forever' (only Lock.acquire's is)", async () => {
    const refused = new RangeError("'timeout' must be a non-negative number");
    for (const make of [
      () => new Queue<number>(2),
      () => new LifoQueue<number>(2),
      () => new PriorityQueue<number>(2),
    ]) {
      const q = make();
      q.put(7);
      expect(() => q.get({ timeout: -1 })).toThrow(refused);
      expect(() => q.get({ timeout: -0.5 })).toThrow(refused);
      expect(() => q.put(8, { timeout: -1 })).toThrow(refused);
      await expect(q.getAsync({ timeout: -1 })).rejects.toThrow(refused);
      await expect(q.putAsync(8, { timeout: -1 })).rejects.toThrow(refused);
      expect([q.qsize(), q.get()]).toEqual([1, 7]); // nothing was taken or added
      expect(() => q.get({ timeout: -1 })).toThrow(refused); // refused, not a wait forever
      q.put(9, { block: false, timeout: -1 }); // as in Python: not blocking ignores the timeout
      expect(q.get({ block: false, timeout: -1 })).toBe(9);
    }
    const simple = new SimpleQueue<number>();
    simple.put(1);
    expect(() => simple.get({ timeout: -1 })).toThrow(refused);
    expect(simple.qsize()).toBe(1);
    // Python: an unbounded queue's put never waits, so its timeout is not looked at.
    const unbounded = new Queue<number>();
    unbounded.put(1, { timeout: -1 });
    expect(unbounded.qsize()).toBe(1);
  });

  it("names bad arguments", () => {
    expect(() => new Queue(-1)).toThrow(
      new RangeError("maxsize must be a non-negative integer (0: unbounded), got -1"),
    );
    expect(() => new Queue(1.5)).toThrow(RangeError);
    const q = new Queue<number>();
    expect(() => q.get({ timeout: -5 })).toThrow(
      new RangeError("'timeout' must be a non-negative number"),
    );
    expect(() => q.get({ timeout: "5" as never })).toThrow(
      new TypeError('options.timeout must be a number of milliseconds, got "5"'),
    );
    expect(() => q.put(1, { block: "no" as never })).toThrow(
      new TypeError("options.block must be a boolean"),
    );
    expect(() => q.put(1, 5 as never)).toThrow(
      new TypeError("options must be an object such as { timeout: 100 }"),
    );
    expect(q.qsize()).toBe(0);
  });

  it("shuts down as in Python 3.13", () => {
    const q = new Queue<number>();
    q.put(1);
    q.put(2);
    q.shutdown();
    expect(q.isShutdown).toBe(true);
    expect(() => q.put(3)).toThrow(ShutDown);
    expect(q.get()).toBe(1);
    expect(q.get()).toBe(2);
    expect(() => q.get()).toThrow(new ShutDown("get() on a queue that was shut down and is empty"));
    const now = new Queue<number>();
    now.put(1);
    now.shutdown({ immediate: true });
    expect(now.qsize()).toBe(0);
    expect(() => now.get()).toThrow(ShutDown);
    now.join(); // the dropped item counts as done
  });
});

describe("LifoQueue and PriorityQueue on one thread", () => {
  it("LifoQueue is last in, first out", () => {
    const q = new LifoQueue<number>();
    for (const n of [1, 2, 3]) q.put(n);
    expect([q.get(), q.get(), q.get()]).toEqual([3, 2, 1]);
  });

  it("PriorityQueue returns the smallest first, comparing as Python does", () => {
    const q = new PriorityQueue<unknown>();
    for (const n of [5, 1, 4, 1, 3, 9, 2, 6]) q.put(n);
    expect(Array.from({ length: 8 }, () => q.get())).toEqual([1, 1, 2, 3, 4, 5, 6, 9]);
    const pairs = new PriorityQueue<[number, string]>();
    for (const p of [
      [2, "b"],
      [1, "z"],
      [1, "a"],
      [3, "c"],
    ] as [number, string][])
      pairs.put(p);
    expect(Array.from({ length: 4 }, () => pairs.get()[1])).toEqual(["a", "z", "b", "c"]);
  });

  it("PriorityQueue refuses an item it cannot order, and changes nothing", () => {
    const q = new PriorityQueue<unknown>();
    q.put([1, "a"]);
    q.put([2, "b"]);
    expect(() => q.put({ priority: 0 })).toThrow(
      /^PriorityQueue cannot order an object and an object/,
    );
    expect(() => q.put([1, { x: 1 }])).toThrow(TypeError);
    expect(q.qsize()).toBe(2);
    expect(q.get()).toEqual([1, "a"]);
    expect(q.get()).toEqual([2, "b"]);
  });
});

describe("SimpleQueue on one thread", () => {
  it("is an unbounded FIFO without task tracking", async () => {
    const q = new SimpleQueue<string>();
    q.put("a");
    q.putNowait("b");
    expect([q.qsize(), q.empty()]).toEqual([2, false]);
    expect([q.get(), q.getNowait()]).toEqual(["a", "b"]);
    expect(() => q.getNowait()).toThrow(Empty);
    setTimeout(() => q.put("c"), 5);
    expect(await q.getAsync()).toBe("c");
    expect("taskDone" in q).toBe(false);
  });
});

runScenariosOnNode("queue");
