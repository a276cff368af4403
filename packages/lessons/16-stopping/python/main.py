import sys
import threading
import time


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


failed = {}  # Python's joiner does not get the error: the hook keeps it


def hook(args):
    say(f"excepthook: {args.thread.name} died: {args.exc_value}")
    failed[args.thread.name] = args.exc_value


threading.excepthook = hook  # one hook for every thread


def parse(text):
    if not text.isdigit():
        raise ValueError(f"not a number: {text}")
    say(f"parse: {int(text)}")


def ring(what):
    say(f"timer: {what}")


def worker(lock, stop, ready):
    rounds = 0
    while not stop.wait(0.005):
        with lock:  # released however the round ends
            rounds += 1
            if rounds == 3:
                ready.set()  # main stops it after that
    say(f"worker: saw the stop after {rounds} rounds")


def crash(lock):
    lock.acquire()
    raise RuntimeError("gone while holding the lock")  # no release


def heartbeat():
    while True:
        time.sleep(0.1)  # never returns


if __name__ == "__main__":
    parser = threading.Thread(target=parse, args=("forty",), name="parser")
    parser.start()
    parser.join()  # returns: the thread ended, by an error
    say(f"main: the parser failed: {failed['parser']}")

    never = threading.Timer(5.0, ring, args=("the cancelled one",))
    soon = threading.Timer(0.02, ring, args=("20 ms are up",))
    never.start()
    soon.start()
    never.cancel()  # before its 5 s are up: it will not ring
    soon.join()
    never.join()

    lock = threading.Lock()
    stop = threading.Event()
    ready = threading.Event()
    w = threading.Thread(target=worker, args=(lock, stop, ready), name="worker")
    w.start()
    ready.wait()
    stop.set()  # ask; the worker ends at its next check
    w.join()
    say(f"main: after the stop, locked() is {lock.locked()}")

    c = threading.Thread(target=crash, args=(lock,), name="crasher")
    c.start()
    c.join()
    # Python's lock stays locked for good; a plain acquire() would hang.
    if not lock.acquire(timeout=0.1):
        say("main: acquire(timeout=0.1) gave up: crasher ended holding it")

    beat = threading.Thread(target=heartbeat, daemon=True, name="heartbeat")
    beat.start()
    say(f"main: returning; the daemon is alive: {beat.is_alive()}")
