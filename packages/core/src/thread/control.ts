/**
 * A thread's control block: the shared memory through which whoever holds the
 * `Thread` object learns that it ended, and how. `join` sleeps on STATE, so it
 * needs no event loop; a failed thread leaves its error here, encoded.
 */
import { ThreadError } from "../errors.ts";

export const STATE = 0;
export const STARTING = 1; // handed to a worker, not yet running
export const RUNNING = 2;
export const DONE = 3;
const ERROR_LENGTH = 1;
const ERROR_AT = 16; // bytes
const ERROR_BYTES = 32 * 1024;

export function newControlBlock(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(ERROR_AT + ERROR_BYTES);
  new Int32Array(buffer)[STATE] = STARTING;
  return buffer;
}

interface EncodedError {
  name: string;
  message: string;
  stack?: string;
  cause?: EncodedError;
  /** Set when the thrown value was not an Error. */
  thrown?: string;
}

function encode(error: unknown, depth = 0): EncodedError {
  if (!(error instanceof Error)) {
    return {
      name: "ThreadError",
      message: `non-Error value thrown: ${safeString(error)}`,
      thrown: safeString(error),
    };
  }
  const encoded: EncodedError = { name: error.name, message: error.message, stack: error.stack };
  if (error.cause !== undefined && depth < 8) encoded.cause = encode(error.cause, depth + 1);
  return encoded;
}

function safeString(value: unknown): string {
  try {
    return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

const BUILTIN: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** Rebuilds an error in this thread: same class name, message, stack and cause. */
function revive(encoded: EncodedError): Error {
  const Ctor = BUILTIN[encoded.name];
  const error = Ctor ? new Ctor(encoded.message) : new ThreadError(encoded.message);
  if (!Ctor)
    Object.defineProperty(error, "name", {
      value: encoded.name,
      configurable: true,
      writable: true,
    });
  if (encoded.stack !== undefined) error.stack = encoded.stack;
  if (encoded.cause) error.cause = revive(encoded.cause);
  return error;
}

/** Writes the error that ended the thread (its stack trimmed if it does not fit). */
export function writeError(control: SharedArrayBuffer, error: unknown): void {
  const encoded = encode(error);
  let bytes = new TextEncoder().encode(JSON.stringify(encoded));
  if (bytes.length > ERROR_BYTES) {
    encoded.stack = encoded.stack?.slice(0, 4000);
    delete encoded.cause;
    bytes = new TextEncoder().encode(JSON.stringify(encoded)).subarray(0, ERROR_BYTES);
  }
  new Uint8Array(control, ERROR_AT, ERROR_BYTES).set(bytes);
  Atomics.store(new Int32Array(control), ERROR_LENGTH, bytes.length);
}

export function readError(control: SharedArrayBuffer): Error | undefined {
  const length = Atomics.load(new Int32Array(control), ERROR_LENGTH);
  if (length === 0) return undefined;
  const bytes = new Uint8Array(control, ERROR_AT, length).slice(); // TextDecoder refuses shared views
  return revive(JSON.parse(new TextDecoder().decode(bytes)) as EncodedError);
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
