"""What a failed in-place build left in the warehouse, from its build log.

`dbt build` writes into the warehouse in place and keeps what a failed run
wrote: the models it rebuilt before the failure sit beside the ones it
skipped, which still hold an earlier run's data, and the audit tables may
be from either run. The project's hooks (packages/cx_platform/macros/build_log/) record
every run in audit.cx_build_runs and its node results in
audit.cx_build_run_nodes; after a failed `python3 -m cx_tools build`,
`report_failed_build` prints from them what failed, which relations are
stale (selected but not rebuilt), which rebuilt ones failed their tests, and
when the last complete build ran.

Copying the warehouse, building the copy and renaming it back would avoid
the mix, but costs a copy of the whole file on every run (gigabytes at 1M
customers, more than a daily run takes): `python3 -m cx_tools publish`
does that for what BI tools read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

LAYER_ORDER = ["marts", "audit", "intermediate", "staging", "lookups", "raw"]


def _say(line: str) -> None:
    print(f"cx_tools: {line}", flush=True)


def _rows(con, sql: str, params=()) -> list[dict]:
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def failed_build_summary(db_path: Path, since: dt.datetime | None = None) -> dict | None:
    """The last run of the build log, if it started at or after `since`
    (naive UTC), with its failed nodes, its stale relations (selected, not
    rebuilt, with whether they exist at all), the relations whose tests
    failed, and the last successful run before it. None when there is no
    such run."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        runs = _rows(con, "select * from audit.cx_build_runs order by started_at desc limit 1")
        if not runs or (since is not None and runs[0]["started_at"] < since):
            return None
        run = runs[0]
        nodes = _rows(con, "select * from audit.cx_build_run_nodes where invocation_id = ?",
                      [run["invocation_id"]])
        existing = {f"{s}.{t}" for s, t in con.execute(
            "select table_schema, table_name from information_schema.tables").fetchall()}
        good = _rows(con, "select invocation_id, started_at from audit.cx_build_runs "
                          "where status = 'success' and started_at < ? "
                          "order by started_at desc limit 1", [run["started_at"]])
    by_id = {n["unique_id"]: n for n in nodes}
    failed = [n for n in nodes if n["status"] in ("error", "fail", "runtime error",
                                                   "partial success")]
    stale = [n for n in nodes if n["relation_name"] and n["status"] in ("error", "skipped")]
    tested = {n["tested_unique_id"] for n in failed if n["tested_unique_id"]}
    unvouched = [by_id[u] for u in sorted(tested)
                 if u in by_id and by_id[u]["relation_name"] and by_id[u]["status"] == "success"]
    return {
        "run": run,
        "failed": failed,
        "stale": [dict(n, exists=n["relation_name"] in existing) for n in stale],
        "unvouched": unvouched,
        "last_success": good[0] if good else None,
        "by_id": by_id,
    }


def _by_layer(nodes: list[dict]) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for n in nodes:
        schema, name = n["relation_name"].split(".", 1)
        groups.setdefault(schema, []).append(name + ("" if n.get("exists", True) else " (missing)"))
    order = {s: i for i, s in enumerate(LAYER_ORDER)}
    return sorted(((s, sorted(v)) for s, v in groups.items()),
                  key=lambda item: (order.get(item[0], len(order)), item[0]))


def report_failed_build(db_path: Path, since: dt.datetime | None = None) -> None:
    """Print what the failed build run left in `db_path` (see the module)."""
    db_path = Path(db_path)
    if not db_path.exists():
        return
    try:
        summary = failed_build_summary(db_path, since)
    except duckdb.Error as error:
        _say(f"could not read the build log (audit.cx_build_runs) of {db_path}: "
             f"{str(error).splitlines()[0]}")
        return
    if summary is None:
        _say(f"dbt stopped before running any node; {db_path} is unchanged")
        return
    run = summary["run"]
    started = f"{run['started_at']:%Y-%m-%d %H:%M:%S} UTC"
    if run["status"] == "success":
        _say(f"audit.cx_build_runs records run {run['invocation_id']} (started {started}) "
             "as a success, yet dbt exited with an error: see its output above")
        return
    if run["status"] == "running":
        _say(f"audit.cx_build_runs: run {run['invocation_id']} (started {started}) has no "
             "recorded end: dbt stopped before its on-run-end hook; every relation it "
             "selected may be from this run or an earlier one")
    else:
        _say(f"audit.cx_build_runs: run {run['invocation_id']} (started {started}) "
             f"{run['status']}: {run['nodes_failed']} nodes failed, "
             f"{run['nodes_skipped']} skipped; dbt keeps what it wrote, so {db_path} now "
             "mixes this run with earlier ones")
    by_id = summary["by_id"]
    for n in summary["failed"]:
        on = by_id.get(n["tested_unique_id"], {}).get("node_name") or n["tested_unique_id"]
        _say(f"  failed: {n['resource_type']} {n['node_name']}" + (f" (on {on})" if on else ""))
    if summary["stale"]:
        _say("  stale, not rebuilt by this run (an earlier run's data, or missing):")
        for schema, names in _by_layer(summary["stale"]):
            _say(f"    {schema}: {', '.join(names)}")
    if summary["unvouched"]:
        _say("  rebuilt by this run although their tests failed:")
        for schema, names in _by_layer(summary["unvouched"]):
            _say(f"    {schema}: {', '.join(names)}")
    good = summary["last_success"]
    if good:
        _say(f"  the last complete build was run {good['invocation_id']}, started "
             f"{good['started_at']:%Y-%m-%d %H:%M:%S} UTC; audit.cx_build_run_nodes has "
             "every node's result")
    else:
        _say("  no earlier build of this warehouse completed; audit.cx_build_run_nodes has "
             "every node's result")
