"""Runs a lesson's Python twin with the trace @unravel/core writes.

`python3 trace_run.py python/main.py` runs the program as `__main__`
and, when UNRAVEL_TRACE names a file, appends one JSON event per line
to it: each line the program writes to stdout (`print`), each
Thread.join (`block`/`unblock`, op `join`), and the main thread's
`thread-start`. Lesson tests read it to check what the main thread did
and in which order, as they do with the TypeScript sample's trace.
"""

import json
import os
import runpy
import sys
import threading
import time

path = os.environ.get("UNRAVEL_TRACE")
out = open(path, "a", encoding="utf-8") if path else None
write_lock = threading.Lock()


def trace(kind, **fields):
    if out is None:
        return
    event = {"t": time.time() * 1000, "thread": threading.get_ident()}
    event.update(kind=kind, **fields)
    with write_lock:
        out.write(json.dumps(event) + "\n")
        out.flush()


class TracedStdout:
    """stdout that records each whole line a thread writes."""

    def __init__(self, stream):
        self._stream = stream
        self._partial = threading.local()  # print() writes in pieces

    def write(self, text):
        *lines, rest = (getattr(self._partial, "text", "") + text).split("\n")
        self._partial.text = rest
        for line in lines:
            trace("print", text=line)
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


_join = threading.Thread.join


def join(self, timeout=None):
    label = f"Thread {self.name}"
    trace("block", object=label, op="join")
    try:
        return _join(self, timeout)
    finally:
        trace("unblock", object=label, op="join", ok=not self.is_alive())


threading.Thread.join = join
sys.stdout = TracedStdout(sys.stdout)
trace("thread-start", name=threading.current_thread().name, daemon=False)

program = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(os.path.abspath(program))
runpy.run_path(program, run_name="__main__")
