// Values of any size that fits in memory cross whole: a 256 MiB Uint8Array
// through a Queue to a thread and back, as a pool task's argument and
// result (an echo), and as a thread's argument; a 32 MiB string too. Each is
// checked on the other side by a checksum of every byte.
import { main, print, Queue, sharedInt32, Thread, ThreadPoolExecutor } from "../../src/index.ts";

const MIB = 2 ** 20;

function filled(bytes: number, seed: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < words.length; i++) words[i] = Math.imul(i + seed, 2654435761);
  return out;
}

/** A checksum of every byte. */
export function checksum(data: Uint8Array): number {
  const words = new Uint32Array(data.buffer, data.byteOffset, data.byteLength >>> 2);
  let sum = data.byteLength | 0;
  for (let i = 0; i < words.length; i++) sum = (Math.imul(sum, 31) + words[i]!) | 0;
  return sum;
}

function textSum(text: string): number {
  let sum = text.length;
  for (let i = 0; i < text.length; i += 4099) sum = (Math.imul(sum, 31) + text.charCodeAt(i)) | 0;
  return sum;
}

/** Takes a value from `inbox`, records its checksum, and sends it back through `outbox`. */
export function bounce(
  inbox: Queue<Uint8Array>,
  outbox: Queue<Uint8Array>,
  sums: Int32Array,
): void {
  const data = inbox.get();
  sums[0] = checksum(data);
  outbox.put(data);
}

export function echo<T>(value: T): T {
  return value;
}

export function bigText(length: number): string {
  return "é".repeat(length / 4) + "abc".repeat(length / 4);
}

export function argumentSum(data: Uint8Array, sums: Int32Array): void {
  sums[0] = checksum(data);
}

main(import.meta, () => {
  const data = filled(256 * MIB, 7);
  const expected = checksum(data);

  const inbox = new Queue<Uint8Array>();
  const outbox = new Queue<Uint8Array>();
  const sums = sharedInt32(1);
  const t = new Thread({ target: bounce, args: [inbox, outbox, sums] });
  t.start();
  inbox.put(data);
  const back = outbox.get();
  t.join();
  print(`queue 256 MiB there ${sums[0] === expected} back ${checksum(back) === expected}`);

  using pool = new ThreadPoolExecutor({ maxWorkers: 1 });
  const echoed = pool.submit(echo, data).result() as Uint8Array;
  print(`pool argument and result 256 MiB ${checksum(echoed) === expected}`);
  const text = pool.submit(bigText, 32 * MIB).result();
  print(`pool string 32 MiB ${textSum(text) === textSum(bigText(32 * MIB))}`);

  const argSums = sharedInt32(1);
  const byArgument = new Thread({ target: argumentSum, args: [data, argSums] });
  byArgument.start();
  byArgument.join();
  print(`thread argument 256 MiB ${argSums[0] === expected}`);
});
