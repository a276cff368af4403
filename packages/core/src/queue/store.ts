/**
 * Where a queue keeps its items: in shared memory, so that a thread blocked
 * in `get` needs no event loop to receive one.
 *
 * Two regions. SLOTS holds one 16-byte entry per queued item: a number is
 * stored right in its entry (the fast path); anything else is encoded by the
 * codec and its bytes kept in a chain of 64-byte CHUNKS of the arena. The
 * queue class decides the order of the slots (ring, stack, heap); the store
 * only writes, reads and frees. Every method runs under the queue's lock.
 *
 * Chunks are handed out from a free list, then from BUMP, the first chunk
 * never used: memory the queue never needed is never touched.
 */
import { decodeValue, encodeValue } from "../memory/codec.ts";

const USED = 0; // chunks in use
const BUMP = 1; // chunks [BUMP, CHUNKS) have never been used
const FREE = 2; // head of the free list, -1 when empty
const CHUNKS = 3; // the arena's size in chunks
const SLOTS = 4; // the number of slots
const HEADER_INTS = 8;

const CHUNK = 64; // bytes: a 4-byte link to the next chunk (-1: last), then the payload
const PAYLOAD = CHUNK - 4;
const ENTRY = 16; // bytes: KIND, LENGTH, FIRST (ints), or the number (float64 at byte 8)

/** What a slot holds. */
export const NUMBER = 1;
export const BYTES = 2;

/** A queued item as the slots hold it. */
export interface Entry {
  kind: number;
  /** BYTES: the encoded length. */
  length: number;
  /** BYTES: the first chunk. */
  first: number;
  /** NUMBER: the value. */
  number: number;
}

/** An item encoded outside the lock, ready to store. */
export type Encoded =
  | { kind: typeof NUMBER; number: number }
  | { kind: typeof BYTES; bytes: Uint8Array; chunks: number };

/** The default arena: 4 MiB, of which only what is used is ever touched. */
export const DEFAULT_BUFFER_BYTES = 4 * 1024 * 1024;

export class Store {
  readonly header: Int32Array;
  readonly #slotInts: Int32Array;
  readonly #slotNumbers: Float64Array;
  readonly #links: Int32Array;
  readonly #bytes: Uint8Array;

  constructor(buffers?: SharedArrayBuffer[], slots = 0, bufferBytes = 0) {
    if (buffers) {
      this.header = new Int32Array(buffers[0]!);
    } else {
      const chunks = Math.max(1, Math.floor(bufferBytes / CHUNK));
      buffers = [
        new SharedArrayBuffer(HEADER_INTS * 4),
        new SharedArrayBuffer(slots * ENTRY),
        new SharedArrayBuffer(chunks * CHUNK),
      ];
      this.header = new Int32Array(buffers[0]!);
      this.header[FREE] = -1;
      this.header[CHUNKS] = chunks;
      this.header[SLOTS] = slots;
    }
    this.#slotInts = new Int32Array(buffers[1]!);
    this.#slotNumbers = new Float64Array(buffers[1]!);
    this.#links = new Int32Array(buffers[2]!);
    this.#bytes = new Uint8Array(buffers[2]!);
  }

  get buffers(): SharedArrayBuffer[] {
    return [this.header.buffer, this.#slotInts.buffer, this.#links.buffer] as SharedArrayBuffer[];
  }

  /** How many items the slots can hold. */
  get slots(): number {
    return this.header[SLOTS]!;
  }

  /** The arena's size in bytes. */
  get bufferBytes(): number {
    return this.header[CHUNKS]! * CHUNK;
  }

  /**
   * Encodes an item, outside the lock. Numbers take the fast path.
   * @throws TypeError for what cannot cross; RangeError for an item larger than the whole arena.
   */
  encode(item: unknown): Encoded {
    if (typeof item === "number") return { kind: NUMBER, number: item };
    const bytes = encodeValue(item);
    const chunks = Math.ceil(bytes.length / PAYLOAD) || 1;
    if (chunks > this.header[CHUNKS]!) {
      throw new RangeError(
        `the item takes ${bytes.length} bytes encoded, more than the queue's whole buffer ` +
          `(${this.bufferBytes} bytes, of which ${this.header[CHUNKS]! * PAYLOAD} hold data). ` +
          `Create the queue with a larger buffer: new Queue(maxsize, { bufferBytes: ${nextPowerOfTwo(bytes.length * 2)} }).`,
      );
    }
    return { kind: BYTES, bytes, chunks };
  }

  /** Whether the arena has room for the item now. */
  fits(item: Encoded): boolean {
    return item.kind === NUMBER || this.header[CHUNKS]! - this.header[USED]! >= item.chunks;
  }

  /** Stores the item's bytes (the caller checked {@link fits}) and returns its entry. */
  write(item: Encoded): Entry {
    if (item.kind === NUMBER) return { kind: NUMBER, length: 0, first: -1, number: item.number };
    const { bytes } = item;
    let first = -1;
    let previous = -1;
    for (let offset = 0; offset < bytes.length || first === -1; offset += PAYLOAD) {
      const chunk = this.#allocate();
      const at = chunk * CHUNK;
      this.#links[at / 4] = -1;
      this.#bytes.set(bytes.subarray(offset, offset + PAYLOAD), at + 4);
      if (previous === -1) first = chunk;
      else this.#links[(previous * CHUNK) / 4] = chunk;
      previous = chunk;
    }
    return { kind: BYTES, length: bytes.length, first, number: 0 };
  }

  /** The item of an entry, leaving it stored (PriorityQueue compares with it). */
  peek(entry: Entry): unknown {
    return entry.kind === NUMBER ? entry.number : decodeValue(this.#copy(entry, false));
  }

  /** Takes an entry's item out and frees its chunks. Returns the raw form; {@link decode} it outside the lock. */
  take(entry: Entry): number | Uint8Array {
    return entry.kind === NUMBER ? entry.number : this.#copy(entry, true);
  }

  decode(raw: number | Uint8Array): unknown {
    return typeof raw === "number" ? raw : decodeValue(raw);
  }

  readSlot(slot: number): Entry {
    const ints = this.#slotInts;
    const at = slot * 4;
    return {
      kind: ints[at]!,
      length: ints[at + 1]!,
      first: ints[at + 2]!,
      number: this.#slotNumbers[slot * 2 + 1]!,
    };
  }

  writeSlot(slot: number, entry: Entry): void {
    const at = slot * 4;
    this.#slotInts[at] = entry.kind;
    if (entry.kind === NUMBER) {
      this.#slotNumbers[slot * 2 + 1] = entry.number;
    } else {
      this.#slotInts[at + 1] = entry.length;
      this.#slotInts[at + 2] = entry.first;
    }
  }

  #allocate(): number {
    const header = this.header;
    header[USED]!++;
    const free = header[FREE]!;
    if (free !== -1) {
      header[FREE] = this.#links[(free * CHUNK) / 4]!;
      return free;
    }
    return header[BUMP]!++;
  }

  #copy(entry: Entry, free: boolean): Uint8Array {
    const out = new Uint8Array(entry.length); // not shared: TextDecoder refuses shared views
    let chunk = entry.first;
    for (let offset = 0; chunk !== -1; offset += PAYLOAD) {
      const at = chunk * CHUNK;
      out.set(
        this.#bytes.subarray(at + 4, at + 4 + Math.min(PAYLOAD, entry.length - offset)),
        offset,
      );
      const next = this.#links[at / 4]!;
      if (free) {
        this.#links[at / 4] = this.header[FREE]!;
        this.header[FREE] = chunk;
        this.header[USED]!--;
      }
      chunk = next;
    }
    return out;
  }
}

function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(n));
}
