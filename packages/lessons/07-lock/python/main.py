import threading

THREADS = 4
ADDS = 1_000_000  # additions per thread


def add_one(counter):
    # `counter[0] += 1`, spelled out: read, then write back plus one.
    value = counter[0]  # read
    counter[0] = value + 1  # write back


def add_unsafe(counter):
    for _ in range(ADDS):
        add_one(counter)


def add_safe(counter, lock):
    for _ in range(ADDS):
        with lock:  # the lock is released at the end of the block
            add_one(counter)


def run_all(target, *args):
    threads = [threading.Thread(target=target, args=args) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    total = THREADS * ADDS

    a = [0]
    run_all(add_unsafe, a)
    print(f"without a lock: {a[0]} of {total}")
    print(f"  lost updates: {total - a[0]}")

    b = [0]
    run_all(add_safe, b, threading.Lock())
    print(f"with a lock:    {b[0]} of {total}")
