import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { conditionWaits } from "../src/waits.ts";

const dir = mkdtempSync(join(tmpdir(), "waits-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("conditionWaits", () => {
  it("tells a wait in a while loop from one under an if, in TypeScript", () => {
    const path = file(
      "main.ts",
      [
        "export function f(c: Cond, e: Ev, n: number) {",
        "  while (n === 0) c.wait();",
        "  while (n === 0) {",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a line of the program under test
        "    log(`${n}`);",
        "    c.wait(10);",
        "  }",
        "  if (n === 0) c.wait();",
        "  for (;;) { c.wait(); }",
        "  e.wait(); // not a receiver we asked about",
        "}",
      ].join("\n"),
    );
    expect(conditionWaits(path, "typescript", ["c"])).toEqual([
      { line: 2, receiver: "c", inWhileLoop: true },
      { line: 5, receiver: "c", inWhileLoop: true },
      { line: 7, receiver: "c", inWhileLoop: false },
      { line: 8, receiver: "c", inWhileLoop: false },
    ]);
  });

  it("applies the same rule to Python", () => {
    const path = file(
      "main.py",
      [
        "def f(c, n):",
        "    while n == 0:",
        "        c.wait()",
        "    if n == 0:",
        "        c.wait()",
        "    while True:",
        "        if n:",
        "            c.wait()",
      ].join("\n"),
    );
    expect(conditionWaits(path, "python", ["c"])).toEqual([
      { line: 3, receiver: "c", inWhileLoop: true },
      { line: 5, receiver: "c", inWhileLoop: false },
      { line: 8, receiver: "c", inWhileLoop: false },
    ]);
  });
});
