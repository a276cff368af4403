/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in. Each check has a sentence
 * for the learner; the lesson page shows them after a run.
 */
import {
  fail,
  type LessonChecks,
  must,
} from "@unravel/lesson-kit/check";

const INLINE = "1. The work runs inline, on the main thread:";
const THREAD = "2. The work runs in a thread of its own:";
const isBeat = (line: string) => /^beat at \d+ ms$/.test(line);

/** The lines of one part of the program, from its heading to the next. */
function part(lines: string[], heading: string, next?: string) {
  const start = lines.indexOf(heading);
  const end =
    next === undefined ? lines.length : lines.indexOf(next);
  must(start >= 0, `the heading "${heading}" is missing`);
  must(end > start, `nothing comes after "${heading}"`);
  return lines.slice(start + 1, end);
}

/** The beats printed between the work's start and done lines. */
function beatsDuringWork(lines: string[]): number {
  const start = lines.indexOf("  work: start");
  const done = lines.indexOf("  work: done");
  must(start >= 0, 'there is no "work: start" line');
  must(
    done > start,
    'there is no "work: done" after "work: start"',
  );
  return lines.slice(start + 1, done).filter(isBeat).length;
}

export const checks: LessonChecks = {
  checks: {
    "prints only beats and the work's two lines in each part": {
      says: "each part prints only beats and the work's start and done lines",
      check({ lines }) {
        for (const p of [
          part(lines, INLINE, THREAD),
          part(lines, THREAD),
        ]) {
          const other = p.filter((l) => !isBeat(l));
          must(
            JSON.stringify(other) ===
              JSON.stringify(["  work: start", "  work: done"]),
            `a part printed ${JSON.stringify(other)} besides its beats`,
          );
        }
      },
    },
    "stops beating while the work runs inline": {
      says: "no beat while the work runs inline: the main thread is busy",
      check({ lines }) {
        const beats = beatsDuringWork(part(lines, INLINE, THREAD));
        must(
          beats === 0,
          `${beats} beats came while the work ran inline`,
        );
      },
    },
    "keeps beating while the work runs in a thread": {
      says: "the main thread keeps beating while the work runs in a thread",
      check({ lines }) {
        // 600 ms of work, a beat every 100 ms: about six beats.
        const beats = beatsDuringWork(part(lines, THREAD));
        must(
          beats >= 2,
          `only ${beats} beats came while the thread worked (at least 2 expected)`,
        );
      },
    },
    "beats once more after joining the thread": {
      says: "a beat comes after the thread's work is done and joined",
      check({ lines }) {
        const last = lines.at(-1) ?? "";
        if (!isBeat(last))
          fail(`the last line is "${last}", not a beat`);
        const done = lines.lastIndexOf("  work: done");
        must(
          done < lines.length - 1,
          'nothing comes after "work: done"',
        );
      },
    },
  },
};
