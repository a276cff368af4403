/**
 * The playground on the built site (issue 15): the learner edits lesson 7
 * and runs it, sees its checks fail and pass, runs it many times; errors
 * in the learner's code are reported at the learner's line; a deadlock is
 * drawn; an edit is kept over a reload and carried by a Share link.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { listLessons, readSample } from "../src/lib/lessons.ts";
import {
  axeProblems,
  codeEditor,
  poll,
  RESULTS,
  SCREENSHOTS,
  screenshot,
  setCode,
  waitForRunEnd,
} from "./browser.ts";
import { DEADLOCK_SOURCE, useSite } from "./built-site.ts";

const lessons = listLessons();
const site = useSite();

describe("the playground", () => {
  const lock = lessons.find((l) => l.folder === "07-lock")!;
  const sample = () => readSample(lock);
  const url = () => `${site.isolated.url}${lock.href}`;
  const editor = codeEditor;
  const checks = (page: Page) =>
    page.getByRole("list", { name: "Checks" }).getByRole("listitem").allInnerTexts();

  async function run(page: Page, name = "Run") {
    await page.getByRole("button", { name, exact: true }).click();
    return waitForRunEnd(page);
  }

  it("runs lesson 7 without the lock in addSafe and fails the exact count with its reason; Reset passes every check; many runs give the outcome table", async () => {
    const { context, page, errors, scripts } = await site.open(url());
    const before = (await scripts()).gzip;
    const clicked = Date.now();
    await page.getByRole("button", { name: "Edit the code" }).click();
    await poll(() => editor(page).isEditable()).toBe(true);
    const toEditable = Date.now() - clicked;
    await poll(() => editor(page).evaluate((el) => el === document.activeElement)).toBe(true);
    const edit = (await scripts()).gzip - before;
    console.log(
      `Edit loads ${(edit / 1024).toFixed(1)} KB gzip of JS; click to editable: ${toEditable} ms` +
        ` (the page's own count: ${await page.locator("unravel-run").getAttribute("data-editor-ms")} ms)`,
    );
    // The lesson's marked lines are marked in the editor too (CodeMirror draws
    // the lines in view: scroll through the editor and collect them).
    const lines = sample().split("\n");
    const marked = lock.highlight.flatMap((r) => {
      const [a, b = a] = String(r).split("-").map(Number);
      return Array.from({ length: b! - a! + 1 }, (_, k) => lines[a! + k - 1]);
    });
    const drawn = new Set<string>();
    const box = await page.locator(".run-editor").boundingBox();
    for (let y = box!.y - 200; y < box!.y + box!.height; y += 300) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(50); // CodeMirror draws on the next frame
      for (const t of await page.locator(".run-editor .cm-lesson-mark").allInnerTexts())
        drawn.add(t);
    }
    expect([...drawn].sort()).toEqual([...new Set(marked)].sort());

    const unlocked = sample().replace(
      "    using _held = lock.hold(); // Python: `with lock:`\n",
      "",
    );
    expect(unlocked).not.toBe(sample());
    await setCode(page, unlocked);
    expect(await run(page)).toBe("finished");
    const failed = await checks(page);
    const exact = failed.find((t) => t.includes("with the lock the count is exactly 4,000,000"));
    expect(exact, failed.join("\n")).toMatch(
      /^failed with the lock the count is exactly 4,000,000: the count is [\d,]+: [\d,]+ additions were lost$/,
    );

    await page.getByRole("button", { name: "Reset to the lesson's code" }).click();
    expect(await editor(page).innerText()).toContain("using _held = lock.hold();");
    expect(await run(page)).toBe("finished");
    const passed = await checks(page);
    expect(passed.length).toBe(3);
    expect(
      passed.filter((t) => !t.startsWith("passed")),
      passed.join("\n"),
    ).toEqual([]);

    await page.getByRole("spinbutton").fill("3");
    expect(await run(page, "Run many times")).toBe("finished");
    const table = page
      .getByRole("table")
      .filter({ has: page.locator("caption", { hasText: /^Outcomes of/ }) });
    expect(await table.locator("caption").innerText()).toBe(
      "Outcomes of 3 runs of the lesson's code",
    );
    const rows = await table.locator("tbody tr").allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^(no update lost|lost updates)\s+\d+\s+\d+%$/);
    const counts = await table.locator("tbody tr td:nth-child(2)").allInnerTexts();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(3);
    expect((await checks(page)).every((t) => t.startsWith("passed in all 3 runs"))).toBe(true);
    await screenshot(page, "playground-desktop");
    expect(await axeProblems(page), "axe-core: serious or critical").toEqual([]);
    expect(errors, "console errors").toEqual([]);
    await context.close();
  });

  it("reports a syntax error and an error thrown in a thread at the learner's line", async () => {
    const { context, page } = await site.open(url());
    await page.getByRole("button", { name: "Edit the code" }).click();
    const broken = sample().split("\n");
    broken.splice(11, 0, "const oops: number = ;"); // line 12
    await setCode(page, broken.join("\n"));
    expect(await run(page)).toBe("error");
    const alert = page.getByRole("alert");
    expect(await alert.innerText()).toMatch(/^Syntax error at line 12, column 22: /);
    expect(await page.locator(".cm-error-line").innerText()).toContain("const oops");

    const throwing = [
      'import { main, print, Thread } from "@unravel/core";',
      "",
      "export function work(n: number): void {",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a line of the learner's program
      "  print(`work ${n}`);",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a line of the learner's program
      "  const limit: number = n;   throw new Error(`boom ${limit}`);",
      "}",
      "",
      "main(import.meta, () => {",
      "  const t = new Thread({ target: work, args: [1] });",
      "  t.start();",
      "  t.join();",
      "});",
      "",
    ].join("\n");
    await setCode(page, throwing);
    await run(page);
    await poll(() => alert.isVisible()).toBe(true);
    // Line 5, column 36 (`new Error`) in the learner's text; in the compiled code the
    // stripped `: number` before it puts it at column 28.
    expect(await alert.innerText()).toBe(
      "Your code threw an error at line 5, column 36: Error: boom 1.",
    );
    const output = await page.locator(".run-terminal .terminal-lines").innerText();
    expect(output).toContain("main.ts:5:36");
    expect(output).not.toContain("blob:");
    await page.setViewportSize({ width: 390, height: 900 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, "the page scrolls sideways at phone width").toBeLessThanOrEqual(0);
    await screenshot(page, "playground-phone");
    await context.close();
  });

  it("edited into a two-lock deadlock: the panel says Deadlock, the cycle, each wait at its main.ts line, and draws the wait-for graph", async () => {
    const { context, page, errors, scripts } = await site.open(url());
    await page.getByRole("button", { name: "Edit the code" }).click();
    const code = DEADLOCK_SOURCE();
    const line = code.split("\n").findIndex((l) => l.includes("second.acquire()")) + 1;
    await setCode(page, code);
    const before = Object.keys((await scripts()).files);
    expect(await run(page)).toBe("error");
    // The drawing's code came only with the deadlock.
    const loaded = Object.keys((await scripts()).files).filter((f) => !before.includes(f));
    expect(
      loaded.some((f) => /\/deadlock\.[\w-]+\.js$/.test(f)),
      loaded.join("\n"),
    ).toBe(true);
    expect(await page.locator(".run-status").innerText()).toMatch(/^Deadlock: /);

    const panel = page.getByRole("region", { name: "Deadlock" });
    await poll(() => panel.isVisible()).toBe(true);
    expect(await panel.innerText()).toContain("Deadlock");
    const cycle = await panel.locator(".run-deadlock-cycle").innerText();
    const m =
      /^Cycle: (left|right) → (Lock#\d) held by (left|right) → (Lock#\d) held by (left|right)$/.exec(
        cycle,
      );
    expect(m, cycle).not.toBeNull();
    const [, t1, l1, t2, l2, t3] = m!;
    expect([t1, t2, t3]).toEqual(
      t1 === "left" ? ["left", "right", "left"] : ["right", "left", "right"],
    );
    expect(l1).not.toBe(l2);

    const waits = await panel
      .getByRole("list", { name: "Who waits for what" })
      .getByRole("listitem")
      .allInnerTexts();
    const join = code.split("\n").findIndex((l) => l.includes("left.join()")) + 1;
    // main's wait too: at the learner's line, not in core's module beside it.
    expect(waits).toContain(`MainThread waits in join() for the end of left, at main.ts:${join}`);
    expect(waits).toContain(
      `left waits in acquire() for ${t1 === "left" ? l1 : l2}, held by right, at main.ts:${line}`,
    );
    expect(waits).toContain(
      `right waits in acquire() for ${t1 === "left" ? l2 : l1}, held by left, at main.ts:${line}`,
    );
    // The terminal's report names the learner's file too, not the blob the page ran.
    const output = await page.locator(".run-terminal .terminal-lines").innerText();
    expect(output).toContain(`at main.ts:${line} `);
    expect(output).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f-]+:\d/);

    // The drawing: threads and locks as nodes, both kinds of edge, and its text equivalent.
    const svg = panel.getByRole("img");
    expect(await svg.count()).toBe(1);
    const title = await svg.locator("title").textContent();
    expect(title).toContain(`left waits for ${t1 === "left" ? l1 : l2}, held by right`);
    expect(title).toContain(`right waits for ${t1 === "left" ? l2 : l1}, held by left`);
    const nodes = await svg.locator(".dl-node.dl-cycle text").allTextContents();
    expect(nodes.sort()).toEqual([l1, l2, "left", "right"].sort());
    const edges = await svg.locator(".dl-edge.dl-cycle .dl-edge-label").allTextContents();
    expect(edges.sort()).toEqual(["held by", "held by", "waits for", "waits for"]);
    expect(await axeProblems(page), "axe-core: serious or critical").toEqual([]);

    for (const [name, width] of [
      ["desktop", 1280],
      ["phone", 390],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await panel.scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(0);
      // The drawing stays inside the panel, and its nodes inside the drawing.
      const box = (await panel.boundingBox())!;
      const drawn = (await svg.boundingBox())!;
      expect(drawn.x).toBeGreaterThanOrEqual(box.x);
      expect(drawn.x + drawn.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
      for (const rect of await svg.locator(".dl-node rect").all()) {
        const r = (await rect.boundingBox())!;
        expect(r.x).toBeGreaterThanOrEqual(drawn.x - 0.5);
        expect(r.x + r.width).toBeLessThanOrEqual(drawn.x + drawn.width + 0.5);
      }
      if (SCREENSHOTS) await panel.screenshot({ path: `${RESULTS}deadlock-${name}.png` });
    }
    expect(errors, "console errors").toEqual([]);
    await context.close();
  });

  it("keeps the edit over a reload, and a Share link carries it to a fresh browser", async () => {
    const { context, page } = await site.open(url());
    await page.getByRole("button", { name: "Edit the code" }).click();
    const mine = sample().replace("const THREADS = 4;", "const THREADS = 3; // mine");
    await setCode(page, mine);
    await page.reload({ waitUntil: "load" });
    // The kept edit opens in the editor as the sample comes into view.
    await page.locator(".lesson-sample").scrollIntoViewIfNeeded();
    await poll(() => editor(page).innerText()).toContain("const THREADS = 3; // mine");
    expect(await page.getByRole("button", { name: "Edit the code" }).isHidden()).toBe(true);

    await page.getByRole("button", { name: "Share" }).click();
    const link = await page.getByRole("textbox", { name: "Share link" }).inputValue();
    expect(link).toMatch(/#code=[\w-]+$/);
    await context.close();

    const fresh = await site.open(link);
    await fresh.page.locator(".lesson-sample").scrollIntoViewIfNeeded();
    await poll(() => editor(fresh.page).innerText()).toContain("const THREADS = 3; // mine");
    expect(await run(fresh.page)).toBe("finished");
    // The shared code is now kept like an edit of one's own, and the link's fragment is gone.
    expect(new URL(fresh.page.url()).hash).toBe("");
    const text = await fresh.page.locator(".run-terminal .terminal-lines").innerText();
    expect(text).toContain("of 3000000");
    await fresh.context.close();
  });
});
