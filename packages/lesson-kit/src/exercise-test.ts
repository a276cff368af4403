/**
 * The exercises' proof in `pnpm test`: for every exercise folder of a
 * lesson, its files and checks are well formed, its solution is accepted
 * and its starting code is not (exercise-check.ts's `proveExercise`).
 * `describeLesson` runs it for every lesson that has exercises, so a new
 * lesson's exercises are proven with no list to edit.
 */
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { FileVerdict } from "./exercise-check.ts";
import { proveExercise } from "./exercise-check.ts";
import { findExercises, loadExerciseChecks, readExercise } from "./exercises.ts";
import { type LessonFolder, parseLessonId } from "./lessons.ts";

/** Long enough for a few dozen stepped runs on a loaded 2-core machine. */
const PROOF_TIMEOUT_MS = 600_000;

const show = (v: FileVerdict) =>
  [...v.words, ...(v.replay ? [`  replay: ${v.replay}`] : [])].join("\n");

/** A test per exercise of the lesson in `dir`: the proof that it can be done, and is not done already. */
export function describeExercises(dir: string): void {
  const id = parseLessonId(dir);
  if (!id) throw new Error(`${dir} is not a lesson folder (NN-slug)`);
  const lesson: LessonFolder = { ...id, dir };
  for (const folder of findExercises(lesson)) {
    describe(`exercise ${folder.id} (${folder.folder})`, () => {
      it("has a task, hints, starting code, a solution and checks a learner can read", async () => {
        const exercise = readExercise(folder);
        expect(exercise.hints.length, "a ladder of hints under ## Hints").toBeGreaterThan(0);
        const { checks } = await loadExerciseChecks(exercise);
        for (const [title, check] of Object.entries(checks.checks))
          expect(typeof check.says === "string" || typeof check.says === "function", title).toBe(
            true,
          );
      });
      it(
        "accepts the solution and not the starting code",
        async () => {
          const exercise = readExercise(folder);
          const { solution, start } = await proveExercise(exercise);
          if (!solution.accepted)
            throw new Error(
              `${relative(folder.dir, exercise.solutionFile)} is not accepted:\n${show(solution)}`,
            );
          if (start.accepted)
            throw new Error(
              `start.ts is accepted already, so there is nothing to do:\n${show(start)}`,
            );
          if (
            exercise.kind !== "break" &&
            exercise.explore > 0 &&
            start.decisive?.on !== "schedule"
          )
            throw new Error(`start.ts must fail on an explored schedule:\n${show(start)}`);
        },
        PROOF_TIMEOUT_MS,
      );
    });
  }
}
