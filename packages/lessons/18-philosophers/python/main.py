import sys
import threading
import time
from contextlib import nullcontext

N = 5  # philosophers, and a fork between each two
MEALS = 3


def dine(i, first, second, seats, eating, meals):
    for _ in range(MEALS):
        time.sleep(0.001)  # think
        with seats or nullcontext():  # the footman, if there is one
            with first:
                time.sleep(0.001)  # reach for the other fork
                with second:
                    eating[i] = 1
                    if eating[(i + N - 1) % N] or eating[(i + 1) % N]:
                        meals[N] += 1  # must never happen
                    time.sleep(0.001)  # eat
                    meals[i] += 1
                    eating[i] = 0


def table(how, ordered, seats=None):
    forks = [threading.Lock() for _ in range(N)]
    eating = [0] * N
    meals = [0] * (N + 1)  # N counts, then the clashes
    threads = []
    for i in range(N):
        first, second = forks[i], forks[(i + 1) % N]
        # Fix 1: take the lower-numbered fork first. Only the last
        # philosopher, whose right fork is fork 0, turns round.
        if ordered and i == N - 1:
            first, second = second, first
        args = (i, first, second, seats, eating, meals)
        threads.append(threading.Thread(target=dine, args=args, name=f"p{i}"))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    counts = ", ".join(str(m) for m in meals[:N])
    sys.stdout.write(f"{how}: meals {counts}; neighbours at once: {meals[N]}\n")


if __name__ == "__main__":
    table("lock order", True)
    table("a footman", False, threading.Semaphore(N - 1))  # Fix 2: N - 1 seats
