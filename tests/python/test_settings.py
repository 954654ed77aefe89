"""Every documented var, set to a non-default value, through a full build.

A team that sets its own business hours, churn window or as-of date must get
its marts: the whole `dbt build` (unit tests and data tests included) passes,
and the marts equal the independent oracles computed with the same settings.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil

import pytest
import yaml

from compare import assert_mart_matches
from conftest import ROOT, run_dbt
from oracle.churn import ChurnOracle
from oracle.outcomes import OutcomesOracle
from oracle.overview import OverviewOracle
from oracle.raw_contract import RawContract
from oracle.support import SupportOracle
from oracle.surveys import SurveyOracle
from test_support_metrics import FCT_COLUMNS

# a value unlike the default for every var a user may set (raw_source,
# raw_schema, the domains' sources and the adapters' schemas choose where the
# data comes from: the contract and adapter tests cover them)
SETTINGS = {
    "inactivity_days": 60,
    "outcome_window_days": 120,
    "as_of_date": "2026-06-30",
    "business_days": [1, 2, 3, 4, 5, 6],
    "business_start_time": "08:30",
    "business_end_time": "18:15",
    "business_timezone": "Europe/Berlin",
    "low_sample_threshold": 12,
    "touchpoint_attention_threshold": 60,
    "rejected_rows_error_pct": 10,
    "plausible_from": "1995-01-01",
    "plausible_until": "2090-01-01",
}
WHERE_FROM = {"raw_source", "raw_schema", "tickets_source", "surveys_source", "orders_source",
              "zendesk_schema", "qualtrics_schema", "shopify_schema"}


def test_every_documented_var_is_exercised():
    project = yaml.safe_load((ROOT / "dbt_project.yml").read_text())
    documented = set(project["vars"]) - WHERE_FROM
    assert documented == set(SETTINGS), "give every new var a non-default value here"
    changed = [k for k, v in SETTINGS.items() if project["vars"][k] == v]
    assert not changed, f"{changed} are set to their defaults"


@pytest.fixture(scope="module")
def custom_build(tmp_path_factory):
    build = run_dbt(tmp_path_factory.mktemp("settings"), ["build"], dbt_vars=SETTINGS)
    failed = {k: v for k, v in build.statuses().items() if v not in ("success", "pass", "warn", "no-op")}
    assert build.success and not failed, (failed, build.messages())
    return build


@pytest.fixture(scope="module")
def oracles():
    window = tuple(dt.datetime.fromisoformat(SETTINGS[k])
                   for k in ("plausible_from", "plausible_until"))
    bundled_contract = RawContract(ROOT / "seeds" / "raw", window=window)
    as_of = dt.date.fromisoformat(SETTINGS["as_of_date"])
    start, end = (dt.time.fromisoformat(SETTINGS[k])
                  for k in ("business_start_time", "business_end_time"))
    support = SupportOracle(bundled_contract, tz=SETTINGS["business_timezone"], as_of=as_of,
                            days=SETTINGS["business_days"], open_t=start, close_t=end)
    surveys = SurveyOracle(bundled_contract, as_of=as_of,
                           low_sample=SETTINGS["low_sample_threshold"],
                           attention=SETTINGS["touchpoint_attention_threshold"])
    churn = ChurnOracle(bundled_contract, inactivity_days=SETTINGS["inactivity_days"],
                        as_of=as_of)
    with open(ROOT / "seeds" / "lookups" / "comment_theme_keywords.csv", newline="") as fh:
        keywords = [(r["theme"], r["keyword"]) for r in csv.DictReader(fh)]
    overview = OverviewOracle(surveys, support, churn, keywords,
                              low_sample=SETTINGS["low_sample_threshold"])
    outcomes = OutcomesOracle(bundled_contract, inactivity_days=SETTINGS["inactivity_days"],
                              outcome_window_days=SETTINGS["outcome_window_days"], as_of=as_of,
                              surveys=surveys, support=support,
                              low_sample=SETTINGS["low_sample_threshold"])
    return {"support": support, "surveys": surveys, "churn": churn, "overview": overview,
            "outcomes": outcomes}


MARTS = {
    "fct_tickets": (["ticket_id"], "support", None),
    "mart_support_monthly": (["month", "channel", "priority"], "support", "support_monthly"),
    "dim_customers": (["customer_key"], "churn", "dim_customers"),
    "mart_churn_cohorts": (["cohort_month", "months_since_signup"], "churn", "cohorts"),
    "mart_churn_monthly": (["month"], "churn", "monthly"),
    "mart_nps_monthly": (["month", "touchpoint", "channel"], "surveys", "nps_monthly"),
    "mart_csat_monthly": (["month", "touchpoint", "channel"], "surveys", "csat_monthly"),
    "mart_ces_monthly": (["month", "touchpoint", "channel"], "surveys", "ces_monthly"),
    "mart_touchpoint_scorecard": (["month", "touchpoint"], "surveys", "touchpoint_scorecard"),
    "mart_cx_overview": (["month"], "overview", "overview"),
    "mart_followup_queue": (["response_id"], "overview", "followup_queue"),
    "fct_customer_months": (["customer_key", "month"], "outcomes", "customer_months"),
    "mart_churn_drivers": (["driver", "touchpoint", "experience_group"], "outcomes",
                           "churn_drivers"),
    "mart_cohort_revenue": (["cohort_month", "months_since_signup"], "outcomes",
                            "cohort_revenue"),
}


@pytest.mark.parametrize("mart", sorted(MARTS))
def test_marts_follow_the_settings(custom_build, oracles, mart):
    keys, oracle, method = MARTS[mart]
    rows = custom_build.frame(f"select * from marts.{mart}")
    if method is None:  # fct_tickets: the oracle's tickets, the columns it computes
        want = {k: {c: v[c] for c in FCT_COLUMNS} for k, v in oracles[oracle].tickets.items()}
    else:
        want = getattr(oracles[oracle], method)()
    assert_mart_matches(rows, keys, want, f"{mart} with {SETTINGS}")


def test_the_settings_change_the_marts(custom_build, bundled_build):
    """The comparison above is not vacuous: each setting moves its marts."""
    def one(build, sql):
        return build.query(sql)[0][0]

    checks = {
        # churn window and as-of date
        "select count(*) from marts.dim_customers where is_churned": None,
        "select max(month) from marts.mart_cx_overview": None,
        # business hours, days and time zone
        "select sum(first_response_business_minutes) from marts.fct_tickets": None,
        # low-sample flag and touchpoint attention
        "select count(*) from marts.mart_nps_monthly where is_low_sample": None,
        "select count(*) from marts.mart_touchpoint_scorecard where needs_attention": None,
        # outcome window
        "select max(outcome_window_days) from marts.mart_churn_drivers": None,
        "select sum(experiences) from marts.mart_churn_drivers": None,
    }
    same = [sql for sql in checks if one(custom_build, sql) == one(bundled_build, sql)]
    assert not same, f"unchanged by the settings: {same}"


def test_settings_changed_and_back_recompute_every_key(tmp_path):
    """Incremental runs on the same raw files (so no key changes by its
    data): a run under other business hours recomputes every ticket, and so
    does the run under the first hours again, which must not keep the rows
    computed under the other hours (the batch it processed under the first
    hours is older than the change)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for f in (ROOT / "seeds" / "raw").glob("raw_*.csv"):
        shutil.copy(f, raw)
    args = ["build", "--select", "+int_ticket_milestones",
            "--exclude", "test_type:unit", "resource_type:test"]
    sql = "select * exclude (cx_batch) from intermediate.int_ticket_milestones order by ticket_id"
    runs = []
    for start in ("09:00", "08:00", "09:00"):
        build = run_dbt(tmp_path / "run", args, raw_dir=raw, db_path=tmp_path / "w.duckdb",
                        dbt_vars={"business_start_time": start})
        assert build.success, build.messages()
        runs.append(build.query(sql))
    assert runs[1] != runs[0], "business_start_time does not move the milestones"
    assert runs[2] == runs[0], "rows computed under the other settings were kept"
