/**
 * A lesson's checks on the page: loaded with the runner (each lesson's
 * `test/invariants.ts` is its own small chunk), judged on each run, and
 * shown as the list labelled "Checks" and, after many runs, the table of
 * outcomes. The judging is lesson-kit's, the same as in the terminal.
 */
import type { CheckRun, LessonChecks, Tally, Verdict } from "@unravel/lesson-kit/check";

export { count, emptyTally, judge } from "@unravel/lesson-kit/check";
export type { CheckRun, LessonChecks, Tally, Verdict };

const modules = import.meta.glob<{ checks?: LessonChecks }>(
  "../../../../packages/lessons/*/test/invariants.ts",
);

/** The checks of the lesson in `folder` (e.g. `07-lock`), or none when it has no invariants. */
export async function lessonChecks(folder: string): Promise<LessonChecks | null> {
  const load = modules[`../../../../packages/lessons/${folder}/test/invariants.ts`];
  if (!load) return null;
  return (await load()).checks ?? null;
}

function item(passed: boolean, text: string, reason?: string): HTMLLIElement {
  const li = document.createElement("li");
  li.className = passed ? "check-passed" : "check-failed";
  const mark = document.createElement("strong");
  mark.className = "check-mark";
  mark.textContent = passed ? "passed" : "failed";
  li.append(mark, ` ${text}`);
  if (reason) {
    const why = document.createElement("span");
    why.className = "check-reason";
    why.textContent = `: ${reason}`;
    li.append(why);
  }
  return li;
}

/** One run's verdicts, into the Checks list. */
export function showVerdicts(list: HTMLElement, verdicts: Verdict[]): void {
  list.replaceChildren(
    ...verdicts.map((v) => item(v.passed, v.says, v.passed ? undefined : v.reason)),
  );
}

/** Many runs' failures per check, into the Checks list. */
export function showTallyChecks(
  list: HTMLElement,
  tally: Tally,
  reasons: Record<string, string>,
): void {
  list.replaceChildren(
    ...Object.entries(tally.failures).map(([title, failed]) =>
      failed === 0
        ? item(true, `in all ${tally.runs} runs: ${tally.says[title]}`)
        : item(
            false,
            `in ${failed} of ${tally.runs} runs: ${tally.says[title]}`,
            reasons[title] && `last time, ${reasons[title]}`,
          ),
    ),
  );
}

/** The table of distinct outcomes, most frequent first. */
export function showOutcomes(
  holder: HTMLElement,
  tally: Tally,
  what: string,
  planned: number,
): void {
  const table = document.createElement("table");
  table.className = "outcomes";
  const caption = table.createCaption();
  caption.textContent =
    `Outcomes of ${tally.runs} run${tally.runs === 1 ? "" : "s"} of ${what}` +
    (tally.runs < planned ? ` (${planned - tally.runs} more to go)` : "") +
    (tally.unfinished ? `, ${tally.unfinished} of them not finished` : "");
  const head = table.createTHead().insertRow();
  for (const label of ["Outcome", "Runs", "Share"]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = label;
    head.append(th);
  }
  const body = table.createTBody();
  for (const { outcome, count } of tally.outcomes) {
    const row = body.insertRow();
    const cell = row.insertCell();
    const pre = document.createElement("pre");
    pre.textContent = outcome === "" ? "(no output)" : outcome;
    cell.append(pre);
    row.insertCell().textContent = String(count);
    row.insertCell().textContent = `${Math.round((100 * count) / tally.runs)}%`;
  }
  holder.replaceChildren(table);
}
