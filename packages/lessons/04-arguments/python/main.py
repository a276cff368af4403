import sys
import threading


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


greeted = 0  # a module global: one for every thread


def greet(name, times=1, loud=False):
    global greeted
    greeted += 1
    text = f"hello, {name}"
    if loud:
        text = text.upper() + "!"
    for _ in range(times):
        say(text)


def change(items, shared):
    items.append(4)  # the very same list the main thread holds
    shared[0] = 42


def call_it(fn):
    say(fn())


if __name__ == "__main__":
    threads = [
        threading.Thread(target=greet, args=("Ada",)),
        threading.Thread(target=greet, args=("Alan",), kwargs={"times": 2}),
        threading.Thread(target=greet, args=("Grace",), kwargs={"loud": True}),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    say(f"greeted = {greeted}")  # 3: the threads counted here

    items = [1, 2, 3]
    shared = [0]
    t = threading.Thread(target=change, args=(items, shared))
    t.start()
    t.join()
    say(f"list = {items}")  # changed: threads share every object
    say(f"shared[0] = {shared[0]}")

    # Any object can be passed, a function too.
    t = threading.Thread(target=call_it, args=(lambda: "hi",))
    t.start()
    t.join()
