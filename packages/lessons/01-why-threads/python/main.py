import sys
import threading
import time


def say(text):
    # One write per line: print() writes the text and the newline
    # separately, so two threads' lines could run together.
    sys.stdout.write(text + "\n")


def slow_work(seconds):
    """Keep the CPU busy, the way a long calculation would."""
    say("  work: start")
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass  # computing...
    say("  work: done")


if __name__ == "__main__":
    t0 = time.monotonic()

    def beat():
        say(f"beat at {round((time.monotonic() - t0) * 1000)} ms")

    say("1. The work runs inline, on the main thread:")
    for i in range(3):
        beat()
        time.sleep(0.1)
    slow_work(0.6)  # nothing else runs on this thread meanwhile
    beat()

    say("2. The work runs in a thread of its own:")
    worker = threading.Thread(target=slow_work, args=(0.6,))
    worker.start()
    while worker.is_alive():
        beat()
        time.sleep(0.1)
    worker.join()
    beat()
