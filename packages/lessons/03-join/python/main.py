import sys
import threading
import time


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


def work(seconds, result):
    say("thread: working...")
    time.sleep(seconds)  # stands in for real work
    result.append(6 * 7)  # the thread's answer
    say("thread: done")


def forever():
    while True:
        time.sleep(0.1)  # never returns


if __name__ == "__main__":
    result = []  # a list both threads see
    t = threading.Thread(target=work, args=(0.6, result))
    t.start()
    say("main: waiting for the thread")

    # Wait at most 0.1 s. Python's join returns None: ask is_alive().
    t.join(0.1)
    ended = not t.is_alive()
    say(f"main: after 0.1 s, ended={ended}, alive={t.is_alive()}")

    t.join()  # wait as long as it takes
    say(f"main: joined, alive={t.is_alive()}")
    say(f"main: the result is {result[0]}")  # safe: t has ended

    # A daemon thread does not keep the program running.
    d = threading.Thread(target=forever, daemon=True)
    d.start()
    say(f"main: daemon started, alive={d.is_alive()}")
    say("main: my last line; the program ends here")
