import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { BROWSER_FILE, bundle } from "../src/bundle.ts";
import { copyFixture } from "./helpers.ts";

describe("bundle", () => {
  it("builds one self-contained ES module that keeps the lesson's exports", async () => {
    const dir = copyFixture("02-bundles");
    const out = await bundle(dir);
    expect(out).toBe(join(dir, BROWSER_FILE));
    const code = readFileSync(out, "utf8");
    expect(code).not.toMatch(/^\s*import\s/m); // everything inlined
    expect(code).toContain("(inlined)");
    const module = await import(pathToFileURL(out).href);
    expect(module.worker("Ada")).toBe("hello, Ada (inlined)");
    // Its source map beside it, naming src/main.ts (the deadlock report in the page reads it).
    expect(code).toContain("//# sourceMappingURL=main.js.map");
    const map = JSON.parse(readFileSync(`${out}.map`, "utf8")) as { sources: string[] };
    expect(map.sources).toContain("../../src/main.ts");
  });

  it("fails with esbuild's message when the sample does not build", async () => {
    const dir = copyFixture("02-bundles");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, "src/main.ts"), 'import { x } from "./missing.ts";\nx();\n');
    await expect(bundle(dir)).rejects.toThrow(/Could not resolve "\.\/missing\.ts"/);
  });
});
