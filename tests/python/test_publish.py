"""Publishing: readers are never blocked and never see a half-built file."""

from __future__ import annotations

import duckdb

from cx_tools.publish import V1_STORAGE_VERSION, publish, storage_version
from oracle.pii import EMAIL
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
    import subprocess
    import sys
    import venv

    import pytest

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
