"""Helpers to run `python3 -m cx_tools ...` as a real process tree in tests
and to watch it stop (Linux /proc)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def base_python() -> str:
    """The interpreter outside the virtualenv, as a user's `python3`: the
    command then goes through its re-exec into .venv."""
    if sys.prefix != sys.base_prefix:
        return getattr(sys, "_base_executable", sys.executable)
    return sys.executable


def command_env(tmp: Path, **values) -> dict:
    """The environment of a cx_tools command whose dbt artifacts and files
    stay in `tmp`."""
    env = dict(os.environ, DBT_TARGET_PATH=str(tmp / "target"),
               DBT_LOG_PATH=str(tmp / "logs"), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    for key in ("CX_DUCKDB_PATH", "CX_RAW_DIR", "CX_PUBLISH_PATH", "CX_PUBLISH_BUILD_DIR",
                "CX_DUCKDB_TEMP_DIR"):
        env.pop(key, None)
    env.update({k: str(v) for k, v in values.items()})
    return env


def _default_sigint() -> None:
    # a test run in a background job inherits an ignored SIGINT; the command
    # under test must see the default one, as it would in a terminal
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(args: list[str], env: dict) -> subprocess.Popen:
    """`python3 -m cx_tools <args>` in the background, output captured."""
    return subprocess.Popen([base_python(), "-m", "cx_tools", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=_default_sigint)


def run(args: list[str], env: dict, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([base_python(), "-m", "cx_tools", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout,
                          preexec_fn=_default_sigint)


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None if it does not exist."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return fields[0], int(fields[1])


def state(pid: int) -> str | None:
    """The process state letter (R, S, T stopped, Z zombie, ...)."""
    stat = _stat(pid)
    return stat[0] if stat else None


def alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")


def tree(root: int) -> set[int]:
    """`root` and every live process descending from it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None:
                children.setdefault(stat[1], []).append(int(entry.name))
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if alive(pid):
            found.add(pid)
            todo += children.get(pid, [])
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def wait_for(condition, timeout: float, proc: subprocess.Popen | None = None,
             what: str = "condition") -> None:
    """Poll `condition` until true; fail after `timeout` s, or as soon as
    `proc` has exited (with its output)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"exited ({proc.returncode}) before {what}:\n"
                                 f"{proc.stdout.read() if proc.stdout else ''}")
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {timeout} s")
        time.sleep(0.1)


def dbt_child(root: int) -> int | None:
    """The pid of a dbt process in the tree of `root`, if any."""
    for pid in tree(root):
        if "/dbt " in cmdline(pid) + " " and pid != root:
            return pid
    return None


def kill_all(pids: set[int]) -> None:
    """Clean-up after a failed assertion: SIGKILL what is left of a tree the
    test started."""
    for pid in pids:
        if alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
