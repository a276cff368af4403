import sys
import threading
import time


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


def worker(ready, start, stop):
    name = threading.current_thread().name
    say(f"{name}: ready")
    ready.set()  # tell the main thread
    start.wait()  # block until some thread calls start.set()
    say(f"{name}: go!")
    rounds = 0
    while not stop.is_set():
        rounds += 1  # one round of work
        time.sleep(0.02)
    say(f"{name}: stopped after {rounds} rounds")


if __name__ == "__main__":
    start = threading.Event()
    stop = threading.Event()
    names = ["w1", "w2", "w3"]
    ready = [threading.Event() for _ in names]  # one per worker
    threads = [
        threading.Thread(
            target=worker, args=(ready[i], start, stop), name=name
        )
        for i, name in enumerate(names)
    ]
    for t in threads:
        t.start()

    for r in ready:
        r.wait()  # until every worker is ready
    say("main: start!")
    start.set()  # wakes every thread waiting on `start`

    time.sleep(0.2)  # let them work
    say("main: stop!")
    stop.set()  # each worker sees it at its next check
    for t in threads:
        t.join()
    say("main: all workers stopped")
