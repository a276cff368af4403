import multiprocessing as mp
import queue
import sys


class Point:
    x = 1
    y = 2


def via_pipe(value):
    """One value through a Pipe: pickled, so a copy, in another object."""
    a, b = mp.Pipe()
    try:
        a.send(value)  # pickles now, in this thread
        return b.recv()
    finally:
        a.close()
        b.close()


def via_queue(value):
    """The same value through a queue.Queue: the object itself."""
    q = queue.Queue()
    q.put(value)  # a reference: threads share every object
    return q.get()


def show(what, make):
    def tell(how):
        value = make()
        try:
            got = how(value)
        except Exception as e:
            return f"refused: {type(e).__name__}"
        same = "the same object" if got is value else "a copy"
        return f"{type(got).__name__}, {same}"

    sys.stdout.write(f"{what}: pipe → {tell(via_pipe)}; queue → {tell(via_queue)}\n")


def square(inbox, outbox):
    for x in iter(inbox.get, 0):
        outbox.put(x * x)


if __name__ == "__main__":
    show("a dict", lambda: {"a": 1})
    show("a Point", Point)
    show("a function", lambda: lambda: 1)

    # 1 MiB would not fit in the pipe's buffer: send() would wait for
    # a recv() that this thread never reaches. A multiprocessing.Queue
    # pickles in a feeder thread of its own.
    b = bytearray(1 << 20)
    q = mp.Queue()
    q.put(b)
    copy = q.get()
    sys.stdout.write(f"multiprocessing.Queue, copied: sender {len(b)} bytes, receiver {len(copy)}\n")

    # Another process, through a multiprocessing.Queue: a feeder
    # thread pickles each item into a pipe.
    inbox, outbox = mp.Queue(), mp.Queue()
    p = mp.Process(target=square, args=(inbox, outbox))
    p.start()
    for x in [1, 2, 3, 4, 5, 0]:  # 0: stop
        inbox.put(x)
    got = [outbox.get() for _ in range(5)]
    p.join()
    sys.stdout.write(f"a process squared 1..5 → {', '.join(map(str, got))}\n")
