import {
  Barrier,
  main,
  print,
  sharedInt32,
  Thread,
} from "@unravel/core";

const THREADS = 2;
const ADDS = 3; // additions per thread (cut down to step)
const TICKETS = 4; // tickets for the sellers to sell
const LEFT = 0; // cells of `shop`: tickets left,
const SOLD = 1; // tickets sold,
const RETRIES = 2; // and compareExchange calls that lost
const AUDITS = 3; // times main checks the two cells

export function add(counter: Int32Array, go: Barrier) {
  go.wait(); // start when every thread is ready
  for (let i = 0; i < ADDS; i++) Atomics.add(counter, 0, 1);
}

// Take one ticket if one is left: no single Atomics call does
// that, so read, decide, and swap only if nobody changed it.
function takeTicket(shop: Int32Array): boolean {
  for (;;) {
    const left = Atomics.load(shop, LEFT);
    if (left === 0) return false; // sold out
    const was = Atomics.compareExchange(shop, LEFT, left, left - 1);
    if (was === left) return true; // our swap happened
    Atomics.add(shop, RETRIES, 1); // it changed: try again
  }
}

export function sell(shop: Int32Array, go: Barrier) {
  go.wait();
  while (takeTicket(shop)) Atomics.add(shop, SOLD, 1);
}

main(import.meta, () => {
  const counter = sharedInt32(1);
  const go = new Barrier(THREADS);
  const adders = [];
  for (let i = 0; i < THREADS; i++) {
    adders.push(new Thread({ target: add, args: [counter, go] }));
  }
  for (const t of adders) t.start();
  for (const t of adders) t.join();
  print(`added:   ${counter[0]} of ${THREADS * ADDS}`);

  const shop = sharedInt32(3);
  Atomics.store(shop, LEFT, TICKETS);
  const goShop = new Barrier(THREADS + 1); // the sellers and main
  const sellers = [];
  for (let i = 0; i < THREADS; i++) {
    sellers.push(
      new Thread({ target: sell, args: [shop, goShop] }),
    );
  }
  for (const t of sellers) t.start();
  goShop.wait();
  // Audit while they sell: each cell is atomic, the pair is not.
  let off = 0;
  for (let i = 0; i < AUDITS; i++) {
    const left = Atomics.load(shop, LEFT);
    const sold = Atomics.load(shop, SOLD);
    if (left + sold !== TICKETS) off += 1;
  }
  for (const t of sellers) t.join();
  print(`sold:    ${shop[SOLD]} of ${TICKETS}, left ${shop[LEFT]}`);
  print(`  retries: ${shop[RETRIES]}`);
  print(
    `  audits that saw left + sold ≠ ${TICKETS}: ${off} of ${AUDITS}`,
  );
});
