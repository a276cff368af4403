/**
 * A thread's control block: the shared memory through which whoever holds the
 * `Thread` object learns that it ended, and how. `join` sleeps on STATE, so it
 * needs no event loop; a failed thread leaves its error here, encoded.
 */
import { ThreadError } from "../errors.ts";
import { decodeValue, encodeValue } from "../memory/codec.ts";

export const STATE = 0;
export const STARTING = 1; // handed to a worker, not yet running
export const RUNNING = 2;
export const DONE = 3;
/** Claimed by whoever marks the thread ended (run.ts's markEnded); DONE follows once its end is published. */
export const ENDING = 4;
const ERROR_LENGTH = 1;
const ERROR_AT = 16; // bytes
const ERROR_BYTES = 32 * 1024;

export function newControlBlock(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(ERROR_AT + ERROR_BYTES);
  new Int32Array(buffer)[STATE] = STARTING;
  return buffer;
}

/**
 * What a thread threw, as an Error: a thrown non-Error becomes a ThreadError.
 * With `trimmed`, only name, message and a shortened stack are kept: for an
 * error too large for the block, or with properties that cannot be copied.
 */
function asError(thrown: unknown, trimmed = false): Error {
  if (thrown instanceof Error && !trimmed) return thrown;
  const original = thrown instanceof Error ? thrown : undefined;
  const error = new ThreadError(
    original?.message ?? `non-Error value thrown: ${safeString(thrown)}`,
  );
  if (original) {
    Object.defineProperty(error, "name", {
      value: original.name,
      configurable: true,
      writable: true,
    });
    error.stack = original.stack?.slice(0, 4000);
  }
  return error;
}

function safeString(value: unknown): string {
  try {
    return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

/**
 * Writes the error that ended the thread with the value codec that queues use,
 * so it comes back with its class (built-in, core's, or one the program
 * exports), message, stack, cause and own properties.
 */
export function writeError(control: SharedArrayBuffer, thrown: unknown): void {
  let bytes: Uint8Array;
  try {
    bytes = encodeValue(asError(thrown), "error");
  } catch {
    bytes = encodeValue(asError(thrown, true), "error"); // a property that cannot be copied
  }
  if (bytes.length > ERROR_BYTES) bytes = encodeValue(asError(thrown, true), "error");
  new Uint8Array(control, ERROR_AT, ERROR_BYTES).set(bytes);
  Atomics.store(new Int32Array(control), ERROR_LENGTH, bytes.length);
}

export function readError(control: SharedArrayBuffer): Error | undefined {
  const length = Atomics.load(new Int32Array(control), ERROR_LENGTH);
  if (length === 0) return undefined;
  // Copied out: the codec reads private memory, not a view of shared memory.
  return decodeValue(new Uint8Array(control, ERROR_AT, length).slice()) as Error;
}

/**
 * Ends a thread whose worker died before the thread began running, with an
 * error saying so. Returns whether it did (a thread already running or ended
 * is left alone: its own worker reports its end).
 */
export function failUnstarted(
  task: { control: SharedArrayBuffer; identity: { name: string } },
  why: string,
): boolean {
  const state = new Int32Array(task.control);
  // Claim it (STARTING → RUNNING) before writing the error, so a joiner never sees DONE without it.
  if (Atomics.compareExchange(state, STATE, STARTING, RUNNING) !== STARTING) return false;
  writeError(task.control, new Error(`thread ${task.identity.name} could not start: ${why}`));
  Atomics.store(state, STATE, DONE);
  Atomics.notify(state, STATE);
  return true;
}
