"""Publish the warehouse for BI tools without ever blocking or tearing them.

    python3 -m cx_tools publish [dbt build args]

1. `dbt build` into a fresh file (build/cx_metrics.next.duckdb), never the
   file BI tools read, so an open reader cannot block the build ("Could not
   set lock") and a failed build publishes nothing;
2. copy its published part (below) into a new file beside the target,
   checkpointed, so it is self-contained (no .wal beside it);
3. atomically rename that over the published file (CX_PUBLISH_PATH, default
   published/cx_metrics.duckdb). Readers that have the old file open keep
   reading the old data (POSIX rename keeps their inode); new connections see
   the new warehouse. Nobody ever sees a half-built file.

The published file is written with storage version v1.0.0, so it opens in
the DuckDB 1.x readers that BI tools embed.

What is published (PUBLISHED_*): the BI interface and nothing that
identifies a person: the marts, the lookups they are defined by, the
MetricFlow time spine and the audit counts. The row-level layers (raw,
staging, intermediate, audit_rejected_rows with each rejected raw row) hold
e-mail addresses and stay in the build file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from cx_tools.profile import duckdb_config
from cx_tools.sql import sql_string

ROOT = Path(__file__).resolve().parent.parent
# DuckDB's storage version number for files readable by every 1.x release
V1_STORAGE_VERSION = 64
# What BI users get: every relation of these schemas, and these relations.
PUBLISHED_SCHEMAS = ("marts", "lookups")
PUBLISHED_RELATIONS = (("main", "metricflow_time_spine"), ("audit", "audit_row_counts"),
                       ("audit", "audit_identity_resolution"))


def storage_version(path: Path) -> int:
    """The storage version number in a DuckDB file's main header."""
    with open(path, "rb") as fh:
        header = fh.read(20)
    if header[8:12] != b"DUCK":
        raise ValueError(f"{path} is not a DuckDB file")
    return int.from_bytes(header[12:20], "little")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def copy_published(con, staging: Path) -> None:
    """Copy the published relations of the database `con` is connected to
    into a new DuckDB file `staging` (views become tables)."""
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
        con.execute(f"checkpoint {alias}")
    finally:
        con.execute(f"detach {alias}")


def publish(source: Path, target: Path) -> Path:
    """Put the published part of the warehouse `source` at `target`,
    atomically: copied into a new file beside it, then renamed over it."""
    source, target = Path(source), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
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
        os.replace(staging, target)
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
    return target


def main(args: list[str]) -> int:
    next_db = ROOT / "build" / "cx_metrics.next.duckdb"
    target = Path(os.environ.get("CX_PUBLISH_PATH", ROOT / "published" / "cx_metrics.duckdb"))
    next_db.parent.mkdir(exist_ok=True)
    for leftover in (next_db, next_db.with_name(next_db.name + ".wal")):
        leftover.unlink(missing_ok=True)
    env = dict(os.environ, CX_DUCKDB_PATH=str(next_db))
    env.setdefault("DBT_PROFILES_DIR", str(ROOT))
    dbt = Path(sys.executable).parent / "dbt"
    code = subprocess.run([str(dbt), "build", *args], cwd=ROOT, env=env).returncode
    if code != 0:
        print("cx_tools: build failed; the published warehouse is unchanged", flush=True)
        return code
    publish(next_db, target)
    print(f"cx_tools: published {target}", flush=True)
    return 0
