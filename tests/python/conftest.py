"""Shared fixtures: build the project once per session with dbtRunner.

Each build writes to its own temporary DuckDB file and target path, so runs
never leak into each other or into the developer's warehouse.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cx_tools.profile import duckdb_config  # noqa: E402
from oracle.raw_contract import RawContract  # noqa: E402

# `python3 -m cx_tools mutate` runs the tests with --hypothesis-profile=mutate:
# a failing example is reported as it was found, without shrinking it (every
# shrink step of these tests is a dbt build: minutes per caught mutant)
from hypothesis import Phase, settings  # noqa: E402

settings.register_profile("mutate", phases=[Phase.explicit, Phase.reuse, Phase.generate])


def pytest_sessionstart(session):
    """dbt needs the project's local package (packages/cx_platform) linked
    into dbt_packages/ (`dbt deps`); `cx_tools test` does it before pytest,
    this does it for a plain pytest run and in a copy of the project."""
    from cx_tools.dbt_cli import install_packages
    install_packages(ROOT)


@contextmanager
def _environment(**values):
    old = {k: os.environ.get(k) for k in values}
    try:
        for k, v in values.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = str(v)
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class Build:
    """The result of one dbt invocation into one DuckDB file."""

    def __init__(self, db_path: Path, result):
        self.db_path, self.result = db_path, result

    @property
    def success(self) -> bool:
        return bool(self.result.success)

    def statuses(self) -> dict:
        return {r.node.name: str(r.status) for r in (self.result.result or [])}

    def messages(self) -> str:
        """The messages of the nodes, and the error that stopped the
        invocation before any node ran (e.g. in an on-run-start hook)."""
        messages = [str(r.message) for r in (self.result.result or []) if r.message]
        if self.result.exception is not None:
            messages.append(str(self.result.exception))
        return "\n".join(messages)

    def connect(self):
        # dbt-duckdb keeps its database instance open in this process; a
        # connection must use the same configuration as the profile's.
        return duckdb.connect(str(self.db_path), config=duckdb_config(self.db_path))

    def query(self, sql: str, params=None):
        with self.connect() as con:
            return con.execute(sql, params or []).fetchall()

    def frame(self, sql: str) -> list[dict]:
        with self.connect() as con:
            cur = con.execute(sql)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]


def run_dbt(tmp: Path, args: list[str], raw_dir: Path | None = None,
            dbt_vars: dict | None = None, db_path: Path | None = None,
            threads: int | None = None, profiles_dir: Path | None = None,
            project_dir: Path | None = None, partial_parse: bool = False) -> Build:
    """One dbt command (`run` after `seed --select time_zones`) in this
    process. partial_parse: reuse the manifest a previous command saved in
    tmp/target (see Workspace); off by default, every command parses the
    project afresh."""
    from dbt.cli.main import dbtRunner

    tmp.mkdir(parents=True, exist_ok=True)
    db_path = db_path or tmp / "warehouse.duckdb"
    project = project_dir or ROOT
    cli = [*args, "--project-dir", str(project), "--profiles-dir", str(profiles_dir or project),
           "--target-path", str(tmp / "target"), "--log-path", str(tmp / "logs"),
           "--partial-parse" if partial_parse else "--no-partial-parse", "--quiet"]
    if dbt_vars:
        import json
        cli += ["--vars", json.dumps(dbt_vars)]
    with _environment(CX_DUCKDB_PATH=db_path, CX_RAW_DIR=raw_dir, CX_THREADS=threads,
                      DBT_SEND_ANONYMOUS_USAGE_STATS="false"):
        if args[0] == "run":
            # `dbt run` builds no seed: load the lookup the raw contract
            # checks schedules against first, as a user runs `dbt seed`
            # before `dbt run` (docs/architecture.md)
            seeded = dbtRunner().invoke(["seed", "--select", "time_zones", *cli[len(args):]])
            if not seeded.success:
                return Build(db_path, seeded)
        result = dbtRunner().invoke(cli)
    return Build(db_path, result)


class Workspace:
    """One raw folder, warehouse file and target path for many small builds
    in a row (the examples of a property test), each from an empty warehouse
    and only the raw files written for it.

    dbt's saved manifest is valid only for the same warehouse path (the
    profile's connection), the same CX_RAW_DIR (dbt_project.yml reads it)
    and the same --vars, and nothing the parser sees depends on the raw
    files (they are read when the models run). With all three fixed, every
    dbt command after the first reads the manifest the first one saved
    instead of parsing the project again (5 to 8 s per command; a `run` is
    two). The vars are the workspace's (Workspaces: one per set of vars)."""

    def __init__(self, folder: Path, dbt_vars: dict | None = None):
        self.folder, self.dbt_vars = folder, dbt_vars
        self.raw = folder / "raw"
        self.db_path = folder / "warehouse.duckdb"

    def fresh_raw(self) -> Path:
        """The raw folder, emptied."""
        shutil.rmtree(self.raw, ignore_errors=True)
        self.raw.mkdir(parents=True)
        return self.raw

    def _fresh_warehouse(self) -> None:
        # dbt-duckdb keeps its environment (and the database open while it
        # has a handle) for the next command with the same profile: close
        # it, or the next build would see the previous build's tables
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager

        with DuckDBConnectionManager._LOCK:
            if DuckDBConnectionManager._ENV is not None:
                DuckDBConnectionManager._ENV.close()
                DuckDBConnectionManager._ENV = None
        for path in (self.db_path, Path(f"{self.db_path}.wal")):
            path.unlink(missing_ok=True)
        shutil.rmtree(f"{self.db_path}.tmp", ignore_errors=True)
        # and no instance of the old file is left in this process (DuckDB
        # would hand it out again for the same path)
        with duckdb.connect(str(self.db_path), config=duckdb_config(self.db_path)) as con:
            left = con.execute("select (select count(*) from duckdb_tables() where not internal)"
                               " + (select count(*) from duckdb_views() where not internal)"
                               ).fetchone()[0]
        assert left == 0, f"{self.db_path} still has {left} relations of an earlier build"
        for path in (self.db_path, Path(f"{self.db_path}.wal")):
            path.unlink(missing_ok=True)

    def run(self, args: list[str]) -> Build:
        """`args` on the raw folder, into a new warehouse."""
        self._fresh_warehouse()
        return run_dbt(self.folder, args, raw_dir=self.raw, dbt_vars=self.dbt_vars,
                       db_path=self.db_path, partial_parse=True)


class Workspaces:
    """A Workspace per set of vars, made when first asked for."""

    def __init__(self, tmp_path_factory, name: str):
        self.tmp_path_factory, self.name, self.made = tmp_path_factory, name, {}

    def __call__(self, dbt_vars: dict | None = None) -> Workspace:
        import json
        key = json.dumps(dbt_vars, sort_keys=True)
        if key not in self.made:
            self.made[key] = Workspace(self.tmp_path_factory.mktemp(self.name), dbt_vars)
        return self.made[key]


def announce(request, message: str) -> None:
    """A line in pytest's output while a long fixture works (pytest itself
    shows nothing until the first test that needs it finishes)."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        return
    # fixture output is captured (and dropped on success) unless capture is off
    with capture.global_and_fixture_disabled():
        reporter.ensure_newline()
        reporter.write(f"cx_tools: {message}\n", flush=True)


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory, request) -> Build:
    """`dbt build` of the whole project on the bundled seeds."""
    import time

    announce(request, "building the project on the bundled data for the tests (dbt build: "
                      "models, unit and data tests; about a minute) …")
    started = time.monotonic()
    build = run_dbt(tmp_path_factory.mktemp("bundled"), ["build"])
    announce(request, f"built in {time.monotonic() - started:.0f} s "
                      f"({'ok' if build.success else 'FAILED'})")
    failed = sorted(n for n, s in build.statuses().items() if s in ("error", "fail"))
    assert build.success, f"dbt nodes that failed: {', '.join(failed)}\n{build.messages()}"
    return build


@pytest.fixture(scope="session")
def parsed_manifest(tmp_path_factory) -> dict:
    """target/manifest.json of one `dbt parse` of the project (default vars,
    no warehouse needed), for the tests that read the project's nodes,
    macros and exposures (test_project.py, test_docs.py). One parse for all
    of them: each parse costs 5 to 8 s and gives the same manifest. Tests
    read it and do not change it."""
    tmp = tmp_path_factory.mktemp("parse")
    build = run_dbt(tmp, ["parse"])
    assert build.success, build.messages()
    return json.loads((tmp / "target" / "manifest.json").read_text())


@pytest.fixture(scope="session")
def bundled_contract() -> RawContract:
    """The independent reading of the bundled raw CSVs."""
    return RawContract(ROOT / "seeds" / "raw")


@pytest.fixture()
def raw_folder(tmp_path):
    """A copy of the bundled raw CSVs to craft; returns its path."""
    folder = tmp_path / "raw"
    folder.mkdir()
    for f in (ROOT / "seeds" / "raw").glob("raw_*.csv"):
        shutil.copy(f, folder / f.name)
    return folder
