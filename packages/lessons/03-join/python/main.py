import sys
import threading
import time


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


def work(seconds):
    say("thread: working...")
    time.sleep(seconds)  # stands in for real work
    say("thread: done")


if __name__ == "__main__":
    t = threading.Thread(target=work, args=(0.6,))
    t.start()
    say("main: waiting for the thread")

    # Wait at most 0.1 s. Python's join returns None: ask is_alive().
    t.join(0.1)
    ended = not t.is_alive()
    say(f"main: after 0.1 s, ended={ended}, alive={t.is_alive()}")

    t.join()  # wait as long as it takes
    say(f"main: joined, alive={t.is_alive()}")
    say("main: the thread is done, so this line is last")
