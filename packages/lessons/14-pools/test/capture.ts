/**
 * What the captured run on the page must show for its prose to be
 * true. The prose reads the figure beside it and claims no number, so
 * this refuses only what no honest run shows:
 *
 * - a speed-up above the pool's size (plus a small margin for a noisy
 *   1-thread round): n threads cannot do the work more than n times as
 *   fast, so such a figure measured something else, or a moment when
 *   the 1-thread rounds were all slowed by other programs;
 * - a speed-up below 1 while the machine was demonstrably busy (its
 *   1-minute load at least its core count: other programs wanted every
 *   core). On a quiet machine a figure below 1 is a fact about that
 *   machine, and is published.
 * - For Python on a GIL build, threads more than a little faster than
 *   one thread: the GIL runs one thread's bytecode at a time.
 *
 * The last two are `pending`: a busy machine is not a bug of the
 * lesson, and the prose is true at any figure (it reads the one beside
 * it). So `capture` keeps trying for a run on a quieter moment, and if
 * none comes, publishes the run it has, with the miss recorded in
 * run.json. Other lessons' captures do not run meanwhile (the capture
 * lock), but turbo's tests and builds of other packages may.
 */
import { availableParallelism, loadavg } from "node:os";
import {
  defineCapture,
  type RunCheck,
  type RunView,
} from "@unravel/lesson-kit/capture";

const MARGIN = 0.25;
const SPEED_UP =
  /^speed-up: ([\d.]+)× with (\d+) (threads|processes) on (\d+) cores$/;

function speedUps(run: RunView) {
  return run.texts.flatMap((l) => {
    const m = SPEED_UP.exec(l);
    return m
      ? [{ x: Number(m[1]), n: Number(m[2]), kind: m[3] }]
      : [];
  });
}

const BUSY =
  "on a busy machine (load at or above the core count) the figure is other programs' as much as the pool's: kept, and recorded, when no quieter run came";
const busy = () => loadavg()[0] >= availableParallelism();

const possible =
  (kind: string): RunCheck =>
  (run) => {
    for (const s of speedUps(run).filter((s) => s.kind === kind))
      if (s.x > s.n + MARGIN)
        return `${s.x}× with ${s.n} ${kind}: more than ${s.n} ${kind} can do`;
  };

const notSlowedDown =
  (kind: string): RunCheck =>
  (run) => {
    const load = loadavg()[0].toFixed(2);
    for (const s of speedUps(run).filter((s) => s.kind === kind))
      if (s.x < 1 && s.n > 1 && busy())
        return `${s.x}× with ${s.n} ${kind} at load ${load} on ${availableParallelism()} cores: other programs had the cores`;
  };

const gilBound: RunCheck = (run) => {
  if (!run.texts.some((l) => /^python \S+, GIL on$/.test(l)))
    return;
  const load = loadavg()[0].toFixed(2);
  for (const s of speedUps(run).filter((s) => s.kind === "threads"))
    if (s.x > 1.25)
      return `${s.x}× with ${s.n} threads under the GIL at load ${load}: the 1-thread rounds were slowed by other programs`;
};

export default defineCapture({
  typescript: {
    "the speed-up is possible: at most the pool's size":
      possible("threads"),
    "the threads are not slower than one because the machine was busy":
      { check: notSlowedDown("threads"), pending: BUSY },
  },
  python: {
    "the speed-up is possible: at most the pool's size": (run) =>
      possible("threads")(run) ?? possible("processes")(run),
    "the processes are not slower than one because the machine was busy":
      notSlowedDown("processes"),
    "on a GIL build, threads are not faster than one thread":
      gilBound,
  },
});
