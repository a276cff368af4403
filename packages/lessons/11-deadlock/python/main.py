import sys
import threading

TRANSFERS = 3


def say(text):
    # One write per line, so two threads' lines never run together.
    sys.stdout.write(text + "\n")


# Move 1 from account `frm` to account `to`, TRANSFERS times,
# holding both accounts' locks. `first` and `second` are the same
# two locks for every thread, in one order: the lock order.
def transfer(accounts, first, second, frm, to):
    for _ in range(TRANSFERS):
        with first, second:
            accounts[frm] -= 1
            accounts[to] += 1
    say(f"{threading.current_thread().name}: moved {TRANSFERS}")


# Opposite orders on purpose, and a way out: a timed acquire.
def impatient(mine, theirs, both, patience_ms):
    name = threading.current_thread().name
    with mine:
        both.wait()  # now each thread holds one lock, wants the other
        if theirs.acquire(timeout=patience_ms / 1000):
            say(f"{name}: got the other lock too")
            theirs.release()
        else:
            say(f"{name}: gave up after {patience_ms} ms, letting go")


# A function that holds the lock calls one that takes it again.
def deposit(account, lock, n):
    with lock:
        account[0] += n


def payday(account, lock):
    with lock:
        deposit(account, lock, 100)  # takes the lock it holds
        deposit(account, lock, 1)  # and again


def spawn(name, target, *args):
    thread = threading.Thread(name=name, target=target, args=args)
    thread.start()
    return thread


if __name__ == "__main__":
    accounts = [100, 100]
    a = threading.Lock()
    b = threading.Lock()
    movers = [
        spawn("0→1", transfer, accounts, a, b, 0, 1),
        spawn("1→0", transfer, accounts, a, b, 1, 0),  # a first too
    ]
    for t in movers:
        t.join()
    say(f"balances: {accounts[0]} + {accounts[1]}")

    both = threading.Barrier(2)
    pair = [
        spawn("left", impatient, a, b, both, 100),  # a, then b
        spawn("right", impatient, b, a, both, 1000),  # b, then a
    ]
    for t in pair:
        t.join()

    account = [0]
    payday(account, threading.RLock())
    say(f"payday: {account[0]}, one thread took the RLock 3 times")
