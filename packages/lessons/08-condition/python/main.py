import sys
import threading
import time
from collections import deque

SIZE = 3  # room for 3 items
ITEMS = 10

buffer = deque()  # the shared buffer: every thread sees it
done = False  # True once the producer has finished


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


def producer(not_full, not_empty):
    global done
    for item in range(1, ITEMS + 1):
        with not_full:  # the lock both conditions share
            while len(buffer) == SIZE:
                say("producer: buffer full, waiting")
                not_full.wait()  # releases the lock while it waits
            buffer.append(item)
            say(f"producer: put {item}")
            not_empty.notify()  # wake one waiting consumer
    with not_empty:  # once more, to say "done"
        done = True
        not_empty.notify_all()  # wake every consumer: no more items


def consumer(not_full, not_empty):
    name = threading.current_thread().name
    while True:
        with not_empty:
            # A loop, not an `if`: when we wake up, another consumer
            # may have taken the item already.
            while not buffer and not done:
                not_empty.wait()
            if not buffer:
                break  # done, and nothing left
            item = buffer.popleft()
            say(f"  {name}: got {item}")
            not_full.notify()  # wake the producer if it waits for room
        # the lock is released here
        time.sleep(0.1)  # handle the item, without holding the lock
    say(f"  {name}: stopping")


if __name__ == "__main__":
    lock = threading.Lock()
    not_full = threading.Condition(lock)  # "there is room"
    not_empty = threading.Condition(lock)  # "there is an item"
    args = (not_full, not_empty)
    threads = [
        threading.Thread(target=producer, args=args),
        threading.Thread(target=consumer, args=args, name="c1"),
        threading.Thread(target=consumer, args=args, name="c2"),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    say("main: all items consumed")
