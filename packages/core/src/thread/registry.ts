/**
 * The process block: shared counters, then the table of live threads, so that
 * `enumerate()` and `activeCount()` see every thread from any thread. A slot
 * is claimed by a compare-and-swap on its IDENT; names keep 48 UTF-8 bytes.
 */
import { WAIT_TABLE_BYTES } from "../diagnose/layout.ts";
import { processBlock, type ThreadIdentity } from "./context.ts";

/** Header slots. */
export const NEXT_IDENT = 0; // last thread ident handed out (the main thread is 1)
export const NEXT_OBJECT_ID = 1; // last id handed to a Lock, Event, Queue, … (for trace labels)
export const NEXT_THREAD_NUMBER = 2; // N in the default name "Thread-N (target)", as in Python
const ALIVE = 3; // threads started and not yet ended (all of them, past REGISTRY_SLOTS too)
const MAX_ALIVE = 4; // the limit on ALIVE, fixed by the first start() (0: not yet)
const HEADER_INTS = 8;

const REGISTRY_SLOTS = 256;
const SLOT_INTS = 16;
/** Where the wait table (`diagnose/waits.ts`) starts in the block, in bytes. */
export const WAIT_TABLE_AT = (HEADER_INTS + REGISTRY_SLOTS * SLOT_INTS) * 4;
export const BLOCK_BYTES = WAIT_TABLE_AT + WAIT_TABLE_BYTES;

/** Slot fields. */
const IDENT = 0; // 0: the slot is free, -1: being written
const DAEMON = 1;
const NAME_LENGTH = 2;
const NAME = 4; // name bytes start here (ints 4..15)
const NAME_BYTES = (SLOT_INTS - NAME) * 4;

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true }); // a leading U+FEFF is data

function slotOffset(slot: number): number {
  return HEADER_INTS + slot * SLOT_INTS;
}

/** Records a thread as alive. Past REGISTRY_SLOTS live threads, it is left out of `enumerate()`. */
export function register(thread: ThreadIdentity): void {
  const ints = processBlock();
  for (let slot = 0; slot < REGISTRY_SLOTS; slot++) {
    // Claim the slot with -1 ("being written") so readers skip it until the name is in.
    if (Atomics.compareExchange(ints, slotOffset(slot) + IDENT, 0, -1) !== 0) continue;
    writeSlot(ints, slot, thread);
    return;
  }
}

/** Fills a claimed slot, publishing it last by storing its IDENT. */
export function writeSlot(ints: Int32Array, slot: number, thread: ThreadIdentity): void {
  const at = slotOffset(slot);
  const bytes = encoder.encode(thread.name).subarray(0, NAME_BYTES);
  new Uint8Array(ints.buffer, (at + NAME) * 4, NAME_BYTES).set(bytes);
  ints[at + DAEMON] = thread.daemon ? 1 : 0;
  ints[at + NAME_LENGTH] = bytes.length;
  Atomics.store(ints, at + IDENT, thread.ident);
}

export function unregister(ident: number): void {
  const ints = processBlock();
  for (let slot = 0; slot < REGISTRY_SLOTS; slot++) {
    const at = slotOffset(slot);
    if (Atomics.compareExchange(ints, at + IDENT, ident, 0) === ident) return;
  }
}

/**
 * Counts a thread in, unless `limit` threads are alive already. The limit is
 * fixed by the first caller, so that every thread of the program applies the
 * same one (memory shrinks as threads start; their count does not lie).
 * Returns the limit that refused it, or 0 when counted in.
 */
export function countThreadIn(limit: () => number): number {
  const ints = processBlock();
  let max = Atomics.load(ints, MAX_ALIVE);
  if (max === 0) {
    const wanted = limit();
    max = Atomics.compareExchange(ints, MAX_ALIVE, 0, wanted) || wanted;
  }
  for (let alive = Atomics.load(ints, ALIVE); ; ) {
    if (alive >= max) return max;
    const seen = Atomics.compareExchange(ints, ALIVE, alive, alive + 1);
    if (seen === alive) return 0;
    alive = seen;
  }
}

export function countThreadOut(): void {
  Atomics.sub(processBlock(), ALIVE, 1);
}

export function isRegistered(ident: number): boolean {
  return live().some((t) => t.ident === ident);
}

/** A snapshot of the live threads. */
export function live(): ThreadIdentity[] {
  const ints = processBlock();
  const threads: ThreadIdentity[] = [];
  for (let slot = 0; slot < REGISTRY_SLOTS; slot++) {
    const at = slotOffset(slot);
    const ident = Atomics.load(ints, at + IDENT);
    if (ident <= 0) continue;
    const length = ints[at + NAME_LENGTH];
    // Copy out: TextDecoder refuses views over shared memory.
    const name = decoder.decode(new Uint8Array(ints.buffer, (at + NAME) * 4, length).slice());
    threads.push({ ident, name, daemon: ints[at + DAEMON] === 1 });
  }
  return threads.sort((a, b) => a.ident - b.ident);
}
