"""Benchmark: generate Parquet raw data at a given scale and time `dbt build`.

    python3 -m cx_tools benchmark --customers 100000

Writes the raw files to a temporary folder, builds the project on them with
CX_RAW_DIR into a temporary DuckDB file (models only: data and unit tests
are left out, they are the test suite's job), and appends a row with the
row counts, wall time and peak memory (max RSS of the dbt process) to
benchmarks/results.md. Wall-clock figures belong here, never in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cx_tools.generate_data import generate

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.md"
HEADER = (
    "| date | customers | raw rows | generate s | dbt build s | peak RSS MiB | cores | "
    "duckdb file MiB |\n|---|---|---|---|---|---|---|---|\n"
)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--keep", help="folder to keep the raw files and warehouse in")
    parser.add_argument("--raw-dir", help="reuse raw Parquet files made earlier for the same "
                                          "--customers (skips generation)")
    args = parser.parse_args(argv)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cx_bench_"))
    if args.raw_dir:
        import pyarrow.parquet as pq
        raw = Path(args.raw_dir)
        counts = {f.stem: pq.ParquetFile(f).metadata.num_rows for f in raw.glob("raw_*.parquet")}
        generate_s = float("nan")
    else:
        raw = work / "raw"
        t0 = time.perf_counter()
        counts = generate(raw, customers=args.customers, fmt="parquet")
        generate_s = time.perf_counter() - t0
    raw_rows = sum(counts.values())
    print(f"generated {raw_rows:,} raw rows in {generate_s:.1f}s", flush=True)

    db = work / "warehouse.duckdb"
    db.unlink(missing_ok=True)
    db.with_name(db.name + ".wal").unlink(missing_ok=True)
    env = dict(os.environ, CX_RAW_DIR=str(raw), CX_DUCKDB_PATH=str(db),
               CX_THREADS=str(args.threads), DBT_PROFILES_DIR=str(ROOT))
    dbt = Path(sys.executable).parent / "dbt"
    cmd = [str(dbt), "build", "--exclude", "test_type:data", "test_type:unit",
           "--target-path", str(work / "target"), "--log-path", str(work / "logs")]
    t0 = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, env=env)
    build_s = time.perf_counter() - t0
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if result.returncode != 0:
        print("dbt build failed", file=sys.stderr)
        return result.returncode
    size_mib = db.stat().st_size / 2**20
    row = (f"| {dt.date.today()} | {args.customers:,} | {raw_rows:,} | {generate_s:.1f} | "
           f"{build_s:.1f} | {peak_mib:.0f} | {os.cpu_count()} ({args.threads} dbt threads) | "
           f"{size_mib:.0f} |\n")
    RESULTS.parent.mkdir(exist_ok=True)
    if not RESULTS.exists():
        RESULTS.write_text(
            "# Benchmarks\n\n`python3 -m cx_tools benchmark --customers N` on "
            f"{platform.machine()} ({os.cpu_count()} cores): generated Parquet raw data, "
            "`dbt build` of every model with CX_RAW_DIR (tests excluded).\n\n" + HEADER)
    with open(RESULTS, "a") as fh:
        fh.write(row)
    print(row, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
