// Every async twin in step mode, or (TWINS=blocking) its blocking twin, on
// the same lines: the two must take the same steps under the same schedule.
// A timer on main ticks every millisecond: between two steps only one
// thread runs, so it may not tick while main awaits.
import {
  Barrier,
  Condition,
  Event,
  Lock,
  main,
  print,
  Queue,
  RLock,
  Semaphore,
  sharedInt32,
  Thread,
  ThreadPoolExecutor,
} from "../../src/index.ts";

const blocking = process.env.TWINS === "blocking";
const twin = <T>(sync: () => T, async: () => Promise<T>): T | Promise<T> =>
  blocking ? sync() : async();

type Tools = [Queue<number>, Event, Lock, RLock, Semaphore, Barrier, Condition, Int32Array];

// Each pair of twins stays on one line, so that both name the same line.
// biome-ignore format: as above
export async function helper(...[q, ev, lock, rlock, sem, barrier, cond, cells]: Tools) {
  await twin(() => ev.wait(), () => ev.waitAsync());
  const item = await twin(() => q.get(), () => q.getAsync());
  await twin(() => lock.acquire(), () => lock.acquireAsync());
  Atomics.add(cells, 0, item);
  lock.release();
  {
    using _r = await twin(() => rlock.hold(), () => rlock.holdAsync());
    using _s = await twin(() => sem.hold(), () => sem.holdAsync());
    Atomics.add(cells, 0, 1);
  }
  q.taskDone();
  await twin(() => barrier.wait(), () => barrier.waitAsync());
  await twin(() => cond.acquire(), () => cond.acquireAsync());
  Atomics.store(cells, 1, 1);
  cond.notify();
  cond.release();
}

export function square(x: number) {
  return x * x;
}

// biome-ignore format: as above
main(import.meta, async () => {
  let ticks = 0;
  const timer = setInterval(() => {
    ticks += 1;
  }, 1);
  const q = new Queue<number>();
  const [ev, barrier, cond, cells] = [new Event(), new Barrier(2), new Condition(), sharedInt32(2)];
  const tools: Tools = [q, ev, new Lock(), new RLock(), new Semaphore(1), barrier, cond, cells];
  const t = new Thread({ target: helper, args: tools, name: "helper" });
  t.start();
  ev.set();
  await twin(() => q.put(5), () => q.putAsync(5));
  await twin(() => q.join(), () => q.joinAsync());
  await twin(() => barrier.wait(), () => barrier.waitAsync());
  await twin(() => cond.acquire(), () => cond.acquireAsync());
  const set = () => Atomics.load(cells, 1) === 1;
  const woke = await twin(() => cond.waitFor(set, 5000), () => cond.waitForAsync(set, 5000));
  cond.release();
  const ended = await twin(() => t.join(), () => t.joinAsync());
  const pool = new ThreadPoolExecutor({ maxWorkers: 1 });
  const future = pool.submit(square, 3);
  const nine = await twin(() => future.result(), () => future.resultAsync());
  await twin(() => pool.shutdown(), () => pool.shutdownAsync());
  print(`cells ${cells[0]}, woke ${woke}, ended ${ended}, result ${nine}, ticks ${ticks}`);
  clearInterval(timer);
});
