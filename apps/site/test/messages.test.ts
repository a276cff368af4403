// The lesson "Messages or shared memory?" draws the bench's postMessage
// rows, and its prose reads them: the round trip gains most, a stream of
// numbers less, a stream of small objects goes faster by message. When a
// new bench record says otherwise, this test says the prose must change.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import record from "../../../packages/bench/results/latest.json" with { type: "json" };

const rows = record.rows.filter((r) => r.baseline.startsWith("postMessage") && r.ratio !== null);
const ratio = (figure: string) => rows.find((r) => r.figure === figure)?.ratio ?? Number.NaN;

describe("the lesson Messages or shared memory?", () => {
  it("says of the bench's rows only what they show", () => {
    const pingPong = ratio("Event ping-pong, 2 threads");
    expect(pingPong, "shared memory is faster at the round trip").toBeGreaterThan(1);
    const numbers = rows.filter((r) => r.figure.startsWith("Queue, numbers"));
    const objects = rows.filter((r) => r.figure.startsWith("Queue, small objects"));
    expect(numbers.length, "the bench has its stream-of-numbers rows").toBeGreaterThan(0);
    expect(objects.length, "the bench has its stream-of-small-objects rows").toBeGreaterThan(0);
    for (const r of numbers)
      expect(
        r.ratio,
        `${r.figure}: a stream of numbers is closer than the round trip`,
      ).toBeLessThan(pingPong);
    for (const r of objects)
      expect(r.ratio, `${r.figure}: a stream of small objects goes faster by message`).toBeLessThan(
        1,
      );
  });

  it("draws every postMessage row of the bench on its page", () => {
    const html = readFileSync(
      new URL("../dist/lessons/messages/index.html", import.meta.url),
      "utf8",
    );
    const costs = html.slice(html.indexOf('class="messages-costs"'));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(costs, r.figure).toContain(r.figure.replaceAll("&", "&amp;"));
    expect(costs).toContain("<svg");
  });
});
