import { describe, expect, it } from "vitest";
import { Empty } from "../src/index.ts";
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
  });

  it("names what it refuses", () => {
    expect(() => encodeValue({ list: [1, () => 2] }, "args")).toThrow(
      /^args\.list\[1\] is a function/,
    );
    expect(() => encodeValue(new Map([[1, Symbol()]]))).toThrow(/^item\.get\(…\) is a symbol/);
    expect(() => encodeValue(new WeakMap())).toThrow(/^item is a WeakMap instance/);
    expect(() => encodeValue(new SharedArrayBuffer(1))).toThrow(/^item is a SharedArrayBuffer/);
  });
});
