import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../src/index.ts";

describe("tracing (UNRAVEL_TRACE on Node)", () => {
  it("records each thread's start, end, prints, lock hold, event and queue operations", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "unravel-trace-")), "trace.jsonl");
    const program = fileURLToPath(new URL("./fixtures/traced.ts", import.meta.url));
    await promisify(execFile)(process.execPath, [program], {
      env: { ...process.env, UNRAVEL_TRACE: file },
      timeout: 30_000,
    });
    const events = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as TraceEvent);
    const of = (thread: number) => events.filter((e) => e.thread === thread).map((e) => e.kind);
    const worker = events.find((e) => e.kind === "thread-start" && e.name === "w")!;
    expect(worker).toBeDefined();

    // Each thread's events are in time order, from its start to its end.
    for (const thread of [1, worker.thread]) {
      const kinds = of(thread);
      expect(kinds[0]).toBe("thread-start");
      expect(kinds.at(-1)).toBe("thread-end");
    }
    expect(
      events.filter((e) => e.thread === worker.thread && e.kind === "print").map((e) => e.text),
    ).toEqual(["worker has the lock"]);
    expect(events).toContainEqual(
      expect.objectContaining({ kind: "acquire", object: "Lock 1", thread: worker.thread }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ kind: "release", object: "Lock 1", thread: worker.thread }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ kind: "signal", object: "Event 2", op: "set", thread: 1 }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ kind: "signal", op: "put", thread: worker.thread }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ kind: "signal", op: "get", thread: 1 }),
    );
    // The lock inside the queue stays out of the timeline.
    const lockLabels = new Set(
      events.filter((e) => e.object?.startsWith("Lock")).map((e) => e.object),
    );
    expect([...lockLabels]).toEqual(["Lock 1"]);
    // Times are comparable across threads: the worker starts after main does.
    const mainStart = events.find((e) => e.kind === "thread-start" && e.thread === 1)!;
    expect(worker.t).toBeGreaterThan(mainStart.t);
  });
});
