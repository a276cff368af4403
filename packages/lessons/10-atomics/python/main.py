import itertools
import threading

THREADS = 4
ADDS = 250_000  # additions per thread
TICKETS = 200_000  # tickets for the sellers to sell
LEFT, SOLD, RETRIES = 0, 1, 2  # cells of `shop`
AUDITS = 100_000  # times main checks the two cells

# Python has no atomic add. CPython's own code counts with
# itertools.count: one next() is one call into C, which the GIL
# does not split (and which is a compare-exchange loop in 3.13t).
def add(counter, go):
    go.wait()  # start when every thread is ready
    for _ in range(ADDS):
        next(counter)


# Python has no compareExchange either: this one is a lock
# around its read and its write, which makes them one step.
shop_lock = threading.Lock()


def compare_exchange(cells, i, expected, new):
    with shop_lock:
        was = cells[i]
        if was == expected:
            cells[i] = new
        return was


def take_ticket(shop):
    while True:
        left = shop[LEFT]
        if left == 0:
            return False  # sold out
        was = compare_exchange(shop, LEFT, left, left - 1)
        if was == left:
            return True  # our swap happened
        add_to(shop, RETRIES, 1)  # it changed: try again


def add_to(cells, i, n):
    with shop_lock:
        cells[i] += n


def sell(shop, go):
    go.wait()
    while take_ticket(shop):
        add_to(shop, SOLD, 1)


if __name__ == "__main__":
    counter = itertools.count()
    go = threading.Barrier(THREADS)
    adders = [
        threading.Thread(target=add, args=(counter, go))
        for _ in range(THREADS)
    ]
    for t in adders:
        t.start()
    for t in adders:
        t.join()
    print(f"added:   {next(counter)} of {THREADS * ADDS}")

    shop = [TICKETS, 0, 0]
    go_shop = threading.Barrier(THREADS + 1)  # the sellers and main
    sellers = [
        threading.Thread(target=sell, args=(shop, go_shop))
        for _ in range(THREADS)
    ]
    for t in sellers:
        t.start()
    go_shop.wait()
    # Audit while they sell: each cell is one step, the pair is not.
    off = 0
    for _ in range(AUDITS):
        left = shop[LEFT]
        sold = shop[SOLD]
        if left + sold != TICKETS:
            off += 1
    for t in sellers:
        t.join()
    print(f"sold:    {shop[SOLD]} of {TICKETS}, left {shop[LEFT]}")
    print(f"  retries: {shop[RETRIES]}")
    print(f"  audits that saw left + sold ≠ {TICKETS}: {off} of {AUDITS}")
