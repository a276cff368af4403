// The lost update again, on a counter that reaches each thread deep in its
// arguments: inside an object inside an object, and as a Map's value. Its
// Atomics calls in the threads must be steps, or no schedule can lose one.
import { main, print, sharedInt32, Thread } from "../../src/index.ts";

function addTo(counter: Int32Array) {
  for (let i = 0; i < 3; i++) {
    const value = Atomics.load(counter, 0);
    Atomics.store(counter, 0, value + 1);
  }
}

export function viaObject(box: { totals: { counter: Int32Array } }) {
  addTo(box.totals.counter);
}

export function viaMap(cells: Map<string, Int32Array>) {
  addTo(cells.get("counter")!);
}

main(import.meta, () => {
  const counter = sharedInt32(1);
  const threads = [
    new Thread({ target: viaObject, args: [{ totals: { counter } }] }),
    new Thread({ target: viaMap, args: [new Map([["counter", counter]])] }),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`total ${counter[0]} of 6`);
});
