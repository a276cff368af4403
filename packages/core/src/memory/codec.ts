/**
 * The value codec of the queues and the pool: structured-clone data to bytes
 * and back, synchronously, on any thread. Browsers have no synchronous
 * structured-clone serializer (Node's `v8.serialize` is Node-only), and a
 * blocked `get` has no event loop to receive a message, so items cross
 * through shared memory as these bytes.
 *
 * Invariant: what it decodes is what `structuredClone` returns for the same
 * value — the same own keys in the same order (an own `"__proto__"` key stays
 * a key), lone surrogates, array holes and an array's extra properties, -0,
 * shared and circular references, a view's whole buffer and offset — or
 * encoding throws a `TypeError` naming the path of the part that cannot
 * cross. It refuses what structured clone refuses (functions, symbols,
 * WeakMaps, promises, detached buffers), and also class instances (structured
 * clone would silently drop their prototype and methods) and shared memory
 * (a shared array or a lock travels as a thread argument, not as an item).
 *
 * Errors carry more than structured clone keeps, so that a thread's or a
 * task's error arrives as it was thrown: their class (see `classes.ts`), own
 * `name`, and own enumerable fields such as `code`.
 */
import { type ClassRef, errorClasses, errorOfClasses } from "./classes.ts";

/** The mark of the library's shared primitives (`thread/transfer.ts` defines it; the registry makes it one symbol). */
const SHARE = Symbol.for("unravel.share");

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
  /** A sparse array: its length, then its own keys and values. */
  SparseArray: 23,
  /** In an array's elements: no element here. */
  Hole: 24,
  /** An array with properties besides its elements: the elements, then the rest. */
  ArrayWithProps: 25,
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
  ...(typeof Float16Array === "function" ? [Float16Array] : []),
] as const;
const encoder = new TextEncoder();
// ignoreBOM: a string that starts with U+FEFF is data, not a byte-order mark to drop.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** In a string's length word: the string follows as UTF-16 code units, not UTF-8. */
const UTF16 = 0x80000000;

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
    if (!s.isWellFormed()) {
      // A lone surrogate has no UTF-8 form: keep the UTF-16 code units, flagged in the length.
      this.room(4 + s.length * 2);
      this.view.setUint32(this.length, UTF16 | s.length, true);
      let at = this.length + 4;
      for (let i = 0; i < s.length; i++, at += 2) this.view.setUint16(at, s.charCodeAt(i), true);
      this.length = at;
      return;
    }
    const { written } = encoder.encodeInto(s, this.bytes.subarray(this.length + 4));
    this.view.setUint32(this.length, written, true);
    this.length += 4 + written;
  }
  raw(b: Uint8Array): void {
    this.f64(b.length);
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
  const proto = Object.getPrototypeOf(object);
  if (proto === Object.prototype) {
    // The common case first: a plain object skips the class checks below.
    w.u8(Tag.Object);
    writeEntries(w, object, path, Object.keys(object), 0);
    return;
  }
  if (Array.isArray(object)) {
    writeArray(w, object, path);
    return;
  }
  if (typeof (object as { [SHARE]?: unknown })[SHARE] === "function") {
    throw rejection(
      path,
      `a ${className(object)}`,
      "a primitive lives in shared memory; pass it to the thread as an argument instead",
    );
  }
  if (ArrayBuffer.isView(object)) {
    // As structured clone: the view's whole buffer (shared with other views of it), its offset and length.
    const view = object as ArrayBufferView;
    if (isShared(view.buffer)) {
      throw rejection(
        path,
        "a view of shared memory",
        "a shared array is passed to a thread as an argument, not through a queue",
      );
    }
    if (object instanceof DataView) {
      w.u8(Tag.DataView);
      w.f64(view.byteOffset);
      w.f64(view.byteLength);
    } else {
      w.u8(Tag.TypedArray);
      w.u8(TYPED_ARRAYS.findIndex((C) => object instanceof C));
      w.f64(view.byteOffset);
      w.f64((object as Uint8Array).length);
    }
    write(w, view.buffer, `${path}.buffer`);
    return;
  }
  if (object instanceof ArrayBuffer) {
    if (object.detached)
      throw rejection(path, "a detached ArrayBuffer", "its memory was transferred elsewhere");
    w.u8(Tag.ArrayBuffer);
    w.f64(object.resizable ? object.maxByteLength : -1);
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
  if (object instanceof Error || isError(object)) {
    writeError(w, object as Error, path);
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
  if (proto !== null) {
    if (UNCLONEABLE.some((C) => object instanceof C))
      throw rejection(
        path,
        `a ${className(object)}`,
        "structured clone cannot copy one either. Send the data it holds",
      );
    // Structured clone would copy its fields and drop its prototype, so its methods.
    throw rejection(
      path,
      `a ${className(object)} instance`,
      "a class instance would lose its methods. Use plain objects, arrays, Maps and the like",
    );
  }
  w.u8(Tag.Object);
  writeEntries(w, object, path, Object.keys(object), 0);
}

/** What structured clone refuses outright (other class instances it would strip). */
const UNCLONEABLE: Function[] = [WeakMap, WeakSet, WeakRef, FinalizationRegistry, Promise];

const isError: (value: unknown) => boolean =
  (Error as { isError?: (value: unknown) => boolean }).isError ?? (() => false);

function className(object: object): string {
  const name = (object as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name ? name : "object";
}

/** `path.key`, or `path["odd key"]` where the key is not an identifier. */
function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Whether a value can fail to encode (so its path is worth building). */
function mayFail(v: unknown): boolean {
  return typeof v === "object" || typeof v === "function" || typeof v === "symbol";
}

/**
 * Elements then, as structured clone keeps them, holes and the array's other
 * own properties. Mostly holes: the length and the own keys only.
 */
function writeArray(w: Writer, array: unknown[], path: string): void {
  const length = array.length;
  // No cheaper way sees extra properties: Object.keys lists elements first, then the rest.
  const keys = Object.keys(array);
  if (length > 16 && keys.length < length / 4) {
    w.u8(Tag.SparseArray);
    w.u32(length);
    writeEntries(w, array, path, keys, 0);
    return;
  }
  const at = w.length;
  w.u8(Tag.Array);
  w.u32(length);
  let holes = 0;
  for (let i = 0; i < length; i++) {
    const v = array[i];
    if (v === undefined && !(i in array)) {
      w.u8(Tag.Hole);
      holes++;
      continue;
    }
    write(w, v, mayFail(v) ? `${path}[${i}]` : path);
  }
  const elements = length - holes;
  if (keys.length > elements) {
    w.bytes[at] = Tag.ArrayWithProps;
    writeEntries(w, array, path, keys, elements);
  }
}

/**
 * The own properties of an error that structured clone or we treat apart;
 * each is written with its place in the key order and its shape.
 */
const ERROR_FIELDS: readonly string[] = ["name", "message", "stack", "cause", "errors"];
const INHERITED = ["name", "message"] as const;
const ENUMERABLE = 0x10;
const ACCESSOR = 0x20; // V8's own `stack` is an accessor

function writeError(w: Writer, error: Error, path: string): void {
  w.u8(Tag.Error);
  const classes = errorClasses(error);
  w.u8(classes.length);
  for (const c of classes) {
    w.u8(c.kind);
    w.str(c.key);
  }
  const fields: { index: number; bits: number }[] = [];
  for (const k of Reflect.ownKeys(error)) {
    const index = typeof k === "string" ? ERROR_FIELDS.indexOf(k) : -1;
    if (index < 0) continue;
    const d = Object.getOwnPropertyDescriptor(error, k)!;
    fields.push({ index, bits: index | (d.enumerable ? ENUMERABLE : 0) | (d.get ? ACCESSOR : 0) });
  }
  // An inherited name and message too: the other side may not find the class
  // that gives them (a DOMException's are getters of its prototype).
  const inherited = INHERITED.filter((field) => !Object.hasOwn(error, field));
  w.u8(inherited.length);
  for (const field of inherited) {
    w.u8(ERROR_FIELDS.indexOf(field));
    write(w, error[field], `${path}.${field}`);
  }
  w.u8(fields.length);
  for (const { index, bits } of fields) {
    const field = ERROR_FIELDS[index]!;
    w.u8(bits);
    write(w, (error as unknown as Record<string, unknown>)[field], `${path}.${field}`);
  }
  const keys = Object.keys(error).filter((k) => !ERROR_FIELDS.includes(k));
  writeEntries(w, error, path, keys, 0);
}

/** Writes `keys.slice(from)` of `object` with their values. */
function writeEntries(w: Writer, object: object, path: string, keys: string[], from: number): void {
  w.u32(keys.length - from);
  for (let i = from; i < keys.length; i++) {
    const key = keys[i]!;
    w.str(key);
    const v = (object as Record<string, unknown>)[key];
    // Primitives cannot fail below here: skip building their path.
    write(w, v, mayFail(v) ? keyPath(path, key) : path);
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
    if (n & UTF16) return this.utf16(n & ~UTF16);
    const s = decoder.decode(this.bytes.subarray(this.offset, this.offset + n));
    this.offset += n;
    return s;
  }
  /** `units` UTF-16 code units, lone surrogates included (no decoder keeps them). */
  utf16(units: number): string {
    const parts: string[] = [];
    const chunk = new Uint16Array(Math.min(units, 8192));
    for (let done = 0; done < units; ) {
      const n = Math.min(chunk.length, units - done);
      for (let i = 0; i < n; i++, this.offset += 2)
        chunk[i] = this.view.getUint16(this.offset, true);
      parts.push(String.fromCharCode.apply(null, chunk.subarray(0, n) as unknown as number[]));
      done += n;
    }
    return parts.join("");
  }
  raw(): Uint8Array {
    const n = this.f64();
    const bytes = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return bytes;
  }
  keep<T>(value: T): T {
    this.refs.push(value);
    return value;
  }
  /** Takes the next reference number now, for an object whose parts come first. */
  reserve(): number {
    return this.refs.push(undefined) - 1;
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
    case Tag.Array:
      return readElements(r, r.keep(new Array(r.u32())));
    case Tag.ArrayWithProps:
      return readEntries(r, readElements(r, r.keep(new Array(r.u32()))));
    case Tag.SparseArray:
      return readEntries(r, r.keep(new Array(r.u32())));
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
    case Tag.ArrayBuffer: {
      const max = r.f64();
      const bytes = r.raw();
      const buffer =
        max < 0
          ? new ArrayBuffer(bytes.length)
          : new ArrayBuffer(bytes.length, { maxByteLength: max });
      new Uint8Array(buffer).set(bytes);
      return r.keep(buffer);
    }
    case Tag.TypedArray: {
      const index = r.reserve();
      const C = TYPED_ARRAYS[r.u8()]!;
      const offset = r.f64();
      const length = r.f64();
      const view = new C(read(r) as ArrayBuffer, offset, length);
      r.refs[index] = view;
      return view;
    }
    case Tag.DataView: {
      const index = r.reserve();
      const offset = r.f64();
      const length = r.f64();
      const view = new DataView(read(r) as ArrayBuffer, offset, length);
      r.refs[index] = view;
      return view;
    }
    case Tag.Error:
      return readError(r);
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

function readElements(r: Reader, out: unknown[]): unknown[] {
  for (let i = 0; i < out.length; i++) {
    if (r.bytes[r.offset] === Tag.Hole)
      r.offset++; // a hole stays a hole
    else out[i] = read(r);
  }
  return out;
}

function readEntries<T extends object>(r: Reader, into: T): T {
  for (let n = r.u32(); n > 0; n--) {
    const key = r.str();
    const value = read(r);
    // An own "__proto__" key (JSON.parse makes them) stays a key: assigning it would set the prototype.
    if (key === "__proto__") define(into, key, value, true);
    else (into as Record<string, unknown>)[key] = value;
  }
  return into;
}

function define(into: object, key: string, value: unknown, enumerable: boolean): void {
  Object.defineProperty(into, key, { value, writable: true, enumerable, configurable: true });
}

function readError(r: Reader): Error {
  const index = r.reserve();
  const classes: ClassRef[] = [];
  for (let n = r.u8(); n > 0; n--) classes.push({ kind: r.u8(), key: r.str() });
  const error = errorOfClasses(classes) as unknown as Record<string, unknown>;
  r.refs[index] = error; // before its fields, which may refer to it
  // The fresh error's own fields go; the original's come back in its order and shape.
  const stack = Object.getOwnPropertyDescriptor(error, "stack");
  for (const field of ERROR_FIELDS) if (Object.hasOwn(error, field)) delete error[field];
  const inherited: [string, unknown][] = [];
  for (let n = r.u8(); n > 0; n--) inherited.push([ERROR_FIELDS[r.u8()]!, read(r)]);
  for (let n = r.u8(); n > 0; n--) {
    const bits = r.u8();
    const field = ERROR_FIELDS[bits & 0x0f]!;
    const value = read(r);
    if (bits & ACCESSOR && stack?.set && field === "stack") {
      Object.defineProperty(error, field, { ...stack, enumerable: (bits & ENUMERABLE) !== 0 });
      error[field] = value;
    } else define(error, field, value, (bits & ENUMERABLE) !== 0);
  }
  for (const [field, value] of inherited) {
    // The class found here gives another value (or the original's class was not found).
    if (!Object.is(error[field], value)) define(error, field, value, false);
  }
  return readEntries(r, error) as unknown as Error;
}

/** Decodes bytes written by {@link encodeValue}. `bytes` must not be a view of shared memory. */
export function decodeValue(bytes: Uint8Array): unknown {
  return read(new Reader(bytes));
}
