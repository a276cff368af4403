import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Empty } from "../src/index.ts";
import { setClassResolver } from "../src/memory/classes.ts";
import { decodeValue, encodeValue } from "../src/memory/codec.ts";

const roundTrip = <T>(value: T): T => decodeValue(encodeValue(value)) as T;

describe("the value codec", () => {
  it("round-trips what structured clone copies", () => {
    const values = [
      undefined,
      null,
      true,
      0,
      -0,
      2 ** 31,
      -1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      "héllo ✓",
      123n ** 5n,
      -7n,
      [1, "two", [3]],
      { a: { b: null } },
      new Date(1234),
      /a+b/gi,
      new Map<unknown, unknown>([[{ k: 1 }, "v"]]),
      new Set([1, "a"]),
      new Uint8Array([1, 2, 3]),
      new Float64Array([0.5]),
      new BigInt64Array([5n]),
      new DataView(new ArrayBuffer(2)),
      new ArrayBuffer(3),
    ];
    for (const value of values) expect(roundTrip(value)).toEqual(value);
    expect(Object.is(roundTrip(-0), -0)).toBe(true);
  });

  it("keeps shared and circular references", () => {
    const shared = { n: 1 };
    const value: Record<string, unknown> = { a: shared, b: shared };
    value.self = value;
    const copy = roundTrip(value);
    expect(copy.a).toBe(copy.b);
    expect(copy.self).toBe(copy);
  });

  it("keeps an error's class, message, stack, cause and fields", () => {
    const error = Object.assign(new RangeError("bad", { cause: new Error("inner") }), {
      code: "E1",
    });
    const copy = roundTrip(error);
    expect(copy).toBeInstanceOf(RangeError);
    expect([copy.message, copy.stack, (copy.cause as Error).message, copy.code]).toEqual([
      "bad",
      error.stack,
      "inner",
      "E1",
    ]);
    expect(roundTrip(new Empty("none"))).toBeInstanceOf(Empty);
    const custom = roundTrip(Object.assign(new Error("x"), { name: "MyError" }));
    expect([custom.name, custom.message]).toEqual(["MyError", "x"]);
    // A DOMException's name and message are getters of its prototype: kept on an Error.
    const abort = roundTrip(new DOMException("stopped", "AbortError"));
    expect([abort instanceof Error, abort.name, abort.message]).toEqual([
      true,
      "AbortError",
      "stopped",
    ]);
    const all = roundTrip(new AggregateError([new TypeError("one"), 2], "both"));
    expect(all).toBeInstanceOf(AggregateError);
    expect([all.message, all.errors[0], all.errors[1]]).toEqual(["both", new TypeError("one"), 2]);
  });

  it("names what it refuses", () => {
    expect(() => encodeValue({ list: [1, () => 2] }, "args")).toThrow(
      /^args\.list\[1\] is a function/,
    );
    expect(() => encodeValue(new Map([[1, Symbol()]]))).toThrow(/^item\.get\(…\) is a symbol/);
    expect(() => encodeValue(new WeakMap())).toThrow(/^item is a WeakMap, .*cannot copy/);
    expect(() => encodeValue(new SharedArrayBuffer(1))).toThrow(/^item is a SharedArrayBuffer/);
  });

  it("revives an error by its class, found through the registered resolver, not by its name", () => {
    class Plain extends Error {}
    class Local extends Plain {
      override name = "Local";
    }
    const exports: Record<string, unknown> = { Plain };
    // What thread/main.ts registers: the key of an exported class, and the class of a key.
    setClassResolver({
      keyOf: (ctor) => Object.keys(exports).find((k) => exports[k] === ctor),
      classOf: (key) => exports[key],
    });
    try {
      const plain = roundTrip(new Plain("p"));
      expect(plain).toBeInstanceOf(Plain);
      expect([plain.name, plain.message]).toEqual(["Error", "p"]);
      // Local is not exported: the nearest exported class, with Local's name.
      const local = roundTrip(new Local("l"));
      expect(local).toBeInstanceOf(Plain);
      expect(local.name).toBe("Local");
      // A receiver that cannot find Plain builds the built-in base, keeping the name.
      const bytes = encodeValue(new Plain("gone"));
      delete exports.Plain;
      const fallback = decodeValue(bytes) as Error;
      expect(Object.getPrototypeOf(fallback)).toBe(Error.prototype);
      expect(fallback.message).toBe("gone");
      // A key never revives something that is not an Error class.
      exports.Plain = Date;
      expect(Object.getPrototypeOf(decodeValue(bytes))).toBe(Error.prototype);
    } finally {
      setClassResolver({ keyOf: () => undefined, classOf: () => undefined });
    }
  });

  it("imports nothing above memory (layers read memory, sync, thread, queue, pool)", () => {
    const dir = new URL("../src/memory/", import.meta.url);
    for (const file of readdirSync(dir)) {
      const source = readFileSync(new URL(file, dir), "utf8");
      const imports = [...source.matchAll(/from "(\.[^"]+)"/g)].map((m) => m[1]);
      expect(
        imports.filter((i) => !/^\.\/|^\.\.\/errors\.ts$/.test(i!)),
        file,
      ).toEqual([]);
    }
  });
});
