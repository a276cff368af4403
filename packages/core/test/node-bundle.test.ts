import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const copy = fileURLToPath(new URL(`./.bundles/node-bundle-${process.pid}/`, import.meta.url));

/** A copy of the package (its own bundle, its own sources): changing it changes nothing another test runs. */
function copyPackage(to: string): void {
  mkdirSync(to, { recursive: true });
  for (const file of ["index.js", "build-node.mjs", "package.json"]) {
    cpSync(`${root}${file}`, `${to}${file}`, { preserveTimestamps: true });
  }
  cpSync(`${root}src`, `${to}src`, { recursive: true, preserveTimestamps: true });
}

/** Runs `node -e <code>` as an ES module in `cwd`; its stdout. */
function nodeEval(code: string, cwd: string, env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ["--input-type=module", "-e", code], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

// What `import … from "@unravel/core"` loads on Node: index.js (see there).
describe("index.js, core's entry on Node", () => {
  const listed = `${copy}listed/`;
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it("exports exactly the values src/index.ts exports", async () => {
    const source = Object.keys(await import("../src/index.ts")).sort();
    const entry = nodeEval(
      `const m = await import(${JSON.stringify(`${root}index.js`)}); console.log(JSON.stringify(Object.keys(m).sort()));`,
      root,
      { UNRAVEL_CORE_SOURCES: "1" },
    );
    expect(JSON.parse(entry)).toEqual(source);
  });

  // A top-level await anywhere in a program's module graph makes its
  // evaluation async, in every thread's worker too, and V8 aborts the
  // process when a worker is torn down as such an evaluation resumes (see
  // index.js). require() refuses an async graph (ERR_REQUIRE_ASYNC_MODULE).
  it("loads with no top-level await, from the bundle and from src/", () => {
    for (const sources of ["0", "1"]) {
      const loaded = execFileSync(
        process.execPath,
        [
          "-e",
          `const m = require(${JSON.stringify(`${root}index.js`)}); console.log(typeof m.Thread, process.sourceMapsEnabled ? "bundle" : "sources");`,
        ],
        { cwd: root, encoding: "utf8", env: { ...process.env, UNRAVEL_CORE_SOURCES: sources } },
      );
      expect(loaded.trim()).toBe(`function ${sources === "1" ? "sources" : "bundle"}`);
    }
  });

  it("build-node.mjs writes index.js's names: a new export of src/index.ts is listed, a dropped name comes back", () => {
    copyPackage(listed);
    appendFileSync(`${listed}src/index.ts`, "\nexport const addedLater = 1;\n");
    const entry = `${listed}index.js`;
    writeFileSync(entry, readFileSync(entry, "utf8").replace(/^ {2}Barrier,\n/m, ""));
    execFileSync(process.execPath, ["build-node.mjs"], { cwd: listed, timeout: 60_000 });
    const names = nodeEval(
      `const m = await import(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(m)));`,
      listed,
    );
    expect(JSON.parse(names)).toEqual(expect.arrayContaining(["addedLater", "Barrier", "Thread"]));
  });

  it("loads the bundle only while it was built from the sources as they are", () => {
    copyPackage(copy);
    execFileSync(process.execPath, ["build-node.mjs"], { cwd: copy, timeout: 60_000 });
    const probe = `${copy}probe.ts`;
    writeFileSync(
      probe,
      `import { main, print, Thread } from "./index.js";
export function fail(): void { throw new RangeError("from the thread"); }
main(import.meta, () => {
  const t = new Thread({ target: fail });
  t.start();
  t.join();
  print(process.sourceMapsEnabled ? "bundle" : "sources");
});
`,
    );
    const run = () =>
      execFileSync(process.execPath, [probe], { cwd: copy, encoding: "utf8", timeout: 60_000 });
    const stderrOf = () =>
      spawnSync(process.execPath, [probe], { cwd: copy, encoding: "utf8", timeout: 60_000 }).stderr;
    expect(run().trim()).toBe("bundle");
    // The thread's report names core's source, not the bundle (source maps are on).
    const report = stderrOf();
    expect(report).toContain("RangeError: from the thread");
    expect(report).toMatch(/src\/thread\/run\.ts:\d+/);
    expect(report).not.toMatch(/\.bundles\/node\/[\w-]+\.js/);
    appendFileSync(`${copy}src/errors.ts`, "\n// changed after the bundle was built\n");
    expect(run().trim()).toBe("sources");
  });
});
