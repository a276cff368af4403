/**
 * What the captured run on the page must show: the prose says the timed
 * join gives up "after 100 ms, while the thread is still sleeping" —
 * so the thread must have started before then — and that the full join
 * waits out the rest of the thread's 600 ms.
 */
import {
  defineCapture,
  lineIndex,
  ms,
  type RunView,
} from "@unravel/lesson-kit/capture";

const at = (run: RunView, what: string | RegExp) =>
  run.lines[lineIndex(run.texts, what)];

function running(run: RunView) {
  const working = at(run, "thread: working...");
  const timed = at(run, /^main: after /);
  if (!working || !timed) return "a line is missing";
  if (working.t > timed.t)
    return `the thread printed its first line at ${ms(working.t)}, after the timed join gave up at ${ms(timed.t)}`;
}

function worksItsTime(run: RunView) {
  const working = at(run, "thread: working...");
  const joined = at(run, /^main: joined/);
  if (!working || !joined) return "a line is missing";
  const span = joined.t - working.t;
  if (span < 550 || span > 900)
    return `${ms(span)} from "thread: working..." to "main: joined"`;
}

const RUNNING =
  "the thread is running when the timed join gives up";
const WORKS = "the thread works its 600 ms before the join returns";

export default defineCapture({
  typescript: {
    [RUNNING]: running,
    [WORKS]: worksItsTime,
  },
  python: { [RUNNING]: running, [WORKS]: worksItsTime },
});
