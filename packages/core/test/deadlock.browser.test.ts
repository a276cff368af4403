import { expect, it } from "vitest";
import { runInBrowser } from "./run-browser-scenario.ts";

it("a two-lock deadlock in Chromium: the Run panel gets the report, and the run ends with an error", async () => {
  const { report, result } = await runInBrowser("deadlock-two-locks.ts");
  expect(result.reason, report).toBe("error");
  expect(result.exitCode).toBe(1);
  expect(report).toContain("deadlock: every thread is blocked");
  expect(report).toMatch(
    /left waits in acquire\(\) for Lock#2, held by right, at deadlock-two-locks\.ts:15 /,
  );
  expect(report).toMatch(
    /right waits in acquire\(\) for Lock#1, held by left, at deadlock-two-locks\.ts:22 /,
  );
  expect(report).toContain("cycle: left → Lock#2 held by right → Lock#1 held by left");
  // The same report as data, for the page to draw the wait-for graph.
  expect(result.deadlock?.cycle).toEqual([
    { thread: "left", waitsFor: "Lock#2" },
    { thread: "right", waitsFor: "Lock#1" },
  ]);
  const byName = Object.fromEntries(result.deadlock!.threads.map((t) => [t.name, t]));
  expect(byName.left).toMatchObject({ waitsFor: "Lock#2", heldBy: "right", op: "acquire" });
  expect(byName.left!.at).toBe("deadlock-two-locks.ts:15");
  expect(byName.right).toMatchObject({
    waitsFor: "Lock#1",
    heldBy: "left",
    at: "deadlock-two-locks.ts:22",
  });
});

it("a thread that closes its worker mid-thread (self.close()): join returns, and thread.exception says what happened", async () => {
  const { lines, report, result } = await runInBrowser("worker-vanishes.ts");
  expect(lines, report).toEqual([
    "joined, alive false",
    "exception: thread vanisher closed its worker (self.close()) before its target returned",
  ]);
  expect(result.reason, report).toBe("finished");
});
