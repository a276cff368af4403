/**
 * What the captured run on the page must show: without the lock,
 * updates are lost because the four threads really run at once; in
 * Python too, because the sample calls a function between the read
 * and the write (a switch point for CPython's GIL; see the prose).
 */
import {
  defineCapture,
  ms,
  overlapMs,
  type RunView,
  threadSpans,
} from "@unravel/lesson-kit/capture";

function lost(run: RunView): number | string {
  const line = run.texts.find((l) => /^\s*lost updates: /.test(l));
  const m = line && /lost updates: (\d+)$/.exec(line);
  return m ? Number(m[1]) : 'no "lost updates: N" line';
}

/** The threads of one half: the target's name is in the thread's. */
function half(run: RunView, target: string) {
  const spans = threadSpans(run.events).filter((s) =>
    s.name.includes(`(${target})`),
  );
  if (spans.length !== 4)
    return `${spans.length} ${target} threads`;
  if (overlapMs(spans) > 0) return;
  const started = spans.map((s) => ms(s.start)).join(", ");
  const ended = spans.map((s) => ms(s.end)).join(", ");
  return `the ${target} threads were never all running: started at ${started}, ended at ${ended}`;
}

export default defineCapture({
  typescript: {
    // They start together at a Barrier, so they overlap however slowly
    // each worker starts.
    "the four addUnsafe threads run at the same time": (run) =>
      half(run, "addUnsafe"),
    "the four addSafe threads run at the same time": (run) =>
      half(run, "addSafe"),
    "updates are lost without the lock": (run) => {
      const n = lost(run);
      if (typeof n === "string") return n;
      if (n === 0) return "no update was lost";
    },
  },
  python: {
    "updates are lost without the lock (CPython with the GIL)": (
      run,
    ) => {
      const n = lost(run);
      if (typeof n === "string") return n;
      if (n === 0) return "no update was lost";
    },
  },
});
