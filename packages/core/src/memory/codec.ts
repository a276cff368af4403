/**
 * The value codec of the queues and the pool: structured-clone data to bytes
 * and back, synchronously, on any thread. Browsers have no synchronous
 * structured-clone serializer (Node's `v8.serialize` is Node-only), and a
 * blocked `get` has no event loop to receive a message, so items cross
 * through shared memory as these bytes.
 *
 * It accepts what structured clone accepts — primitives, bigint, plain
 * objects, arrays, Map, Set, Date, RegExp, ArrayBuffer, typed arrays,
 * DataView, errors, wrapper objects, with shared and circular references —
 * and rejects, naming where it was, what would not survive: functions,
 * symbols, class instances (their methods would be lost), and shared memory
 * (a shared array or a lock travels as a thread argument, not as an item).
 */
import * as coreErrors from "../errors.ts";
import { describe } from "../sync/futex.ts";
import { moduleNamespace, registeredModules } from "../thread/main.ts";
import { SHARE } from "../thread/transfer.ts";

const Tag = {
  Undefined: 0,
  Null: 1,
  True: 2,
  False: 3,
  Int32: 4,
  Float64: 5,
  String: 6,
  BigInt: 7,
  Array: 8,
  Object: 9,
  Date: 10,
  RegExp: 11,
  Map: 12,
  Set: 13,
  ArrayBuffer: 14,
  TypedArray: 15,
  DataView: 16,
  Error: 17,
  Ref: 18,
  BooleanObject: 19,
  NumberObject: 20,
  StringObject: 21,
  BigIntObject: 22,
} as const;
type Tag = (typeof Tag)[keyof typeof Tag];

const TYPED_ARRAYS = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
] as const;
const TypedArray = Object.getPrototypeOf(Int8Array) as Function;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

class Writer {
  bytes = new Uint8Array(64);
  view = new DataView(this.bytes.buffer);
  length = 0;
  readonly seen = new Map<object, number>();

  room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
    this.view = new DataView(bigger.buffer);
  }
  u8(v: number): void {
    this.room(1);
    this.bytes[this.length++] = v;
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }
  f64(v: number): void {
    this.room(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }
  str(s: string): void {
    this.room(4 + s.length * 3);
    if (s.length <= 32) {
      // Short ASCII (keys, small values): a plain loop beats TextEncoder's call cost.
      const bytes = this.bytes;
      const at = this.length + 4;
      let i = 0;
      for (; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c > 0x7f) break;
        bytes[at + i] = c;
      }
      if (i === s.length) {
        this.view.setUint32(this.length, i, true);
        this.length = at + i;
        return;
      }
    }
    const { written } = encoder.encodeInto(s, this.bytes.subarray(this.length + 4));
    this.view.setUint32(this.length, written, true);
    this.length += 4 + written;
  }
  raw(b: Uint8Array): void {
    this.u32(b.length);
    this.room(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }
}

function rejection(path: string, what: string, why: string): TypeError {
  return new TypeError(
    `${path} is ${what}, which cannot be put in a queue or returned from a task: ${why}`,
  );
}

function isShared(buffer: ArrayBufferLike): boolean {
  return typeof SharedArrayBuffer === "function" && buffer instanceof SharedArrayBuffer;
}

function write(w: Writer, value: unknown, path: string): void {
  switch (typeof value) {
    case "undefined":
      w.u8(Tag.Undefined);
      return;
    case "boolean":
      w.u8(value ? Tag.True : Tag.False);
      return;
    case "number":
      if (
        Number.isInteger(value) &&
        value >= -0x80000000 &&
        value <= 0x7fffffff &&
        !Object.is(value, -0)
      ) {
        w.u8(Tag.Int32);
        w.u32(value >>> 0);
      } else {
        w.u8(Tag.Float64);
        w.f64(value);
      }
      return;
    case "string":
      w.u8(Tag.String);
      w.str(value);
      return;
    case "bigint":
      w.u8(Tag.BigInt);
      w.str(value.toString(16));
      return;
    case "function":
      throw rejection(
        path,
        "a function",
        "threads share no code objects. Pass data, and call an exported function in the thread",
      );
    case "symbol":
      throw rejection(path, "a symbol", "symbols are unique to each thread");
  }
  if (value === null) {
    w.u8(Tag.Null);
    return;
  }
  const object = value as object;
  const ref = w.seen.get(object);
  if (ref !== undefined) {
    w.u8(Tag.Ref);
    w.u32(ref);
    return;
  }
  w.seen.set(object, w.seen.size);
  if (typeof (object as { [SHARE]?: unknown })[SHARE] === "function") {
    throw rejection(
      path,
      `a ${describe(object)}`,
      "a primitive lives in shared memory; pass it to the thread as an argument instead",
    );
  }
  if (Object.getPrototypeOf(object) === Object.prototype) {
    // The common case first: a plain object skips the class checks below.
    w.u8(Tag.Object);
    writeEntries(w, object, path, NO_SKIP);
    return;
  }
  if (Array.isArray(object)) {
    w.u8(Tag.Array);
    w.u32(object.length);
    for (let i = 0; i < object.length; i++) write(w, object[i], `${path}[${i}]`);
    return;
  }
  if (object instanceof TypedArray || object instanceof DataView) {
    const view = object as ArrayBufferView;
    if (isShared(view.buffer)) {
      throw rejection(
        path,
        "a view of shared memory",
        "a shared array is passed to a thread as an argument, not through a queue",
      );
    }
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    if (object instanceof DataView) {
      w.u8(Tag.DataView);
    } else {
      w.u8(Tag.TypedArray);
      w.u8(TYPED_ARRAYS.findIndex((C) => object instanceof C));
    }
    w.raw(bytes);
    return;
  }
  if (object instanceof ArrayBuffer) {
    w.u8(Tag.ArrayBuffer);
    w.raw(new Uint8Array(object));
    return;
  }
  if (typeof SharedArrayBuffer === "function" && object instanceof SharedArrayBuffer) {
    throw rejection(
      path,
      "a SharedArrayBuffer",
      "shared memory is passed to a thread as an argument, not through a queue",
    );
  }
  if (object instanceof Date) {
    w.u8(Tag.Date);
    w.f64(object.getTime());
    return;
  }
  if (object instanceof RegExp) {
    w.u8(Tag.RegExp);
    w.str(object.source);
    w.str(object.flags);
    return;
  }
  if (object instanceof Map) {
    w.u8(Tag.Map);
    w.u32(object.size);
    for (const [k, v] of object) {
      write(w, k, `${path} key`);
      write(w, v, `${path}.get(…)`);
    }
    return;
  }
  if (object instanceof Set) {
    w.u8(Tag.Set);
    w.u32(object.size);
    for (const v of object) write(w, v, `${path} item`);
    return;
  }
  if (object instanceof Error) {
    w.u8(Tag.Error);
    w.str(object.name);
    w.str(object.message);
    write(w, object.stack, `${path}.stack`);
    write(w, "cause" in object ? object.cause : undefined, `${path}.cause`);
    writeEntries(w, object, path, ["name", "message", "stack", "cause"]);
    return;
  }
  if (object instanceof Boolean) {
    w.u8(Tag.BooleanObject);
    w.u8(object.valueOf() ? 1 : 0);
    return;
  }
  if (object instanceof Number) {
    w.u8(Tag.NumberObject);
    w.f64(object.valueOf());
    return;
  }
  if (object instanceof String) {
    w.u8(Tag.StringObject);
    w.str(object.valueOf());
    return;
  }
  if (object instanceof BigInt) {
    w.u8(Tag.BigIntObject);
    w.str(object.valueOf().toString(16));
    return;
  }
  const proto = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    throw rejection(
      path,
      `a ${describe(object)} instance`,
      "a class instance would lose its methods. Use plain objects, arrays, Maps and the like",
    );
  }
  w.u8(Tag.Object);
  writeEntries(w, object, path, []);
}

const NO_SKIP: string[] = [];

function writeEntries(w: Writer, object: object, path: string, skip: string[]): void {
  const keys = skip.length
    ? Object.keys(object).filter((k) => !skip.includes(k))
    : Object.keys(object);
  w.u32(keys.length);
  for (const key of keys) {
    w.str(key);
    const v = (object as Record<string, unknown>)[key];
    // Primitives cannot fail below here: skip building their path.
    write(
      w,
      v,
      typeof v === "object" || typeof v === "function" || typeof v === "symbol"
        ? `${path}.${key}`
        : path,
    );
  }
}

/**
 * Encodes `value` to bytes.
 * @param path how to name the value in an error, e.g. "item".
 * @throws TypeError naming the part of `value` that cannot cross (nothing is written).
 */
let scratch: Writer | null = null;

export function encodeValue(value: unknown, path = "item"): Uint8Array {
  const w = scratch ?? new Writer();
  scratch = null; // re-entrancy (an error's getter that encodes) gets its own
  w.length = 0;
  try {
    write(w, value, path);
    return w.bytes.slice(0, w.length);
  } finally {
    if (w.seen.size) w.seen.clear();
    if (w.bytes.length <= 1 << 16) scratch = w; // keep a small writer, not a huge item's buffer
  }
}

class Reader {
  offset = 0;
  readonly view: DataView;
  readonly refs: unknown[] = [];
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(): number {
    return this.bytes[this.offset++]!;
  }
  u32(): number {
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }
  f64(): number {
    const v = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return v;
  }
  str(): string {
    const n = this.u32();
    if (n <= 16) {
      const b = this.bytes;
      const at = this.offset;
      let ascii = true;
      for (let i = 0; i < n; i++) if (b[at + i]! > 0x7f) ascii = false;
      if (ascii) {
        let out = "";
        for (let i = 0; i < n; i++) out += String.fromCharCode(b[at + i]!);
        this.offset += n;
        return out;
      }
    }
    const s = decoder.decode(this.bytes.subarray(this.offset, this.offset + n));
    this.offset += n;
    return s;
  }
  raw(): ArrayBuffer {
    const n = this.u32();
    const copy = this.bytes.slice(this.offset, this.offset + n).buffer;
    this.offset += n;
    return copy;
  }
  keep<T>(value: T): T {
    this.refs.push(value);
    return value;
  }
}

function read(r: Reader): unknown {
  const tag = r.u8() as Tag;
  switch (tag) {
    case Tag.Undefined:
      return undefined;
    case Tag.Null:
      return null;
    case Tag.True:
      return true;
    case Tag.False:
      return false;
    case Tag.Int32:
      return r.u32() | 0;
    case Tag.Float64:
      return r.f64();
    case Tag.String:
      return r.str();
    case Tag.BigInt:
      return hexToBigInt(r.str());
    case Tag.Ref:
      return r.refs[r.u32()];
    case Tag.Array: {
      const out = r.keep(new Array(r.u32()));
      for (let i = 0; i < out.length; i++) out[i] = read(r);
      return out;
    }
    case Tag.Object:
      return readEntries(r, r.keep({} as Record<string, unknown>));
    case Tag.Date:
      return r.keep(new Date(r.f64()));
    case Tag.RegExp:
      return r.keep(new RegExp(r.str(), r.str()));
    case Tag.Map: {
      const out = r.keep(new Map());
      for (let n = r.u32(); n > 0; n--) out.set(read(r), read(r));
      return out;
    }
    case Tag.Set: {
      const out = r.keep(new Set());
      for (let n = r.u32(); n > 0; n--) out.add(read(r));
      return out;
    }
    case Tag.ArrayBuffer:
      return r.keep(r.raw());
    case Tag.TypedArray: {
      const C = TYPED_ARRAYS[r.u8()]!;
      return r.keep(new C(r.raw()));
    }
    case Tag.DataView:
      return r.keep(new DataView(r.raw()));
    case Tag.Error: {
      const index = r.refs.push(undefined) - 1;
      const error = reviveError(r.str(), r.str());
      r.refs[index] = error;
      const stack = read(r);
      if (stack !== undefined)
        Object.defineProperty(error, "stack", { value: stack, writable: true, configurable: true });
      const cause = read(r);
      if (cause !== undefined)
        Object.defineProperty(error, "cause", { value: cause, writable: true, configurable: true });
      return readEntries(r, error as unknown as Record<string, unknown>);
    }
    case Tag.BooleanObject:
      return r.keep(new Boolean(r.u8() === 1));
    case Tag.NumberObject:
      return r.keep(new Number(r.f64()));
    case Tag.StringObject:
      return r.keep(new String(r.str()));
    case Tag.BigIntObject:
      return r.keep(Object(hexToBigInt(r.str())));
    default:
      throw new TypeError(`corrupt item: unknown tag ${tag}`);
  }
}

function hexToBigInt(hex: string): bigint {
  return hex.startsWith("-") ? -BigInt(`0x${hex.slice(1)}`) : BigInt(`0x${hex}`);
}

function readEntries<T extends Record<string, unknown>>(r: Reader, into: T): T {
  for (let n = r.u32(); n > 0; n--) {
    const key = r.str();
    (into as Record<string, unknown>)[key] = read(r);
  }
  return into;
}

const BUILTIN_ERRORS: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/**
 * An error of the class named `name`: a built-in, one of ours, or one the
 * program's module exports; otherwise a `ThreadError` that keeps the name.
 */
function reviveError(name: string, message: string): Error {
  const Builtin = BUILTIN_ERRORS[name];
  if (Builtin) return new Builtin(message);
  const Ctor = (coreErrors as Record<string, unknown>)[name] ?? exportedClass(name);
  if (typeof Ctor === "function" && Ctor.prototype instanceof Error) {
    const error = Object.create(Ctor.prototype) as Error;
    Object.defineProperty(error, "message", { value: message, writable: true, configurable: true });
    if (error.name !== name)
      Object.defineProperty(error, "name", { value: name, writable: true, configurable: true });
    return error;
  }
  const error = new coreErrors.ThreadError(message);
  Object.defineProperty(error, "name", { value: name, writable: true, configurable: true });
  return error;
}

function exportedClass(name: string): unknown {
  for (const url of registeredModules()) {
    const found = moduleNamespace(url)?.[name];
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Decodes bytes written by {@link encodeValue}. `bytes` must not be a view of shared memory. */
export function decodeValue(bytes: Uint8Array): unknown {
  return read(new Reader(bytes));
}
