/**
 * What the captured run on the page must show: "the four workers side
 * by side, overlapping" — all four alive at one moment.
 */
import {
  defineCapture,
  ms,
  overlapMs,
  type RunView,
  threadSpans,
} from "@unravel/lesson-kit/capture";

const WORKERS = ["worker-1", "worker-2", "worker-3", "worker-4"];

/** What did not overlap, or nothing. */
function together(
  spans: { name: string; start: number; end: number }[],
) {
  if (spans.length !== WORKERS.length)
    return `${spans.length} of the 4 workers ran`;
  if (overlapMs(spans) > 0) return;
  const last = spans.reduce((a, b) => (b.start > a.start ? b : a));
  const first = spans.reduce((a, b) => (b.end < a.end ? b : a));
  return `${first.name} ended at ${ms(first.end)}, before ${last.name} started at ${ms(last.start)}`;
}

export default defineCapture({
  typescript: {
    "the four workers are alive at the same moment": (run) =>
      together(
        threadSpans(run.events).filter((s) =>
          WORKERS.includes(s.name),
        ),
      ),
  },
  python: {
    // No trace: a worker's span runs from its first line to its last.
    "the four workers are alive at the same moment": (
      run: RunView,
    ) =>
      together(
        WORKERS.flatMap((name) => {
          const mine = run.lines.filter((l) =>
            l.text.startsWith(`${name} (`),
          );
          return mine.length
            ? [{ name, start: mine[0]!.t, end: mine.at(-1)!.t }]
            : [];
        }),
      ),
  },
});
