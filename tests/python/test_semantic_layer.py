"""MetricFlow: `mf query` results equal the marts."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compare import same
from conftest import ROOT
from cx_tools.publish import publish

MF = Path(sys.executable).parent / "mf"


def semantic_env(db_path: Path, tmp: Path) -> tuple[dict, Path]:
    """(environment, working folder) in which `mf` queries a copy of the
    warehouse `db_path` (the build's file is locked by this process) with
    the semantic manifest of a parse into a temporary target."""
    db = publish(db_path, tmp / "warehouse.duckdb")
    # mf reads target/semantic_manifest.json under its working directory:
    # give it a folder with the project file, the profile and a fresh parse
    project = tmp / "project"
    project.mkdir()
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy(ROOT / name, project / name)
    env = dict(os.environ, CX_DUCKDB_PATH=str(db), DBT_PROFILES_DIR=str(project),
               DBT_LOG_PATH=str(tmp / "logs"))
    env.pop("CX_RAW_DIR", None)
    dbt = Path(sys.executable).parent / "dbt"
    parse = subprocess.run([str(dbt), "parse", "--project-dir", str(ROOT), "--target-path",
                            str(project / "target")], cwd=ROOT, env=env, capture_output=True,
                           text=True)
    assert parse.returncode == 0, parse.stdout[-2000:]
    assert (project / "target" / "semantic_manifest.json").exists()
    return env, project


def mf_csv(mf_env, metrics: list[str], group_by: list[str]) -> list[dict]:
    """The rows of `mf query` (as text) of `metrics` grouped by `group_by`."""
    env, project = mf_env
    out = project / f"{'_'.join(metrics + group_by)}.csv"
    run = subprocess.run([str(MF), "query", "--metrics", ",".join(metrics), "--group-by",
                          ",".join(group_by), "--csv", str(out)],
                         cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    with open(out, newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def mf_env(bundled_build, tmp_path_factory):
    return semantic_env(bundled_build.db_path, tmp_path_factory.mktemp("mf"))


def mf_rows(mf_env, metrics: list[str], grain: str = "month", extra=()) -> list[tuple]:
    """`mf query` grouped by metric_time at a grain: [(period, {metric: value})]
    in the order mf printed them."""
    env, project = mf_env
    out = project / f"{'_'.join(metrics)}_{grain}.csv"
    run = subprocess.run([str(MF), "query", "--metrics", ",".join(metrics), "--group-by",
                          f"metric_time__{grain}", *extra, "--csv", str(out)], cwd=project,
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    with open(out, newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [(dt.date.fromisoformat(r[f"metric_time__{grain}"][:10]),
             {m: (float(r[m]) if r[m] not in ("", "None") else None) for m in metrics})
            for r in rows]


def mf_query(mf_env, metrics: list[str]) -> dict:
    return dict(mf_rows(mf_env, metrics))


def test_mf_survey_metrics_equal_the_overview_mart(mf_env, bundled_build):
    got = mf_query(mf_env, ["nps", "nps_moe_95", "csat_pct", "ces_ease_index",
                            "response_rate_pct"])
    mart = {r["month"]: r for r in bundled_build.frame(
        "select * from marts.mart_cx_overview where nps_responses > 0")}
    assert set(mart) <= set(got)
    for month, row in mart.items():
        for metric in ("nps", "nps_moe_95", "csat_pct", "ces_ease_index"):
            assert same(got[month][metric], row[metric]), (month, metric)
    for month, row in got.items():
        if month in mart and row["response_rate_pct"] is not None:
            assert same(row["response_rate_pct"], mart[month]["response_rate_pct"]), month


def test_mf_support_metrics_equal_the_marts(mf_env, bundled_build):
    got = mf_query(mf_env, ["fcr_pct", "sla_attainment_pct", "resolution_sla_attainment_pct"])
    mart = {r["month"]: r for r in bundled_build.frame(
        "select * from marts.mart_cx_overview where tickets_created > 0")}
    for month, row in mart.items():
        assert same(got[month]["fcr_pct"], row["fcr_pct"]), month
        assert same(got[month]["sla_attainment_pct"],
                    row["first_response_sla_attainment_pct"]), month
        assert same(got[month]["resolution_sla_attainment_pct"],
                    row["resolution_sla_attainment_pct"]), month
    assert any(row["resolution_sla_attainment_pct"] != row["first_response_sla_attainment_pct"]
               for row in mart.values()), "the two SLAs are different metrics"


def test_mf_quarterly_nps_in_order_equals_the_marts(mf_env, bundled_build):
    """The time-granularity example of docs/bi.md: `--group-by metric_time__quarter
    --order metric_time__quarter` gives quarters in order, each equal to the
    monthly mart's additive counts summed over the quarter."""
    got = mf_rows(mf_env, ["nps", "nps_responses"], "quarter",
                  ["--order", "metric_time__quarter"])
    quarters = [q for q, _ in got]
    assert quarters == sorted(quarters) and len(quarters) > 4
    sums = {}
    for r in bundled_build.frame("select month, promoters, detractors, nps_responses "
                                 "from marts.mart_cx_overview where nps_responses > 0"):
        q = dt.date(r["month"].year, 3 * ((r["month"].month - 1) // 3) + 1, 1)
        p, d, n = sums.get(q, (0, 0, 0))
        sums[q] = (p + r["promoters"], d + r["detractors"], n + r["nps_responses"])
    assert set(sums) <= set(quarters)
    values = dict(got)
    for q, (p, d, n) in sums.items():
        assert values[q]["nps_responses"] == n, q
        assert same(values[q]["nps"], 100.0 * (p - d) / n), q


def test_mf_churn_rate_equals_the_mart(mf_env, bundled_build):
    got = mf_query(mf_env, ["churn_rate_pct"])
    mart = {r["month"]: r["churn_rate_pct"] for r in bundled_build.frame(
        "select * from marts.mart_churn_monthly")}
    assert set(mart) == set(got)
    for month, rate in mart.items():
        assert same(got[month]["churn_rate_pct"], rate), month


def test_mf_support_metrics_by_schedule(mf_env, bundled_build):
    """The schedule at creation is a dimension of the tickets
    (ticket__schedule_id; 'default' for the schedule of the vars): grouped
    by it, FCR % per month and schedule equals the tickets of fct_tickets."""
    env, project = mf_env
    out = project / "fcr_by_schedule.csv"
    run = subprocess.run([str(MF), "query", "--metrics", "fcr_pct", "--group-by",
                          "metric_time__month,ticket__schedule_id", "--csv", str(out)],
                         cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    with open(out, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["ticket__schedule_id"] for r in rows} == {"default"}
    want = {}
    for month, schedule, one_touch, resolved in bundled_build.query(
            "select cast(created_month as date), coalesce(schedule_id, 'default'), "
            "count(case when is_one_touch then 1 end), count(case when is_resolved then 1 end) "
            "from marts.fct_tickets group by 1, 2"):
        want[(month, schedule)] = 100.0 * one_touch / resolved if resolved else None
    for r in rows:
        key = (dt.date.fromisoformat(r["metric_time__month"][:10]), r["ticket__schedule_id"])
        value = float(r["fcr_pct"]) if r["fcr_pct"] not in ("", "None") else None
        assert same(value, want[key]), key


def test_mf_churned_share_of_experiences_equals_the_drivers_mart(mf_env, bundled_build):
    """experience_churn_rate_pct by driver, touchpoint and group is the
    mart's churn_rate_pct, with its experiences and churned counts."""
    dims = ["churn_driver_group__driver", "churn_driver_group__touchpoint",
            "churn_driver_group__experience_group"]
    rows = mf_csv(mf_env, ["experiences", "churned_experiences", "experience_churn_rate_pct"],
                  dims)
    got = {tuple(r[d] for d in dims): r for r in rows}
    mart = {(r["driver"], r["touchpoint"], r["experience_group"]): r
            for r in bundled_build.frame("select * from marts.mart_churn_drivers")}
    assert mart and set(got) == set(mart)
    for key, row in mart.items():
        assert int(got[key]["experiences"]) == row["experiences"], key
        assert int(got[key]["churned_experiences"]) == row["churned"], key
        assert same(float(got[key]["experience_churn_rate_pct"]), row["churn_rate_pct"]), key


def test_mf_ltv_curve_equals_the_cohort_revenue_mart(mf_env, bundled_build):
    """ltv_per_customer by cohort month and months since signup is the
    mart's cumulative revenue per customer."""
    dims = ["metric_time__month", "cohort_revenue_key__months_since_signup"]
    rows = mf_csv(mf_env, ["cohort_customers", "ltv_per_customer"], dims)
    got = {(dt.date.fromisoformat(r[dims[0]][:10]), int(r[dims[1]])): r for r in rows}
    mart = {(r["cohort_month"], r["months_since_signup"]): r
            for r in bundled_build.frame("select * from marts.mart_cohort_revenue")}
    assert mart and set(got) == set(mart)
    for key, row in mart.items():
        assert int(got[key]["cohort_customers"]) == row["cohort_size"], key
        value = got[key]["ltv_per_customer"]
        assert same(float(value) if value not in ("", "None") else None,
                    row["cumulative_revenue_per_customer"]), key


def test_mf_active_customers_and_revenue_equal_the_marts(mf_env, bundled_build):
    """Active customers per month from the customer months are
    mart_churn_monthly's active_at_evaluation, and their revenue per month is
    the cohorts' revenue of that month in mart_cohort_revenue: two marts
    computed another way."""
    got = mf_query(mf_env, ["active_customers", "revenue"])
    active = dict(bundled_build.query(
        "select month, active_at_evaluation from marts.mart_churn_monthly"))
    revenue = dict(bundled_build.query(
        "select date_trunc('month', evaluation_date)::date, "
        "sum(revenue) from marts.mart_cohort_revenue group by 1"))
    assert set(got) == set(active) == set(revenue)
    for month, row in got.items():
        assert row["active_customers"] == active[month], month
        assert same(row["revenue"], revenue[month]), month


def test_mf_active_customers_by_segment_join_the_customers(mf_env, bundled_build):
    """The customer months carry no segment: grouped by customer__segment,
    MetricFlow joins dim_customers on the customer entity, and the counts
    equal that join done in SQL."""
    dims = ["metric_time__month", "customer__segment"]
    rows = mf_csv(mf_env, ["active_customers"], dims)
    got = {(dt.date.fromisoformat(r[dims[0]][:10]), r[dims[1]] or None):
           int(float(r["active_customers"])) for r in rows}
    want = {(m, s): n for m, s, n in bundled_build.query(
        "select months.month, customers.segment, "
        "count(case when months.is_active then 1 end) "
        "from marts.fct_customer_months as months "
        "join marts.dim_customers as customers using (customer_key) group by 1, 2")}
    assert len({s for _, s in want}) > 1 and got == want
