import threading

THREADS = 4
ADDS = 1_000_000  # additions per thread


def add_one(counter):
    # `counter[0] += 1`, spelled out in its three steps.
    value = counter[0]  # 1. read
    value = plus_one(value)  # 2. add
    counter[0] = value  # 3. write back


def plus_one(value):
    return value + 1


def add_unsafe(counter, go):
    go.wait()  # start when every thread is ready
    for _ in range(ADDS):
        add_one(counter)


def add_safe(counter, go, lock):
    go.wait()
    for _ in range(ADDS):
        with lock:  # the lock is released at the end of the block
            add_one(counter)


if __name__ == "__main__":
    total = THREADS * ADDS

    a = [0]
    go_a = threading.Barrier(THREADS)
    unsafe = [
        threading.Thread(target=add_unsafe, args=(a, go_a))
        for _ in range(THREADS)
    ]
    for t in unsafe:
        t.start()
    for t in unsafe:
        t.join()
    print(f"without a lock: {a[0]} of {total}")
    print(f"  lost updates: {total - a[0]}")

    b = [0]
    go_b = threading.Barrier(THREADS)
    lock = threading.Lock()
    safe = [
        threading.Thread(target=add_safe, args=(b, go_b, lock))
        for _ in range(THREADS)
    ]
    for t in safe:
        t.start()
    for t in safe:
        t.join()
    print(f"with a lock:    {b[0]} of {total}")
