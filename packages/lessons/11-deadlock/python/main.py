import sys
import threading


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


def work(name, steps):
    for i in range(1, steps + 1):
        say(f"{name}: step {i} of {steps}")


if __name__ == "__main__":
    t = threading.Thread(target=work, args=("worker", 3))
    t.start()
    say("main: started the worker")
    t.join()  # wait until it is done
    say("main: joined the worker, so this line is last")
