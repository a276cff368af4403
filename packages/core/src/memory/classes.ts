/**
 * How an error keeps its class across threads. Every thread has its own copy
 * of every class, so an error crosses as the list of its classes that the
 * other side can find again, nearest first, down to the built-in one it
 * derives from: `[exported "Plain", builtin "Error"]`. The receiver builds
 * the error from the first class it finds, so `instanceof` holds whatever
 * the class's `name` says (`class Plain extends Error {}` has the name
 * "Error").
 *
 * The codec knows nothing of threads or modules: the thread layer, which
 * keeps the program's module namespaces, hands it a {@link ClassResolver}.
 */
import * as coreErrors from "../errors.ts";

/** Finds the program's exported classes; registered by the thread layer. */
export interface ClassResolver {
  /** A key under which this thread's modules export `ctor`, if they do. */
  keyOf(ctor: Function): string | undefined;
  /** In this thread: the value exported under `key`, if any. */
  classOf(key: string): unknown;
}

let resolver: ClassResolver | null = null;

export function setClassResolver(r: ClassResolver): void {
  resolver = r;
}

/** Where a class is found again: a kind and a key. */
export const BUILTIN = 0;
export const CORE = 1;
export const EXPORTED = 2;
export type ClassRef = { kind: number; key: string };

const BUILTIN_ERRORS: Record<string, Function> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
  AggregateError,
};
const CORE_ERRORS = coreErrors as Record<string, unknown>;

function own<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** The classes of `error` the other side can find, nearest first, ending at a built-in one. */
export function errorClasses(error: Error): ClassRef[] {
  const refs: ClassRef[] = [];
  for (
    let proto: object | null = Object.getPrototypeOf(error);
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    const ctor = Object.getOwnPropertyDescriptor(proto, "constructor")?.value;
    if (typeof ctor !== "function" || ctor.prototype !== proto) continue;
    if (own(BUILTIN_ERRORS, ctor.name) === ctor) {
      refs.push({ kind: BUILTIN, key: ctor.name });
      break;
    }
    if (own(CORE_ERRORS, ctor.name) === ctor) refs.push({ kind: CORE, key: ctor.name });
    else {
      const key = resolver?.keyOf(ctor);
      if (key !== undefined) refs.push({ kind: EXPORTED, key });
    }
  }
  return refs;
}

function find(ref: ClassRef): Function | undefined {
  const found =
    ref.kind === BUILTIN
      ? own(BUILTIN_ERRORS, ref.key)
      : ref.kind === CORE
        ? own(CORE_ERRORS, ref.key)
        : resolver?.classOf(ref.key);
  // Only a class that is an Error: a key never makes something else.
  return typeof found === "function" && (found === Error || found.prototype instanceof Error)
    ? found
    : undefined;
}

/**
 * A new error of the first class of `refs` found in this thread, built as
 * its built-in base would be (a real error object), without running the
 * class's own constructor (its parameters are unknown here). It has no own
 * `message` and a fresh `stack`: the caller sets what the original had.
 */
export function errorOfClasses(refs: ClassRef[]): Error {
  let ctor: Function | undefined;
  for (const ref of refs) {
    ctor = find(ref);
    if (ctor) break;
  }
  const last = refs[refs.length - 1];
  const base = (last?.kind === BUILTIN && own(BUILTIN_ERRORS, last.key)) || Error;
  ctor ??= base;
  const args = base === AggregateError ? [[]] : [];
  return Reflect.construct(base, args, ctor) as Error;
}
