import sys
import threading
import time

CONNECTIONS = 3
THREADS = 10
REQUESTS = 5
TICK_MS = 100  # one request allowed per tick

in_use = 0
ticks = 0
count_lock = threading.Lock()  # Python has no atomic add


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


# Use one of the CONNECTIONS: wait until one is free.
def query(pool):
    global in_use
    with pool:  # acquire; released at the end of the block
        with count_lock:
            in_use += 1
            now = in_use
        say(f"{threading.current_thread().name}: connected, {now} in use")
        time.sleep(0.05)  # the query
        with count_lock:
            in_use -= 1


# The rate limiter: one permit every TICK_MS.
def ticker(permits):
    global ticks
    for _ in range(REQUESTS):
        time.sleep(TICK_MS / 1000)
        with count_lock:
            ticks += 1
        permits.release()  # one more request may go


def client(permits):
    for n in range(1, REQUESTS + 1):
        permits.acquire()  # wait for a permit
        with count_lock:
            seen = ticks
        say(f"request {n} after tick {seen}")


if __name__ == "__main__":
    pool = threading.BoundedSemaphore(CONNECTIONS)
    threads = [
        threading.Thread(name=f"q{i}", target=query, args=(pool,))
        for i in range(1, THREADS + 1)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    try:
        pool.release()  # one more than was acquired: a bug
    except ValueError as error:
        say(f"one release too many: {error}")

    permits = threading.Semaphore(0)  # no request may go yet
    limited = [
        threading.Thread(target=ticker, args=(permits,)),
        threading.Thread(target=client, args=(permits,)),
    ]
    for t in limited:
        t.start()
    for t in limited:
        t.join()
