"""The CPython baselines of `pnpm bench`: the same figures, measured the same
way (a warm-up round sizes timed rounds of about ROUND_S seconds each; the
figure is their median), with Python's own threading, queue and
concurrent.futures. Prints one JSON object on stdout.

    python3 python/bench.py [--quick] [--pool N] [--only lock,counter,pingpong,queue,start,pool]
"""

import json
import platform
import queue
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = "--quick" in sys.argv
ROUNDS = 1 if QUICK else 7
ROUND_S = 0.005 if QUICK else 0.15
STARTS = 2 if QUICK else 12
# Pools are compared at the same number of workers as ours and piscina's (one per core).
POOL = int(sys.argv[sys.argv.index("--pool") + 1]) if "--pool" in sys.argv else None
BOUND = 1024

figures = []


def figure(id, label, unit, better, samples):
    figures.append({
        "id": id, "label": label, "unit": unit, "better": better,
        "value": statistics.median(samples), "samples": samples,
    })


def rounds(run, warmup, multiple=1):
    """run(count) -> seconds. Returns the rate (count per second) of each timed round."""
    count = warmup
    rates = []
    for r in range(ROUNDS + 1):
        seconds = run(count)
        rate = count / seconds
        if r > 0:
            rates.append(rate)
        count = max(multiple, -(-int(rate * ROUND_S) // multiple) * multiple)
    return rates


def in_threads(bodies):
    """Starts one thread per body, lets them go together, returns the seconds until all end."""
    gate = threading.Barrier(len(bodies) + 1)

    def wrap(body):
        gate.wait()
        body()

    threads = [threading.Thread(target=wrap, args=(b,)) for b in bodies]
    for t in threads:
        t.start()
    gate.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - t0


def lock_uncontended():
    lock = threading.Lock()

    def run(count):
        t0 = time.perf_counter()
        for _ in range(count):
            lock.acquire()
            lock.release()
        return time.perf_counter() - t0

    rates = rounds(run, 100_000)
    figure("cpython.lock", "CPython threading.Lock acquire() + release()", "ns", "lower",
           [1e9 / r for r in rates])

    def run_with(count):
        t0 = time.perf_counter()
        for _ in range(count):
            with lock:
                pass
        return time.perf_counter() - t0

    rates = rounds(run_with, 100_000)
    figure("cpython.lock-with", "CPython `with lock:`", "ns", "lower", [1e9 / r for r in rates])


def locked_counter(n):
    lock = threading.Lock()
    box = [0]

    def run(count):
        box[0] = 0

        def body():
            for _ in range(count // n):
                with lock:
                    box[0] += 1

        seconds = in_threads([body] * n)
        assert box[0] == count, (box[0], count)
        return seconds

    figure(f"cpython.counter{n}", f"CPython Lock counter, {n} threads", "ops/s", "higher",
           rounds(run, 20_000, n))


def condition_ping_pong():
    cond = threading.Condition()
    turn = [0]

    def side(me, count):
        def body():
            for _ in range(count):
                with cond:
                    while turn[0] != me:
                        cond.wait()
                    turn[0] = 1 - me
                    cond.notify()
        return body

    figure("cpython.cond-pingpong", "CPython Condition ping-pong", "rt/s", "higher",
           rounds(lambda c: in_threads([side(0, c), side(1, c)]), 1_000))


def event_ping_pong():
    ping, pong = threading.Event(), threading.Event()

    def run(count):
        def a():
            for _ in range(count):
                ping.set()
                pong.wait()
                pong.clear()

        def b():
            for _ in range(count):
                ping.wait()
                ping.clear()
                pong.set()

        return in_threads([a, b])

    figure("cpython.event-pingpong", "CPython Event ping-pong", "rt/s", "higher",
           rounds(run, 1_000))


def queue_throughput(objects, pairs, maxsize):
    q = queue.Queue(maxsize)

    def run(count):
        sums = []

        def producer(index):
            def body():
                if objects:
                    for i in range(index, count, pairs):
                        q.put({"id": i, "name": "item", "done": False})
                else:
                    for i in range(index, count, pairs):
                        q.put(i)
            return body

        def consumer():
            total = 0
            for _ in range(count // pairs):
                item = q.get()
                total += item["id"] if objects else item
            sums.append(total)

        bodies = []
        for i in range(pairs):
            bodies += [producer(i), consumer]
        seconds = in_threads(bodies)
        assert sum(sums) == count * (count - 1) // 2
        return seconds

    what = "obj" if objects else "num"
    bound = "bounded" if maxsize else "unbounded"
    label = "CPython queue.Queue, same case"
    figure(f"cpython.queue.{what}.{pairs}x{pairs}.{bound}", label, "items/s", "higher",
           rounds(run, 10_000, pairs))


def thread_start():
    times = []
    for _ in range(STARTS):
        seen = []
        t0 = time.perf_counter()
        t = threading.Thread(target=lambda: seen.append(time.perf_counter()))
        t.start()
        t.join()
        times.append((seen[0] - t0) * 1000)
    figures.append({
        "id": "cpython.thread-start", "label": "CPython Thread.start() to first line", "unit": "ms",
        "better": "lower", "value": statistics.median(times), "samples": times,
    })


def pool_tasks():
    with ThreadPoolExecutor(max_workers=POOL) as pool:
        def run(count):
            t0 = time.perf_counter()
            futures = [pool.submit(int, i) for i in range(count)]
            for f in futures:
                f.result()
            return time.perf_counter() - t0

        figure("cpython.pool", f"CPython ThreadPoolExecutor, trivial tasks ({pool._max_workers} threads)",
               "tasks/s", "higher", rounds(run, 2_000))


GROUPS = {
    "lock": [lock_uncontended],
    "counter": [lambda: locked_counter(2), lambda: locked_counter(4)],
    "pingpong": [condition_ping_pong, event_ping_pong],
    "queue": [lambda o=o, p=p, m=m: queue_throughput(o, p, m)
              for o in (False, True) for p in (1, 4) for m in (0, BOUND)],
    "start": [thread_start],
    "pool": [pool_tasks],
}
# --only lock,queue runs some groups (the bench runs each next to our figures); default: all.
only = sys.argv[sys.argv.index("--only") + 1].split(",") if "--only" in sys.argv else list(GROUPS)
for name in only:
    for measure in GROUPS[name]:
        measure()

print(json.dumps({"python": platform.python_version(), "implementation": platform.python_implementation(),
                  "figures": figures}))
