import { describe, expect, it } from "vitest";
import { RuntimeError, ThreadPoolExecutor, wait } from "../src/index.ts";
import { runScenariosOnNode } from "./run-node-scenarios.ts";

function square(x: number): number {
  return x * x;
}

describe("ThreadPoolExecutor on one thread", () => {
  it("names bad arguments", () => {
    expect(() => new ThreadPoolExecutor({ maxWorkers: 0 })).toThrow(
      new RangeError("options.maxWorkers must be a positive integer, got 0"),
    );
    expect(() => new ThreadPoolExecutor({ initargs: 1 as never })).toThrow(
      new TypeError("options.initargs must be an array of arguments"),
    );
    const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
    expect(pool.maxWorkers).toBe(2);
    expect(() => pool.submit("square" as never)).toThrow(
      new TypeError('fn must be a function, got "square"'),
    );
    // Outside main(import.meta, …) no module is registered, so no task can be found.
    expect(() => pool.submit(square, 2)).toThrow(RuntimeError);
    expect(() => pool.map(square)).toThrow(new TypeError("map() needs at least one iterable"));
    expect(() => wait([1 as never])).toThrow(new TypeError("wait(): futures[0] is not a Future"));
    expect(() => wait([], { returnWhen: "SOON" as never })).toThrow(/^options\.returnWhen must be/);
    pool.shutdown();
    expect(() => pool.submit(square, 2)).toThrow(
      new RuntimeError("cannot schedule new futures after shutdown"),
    );
  });

  it("defaults to Python's min(32, CPUs + 4) workers", () => {
    const pool = new ThreadPoolExecutor();
    expect(pool.maxWorkers).toBe(Math.min(32, navigator.hardwareConcurrency + 4));
    pool.shutdown();
  });
});

runScenariosOnNode("pool");
