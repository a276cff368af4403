/**
 * What every run of src/readers-writers.ts must show, on any schedule:
 * no writer while a reader reads (either side sees the other), the
 * readers share the room (all of them in at once: a barrier inside the
 * room opens only then), and with the turnstile, once the writer waits,
 * each reader begins at most one more read (the one it was already past
 * the turnstile for). How long the naive writer waits is measured, not
 * held: it is timing. Read from the output, so a cut-down copy (an
 * exercise's) is judged by the same rules.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

function line(lines: string[], how: string) {
  const l = lines.find((x) => x.startsWith(`${how}:`));
  must(l, `there is no "${how}: …" line: did that room deadlock?`);
  const m =
    /: at most (\d+) readers at once; a writer with readers: (\d+); reads begun while the writer waited: (\d+) of (\d+)$/.exec(
      l,
    );
  must(m, `the line reads "${l}"`);
  const [most, clashes, starved, reads] = m.slice(1).map(Number);
  return {
    most: most!,
    clashes: clashes!,
    starved: starved!,
    reads: reads!,
  };
}

function alone(how: string) {
  return {
    says: `${how}: a writer never writes while a reader reads`,
    check({ lines }: { lines: string[] }) {
      const { clashes } = line(lines, how);
      must(
        clashes === 0,
        `${clashes} times a reader and the writer were in the room together`,
      );
    },
  };
}

function together(how: string) {
  return {
    says: `${how}: the readers read at the same time`,
    check({ lines }: { lines: string[] }) {
      const { most } = line(lines, how);
      must(
        most >= 2,
        `at most ${most} reader was ever in the room`,
      );
    },
  };
}

export const checks: LessonChecks = {
  checks: {
    "naive: no writer while a reader reads": alone("naive"),
    "naive: readers share the room": together("naive"),
    "turnstile: no writer while a reader reads": alone("turnstile"),
    "turnstile: readers share the room": together("turnstile"),
    "turnstile: a waiting writer stops new readers": {
      says: "turnstile: once the writer waits, each reader begins at most one more read",
      check({ lines }) {
        // All readers were in at once (the barrier), so `most` is
        // how many there are.
        const { starved, most: n } = line(lines, "turnstile");
        must(
          starved <= n,
          `${starved} reads began while the writer waited, with ${n} readers: new readers kept coming in`,
        );
      },
    },
  },
};
