import { describe, expect, it } from "vitest";
import { splitProse } from "../src/lib/segments.ts";

const kinds = (md: string) =>
  splitProse(md).map((s) => (s.kind === "prose" ? s.markdown : `[${s.kind}]`));

describe("splitProse", () => {
  it("places an optional demo only where its marker is", () => {
    expect(kinds("Intro.\n\n<!-- demo -->\n\n## Next\n\nMore.")).toEqual([
      "Intro.",
      "[demo]",
      "[sample]",
      "[output]",
      "[timeline]",
      "[python]",
      "## Next\n\nMore.",
    ]);
    expect(kinds("Intro.").some((k) => k === "[demo]")).toBe(false);
  });

  it("places the parts where the markers are", () => {
    expect(
      kinds(
        "Intro.\n\n<!-- sample -->\n\n## Why\n\nText.\n<!-- output -->\n<!-- timeline -->\n<!-- python -->\nEnd.",
      ),
    ).toEqual([
      "Intro.",
      "[sample]",
      "## Why\n\nText.",
      "[output]",
      "[timeline]",
      "[python]",
      "End.",
    ]);
  });

  it("puts parts without a marker after the first section", () => {
    expect(kinds("Intro.\n\n## Next\n\nMore.")).toEqual([
      "Intro.",
      "[sample]",
      "[output]",
      "[timeline]",
      "[python]",
      "## Next\n\nMore.",
    ]);
  });

  it("treats a leading heading as part of the first section", () => {
    expect(kinds("## Start\n\nA.\n\n## Then\n\nB.")[1]).toBe("[sample]");
  });

  it("puts missing parts at the end when there is one section, after the given ones", () => {
    expect(kinds("Only.\n\n<!-- sample -->\n\nAfter.")).toEqual([
      "Only.",
      "[sample]",
      "After.",
      "[output]",
      "[timeline]",
      "[python]",
    ]);
  });

  it("ignores markers and headings inside fenced code", () => {
    expect(kinds("Intro.\n\n```md\n## not a heading\n<!-- output -->\n```")).toEqual([
      "Intro.\n\n```md\n## not a heading\n<!-- output -->\n```",
      "[sample]",
      "[output]",
      "[timeline]",
      "[python]",
    ]);
  });
});
