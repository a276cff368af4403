import sys
import threading

WORKERS = 4
CELLS = 8  # a ring of cells, 2 per worker
STEPS = 4

# The world: two rows of CELLS, the one being read (this step's) and
# the one being written (the next), and the count of steps done.
rows = [[0, 0, 0, 90, 0, 0, 0, 0], [0] * CELLS]
steps_done = 0


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


def show(step):
    return " ".join(str(c) for c in rows[step % 2])


# The barrier's action: run by the last thread to arrive, while
# every other one waits, once per step.
def end_of_step():
    global steps_done
    steps_done += 1
    say(f"step {steps_done}: {show(steps_done)}")


def simulate(tick, me):
    for step in range(STEPS):
        now, nxt = rows[step % 2], rows[(step + 1) % 2]
        for i in range(me * 2, me * 2 + 2):
            left = now[(i + CELLS - 1) % CELLS]
            right = now[(i + 1) % CELLS]
            nxt[i] = (left + now[i] + right) // 3
        tick.wait()  # nobody reads step + 1 before all have written it


def meet(gate):
    try:
        gate.wait(0.1)  # wait at most 100 ms for the others
        say(f"{threading.current_thread().name}: passed")
    except threading.BrokenBarrierError:
        say(f"{threading.current_thread().name}: broken barrier")


if __name__ == "__main__":
    say(f"step 0: {show(0)}")
    tick = threading.Barrier(WORKERS, action=end_of_step)
    workers = [
        threading.Thread(target=simulate, args=(tick, me))
        for me in range(WORKERS)
    ]
    for t in workers:
        t.start()
    for t in workers:
        t.join()

    gate = threading.Barrier(3)
    early = [
        threading.Thread(name="a", target=meet, args=(gate,)),
        threading.Thread(name="b", target=meet, args=(gate,)),
    ]
    for t in early:
        t.start()
    for t in early:
        t.join()  # they gave up waiting
    late = threading.Thread(name="late", target=meet, args=(gate,))
    late.start()
    late.join()
    say(f"gate broken: {gate.broken}")
