/**
 * The two programs of a lesson, and exactly how each is run: the same way
 * for `capture`, for the lesson's tests and for a learner at a terminal.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

/** Which of a lesson's two programs. */
export type Language = "typescript" | "python";

export interface Program {
  language: Language;
  /** The file, relative to the lesson folder. */
  file: string;
  /** The command a learner types, shown on the page. */
  command: string;
  executable: string;
  args: string[];
  env: Record<string, string>;
}

/** `node src/main.ts`, with the Node that runs this code (the pinned Node 24). */
export const typescriptProgram: Program = {
  language: "typescript",
  file: "src/main.ts",
  command: "node src/main.ts",
  executable: process.execPath,
  args: ["src/main.ts"],
  env: {},
};

/**
 * `python3 python/main.py`. Unbuffered, so that each line is recorded when
 * it is written (as in a terminal) rather than all at once at exit.
 */
export const pythonProgram: Program = {
  language: "python",
  file: "python/main.py",
  command: "python3 python/main.py",
  executable: "python3",
  args: ["python/main.py"],
  env: { PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1" },
};

/** Whether the lesson in `dir` has this program. */
export function hasProgram(dir: string, program: Program): boolean {
  return existsSync(join(dir, program.file));
}
