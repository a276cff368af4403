// Every kind of step point at once, with timeouts and long sleeps: a
// stepped run takes no real time waiting, and replays exactly.
import {
  Barrier,
  Condition,
  Event,
  Lock,
  main,
  print,
  Queue,
  Semaphore,
  sharedInt32,
  sleep,
  Thread,
} from "../../src/index.ts";

export function producer(q: Queue<number>, ready: Event, gate: Barrier) {
  gate.wait();
  for (let i = 0; i < 3; i++) {
    sleep(10_000); // virtual: ten seconds that take no time
    q.put(i);
  }
  ready.set();
}

export function consumer(
  q: Queue<number>,
  ready: Event,
  gate: Barrier,
  cond: Condition,
  box: Int32Array,
  slots: Semaphore,
) {
  gate.wait();
  print(`timed out waiting: ${!ready.wait(5_000)}`);
  for (let i = 0; i < 3; i++) {
    using _slot = slots.hold();
    const item = q.get();
    using _held = cond.hold();
    Atomics.add(box, 0, item);
    cond.notifyAll();
  }
}

main(import.meta, () => {
  const q = new Queue<number>();
  const ready = new Event();
  const gate = new Barrier(2);
  const cond = new Condition(new Lock());
  const box = sharedInt32(1);
  const slots = new Semaphore(1);
  const p = new Thread({ target: producer, args: [q, ready, gate], name: "producer" });
  const c = new Thread({
    target: consumer,
    args: [q, ready, gate, cond, box, slots],
    name: "consumer",
  });
  p.start();
  c.start();
  {
    using _held = cond.hold();
    cond.waitFor(() => Atomics.load(box, 0) === 3, 60_000);
  }
  p.join();
  c.join();
  print(`sum ${Atomics.load(box, 0)}`);
});
