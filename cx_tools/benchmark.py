"""Benchmark: generate raw data at a scale, build it, and record the figures.

    python3 -m cx_tools benchmark --customers 1000000

Every figure comes from the same run on the same files, on this machine:

1. generation: `cx_tools.generate` writes Parquet raw files (skipped with
   --raw-dir, which reuses files made earlier for the same --customers, and
   with --landed-dir, which reuses the landed files of an earlier run and
   skips step 2 too);
2. landing: the files are split into a history (every row up to the day
   before the last day of data) and the last day's files (cx_tools.raw_days);
3. floor: one DuckDB query that reads every raw column of the history files,
   try_casts it to its contract type (timestamps with their offsets) and
   aggregates it: the least any build of these files must do;
4. full build: `dbt build` of every model (no tests) on the history into a
   new DuckDB file: wall time, peak RSS of the dbt process, and the ratio to
   the floor;
5. daily run: the last day's files arrive (all but every 20th row, which
   arrives late) and `dbt build` (models) runs again: wall time and share
   of the full build;
6. rewrite run: the day's files are rewritten in place, as a corrected
   export would (the late rows added, every 200th row removed, every 100th
   order refunded), and `dbt build` runs again: wall time and share of the
   full build;
7. tests: `dbt test` (data tests) on the result: wall time and share of the
   full build.

The node times of each dbt run are kept beside the warehouse as
`<step>_run_results.json` (the --keep folder), and the slowest nodes of the
full build are printed.

A row is appended to benchmarks/results.md and printed. Wall-clock figures
belong here, never in tests (the machine is shared: compare ratios taken in
the same run). Every step runs in a process of its own: a child forked from
a parent that holds gigabytes would report the parent's pages as its peak.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from cx_tools.dbt_cli import dbt_command, dbt_env
from cx_tools.generate_data import COLUMNS as RAW_COLUMNS
from cx_tools.raw_days import day_of
from cx_tools.sql import sql_string

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.md"
COLUMNS = [
    "date", "customers", "raw rows", "generate s", "generate rows/s", "floor s",
    "build s", "build / floor", "peak RSS MiB", "daily run s", "daily / build",
    "rewrite run s", "rewrite / build", "tests s", "tests / build", "warehouse MiB", "duckdb", "dbt threads",
]
# the contract type of every raw column (none: text)
CONTRACT_TYPES = {
    "raw_customers": {"signup_at": "timestamptz"},
    "raw_orders": {"ordered_at": "timestamptz", "amount": "decimal(38, 18)"},
    "raw_survey_questions": {"scale_min": "integer", "scale_max": "integer",
                             "higher_is_better": "boolean"},
    "raw_survey_invitations": {"sent_at": "timestamptz"},
    "raw_survey_responses": {"responded_at": "timestamptz", "score": "integer"},
    "raw_tickets": {"created_at": "timestamptz"},
    "raw_ticket_events": {"event_at": "timestamptz", "handle_seconds": "decimal(38, 18)"},
    "raw_holidays": {"holiday_date": "date"},
    "raw_schedules": {"iso_weekday": "integer"},
    "raw_schedule_holidays": {"start_date": "date", "end_date": "date"},
    "raw_ticket_schedules": {"valid_from": "timestamptz"},
}


def cast_to(column: str, sql_type: str) -> str:
    """try_cast of a text column to its contract type. A decimal(38, 18)
    goes through decimal(18, 6) when it fits, as the build does
    (packages/cx_platform/macros/raw_contract/parse_exact_decimal.sql): DuckDB 1.x parses text into a 128-bit
    decimal 100x slower than into a 64-bit one, and a floor made of that
    would be no floor."""
    if sql_type == "decimal(38, 18)":
        return (f"case when regexp_full_match({column}, '^[+-]?[0-9]{{1,12}}([.][0-9]{{0,6}})?$') "
                f"then cast(cast({column} as decimal(18, 6)) as decimal(38, 18)) "
                f"else try_cast({column} as decimal(38, 18)) end")
    return f"try_cast({column} as {sql_type})"


def floor_query(raw: Path) -> str:
    """One query over every raw column of the history files."""
    parts = []
    con = duckdb.connect()
    for i, (table, types) in enumerate(CONTRACT_TYPES.items()):
        if not (raw / table / "history.parquet").exists():
            continue  # an optional table that is absent (raw_days leaves it out)
        files = sql_string(raw / table / "history.parquet")
        columns = [c for (c,) in con.execute(
            f"select column_name from (describe select * from read_parquet({files}))").fetchall()]
        aggregates = ", ".join(
            f"max({cast_to(c, types[c])})" if c in types else f"max(length({c}))"
            for c in columns)
        parts.append(f"(select count(*) as n, {aggregates} from read_parquet({files})) as t{i}")
    return "select * from " + ", ".join(parts)


def measure_floor(raw: Path, repeat: int = 3) -> float:
    """Best of `repeat` runs of the floor query."""
    sql = floor_query(raw)
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        con.execute(sql).fetchall()
        best = min(best, time.perf_counter() - t0)
    return best


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def run_measured(cmd: list[str], env: dict) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MiB of the process, return code)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, proc.returncode


def dbt(args: list[str], work: Path) -> list[str]:
    return dbt_command([*args, "--target-path", str(work / "target"),
                        "--log-path", str(work / "logs")])


def write_day(src: Path, dst: Path, table: str, rewrite: bool) -> None:
    """The day's file `src` as the daily run sees it (rewrite=False: every
    row but every 20th by a hash of the row, which arrives late) or as the
    next export rewrites it in place (rewrite=True: every row, the late ones
    too, but every 200th, which was removed, and in raw_orders every 100th
    order refunded), written to `dst` through a new file: `dst` may be a
    link to the landed file, which stays as it is."""
    if rewrite:
        keep = "hash(t) % 200 <> 7"
        status = ("case when hash(t) % 100 = 1 then 'refunded' else t.status end as status"
                  if table == "raw_orders" else None)
    else:
        keep, status = "hash(t) % 20 <> 0", None
    columns = ", ".join(status if status and c == "status" else f"t.{c}"
                        for c in RAW_COLUMNS[table])
    tmp = dst.with_name(dst.name + ".new")
    with duckdb.connect() as con:
        con.execute(f"copy (select {columns} from read_parquet({sql_string(src)}) as t "
                    f"where {keep}) to {sql_string(tmp)} (format parquet)")
    os.replace(tmp, dst)


def keep_run_results(work: Path, step: str) -> None:
    """Keep the node times of the dbt run just finished as
    <work>/<step>_run_results.json."""
    results = work / "target" / "run_results.json"
    if results.exists():
        shutil.copyfile(results, work / f"{step}_run_results.json")


def slowest_nodes(work: Path, step: str, count: int = 12) -> str:
    """The `count` slowest nodes of a kept run, one per line."""
    path = work / f"{step}_run_results.json"
    if not path.exists():
        return ""
    results = json.loads(path.read_text())["results"]
    results.sort(key=lambda r: -r["execution_time"])
    return "\n".join(f"  {r['execution_time']:7.1f} s  {r['unique_id'].split('.')[-1]}"
                     for r in results[:count])


def append_row(values: dict) -> str:
    RESULTS.parent.mkdir(exist_ok=True)
    if not RESULTS.exists():
        RESULTS.write_text("# Benchmarks\n\n")
    text = RESULTS.read_text()
    header = "| " + " | ".join(COLUMNS) + " |\n|" + "---|" * len(COLUMNS) + "\n"
    if header not in text:
        text += ("\n`python3 -m cx_tools benchmark --customers N` on "
                 f"{platform.machine()}, {os.cpu_count()} cores (see the notes below).\n\n"
                 + header)
    row = "| " + " | ".join(str(values[c]) for c in COLUMNS) + " |\n"
    # the row goes at the end of that table, before whatever follows it
    start = text.index(header) + len(header)
    end = start
    while end < len(text) and text.startswith("|", end):
        end = text.index("\n", end) + 1 if "\n" in text[end:] else len(text)
    RESULTS.write_text(text[:end] + row + text[end:])
    return row


def link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy(source, target)


def parquet_rows(files) -> int:
    import pyarrow.parquet as pq
    return sum(pq.ParquetFile(f).metadata.num_rows for f in files)


def main(argv=None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--floor"]:
        # the floor query, in a process of its own; prints its best time
        print(f"{measure_floor(Path(argv[1])):.4f}")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=1, help="dbt threads (CX_THREADS)")
    parser.add_argument("--keep", help="folder to keep the raw files and warehouse in")
    parser.add_argument("--raw-dir", help="reuse raw Parquet files made earlier for the same "
                                          "--customers (skips generation)")
    parser.add_argument("--landed-dir", help="reuse the history + day files that an earlier "
                                             "run landed (its --keep folder's landed/): skips "
                                             "generation and landing")
    parser.add_argument("--no-record", action="store_true",
                        help="print the row but do not append it to benchmarks/results.md")
    args = parser.parse_args(argv)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cx_bench_"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if args.landed_dir:
        flat = None
        generate_s = rate = "n/a"
    elif args.raw_dir:
        flat = Path(args.raw_dir)
        generate_s = rate = "n/a"
    else:
        flat = work / "generated"
        shutil.rmtree(flat, ignore_errors=True)
        print(f"benchmark: generating {args.customers:,} customers of raw data …", flush=True)
        seconds, _, code = run_measured(python(
            "-m", "cx_tools.generate_data", "--customers", str(args.customers),
            "--format", "parquet", "--out", str(flat)), env)
        if code != 0:
            return code
        rows = parquet_rows(flat.glob("raw_*.parquet"))
        generate_s, rate = f"{seconds:.1f}", f"{rows / seconds:,.0f}"
    if args.landed_dir:
        landed = Path(args.landed_dir)
        print(f"benchmark: reusing the landed files in {landed}", flush=True)
    else:
        print(f"benchmark: generated in {generate_s} s", flush=True)
        with duckdb.connect() as con:
            last_day = con.execute(
                f"select max({day_of('ordered_at')}) "
                f"from read_parquet({sql_string(flat / 'raw_orders.parquet')})").fetchone()[0]
        landed = work / "landed"
        shutil.rmtree(landed, ignore_errors=True)
        print(f"benchmark: landing the raw data as history + daily files (until {last_day}) …",
              flush=True)
        _, _, code = run_measured(python(
            "-m", "cx_tools.raw_days", "--raw", str(flat), "--out", str(landed),
            "--until", str(last_day - dt.timedelta(days=1)), "--format", "parquet"), env)
        if code != 0:
            return code
    raw = work / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    for table in RAW_COLUMNS:
        (raw / table).mkdir(parents=True)
        link_or_copy(landed / table / "history.parquet", raw / table / "history.parquet")
    history_rows = parquet_rows(raw.glob("raw_*/history.parquet"))
    print("benchmark: measuring the floor (one query over every raw column) …", flush=True)
    floor = subprocess.run(python("-m", "cx_tools.benchmark", "--floor", str(raw)),
                           env=env, capture_output=True, text=True, check=True)
    floor_s = float(floor.stdout.strip())
    print(f"benchmark: {history_rows:,} raw rows of history, floor {floor_s:.2f} s", flush=True)

    db = work / "warehouse.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(db.with_name(db.name + ".tmp"), ignore_errors=True)
    env = dbt_env(PYTHONPATH=ROOT, CX_RAW_DIR=raw, CX_DUCKDB_PATH=db,
                  CX_THREADS=args.threads)
    models = ["build", "--exclude", "test_type:data", "test_type:unit"]
    print("benchmark: full build of every model on the history …", flush=True)
    build_s, peak_mib, code = run_measured(dbt(models, work), env)
    if code != 0:
        print("benchmark: the full build failed", file=sys.stderr)
        return code
    keep_run_results(work, "build")
    print(f"benchmark: full build {build_s:.1f} s, peak RSS {peak_mib:,.0f} MiB\n"
          + slowest_nodes(work, "build"), flush=True)

    days = [(table, day) for table in RAW_COLUMNS
            for day in sorted((landed / table).glob("day-*.parquet"))]
    for table, day in days:
        write_day(day, raw / table / day.name, table, rewrite=False)
    print("benchmark: daily run with the last day's files …", flush=True)
    daily_s, daily_mib, code = run_measured(dbt(models, work), env)
    if code != 0:
        print("benchmark: the daily run failed", file=sys.stderr)
        return code
    keep_run_results(work, "daily")
    print(f"benchmark: daily run {daily_s:.1f} s", flush=True)

    for table, day in days:
        write_day(day, raw / table / day.name, table, rewrite=True)
    print("benchmark: rewrite run after the day's files were rewritten in place …",
          flush=True)
    rewrite_s, rewrite_mib, code = run_measured(dbt(models, work), env)
    if code != 0:
        print("benchmark: the rewrite run failed", file=sys.stderr)
        return code
    keep_run_results(work, "rewrite")
    print(f"benchmark: rewrite run {rewrite_s:.1f} s", flush=True)

    print("benchmark: data tests …", flush=True)
    tests_s, tests_mib, code = run_measured(dbt(["test", "--exclude", "test_type:unit"], work),
                                            env)
    print(f"benchmark: data tests {tests_s:.1f} s (exit {code})", flush=True)

    values = {
        "date": dt.date.today(), "customers": f"{args.customers:,}",
        "raw rows": f"{history_rows:,}", "generate s": generate_s, "generate rows/s": rate,
        "floor s": f"{floor_s:.2f}", "build s": f"{build_s:.1f}",
        "build / floor": f"{build_s / floor_s:.1f}x",
        "peak RSS MiB": f"{max(peak_mib, daily_mib, rewrite_mib, tests_mib):,.0f}",
        "daily run s": f"{daily_s:.1f}", "daily / build": f"{100 * daily_s / build_s:.0f}%",
        "rewrite run s": f"{rewrite_s:.1f}",
        "rewrite / build": f"{100 * rewrite_s / build_s:.0f}%",
        "tests s": f"{tests_s:.1f}" + ("" if code == 0 else " (failures)"),
        "tests / build": f"{100 * tests_s / build_s:.0f}%",
        "warehouse MiB": f"{db.stat().st_size / 2**20:,.0f}",
        "duckdb": duckdb.__version__, "dbt threads": args.threads,
    }
    if args.no_record:
        print("| " + " | ".join(str(values[c]) for c in COLUMNS) + " |")
    else:
        print(append_row(values), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
