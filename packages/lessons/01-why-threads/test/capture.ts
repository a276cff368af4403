/**
 * What the captured run on the page must show, beyond what every run
 * shows (`invariants.ts`): the prose's "about six beats" while the
 * thread works, and a worker that starts within a beat or two.
 */
import {
  defineCapture,
  lineIndex,
  type RunView,
} from "@unravel/lesson-kit/capture";

const THREAD = "2. The work runs in a thread of its own:";
const isBeat = (line: string) => /^beat at \d+ ms$/.test(line);

/** Beats in part 2: before the work's first line, and during it. */
function part2(run: RunView) {
  const heading = lineIndex(run.texts, THREAD);
  const start = lineIndex(run.texts, "  work: start", heading);
  const done = lineIndex(run.texts, "  work: done", start);
  const beats = (from: number, to: number) =>
    run.texts.slice(from + 1, to).filter(isBeat).length;
  return {
    before: beats(heading, start),
    during: beats(start, done),
  };
}

const aboutSix = (run: RunView) => {
  const { during } = part2(run);
  if (during < 5 || during > 7)
    return `${during} beats between "work: start" and "work: done"`;
};

export default defineCapture({
  typescript: {
    "5 to 7 beats while the work runs in a thread": aboutSix,
    "1 or 2 beats before the worker's first line": (run) => {
      const { before } = part2(run);
      if (before < 1 || before > 2)
        return `${before} beats before the worker printed "work: start"`;
    },
  },
  python: {
    "5 to 7 beats while the work runs in a thread": aboutSix,
  },
});
