/**
 * The shared heap of the queues: one growable `SharedArrayBuffer`, reserved
 * large and grown only as it is used, from which queues take the bytes of
 * their items and their rings of slots.
 *
 * Why one heap for many queues: a queue must grow without messages (a thread
 * blocked in `get` has no event loop to receive a new buffer), so its memory
 * must be reserved when it is created; Chromium keeps every buffer inside a
 * 1 TiB sandbox (measured: 61 reservations of 16 GiB fit), so each queue
 * cannot reserve its own. A heap travels with every queue's descriptor, and
 * the first one a thread receives is the one its new queues use.
 *
 * Layout, in 16-byte UNITS (so an offset of a 64 GiB heap fits a uint32):
 * the first 256 bytes are the header (a futex LOCK, TOP: the first unit
 * never handed out, and one free-list head per size class); blocks follow.
 * A block of class c is 16 << c bytes; a free one holds the next free
 * block's unit in its first word (0: none). Blocks are never merged: freed
 * memory is reused by blocks of its class, and a SharedArrayBuffer never
 * shrinks, so a heap's resident size is its peak use.
 */
import { canBlock } from "../sync/futex.ts";

const LOCK = 0; // 0 unlocked, 1 locked, 2 locked with waiters (int32 view)
const TOP = 1; // uint32 view from here on
const HEADS = 8; // HEADS + c: the first free block of class c
const CLASSES = 33; // 16 B … 64 GiB
const HEADER_BYTES = 256;
const UNIT = 16;

/** Reservations tried, largest first (the platform may refuse a large one). */
const RESERVATIONS = [2 ** 36, 2 ** 34, 2 ** 32, 2 ** 30, 2 ** 28];
/** Grow by at least this much, so that small items do not grow the buffer one by one. */
const GROW_STEP = 1 << 20;

export class Heap {
  readonly buffer: SharedArrayBuffer;
  readonly #lock: Int32Array;
  readonly #words: Uint32Array;
  readonly #all: Uint32Array; // length-tracking, for the free-list links
  /** The whole heap as bytes; length-tracking, so it follows a grow made by any thread. */
  readonly bytes: Uint8Array;

  constructor(buffer?: SharedArrayBuffer) {
    this.buffer = buffer ?? reserve();
    this.#lock = new Int32Array(this.buffer, 0, HEADER_BYTES / 4);
    this.#words = new Uint32Array(this.buffer, 0, HEADER_BYTES / 4);
    this.bytes = new Uint8Array(this.buffer);
    this.#all = new Uint32Array(this.buffer);
    if (!buffer) this.#words[TOP] = HEADER_BYTES / UNIT;
  }

  /** The most bytes this heap can ever hold. */
  get maxBytes(): number {
    return this.buffer.maxByteLength;
  }

  /**
   * A block of at least `bytes` bytes: its offset in bytes (16-aligned).
   * @throws RangeError when the heap's reservation is used up.
   */
  allocate(bytes: number): number {
    const c = classOf(bytes);
    this.#acquire();
    try {
      const words = this.#words;
      const free = words[HEADS + c]!;
      if (free !== 0) {
        words[HEADS + c] = this.#next(free);
        return free * UNIT;
      }
      const blockBytes = 2 ** c * UNIT;
      const at = words[TOP]! * UNIT;
      const end = at + blockBytes;
      // TOP is a uint32 of units: the last unit of the reservation is never handed out.
      if (end > this.buffer.maxByteLength - UNIT)
        throw outOfMemory(bytes, this.buffer.maxByteLength);
      if (end > this.buffer.byteLength) this.#grow(end);
      words[TOP] = end / UNIT;
      return at;
    } finally {
      this.#release();
    }
  }

  /** Gives back a block taken for `bytes` bytes. */
  free(offset: number, bytes: number): void {
    const c = classOf(bytes);
    this.#acquire();
    try {
      this.#all[offset / 4] = this.#words[HEADS + c]!;
      this.#words[HEADS + c] = offset / UNIT;
    } finally {
      this.#release();
    }
  }

  #next(unit: number): number {
    return this.#all[(unit * UNIT) / 4]!;
  }

  #grow(end: number): void {
    const max = this.buffer.maxByteLength;
    const current = this.buffer.byteLength;
    const target = Math.min(max, Math.max(end, current + GROW_STEP, Math.ceil(current * 1.25)));
    this.buffer.grow(Math.min(max, roundUp(target, GROW_STEP)));
  }

  // A three-state futex mutex (Drepper, "Futexes are tricky"): held only to
  // move a free-list head or TOP, never while copying an item.
  #acquire(): void {
    const lock = this.#lock;
    let state = Atomics.compareExchange(lock, LOCK, 0, 1);
    if (state === 0) return;
    if (state !== 2) state = Atomics.exchange(lock, LOCK, 2);
    while (state !== 0) {
      // A browser page's own thread may not wait; the lock is held only for a few stores.
      if (canBlock) Atomics.wait(lock, LOCK, 2);
      state = Atomics.exchange(lock, LOCK, 2);
    }
  }

  #release(): void {
    if (Atomics.sub(this.#lock, LOCK, 1) !== 1) {
      Atomics.store(this.#lock, LOCK, 0);
      Atomics.notify(this.#lock, LOCK, 1);
    }
  }
}

/** The size class of a block holding `bytes` bytes: the smallest c with 16 << c ≥ bytes. */
function classOf(bytes: number): number {
  const units = Math.max(1, Math.ceil(bytes / UNIT));
  const c = Math.ceil(Math.log2(units));
  if (c >= CLASSES) throw new RangeError(`an item of ${bytes} bytes is larger than any heap`);
  return c;
}

function outOfMemory(asked: number, max: number): RangeError {
  return new RangeError(
    `out of shared memory for queue items: ${asked} bytes asked, and the heap shared by ` +
      `this thread's queues (${max / 2 ** 30} GiB reserved) is full. ` +
      "Take items out of the queues (get) to free their memory, or send smaller items.",
  );
}

function roundUp(n: number, step: number): number {
  return Math.ceil(n / step) * step;
}

function reserve(): SharedArrayBuffer {
  let last: unknown;
  for (const maxByteLength of RESERVATIONS) {
    try {
      return new SharedArrayBuffer(HEADER_BYTES, { maxByteLength });
    } catch (error) {
      last = error; // the platform refused to reserve that much: try less
    }
  }
  throw new RangeError(
    `cannot reserve shared memory for queues (even ${RESERVATIONS.at(-1)! / 2 ** 20} MiB was refused)`,
    { cause: last },
  );
}

let current: Heap | null = null;

/** The heap new queues of this thread use: the first one it received, or a new one. */
export function threadHeap(): Heap {
  current ??= new Heap();
  return current;
}

/** A heap that arrived with a queue's descriptor; the first becomes this thread's. */
export function adoptHeap(buffer: SharedArrayBuffer): Heap {
  const heap = new Heap(buffer);
  current ??= heap;
  return heap;
}
