/**
 * The pipeline's checks, read from its output: `item <n> → <n²>` for
 * each item collected, and `progress: <k> of <N>` lines, the last of
 * them `progress: <N> of <N>, done`. A pipeline that never ends is
 * caught before these: the checker stops it after 30 s.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

function read(lines: string[]) {
  const items: { n: number; value: number; at: number }[] = [];
  const progress: {
    k: number;
    of: number;
    done: boolean;
    at: number;
  }[] = [];
  lines.forEach((l, at) => {
    let m = /^item (\d+) → (\d+)$/.exec(l);
    if (m) items.push({ n: Number(m[1]), value: Number(m[2]), at });
    m = /^progress: (\d+) of (\d+)(, done)?$/.exec(l);
    if (m)
      progress.push({
        k: Number(m[1]),
        of: Number(m[2]),
        done: !!m[3],
        at,
      });
  });
  const last = progress.at(-1);
  must(
    last?.done,
    `the last progress line is ${last ? `"${lines[last.at]}"` : "missing"}, not "progress: N of N, done"`,
  );
  return { items, progress, total: last.of };
}

export const checks: LessonChecks = {
  checks: {
    "every item is delivered exactly once": {
      says: (run) => {
        const { total } = read(run.lines);
        return `each of the ${total} items comes out once, transformed (n → n²)`;
      },
      check({ lines }) {
        const { items, total } = read(lines);
        must(
          total > 0,
          "the total is 0: there was nothing to read",
        );
        for (let n = 1; n <= total; n++) {
          const seen = items.filter((i) => i.n === n).length;
          must(seen > 0, `item ${n} never came out: it was lost`);
          must(seen === 1, `item ${n} came out ${seen} times`);
        }
        must(
          items.length === total,
          `${items.length} item lines for ${total} items`,
        );
        for (const i of items)
          must(
            i.value === i.n * i.n,
            `item ${i.n} came out as ${i.value}`,
          );
      },
    },
    "items come out in the order they were read": {
      says: "the results are collected in the order the reader read them, 1, 2, 3, …",
      check({ lines }) {
        const order = read(lines).items.map((i) => i.n);
        must(
          order.every((n, j) => j === 0 || n > order[j - 1]!),
          `they came out as ${order.join(", ")}`,
        );
      },
    },
    "the progress line is consistent": {
      says: "the progress count only goes up, never ahead of the items collected, and ends at the total, after the last item",
      check({ lines }) {
        const { items, progress, total } = read(lines);
        let before = 0;
        for (const p of progress) {
          const collected = items.filter((i) => i.at < p.at).length;
          must(
            p.of === total,
            `a progress line says "of ${p.of}", the last "of ${total}"`,
          );
          must(
            p.k >= before,
            `progress went back from ${before} to ${p.k}`,
          );
          must(
            p.k <= collected,
            `progress said ${p.k} when ${collected} items had come out`,
          );
          before = p.k;
        }
        const last = progress.at(-1)!;
        must(
          last.k === total,
          `the pipeline said done at ${last.k} of ${total}`,
        );
        must(
          items.every((i) => i.at < last.at),
          "an item came out after the pipeline said it was done",
        );
      },
    },
  },
};
