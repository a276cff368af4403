/**
 * The concurrency contract of part 2 (Condition, Semaphore, Barrier, Timer,
 * the queues, the pool), in the form of `scenarios.ts`: each entry is a
 * complete program in `scenarios/` and the lines its output must show. The
 * `<primitive>.test.ts` files run them on Node; `part2.browser.test.ts` runs
 * every one in Chromium's Web Workers.
 */
import { check, type Scenario } from "./scenarios.ts";

export interface Part2Scenario extends Scenario {
  /** Lines that must appear exactly this many times. */
  counts?: Record<string, number>;
}

/** `check`, plus the exact counts. */
export function checkPart2(scenario: Part2Scenario, lines: string[]): string[] {
  const problems = check(scenario, lines);
  for (const [line, count] of Object.entries(scenario.counts ?? {})) {
    const seen = lines.filter((l) => l === line).length;
    if (seen !== count) problems.push(`${line}: ${seen} times, expected ${count}`);
  }
  return problems;
}

export const part2: Record<string, Part2Scenario[]> = {
  // A timed wait that gives up leaves the state as if it never tried: each
  // primitive with a timeout, under contention, checked after every timeout.
  timeouts: [
    {
      file: "timeout-locks.ts",
      title:
        "a Lock or RLock acquire({ timeout }) that returns false under contention leaves the lock free for others",
      expected: [
        "Lock leaked 0 overlaps 0 not owned 0",
        "Lock free after true",
        "Lock saw both outcomes true",
        "RLock leaked 0 overlaps 0 not owned 0",
        "RLock free after true",
        "RLock saw both outcomes true",
      ],
    },
    {
      file: "timeout-condition.ts",
      title:
        "a timed Condition wait under contention returns holding its RLock at every level; each notify makes one wait return true",
      expected: [
        "not held 0 overlaps 0 spurious 0",
        "notifies all returned true true outstanding 0",
        "saw both outcomes true",
        "free after true",
        "a later wait times out cleanly true",
      ],
    },
    {
      file: "timeout-semaphore.ts",
      title:
        "a Semaphore or BoundedSemaphore acquire({ timeout }) that returns false under contention takes no permit",
      expected: [
        "Semaphore over 0 leaked 0 over-released 0",
        "Semaphore value after 2",
        "Semaphore saw both outcomes true",
        "BoundedSemaphore over 0 leaked 0 over-released 0",
        "BoundedSemaphore value after 2",
        "BoundedSemaphore saw both outcomes true",
      ],
    },
    {
      file: "timeout-barrier.ts",
      title:
        "a Barrier wait that times out breaks it for both parties, as in Python; a round either trips for both or fails for both",
      expected: [
        "disagreed 0 whole after timeout 0 other errors 0",
        "rounds 1500 saw both outcomes true",
        "after broken false waiting 0",
      ],
    },
    {
      file: "timeout-futures-join.ts",
      title:
        "a timed-out result, wait, asCompleted or join changes nothing: every future completes once with its result, every thread joins",
      expected: [
        "futures completed 600 of 600",
        "problems none",
        "futures timed out some true join timed out some true",
        "future timeout -1 RangeError RangeError RangeError RangeError",
        "join timeout -1 RangeError",
      ],
    },
    {
      file: "timeout-queue.ts",
      title:
        "a put that throws Full puts nothing and a get that throws Empty takes nothing, under contention",
      expected: [
        "Queue exactly once 3000 of 3000 out of order 0 overfull 0",
        "Queue left 0 empty true",
        "Queue timed out some true",
        "Queue full after false join returns true",
        "SimpleQueue exactly once 3000 of 3000 out of order 0 overfull 0",
        "SimpleQueue left 0 empty true",
        "SimpleQueue timed out some true",
      ],
    },
  ],
  condition: [
    {
      file: "condition-notify-counts.ts",
      title: "notify(1) wakes exactly one waiter, notify(2) two, notifyAll() the rest",
      expected: ["notify(1) woke 1", "notify(2) woke 2", "all woke 5 notified 5"],
    },
    {
      file: "condition-ping-pong.ts",
      title: "100,000 ping-pong rounds through one Condition lose no wake-up",
      expected: ["played 200000", "stalls 0"],
    },
  ],
  semaphore: [
    {
      file: "semaphore-limits.ts",
      title: "a Semaphore(2) admits two threads at once; a BoundedSemaphore refuses over-release",
      expected: [
        "most inside at once at most 2",
        "value after 2",
        "over-release refused true value 1",
        "non-blocking acquire true then false",
      ],
    },
  ],
  barrier: [
    {
      file: "barrier-rounds.ts",
      title: "8 threads × 1,000 Barrier rounds: nobody leaves early, indexes 0..7 once per round",
      expected: [
        "rounds with indexes 0..7 once 1000",
        "early leavers 0",
        "actions 1000",
        "broken false waiting 0",
      ],
    },
    {
      file: "barrier-breaks.ts",
      title:
        "a timeout, abort() or reset() breaks the Barrier for every waiter; reset() repairs it",
      expected: [
        "timeout broke it for 2 broken true",
        "later wait refused true",
        "after reset broken false",
        "abort broke it for 2",
        "reset broke it for 2 broken after false",
        "a full round after reset true broken 2",
      ],
    },
  ],
  timer: [
    {
      file: "timer-fires-or-cancels.ts",
      title: "a Timer calls its function after the interval; a cancelled one never does",
      expected: [
        "fired 1 after at least the interval true",
        "cancelled fired 0",
        "timer name true",
      ],
    },
  ],
  queue: [
    {
      file: "queue-stress.ts",
      title: "4 producers × 4 consumers × 100,000 items through a bounded Queue: each exactly once",
      expected: ["delivered 400000", "exactly once 400000", "left 0"],
    },
    {
      file: "queue-objects.ts",
      title:
        "structured items of many sizes cross whole through a bounded queue; an uncopyable one is refused",
      expected: ["exactly once 6000", "torn 0", "refused TypeError size after 0"],
    },
    {
      file: "queue-unbounded.ts",
      title:
        "fill first, then start the workers: unbounded queues hold 200,000 items, Queue(1,100,000) exactly that",
      expected: [
        "Queue held 200000 truthful true delivered exactly once 200000 left 0",
        "Queue of strings held 200000 truthful true delivered exactly once 200000 left 0",
        "LifoQueue held 200000 truthful true delivered exactly once 200000 left 0",
        "PriorityQueue held and ordered 200000 true",
        "SimpleQueue held 200000 truthful true delivered exactly once 200000 left 0",
        "Queue(1100000) held 1100000 full true qsize 1100000",
      ],
    },
    {
      file: "queue-timeouts.ts",
      title:
        "timed puts and gets (0, 0.02, 1 ms) that give up leave the queue as if they never tried",
      expected: [
        "Queue exactly once 6000 left 0 tasks balanced true timed out true",
        "LifoQueue exactly once 6000 left 0 tasks balanced true timed out true",
        "PriorityQueue exactly once 6000 left 0 tasks balanced true timed out true",
      ],
    },
    {
      file: "large-values.ts",
      title:
        "256 MiB crosses whole through a Queue, as a pool argument and result, and as a thread argument",
      expected: [
        "queue 256 MiB there true back true",
        "pool argument and result 256 MiB true",
        "pool string 32 MiB true",
        "thread argument 256 MiB true",
      ],
    },
    {
      file: "queue-join.ts",
      title: "join() returns once every item put was marked with taskDone()",
      expected: ["all done at join 20"],
    },
    {
      file: "queue-shutdown.ts",
      title:
        "shutdown() wakes blocked getters with ShutDown after the last item; immediate releases join",
      expected: [
        "delivered 4 then ShutDown in 3 getters",
        "put after shutdown ShutDown",
        "immediate shutdown released join true left 0",
      ],
    },
    {
      file: "queue-orders.ts",
      title: "LifoQueue and PriorityQueue keep their order across threads",
      expected: ["lifo 4,3,2,1", "priority a,a2,b,c,d"],
    },
  ],
  runtime: [
    {
      file: "fresh-module-state.ts",
      title:
        "threads started one after another (warm on Node) get fresh module state and their own names",
      expected: ["fresh module state 1,1,1,1,1", "own names 1,1,1,1,1"],
    },
    {
      file: "top-level-once-per-thread.ts",
      title:
        "module code runs once per thread, and never for a worker started ahead that runs none",
      expected: ["main done"],
      counts: { "module loaded": 4 },
    },
  ],
  pool: [
    {
      file: "pool-slot-reuse.ts",
      title:
        "a task submitted the moment the last one's result is drained runs: 20,000 tasks one at a time, each awaited with result(0)",
      expected: ["tasks 20000 sum 399980000 of 399980000"],
    },
    {
      file: "pool-map-in-order.ts",
      title: "ThreadPoolExecutor.map returns results in order while tasks finish out of order",
      expected: ["results 0,1,4,9,16,25", "finished out of order true", "mapAsync 0,1,4,9,16,25"],
    },
    {
      file: "pool-no-deadlock.ts",
      title:
        "no size or count of tasks deadlocks the pool: 5,000 × 2,000 characters on 2 workers, 100,000 tasks",
      expected: ["5000 long strings echoed in order 5000", "100000 tasks echoed in order 100000"],
    },
    {
      file: "pool-futures.ts",
      title:
        "futures: errors intact, cancel, wait, asCompleted, callbacks, shutdown({ cancelFutures })",
      expected: [
        "error true ParseError: bad row 7",
        "stack names parse true",
        "cause RangeError: column out of range",
        "exception() bad row 7",
        "cancel queued true cancelled true done true",
        "cancel running false",
        "result of cancelled true",
        "wait timed out with 0 done 1 not done",
        "blocker released callback released",
        "asCompleted 10,300,600",
        "after cancelFutures slow 200 cancelled 4",
        "submit after shutdown: cannot schedule new futures after shutdown",
        "result(50) TimeoutError",
        "map timeout TimeoutError",
      ],
    },
    {
      file: "pool-broken.ts",
      title: "a failed initializer breaks the pool; bad arguments and unsendable results are named",
      expected: [
        "queued task true",
        "submit refused true",
        "unsendable result TypeError true",
        "bad argument TypeError: cannot send argument 2 of work to the pool: args[1] is a function",
        "lock argument TypeError: cannot send argument 4 of work to the pool: args[3].rows[1] is a Lock",
        "lock argument told initargs true",
        "anonymous task RuntimeError: the task function is an anonymous function",
        "unsendable result says the result of returnsFunction cannot be sent back from the worker: result is a function",
      ],
    },
  ],
};

/** Scenarios that need Node (process.exit in a thread): run by the Node tests only. */
export const part2NodeOnly: Record<string, Part2Scenario[]> = {
  queue: [
    {
      file: "queue-memory.ts",
      title: "10,000 queues cost only what they use: under 40 KiB of resident memory each",
      expected: ["10000 queues under 40 KiB each true"],
    },
  ],
  runtime: [
    {
      file: "warm-after-wait.ts",
      title:
        "after the first, each thread of a main that only starts, joins and sleeps runs on a spare made ahead",
      expected: ["loaded by a spare 0,1,1,1"],
    },
    {
      file: "thread-exit-while-joined.ts",
      title: "a thread's process.exit ends its worker and releases a join blocked at that moment",
      expected: [
        "join returned true alive false",
        "exception thread leaver exited with code 3 before its target returned",
      ],
    },
    {
      file: "thread-orphaned.ts",
      title:
        "a daemon whose starting thread's worker exits is stopped with it, and marked ended, not left alive",
      expected: ["orphan gone true"],
    },
  ],
  pool: [
    {
      file: "pool-worker-dies.ts",
      title: "a worker that dies mid-task fails its future and the queued ones with BrokenExecutor",
      expected: [
        "dead worker's task true",
        "cause names the exit true",
        "queued task true",
        "submit refused true",
        "shutdown returned",
      ],
    },
  ],
};
