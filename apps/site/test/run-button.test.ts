/**
 * The Run button on the built site: a second run, Stop, leaving the page,
 * the time limit, a deadlock reported at the source's lines, a page that
 * is not isolated, a static host that sends no COOP/COEP headers (the
 * service worker isolates the page), and running offline.
 */

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { listLessons } from "../src/lib/lessons.ts";
import { clickRun, codeEditor, poll, waitForRunEnd } from "./browser.ts";
import {
  checkInvariants,
  DEADLOCK,
  DEADLOCK_SOURCE,
  DIST,
  ENDLESS,
  useSite,
} from "./built-site.ts";
import { serveStatic } from "./server.ts";

const lessons = listLessons();
const site = useSite({ fixtures: true });

async function isolatedAfterReload(page: Page) {
  // The service worker registers, then the page reloads once: the wait may see the old page go.
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForFunction(() => self.crossOriginIsolated, undefined, { timeout: 15_000 });
      break;
    } catch (error) {
      if (attempt >= 2 || !/context was destroyed|navigat/i.test(String(error))) throw error;
    }
  }
  await page.waitForLoadState("load");
}

describe("the Run button", () => {
  const first = () => lessons[0]!;

  it("runs again in the same page: the second run starts fresh and finishes", async () => {
    // Lesson 2 prints the same four lines every run, in an order that may change.
    const lesson = lessons.find((l) => l.folder === "02-creating-a-thread")!;
    const { context, page, errors } = await site.open(`${site.isolated.url}${lesson.href}`);
    const lines = async () =>
      (await page.locator(".run-terminal .terminal-lines .line").allInnerTexts()).sort();
    await clickRun(page);
    expect(await waitForRunEnd(page)).toBe("finished");
    const once = await lines();
    expect(once.length).toBeGreaterThan(0);
    await clickRun(page);
    expect(await waitForRunEnd(page)).toBe("finished");
    // The terminal holds the second run only, not the first one's lines too.
    expect(await lines()).toEqual(once);
    await checkInvariants(page, lesson);
    expect(errors, "console errors").toEqual([]);
    await context.close();
  });

  it("Stop ends a run that would go on forever", async () => {
    const { context, page, errors } = await site.open(`${site.isolated.url}${first().href}`);
    await clickRun(page, { module: ENDLESS });
    const run = page.locator("unravel-run").first();
    await page.waitForFunction(() => document.querySelectorAll(".run-terminal .line").length >= 2);
    await run.locator(".run-stop").click();
    expect(await waitForRunEnd(page)).toBe("stopped");
    const count = await page.locator(".run-terminal .line").count();
    await page.waitForTimeout(300); // nothing more arrives once stopped
    expect(await page.locator(".run-terminal .line").count()).toBe(count);
    expect(await run.locator(".run-stop").isHidden()).toBe(true);
    await expect.poll(() => page.workers().length, { timeout: 10_000 }).toBe(0);
    expect(errors, "console errors").toEqual([]);
    await context.close();
  });

  it("leaving the page stops the run", async () => {
    const { context, page } = await site.open(`${site.isolated.url}${first().href}`);
    await clickRun(page, { module: ENDLESS });
    await page.waitForFunction(() => document.querySelectorAll(".run-terminal .line").length >= 1);
    expect(page.workers().length).toBeGreaterThan(0);
    await page.evaluate(() =>
      dispatchEvent(new PageTransitionEvent("pagehide", { persisted: true })),
    );
    expect(await waitForRunEnd(page)).toBe("stopped");
    await expect.poll(() => page.workers().length, { timeout: 10_000 }).toBe(0);
    await context.close();
  });

  it("stops a run at the time limit and says so", async () => {
    const { context, page } = await site.open(`${site.isolated.url}${first().href}`);
    await clickRun(page, { module: ENDLESS, timeoutMs: 1500 });
    expect(await waitForRunEnd(page)).toBe("timeout");
    expect(await page.locator(".run-status").innerText()).toMatch(/time limit/);
    await context.close();
  });

  it("reports a deadlock of a bundle at its src/main.ts lines, read through its source map", async () => {
    const { context, page, errors } = await site.open(`${site.isolated.url}${first().href}`);
    await clickRun(page, { module: DEADLOCK });
    expect(await waitForRunEnd(page)).toBe("error");
    const line =
      DEADLOCK_SOURCE()
        .split("\n")
        .findIndex((l) => l.includes("second.acquire()")) + 1;
    const output = await page.locator(".run-terminal .terminal-lines").innerText();
    expect(output).toContain("deadlock: every thread is blocked");
    expect(output).toMatch(
      new RegExp(`left waits in acquire\\(\\) for Lock#\\d, held by right, at main\\.ts:${line} `),
    );
    expect(output).toMatch(
      new RegExp(`right waits in acquire\\(\\) for Lock#\\d, held by left, at main\\.ts:${line} `),
    );
    const waits = await page
      .getByRole("list", { name: "Who waits for what" })
      .getByRole("listitem")
      .allInnerTexts();
    expect(waits.filter((w) => w.endsWith(`at main.ts:${line}`)).length, waits.join("\n")).toBe(2);
    expect(errors, "console errors").toEqual([]);
    await context.close();
  });

  it("explains why it cannot run where the page is not isolated", async () => {
    // Service workers blocked: the static-host fallback cannot work here.
    const context = await site.browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${site.plain.url}${first().href}`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await page.locator(".run-start").click();
    // Said once the playground has loaded (it is what knows why).
    await poll(() => page.locator(".run-status").innerText()).toMatch(
      /cross-origin isolated page[\s\S]*reload/,
    );
    expect(await page.locator(".run-result").isHidden()).toBe(true);
    await context.close();
  });
});

describe("on a static host that sends no COOP/COEP headers", () => {
  it("the service worker isolates the page and Run still works", async () => {
    const { context, page } = await site.open(`${site.plain.url}${lessons[0]!.href}`);
    await isolatedAfterReload(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await clickRun(page);
    expect(await waitForRunEnd(page)).toBe("finished");
    expect(await page.locator(".run-terminal .line").count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe("offline", () => {
  it("runs a lesson once the page has loaded, with the server gone", async () => {
    // A server of its own, to stop mid-test: the page must keep working without it.
    const own = await serveStatic(DIST, { isolation: true, extra: {} });
    const lesson = lessons[0]!;
    const { context, page } = await site.open(`${own.url}${lesson.href}`);
    // The service worker takes control once it has cached the site's scripts and bundles.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await own.close();
    await clickRun(page);
    expect(await waitForRunEnd(page)).toBe("finished");
    await checkInvariants(page, lesson);
    // The editor, the compiler and core for edited code were cached too.
    await page.getByRole("button", { name: "Edit the code" }).click();
    const editor = codeEditor(page);
    await poll(() => editor.isEditable()).toBe(true);
    await editor.click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.insertText('\nprint("edited offline");\n');
    await page.getByRole("button", { name: "Run", exact: true }).click();
    expect(await waitForRunEnd(page)).toBe("finished");
    expect(await page.locator(".run-terminal .terminal-lines").innerText()).toContain(
      "edited offline",
    );
    await context.close();
  });
});
