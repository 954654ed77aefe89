"""percentiles_by_rank (macros/metrics/percentiles_by_rank.sql): the medians and 90th
percentiles of mart_support_monthly and mart_cx_overview.

The SQL dbt compiles from the macro runs in DuckDB on random groups of
values (ties, nulls, a group with one value, a group whose measure is all
null, a measure missing from a group) and must equal the oracle's
percentile_cont, computed independently in Python (tests/python/oracle), to
the bit.
"""

from __future__ import annotations

import math

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_dbt
from oracle.support import percentile

MEASURES = ["first_m", "second_m"]
PERCENTILES = [("median", 0.5), ("p90", 0.9), ("p25", 0.25)]


@pytest.fixture(scope="module")
def percentiles_sql(tmp_path_factory):
    """The macro's query over a table `measured_values` (g1, g2, first_m,
    second_m)."""
    call = (
        "{{ percentiles_by_rank('measured_values', ['g1', 'g2'], "
        f"{MEASURES!r}, {PERCENTILES!r}) }}}}"
    )
    build = run_dbt(tmp_path_factory.mktemp("percentiles"), ["compile", "--inline", call])
    assert build.success, build.messages()
    return build.result.result.results[0].node.compiled_code


def _run(sql: str, rows: list[tuple]) -> dict:
    con = duckdb.connect()
    con.execute("create table measured_values "
                "(g1 varchar, g2 integer, first_m double, second_m double)")
    if rows:
        con.executemany("insert into measured_values values (?, ?, ?, ?)", rows)
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return {(r[0], r[1]): dict(zip(names, r)) for r in cursor.fetchall()}


def _expected(rows: list[tuple]) -> dict:
    groups: dict = {}
    for g1, g2, first, second in rows:
        groups.setdefault((g1, g2), {"first_m": [], "second_m": []})
        groups[(g1, g2)]["first_m"].append(first)
        groups[(g1, g2)]["second_m"].append(second)
    expected = {}
    for key, values in groups.items():
        if all(v is None for m in MEASURES for v in values[m]):
            continue  # a group with no value at all has no row
        expected[key] = {f"{name}_{m}": percentile(values[m], q)
                         for name, q in PERCENTILES for m in MEASURES}
    return expected


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return a == b or (math.isnan(a) and math.isnan(b))


def test_known_values(percentiles_sql):
    rows = [("a", 1, float(v), None) for v in (4, 1, 3, 2)] + [("b", 1, 7.0, 7.0)]
    got = _run(percentiles_sql, rows)
    assert got[("a", 1)]["median_first_m"] == 2.5
    assert got[("a", 1)]["p90_first_m"] == pytest.approx(3.7)
    assert got[("a", 1)]["median_second_m"] is None
    assert got[("b", 1)]["p90_second_m"] == 7.0


values = st.one_of(st.none(), st.sampled_from([0.0, 1.0, 1.5, 60.0]),
                   st.floats(min_value=0, max_value=1e6, allow_nan=False))
rows = st.lists(st.tuples(st.sampled_from(["x", "y", "z"]), st.integers(0, 2), values, values),
                max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=rows)
def test_random_groups_equal_percentile_cont(percentiles_sql, rows):
    got = _run(percentiles_sql, rows)
    expected = _expected(rows)
    assert set(got) == set(expected)
    for key, columns in expected.items():
        for column, value in columns.items():
            assert _same(got[key][column], value), (key, column, got[key][column], value)
