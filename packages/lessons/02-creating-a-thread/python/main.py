import sys
import threading


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


def greet():
    say("thread: hello from the new thread")


if __name__ == "__main__":
    t = threading.Thread(target=greet)  # created, not running
    say("main: thread created")
    t.start()  # now it runs, alongside this one
    say("main: thread started")
    say("main: my last line")
