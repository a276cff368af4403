// `lock.hold();` without `using` never releases: the next hold() of the same
// thread waits for itself. `node held-twice.ts [acquire | using]`: acquire()
// both times, or a hold() inside the `using` block of the first (still open).
import { Lock, main, print } from "../../src/index.ts";

function again(lock: Lock): void {
  using _again = lock.hold(); // MAIN WAITS HERE (using)
  print("never printed");
}

main(import.meta, () => {
  const lock = new Lock();
  const how = process.argv[2] ?? "hold";
  if (how === "using") {
    using _held = lock.hold();
    print("took it once");
    again(lock);
    return;
  }
  if (how === "acquire") lock.acquire();
  else lock.hold(); // no `using`: never released
  print("took it once");
  if (how === "acquire")
    lock.acquire(); // MAIN WAITS HERE (acquire)
  else lock.hold(); // MAIN WAITS HERE (hold)
  print("never printed");
});
