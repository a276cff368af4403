import asyncio
import queue
import sys
import threading
import time

WORK_MS = 200


def say(text):
    sys.stdout.write(text + "\n")


def work(ms, done):
    # Busy for `ms` milliseconds, then says so on the queue.
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        pass  # computing...
    done.put(f"worked {ms} ms")


async def main():
    # A task on this thread's event loop: it ticks only while the
    # thread is free to run the loop.
    ticks = 0

    async def tick():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    timer = asyncio.create_task(tick())
    await asyncio.sleep(0)  # let the ticker start
    done = queue.Queue()

    a = threading.Thread(target=work, args=(WORK_MS, done))
    a.start()
    a.join()  # blocks this thread: the loop cannot run
    say(f"join():                 {ticks} ticks while it waited")

    ticks = 0
    b = threading.Thread(target=work, args=(WORK_MS, done))
    b.start()
    await asyncio.to_thread(b.join)  # another thread blocks instead
    say(f"await to_thread(join): {ticks} ticks while it waited")

    ticks = 0
    done.get()  # a's line, already there
    done.get()  # b's line
    c = threading.Thread(target=work, args=(WORK_MS, done))
    c.start()
    line = await asyncio.to_thread(done.get)
    say(f"await to_thread(get):  {ticks} ticks while it waited")
    say(f'  and got "{line}"')
    timer.cancel()
    c.join()


if __name__ == "__main__":
    asyncio.run(main())
