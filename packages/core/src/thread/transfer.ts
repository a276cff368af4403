/**
 * How arguments cross into a thread. Plain data is copied by structured clone.
 * Shared typed arrays cross as they are (their memory is shared). A core
 * primitive cannot be cloned (it is a class instance), so it crosses as a
 * descriptor of its shared buffers and is revived, over the same memory, on
 * the other side. Anything else that structured clone would drop or refuse —
 * a function, a class instance with methods, a DOM node — is rejected before
 * the thread starts, with an error naming where it was.
 */
import { creation } from "../memory/shared.ts";
import { assertSharedMemory, describe } from "../sync/futex.ts";
import { nextObjectId } from "./context.ts";

/** Implemented by every primitive that can be passed to a thread. */
export const SHARE: unique symbol = Symbol.for("unravel.share");

export interface SharedDescriptor {
  kind: string;
  buffers: SharedArrayBuffer[];
  data?: unknown;
}

export interface Shareable {
  [SHARE](): SharedDescriptor;
}

const MARK = "__unravelShared";

/**
 * Reviving a primitive in another thread runs its ordinary constructor over
 * the memory it arrived with: `adopt` hands that memory to the constructor
 * through `adopted()`, so no internal parameter shows in the public API.
 */
let adopting: SharedArrayBuffer[] | null = null;

export function adopt<T>(buffers: SharedArrayBuffer[], construct: () => T): T {
  adopting = buffers;
  try {
    return construct();
  } finally {
    adopting = null;
  }
}

/** Inside a constructor: the buffers being adopted, if this is a revival. */
export function adopted(): SharedArrayBuffer[] | null {
  const buffers = adopting;
  adopting = null; // only the outermost constructor adopts; it passes inner buffers on itself
  return buffers;
}

/** Rebuilds a primitive from its descriptor (used by primitives built of others). */
export function reviveShared(descriptor: SharedDescriptor): unknown {
  const revive = revivers.get(descriptor.kind);
  if (!revive)
    throw new TypeError(`cannot revive a ${descriptor.kind} in this thread: unknown primitive`);
  return revive(descriptor);
}

/** Registers a primitive whose constructor adopts its descriptor's buffers. */
export function registerAdoptable(kind: string, construct: () => unknown): void {
  registerShareable(kind, (d) => adopt(d.buffers, construct));
}

/** A fresh zeroed shared word block of `bytes` bytes, with a new object id in slot 1. */
export function newWord(bytes: number): Int32Array {
  assertSharedMemory();
  creation.hook?.();
  const word = new Int32Array(new SharedArrayBuffer(bytes));
  word[1] = nextObjectId();
  return word;
}
const revivers = new Map<string, (descriptor: SharedDescriptor) => unknown>();

/** Each primitive registers how to rebuild itself from its descriptor. */
export function registerShareable(
  kind: string,
  revive: (descriptor: SharedDescriptor) => unknown,
): void {
  revivers.set(kind, revive);
}

const CLONEABLE_CLASSES: Function[] = [
  Date,
  RegExp,
  ArrayBuffer,
  DataView,
  Error,
  Boolean,
  Number,
  String,
  ...(typeof SharedArrayBuffer === "function" ? [SharedArrayBuffer] : []),
];
const TypedArray = Object.getPrototypeOf(Int8Array);

function isShareable(value: object): value is Shareable {
  return typeof (value as Partial<Shareable>)[SHARE] === "function";
}

/**
 * Returns `value` ready for structured clone: primitives replaced by their
 * descriptors. Throws a TypeError naming `path` for what cannot cross.
 */
export function encodeForThread(
  value: unknown,
  path: string,
  seen = new Map<object, unknown>(),
): unknown {
  if (typeof value === "function") {
    throw new TypeError(
      `${path} is a function, and a function cannot be passed to a thread: threads share no objects. ` +
        "Export the function and call it inside the thread instead.",
    );
  }
  if (typeof value === "symbol")
    throw new TypeError(`${path} is a symbol, which cannot be passed to a thread`);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return seen.get(value);
  if (isShareable(value)) {
    const encoded = { [MARK]: value[SHARE]() };
    seen.set(value, encoded);
    return encoded;
  }
  if (value instanceof TypedArray || CLONEABLE_CLASSES.some((c) => value instanceof c))
    return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const [i, item] of value.entries()) out.push(encodeForThread(item, `${path}[${i}]`, seen));
    return out;
  }
  if (value instanceof Map) {
    const out = new Map();
    seen.set(value, out);
    for (const [k, v] of value)
      out.set(encodeForThread(k, `${path} key`, seen), encodeForThread(v, `${path}.get(…)`, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    seen.set(value, out);
    for (const v of value) out.add(encodeForThread(v, `${path} item`, seen));
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(
      `${path} is ${describe(value)} instance, and a class instance cannot be passed to a thread: ` +
        "structured clone would drop its methods. Pass plain data (objects, arrays, numbers, strings), " +
        "shared typed arrays, or @unravel/core primitives.",
    );
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = encodeForThread(v, `${path}.${k}`, seen);
  return out;
}

/** The inverse of `encodeForThread`, run in the receiving thread. */
export function decodeInThread(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return seen.get(value);
  const descriptor = (value as Record<string, unknown>)[MARK] as SharedDescriptor | undefined;
  if (descriptor) {
    const revived = reviveShared(descriptor);
    seen.set(value, revived);
    return revived;
  }
  if (Array.isArray(value)) {
    seen.set(value, value);
    for (let i = 0; i < value.length; i++) value[i] = decodeInThread(value[i], seen);
    return value;
  }
  if (value instanceof Map) {
    const out = new Map();
    seen.set(value, out);
    for (const [k, v] of value) out.set(decodeInThread(k, seen), decodeInThread(v, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    seen.set(value, out);
    for (const v of value) out.add(decodeInThread(v, seen));
    return out;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    seen.set(value, value);
    const record = value as Record<string, unknown>;
    for (const k of Object.keys(record)) record[k] = decodeInThread(record[k], seen);
  }
  return value;
}
