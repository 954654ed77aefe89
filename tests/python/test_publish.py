"""Publishing: readers are never blocked and never see a half-built file;
the command stops cleanly, runs one at a time and cleans up after killed runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

import proctree
from cx_tools.profile import duckdb_config
from cx_tools.publish import EXIT_BUSY, V1_STORAGE_VERSION, publish, storage_version
from oracle.pii import EMAIL
from rawkit import good_rows, write_raw
from scan import columns_of, values_containing


def test_publish_swaps_under_an_open_reader(bundled_build, tmp_path):
    target = tmp_path / "published" / "cx_metrics.duckdb"
    publish(bundled_build.db_path, target)
    months = bundled_build.query("select count(*) from marts.mart_cx_overview")[0][0]

    reader = duckdb.connect(str(target), read_only=True)
    assert reader.execute("select count(*) from marts.mart_cx_overview").fetchone()[0] == months

    # a new warehouse (here: the same one with a marker table) is published
    # while the reader holds the old file open
    newer = tmp_path / "newer.duckdb"
    publish(bundled_build.db_path, newer)
    with duckdb.connect(str(newer)) as con:
        con.execute("create table marts.publish_marker as select 42 as answer")
    publish(newer, target)

    # the open reader keeps working on the data it opened
    assert reader.execute("select count(*) from marts.mart_cx_overview").fetchone()[0] == months
    assert reader.execute("select count(*) from information_schema.tables "
                          "where table_name = 'publish_marker'").fetchone()[0] == 0
    reader.close()
    # a new connection sees the new warehouse
    with duckdb.connect(str(target), read_only=True) as fresh:
        assert fresh.execute("select answer from marts.publish_marker").fetchone() == (42,)
    assert not list(target.parent.glob(".*.tmp")), "no staging file is left behind"


def test_published_file_is_readable_by_duckdb_1x(bundled_build, tmp_path):
    target = publish(bundled_build.db_path, tmp_path / "cx.duckdb")
    assert storage_version(target) == V1_STORAGE_VERSION
    with duckdb.connect(str(target), read_only=True) as con:
        tags = dict(con.execute("select database_name, tags from duckdb_databases() "
                                "where database_name = 'cx'").fetchall())
    assert tags["cx"]["storage_version"].startswith("v1.0.0")


def test_published_file_opens_in_a_real_duckdb_1x(bundled_build, tmp_path):
    """Open the published warehouse with DuckDB 1.1.3 in a throwaway venv."""
    import venv

    target = publish(bundled_build.db_path, tmp_path / "cx.duckdb")
    env_dir = tmp_path / "duckdb1"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q",
                              "--disable-pip-version-check", "duckdb==1.1.3"],
                             capture_output=True, text=True)
    if install.returncode != 0:
        pytest.skip(f"duckdb==1.1.3 could not be installed: {install.stderr[-300:]}")
    script = ("import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
              "print(duckdb.__version__, con.execute("
              "'select count(*) from marts.mart_nps_monthly').fetchone()[0])")
    run = subprocess.run([str(python), "-c", script, str(target)], capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    version, rows = run.stdout.split()
    assert version == "1.1.3"
    assert int(rows) == bundled_build.query("select count(*) from marts.mart_nps_monthly")[0][0]
    assert sys.version_info >= (3, 11)


# --- the publish command as a process: signals, concurrency, leftovers -------

needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")


def _publish_setup(tmp_path):
    """A small raw folder, and where the publish builds and publishes."""
    raw = write_raw(tmp_path / "raw", good_rows())
    build_dir, target = tmp_path / "build", tmp_path / "published" / "cx_metrics.duckdb"
    env = proctree.command_env(tmp_path, CX_RAW_DIR=raw, CX_PUBLISH_BUILD_DIR=build_dir,
                               CX_PUBLISH_PATH=target)
    return env, build_dir / "cx_metrics.next.duckdb", target


def _start_and_wait_for_dbt(env, next_db):
    """Start `python3 -m cx_tools publish`; return it once its dbt child is
    building into the next file."""
    proc = proctree.start(["publish"], env)
    try:
        proctree.wait_for(lambda: next_db.exists() and proctree.dbt_child(proc.pid), 180,
                          proc, "a dbt child building into the next file")
    except BaseException:
        proctree.kill_all(proctree.tree(proc.pid))
        raise
    return proc


@needs_proc
def test_sigterm_stops_publish_and_its_dbt_and_publishes_nothing(tmp_path):
    env, next_db, target = _publish_setup(tmp_path)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"the warehouse BI tools read")
    proc = _start_and_wait_for_dbt(env, next_db)
    pids = proctree.tree(proc.pid)
    try:
        assert len(pids) >= 2, "publish and its dbt child"
        os.kill(proc.pid, signal.SIGTERM)
        started = time.monotonic()
        proctree.wait_for(lambda: not any(proctree.alive(p) for p in pids), 8,
                          what="the end of every process of the publish")
        stopped_in = time.monotonic() - started
        proc.wait(timeout=5)
        output = proc.stdout.read()
    finally:
        proctree.kill_all(pids)
    assert proc.returncode == 128 + signal.SIGTERM, output
    assert "publish stopped by SIGTERM; the published warehouse is unchanged" in output
    assert stopped_in < 8
    # nothing is left that could publish later, and nothing was published
    time.sleep(1)
    assert target.read_bytes() == b"the warehouse BI tools read"
    assert not list(target.parent.glob(".*.tmp"))


@needs_proc
def test_a_second_publish_is_refused_while_the_first_builds(tmp_path):
    env, next_db, target = _publish_setup(tmp_path)
    first = _start_and_wait_for_dbt(env, next_db)
    pids = proctree.tree(first.pid)
    try:
        second = proctree.run(["publish"], env, timeout=120)
        assert second.returncode == EXIT_BUSY, second.stdout + second.stderr
        refusal = [line for line in (second.stdout + second.stderr).splitlines()
                   if "another publish" in line]
        assert refusal == [f"cx_tools: another publish (pid {first.pid}) is running; wait for "
                           f"it to finish (or stop it: kill {first.pid}), then publish again"]
        assert "Traceback" not in second.stderr
        # the first one's build was not touched: it goes on and publishes
        assert first.poll() is None and next_db.exists()
        output, _ = first.communicate(timeout=600)
    finally:
        proctree.kill_all(pids)
    assert first.returncode == 0, output
    assert f"cx_tools: published {target}" in output
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.execute("select count(*) from marts.mart_cx_overview").fetchone()[0] > 0
        # the build log stays in the build file (only the BI interface is published)
        assert con.execute("select count(*) from information_schema.tables "
                           "where table_name = 'cx_build_runs'").fetchone()[0] == 0
    with duckdb.connect(str(next_db), read_only=True) as con:
        assert con.execute("select status from audit.cx_build_runs").fetchall() == [("success",)]


@needs_proc
def test_the_next_publish_removes_the_staging_copy_of_a_publish_killed_while_copying(tmp_path):
    env, _, target = _publish_setup(tmp_path)
    source = tmp_path / "built.duckdb"
    with duckdb.connect(str(source), config=duckdb_config(source)) as con:
        con.execute("create table answer as select 42 as answer")
    # a publish whose copy hangs halfway, killed with SIGKILL during it
    script = (
        "import pathlib, sys, time\n"
        "import cx_tools.publish as p\n"
        "def copy_halfway(con, staging):\n"
        "    pathlib.Path(staging).write_bytes(b'half a copy')\n"
        "    time.sleep(600)\n"
        "p.copy_published = copy_halfway\n"
        "p.publish(sys.argv[1], sys.argv[2])\n")
    killed = subprocess.Popen([sys.executable, "-c", script, str(source), str(target)],
                              cwd=proctree.ROOT, env=env)
    stale = target.with_name(f".{target.name}.{killed.pid}.tmp")
    try:
        proctree.wait_for(stale.exists, 60, killed, "the staging copy")
    finally:
        killed.kill()
        killed.wait()
    assert stale.exists() and not target.exists()
    # a staging copy of a publish still running (this process) is kept
    live = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    live.write_bytes(b"being copied")

    # the next publish removes the dead one's copy first (its dbt then
    # fails on an unknown option: nothing is published)
    run = proctree.run(["publish", "--no-such-option"], env, timeout=120)
    assert run.returncode != 0
    assert f"cx_tools: removed {stale}, left by a publish that was killed" in run.stdout
    assert "build failed; the published warehouse is unchanged" in run.stdout
    assert not stale.exists()
    assert live.read_bytes() == b"being copied"
    assert not target.exists()


def raw_emails(contract) -> set[str]:
    """Every e-mail address in the raw data: the e-mail columns and the
    addresses inside free text."""
    emails = set()
    for table, cols in (("raw_customers", ["email"]),
                        ("raw_survey_responses", ["customer_email", "comment"]),
                        ("raw_tickets", ["requester_email", "subject"])):
        for row in contract.raw[table]:
            for c in cols:
                emails.update(m.strip().lower() for m in EMAIL.findall(row[c] or ""))
    return emails


def test_published_file_holds_no_email_of_the_raw_data(bundled_build, bundled_contract,
                                                         tmp_path):
    """BI users open the published file: no schema of it identifies a
    person. Every column of every table is scanned for the raw e-mails."""
    emails = raw_emails(bundled_contract)
    assert len(emails) > 1000, "the raw data has e-mail addresses to look for"
    # the build itself has them (raw, staging, intermediate, rejected rows) ...
    with bundled_build.connect() as con:
        assert {s for s, *_ in values_containing(con, emails)} \
            >= {"raw", "staging", "intermediate", "audit"}
    target = publish(bundled_build.db_path, tmp_path / "cx_metrics.duckdb")
    # ... the published file has none, nor anything shaped like an address
    with duckdb.connect(str(target), read_only=True) as con:
        assert values_containing(con, emails) == []
        assert values_containing(con, {"@", "＠"}) == []
        tables = {(s, t) for s, t, _ in columns_of(con)}
        responses = con.execute("select count(*) from marts.fct_survey_responses").fetchone()
    assert {s for s, _ in tables} == {"marts", "lookups", "main", "audit"}
    assert ("audit", "audit_rejected_rows") not in tables
    assert responses == bundled_build.query("select count(*) from marts.fct_survey_responses")[0]
