"""cx_tools.processes: a child stops with its cx_tools parent (fast checks,
with `sleep` and Python children instead of dbt)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

import proctree

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")


def _parent(child: list[str], grace: float = 10.0, before: str = "") -> subprocess.Popen:
    """A Python process that runs `child` with processes.run() and prints
    how it ended."""
    script = (
        "import sys\n"
        "from cx_tools import processes\n"
        f"processes.GRACE_SECONDS = {grace}\n"
        f"{before}\n"
        "try:\n"
        f"    code = processes.run({child!r})\n"
        "    print('exit', code, flush=True)\n"
        "except processes.Interrupted as stop:\n"
        "    print('interrupted', stop.name, flush=True)\n"
        "    sys.exit(stop.exit_code)\n")
    return subprocess.Popen([sys.executable, "-c", script], cwd=proctree.ROOT,
                            stdout=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _child_of(proc: subprocess.Popen) -> int:
    proctree.wait_for(lambda: len(proctree.tree(proc.pid)) > 1, 30, proc, "the child")
    [child] = proctree.tree(proc.pid) - {proc.pid}
    return child


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_to_the_parent_stops_the_child_and_the_parent(signum):
    proc = _parent(["sleep", "60"])
    child = _child_of(proc)
    try:
        assert os.getpgid(child) == child != os.getpgid(proc.pid)  # a group of its own
        os.kill(proc.pid, signum)
        out, _ = proc.communicate(timeout=10)
        assert not proctree.alive(child)
    finally:
        proctree.kill_all({proc.pid, child})
    assert out == f"interrupted {signal.Signals(signum).name}\n"
    assert proc.returncode == 128 + signum


def test_a_child_that_ignores_the_signal_is_killed_after_the_grace_period():
    stubborn = [sys.executable, "-c", "import signal, time; "
                "signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"]
    proc = _parent(stubborn, grace=1.0)
    child = _child_of(proc)
    try:
        time.sleep(0.5)  # let the child install its handler
        started = time.monotonic()
        os.kill(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=10)
        assert 0.9 < time.monotonic() - started < 8
        assert not proctree.alive(child)
    finally:
        proctree.kill_all({proc.pid, child})
    assert out == "interrupted SIGTERM\n"


def test_ctrl_z_suspends_the_child_with_the_parent_and_fg_resumes_both():
    proc = _parent(["sleep", "60"])
    child = _child_of(proc)
    try:
        os.kill(proc.pid, signal.SIGTSTP)
        states = lambda: {proctree.state(proc.pid), proctree.state(child)}  # noqa: E731
        proctree.wait_for(lambda: states() == {"T"}, 10, what="both stopped")
        os.kill(proc.pid, signal.SIGCONT)
        proctree.wait_for(lambda: "T" not in states(), 10, what="both resumed")
        os.kill(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=10)
    finally:
        proctree.kill_all({proc.pid, child})
    assert out == "interrupted SIGTERM\n"


def test_a_signal_ignored_at_start_stays_ignored():
    """Under `nohup`, SIGHUP neither stops the command nor reaches the child."""
    proc = _parent(["sleep", "2"],
                   before="import signal; signal.signal(signal.SIGHUP, signal.SIG_IGN)")
    child = _child_of(proc)
    try:
        os.kill(proc.pid, signal.SIGHUP)
        out, _ = proc.communicate(timeout=10)
    finally:
        proctree.kill_all({proc.pid, child})
    assert out == "exit 0\n"
