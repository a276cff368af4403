/**
 * Step through on the built site (issue 17): the learner is the scheduler
 * of lesson 7's threads, by the buttons; Undo replays the prefix; Find a
 * failing schedule finds the lost update once the lock is gone; a deadlock
 * stepped into is drawn. One browser and one server for the file.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { listLessons, readSample } from "../src/lib/lessons.ts";
import {
  axeProblems,
  codeEditor,
  RESULTS,
  SCREENSHOTS,
  screenshot,
  setCode,
  watchErrors,
} from "./browser.ts";
import { DEADLOCK_SOURCE, useSite } from "./built-site.ts";

const lock = listLessons().find((l) => l.folder === "07-lock")!;
const lineWith = (code: string, text: string) =>
  code.split("\n").findIndex((l) => l.includes(text)) + 1;
const READ = lineWith(readSample(lock), "Atomics.load(counter, 0)");
const WRITE = lineWith(readSample(lock), "Atomics.store(counter, 0, next)");

/** Polls on a busy 2-core machine: the editor, a replay and a worker start can take seconds. */
const WAIT = { timeout: 30_000 };

const site = useSite();

const open = (width = 1280) => site.open(`${site.isolated.url}${lock.href}`, { width });

const panel = (page: Page) => page.getByRole("region", { name: "Step through the threads" });
const stepsTaken = async (page: Page) =>
  Number(await page.locator('output[aria-label="Steps taken"]').innerText());
const status = (page: Page) => panel(page).locator(".step-status").innerText();
const card = (page: Page, thread: string) =>
  panel(page).locator(".step-thread", {
    has: page.locator(".step-name strong", { hasText: new RegExp(`^${thread}\\b`) }),
  });
const nextOf = async (page: Page, thread: string) => {
  const next = card(page, thread).locator(".step-next");
  return (await next.count()) ? next.innerText() : "";
};
const cell = (page: Page, name: string) =>
  page.getByRole("region", { name: "Shared state" }).locator(`tr[data-cell="${name}"] td`);

/** Waits until the run is paused again, or over. */
async function settled(page: Page) {
  await page.waitForFunction(() => {
    const state = document.querySelector<HTMLElement>(".step-panel")?.dataset.state;
    return state === "paused" || state === "ended";
  });
}

async function step(page: Page, thread: string) {
  const before = await stepsTaken(page);
  await panel(page)
    .getByRole("button", { name: new RegExp(`^Step ${thread}\\b`) })
    .click();
  await expect.poll(() => stepsTaken(page), WAIT).toBe(before + 1);
  await settled(page);
}

async function startStepping(page: Page) {
  await page.getByRole("button", { name: "Step through", exact: true }).click();
  await expect.poll(() => panel(page).isVisible(), WAIT).toBe(true);
  await settled(page);
}

async function editTo(page: Page, code: string) {
  await page.getByRole("button", { name: "Edit the code" }).click();
  await expect.poll(() => codeEditor(page).isEditable(), WAIT).toBe(true);
  await setCode(page, code);
}

/** Looks for content wider than the page (a horizontal overflow) inside the panel. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(".step-panel, .step-panel *")) {
      if (el.closest("pre, .step-log")) continue; // they scroll, on purpose
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > width + 1 || r.left < -1))
        wide.push(
          `${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)} of ${width}`,
        );
    }
    return wide.slice(0, 10);
  });
}

describe("Step through", () => {
  it("every lesson page says in one line whether it steps; each that does steps to the end under the random scheduler, its checks passing", async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(60_000);
    for (const lesson of listLessons()) {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${site.isolated.url}${lesson.href}`, { waitUntil: "load" });
      const note = await page.locator(".step-note").innerText();
      const button = page.getByRole("button", { name: "Step through", exact: true });
      if (/^This lesson cannot be stepped: .{10,}/.test(note)) {
        expect(await button.count(), lesson.folder).toBe(0);
        await page.close();
        continue;
      }
      expect(note, lesson.folder).toMatch(/^Step through runs this code one step at a time/);
      await startStepping(page);
      await panel(page).getByRole("button", { name: "Run to the end" }).click();
      await expect.poll(() => status(page), WAIT).toMatch(/^Finished after \d+ steps/);
      const checks = await page
        .getByRole("list", { name: "Checks of the stepped run" })
        .getByRole("listitem")
        .allInnerTexts();
      expect(checks.length, lesson.folder).toBeGreaterThan(0);
      expect(
        checks.filter((c) => !c.startsWith("passed")),
        lesson.folder,
      ).toEqual([]);
      expect(errors, lesson.folder).toEqual([]);
      await page.close();
    }
    await context.close();
  });

  it("lesson 7 by hand: read, read, write, write loses an update (the counter goes 0 → 1 with two additions done); Undo and another order gives 2", async () => {
    const { context, page, errors } = await open();
    expect(await page.locator(".step-note").innerText()).toContain("THREADS = 2, ADDS = 3");
    await startStepping(page);
    expect(await panel(page).locator(".step-what").innerText()).toContain(
      "Stepping the lesson's code with THREADS = 2, ADDS = 3",
    );
    // Let main start both threads and each reach its first read of the counter.
    const atRead = async (t: string) =>
      (await nextOf(page, t)).includes("Atomics.load(counter, 0)");
    for (let i = 0; i < 40 && !((await atRead("Thread-1")) && (await atRead("Thread-2"))); i++) {
      const ready = await panel(page)
        .getByRole("button", { name: /^Step / })
        .allInnerTexts();
      const names = ready.map((b) => b.replace(/^Step /, ""));
      let pick = names.find((n) => n.startsWith("MainThread"));
      for (const n of names) if (!pick && !(await atRead(n.split(" ")[0]!))) pick = n;
      await step(page, (pick ?? names[0]!).split(" ")[0]!);
    }
    expect(await nextOf(page, "Thread-1")).toContain("Atomics.load(counter, 0) — reads 0");
    expect(await nextOf(page, "Thread-1")).toMatch(new RegExp(`line ${READ}$`));
    // The code marks each thread's next line, in the thread's colour (its column's).
    const marked = await panel(page).locator(".step-line-next .step-ln").allInnerTexts();
    expect(marked).toContain(String(READ));
    const marker = panel(page).locator(".step-marker", { hasText: /^Thread-1 next$/ });
    expect(await marker.count()).toBe(1);
    const colour = (await marker.getAttribute("class"))!.match(/step-c\d/)![0];
    expect(await card(page, "Thread-1").getAttribute("class")).toContain(colour);
    expect(await cell(page, "a[0]").innerText()).toBe("0");

    await step(page, "Thread-1");
    await step(page, "Thread-2");
    expect(await nextOf(page, "Thread-1")).toContain(
      "Atomics.store(counter, 0, next) — writes 1 over 0",
    );
    await step(page, "Thread-1");
    expect(await cell(page, "a[0]").innerText()).toMatch(
      /^1 \(changed by step \d+, Thread-1 .*: 0 → 1\)$/,
    );
    expect(await nextOf(page, "Thread-2")).toContain("writes 1 over 1");
    await step(page, "Thread-2");
    // Two additions done, and the counter says 1: one update lost.
    expect(await cell(page, "a[0]").innerText()).toMatch(
      /^1 \(changed by step \d+, Thread-2 .*: 1 → 1\)$/,
    );
    expect(await panel(page).locator("tr.step-changed mark").innerText()).toBe("1");
    const log = await panel(page).locator(".step-log li").allInnerTexts();
    expect(log.slice(-4).map((l) => l.replace(/ \(addUnsafe\)/, ""))).toEqual([
      `Thread-1 Atomics.load Int32Array(1)[0] reads 0 line ${READ}`,
      `Thread-2 Atomics.load Int32Array(1)[0] reads 0 line ${READ}`,
      `Thread-1 Atomics.store Int32Array(1)[0] 0 → 1 line ${WRITE}`,
      `Thread-2 Atomics.store Int32Array(1)[0] 1 → 1 line ${WRITE}`,
    ]);
    const taken = await stepsTaken(page);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "step-lesson7-desktop", { fullPage: false });
    if (SCREENSHOTS)
      await panel(page).screenshot({ path: path.join(RESULTS, "step-lesson7-panel-desktop.png") });
    expect(await overflows(page)).toEqual([]);

    // Undo three steps (each a replay of the prefix), then write before the other reads.
    for (let i = 1; i <= 3; i++) {
      await panel(page).getByRole("button", { name: "Undo step" }).click();
      await expect.poll(() => stepsTaken(page), WAIT).toBe(taken - i);
      await settled(page);
    }
    expect(await status(page)).toBe(
      `Undone: back to step ${taken - 3}, by replaying the ${taken - 3} steps before it.`,
    );
    expect(await cell(page, "a[0]").innerText()).toBe("0");
    await step(page, "Thread-1");
    await step(page, "Thread-2");
    expect(await nextOf(page, "Thread-2")).toContain("writes 2 over 1");
    // By keyboard: the focus stays on the thread's button from one step to the next.
    const before = await stepsTaken(page);
    await panel(page)
      .getByRole("button", { name: /^Step Thread-2\b/ })
      .focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => stepsTaken(page), WAIT).toBe(before + 1);
    await settled(page);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(
      /^Step Thread-2\b/,
    );
    expect(await cell(page, "a[0]").innerText()).toMatch(/^2 /);

    // Run to the end: the random scheduler finishes; the checks are judged on the run.
    await panel(page).getByRole("button", { name: "Run to the end" }).click();
    await expect.poll(() => status(page), WAIT).toMatch(/^Finished after \d+ steps/);
    const checks = await page.getByRole("list", { name: "Checks of the stepped run" }).innerText();
    expect(checks).toContain("passed with the lock the count is exactly 6");
    const output = await panel(page).getByLabel("Output so far").innerText();
    expect(output).toMatch(/with a lock: {4}6 of 6/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("Find a failing schedule: lesson 7 with the lock removed from addSafe fails the exactness check, and the schedule is loaded", async () => {
    const { context, page, errors } = await open();
    const unlocked = readSample(lock).replace(/\n\s*using _held = lock\.hold\(\);[^\n]*/, "");
    expect(unlocked).not.toContain("lock.hold()");
    await editTo(page, unlocked);
    await startStepping(page);
    expect(await panel(page).locator(".step-what").innerText()).toContain("Stepping your code");
    await panel(page).getByRole("button", { name: "Find a failing schedule" }).click();
    await expect
      .poll(() => status(page), { timeout: 240_000 })
      .toMatch(/^Found a failing schedule on run \d+/);
    const found = await status(page);
    expect(found).toContain('the check "counts every addition exactly with the lock" failed');
    expect(found).toMatch(/additions were lost/);
    // Loaded: follow it step by step, the thread it names marked.
    const follow = panel(page).getByRole("button", { name: /^Follow the failing schedule/ });
    expect(await follow.isVisible()).toBe(true);
    expect(await panel(page).locator(".step-planned").count()).toBe(1);
    await follow.click();
    await expect.poll(() => stepsTaken(page), WAIT).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a two-lock deadlock edited into lesson 7, stepped into: the word, the cycle in text, and the wait-for graph", async () => {
    const { context, page, errors } = await open(390);
    const code = DEADLOCK_SOURCE();
    await editTo(page, code);
    await startStepping(page);
    for (let i = 0; i < 60; i++) {
      if (/^Deadlock/.test(await status(page))) break;
      const first = panel(page)
        .getByRole("button", { name: /^Step / })
        .first();
      const before = await stepsTaken(page);
      await first.click();
      await expect
        .poll(
          async () => (await stepsTaken(page)) > before || /^Deadlock/.test(await status(page)),
          WAIT,
        )
        .toBe(true);
      await settled(page);
    }
    expect(await status(page)).toMatch(/^Deadlock after step \d+/);
    const dead = page.getByRole("region", { name: "Deadlock in the stepped run" });
    await expect.poll(() => dead.isVisible(), WAIT).toBe(true);
    expect(await dead.innerText()).toContain("Deadlock");
    expect(await dead.locator(".run-deadlock-cycle").innerText()).toMatch(
      /^Cycle: (left|right) → Lock#\d held by (left|right) → Lock#\d held by (left|right)$/,
    );
    expect(await dead.getByRole("img").count()).toBe(1);
    const line = lineWith(code, "second.acquire()");
    expect(await dead.getByRole("list", { name: "Who waits for what" }).innerText()).toContain(
      `main.ts:${line}`,
    );
    expect(await axeProblems(page)).toEqual([]);
    if (SCREENSHOTS)
      await panel(page).screenshot({ path: path.join(RESULTS, "step-deadlock-phone.png") });
    expect(await overflows(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
