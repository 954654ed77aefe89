"""The Shopify (Fivetran) adapter: `orders_source: shopify` end to end.

Fivetran-shaped Shopify tables (the hand-written set of
tests/fixtures/shopify_tiny/, and data of cx_tools.generate_shopify) are
loaded into a DuckDB schema `shopify` (typed as DuckDB reads them: integer
ids, amounts as numbers, booleans, timestamps), the other raw tables as text
into `raw`, and the project is built with `dbt build --vars
'{orders_source: shopify, raw_source: tables}'` (every model the churn marts
and the audit need, with their unit and data tests). The staged customers
and orders, the audit (the contract's rejections and the Shopify rows left
out on purpose) and the churn marts must equal what the raw contract
reading and the churn oracle make of the rows that an independent Python
mapping (oracle/shopify.py) makes of the same files. The hand-written set
and the generated shop are built together, once (a build is most of the
time), and the hand-written set also pins each mapping rule to
hand-computed values.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections import Counter
from decimal import Decimal

import pytest

from compare import assert_mart_matches
from conftest import ROOT, run_dbt
from oracle.churn import ChurnOracle
from oracle.raw_contract import RawContract
from oracle.shopify import raw_folder_from_shopify, shopify_to_raw

from cx_tools.generate_shopify import generate, load_duckdb
from cx_tools.profile import duckdb_config

TINY = ROOT / "tests" / "fixtures" / "shopify_tiny"
VARS = {"orders_source": "shopify", "raw_source": "tables", "shopify_schema": "shopify",
        "raw_schema": "raw"}
# the hand-written set's ids (customers 1 to 6, orders 1001 to 1017); the
# generated shop's customers count from 10001, its orders from 100001
TINY_CUSTOMERS = {str(i) for i in range(1, 7)}
TINY_ORDERS = {str(i) for i in range(1001, 1018)}


def _merged(tmp, generated):
    """One Shopify folder: the generated shop and the hand-written set, row
    by row (one build checks both: a dbt build is most of this module's
    time), and the generated raw/ tables."""
    folder = tmp / "shop"
    shutil.copytree(generated / "raw", folder / "raw")
    for table in ("customer", "customer_address", "order", "transaction"):
        rows, columns = [], []
        for part in (generated, TINY):
            with open(part / f"{table}.csv", newline="", encoding="utf-8") as fh:
                reader = csv.DictReader(fh)
                columns += [c for c in reader.fieldnames if c not in columns]
                rows += list(reader)
        with open(folder / f"{table}.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    return folder


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """The merged folder, and the build, contract reading and left-out rows
    of it (dbt build of every model the staged customers and orders, the
    audit and the churn marts need, with their unit and data tests)."""
    tmp = tmp_path_factory.mktemp("shopify")
    generated = generate(tmp / "generated", customers=800, seed=11, first_customer=10001)
    folder = _merged(tmp, generated)
    db = tmp / "warehouse.duckdb"
    load_duckdb(db, folder, config=duckdb_config(db))
    # the hand-written set's bad rows are a large share of its customers
    dbt_vars = dict(VARS, rejected_rows_error_pct=60)
    build = run_dbt(tmp, ["build", "--select", "+dim_customers", "+mart_churn_cohorts",
                          "+mart_churn_monthly", "+audit_rejected_rows", "+audit_row_counts",
                          "--indirect-selection", "cautious"],
                    db_path=db, dbt_vars=dbt_vars)
    failed = {k: v for k, v in build.statuses().items()
              if v not in ("success", "pass", "no-op")
              and not (v == "warn" and "rejected" in k)}
    assert build.success and not failed, (failed, build.messages())
    mapped, left_out = raw_folder_from_shopify(folder, tmp / "mapped")
    return folder, build, RawContract(mapped), left_out


def _assert_equals_the_mapping(folder, build, contract, left_out, label):
    customers = {c["customer_id"]: {k: c[k] for k in ("email", "signup_at", "segment",
                                                         "country")}
                 for c in contract.staged["raw_customers"]}
    assert_mart_matches(build.frame("select * from staging.stg_crm__customers"),
                        ["customer_id"], customers, f"stg_crm__customers ({label})")
    orders = {o["order_id"]: {k: o[k] for k in ("customer_id", "ordered_at", "status")}
              for o in contract.staged["raw_orders"]}
    assert_mart_matches(build.frame("select * from staging.stg_crm__orders"),
                        ["order_id"], orders, f"stg_crm__orders ({label})")
    # amounts exactly, not within a tolerance
    got = {k: Decimal(v) for k, v in build.query(
        "select order_id, cast(amount as varchar) from staging.stg_crm__orders")}
    assert got == {o["order_id"]: o["amount"] for o in contract.staged["raw_orders"]}
    # the audit: every row the contract rejects and every Shopify row left out
    audited = Counter(build.query(
        "select source_table, source_key, reason from audit.audit_rejected_rows "
        "where source_table in ('raw_customers', 'raw_orders', 'shopify.order', "
        "'shopify.customer')"))
    want = Counter([(t, k, r) for t in ("raw_customers", "raw_orders")
                    for k, r in contract.rejected[t]] + list(left_out))
    assert audited == want, f"audit ({label})"
    churn = ChurnOracle(contract)
    assert_mart_matches(build.frame("select * from marts.dim_customers"), ["customer_key"],
                        churn.dim_customers(), f"dim_customers ({label})")
    assert_mart_matches(build.frame("select * from marts.mart_churn_cohorts"),
                        ["cohort_month", "months_since_signup"], churn.cohorts(),
                        f"mart_churn_cohorts ({label})")
    assert_mart_matches(build.frame("select * from marts.mart_churn_monthly"), ["month"],
                        churn.monthly(), f"mart_churn_monthly ({label})")
    # every Shopify order is a raw order or left out, never both, never none
    raw_orders = build.query("select raw_rows from audit.audit_row_counts "
                             "where source_table = 'raw_orders'")[0][0]
    with open(folder / "order.csv", encoding="utf-8") as fh:
        shopify_orders = sum(1 for _ in fh) - 1
    assert raw_orders + sum(t == "shopify.order" for t, _, _ in left_out) == shopify_orders


def test_the_build_equals_the_mapping(shop):
    _assert_equals_the_mapping(*shop, "Shopify")


def test_the_hand_written_set_follows_each_mapping_rule(shop):
    build = shop[1]
    orders = {r["order_id"]: r for r in build.frame("select * from staging.stg_crm__orders")
              if r["order_id"] in TINY_ORDERS}
    d = dt.datetime
    # paid and partially refunded are completed; refunded is refunded;
    # cancelled_at wins over any financial status (paid, voided)
    assert {k: o["status"] for k, o in orders.items()} == {
        "1001": "completed", "1002": "completed", "1003": "refunded", "1004": "cancelled",
        "1007": "completed", "1011": "cancelled", "1013": "completed", "1015": "completed",
        "1016": "completed", "1017": "completed"}
    # amount = total less successful refunds, exactly: a failed (1002) or
    # pending (1016) refund returned nothing; two small refunds (1015)
    amounts = {k: v for k, v in build.query("select order_id, cast(amount as varchar) "
                                            "from staging.stg_crm__orders")
               if k in TINY_ORDERS}
    assert {k: Decimal(v) for k, v in amounts.items()} == {
        "1001": Decimal("100"), "1002": Decimal("50"), "1003": Decimal("0"),
        "1004": Decimal("0"), "1007": Decimal("55.5"), "1011": Decimal("32"),
        "1013": Decimal("10"), "1015": Decimal("19.88"), "1016": Decimal("45"),
        "1017": Decimal("44.44")}
    # a guest checkout finds the customer by e-mail (another case, spaces):
    # the earliest of the two records with it
    assert orders["1007"]["customer_id"] == "3"
    # processed_at is the order's date (an imported order), else created_at
    assert orders["1013"]["ordered_at"] == d(2025, 1, 15, 8)
    assert orders["1017"]["ordered_at"] == d(2025, 6, 1, 10)
    # test and deleted rows are left out and audited with their reason;
    # unknown financial statuses and unknown customers reach the contract
    rejected = sorted(r for r in build.query(
        "select source_table, source_key, reason from audit.audit_rejected_rows "
        "where source_table in ('raw_customers', 'raw_orders', 'shopify.order', "
        "'shopify.customer')") if r[1] in TINY_ORDERS | TINY_CUSTOMERS)
    assert rejected == [
        ("raw_orders", "1008", "unknown_customer"),  # a guest nobody knows
        ("raw_orders", "1009", "unknown_value"),  # pending
        ("raw_orders", "1010", "unknown_value"),  # authorized
        ("raw_orders", "1012", "unknown_customer"),  # its customer was deleted
        ("shopify.customer", "5", "deleted_in_source"),
        ("shopify.order", "1005", "test_order"),
        ("shopify.order", "1006", "deleted_in_source"),
        ("shopify.order", "1014", "deleted_in_source"),  # deleted and a test
    ]
    raw_rows = dict(build.query("select source_key, raw_row from audit.audit_rejected_rows "
                                "where source_table = 'raw_orders'"))
    assert '"status":"pending"' in raw_rows["1009"]
    # customers: the default address's country; none without one; the two
    # records of one e-mail are one customer (3, the earlier)
    customers = {r["customer_key"]: r for r in build.frame("select * from marts.dim_customers")
                 if r["customer_key"] in TINY_CUSTOMERS}
    assert set(customers) == {"1", "2", "3", "6"}
    assert (customers["1"]["country"], customers["2"]["country"], customers["6"]["country"]) \
        == ("DE", "US", None)
    assert customers["3"]["merged_records"] == 2 and customers["3"]["completed_orders"] == 2
    assert float(customers["1"]["lifetime_value"]) == 160.0  # 100 + 50 + 10


def test_the_python_mapping_is_not_vacuous():
    """The independent mapping makes every kind of row of the tiny set."""
    raw = shopify_to_raw(TINY)
    assert {o["status"] for o in raw["raw_orders"]} == {
        "completed", "refunded", "cancelled", "pending", "authorized"}
    assert {r for _, _, r in raw["left_out"]} == {"test_order", "deleted_in_source"}
    assert len(raw["raw_orders"]) + sum(t == "shopify.order" for t, _, _ in raw["left_out"]) == 17


def test_the_generated_shop_exercises_every_rule(shop):
    folder, _, contract, left_out = shop
    raw = shopify_to_raw(folder)
    orders = [o for o in raw["raw_orders"] if o["order_id"] not in TINY_ORDERS]
    assert len(orders) > 1200
    assert {o["status"] for o in orders} >= {"completed", "refunded", "cancelled", "pending",
                                             "authorized", "voided", "partially_paid"}
    generated_left_out = [(t, k, r) for t, k, r in left_out
                          if k not in TINY_ORDERS | TINY_CUSTOMERS]
    assert {(t, r) for t, _, r in generated_left_out} == {
        ("shopify.order", "test_order"), ("shopify.order", "deleted_in_source"),
        ("shopify.customer", "deleted_in_source")}
    reasons = Counter(r for k, r in contract.rejected["raw_orders"] if k not in TINY_ORDERS)
    assert reasons["unknown_customer"] > 3 and reasons["unknown_value"] > 10
    churn = ChurnOracle(contract)
    assert sum(c["merged_records"] > 1 for c in churn.customers.values()) > 5
    assert sum(r["reactivated"] for r in churn.monthly().values()) > 0
    completed = [o for o in contract.staged["raw_orders"] if o["status"] == "completed"]
    assert any(o["amount"] != o["amount"].to_integral_value() for o in completed)
    # partial refunds with a failed or pending refund beside a successful one
    with open(folder / "transaction.csv", newline="", encoding="utf-8") as fh:
        refunds = [t for t in csv.DictReader(fh) if t["kind"] == "refund"]
    assert {t["status"] for t in refunds} == {"success", "failure", "pending"}
    # guest checkouts, found by e-mail or by nobody
    with open(folder / "order.csv", newline="", encoding="utf-8") as fh:
        guest_ids = {o["id"] for o in csv.DictReader(fh) if not o["customer_id"]}
    guests = [o for o in orders if o["order_id"] in guest_ids]
    assert sum(o["customer_id"] is not None for o in guests) > 3
    assert sum(o["customer_id"] is None for o in guests) > 3


def test_generator_is_deterministic(tmp_path):
    a = generate(tmp_path / "a", customers=40, seed=3)
    b = generate(tmp_path / "b", customers=40, seed=3)
    c = generate(tmp_path / "c", customers=40, seed=4)
    files = sorted(p.relative_to(a) for p in a.rglob("*.csv"))
    assert len(files) == 10
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert (a / "order.csv").read_bytes() != (c / "order.csv").read_bytes()
