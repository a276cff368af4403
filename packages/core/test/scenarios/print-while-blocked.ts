// A thread's lines appear while the main thread is blocked in join, in the order they were printed.
import { currentThread, enumerate, main, print, sleep, Thread } from "../../src/index.ts";

export function talker(): void {
  for (let i = 1; i <= 3; i++) {
    print(`${currentThread().name} line ${i}`);
    sleep(5);
  }
  print(
    `threads seen ${enumerate()
      .map((t) => t.name)
      .join(",")}`,
  );
}

main(import.meta, () => {
  const t = new Thread({ target: talker, name: "talker" });
  t.start();
  t.join();
  print("main after join");
});
