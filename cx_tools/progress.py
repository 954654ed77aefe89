"""Progress messages for the long steps of cx_tools (standard library only:
`setup` uses it before the virtualenv exists).

    with step("installing the pinned requirements into .venv", expect="about a minute"):
        ...

prints what starts (and how long it usually takes), a heartbeat while it
runs — an updating "… 23 s" on a terminal, a line every 15 s in a log, so a
quiet pip or lint never looks hung — and how long it took, or that it
failed. `duration(seconds)` formats durations the same way everywhere.
"""

from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager

PREFIX = "cx_tools: "


def say(message: str) -> None:
    print(PREFIX + message, flush=True)


def duration(seconds: float) -> str:
    """'42 s', '3 min 05 s'."""
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60:02d} s"


class Step:
    """What `step` yields: the elapsed time so far, and a way to mark failure."""

    def __init__(self):
        self.started = time.monotonic()
        self.failed = False

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def fail(self) -> None:
        self.failed = True


@contextmanager
def step(label: str, expect: str | None = None, heartbeat: bool = True,
         every: float | None = None):
    """Announce a step, keep saying it is alive while it runs (heartbeat=False
    for steps that print their own progress, like dbt), then say how it
    ended and how long it took."""
    say(f"{label}" + (f" ({expect})" if expect else "") + " …")
    current = Step()
    tty = sys.stdout.isatty()
    stop = threading.Event()

    def beat():
        while not stop.wait(every or (1.0 if tty else 15.0)):
            if tty:
                sys.stdout.write(f"\r{PREFIX}  … {duration(current.seconds)}")
                sys.stdout.flush()
            else:
                say(f"  … still {label}, {duration(current.seconds)}")

    thread = threading.Thread(target=beat, daemon=True) if heartbeat else None
    if thread:
        thread.start()
    try:
        yield current
    except BaseException:
        current.failed = True
        raise
    finally:
        stop.set()
        if thread:
            thread.join()
            if tty:
                sys.stdout.write("\r\033[K")
        say(f"{label}: {'FAILED after' if current.failed else 'done in'} "
            f"{duration(current.seconds)}")
