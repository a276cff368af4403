import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));

// What someone who installs the package gets: the tsup build, from plain JavaScript.
describe.skipIf(!existsSync(dist))("the published build (dist/)", () => {
  it("runs a locked counter across threads from a plain .mjs program", async () => {
    const program = join(mkdtempSync(join(tmpdir(), "unravel-dist-")), "program.mjs");
    writeFileSync(
      program,
      `import { Lock, Thread, main, print, sharedInt32 } from ${JSON.stringify(dist)};
export function add(lock, counter) {
  for (let i = 0; i < 10000; i++) { using _ = lock.hold(); counter[0]++; }
}
main(import.meta, () => {
  const lock = new Lock(), counter = sharedInt32(1);
  const ts = [0, 1].map(() => new Thread({ target: add, args: [lock, counter] }));
  ts.forEach((t) => t.start()); ts.forEach((t) => t.join());
  print("counter", counter[0]);
});
`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, [program], { timeout: 30_000 });
    expect(stdout.trim()).toBe("counter 20000");
  });
});
