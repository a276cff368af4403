import queue
import sys
import threading
import time

ITEMS = 8
CONSUMERS = 2
DONE = None  # the stop sign: "no more items"


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


def producer(q):
    for item in range(1, ITEMS + 1):
        q.put(item)  # waits while the queue is full
        say(f"producer: put {item}")
    for _ in range(CONSUMERS):
        q.put(DONE)  # one each
    say("producer: done")


def consumer(q):
    name = threading.current_thread().name
    while True:
        item = q.get()  # waits while the queue is empty
        if item is DONE:
            break
        say(f"  {name}: got {item}")
        time.sleep(0.05)  # consuming is slower than producing
    say(f"  {name}: no more items, stopping")


if __name__ == "__main__":
    q = queue.Queue(maxsize=2)  # holds at most 2
    threads = [
        threading.Thread(target=producer, args=(q,)),
        threading.Thread(target=consumer, args=(q,), name="c1"),
        threading.Thread(target=consumer, args=(q,), name="c2"),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    say("main: every item was consumed")
