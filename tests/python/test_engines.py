"""The same project on Postgres and on Spark: identical marts.

For each engine that is available here (Postgres: a server at the CX_PG_*
address, which `.ci/run` starts; Spark: pyspark and a Java runtime), the
bundled raw CSVs are loaded as that engine's all-text raw tables by
`cx_tools.engines` (the code of `python3 -m cx_tools build --engine ...`),
the whole project is built there with its unit and data tests
(`dbt build --target <engine>`), and every mart, `audit_row_counts` and
`audit_rejected_rows` (the raw rows as JSON included) is compared with the
DuckDB build of the same files: floats to 9 significant digits, timestamps
as UTC. The timestamp and date parsers are checked on every engine, DuckDB
included, against the same table of tricky values.

An unavailable engine skips its tests with the reason, unless
CX_REQUIRE_ENGINES names it (`.ci/run` sets it), which makes that a failure.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import shutil
import time
import uuid
from decimal import Decimal

import pytest

from conftest import ROOT, _environment

from cx_tools import engines

MARTS = sorted(p.stem for p in (ROOT / "models" / "marts").rglob("*.sql"))
AUDITS = ["audit_row_counts", "audit_rejected_rows"]
REQUIRED = set(os.environ.get("CX_REQUIRE_ENGINES", "").replace(",", " ").split())
SIGNIFICANT_DIGITS = 9
# dbt threads of the engine builds (the profile's Spark target has one).
# On Spark every statement costs seconds of the session's own work
# (planning, writing the table) while the project's DAG is wide: its
# longest chain of nodes is about a fifth of the sum of the node times. Two
# threads keep both cores of CI busy: on the loaded shared machine the Spark
# build took 0.79 and the Postgres build 0.86 of the time with one thread
# (docs/testing.md, "CI's time budget"). The marts are compared with the
# DuckDB build (one thread) below, so a result that depended on the thread
# count would fail here.
BUILD_THREADS = 2


def _unavailable(engine: str, reason: str):
    if engine in REQUIRED:
        pytest.fail(f"{engine} is required here (CX_REQUIRE_ENGINES) but {reason}")
    pytest.skip(f"{engine}: {reason}")


# -- normalised values ------------------------------------------------------

def normalise(value):
    """One cell in a form that compares across engines: integral decimals as
    int, other decimals as float, timestamps as naive UTC."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value


def same_cell(a, b) -> bool:
    """Equal, floats to SIGNIFICANT_DIGITS significant digits."""
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None or isinstance(a, (bool, str)) or isinstance(b, (bool, str)):
            return False
        return math.isclose(a, b, rel_tol=10.0 ** -SIGNIFICANT_DIGITS, abs_tol=1e-12)
    return a == b and type(a) is type(b) or (
        isinstance(a, int) and isinstance(b, int) and not isinstance(a, bool)
        and not isinstance(b, bool) and a == b)


def _sort_key(row):
    # floats rounded for the order only (rows are told apart by their keys)
    return tuple((v is None, float(f"{v:.6e}") if isinstance(v, float) else
                  (v if v is not None else 0)) for v in row)


def normalised_rows(columns: list[str], rows) -> list[tuple]:
    return sorted((tuple(normalise(v) for v in row) for row in rows), key=_sort_key)


def assert_same_relation(name: str, want: tuple, got: tuple, engine: str):
    (want_cols, want_rows), (got_cols, got_rows) = want, got
    assert got_cols == want_cols, f"{name} on {engine}: columns {got_cols} != {want_cols}"
    assert len(got_rows) == len(want_rows), (
        f"{name} on {engine}: {len(got_rows)} rows, DuckDB has {len(want_rows)}")
    diffs = [(w, g) for w, g in zip(want_rows, got_rows)
             if not all(same_cell(a, b) for a, b in zip(w, g))]
    if diffs:
        w, g = diffs[0]
        cells = {c: (a, b) for c, a, b in zip(want_cols, w, g) if not same_cell(a, b)}
        key = dict(zip(want_cols[:3], w[:3]))
        pytest.fail(f"{name} on {engine}: {len(diffs)} of {len(want_rows)} rows differ from "
                    f"DuckDB; first at {key}: (DuckDB, {engine}) {cells}")


def duckdb_relation(build, schema: str, name: str) -> tuple:
    with build.connect() as con:
        cur = con.execute(f"select * from {schema}.{name}")
        columns = [d[0] for d in cur.description]
        return columns, normalised_rows(columns, cur.fetchall())


# -- engines ----------------------------------------------------------------

class EngineBuild:
    """A dbt build of the project on another engine, in this process."""

    def __init__(self, engine: str, dbt, result):
        self.engine, self.dbt, self.result = engine, dbt, result

    def statuses(self) -> dict:
        return {r.node.unique_id: str(r.status) for r in (self.result.result or [])}

    def messages(self) -> str:
        return "\n".join(f"{r.node.name}: {r.message}" for r in (self.result.result or [])
                         if str(r.status) not in ("success", "pass") and r.message)

    def relation(self, schema: str, name: str) -> tuple:
        raise NotImplementedError

    def show(self, sql: str) -> list[tuple]:
        """The rows of `sql` (Jinja: the project's macros) on this engine."""
        result = self.dbt(["show", "--inline", sql, "--limit", "-1"])
        assert result.success, f"dbt show on {self.engine}: {result.exception}"
        table = result.result.results[0].agate_table
        return [tuple(row.values()) for row in table.rows]


class PostgresBuild(EngineBuild):
    def __init__(self, engine, dbt, result, connect_args):
        super().__init__(engine, dbt, result)
        self.connect_args = connect_args

    def relation(self, schema, name):
        import psycopg2
        with psycopg2.connect(**self.connect_args) as conn, conn.cursor() as cur:
            cur.execute(f'select * from "{schema}"."{name}"')
            columns = [d[0] for d in cur.description]
            rows = cur.fetchall()
        conn.close()
        return columns, normalised_rows(columns, rows)


class SparkBuild(EngineBuild):
    def relation(self, schema, name):
        from pyspark.sql import SparkSession
        from pyspark.sql.types import TimestampType

        frame = SparkSession.builder.getOrCreate().table(f"{schema}.{name}")
        columns = frame.columns
        # timestamps as integer microseconds: Python would read them in the
        # local zone of this process
        stamps = {f.name for f in frame.schema.fields if isinstance(f.dataType, TimestampType)}
        exprs = [f"unix_micros(`{c}`) as `{c}`" if c in stamps else f"`{c}`" for c in columns]
        rows = []
        for row in frame.selectExpr(*exprs).collect():
            values = list(row)
            for i, c in enumerate(columns):
                if c in stamps and values[i] is not None:
                    values[i] = dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=values[i])
            rows.append(values)
        return columns, normalised_rows(columns, rows)


def _build(engine: str, work, extra_env: dict) -> tuple:
    # The vars of the build (cx_tools.engines.build_vars) for every command of
    # this runner (Spark's load_raw_parquet and the tests' `dbt show` use no
    # var), and one target path: the first command parses the project, the
    # others reuse its manifest (same vars, profile and environment).
    dbt_vars, _ = engines.build_vars("raw", [])
    dbt = engines.dbt_runner(engine, ["--target-path", str(work / "target"),
                                      "--log-path", str(work / "logs"), "--partial-parse",
                                      "--vars", json.dumps(dbt_vars)])
    with _environment(**extra_env):
        engines.prepare_environment(engine)
        engines.load_raw(engine, ROOT / "seeds" / "raw", "raw", dbt)
        started = time.monotonic()
        result = dbt(["build", "--quiet", "--threads", str(BUILD_THREADS)])
        print(f"{engine}: dbt build took {time.monotonic() - started:.0f} s")
    return dbt, result


# The engine fixtures do not ask for the DuckDB build, so that pytest's
# --durations (which .ci/run shows) gives each engine's own time.

@pytest.fixture(scope="module")
def postgres_build(tmp_path_factory):
    try:
        import psycopg2
    except ImportError:
        _unavailable("postgres", "psycopg2 is not installed (python3 -m cx_tools setup)")
    admin = engines.postgres_connect_args()
    try:
        conn = psycopg2.connect(connect_timeout=5, **admin)
    except psycopg2.OperationalError as exc:
        _unavailable("postgres", f"no server at {admin['host']}:{admin['port']} as "
                     f"{admin['user']} ({str(exc).strip().splitlines()[0]}); set CX_PG_HOST, "
                     "CX_PG_PORT, CX_PG_USER, CX_PG_PASSWORD, CX_PG_DATABASE (.ci/run "
                     "starts a private server)")
    # a database of its own, sorting text by code point like DuckDB and
    # Spark, with Unicode character classes and case (regex, lower())
    database = f"cx_metrics_test_{uuid.uuid4().hex[:8]}"
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"create database {database} template template0 encoding 'UTF8' "
                    "lc_collate 'C' lc_ctype 'C.UTF-8'")
    try:
        env = {"CX_PG_DATABASE": database, "CX_RAW_DIR": None,
               "PGOPTIONS": os.environ.get("PGOPTIONS", "-c jit=off")}
        dbt, result = _build("postgres", tmp_path_factory.mktemp("postgres"), env)
        with _environment(**env):
            yield PostgresBuild("postgres", dbt, result, dict(admin, dbname=database))
    finally:
        with conn.cursor() as cur:
            cur.execute(f"drop database if exists {database}")
        conn.close()


@pytest.fixture(scope="module")
def spark_build(tmp_path_factory):
    try:
        import pyspark  # noqa: F401
    except ImportError:
        _unavailable("spark", "pyspark is not installed (python3 -m cx_tools setup)")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        _unavailable("spark", "no Java runtime (apt-get install openjdk-17-jre-headless)")
    work = tmp_path_factory.mktemp("spark")
    # the session's tables in memory: nothing outlives this test
    env = {"CX_SPARK_DIR": str(work / "spark"), "CX_SPARK_CATALOG": "in-memory",
           "CX_RAW_DIR": None}
    dbt, result = _build("spark", work, env)
    with _environment(**env):
        yield SparkBuild("spark", dbt, result)
    from pyspark.sql import SparkSession
    session = SparkSession.getActiveSession()
    if session is not None:
        session.stop()


ENGINE_FIXTURES = {"postgres": "postgres_build", "spark": "spark_build"}


@pytest.fixture(params=sorted(ENGINE_FIXTURES))
def engine_build(request) -> EngineBuild:
    return request.getfixturevalue(ENGINE_FIXTURES[request.param])


# -- tests ------------------------------------------------------------------

def test_builds_with_every_unit_and_data_test(engine_build):
    statuses = engine_build.statuses()
    failed = {k: s for k, s in statuses.items() if s not in ("success", "pass", "warn", "no-op")}
    assert engine_build.result.success and not failed, (
        f"dbt build on {engine_build.engine}: {failed}\n{engine_build.messages()}")
    kinds = {k.split(".")[0] for k in statuses}
    assert {"model", "seed", "test", "unit_test"} <= kinds
    models = [k for k in statuses if k.startswith("model.")]
    # every model but the source adapters', each enabled only when its
    # domain's var selects it (docs/sources.md)
    adapters = [ROOT / "models" / "staging" / a for a in ("zendesk", "qualtrics", "shopify")]
    assert len(models) == len([p for p in (ROOT / "models").rglob("*.sql")
                               if not any(a in p.parents for a in adapters)])
    # the one expected warning: the bundled data has ~1% bad rows
    warned = [k for k, s in statuses.items() if s == "warn"]
    assert all("has_no_rejected_rows" in k for k in warned), warned


def test_marts_and_audit_equal_duckdb(engine_build, bundled_build):
    assert len(MARTS) == 19
    for name in MARTS:
        assert_same_relation(name, duckdb_relation(bundled_build, "marts", name),
                             engine_build.relation("marts", name), engine_build.engine)
    for name in AUDITS:
        assert_same_relation(name, duckdb_relation(bundled_build, "audit", name),
                             engine_build.relation("audit", name), engine_build.engine)


# input text -> (timestamp in UTC or None, date or None), as DuckDB reads it
PARSE_CASES = {
    "2025-03-04T05:06:07Z": (dt.datetime(2025, 3, 4, 5, 6, 7), None),
    "2025-03-04 05:06:07": (dt.datetime(2025, 3, 4, 5, 6, 7), None),
    "  2025-03-04T05:06:07+02:00  ": (dt.datetime(2025, 3, 4, 3, 6, 7), None),
    "2025-03-04T05:06:07-0530": (dt.datetime(2025, 3, 4, 10, 36, 7), None),
    "2025-03-04T05:06:07+05": (dt.datetime(2025, 3, 4, 0, 6, 7), None),
    "2025-03-04T05:06z": (dt.datetime(2025, 3, 4, 5, 6), None),
    "2025-03-04T05:06:07.5": (dt.datetime(2025, 3, 4, 5, 6, 7, 500000), None),
    "2025-03-04T05:06:07.123456789+18:00": (dt.datetime(2025, 3, 3, 11, 6, 7, 123456), None),
    "2025-03-04": (dt.datetime(2025, 3, 4), dt.date(2025, 3, 4)),
    "2024-02-29": (dt.datetime(2024, 2, 29), dt.date(2024, 2, 29)),
    "2000-02-29T23:59:59": (dt.datetime(2000, 2, 29, 23, 59, 59), None),
    "2025-12-31T24:00:00": (dt.datetime(2026, 1, 1), None),
    "2025-12-31T24:00:00.000": (dt.datetime(2026, 1, 1), None),
    "2025-12-31T24:00:01": (None, None),
    "2025-02-29": (None, None),
    "2100-02-29T00:00:00": (None, None),
    "2025-04-31": (None, None),
    "2025-13-01T10:00:00Z": (None, None),
    "2025-00-10": (None, None),
    "2025-01-01T23:60:00": (None, None),
    "2025-01-01T23:59:60": (None, None),
    "2025-01-01T10:00:00+18:01": (None, None),
    "2025-01-01T10:00:00+05:60": (None, None),
    "2025-06-01T10:00:00+25:00": (None, None),
    "2025-01-01T10:00:00.": (None, None),
    "2025-01-01T10:00:00Z+01:00": (None, None),
    "31/12/2025 10:00": (None, None),
    "2025-1-01": (None, None),
    "1e3": (None, None),
    "": (None, None),
}


@pytest.fixture(scope="module")
def duckdb_show_dir(tmp_path_factory):
    """The target path and (empty) warehouse of the DuckDB `dbt show`s: one
    for the module, so that the second show reuses the first one's parse."""
    return tmp_path_factory.mktemp("duckdb_show")


@pytest.fixture(params=["duckdb", *sorted(ENGINE_FIXTURES)])
def any_engine(request, bundled_build, duckdb_show_dir):
    if request.param != "duckdb":
        yield request.getfixturevalue(ENGINE_FIXTURES[request.param])
        return
    dbt = engines.dbt_runner("duckdb", ["--target-path", str(duckdb_show_dir / "target"),
                                        "--log-path", str(duckdb_show_dir / "logs"),
                                        "--partial-parse"])
    with _environment(CX_DUCKDB_PATH=duckdb_show_dir / "show.duckdb"):
        yield EngineBuild("duckdb", dbt, None)


def test_timestamps_and_dates_parse_alike(any_engine):
    values = ", ".join("('" + v.replace("'", "''") + "')" for v in PARSE_CASES)
    # as text: a timestamp read by Python could be shifted to its local zone
    sql = ("select raw_text, "
           "cast({{ cx_platform.parse_iso_timestamp('raw_text') }} as {{ dbt.type_string() }}) as parsed_at, "
           "cast({{ cx_platform.parse_iso_date('raw_text') }} as {{ dbt.type_string() }}) as parsed_date "
           f"from (values {values}) as cases (raw_text)")
    with _environment(CX_RAW_DIR=None):
        rows = any_engine.show(sql)
    got = {}
    for text, parsed_at, parsed_date in rows:
        # dbt's result table may have read the text back as a date/time
        if isinstance(parsed_at, str):
            parsed_at = dt.datetime.fromisoformat(parsed_at)
        if isinstance(parsed_at, dt.date) and not isinstance(parsed_at, dt.datetime):
            parsed_at = dt.datetime.combine(parsed_at, dt.time())
        if isinstance(parsed_date, str):
            parsed_date = dt.date.fromisoformat(parsed_date)
        if isinstance(parsed_date, dt.datetime):
            parsed_date = parsed_date.date()
        got[text or ""] = (parsed_at, parsed_date)
    wrong = {v: (got.get(v), want) for v, want in PARSE_CASES.items() if got.get(v) != want}
    assert not wrong, f"{any_engine.engine}: (got, want) {wrong}"


# a schedule interval's start or end -> minutes after midnight, or None
TIME_CASES = {"00:00": 0, "09:30": 570, "23:59": 1439, "24:00": 1440, "09:30:00": 570,
              "24:00:00": 1440, "9:30": None, "09:30:15": None, "24:01": None,
              "12:60": None, "25:00": None, "0930": None, "09:30:00Z": None, "": None}


def test_times_of_day_parse_alike(any_engine):
    """parse_time_of_day (raw_schedules.start_time / end_time) reads the
    same on every engine as the independent reading of the raw contract."""
    from oracle.raw_contract import parse_time

    values = ", ".join(f"('{v}')" for v in TIME_CASES)
    sql = ("select raw_text, {{ cx_platform.parse_time_of_day('raw_text') }} as parsed "
           f"from (values {values}) as cases (raw_text)")
    with _environment(CX_RAW_DIR=None):
        got = {text or "": parsed for text, parsed in any_engine.show(sql)}
    assert got == TIME_CASES, any_engine.engine
    assert {v: parse_time(v) for v in TIME_CASES} == TIME_CASES


def test_minutes_as_hhmm_alike(any_engine):
    """minutes_as_hhmm (the Zendesk adapter's interval times) writes HH:MM on
    every engine, 1440 as 24:00."""
    minutes = [0, 5, 59, 60, 540, 725, 1439, 1440]
    sql = ("select m, {{ minutes_as_hhmm('m') }} as hhmm "
           f"from (values {', '.join(f'({m})' for m in minutes)}) as cases (m)")
    with _environment(CX_RAW_DIR=None):
        got = {int(m): hhmm for m, hhmm in any_engine.show(sql)}
    assert got == {m: f"{m // 60:02d}:{m % 60:02d}" for m in minutes}, any_engine.engine


def test_raw_row_json_is_the_same_text(any_engine):
    # a quote, a backslash, a slash, a non-ASCII letter and control
    # characters; a null and an empty value
    sql = ("select {{ cx_platform.raw_row_json(['a', 'b', 'c'], 'cases.') }} as raw_row from (select "
           "{{ cx_platform.string_literal('q\"\\\\ /é') }} || chr(10) || chr(1) || chr(31) || chr(9) "
           "as a, cast(null as {{ dbt.type_string() }}) as b, '' as c) as cases")
    with _environment(CX_RAW_DIR=None):
        [(raw_row,)] = any_engine.show(sql)
    assert raw_row == '{"a":"q\\"\\\\ /é\\n\\u0001\\u001F\\t","b":null,"c":""}', any_engine.engine


def test_raw_files_are_read_on_duckdb_only(postgres_build, tmp_path):
    """CX_RAW_DIR on Postgres stops dbt with a message that says what to do,
    while it parses the first model that reads a raw table (not an SQL error
    of DuckDB's file functions, which Postgres does not have)."""
    (tmp_path / "raw_orders.csv").write_text("order_id\n")
    with _environment(CX_RAW_DIR=str(tmp_path)):
        result = postgres_build.dbt(["compile", "--select", "base_crm__orders"])
    assert not result.success
    assert re.search(
        r"CX_RAW_DIR is supported on DuckDB only; on postgres load raw_\w+ into the raw "
        r"schema, unset CX_RAW_DIR and set var raw_source to 'tables'\.",
        str(result.exception)), result.exception


def test_unit_test_names_fit_postgres_identifiers():
    # dbt names a unit test's relation after the test; Postgres cuts
    # identifiers at 63 bytes, and dbt refuses longer names there
    import yaml
    names = [t["name"] for f in (ROOT / "models").rglob("*.yml")
             for t in (yaml.safe_load(f.read_text()) or {}).get("unit_tests", [])]
    assert names
    too_long = [n for n in names if len(n.encode()) > 63]
    assert not too_long, f"unit test names over 63 bytes: {too_long}"
