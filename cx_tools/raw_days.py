"""Split a folder of raw files into the layout of a daily landing process.

    python3 -m cx_tools split-days --raw /tmp/raw --out /tmp/landed --until 2026-10-20

Each raw table becomes a folder raw_<table>/ of files: `history` with every
row dated on or before --until (and every row whose date cannot be read or
lies outside the plausibility window, which the build rejects anyway, and
the survey questions and holidays), then
one file `day-YYYY-MM-DD` per later date. A row is dated by the UTC date of
its own timestamp (signup_at, ordered_at, sent_at, responded_at, created_at,
event_at). Building on the history, then adding the day files one at a time
and running `dbt build` again, is what an incremental daily run sees; the
project reads such folders through CX_RAW_DIR.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import duckdb

from cx_tools.engines import OPTIONAL_TABLES
from cx_tools.sql import sql_string

DATED = {
    "raw_customers": "signup_at",
    "raw_orders": "ordered_at",
    "raw_survey_invitations": "sent_at",
    "raw_survey_responses": "responded_at",
    "raw_tickets": "created_at",
    "raw_ticket_events": "event_at",
    "raw_survey_questions": None,
    "raw_holidays": None,
    "raw_schedules": None,
    "raw_schedule_holidays": None,
    "raw_ticket_schedules": "valid_from",
}


def _source(raw: Path, table: str) -> str:
    for ext, reader in (("parquet", "read_parquet({})"),
                        ("csv", "read_csv({}, header = true, delim = ',', all_varchar = true, "
                                "quote = '\"', escape = '\"')")):
        f = raw / f"{table}.{ext}"
        if f.exists():
            return reader.format(sql_string(f)), ext
    raise FileNotFoundError(f"{raw} has no {table}.parquet or .csv")


# the build's plausibility window (vars plausible_from / plausible_until)
PLAUSIBLE = ("1990-01-01", "2100-01-01")


def day_of(column: str) -> str:
    """SQL: the UTC date of a raw timestamp column; null when it cannot be
    read or lies outside the plausibility window."""
    instant = f"try_cast(trim({column}) as timestamptz)"
    return (f"case when {instant} >= timestamptz '{PLAUSIBLE[0]} 00:00:00+00' "
            f"and {instant} < timestamptz '{PLAUSIBLE[1]} 00:00:00+00' "
            f"then cast({instant} at time zone 'UTC' as date) end")


def split_by_day(raw: Path, out: Path, until: dt.date, fmt: str | None = None) -> dict:
    """Write out/raw_<table>/history.* and day-*.* files; returns
    {table: {file stem: rows}}. Two scans of each source in file order (the
    history, then the later rows into a small file that the day files are
    cut from), so memory stays small whatever the size."""
    raw, out = Path(raw), Path(out)
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    written = {}
    for table, column in DATED.items():
        if table in OPTIONAL_TABLES and not any(
                (raw / f"{table}.{ext}").exists() for ext in ("parquet", "csv")):
            continue  # an optional table that is absent stays absent
        source, ext = _source(raw, table)
        ext = fmt or ext
        folder = out / table
        folder.mkdir(parents=True, exist_ok=True)
        # the row's UTC date; unreadable or implausible timestamps (which
        # the build rejects anyway) count as history
        day = ("null::date" if column is None else day_of(column))
        options = "(format parquet)" if ext == "parquet" else "(format csv, header true)"
        copy = "copy (select {select} from {source} where {where}) to {target} {options}"
        rows = con.execute(copy.format(
            select="*", source=source, where=f"{day} is null or {day} <= date '{until}'",
            target=sql_string(folder / f"history.{ext}"), options=options)).fetchone()[0]
        written[table] = {"history": rows}
        later = out / f".{table}.later.parquet"
        con.execute(copy.format(
            select=f"*, {day} as cx_day", source=source, where=f"{day} > date '{until}'",
            target=sql_string(later), options="(format parquet)"))
        tail = f"read_parquet({sql_string(later)})"
        for (d,) in con.execute(f"select distinct cx_day from {tail} order by 1").fetchall():
            written[table][f"day-{d}"] = con.execute(copy.format(
                select="* exclude (cx_day)", source=tail, where=f"cx_day = date '{d}'",
                target=sql_string(folder / f"day-{d}.{ext}"), options=options)).fetchone()[0]
        later.unlink()
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", required=True, help="folder of raw_<table>.parquet/.csv files")
    parser.add_argument("--out", required=True, help="folder to write raw_<table>/ folders to")
    parser.add_argument("--until", required=True, type=dt.date.fromisoformat,
                        help="last date of the history file (YYYY-MM-DD)")
    parser.add_argument("--format", choices=["csv", "parquet"], help="default: as the input")
    args = parser.parse_args(argv)
    written = split_by_day(Path(args.raw), Path(args.out), args.until, args.format)
    for table, files in written.items():
        print(f"{table}: " + ", ".join(f"{k} {v:,}" for k, v in files.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
