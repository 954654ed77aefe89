"""How the cx_tools commands run dbt in a child process: the virtualenv's
dbt, from the project folder, with the project's profile and no usage
statistics. `build`, `publish` and `benchmark` all start dbt through here;
the engine builds (`build --engine`, cx_tools.engines) and the tests run
dbt in-process with dbtRunner instead, because a Spark session lives in the
process that opened it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cx_tools import processes

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / ("Scripts" if os.name == "nt" else "bin")


def dbt_env(**overrides: str) -> dict:
    """The environment dbt runs in: this one, the project's profiles.yml
    unless DBT_PROFILES_DIR says otherwise, no anonymous usage statistics,
    the virtualenv first on PATH, then `overrides` (e.g. CX_DUCKDB_PATH)."""
    env = dict(os.environ)
    env.setdefault("DBT_PROFILES_DIR", str(ROOT))
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    env["PATH"] = str(VENV_BIN) + os.pathsep + env.get("PATH", "")
    env.update({k: str(v) for k, v in overrides.items()})
    return env


def dbt_command(args: list[str]) -> list[str]:
    """The dbt executable beside the running interpreter (the virtualenv's,
    since every command re-executes itself there) and its arguments."""
    return [str(Path(sys.executable).parent / "dbt"), *args]


def install_packages(root: Path = ROOT) -> None:
    """`dbt deps` when dbt_packages/ of the project at `root` does not link
    its local package cx_platform (packages.yml): in a fresh clone, or when
    the folder moved (dbt links a local package by its absolute path). No
    network: the package is packages/cx_platform/ of this repository."""
    linked = root / "dbt_packages" / "cx_platform"
    if linked.resolve() == (root / "packages" / "cx_platform").resolve() \
            and (linked / "dbt_project.yml").exists():
        return
    code = processes.run(dbt_command(["deps", "--quiet"]), cwd=root, env=dbt_env())
    if code != 0:
        raise SystemExit(f"cx_tools: dbt deps failed in {root} (exit {code})")


def run_dbt(args: list[str], env: dict | None = None, **popen_args) -> int:
    """Run dbt with `args` from the project folder and return its exit code.
    It stops with the command (cx_tools.processes.run: its own process
    group, signals forwarded); `popen_args` go there (started, pass_fds)."""
    cmd = dbt_command(args)
    print("cx_tools: $ dbt " + " ".join(args), flush=True)
    return processes.run(cmd, cwd=ROOT, env=env if env is not None else dbt_env(),
                         **popen_args)
