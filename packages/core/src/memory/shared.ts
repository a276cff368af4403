/**
 * Shared typed arrays: the only memory JavaScript threads share. Pass one to
 * a thread as an argument and both sides see the same numbers. Updating them
 * from several threads at once needs a `Lock` or `Atomics`.
 */
function checkLength(length: number): number {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new RangeError(`length must be a non-negative integer, got ${length}`);
  }
  return length;
}

/** A zero-filled `Int32Array` of `length` numbers over a `SharedArrayBuffer`. */
export function sharedInt32(length: number): Int32Array<SharedArrayBuffer> {
  creation.hook?.();
  return madeArray(new Int32Array(new SharedArrayBuffer(checkLength(length) * 4)));
}

/** A zero-filled `Float64Array` of `length` numbers over a `SharedArrayBuffer`. */
export function sharedFloat64(length: number): Float64Array<SharedArrayBuffer> {
  creation.hook?.();
  return madeArray(new Float64Array(new SharedArrayBuffer(checkLength(length) * 8)));
}

/** A zero-filled `Uint8Array` of `length` bytes over a `SharedArrayBuffer`. */
export function sharedUint8(length: number): Uint8Array<SharedArrayBuffer> {
  creation.hook?.();
  return madeArray(new Uint8Array(new SharedArrayBuffer(checkLength(length))));
}

/**
 * Called with each shared array the program makes (set by `step/state.ts`:
 * in step mode the program's own `Atomics` calls on it are steps).
 */
export const arrays: { hook: ((array: ArrayBufferView) => void) | null } = { hook: null };

function madeArray<T extends ArrayBufferView>(array: T): T {
  arrays.hook?.(array);
  return array;
}

/**
 * Called when shared memory is made for a primitive or an array (set by
 * `diagnose/trap.ts` while a thread's worker evaluates the program's module;
 * `null`, and so free, the rest of the time).
 */
export const creation: { hook: (() => void) | null } = { hook: null };
