"""Churn marts against an independent Python computation from the raw CSVs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import assert_mart_matches
from conftest import Workspaces
from oracle.churn import ChurnOracle
from oracle.raw_contract import RawContract
from rawkit import good_rows, write_raw


@pytest.fixture(scope="module")
def churn_oracle(bundled_contract):
    return ChurnOracle(bundled_contract)


def test_dim_customers_equals_oracle(bundled_build, churn_oracle):
    rows = bundled_build.frame("select * from marts.dim_customers")
    assert_mart_matches(rows, ["customer_key"], churn_oracle.dim_customers(), "dim_customers")


def test_churn_cohorts_equal_oracle(bundled_build, churn_oracle):
    rows = bundled_build.frame("select * from marts.mart_churn_cohorts")
    assert_mart_matches(rows, ["cohort_month", "months_since_signup"], churn_oracle.cohorts(),
                        "mart_churn_cohorts")


def test_churn_monthly_equals_oracle(bundled_build, churn_oracle):
    rows = bundled_build.frame("select * from marts.mart_churn_monthly")
    assert_mart_matches(rows, ["month"], churn_oracle.monthly(), "mart_churn_monthly")


def test_bundled_customers_come_back(churn_oracle):
    monthly = churn_oracle.monthly()
    assert sum(r["reactivated"] for r in monthly.values()) > 0
    assert any(c["merged_records"] > 1 for c in churn_oracle.customers.values())


def test_no_email_in_customer_marts(bundled_build):
    for table in ("dim_customers", "mart_churn_cohorts", "mart_churn_monthly"):
        columns = [c for (c,) in bundled_build.query(
            "select column_name from information_schema.columns "
            "where table_schema = 'marts' and table_name = ?", [table])]
        assert columns and not [c for c in columns if "email" in c]


@pytest.fixture(scope="module")
def churn_workspaces(tmp_path_factory):
    """The crafted builds of this module: one raw folder and warehouse path
    per set of vars, each build from an empty warehouse, all but the first
    of each reusing the first one's parse of the project
    (conftest.Workspace)."""
    return Workspaces(tmp_path_factory, "churn")


def _build_churn(workspaces, data, dbt_vars=None):
    """The build and its raw folder."""
    workspace = workspaces(dbt_vars)
    raw = write_raw(workspace.fresh_raw(), data)
    build = workspace.run(["run", "--select", "+mart_churn_cohorts", "+mart_churn_monthly"])
    assert build.success, build.messages()
    return build, raw


def test_same_email_in_another_case_is_one_customer(churn_workspaces):
    data = good_rows()
    data["raw_customers"] += [
        {"customer_id": "C8", "email": "Zed@Example.com", "signup_at": "2025-03-01T00:00:00Z"},
        {"customer_id": "C3", "email": "zed@example.com ", "signup_at": "2025-01-20T00:00:00Z"},
    ]
    data["raw_orders"] += [{"order_id": "O9", "customer_id": "C8",
                            "ordered_at": "2025-04-01T00:00:00Z", "amount": "10",
                            "status": "completed"}]
    build, _ = _build_churn(churn_workspaces, data)
    rows = build.frame("select * from marts.dim_customers where customer_key in ('C3', 'C8')")
    assert [(r["customer_key"], r["merged_records"], r["completed_orders"], r["cohort_month"])
            for r in rows] == [("C3", 2, 1, dt.date(2025, 1, 1))]


def _add_inactivity_boundaries(workspace, data, days):
    """Customers whose last activity is exactly `days` (active) and `days`
    + 1 (churned) days before an evaluation date: the month end 2025-01-31
    (their signup is the activity) and as_of_date (a completed order;
    as_of_date is the latest timestamp of the other rows, which these
    orders, earlier, leave as it is). In every example, not by chance."""
    from oracle.surveys import as_of_date

    as_of = as_of_date(RawContract(write_raw(workspace.fresh_raw(), data)))
    for n, gap in enumerate((days, days + 1)):
        signup = dt.datetime(2025, 1, 31) - dt.timedelta(days=gap)
        data["raw_customers"].append({"customer_id": f"CB{n}", "email": f"b{n}@example.com",
                                      "signup_at": f"{signup:%Y-%m-%d} 08:00:00"})
        ordered = as_of - dt.timedelta(days=gap)
        data["raw_customers"].append({"customer_id": f"CD{n}", "email": f"d{n}@example.com",
                                      "signup_at": f"{ordered - dt.timedelta(days=5)} 08:00:00"})
        data["raw_orders"].append({"order_id": f"OD{n}", "customer_id": f"CD{n}",
                                   "ordered_at": f"{ordered} 12:00:00", "amount": "9.90",
                                   "status": "completed"})


customer = st.fixed_dictionaries({
    "signup": st.integers(0, 300),
    # negative: a guest-checkout order before the signup
    "orders": st.lists(st.tuples(st.integers(-200, 420), st.sampled_from(
        ["completed", "completed", "cancelled", "refunded"])), max_size=6),
    "duplicate": st.booleans(),
})


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
@given(customers=st.lists(customer, min_size=1, max_size=25), days=st.sampled_from([30, 90]))
def test_random_customers_agree_with_the_oracle(churn_workspaces, customers, days):
    base = dt.datetime(2025, 1, 1)
    data = good_rows()
    for i, c in enumerate(customers):
        signup = base + dt.timedelta(days=c["signup"], hours=i % 24)
        data["raw_customers"].append({"customer_id": f"CP{i:03d}", "email": f"p{i}@example.com",
                                      "signup_at": signup.isoformat(sep=" ")})
        if c["duplicate"]:
            data["raw_customers"].append(
                {"customer_id": f"CQ{i:03d}", "email": f" P{i}@EXAMPLE.com",
                 "signup_at": (signup + dt.timedelta(days=3)).isoformat(sep=" ")})
        for j, (offset, status) in enumerate(c["orders"]):
            owner = f"CQ{i:03d}" if c["duplicate"] and j % 2 else f"CP{i:03d}"
            data["raw_orders"].append({
                "order_id": f"OP{i:03d}{j}", "customer_id": owner, "amount": "12.50",
                "ordered_at": (signup + dt.timedelta(days=offset)).isoformat(sep=" "),
                "status": status})
    _add_inactivity_boundaries(churn_workspaces({"inactivity_days": days}), data, days)
    build, raw = _build_churn(churn_workspaces, data, {"inactivity_days": days})
    oracle = ChurnOracle(RawContract(raw), inactivity_days=days)
    assert_mart_matches(build.frame("select * from marts.mart_churn_cohorts"),
                        ["cohort_month", "months_since_signup"], oracle.cohorts(), "cohorts")
    assert_mart_matches(build.frame("select * from marts.mart_churn_monthly"), ["month"],
                        oracle.monthly(), "monthly")
    assert_mart_matches(build.frame("select * from marts.dim_customers"), ["customer_key"],
                        oracle.dim_customers(), "dim_customers")


def test_guest_checkout_counts_from_the_signup_in_every_mart(churn_workspaces):
    """An order months before the signup is activity, but the customer is new
    in its signup month in mart_churn_monthly as in dim_customers and
    mart_churn_cohorts, and is never churned before it."""
    data = good_rows()
    data["raw_customers"].append({"customer_id": "CG", "email": "guest@example.com",
                                  "signup_at": "2025-01-20T10:00:00Z"})
    data["raw_orders"].append({"order_id": "OG", "customer_id": "CG", "amount": "30.00",
                               "ordered_at": "2024-09-05T10:00:00Z", "status": "completed"})
    build, raw = _build_churn(churn_workspaces, data)
    assert build.query("select cohort_month, completed_orders from marts.dim_customers "
                       "where customer_key = 'CG'") == [(dt.date(2025, 1, 1), 1)]
    new = dict(build.query("select month, new_customers from marts.mart_churn_monthly"))
    cohorts = dict(build.query("select cohort_month, cohort_size from marts.mart_churn_cohorts "
                               "where months_since_signup = 0"))
    signups = dict(build.query("select cohort_month, count(*) from marts.dim_customers "
                               "group by 1"))
    assert {m: n for m, n in new.items() if n} == signups == cohorts
    churned = dict(build.query("select month, churned from marts.mart_churn_monthly"))
    assert sum(churned[m] for m in churned if m < dt.date(2025, 1, 1)) == 0
    oracle = ChurnOracle(RawContract(raw))
    assert_mart_matches(build.frame("select * from marts.mart_churn_monthly"), ["month"],
                        oracle.monthly(), "monthly")
