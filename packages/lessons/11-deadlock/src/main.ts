import {
  Barrier,
  currentThread,
  Lock,
  main,
  print,
  RLock,
  sharedInt32,
  Thread,
} from "@unravel/core";

const TRANSFERS = 3;

// Move 1 from account `from` to account `to`, TRANSFERS times,
// holding both accounts' locks. `first` and `second` are the same
// two locks for every thread, in one order: the lock order.
export function transfer(
  accounts: Int32Array,
  first: Lock,
  second: Lock,
  from: number,
  to: number,
) {
  for (let i = 0; i < TRANSFERS; i++) {
    using _a = first.hold();
    using _b = second.hold();
    accounts[from] -= 1;
    accounts[to] += 1;
  }
  print(`${currentThread().name}: moved ${TRANSFERS}`);
}

// Opposite orders on purpose, and a way out: a timed acquire.
export function impatient(
  mine: Lock,
  theirs: Lock,
  both: Barrier,
  patienceMs: number,
) {
  const name = currentThread().name;
  using _mine = mine.hold();
  both.wait(); // now each thread holds one lock, wants the other
  if (theirs.acquire({ timeout: patienceMs })) {
    print(`${name}: got the other lock too`);
    theirs.release();
  } else {
    print(`${name}: gave up after ${patienceMs} ms, letting go`);
  }
}

// A function that holds the lock calls one that takes it again.
function deposit(account: Int32Array, lock: RLock, n: number) {
  using _held = lock.hold();
  account[0] += n;
}

function payday(account: Int32Array, lock: RLock) {
  using _held = lock.hold();
  deposit(account, lock, 100); // takes the lock it holds
  deposit(account, lock, 1); // and again
}

// Starts a thread named `name` that runs `target(...args)`.
function spawn<A extends unknown[]>(
  name: string,
  target: (...args: A) => void,
  ...args: A
) {
  const thread = new Thread({ name, target, args });
  thread.start();
  return thread;
}

main(import.meta, () => {
  const accounts = sharedInt32(2);
  accounts[0] = accounts[1] = 100;
  const a = new Lock();
  const b = new Lock();
  const movers = [
    spawn("0→1", transfer, accounts, a, b, 0, 1),
    spawn("1→0", transfer, accounts, a, b, 1, 0), // a first too
  ];
  for (const t of movers) t.join();
  print(`balances: ${accounts[0]} + ${accounts[1]}`);

  const both = new Barrier(2);
  const pair = [
    spawn("left", impatient, a, b, both, 100), // a, then b
    spawn("right", impatient, b, a, both, 1000), // b, then a
  ];
  for (const t of pair) t.join();

  const account = sharedInt32(1);
  payday(account, new RLock());
  print(`payday: ${account[0]}, one thread took the RLock 3 times`);
});
