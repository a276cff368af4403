import { describe, expect, it } from "vitest";
import {
  activeCount,
  currentThread,
  enumerate,
  Lock,
  mainThread,
  sharedInt32,
  sleep,
  Thread,
} from "../src/index.ts";
import { registerModule } from "../src/thread/main.ts";
import { encodeForThread } from "../src/thread/transfer.ts";

function target(..._args: unknown[]): void {}

class Point {
  x = 0;
  y = 0;
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}

describe("Thread (bad input, on the main thread)", () => {
  it("needs an options object with a target function", () => {
    expect(() => new Thread(undefined as never)).toThrow(
      "Thread needs an options object: new Thread({ target, args })",
    );
    expect(() => new Thread({ target: 42 as never })).toThrow("options.target must be a function");
    expect(() => new Thread({ target, args: "x" as never })).toThrow(
      "options.args must be an array of arguments",
    );
    expect(() => new Thread({ target, name: 7 as never })).toThrow("options.name must be a string");
    expect(() => new Thread({ target, daemon: "yes" as never })).toThrow(
      "options.daemon must be a boolean",
    );
  });

  it("names threads like Python: Thread-N (target)", () => {
    expect(new Thread({ target }).name).toMatch(/^Thread-\d+ \(target\)$/);
    expect(new Thread({ target, name: "worker" }).name).toBe("worker");
  });

  it("says how to fix a target that is not exported, naming it and the re-export that works", () => {
    registerModule("test:module", { target });
    function helper(): void {}
    expect(() => new Thread({ target: helper }).start()).toThrow(
      "the thread target helper is not exported from the program's module. Another thread runs " +
        "it, so it must be an exported function: write `export function helper(…)` in the " +
        "program's module, or, if it lives in another file, re-export it in the program's " +
        'module: `export { helper } from "./helper.ts"`.',
    );
  });

  it("calls an inline closure inline, not by its option key", () => {
    registerModule("test:module", { target });
    const start = (fn: Function) => () => new Thread({ target: fn as never }).start();
    const inline =
      "the thread target (an inline function) is not exported from the program's module. " +
      "Another thread runs it, so it must be an exported function: define it at the top level " +
      "of the program's module, e.g. `export function work(…) { … }`, and pass it by name " +
      "(target: work).";
    expect(() => new Thread({ target: () => {} }).start()).toThrow(inline);
    expect(start(() => {})).toThrow(inline); // nameless
    // biome-ignore lint/complexity/useArrowFunction: a function expression is named by its key too
    expect(() => new Thread({ target: function () {} }).start()).toThrow(inline);
  });

  it("tells a bound function to pass the function itself and its arguments", () => {
    registerModule("test:module", { target });
    function greet(_who: string): void {}
    expect(() => new Thread({ target: greet.bind(null, "x") }).start()).toThrow(
      "the thread target (a bound function, greet.bind(…)) is not exported from the program's " +
        "module. Another thread runs it, so it must be an exported function: pass greet itself " +
        "(`export function greet(…)`), and what you bound as its arguments.",
    );
  });

  it("rejects an argument that cannot cross, naming its position and type, before starting", () => {
    registerModule("test:module", { target });
    const withFunction = new Thread({ target, args: [1, () => 2] });
    expect(() => withFunction.start()).toThrow(
      /^args\[1\] is a function, and a function cannot be passed to a thread/,
    );
    expect(withFunction.isAlive()).toBe(false);
    expect(withFunction.ident).toBeUndefined();
    const withInstance = new Thread({ target, args: [{ at: new Point() }] });
    expect(() => withInstance.start()).toThrow(
      /^args\[0\]\.at is Point instance, and a class instance cannot be passed/,
    );
  });

  it("refuses to join a thread that was never started", () => {
    expect(() => new Thread({ target }).join()).toThrow("cannot join thread before it is started");
  });

  it("knows the main thread, which cannot join itself", () => {
    expect(currentThread().name).toBe("MainThread");
    expect(mainThread().ident).toBe(1);
    expect(currentThread().isAlive()).toBe(true);
    expect(enumerate().map((t) => t.name)).toContain("MainThread");
    expect(activeCount()).toBeGreaterThanOrEqual(1);
    expect(() => currentThread().join()).toThrow("cannot join current thread");
  });

  it("passes shared arrays, primitives and plain data (with cycles) through the argument check", () => {
    const cyclic: Record<string, unknown> = { a: [1, new Map([[1, "x"]])] };
    cyclic.self = cyclic;
    const shared = sharedInt32(1);
    const encoded = encodeForThread([shared, new Lock(), cyclic], "args") as unknown[];
    expect(encoded[0]).toBe(shared); // shared memory crosses as it is
    expect(encoded[1]).toHaveProperty("__unravelShared.kind", "Lock");
    const copy = encoded[2] as Record<string, unknown>;
    expect(copy.self).toBe(copy);
  });
});

describe("sleep", () => {
  it("rejects a missing or negative duration", () => {
    expect(() => sleep(undefined as never)).toThrow(
      "ms must be a number of milliseconds, got undefined",
    );
    expect(() => sleep(-1)).toThrow("ms must be a non-negative number of milliseconds, got -1");
  });
});

describe("Thread types", () => {
  it("lets one array hold threads of different targets, and takes readonly argument tuples", () => {
    const square = (n: number) => n * n;
    const greet = (name: string, loud: boolean) => (loud ? name.toUpperCase() : name);
    const args = ["ada", true] as const;
    const threads: Thread[] = [
      new Thread({ target: square, args: [3] }),
      new Thread({ target: greet, args }),
    ];
    expect(threads).toHaveLength(2);
  });
});
