import os
import sys
import time
from concurrent.futures import (
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
)

LIMIT = 150_000  # count the primes below this (TypeScript: 1,500,000)
TASKS = 12  # in this many tasks
ROUNDS = 3  # timed runs of each pool, taking turns


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


# A task: any function, for a thread; for a process, one the process
# can find by name (a module-level function).
def count_primes(start, stop):
    count = 0
    for n in range(max(start, 2), stop):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            count += 1
    return count


size = LIMIT // TASKS
starts = [i * size for i in range(TASKS)]
stops = [start + size for start in starts]


# The whole job on a pool: how long until every result was back.
def timed(pool):
    begin = time.perf_counter()
    total = sum(pool.map(count_primes, starts, stops))
    return total, (time.perf_counter() - begin) * 1000


if __name__ == "__main__":
    # The cores this process may use, as Node's availableParallelism().
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count()
    n = min(4, cores)
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    version = sys.version.split()[0]
    say(f"this machine: {cores} cores, so a pool of {n}")
    say(f"python {version}, GIL {'on' if gil else 'off'}")
    say(f"the job: the primes below {LIMIT}, in {TASKS} tasks")
    # The processes first, while this is the program's only thread: a
    # process is started by forking this one, and a fork copies no
    # other thread (nor lets go of a lock one of them held).
    procs = ProcessPoolExecutor(max_workers=n)
    timed(procs)  # untimed: starts the processes
    pool = ThreadPoolExecutor(max_workers=n)
    solo = ThreadPoolExecutor(max_workers=1)
    with procs, pool, solo:
        first = pool.submit(count_primes, 0, 100)  # a Future
        say(f"primes below 100: {first.result()}")  # waits for it

        counts = list(pool.map(count_primes, starts, stops))
        say(f"map, in task order: {' '.join(map(str, counts))}")

        futures = [pool.submit(count_primes, a, b) for a, b in zip(starts, stops)]
        order = [futures.index(f) + 1 for f in as_completed(futures)]
        say(f"as_completed, as they finished: {' '.join(map(str, order))}")

        # 1 thread, n threads and n processes, taking turns, the best
        # of each (the solo pool's first run starts its thread).
        timed(solo)
        pools = {"one": solo, "threads": pool, "procs": procs}
        runs = {name: [] for name in pools}
        for _ in range(ROUNDS):
            for name, p in pools.items():
                runs[name].append(timed(p))
        one, threads, processes = (
            min(runs[name], key=lambda r: r[1]) for name in pools
        )

    def line(label, run):
        return f"{label}: {run[0]} primes in {round(run[1])} ms"

    say(line("1 thread", one))
    say(line(f"{n} threads", threads))
    say(f"speed-up: {one[1] / threads[1]:.2f}× with {n} threads on {cores} cores")
    say(line(f"{n} processes", processes))
    say(f"speed-up: {one[1] / processes[1]:.2f}× with {n} processes on {cores} cores")
