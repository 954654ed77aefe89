"""A stack of all three adapters (Zendesk + Qualtrics + Shopify) on DuckDB,
Postgres and Spark: identical marts.

One small generated stack (cx_tools.generate_zendesk, generate_qualtrics,
generate_shopify), its identities lined up by e-mail and customer id (the
Shopify customers are the Zendesk requesters and the Qualtrics contacts),
is loaded typed as the generators load it into DuckDB: the tool tables into
`zendesk`, `qualtrics` and `shopify`, `raw_holidays` (all that is left of
the raw contract) into `raw`. The same tables, exported as Parquet, are
loaded with their types into Postgres and a Spark session
(cx_tools.engines.load_tables). Each engine runs `dbt build` with
`tickets_source: zendesk, surveys_source: qualtrics, orders_source:
shopify, raw_source: tables` (models and data tests; the unit tests read no
data and run on every engine in test_engines.py), and every mart,
`audit_row_counts` and `audit_rejected_rows` must equal DuckDB's, as in
test_engines.py. The stack must be non-trivial: every domain staged from
its adapter, rows of Qualtrics and Shopify left out and audited, and the
churn, survey and support marts not empty.

An unavailable engine skips, unless CX_REQUIRE_ENGINES names it.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import time
import uuid
from pathlib import Path

import duckdb
import pytest

from conftest import _environment, run_dbt
from test_engines import (AUDITS, MARTS, PostgresBuild, SparkBuild, _unavailable,
                          assert_same_relation, duckdb_relation)

from cx_tools import engines, generate_qualtrics, generate_shopify, generate_zendesk
from cx_tools.profile import duckdb_config

VARS = {"tickets_source": "zendesk", "surveys_source": "qualtrics", "orders_source": "shopify",
        "raw_source": "tables", "raw_schema": "raw", "zendesk_schema": "zendesk",
        "qualtrics_schema": "qualtrics", "shopify_schema": "shopify",
        # a small shop's test and deleted rows are a larger share than 5%
        "rejected_rows_error_pct": 50}
BUILD = ["build", "--exclude", "test_type:unit"]
TOOLS = ("zendesk", "qualtrics", "shopify")  # the schemas of the tool tables
# Zendesk requesters are users 10001 to 10000 + tickets // 3; Shopify
# customers count from 10001 too; Qualtrics' contacts are its customers
# 1 to max(40, responses // 6), here renumbered to 10001 ...
TICKETS, RESPONSES, CUSTOMERS = 100, 100, 45
FIRST = 10001


def _rewrite(path: Path, columns: list[str], change) -> None:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        for c in columns:
            if row[c]:
                row[c] = change(row[c])
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def _as_user(pattern: str, number=lambda n: n):
    """A function writing `<word><n>@example.com` (any case) as Zendesk's
    user<number(n)>@example.com, in the same case."""
    regex = re.compile(pattern + r"(\d+)@example\.com", re.IGNORECASE)

    def change(text):
        def one(m):
            new = f"user{number(int(m.group(1)))}@example.com"
            word = m.group(0)
            return new.upper() if word.isupper() else new.title() if word.istitle() else new
        return regex.sub(one, text)
    return change


def generate_stack(out: Path) -> Path:
    """The three tools' folders in `out` (zendesk/, qualtrics/, shopify/)
    and raw/ with raw_holidays.csv; Shopify's customers and Qualtrics'
    contacts are the Zendesk requesters (same e-mail, Qualtrics' external
    reference the Shopify customer id)."""
    zendesk = generate_zendesk.generate(out / "zendesk", tickets=TICKETS, seed=23)
    qualtrics = generate_qualtrics.generate(out / "qualtrics", responses=RESPONSES, seed=23)
    shopify = generate_shopify.generate(out / "shopify", customers=CUSTOMERS, seed=23,
                                        first_customer=FIRST)
    (out / "raw").mkdir()
    shutil.copy(zendesk / "raw" / "raw_holidays.csv", out / "raw" / "raw_holidays.csv")
    for folder in (zendesk, qualtrics, shopify):
        shutil.rmtree(folder / "raw")
    _rewrite(shopify / "customer.csv", ["email"], _as_user("buyer"))
    _rewrite(shopify / "order.csv", ["email"], _as_user("buyer"))
    renumber = _as_user("customer", lambda n: n + FIRST - 1)
    _rewrite(qualtrics / "directory_contact.csv", ["email"], renumber)
    _rewrite(qualtrics / "survey_response.csv", ["recipient_email"], renumber)
    _rewrite(qualtrics / "directory_contact.csv", ["ext_ref"],
             lambda ref: str(int(ref.lstrip("C")) + FIRST - 1))
    return out


def load_stack_duckdb(db_path: Path, stack: Path) -> None:
    config = duckdb_config(db_path)
    generate_zendesk.load_duckdb(db_path, stack / "zendesk", config=config)
    generate_qualtrics.load_duckdb(db_path, stack / "qualtrics", config=config)
    generate_shopify.load_duckdb(db_path, stack / "shopify", config=config)
    from cx_tools.sql import sql_string
    with duckdb.connect(str(db_path), config=config) as con:
        con.execute("create schema if not exists raw")
        con.execute("create or replace table raw.raw_holidays as select * from read_csv("
                    f"{sql_string(stack / 'raw' / 'raw_holidays.csv')}, header = true, "
                    "all_varchar = true)")


def export_parquet(db_path: Path, out: Path) -> dict[str, dict[str, Path]]:
    """Every table of the loaded DuckDB file as Parquet, {schema: {table: file}}."""
    out.mkdir(parents=True, exist_ok=True)
    tables = {}
    with duckdb.connect(str(db_path), config=duckdb_config(db_path)) as con:
        for schema in (*TOOLS, "raw"):
            for (table,) in con.execute("select table_name from information_schema.tables "
                                        "where table_schema = ? order by 1", [schema]).fetchall():
                path = out / f"{schema}.{table}.parquet"
                con.execute(f'copy "{schema}"."{table}" to \'{path}\' (format parquet)')
                tables.setdefault(schema, {})[table] = path
    return tables


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """The generated stack, its DuckDB build and its tables as Parquet."""
    tmp = tmp_path_factory.mktemp("stack")
    folder = generate_stack(tmp / "stack")
    db = tmp / "warehouse.duckdb"
    load_stack_duckdb(db, folder)
    tables = export_parquet(db, tmp / "parquet")
    started = time.monotonic()
    build = run_dbt(tmp, BUILD, db_path=db, dbt_vars=VARS)
    print(f"duckdb: dbt build took {time.monotonic() - started:.0f} s")
    failed = {k: v for k, v in build.statuses().items()
              if v not in ("success", "pass", "no-op", "warn")}
    assert build.success and not failed, (failed, build.messages())
    return build, tables


def _build(engine: str, work: Path, tables: dict, extra_env: dict):
    dbt = engines.dbt_runner(engine, ["--target-path", str(work / "target"),
                                      "--log-path", str(work / "logs"), "--partial-parse",
                                      "--vars", json.dumps(VARS)])
    with _environment(**extra_env):
        engines.prepare_environment(engine)
        engines.load_tables(engine, tables, dbt)
        started = time.monotonic()
        result = dbt([*BUILD, "--quiet"])
        print(f"{engine}: dbt build of the stack took {time.monotonic() - started:.0f} s")
    return dbt, result


@pytest.fixture(scope="module")
def postgres_stack(stack, tmp_path_factory):
    try:
        import psycopg2
    except ImportError:
        _unavailable("postgres", "psycopg2 is not installed (python3 -m cx_tools setup)")
    admin = engines.postgres_connect_args()
    try:
        conn = psycopg2.connect(connect_timeout=5, **admin)
    except psycopg2.OperationalError as exc:
        _unavailable("postgres", f"no server at {admin['host']}:{admin['port']} "
                     f"({str(exc).strip().splitlines()[0]}); .ci/run starts one")
    database = f"cx_metrics_stack_{uuid.uuid4().hex[:8]}"
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"create database {database} template template0 encoding 'UTF8' "
                    "lc_collate 'C' lc_ctype 'C.UTF-8'")
    try:
        env = {"CX_PG_DATABASE": database, "CX_RAW_DIR": None,
               "PGOPTIONS": os.environ.get("PGOPTIONS", "-c jit=off")}
        dbt, result = _build("postgres", tmp_path_factory.mktemp("stack_postgres"),
                             stack[1], env)
        yield PostgresBuild("postgres", dbt, result, dict(admin, dbname=database))
    finally:
        with conn.cursor() as cur:
            cur.execute(f"drop database if exists {database}")
        conn.close()


@pytest.fixture(scope="module")
def spark_stack(stack, tmp_path_factory):
    try:
        import pyspark  # noqa: F401
    except ImportError:
        _unavailable("spark", "pyspark is not installed (python3 -m cx_tools setup)")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        _unavailable("spark", "no Java runtime (apt-get install openjdk-17-jre-headless)")
    work = tmp_path_factory.mktemp("stack_spark")
    env = {"CX_SPARK_DIR": str(work / "spark"), "CX_SPARK_CATALOG": "in-memory",
           "CX_RAW_DIR": None}
    dbt, result = _build("spark", work, stack[1], env)
    with _environment(**env):
        yield SparkBuild("spark", dbt, result)
    from pyspark.sql import SparkSession
    session = SparkSession.getActiveSession()
    if session is not None:
        session.stop()


ENGINE_FIXTURES = {"postgres": "postgres_stack", "spark": "spark_stack"}


@pytest.fixture(params=sorted(ENGINE_FIXTURES))
def engine_stack(request):
    return request.getfixturevalue(ENGINE_FIXTURES[request.param])


def test_the_stack_is_not_trivial(stack):
    build, tables = stack
    assert set(tables) == {"zendesk", "qualtrics", "shopify", "raw"}
    assert set(tables["raw"]) == {"raw_holidays"}
    counts = dict(build.query("select source_table, staged_rows from audit.audit_row_counts"))
    for table in ("raw_tickets", "raw_ticket_events", "raw_schedules", "raw_ticket_schedules",
                  "raw_survey_questions", "raw_survey_invitations", "raw_survey_responses",
                  "raw_customers", "raw_orders"):
        assert counts[table] > 0, table
    left_out = dict(build.query("select split_part(source_table, '.', 1), count(*) "
                                "from audit.audit_rejected_rows where source_table like '%.%' "
                                "group by 1"))
    assert left_out.get("qualtrics", 0) > 0 and left_out.get("shopify", 0) > 0, left_out
    for mart in ("dim_customers", "mart_churn_monthly", "mart_churn_cohorts", "fct_tickets",
                 "mart_support_monthly", "fct_survey_responses", "mart_nps_monthly"):
        assert build.query(f"select count(*) from marts.{mart}")[0][0] > 0, mart
    # the three tools' people are one: customers with tickets and with surveys
    linked = build.query(
        "select count(distinct t.customer_key), count(distinct s.customer_key) "
        "from marts.fct_tickets as t, marts.fct_survey_responses as s "
        "where t.customer_key is not null and s.customer_key is not null")[0]
    assert linked[0] > 0 and linked[1] > 0, linked
    rows = sum(duckdb.connect().sql(f"select count(*) from read_parquet('{p}')").fetchone()[0]
               for files in tables.values() for p in files.values())
    print(f"stack: {rows} rows in {sum(len(f) for f in tables.values())} tables")
    assert 300 <= rows <= 3000, rows


def test_builds_with_every_data_test(engine_stack):
    statuses = engine_stack.statuses()
    failed = {k: s for k, s in statuses.items() if s not in ("success", "pass", "warn", "no-op")}
    assert engine_stack.result.success and not failed, (
        f"dbt build of the stack on {engine_stack.engine}: {failed}\n{engine_stack.messages()}")
    assert any(k.startswith("model.cx_metrics.shopify__") for k in statuses)


def test_marts_and_audit_equal_duckdb(engine_stack, stack):
    build = stack[0]
    for name in MARTS:
        assert_same_relation(name, duckdb_relation(build, "marts", name),
                             engine_stack.relation("marts", name), engine_stack.engine)
    for name in AUDITS:
        assert_same_relation(name, duckdb_relation(build, "audit", name),
                             engine_stack.relation("audit", name), engine_stack.engine)
