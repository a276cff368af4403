export { BROWSER_FILE, bundle, bundleCore } from "./bundle.ts";
export {
  type CapturedRun,
  CaptureError,
  type CaptureOptions,
  capture,
  formatRecord,
  RUN_FILE,
  type RunRecord,
} from "./capture.ts";
export {
  type CaptureLockOptions,
  CaptureLockTimeout,
  defaultLockPath,
  withCaptureLock,
} from "./capture-lock.ts";
export {
  courseExercises,
  DEFAULT_EXPLORE,
  EXERCISE_FILES,
  EXERCISE_KINDS,
  type Exercise,
  type ExerciseChecks,
  type ExerciseFolder,
  type ExerciseKind,
  findExercises,
  loadExerciseChecks,
  readExercise,
  resolveExercise,
} from "./exercises.ts";
export {
  type FrontMatter,
  type FrontMatterValue,
  readFrontMatter,
} from "./front-matter.ts";
export {
  findLessons,
  LESSON_FILES,
  type Lesson,
  type LessonFolder,
  type LessonId,
  type LessonMeta,
  type LessonPart,
  lessonPath,
  parseLessonId,
  readLesson,
  resolveLesson,
  scanLessons,
} from "./lessons.ts";
export {
  conditionsNote,
  loadAverage,
  type Machine,
  machine,
  type RunConditions,
} from "./machine.ts";
export {
  formatRun,
  type OutputLine,
  type ProcessRun,
  type RunOptions,
  runProcess,
} from "./process.ts";
export {
  hasProgram,
  type Language,
  type Program,
  pythonProgram,
  typescriptProgram,
} from "./programs.ts";
export {
  type CaptureDeclaration,
  type Check,
  type CheckResults,
  DECLARATION_FILE,
  defineCapture,
  lineIndex,
  loadDeclaration,
  ms,
  overlapMs,
  type PendingCheck,
  type RunCheck,
  type RunView,
  runChecks,
  runView,
  type ThreadSpan,
  threadSpans,
} from "./representative.ts";
export {
  type LessonRun,
  type LessonRunOptions,
  lessonDir,
  programs,
  runLesson,
  runProgram,
  runPython,
  TEST_TIMEOUT_MS,
} from "./testing.ts";
export { normaliseTrace, readTraceFile, type TraceEvent } from "./trace.ts";
