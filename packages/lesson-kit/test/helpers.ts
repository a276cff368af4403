import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

const fixtures = new URL("./fixtures/", import.meta.url);
const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of a fixture lesson in a temporary folder, removed after the test. */
export function copyFixture(name: string): string {
  const root = mkdtempSync(join(tmpdir(), "lesson-kit-"));
  made.push(root);
  const dir = join(root, name);
  cpSync(new URL(name, fixtures), dir, { recursive: true });
  return dir;
}
