/**
 * What every run of the sample (and of its Python twin) must show, on
 * any schedule: each way of seating the philosophers ends (no
 * deadlock: the run would not print its line), every philosopher eats
 * as often as every other, and no two neighbours ever eat at once —
 * they share a fork. The number of meals is read from the output, so a
 * cut-down copy (3 philosophers, 1 meal) is judged by the same rules.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

/** Reads `<how>: meals 3, 3, 3; neighbours at once: 0`. */
function table(lines: string[], how: string) {
  const line = lines.find((l) => l.startsWith(`${how}:`));
  must(
    line,
    `there is no "${how}: …" line: did the philosophers of that table deadlock?`,
  );
  const m = /: meals ([\d, ]+); neighbours at once: (\d+)$/.exec(
    line,
  );
  must(m, `the line reads "${line}"`);
  return {
    meals: m[1]!.split(", ").map(Number),
    clashes: Number(m[2]),
  };
}

function everyone(how: string) {
  return {
    says: `${how}: the meal ends, and every philosopher eats as often as the others`,
    check({ lines }: { lines: string[] }) {
      const { meals } = table(lines, how);
      must(meals.length >= 2, `only ${meals.length} philosophers`);
      must(
        meals[0]! > 0 && meals.every((m) => m === meals[0]),
        `the philosophers ate ${meals.join(", ")} times`,
      );
    },
  };
}

function apart(how: string) {
  return {
    says: `${how}: no two neighbours eat at the same time`,
    check({ lines }: { lines: string[] }) {
      const { clashes } = table(lines, how);
      must(
        clashes === 0,
        `${clashes} times a philosopher began to eat while a neighbour was eating: they were sharing a fork`,
      );
    },
  };
}

export const checks: LessonChecks = {
  checks: {
    "with a lock order, everyone eats": everyone("lock order"),
    "with a lock order, neighbours never eat at once":
      apart("lock order"),
    "with a footman, everyone eats": everyone("a footman"),
    "with a footman, neighbours never eat at once":
      apart("a footman"),
  },
};
