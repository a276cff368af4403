/**
 * @unravel/core: Python's `threading` and `queue` modules for TypeScript, on
 * real workers and shared memory, with one API on Node and in the browser.
 *
 * @packageDocumentation
 */
import "./thread/boot.ts"; // first: connects the platform to the thread layer before anything runs
import "./step/engine.ts"; // step mode's engine fills in the hooks of step/state.ts

export { type DeadlockOptions, setDeadlockDetection } from "./diagnose/deadlock.ts";
export {
  BrokenBarrierError,
  BrokenExecutor,
  CancelledError,
  Empty,
  Full,
  LockAbandonedError,
  RuntimeError,
  ShutDown,
  ThreadError,
  TimeoutError,
} from "./errors.ts";
export { type PrintOptions, print, setPrintOptions } from "./io/print.ts";
export { sharedFloat64, sharedInt32, sharedUint8 } from "./memory/shared.ts";
export {
  type ShutdownOptions,
  ThreadPoolExecutor,
  type ThreadPoolExecutorOptions,
} from "./pool/executor.ts";
export { Future } from "./pool/future.ts";
export {
  ALL_COMPLETED,
  asCompleted,
  asCompletedAsync,
  type DoneAndNotDone,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  type ReturnWhen,
  type WaitOptions,
  waitFutures as wait,
  waitFuturesAsync as waitAsync,
} from "./pool/wait.ts";
export { LifoQueue } from "./queue/lifo.ts";
export { PriorityQueue } from "./queue/priority.ts";
export { type GetOptions, type PutOptions, Queue } from "./queue/queue.ts";
export { SimpleQueue } from "./queue/simple.ts";
export type { StepConfig, StepRecord } from "./step/engine.ts";
export {
  formatSchedule,
  parseSchedule,
  SCHEDULERS,
  type Scheduler,
} from "./step/schedulers.ts";
export { Barrier, type BarrierOptions } from "./sync/barrier.ts";
export { Condition, type ConditionLock } from "./sync/condition.ts";
export { Event } from "./sync/event.ts";
export { type AcquireOptions, Lock } from "./sync/lock.ts";
export { RLock } from "./sync/rlock.ts";
export { BoundedSemaphore, Semaphore } from "./sync/semaphore.ts";
export { type ExceptHook, type ExceptHookArgs, setExcepthook } from "./thread/excepthook.ts";
export { main } from "./thread/main.ts";
export {
  activeCount,
  currentThread,
  enumerate,
  mainThread,
  Thread,
  type ThreadOptions,
} from "./thread/thread.ts";
export { Timer, type TimerOptions } from "./thread/timer.ts";
export { sleep, sleepAsync } from "./time/sleep.ts";
export type { TraceEvent, TraceKind } from "./trace/trace.ts";
