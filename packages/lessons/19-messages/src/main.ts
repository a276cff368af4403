import { main, print, Queue, Thread } from "@unravel/core";

class Point {
  x = 1;
  y = 2;
  length() {
    return Math.hypot(this.x, this.y);
  }
}

// One value through a MessageChannel: it arrives in an event.
async function viaPort(value: unknown, moved: Transferable[] = []) {
  const { port1, port2 } = new MessageChannel();
  try {
    const got = new Promise<unknown>((resolve) => {
      port2.onmessage = (e) => resolve(e.data);
    });
    port1.postMessage(value, moved); // structured clone
    return await got;
  } finally {
    port1.close();
    port2.close();
  }
}

// The same value through a Queue: get() returns it.
function viaQueue(value: unknown) {
  const q = new Queue();
  q.put(value); // copied into shared memory
  return q.get();
}

const kind = (v: unknown) =>
  (v as object).constructor.name +
  (typeof (v as Point).length === "function"
    ? " with length()"
    : "");

async function show(what: string, value: () => unknown) {
  const tell = async (how: () => unknown) => {
    try {
      return kind(await how());
    } catch (e) {
      return `refused: ${(e as Error).message.split(",")[0]!.replace(/\.$/, "")}`;
    }
  };
  const port = await tell(() => viaPort(value()));
  const queue = await tell(() => viaQueue(value()));
  print(`${what}: port → ${port}; queue → ${queue}`);
}

export function square(
  inbox: Queue<number>,
  outbox: Queue<number>,
) {
  for (let x = inbox.get(); x !== 0; x = inbox.get()) {
    outbox.put(x * x); // get() blocks: no event loop needed
  }
}

main(import.meta, async () => {
  await show("a Map", () => new Map([["a", 1]]));
  await show("a Point", () => new Point());
  await show("a function", () => () => 1);

  const a = new ArrayBuffer(1 << 20); // 1 MiB
  const there = (await viaPort(a, [a])) as ArrayBuffer;
  print(
    `port, transferred: sender ${a.byteLength} bytes, receiver ${there.byteLength}`,
  );
  const b = new ArrayBuffer(1 << 20);
  const copy = viaQueue(b) as ArrayBuffer;
  print(
    `queue, copied: sender ${b.byteLength} bytes, receiver ${copy.byteLength}`,
  );

  const [inbox, outbox] = [
    new Queue<number>(),
    new Queue<number>(),
  ];
  const t = new Thread({ target: square, args: [inbox, outbox] });
  t.start();
  for (const x of [1, 2, 3, 4, 5, 0]) inbox.put(x); // 0: stop
  t.join();
  const got = Array.from({ length: 5 }, () => outbox.get());
  print(`a thread squared 1..5 → ${got.join(", ")}`);
});
