"""Child processes that stop when cx_tools is asked to stop.

A command that runs another program (dbt, pytest, sqlfluff, pip) runs it
with `run()`, in a process group of its own. While it runs, SIGTERM, SIGINT
and SIGHUP sent to the cx_tools process do not kill cx_tools on the spot
(which would leave the child running, re-parented, to finish its work
unobserved): they are forwarded to the child's whole group, the child gets
GRACE_SECONDS to stop (dbt stops at once on SIGTERM, and cancels its
queries on SIGINT), then its group is killed, and `run()` raises
`Interrupted`, so that the command stops too instead of going on to its
next step (e.g. publishing).

Ctrl-Z (SIGTSTP) stops the children with cx_tools, and fg/bg resumes them.
Code that does long work in-process between children (the publish copy)
runs inside `guarded()` and calls `check()` at the points where stopping
is safe. A signal that was ignored when cx_tools started (`nohup`, a
background job's SIGINT) stays ignored.

Standard library only: `python3 -m cx_tools` imports this before the
virtualenv exists.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from contextlib import contextmanager
from typing import Callable, Iterator

FORWARDED = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP")
                  if hasattr(signal, name))
# how long a child may take to stop after the forwarded signal before its
# process group is killed
GRACE_SECONDS = 10.0

_received: list[int] = []      # signals received while guarded, in order
_children: dict[int, threading.Timer | None] = {}  # running child pid -> its kill timer
_depth = 0                     # nesting of guarded()


class Interrupted(BaseException):
    """A forwarded signal stopped the command (a BaseException, like
    KeyboardInterrupt, so that no `except Exception` carries on)."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(f"stopped by {self.name}")

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        """The shell's convention for a process stopped by a signal."""
        return 128 + self.signum


def _signal_group(pgid: int, signum: int) -> None:
    try:
        os.killpg(pgid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def _kill_after_grace(pid: int) -> None:
    _signal_group(pid, signal.SIGKILL)


def _handler(signum: int, frame) -> None:
    _received.append(signum)
    for pid, timer in list(_children.items()):
        _signal_group(pid, signum)
        if timer is None:
            timer = threading.Timer(GRACE_SECONDS, _kill_after_grace, (pid,))
            timer.daemon = True
            timer.start()
            _children[pid] = timer


def _suspend_handler(signum: int, frame) -> None:
    """Ctrl-Z: the terminal stops only its foreground group, which the
    children are not in; stop them, then this process, and resume them
    when this process is resumed (fg, bg)."""
    for pid in list(_children):
        _signal_group(pid, signal.SIGSTOP)
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)  # stops here until SIGCONT
    signal.signal(signum, _suspend_handler)
    for pid in list(_children):
        _signal_group(pid, signal.SIGCONT)


@contextmanager
def guarded() -> Iterator[None]:
    """While active, the forwarded signals are recorded and passed on to the
    running children instead of killing this process; `check()` raises
    `Interrupted` once one was received. Only the main thread can handle
    signals; elsewhere this does nothing."""
    global _depth
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    if _depth == 0:
        for signum in FORWARDED:
            if signal.getsignal(signum) == signal.SIG_IGN:
                continue  # nohup, or SIGINT of a background job: keep ignoring it
            previous[signum] = signal.signal(signum, _handler)
        if hasattr(signal, "SIGTSTP") and signal.getsignal(signal.SIGTSTP) == signal.SIG_DFL:
            previous[signal.SIGTSTP] = signal.signal(signal.SIGTSTP, _suspend_handler)
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            _received.clear()


def check() -> None:
    """Raise `Interrupted` if a forwarded signal arrived (inside guarded())."""
    if _received:
        raise Interrupted(_received[0])


def run(cmd: list[str], started: Callable[[int], None] | None = None,
        **popen_args) -> int:
    """Run `cmd` in a process group of its own and return its exit code;
    raise `Interrupted` (once the whole group is gone) if this process was
    asked to stop meanwhile. `started` is called with the child's pid;
    `popen_args` go to subprocess.Popen (cwd, env, pass_fds, ...)."""
    if os.name != "posix":
        return subprocess.run(cmd, **popen_args).returncode
    with guarded():
        check()
        proc = subprocess.Popen(cmd, process_group=0, **popen_args)
        _children[proc.pid] = None
        try:
            if started is not None:
                started(proc.pid)
            if _received:  # arrived while the child was being started
                _handler(_received[0], None)
            # wait for the child to exit without reaping it: its pid, which
            # is also its group's id, stays reserved until proc.wait() below
            os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
            if _received:
                # anything else the child started goes with it
                _signal_group(proc.pid, signal.SIGKILL)
        finally:
            timer = _children.pop(proc.pid, None)
            if timer is not None:
                timer.cancel()
            proc.wait()
        check()
        return proc.returncode


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (on this machine)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, as another user's
    return True
