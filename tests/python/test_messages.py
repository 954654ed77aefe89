"""What the commands say: the rejected-rows summary at the end of a build,
the progress of long steps, and their durations."""

from __future__ import annotations

import shutil
import time
from collections import Counter

import pytest

import cx_tools.__main__ as cli
from cx_tools import dbt_cli
from cx_tools.progress import duration, step
from cx_tools.report import TOP_REASONS, rejected_rows_summary


@pytest.fixture(scope="module")
def warehouse(bundled_build, tmp_path_factory):
    """A whole copy of the bundled build, audit included (the build's own file
    is held open by this process's dbt; the published file has no
    audit_rejected_rows)."""
    with bundled_build.connect() as con:
        con.execute("checkpoint")
    copy = tmp_path_factory.mktemp("messages") / "cx.duckdb"
    shutil.copyfile(bundled_build.db_path, copy)
    return copy


def test_rejected_rows_summary_names_tables_counts_and_top_reasons(warehouse, bundled_contract):
    lines = rejected_rows_summary(warehouse)
    assert "audit.audit_rejected_rows" in lines[0]
    by_table = {line.split()[0]: line for line in lines[1:-1]}
    want = {t: Counter(reason for _, reason in rows)
            for t, rows in bundled_contract.rejected.items() if rows}
    assert set(by_table) == set(want), "one line per table that lost rows"
    for table, reasons in want.items():
        line = by_table[table]
        assert f"{sum(reasons.values()):,} of " in line, line
        top = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_REASONS]
        assert ", ".join(f"{r} {n:,}" for r, n in top) in line, line
    assert "rejected_rows_error_pct" in lines[-1]


def test_rejected_rows_summary_is_silent_without_a_warehouse(tmp_path):
    assert rejected_rows_summary(tmp_path / "missing.duckdb") == []


def test_build_ends_with_the_rejected_rows_summary(warehouse, monkeypatch, capsys):
    monkeypatch.setenv("CX_DUCKDB_PATH", str(warehouse))
    # build starts dbt through cx_tools.dbt_cli.run_dbt (imported when called)
    monkeypatch.setattr(dbt_cli, "run_dbt", lambda args: print("dbt output") or 0)
    assert cli.build([]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0] == "dbt output"
    assert out[1].startswith("cx_tools: rejected raw rows")
    assert out[-1].strip().startswith("(the build fails when")


def test_a_step_says_it_is_alive_and_how_long_it_took(capsys):
    with step("waiting", expect="a moment", every=0.05):
        time.sleep(0.3)
    out = capsys.readouterr().out
    assert out.startswith("cx_tools: waiting (a moment) …")
    assert "still waiting" in out
    assert out.rstrip().endswith("waiting: done in 0 s")
    with pytest.raises(RuntimeError):
        with step("breaking", heartbeat=False):
            raise RuntimeError("boom")
    assert "breaking: FAILED after 0 s" in capsys.readouterr().out


def test_durations_read_as_minutes_and_seconds():
    assert duration(42.4) == "42 s"
    assert duration(185) == "3 min 05 s"


def test_the_test_command_prints_its_phases_and_durations(monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(cli, "_run", lambda cmd: calls.append(cmd) or 0)
    assert cli.test(["-k", "nothing"]) == 0
    out = capsys.readouterr().out
    assert "[1/2] lint" in out and "[2/2] pytest" in out
    assert out.count("done in") == 2
    assert "cx_tools: test passed in" in out and "lint 0 s, pytest 0 s" in out
    # lint: one sqlfluff pass on every model (the adapters' too, by var
    # lint_every_model in .sqlfluff), then the macro lint; then pytest
    assert calls[0][1:4] == ["lint", "models", "analyses"]
    assert calls[1][1:] == ["-m", "cx_tools.lint_macros"]
    assert calls[2][-2:] == ["-k", "nothing"] and "--durations=10" in calls[2]
    assert len(calls) == 3
