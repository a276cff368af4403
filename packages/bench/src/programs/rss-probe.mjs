// Loaded with --import: at exit, writes the process's peak resident memory
// (KiB, getrusage) to $BENCH_RSS_OUT. Workers inherit --import; only the
// main thread writes.
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

if (isMainThread && process.env.BENCH_RSS_OUT) {
  const out = process.env.BENCH_RSS_OUT;
  process.on("exit", () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
}
