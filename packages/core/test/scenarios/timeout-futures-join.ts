// Timed waits for futures and threads, racing their end: tasks and threads
// run a random 0–300 µs while the owner waits for them with timeouts of 0 to
// 0.2 ms. A wait that times out changes nothing: the future still completes
// with its own result, exactly once, and is not cancelled; wait() splits the
// futures into done and not done, every one in one of them; asCompleted never
// yields one twice nor loses one; a join(timeout) that returns false leaves
// the thread to end and be joined, and one that returns true means it ended.
import {
  asCompleted,
  asCompletedAsync,
  FIRST_COMPLETED,
  type Future,
  main,
  print,
  Thread,
  ThreadPoolExecutor,
  TimeoutError,
  wait,
} from "../../src/index.ts";

const TASKS = 600;
const BATCH = 6;
const THREADS = 8;
const TIMEOUTS = [0, 0.02, 0.2];

function spin(us: number): void {
  const until = performance.now() + us / 1000;
  while (performance.now() < until) {}
}

export function task(value: number, us: number): number {
  spin(us);
  return value * 2;
}

export function brief(us: number): void {
  spin(us);
}

const problems: string[] = [];
let timeouts = 0;
let completions = 0;

function note(problem: string): void {
  if (problems.length < 5) problems.push(problem);
}

/** After a timed wait gave up: not cancelled, and still delivers its own result. */
function checkLater(future: Future<number>, value: number): void {
  if (future.cancelled()) note(`task ${value} cancelled by a timeout`);
}

function settled(future: Future<number>, value: number): void {
  if (future.result() !== value * 2) note(`task ${value} gave ${future.result()}`);
  completions++;
}

async function futures(pool: ThreadPoolExecutor): Promise<void> {
  for (let start = 0; start < TASKS; start += BATCH) {
    const values = Array.from({ length: BATCH }, (_, i) => start + i);
    const batch = values.map((v) => pool.submit(task, v, Math.random() * 300));
    const sentOf = new Map(batch.map((f, i) => [f, values[i]!]));
    const timeout = TIMEOUTS[(start / BATCH) % TIMEOUTS.length]!;
    switch ((start / BATCH) % 4) {
      case 0: // result(timeout), blocking and async
        for (const [i, f] of batch.entries()) {
          for (;;) {
            try {
              const result = i % 2 ? await f.resultAsync(timeout) : f.result(timeout);
              if (result !== sentOf.get(f)! * 2) note(`result ${result}`);
              completions++;
              break;
            } catch (error) {
              if (!(error instanceof TimeoutError)) throw error;
              timeouts++;
              checkLater(f, sentOf.get(f)!);
            }
          }
        }
        break;
      case 1: {
        // wait({ timeout, FIRST_COMPLETED }) until all are done
        let notDone = new Set(batch);
        while (notDone.size > 0) {
          const split = wait(notDone, { timeout, returnWhen: FIRST_COMPLETED });
          if (split.done.size + split.notDone.size !== notDone.size) note("wait lost a future");
          for (const f of split.done) {
            if (!f.done()) note("wait said done");
            settled(f, sentOf.get(f)!);
          }
          if (split.done.size === 0) timeouts++;
          for (const f of split.notDone) checkLater(f, sentOf.get(f)!);
          notDone = split.notDone;
        }
        break;
      }
      default: {
        // asCompleted(timeout) until all came out, each once
        const left = new Set(batch);
        const useAsync = (start / BATCH) % 4 === 3;
        const take = (f: Future<number>) => {
          if (!left.delete(f)) note("asCompleted yielded a future twice");
          settled(f, sentOf.get(f)!);
        };
        while (left.size > 0) {
          try {
            if (useAsync) {
              for await (const f of asCompletedAsync(left, timeout)) take(f);
            } else {
              for (const f of asCompleted(left, timeout)) take(f);
            }
          } catch (error) {
            if (!(error instanceof TimeoutError)) throw error;
            timeouts++;
            for (const f of left) checkLater(f, sentOf.get(f)!);
          }
        }
      }
    }
  }
}

/** The error's class a call throws, or what it returns: a timeout of -1 must be refused, not taken as forever. */
function outcome(call: () => unknown): string {
  try {
    const value = call();
    return `returned ${value instanceof Object ? value.constructor.name : String(value)}`;
  } catch (error) {
    return error instanceof Error ? error.name : String(error);
  }
}

async function joins(): Promise<{ falses: number }> {
  let falses = 0;
  for (let n = 0; n < THREADS; n++) {
    const t = new Thread({ target: brief, args: [Math.random() * 300] });
    t.start();
    for (let i = 0; ; i++) {
      const timeout = TIMEOUTS[i % TIMEOUTS.length]!;
      const ended = n % 2 ? await t.joinAsync(timeout) : t.join(timeout);
      if (ended) {
        if (t.isAlive()) note("join returned true for a live thread");
        break;
      }
      falses++;
    }
    if (!t.join(0)) note("a joined thread did not stay joined");
    if (n === 0) print(`join timeout -1 ${outcome(() => t.join(-1))}`);
  }
  return { falses };
}

main(import.meta, async () => {
  const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
  await futures(pool);
  const done = pool.submit(task, 1, 0);
  done.result();
  pool.shutdown();
  const negative = [
    outcome(() => done.result(-1)),
    outcome(() => done.exception(-1)),
    outcome(() => wait([done], { timeout: -1 })),
    outcome(() => [...asCompleted([done], -1)]),
  ];
  print(`future timeout -1 ${negative.join(" ")}`);
  const { falses } = await joins();
  print(`futures completed ${completions} of ${TASKS}`);
  print(`problems ${problems.length === 0 ? "none" : problems.join("; ")}`);
  print(`futures timed out some ${timeouts > 0} join timed out some ${falses > 0}`);
});
