"""What a build left out, said at the very end of its output.

dbt's own summary only says `Got 8 results, configured to warn if != 0` for
the rejected-rows warning; the line naming the tables is buried mid-log.
After `build` and `publish`, cx_tools prints one line per raw table that
lost rows: how many of how many, and the top reasons, read from the audit
tables of the warehouse just built:

    cx_tools: rejected raw rows (kept out of the marts; each one with its raw values in
              audit.audit_rejected_rows of cx_metrics.duckdb):
      raw_survey_responses   277 of 6,309 (4.39%)  superseded 151, score_out_of_scale 40, ...
"""

from __future__ import annotations

from pathlib import Path

TOP_REASONS = 3


def rejected_rows_summary(db_path: str | Path) -> list[str]:
    """The summary lines, or [] when the warehouse or its audit is missing
    (a build that failed early) or nothing was rejected."""
    import duckdb

    path = Path(db_path)
    if not path.exists():
        return []
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            counts = con.execute(
                "select source_table, rejected_rows, raw_rows, rejected_pct "
                "from audit.audit_row_counts where rejected_rows > 0 "
                "order by rejected_pct desc, source_table").fetchall()
            reasons = con.execute(
                "select source_table, reason, count(*) as n from audit.audit_rejected_rows "
                "group by 1, 2 order by 1, 3 desc, 2").fetchall()
    except duckdb.Error:
        return []
    if not counts:
        return []
    top: dict[str, list[str]] = {}
    for table, reason, n in reasons:
        top.setdefault(table, []).append(f"{reason} {n:,}")
    width = max(len(t) for t, *_ in counts)
    try:
        where = path.resolve().relative_to(Path.cwd())
    except ValueError:
        where = path
    lines = ["rejected raw rows (kept out of the marts; each one with its raw values in "
             f"audit.audit_rejected_rows of {where}):"]
    for table, rejected, raw, pct in counts:
        reasons_text = ", ".join(top.get(table, [])[:TOP_REASONS])
        more = len(top.get(table, [])) - TOP_REASONS
        if more > 0:
            reasons_text += f", {more} more reason(s)"
        lines.append(f"  {table:<{width}}  {rejected:,} of {raw:,} ({pct:.2f}%)  {reasons_text}")
    lines.append("  (the build fails when a table's share exceeds the var "
                 "rejected_rows_error_pct, default 5%)")
    return lines


def print_rejected_rows(db_path: str | Path) -> None:
    for line in rejected_rows_summary(db_path):
        print(f"cx_tools: {line}" if not line.startswith("  ") else line, flush=True)
