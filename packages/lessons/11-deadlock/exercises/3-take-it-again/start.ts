import { Lock, main, print, sharedInt32 } from "@unravel/core";

// A function that holds the lock calls one that takes it again.
function deposit(account: Int32Array, lock: Lock, n: number) {
  using _held = lock.hold();
  account[0] += n;
}

function payday(account: Int32Array, lock: Lock) {
  using _held = lock.hold();
  deposit(account, lock, 100); // takes the lock it holds
  deposit(account, lock, 1); // and again
}

main(import.meta, () => {
  const account = sharedInt32(1);
  payday(account, new Lock());
  print(`payday: ${account[0]}, one thread took the RLock 3 times`);
});
