/**
 * Where a queue keeps its items: in the shared heap (`heap.ts`), so that a
 * thread blocked in `get` needs no event loop to receive one, and so that a
 * queue holds as many items, of any size, as memory allows.
 *
 * The RING is one heap block of CAPACITY 16-byte entries, doubled when full
 * (a bounded queue's never past its maxsize). An entry holds a number right
 * in it (the fast path), or the heap offset of an item encoded by the codec
 * and its length. The queue class decides the order of the entries (ring,
 * stack, heap); the store writes, reads, grows and frees.
 *
 * Who may touch what: RING, CAPACITY and the entries change only under the
 * queue's lock. An item's bytes are written into their own block before the
 * lock is taken and read out after it is released: a block belongs to one
 * thread at a time (the putter until its entry is placed, the getter once it
 * is taken), so the lock is never held while a large item is copied.
 */
import { decodeValue, encodeValue } from "../memory/codec.ts";
import { type Heap, threadHeap } from "./heap.ts";

/** What an entry holds. */
export const NUMBER = 1;
export const BYTES = 2;

const ENTRY = 16; // bytes: KIND (int32), OFFSET / 16 (uint32), the number or the length (float64 at byte 8)
const FIRST_CAPACITY = 8;

/** A queued item: a number, or where its encoded bytes are in the heap. */
export interface Entry {
  kind: number;
  /** BYTES: the block's offset in the heap. */
  offset: number;
  /** BYTES: the encoded length. */
  length: number;
  /** NUMBER: the value. */
  number: number;
}

/** The store's words in the queue's header (int32 indexes), given by the queue. */
export interface StoreWords {
  header: Int32Array;
  /** The ring's block, in 16-byte units of the heap (uint32). */
  ring: number;
  /** How many entries the ring holds. */
  capacity: number;
}

export class Store {
  readonly heap: Heap;
  readonly #header: Uint32Array;
  readonly #ring: number;
  readonly #capacity: number;
  // Views of the ring as it was when last used: fixed-length, because V8
  // reads a length-tracking view of a growable buffer ~10× slower (measured
  // here). Made again when the ring moved or grew (in any thread).
  #viewedRing = -1;
  #viewedCapacity = -1;
  #ints: Int32Array = new Int32Array(0);
  #numbers: Float64Array = new Float64Array(0);

  /** A new store in this thread's heap, or (with `heap`) one revived over a queue's header. */
  constructor(words: StoreWords, heap?: Heap) {
    this.heap = heap ?? threadHeap();
    this.#header = new Uint32Array(words.header.buffer);
    this.#ring = words.ring;
    this.#capacity = words.capacity;
  }

  /** How many entries the ring holds now (it grows with {@link makeRoom}). */
  get capacity(): number {
    return this.#header[this.#capacity]!;
  }

  /**
   * Encodes an item and writes its bytes into a block of their own, outside
   * the lock. Numbers take the fast path. A caller that then fails to place
   * the entry gives the block back with {@link discard}.
   * @throws TypeError for what cannot cross; RangeError when memory runs out.
   */
  encode(item: unknown): Entry {
    if (typeof item === "number") return { kind: NUMBER, offset: 0, length: 0, number: item };
    return this.encodeBytes([encodeValue(item)]);
  }

  /** @internal The bytes of an item encoded by the caller (the pool frames its own), in one block. */
  encodeBytes(parts: Uint8Array[]): Entry {
    let length = 0;
    for (const part of parts) length += part.byteLength;
    const offset = this.heap.allocate(length);
    const bytes = this.heap.bytes;
    let at = offset;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.byteLength;
    }
    return { kind: BYTES, offset, length, number: 0 };
  }

  /** Gives back the block of an entry that was never placed, or that was emptied without a get. */
  discard(entry: Entry): void {
    if (entry.kind === BYTES) this.heap.free(entry.offset, entry.length);
  }

  /** The item of an entry still queued (PriorityQueue compares with it). Under the lock. */
  peek(entry: Entry): unknown {
    return entry.kind === NUMBER ? entry.number : decodeValue(this.#copy(entry));
  }

  /** The raw form of a taken entry, its block freed: a number, or a private copy of the bytes. Outside the lock. */
  takeRaw(entry: Entry): number | Uint8Array {
    if (entry.kind === NUMBER) return entry.number;
    const out = this.#copy(entry);
    this.heap.free(entry.offset, entry.length);
    return out;
  }

  /** The item of a taken entry, its block freed. Outside the lock. */
  take(entry: Entry): unknown {
    const raw = this.takeRaw(entry);
    return typeof raw === "number" ? raw : decodeValue(raw);
  }

  readSlot(slot: number): Entry {
    this.#view();
    const at = slot * 4;
    const kind = this.#ints[at]!;
    const value = this.#numbers[slot * 2 + 1]!;
    return kind === NUMBER
      ? { kind, offset: 0, length: 0, number: value }
      : { kind, offset: (this.#ints[at + 1]! >>> 0) * 16, length: value, number: 0 };
  }

  writeSlot(slot: number, entry: Entry): void {
    this.#view();
    const at = slot * 4;
    this.#ints[at] = entry.kind;
    if (entry.kind === NUMBER) {
      this.#numbers[slot * 2 + 1] = entry.number;
    } else {
      this.#ints[at + 1] = entry.offset / 16;
      this.#numbers[slot * 2 + 1] = entry.length;
    }
  }

  /**
   * Under the lock, before placing entry number `count + 1`: makes the ring
   * hold it, at most `limit` entries (a bounded queue's maxsize, or
   * Infinity). A full ring is copied into one twice its size, its `count`
   * entries in order from `head` to the new ring's start; returns the head
   * to use from then on.
   * @throws RangeError when memory runs out (the queue is left as it was).
   */
  makeRoom(head: number, count: number, limit: number): number {
    const capacity = this.capacity;
    if (count < capacity) return head;
    const header = this.#header;
    const grown = Math.min(limit, Math.max(FIRST_CAPACITY, capacity * 2));
    const offset = this.heap.allocate(grown * ENTRY);
    const old = header[this.#ring]! * 16;
    const bytes = this.heap.bytes;
    const first = Math.min(count, capacity - head); // from head to the ring's end, then from its start
    bytes.copyWithin(offset, old + head * ENTRY, old + (head + first) * ENTRY);
    bytes.copyWithin(offset + first * ENTRY, old, old + (count - first) * ENTRY);
    if (capacity > 0) this.heap.free(old, capacity * ENTRY);
    header[this.#ring] = offset / 16;
    header[this.#capacity] = grown;
    return 0;
  }

  #view(): void {
    const ring = this.#header[this.#ring]!;
    const capacity = this.#header[this.#capacity]!;
    if (ring === this.#viewedRing && capacity === this.#viewedCapacity) return;
    this.#ints = new Int32Array(this.heap.buffer, ring * 16, capacity * 4);
    this.#numbers = new Float64Array(this.heap.buffer, ring * 16, capacity * 2);
    this.#viewedRing = ring;
    this.#viewedCapacity = capacity;
  }

  #copy(entry: Entry): Uint8Array {
    // Not shared: TextDecoder refuses shared views.
    return this.heap.bytes.slice(entry.offset, entry.offset + entry.length);
  }
}
