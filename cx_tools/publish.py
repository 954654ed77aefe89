"""Publish the warehouse for BI tools without ever blocking or tearing them.

    python3 -m cx_tools publish [dbt build args]

1. `dbt build` into a fresh file (build/cx_metrics.next.duckdb), never the
   file BI tools read, so an open reader cannot block the build ("Could not
   set lock") and a failed build publishes nothing;
2. checkpoint it, so the file is self-contained (no .wal beside it);
3. atomically rename it over the published file (CX_PUBLISH_PATH, default
   published/cx_metrics.duckdb). Readers that have the old file open keep
   reading the old data (POSIX rename keeps their inode); new connections see
   the new warehouse. Nobody ever sees a half-built file.

The profile writes with storage_compatibility_version v1.0.0, so the
published file opens in the DuckDB 1.x readers that BI tools embed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from cx_tools.profile import duckdb_config

ROOT = Path(__file__).resolve().parent.parent
# DuckDB's storage version number for files readable by every 1.x release
V1_STORAGE_VERSION = 64


def storage_version(path: Path) -> int:
    """The storage version number in a DuckDB file's main header."""
    with open(path, "rb") as fh:
        header = fh.read(20)
    if header[8:12] != b"DUCK":
        raise ValueError(f"{path} is not a DuckDB file")
    return int.from_bytes(header[12:20], "little")


def publish(source: Path, target: Path) -> Path:
    """Checkpoint `source` and atomically put a copy of it at `target`."""
    source, target = Path(source), Path(target)
    with duckdb.connect(str(source), config=duckdb_config(source)) as con:
        con.execute("checkpoint")
    version = storage_version(source)
    if version > V1_STORAGE_VERSION:
        raise RuntimeError(
            f"{source} has storage version {version}; DuckDB 1.x readers need "
            f"{V1_STORAGE_VERSION} (set storage_compatibility_version in the profile)")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(source, staging)
    with open(staging, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(staging, target)
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
