/**
 * Every lesson run in the reader's browser, as the page does it: Run starts
 * the lesson's bundle in real Web Workers, the run finishes with output and
 * a timeline, and the page judges it by the lesson's own checks
 * (test/invariants.ts), as the terminal does. Each live demo does what its
 * lesson says.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type Lesson, listLessons, readProse } from "../src/lib/lessons.ts";
import { axeProblems, clickRun, poll, screenshot, waitForRunEnd } from "./browser.ts";
import { checkInvariants, useSite } from "./built-site.ts";

const lessons = listLessons();
const site = useSite();

describe.each(lessons.map((l) => [l.folder, l] as [string, Lesson]))(
  "lesson %s",
  (_folder, lesson) => {
    const url = () => `${site.isolated.url}${lesson.href}`;

    it("runs the sample in the browser: the run finishes with output, a timeline and its checks passing", async () => {
      const { context, page, errors } = await site.open(url());
      await clickRun(page);
      const state = await waitForRunEnd(page);
      expect(state, await page.locator(".run-status").innerText()).toBe("finished");
      const lines = await page.locator(".run-terminal .terminal-lines .line").allInnerTexts();
      expect(lines.length).toBeGreaterThan(0);
      await checkInvariants(page, lesson);
      expect(await page.locator(".run-timeline svg .tl-lane").count()).toBeGreaterThan(0);
      await screenshot(page, `${lesson.folder}-after-run`);
      expect(await axeProblems(page), "axe-core: serious or critical").toEqual([]);
      expect(errors, "console errors").toEqual([]);
      await context.close();
    });
  },
);

/** Lessons whose prose places a live demo (`<!-- demo -->`). */
const withDemo = lessons.filter((l) => /^<!--\s*demo\s*-->$/m.test(readProse(l)));

/** What each lesson's live demo must do, by slug: a demo without one here fails. */
const DEMOS: Record<string, (page: Page, status: Locator) => Promise<void>> = {
  async "why-threads"(page, status) {
    const done = () => expect.poll(() => status.innerText(), { timeout: 30_000 });
    // The busy loop on the page's thread stops every frame for its
    // whole length: the gap it reports is at least the work's 600 ms.
    await page.getByRole("button", { name: "Run the work on the page's thread" }).click();
    await done().toMatch(/^Done\./);
    const gap = Number(/nothing was drawn for (\d+) ms/.exec(await status.innerText())?.[1]);
    expect(gap).toBeGreaterThanOrEqual(600);
    // In a worker the page keeps drawing; how smoothly is timing, so
    // only that it ran there is checked.
    await page.getByRole("button", { name: "Run the work in a thread (a Web Worker)" }).click();
    await done().toMatch(/^Done\. The work ran in another thread/);
  },
  async browser(page, status) {
    const done = () => expect.poll(() => status.innerText(), { timeout: 30_000 });
    // The page's own thread may not block: the browser refuses Atomics.wait there.
    await page.getByRole("button", { name: "Atomics.wait() on the page's thread" }).click();
    await done().toMatch(/^The browser refused: /);
    // It may await: the worker's store wakes the page, and the cell shows it.
    await page
      .getByRole("button", { name: /^await Atomics\.waitAsync\(\) while a worker works/ })
      .click();
    await done().toMatch(/^ok, after \d+ ms: the cell is 1\. Meanwhile the page kept drawing/);
  },
  async messages(page) {
    // The costs are drawn from the bench's record (messages.test.ts checks the figures).
    await poll(() =>
      page.locator('[data-part="demo"] .messages-costs svg').count(),
    ).toBeGreaterThan(0);
  },
};

describe.each(withDemo.map((l) => [l.folder, l] as [string, Lesson]))(
  "the live demo of lesson %s",
  (_folder, lesson) => {
    it("does what its lesson says, with no accessibility problem", async () => {
      const demo = DEMOS[lesson.slug];
      if (!demo)
        throw new Error(
          `${lesson.folder} has a <!-- demo -->: add what it must do to DEMOS in runs.test.ts`,
        );
      const { context, page, errors } = await site.open(`${site.isolated.url}${lesson.href}`);
      await demo(page, page.locator('[data-part="demo"] [role="status"]').first());
      expect(await axeProblems(page), "axe-core: serious or critical").toEqual([]);
      expect(errors, "console errors").toEqual([]);
      await context.close();
    });
  },
);
