/**
 * Who "this thread" is, and the process block (see `registry.ts`) that every
 * thread of one program shares. The main thread (or, in the browser, the host
 * page) creates the block; every worker receives it when it boots.
 */
import type { ThreadIdentity } from "../runtime/runtime.ts";
import {
  BLOCK_BYTES,
  NEXT_IDENT,
  NEXT_OBJECT_ID,
  NEXT_THREAD_NUMBER,
  writeSlot,
} from "./registry.ts";

export type Role = "main" | "thread" | "unbooted";

export type { ThreadIdentity };

interface Context extends ThreadIdentity {
  role: Role;
  process: Int32Array | null;
  /** The current thread's control block, for threads started by `Thread`. */
  control: SharedArrayBuffer | null;
}

const MAIN: ThreadIdentity = { ident: 1, name: "MainThread", daemon: false };

const context: Context = { ...MAIN, role: "main", process: null, control: null };

/** A new process block, with the main thread registered as ident 1. */
export function createProcessBlock(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(BLOCK_BYTES);
  const ints = new Int32Array(buffer);
  ints[NEXT_IDENT] = MAIN.ident;
  writeSlot(ints, 0, MAIN);
  return buffer;
}

/** The process block, created on first use by a main thread. */
export function processBlock(): Int32Array {
  context.process ??= new Int32Array(createProcessBlock());
  return context.process;
}

export function nextIdent(): number {
  return Atomics.add(processBlock(), NEXT_IDENT, 1) + 1;
}

export function nextObjectId(): number {
  return Atomics.add(processBlock(), NEXT_OBJECT_ID, 1) + 1;
}

export function nextThreadNumber(): number {
  return Atomics.add(processBlock(), NEXT_THREAD_NUMBER, 1) + 1;
}

export function current(): Readonly<Context> {
  return context;
}

export function mainIdentity(): ThreadIdentity {
  return MAIN;
}

/** Called by a runtime when a worker is about to run a thread (or a browser main). */
export function enterThread(
  role: Role,
  identity: ThreadIdentity,
  processBuffer: SharedArrayBuffer,
  control: SharedArrayBuffer | null,
): void {
  Object.assign(context, identity, { role, process: new Int32Array(processBuffer), control });
}

/** A browser worker waits for its boot message before it knows its role. */
export function markUnbooted(): void {
  context.role = "unbooted";
}
