import sys
import threading
import time


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


def worker(steps):
    me = threading.current_thread()  # the Thread this code runs on
    for step in range(1, steps + 1):
        say(f"{me.name} (ident {me.ident}): step {step}")
        time.sleep(0.05)


if __name__ == "__main__":
    threads = [
        threading.Thread(target=worker, args=(3,), name=f"worker-{i}")
        for i in range(1, 5)
    ]
    for t in threads:
        t.start()
    say(f"main: started {len(threads)} threads")
    for t in threads:
        t.join()

    unnamed = threading.Thread(target=worker, args=(1,))
    unnamed.start()
    unnamed.join()
    say(f"main: all joined (I am {threading.current_thread().name})")
