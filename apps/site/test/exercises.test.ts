/**
 * The exercises on the built site (dist/), in Chromium: one of each kind
 * end to end, as a learner does it — Try it loads the starting code into
 * the editor, Check fails naming the check, the learner edits, Check
 * passes, and the progress is still there after a reload (the exercise
 * marked done, its lesson marked in the sidebar). Hints come one at a
 * time; the solution shows on request. Screenshots at desktop and phone
 * width (outside CI: see browser.ts); axe finds no serious or critical problem.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { listLessons } from "../src/lib/lessons.ts";
import { axeProblems, codeEditor, poll, RESULTS, SCREENSHOTS, setCode } from "./browser.ts";
import { useSite } from "./built-site.ts";

const lessons = listLessons();

const site = useSite();

/** One exercise of each kind, each checked by one real run in the page. */
const CASES = [
  {
    id: "1.1",
    kind: "break",
    lesson: "01-why-threads",
    folder: "1-block-the-beat",
    fails:
      /^Failed: "the main thread keeps beating while the work runs in a thread" held on every run tried \(a real run\); it must fail on one\.$/,
    passes:
      /^Passed: you broke "the main thread keeps beating while the work runs in a thread" on a real run\.$/,
  },
  {
    id: "4.1",
    kind: "fix",
    lesson: "04-arguments",
    folder: "1-an-answer-in-module-state",
    fails:
      /^Failed: "the main thread prints the thread's answer, 36" on schedule 1 \(PCT seed 1, \d+ steps\)\.$/,
    passes: /^Passed: every check held on 10 schedules and a real run\.$/,
  },
  {
    id: "6.2",
    kind: "write",
    lesson: "06-queue",
    folder: "2-a-result-through-a-queue",
    fails:
      /^Failed: "the main thread prints the worker's answer: 1 \+ 4 \+ 9 \+ 16 \+ 25 = 55" on schedule 1 \(PCT seed 1, \d+ steps\)\.$/,
    passes: /^Passed: every check held on 20 schedules and a real run\.$/,
  },
] as const;

const file = (c: (typeof CASES)[number], name: string) =>
  readFileSync(
    path.join(lessons.find((l) => l.folder === c.lesson)!.dir, "exercises", c.folder, name),
    "utf8",
  );

const open = (url: string, width = 1280) => site.open(url, { width, isolated: true });
const editor = codeEditor;

/** Clicks Check and waits for the verdict: the first line of the exercise's result. */
async function check(page: Page, id: string): Promise<string> {
  const ex = page.locator(`unravel-exercise[data-id="${id}"]`);
  // The last verdict stays until the new one replaces it: mark it, and wait for a new one.
  await ex.evaluate((el) => {
    for (const v of el.querySelectorAll<HTMLElement>(".exercise-verdict")) v.dataset.old = "true";
  });
  await ex.getByRole("button", { name: "Check", exact: true }).click();
  const verdict = ex.locator(".exercise-verdict:not([data-old])");
  await expect
    .poll(() => verdict.innerText(), { timeout: 90_000, interval: 100 })
    .toMatch(/^(Passed|Failed|Could not)/);
  return verdict.innerText();
}

describe.each(CASES.map((c) => [`${c.id} (${c.kind})`, c] as const))("exercise %s", (_name, c) => {
  it("Try it, Check fails naming the check, edit, Check passes, still done after a reload", async () => {
    const lesson = lessons.find((l) => l.folder === c.lesson)!;
    const { context, page, errors } = await open(`${site.isolated.url}${lesson.href}`);
    const ex = page.locator(`unravel-exercise[data-id="${c.id}"]`);
    await poll(() => ex.getByRole("heading", { level: 3 }).innerText()).toContain(c.id);

    // Hints, one at a time.
    const hints = ex.getByRole("list", { name: `Hints for ${c.id}` }).getByRole("listitem");
    expect(await hints.count()).toBe(0);
    await ex.getByRole("button", { name: "Hint" }).click();
    await poll(() => hints.count()).toBe(1);

    await ex.getByRole("button", { name: "Try it" }).click();
    const start = file(c, "start.ts");
    await poll(() => editor(page).innerText()).toContain(start.trim().split("\n")[0]!);
    expect(await check(page, c.id)).toMatch(c.fails);

    await setCode(page, file(c, "solution.ts"));
    expect(await check(page, c.id)).toMatch(c.passes);
    await poll(() => ex.getAttribute("data-done")).toBe("true");

    // The solution, on request.
    await ex.getByRole("button", { name: "Show the solution" }).click();
    await poll(() => ex.locator(".exercise-solution").isVisible()).toBe(true);

    expect(await axeProblems(page)).toEqual([]);
    await page.reload({ waitUntil: "load" });
    await poll(() => ex.getAttribute("data-done")).toBe("true");
    await poll(() => ex.locator(".exercise-done").isVisible()).toBe(true);
    await poll(() => hints.count()).toBe(1); // the hints seen are kept too
    // The edit is kept too: Check after the reload checks it, not the starting code again.
    expect(await check(page, c.id)).toMatch(c.passes);
    const mark = page.locator(`#starlight__sidebar a[href="${lesson.href}"] .exercise-mark`);
    await poll(() => mark.getAttribute("title")).toMatch(/exercises? (of this lesson )?done/);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});

describe("Step through this schedule", () => {
  it("the schedule Check failed on opens in Step through, and following it fails the same check", async () => {
    const lesson = lessons.find((l) => l.folder === "04-arguments")!;
    const { context, page, errors } = await open(`${site.isolated.url}${lesson.href}`);
    const ex = page.locator('unravel-exercise[data-id="4.1"]');
    await ex.getByRole("button", { name: "Try it" }).click();
    const verdict = await check(page, "4.1");
    expect(verdict).toMatch(/^Failed: .* on schedule 1 \(PCT seed 1, \d+ steps\)\.$/);
    const steps = Number(/(\d+) steps\)/.exec(verdict)![1]);
    await ex.getByRole("button", { name: "Step through this schedule" }).click();
    const panel = page.getByRole("region", { name: "Step through the threads" });
    const follow = panel.getByRole("button", { name: /^Follow the failing schedule/ });
    const taken = panel.locator('output[aria-label="Steps taken"]');
    await poll(() => follow.isVisible()).toBe(true);
    const first = Number(await taken.innerText()); // the run pauses after the steps nobody chooses
    await poll(() => follow.innerText()).toBe(
      `Follow the failing schedule (${steps - first} steps left)`,
    );
    for (let i = first + 1; i <= steps; i++) {
      await poll(() => follow.isEnabled()).toBe(true);
      await follow.click();
      await poll(() => taken.innerText()).toBe(String(i));
    }
    // The run that schedule gives is the one Check judged: the same check fails.
    const failed = panel.locator(".step-checks li", { hasText: /^failed/ });
    await poll(() => failed.innerText()).toContain(
      "the main thread prints the thread's answer, 36",
    );
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});

describe("an exercise's look", () => {
  it("at desktop and phone widths (screenshots in test-results/)", async () => {
    const lesson = lessons.find((l) => l.folder === "07-lock")!;
    for (const [name, width] of [
      ["desktop", 1280],
      ["phone", 390],
    ] as const) {
      const { context, page } = await open(`${site.isolated.url}${lesson.href}`, width);
      const ex = page.locator('unravel-exercise[data-id="7.1"]');
      await ex.getByRole("button", { name: "Hint" }).click();
      await ex.getByRole("button", { name: "Show the solution" }).click();
      await poll(() => ex.locator(".exercise-solution").isVisible()).toBe(true);
      await poll(() => ex.locator(".exercise-hints li:not([hidden])").count()).toBe(1);
      if (name === "phone") {
        // Check explores schedules in the page, as the terminal does: the starting code, with
        // its lock, keeps every addition on all of them. (Once: its 100 schedules take a while.)
        const verdict = await check(page, "7.1");
        expect(verdict).toBe(
          'Failed: "the count is exactly the number of additions" held on every run tried (100 schedules and a real run); it must fail on one.',
        );
        expect(await ex.locator(".exercise-progress").isVisible()).toBe(false);
      }
      await ex.scrollIntoViewIfNeeded();
      // Nothing wider than the screen: every button fits.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // The whole page, cut to the exercise (an element shot scrolls, and the sticky header covers it).
      await page.evaluate(() => scrollTo(0, 0)); // the fixed header stays at the page's top
      const box = (await ex.boundingBox())!;
      const top = await page.evaluate(() => scrollY);
      if (SCREENSHOTS)
        await page.screenshot({
          path: path.join(RESULTS, `exercise-7.1-${name}.png`),
          fullPage: true,
          clip: { x: 0, y: box.y + top - 8, width, height: box.height + 16 },
        });
      expect(await axeProblems(page)).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
