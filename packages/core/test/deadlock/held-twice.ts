// `lock.hold();` without `using` never releases: the next hold() of the same
// thread waits for itself. `node held-twice.ts [acquire]`: acquire() both times.
import { Lock, main, print } from "../../src/index.ts";

main(import.meta, () => {
  const lock = new Lock();
  const viaAcquire = process.argv[2] === "acquire";
  if (viaAcquire) lock.acquire();
  else lock.hold(); // no `using`: never released
  print("took it once");
  if (viaAcquire) lock.acquire();
  else lock.hold(); // MAIN WAITS HERE
  print("never printed");
});
