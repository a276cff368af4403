import {
  currentThread,
  Lock,
  main,
  print,
  sharedInt32,
  Thread,
} from "@unravel/core";

const TRANSFERS = 3;

// Move 1 from account `from` to account `to`, TRANSFERS times,
// holding both accounts' locks, `first` and then `second`.
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

main(import.meta, () => {
  const accounts = sharedInt32(2);
  accounts[0] = accounts[1] = 100;
  const a = new Lock();
  const b = new Lock();
  const movers = [
    new Thread({
      name: "0→1",
      target: transfer,
      args: [accounts, a, b, 0, 1],
    }),
    new Thread({
      name: "1→0",
      target: transfer,
      args: [accounts, b, a, 1, 0], // b first: its "from" lock
    }),
  ];
  for (const t of movers) t.start();
  for (const t of movers) t.join();
  print(`balances: ${accounts[0]} + ${accounts[1]}`);
});
