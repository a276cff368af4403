import { main, print, sharedInt32, Thread } from "@unravel/core";

// Python's keyword arguments become one options object.
type GreetOptions = { times?: number; loud?: boolean };

let greeted = 0; // module state: every thread has its own copy

export function greet(name: string, opts: GreetOptions = {}) {
  greeted += 1; // counts in this thread's copy of the module
  const { times = 1, loud = false } = opts;
  let text = `hello, ${name}`;
  if (loud) text = `${text.toUpperCase()}!`;
  for (let i = 0; i < times; i++) print(text);
}

export function change(list: number[], shared: Int32Array) {
  list.push(4); // the thread's own copy of the list
  shared[0] = 42; // shared memory: every thread sees this
}

export function callIt(fn: () => string) {
  print(fn());
}

main(import.meta, () => {
  const threads = [
    new Thread({ target: greet, args: ["Ada"] }),
    new Thread({ target: greet, args: ["Alan", { times: 2 }] }),
    new Thread({ target: greet, args: ["Grace", { loud: true }] }),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`greeted = ${greeted}`); // main's own copy: still 0

  const list = [1, 2, 3];
  const shared = sharedInt32(1); // one shared 32-bit integer
  const t = new Thread({ target: change, args: [list, shared] });
  t.start();
  t.join();
  print(`list = [${list.join(", ")}]`); // unchanged: it was copied
  print(`shared[0] = ${shared[0]}`); // changed: it is shared

  // A function cannot be copied, so it cannot be passed.
  try {
    new Thread({ target: callIt, args: [() => "hi"] }).start();
  } catch (error) {
    print(String(error));
  }
});
