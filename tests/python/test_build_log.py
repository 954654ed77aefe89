"""The build log: the warehouse tells whether its last build completed, and
`python3 -m cx_tools build` names what a failed in-place build left stale."""

from __future__ import annotations

import os
import signal
import subprocess
import threading

import duckdb
import pytest

import proctree
from conftest import ROOT
from cx_tools.dbt_cli import dbt_command, dbt_env
from rawkit import good_rows, write_raw

needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")


def _frame(db_path, sql: str) -> list[dict]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]


def _nodes(db_path, invocation_id: str) -> dict[str, dict]:
    rows = _frame(db_path, "select * from audit.cx_build_run_nodes "
                           f"where invocation_id = '{invocation_id}'")
    return {r["unique_id"]: r for r in rows}


def _interrupt_after_start_hooks(env) -> tuple[int, str]:
    """Start `cx_tools build`, send SIGINT once its run is recorded (the
    on-run-start hooks are done), and check the whole tree stops."""
    proc = proctree.start(["build"], env)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")),
                              daemon=True)
    reader.start()
    pids: set[int] = set()
    try:
        proctree.wait_for(lambda: any("OK hook: cx_metrics.on-run-start.1" in line
                                      for line in lines), 180, proc, "the on-run-start hooks")
        pids = proctree.tree(proc.pid)
        os.kill(proc.pid, signal.SIGINT)
        proctree.wait_for(lambda: not any(proctree.alive(p) for p in pids), 15,
                          what="the end of every process of the build")
        proc.wait(timeout=5)
        reader.join(timeout=5)
    finally:
        proctree.kill_all(pids | {proc.pid})
    return proc.returncode, "".join(lines)


@needs_proc
def test_a_failed_build_is_recorded_and_its_stale_marts_are_named(tmp_path):
    raw = write_raw(tmp_path / "raw", good_rows())
    db = tmp_path / "warehouse.duckdb"
    env = proctree.command_env(tmp_path, CX_RAW_DIR=raw, CX_DUCKDB_PATH=db)

    # 1. a complete build
    first = proctree.run(["build"], env)
    assert first.returncode == 0, first.stdout[-3000:]
    [run] = _frame(db, "select * from audit.cx_build_runs")
    assert run["status"] == "success" and run["dbt_command"] == "build"
    assert run["finished_at"] >= run["started_at"] and run["node_selection"] is None
    nodes = _nodes(db, run["invocation_id"])
    assert run["nodes_run"] == len(nodes) and run["nodes_failed"] == run["nodes_skipped"] == 0
    assert nodes["model.cx_metrics.mart_nps_monthly"]["relation_name"] == "marts.mart_nps_monthly"
    assert {n["status"] for n in nodes.values() if n["resource_type"] == "model"} == {"success"}

    # 1b. dbt compile (and docs generate) render the hooks but run no node:
    # they leave the log alone (they once left a second row of their own
    # invocation 'running', which the next build marked 'interrupted')
    compiled = subprocess.run(dbt_command(["compile", "--quiet"]), cwd=ROOT, env=dbt_env(**env),
                              capture_output=True, text=True, timeout=600)
    assert compiled.returncode == 0, compiled.stdout[-3000:] + compiled.stderr[-3000:]
    assert _frame(db, "select * from audit.cx_build_runs") == [run]

    # 2. a build stopped by Ctrl-C: it stops with dbt, and the warehouse
    # says the run did not complete
    code, output = _interrupt_after_start_hooks(env)
    assert code == 128 + signal.SIGINT, output[-3000:]
    assert "cx_tools: build stopped by SIGINT" in output
    latest = _frame(db, "select * from audit.cx_build_runs order by started_at desc limit 1")[0]
    assert latest["status"] == "running" and latest["finished_at"] is None

    # 3. a build that fails: a day of orders with a bad timestamp takes
    # raw_orders over rejected_rows_error_pct (a data test of the audit
    # fails), and an unknown business time zone fails a model of the support
    # area, so its marts are skipped while the survey marts are rebuilt
    write_raw(tmp_path / "day", {"raw_orders": [
        {"order_id": "O3", "customer_id": "C1", "ordered_at": "not a date",
         "amount": "5.00", "status": "completed"}]})
    (raw / "raw_orders").mkdir()
    os.replace(tmp_path / "day" / "raw_orders.csv", raw / "raw_orders" / "day-2.csv")
    failed = proctree.run(["build", "--vars", "{business_timezone: Mars/Olympus}"], env)
    assert failed.returncode != 0

    runs = _frame(db, "select * from audit.cx_build_runs order by started_at")
    assert [r["status"] for r in runs] == ["success", "interrupted", "failed"]
    last = runs[-1]
    assert last["finished_at"] is not None and last["nodes_failed"] == 2
    nodes = _nodes(db, last["invocation_id"])
    assert nodes["model.cx_metrics.int_business_calendar"]["status"] == "error"
    assert "Mars/Olympus" in nodes["model.cx_metrics.int_business_calendar"]["message"]
    [share] = [n for n in nodes.values() if n["node_name"].startswith("rejected_share_within")]
    assert share["status"] in ("error", "fail")
    assert share["tested_unique_id"] == "model.cx_metrics.audit_row_counts"
    assert nodes["model.cx_metrics.audit_row_counts"]["status"] == "success"
    stale_marts = sorted(n["node_name"] for n in nodes.values()
                         if n["status"] == "skipped" and n["resource_type"] == "model"
                         and n["relation_name"].startswith("marts."))
    assert {"fct_tickets", "mart_support_monthly", "mart_cx_overview"} <= set(stale_marts)
    assert nodes["model.cx_metrics.mart_nps_monthly"]["status"] == "success"

    # the command says so, naming the stale marts and the unvouched audit
    said = failed.stdout
    assert (f"cx_tools: audit.cx_build_runs: run {last['invocation_id']} (started "
            f"{last['started_at']:%Y-%m-%d %H:%M:%S} UTC) failed: 2 nodes failed") in said
    assert "cx_tools:   failed: model int_business_calendar" in said
    assert f"cx_tools:   failed: {share['resource_type']} {share['node_name']} " \
           "(on audit_row_counts)" in said
    assert "stale, not rebuilt by this run (an earlier run's data, or missing):" in said
    assert f"cx_tools:     marts: {', '.join(stale_marts)}\n" in said
    assert "rebuilt by this run although their tests failed:\n" \
           "cx_tools:     audit: audit_row_counts\n" in said
    assert f"the last complete build was run {runs[0]['invocation_id']}" in said
