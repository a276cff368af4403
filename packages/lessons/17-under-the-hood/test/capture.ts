/**
 * What the captured run on the page must show for the prose to be
 * true: the four threads of each half contend (they are alive at
 * once), the three-state lock calls notify far less often than the
 * two-state one, and, alone, the two-state lock is the slowest.
 */
import {
  defineCapture,
  ms,
  overlapMs,
  type RunView,
  threadSpans,
} from "@unravel/lesson-kit/capture";

const number = (run: RunView, re: RegExp) =>
  Number(re.exec(run.texts.join("\n"))?.[1] ?? Number.NaN);

function together(run: RunView, states: 2 | 3) {
  // add(…, states, go): the halves run one after the other, 4 threads each.
  const spans = threadSpans(run.events).filter((s) =>
    s.name.includes("(add)"),
  );
  const half = spans.slice((states - 2) * 4, (states - 1) * 4);
  if (half.length !== 4) return `${half.length} add threads`;
  if (overlapMs(half) > 0) return;
  return `the ${states}-state threads were never all alive: they started at ${half.map((s) => ms(s.start)).join(", ")}`;
}

export default defineCapture({
  typescript: {
    "the two-state threads run at the same time": (run) =>
      together(run, 2),
    "the three-state threads run at the same time": (run) =>
      together(run, 3),
    "the three-state lock calls notify far less often": (run) => {
      const two = number(run, /^2 states: .*; (\d+) notify/m);
      const three = number(run, /^3 states: .*; (\d+) notify/m);
      if (!(three * 10 < two))
        return `3 states called notify ${three} times, 2 states ${two}`;
    },
    "alone, the two-state lock is the slowest": (run) => {
      const two = number(run, /2 states ([\d.]+),/);
      const three = number(run, /3 states ([\d.]+),/);
      const core = number(run, /core's Lock ([\d.]+)$/m);
      if (!(two > three && two > core))
        return `2 states took ${two} ns, 3 states ${three}, core's Lock ${core}`;
    },
  },
});
