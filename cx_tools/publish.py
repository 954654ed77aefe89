"""Publish the warehouse for BI tools without ever blocking or tearing them.

    python3 -m cx_tools publish [dbt build args]

1. Take the publish lock (`fcntl.flock` on build/.publish.lock): one publish
   at a time uses the build folder. A second publish does not wait: it
   prints one line, "another publish (pid N) is running; ...", and exits
   with code 75 (EX_TEMPFAIL: try again later), touching nothing. The dbt
   child inherits the lock, so it stays held until every process of the
   publish has ended, even if the publish itself was killed.
2. Under the lock, remove what killed publishes left behind: the staging
   copies beside the published file (.cx_metrics.duckdb.<pid>.tmp) whose
   process no longer exists, and the previous build file.
3. `dbt build` into a fresh file (build/cx_metrics.next.duckdb), never the
   file BI tools read, so an open reader cannot block the build ("Could not
   set lock") and a failed build publishes nothing.
4. Copy its published part (below) into a new file beside the published
   file (CX_PUBLISH_PATH, default published/cx_metrics.duckdb), checkpointed
   so that it is self-contained (no .wal beside it), and atomically rename
   the copy over it. Readers that have the old file open keep reading the
   old data (POSIX rename keeps their inode); new connections see the new
   warehouse. Nobody ever sees a half-built file.

SIGTERM, SIGINT or SIGHUP before the rename stops dbt with its whole process
group (cx_tools.processes) and the publish: the published file is left as
it was, the staging copy is removed, and the exit code is 128 + the
signal's number. CX_PUBLISH_BUILD_DIR moves the build folder (default
build/ in the project).

The published file is written with storage version v1.0.0, so it opens in
the DuckDB 1.x readers that BI tools embed.

What is published (PUBLISHED_*): the BI interface and nothing that
identifies a person: the marts, the lookups they are defined by, the
MetricFlow time spine and the audit counts. The row-level layers (raw,
staging, intermediate, audit_rejected_rows with each rejected raw row) hold
e-mail addresses and stay in the build file.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from cx_tools import processes
from cx_tools.dbt_cli import dbt_env, run_dbt
from cx_tools.profile import duckdb_config
from cx_tools.report import print_rejected_rows
from cx_tools.sql import sql_string

ROOT = Path(__file__).resolve().parent.parent
# DuckDB's storage version number for files readable by every 1.x release
V1_STORAGE_VERSION = 64
# exit code of a publish refused because another one holds the lock
# (sysexits' EX_TEMPFAIL: a temporary failure, try again later)
EXIT_BUSY = 75
LOCK_NAME = ".publish.lock"
# What BI users get: every relation of these schemas, and these relations.
PUBLISHED_SCHEMAS = ("marts", "lookups")
PUBLISHED_RELATIONS = (("main", "metricflow_time_spine"), ("audit", "audit_row_counts"),
                       ("audit", "audit_identity_resolution"))


class PublishBusy(Exception):
    """Another publish holds the lock of the build folder."""


def storage_version(path: Path) -> int:
    """The storage version number in a DuckDB file's main header."""
    with open(path, "rb") as fh:
        header = fh.read(20)
    if header[8:12] != b"DUCK":
        raise ValueError(f"{path} is not a DuckDB file")
    return int.from_bytes(header[12:20], "little")


def staging_path(target: Path) -> Path:
    """Where this process copies the warehouse before renaming it over
    `target` (same folder, so that the rename is atomic)."""
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def copy_published(con, staging: Path) -> None:
    """Copy the published relations of the database `con` is connected to
    into a new DuckDB file `staging` (views become tables); between
    relations, stop if a signal asked to (cx_tools.processes)."""
    relations = [(schema, name) for schema, name in con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_catalog = current_database() order by 1, 2").fetchall()
        if schema in PUBLISHED_SCHEMAS or (schema, name) in PUBLISHED_RELATIONS]
    source = _quote(con.execute("select current_database()").fetchone()[0])
    alias = f"cx_publish_{os.getpid()}"
    con.execute(f"attach {sql_string(staging)} as {alias} (storage_version 'v1.0.0')")
    try:
        for schema in sorted({s for s, _ in relations}):
            con.execute(f"create schema if not exists {alias}.{_quote(schema)}")
        for schema, name in relations:
            relation = f"{_quote(schema)}.{_quote(name)}"
            con.execute(f"create table {alias}.{relation} as select * from {source}.{relation}")
            processes.check()
        con.execute(f"checkpoint {alias}")
    finally:
        con.execute(f"detach {alias}")


def publish(source: Path, target: Path) -> Path:
    """Put the published part of the warehouse `source` at `target`,
    atomically: copied into a new file beside it, then renamed over it."""
    source, target = Path(source), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_path(target)
    leftovers = (staging, staging.with_name(staging.name + ".wal"))
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(source), config=duckdb_config(source)) as con:
            copy_published(con, staging)
        version = storage_version(staging)
        if version > V1_STORAGE_VERSION:
            raise RuntimeError(
                f"{staging} has storage version {version}; DuckDB 1.x readers need "
                f"{V1_STORAGE_VERSION}")
        with open(staging, "rb") as fh:
            os.fsync(fh.fileno())
        processes.check()  # the last point at which a stop leaves `target` as it was
        os.replace(staging, target)
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
    return target


def remove_stale_staging(target: Path) -> list[Path]:
    """Remove the staging copies beside `target` whose publishing process no
    longer exists (a publish killed during its copy); return them."""
    removed = []
    prefix = f".{Path(target).name}."
    for path in sorted(Path(target).parent.glob(f"{prefix}*.tmp")):
        pid = path.name[len(prefix):-len(".tmp")]
        if pid.isdigit() and not processes.pid_alive(int(pid)):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _holder_message(lock_file: Path, pids: list[int]) -> str:
    if not pids:
        return (f"another publish is running (it holds {lock_file}); wait for it to "
                "finish, then publish again")
    publisher, dbt = pids[0], (pids[1] if len(pids) > 1 else None)
    if processes.pid_alive(publisher) or dbt is None:
        return (f"another publish (pid {publisher}) is running; wait for it to finish "
                f"(or stop it: kill {publisher}), then publish again")
    return (f"the dbt build (pid {dbt}) of a publish that was killed (pid {publisher}) "
            f"is still running and holds {lock_file}; it publishes nothing and ends by "
            f"itself (or: kill {dbt}), then publish again")


@contextmanager
def publish_lock(build_dir: Path) -> Iterator[int]:
    """Hold the publish lock of `build_dir` (an exclusive flock on its
    .publish.lock); yield the lock file's descriptor. Raise PublishBusy at
    once when another process holds it. The file records the holder's pid
    (and its dbt's) for that message; it is never removed, since removing a
    lock file that others have open would let two holders in."""
    lock_file = Path(build_dir) / LOCK_NAME
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            recorded = os.pread(fd, 64, 0).decode(errors="replace").split()
            pids = [int(p) for p in recorded if p.isdigit()]
            raise PublishBusy(_holder_message(lock_file, pids)) from None
        _record_holders(fd, [os.getpid()])
        yield fd
    finally:
        os.close(fd)


def _record_holders(fd: int, pids: list[int]) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, (" ".join(str(p) for p in pids) + "\n").encode(), 0)


def _remove_build_leftovers(next_db: Path) -> None:
    """The previous build file, its WAL, and its spill folder (when DuckDB's
    temp_directory is the profile's default one beside it)."""
    for leftover in (next_db, next_db.with_name(next_db.name + ".wal")):
        leftover.unlink(missing_ok=True)
    if "CX_DUCKDB_TEMP_DIR" not in os.environ:
        shutil.rmtree(next_db.with_name(next_db.name + ".tmp"), ignore_errors=True)


def main(args: list[str]) -> int:
    build_dir = Path(os.environ.get("CX_PUBLISH_BUILD_DIR", ROOT / "build")).absolute()
    next_db = build_dir / "cx_metrics.next.duckdb"
    target = Path(os.environ.get("CX_PUBLISH_PATH", ROOT / "published" / "cx_metrics.duckdb"))
    build_dir.mkdir(parents=True, exist_ok=True)
    try:
        with processes.guarded(), publish_lock(build_dir) as lock:
            for stale in remove_stale_staging(target):
                print(f"cx_tools: removed {stale}, left by a publish that was killed",
                      flush=True)
            _remove_build_leftovers(next_db)
            code = run_dbt(
                ["build", *args], dbt_env(CX_DUCKDB_PATH=next_db), pass_fds=(lock,),
                started=lambda pid: _record_holders(lock, [os.getpid(), pid]))
            print_rejected_rows(next_db)  # what the build left out, last (cx_tools.report)
            if code != 0:
                print("cx_tools: build failed; the published warehouse is unchanged",
                      flush=True)
                return code
            publish(next_db, target)
    except PublishBusy as busy:
        print(f"cx_tools: {busy}", file=sys.stderr, flush=True)
        return EXIT_BUSY
    except processes.Interrupted as stop:
        print(f"cx_tools: publish stopped by {stop.name}; the published warehouse is "
              "unchanged", file=sys.stderr, flush=True)
        return stop.exit_code
    print(f"cx_tools: published {target}", flush=True)
    return 0
