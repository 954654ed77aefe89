"""Deterministic generator of Shopify data as Fivetran's connector lands it.

    python -m cx_tools.generate_shopify --customers 1000 --out /tmp/shopify
    python -m cx_tools.generate_shopify --load /tmp/shopify --db cx_metrics.duckdb

writes, in `--out`, the Fivetran tables the Shopify adapter reads
(models/staging/shopify/): `customer.csv`, `customer_address.csv`,
`order.csv`, `transaction.csv`, and in `--out`/raw/ the raw tables the
adapter does not map (a little of surveys and tickets, `raw_holidays.csv`).
`--load` puts such a folder into a DuckDB file: the Shopify tables typed as
DuckDB reads them (ids as integers, amounts as numbers, booleans,
timestamps) in schema `shopify`, the raw tables as text in schema `raw`;
then

    dbt build --vars '{orders_source: shopify, raw_source: tables, raw_schema: raw}'

builds the project on it. The shop has what a real one has: repeat buyers
and one-off buyers, customers sharing an e-mail in another case (one person
by the identity rules), customers without a default address and deleted
ones, guest checkouts (no customer id) with and without a customer of the
same e-mail, orders paid, partially refunded (one or more refunds, some
failed or pending), refunded in full, cancelled (with or without a refund),
still pending or authorized, voided, imported (processed before created),
test orders and deleted orders, amounts with cents. The same seed and
arguments give the same files (Python's `random.Random(seed)`, rows written
in generation order).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

SHOPIFY_TABLES = {
    "customer": ["id", "email", "first_name", "created_at", "updated_at", "state",
                 "_fivetran_deleted", "_fivetran_synced"],
    "customer_address": ["id", "customer_id", "country_code", "is_default", "_fivetran_synced"],
    "order": ["id", "name", "customer_id", "email", "created_at", "processed_at",
              "cancelled_at", "cancel_reason", "financial_status", "currency", "total_price",
              "test", "_fivetran_deleted", "_fivetran_synced"],
    "transaction": ["id", "order_id", "refund_id", "kind", "status", "amount", "currency",
                    "test", "created_at", "_fivetran_synced"],
}
RAW_TABLES = {
    "raw_survey_questions": ["question_id", "metric", "question_text", "scale_min",
                             "scale_max", "higher_is_better"],
    "raw_survey_invitations": ["invitation_id", "customer_id", "question_id", "touchpoint",
                               "channel", "sent_at", "ticket_id", "order_id"],
    "raw_survey_responses": ["response_id", "invitation_id", "question_id", "customer_id",
                             "customer_email", "touchpoint", "channel", "responded_at",
                             "score", "comment"],
    "raw_tickets": ["ticket_id", "customer_id", "requester_email", "channel", "priority",
                    "created_at", "subject"],
    "raw_ticket_events": ["event_id", "ticket_id", "event_at", "actor_type", "event_type",
                          "agent_id", "handle_seconds"],
    "raw_holidays": ["holiday_date", "name"],
}
COUNTRIES = ["DE", "FR", "US", "GB", "NL", "es"]
# financial status of an order that is not cancelled, and its weight
STATUSES = [("paid", 70), ("partially_refunded", 10), ("refunded", 8), ("pending", 3),
            ("authorized", 3), ("partially_paid", 1), ("voided", 1)]


def _ts(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S")


class _Shop:
    def __init__(self, rng: random.Random, w: dict, until: dt.datetime):
        self.rng, self.w, self.until = rng, w, until
        self.order_id, self.transaction_id, self.refund_id = 100000, 500000, 700000

    def transaction(self, order_id, kind, status, amount, at, test, refund=False):
        self.transaction_id += 1
        refund_id = None
        if refund:
            self.refund_id += 1
            refund_id = self.refund_id
        self.w["transaction"].writerow([self.transaction_id, order_id, refund_id, kind, status,
                                        f"{amount:.2f}", "EUR", str(test).lower(), _ts(at),
                                        _ts(self.until)])

    def order(self, customer_id, email, at: dt.datetime):
        rng = self.rng
        self.order_id += 1
        oid = self.order_id
        total = Decimal(rng.randint(100, 40000)) / 100
        test = rng.random() < 0.02
        deleted = rng.random() < 0.02
        processed = at - dt.timedelta(days=rng.randint(1, 60)) if rng.random() < 0.03 else at
        status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
        cancelled = None
        if rng.random() < 0.06:  # cancelled: refunded, voided or still paid
            cancelled = at + dt.timedelta(hours=rng.randint(1, 72))
            status = rng.choice(["refunded", "voided", "paid"])
        if status in ("paid", "partially_refunded", "refunded", "partially_paid"):
            self.transaction(oid, "sale", "success", total, at, test)
        elif status == "authorized":
            self.transaction(oid, "authorization", "success", total, at, test)
        elif status == "voided":
            self.transaction(oid, "authorization", "success", total, at, test)
            self.transaction(oid, "void", "success", total, at + dt.timedelta(hours=1), test)
        if status == "refunded":
            when = (cancelled or at) + dt.timedelta(days=rng.randint(0, 20))
            if rng.random() < 0.1:  # a first attempt failed
                self.transaction(oid, "refund", "failure", total, when, test, refund=True)
            self.transaction(oid, "refund", "success", total, when + dt.timedelta(hours=2),
                             test, refund=True)
        elif status == "partially_refunded":
            left = total
            for _ in range(rng.randint(1, 3)):
                part = Decimal(rng.randint(1, max(1, int(left * 100) // 2))) / 100
                kind = rng.choices(["success", "failure", "pending"], [8, 1, 1])[0]
                self.transaction(oid, "refund", kind, part,
                                 at + dt.timedelta(days=rng.randint(1, 30)), test, refund=True)
                if kind == "success":
                    left -= part
        self.w["order"].writerow([
            oid, f"#{oid}", customer_id, email, _ts(at),
            _ts(processed) if rng.random() < 0.97 else None,
            _ts(cancelled) if cancelled else None,
            "customer" if cancelled else None, status, "EUR", f"{total:.2f}",
            str(test).lower(), str(deleted).lower(), _ts(self.until)])


def generate(out: Path, customers: int = 1000, seed: int = 17,
             start: dt.date = dt.date(2024, 7, 1), days: int = 365,
             first_customer: int = 1) -> Path:
    """Write a Shopify-shaped folder (and its raw/ subfolder) to `out`;
    customer ids count from `first_customer`."""
    rng = random.Random(seed)
    out = Path(out)
    (out / "raw").mkdir(parents=True, exist_ok=True)
    begin = dt.datetime.combine(start, dt.time())
    until = begin + dt.timedelta(days=days)
    files = {t: open(out / f"{t}.csv", "w", newline="", encoding="utf-8")
             for t in SHOPIFY_TABLES}
    files.update({t: open(out / "raw" / f"{t}.csv", "w", newline="", encoding="utf-8")
                  for t in RAW_TABLES})
    try:
        w = {t: csv.writer(f, lineterminator="\n") for t, f in files.items()}
        for t, columns in {**SHOPIFY_TABLES, **RAW_TABLES}.items():
            w[t].writerow(columns)
        shop = _Shop(rng, w, until)
        emails, address = [], 0
        for cid in range(first_customer, first_customer + customers):
            signup = begin + dt.timedelta(seconds=rng.randrange(days * 86400))
            if emails and rng.random() < 0.04:  # the same person again, another case
                email = rng.choice(emails).upper()
            else:
                email = f"buyer{cid}@example.com"
                emails.append(email)
            deleted = rng.random() < 0.02
            w["customer"].writerow([cid, email, f"Buyer {cid}", _ts(signup), _ts(signup),
                                    "disabled" if deleted else "enabled", str(deleted).lower(),
                                    _ts(until)])
            if rng.random() < 0.9:  # a default address, sometimes an older one too
                for default in ([True] if rng.random() < 0.7 else [False, True]):
                    address += 1
                    w["customer_address"].writerow([900000 + address, cid,
                                                    rng.choice(COUNTRIES),
                                                    str(default).lower(), _ts(until)])
            # repeat buyers order for months; some never order
            at = signup + dt.timedelta(minutes=rng.randint(0, 600))
            for _ in range(rng.choice([0, 1, 1, 2, 3, 4, 6])):
                if at >= until:
                    break
                shop.order(cid, email, at)
                at += dt.timedelta(days=rng.expovariate(1 / 45), seconds=rng.randint(0, 86400))
        for _ in range(customers // 20):  # guest checkouts: a known e-mail or none
            at = begin + dt.timedelta(seconds=rng.randrange(days * 86400))
            email = (f"  {rng.choice(emails).title()} " if rng.random() < 0.6
                     else f"guest{rng.randint(1, 10 ** 6)}@example.com")
            shop.order(None, email, at)
        w["raw_holidays"].writerow([start.isoformat(), "Holiday"])
        w["raw_survey_questions"].writerow(["Q1", "nps", "Recommend us?", 0, 10, "true"])
        w["raw_survey_invitations"].writerow(["I1", str(first_customer), "Q1", "delivery",
                                              "email", _ts(begin), None, None])
        w["raw_survey_responses"].writerow(["R1", "I1", "Q1", None, None, "delivery", "email",
                                            _ts(begin + dt.timedelta(hours=1)), 9, None])
        w["raw_tickets"].writerow(["T1", None, emails[0], "email", "normal",
                                   _ts(begin + dt.timedelta(days=3)), "Where is my order?"])
        w["raw_ticket_events"].writerow(["E1", "T1", _ts(begin + dt.timedelta(days=3, hours=1)),
                                         "agent", "solved", "A1", None])
    finally:
        for f in files.values():
            f.close()
    return out


def load_duckdb(db_path, folder, shopify_schema: str = "shopify", raw_schema: str = "raw",
                config: dict | None = None) -> None:
    """Load a Shopify-shaped folder into a DuckDB file: the Shopify tables
    typed as DuckDB's CSV reader detects them (as Fivetran types them: ids as
    integers, amounts as numbers, booleans, timestamps) into
    `shopify_schema`, the raw tables of `folder`/raw/ (every raw_*.csv) as
    text into `raw_schema`."""
    import duckdb

    from cx_tools.sql import sql_string

    folder = Path(folder)
    with duckdb.connect(str(db_path), config=config or {}) as con:
        for schema in (shopify_schema, raw_schema):
            con.execute(f'create schema if not exists "{schema}"')
        for table in SHOPIFY_TABLES:
            con.execute(f'create or replace table "{shopify_schema}"."{table}" as '
                        f"select * from read_csv({sql_string(folder / f'{table}.csv')}, "
                        "header = true)")
        for path in sorted((folder / "raw").glob("raw_*.csv")):
            con.execute(f'create or replace table "{raw_schema}"."{path.stem}" as '
                        f"select * from read_csv({sql_string(path)}, "
                        "header = true, all_varchar = true)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder to write")
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--load", type=Path, help="a generated folder to load into --db")
    parser.add_argument("--db", type=Path, default=Path("cx_metrics.duckdb"))
    args = parser.parse_args(argv)
    if args.out:
        generate(args.out, args.customers, args.seed)
        print(f"wrote {args.customers} Shopify customers and their orders to {args.out}")
    if args.load:
        load_duckdb(args.db, args.load)
        print(f"loaded {args.load} into {args.db} (schemas shopify, raw)")
    if not (args.out or args.load):
        parser.error("give --out and/or --load")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
