"""The Shopify (Fivetran) mapping into the raw contract, in plain Python.

Reads the Fivetran-shaped CSV files of a folder (order, customer,
customer_address, transaction) and writes the raw contract's raw_customers
and raw_orders, plus the Shopify rows left out on purpose with their reason,
as docs/shopify.md and models/staging/shopify/_shopify__models.yml state
the rules, sharing no code or SQL with the adapter's models; the raw tables
Shopify does not have are copied from the folder's raw/ subfolder.
RawContract and the churn oracle then read the result like any raw folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rawkit import write_raw

TRUE = {"true", "t", "1"}


def _read(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [{k: (v.strip() if v and v.strip() else None) for k, v in row.items()}
                for row in csv.DictReader(fh)]


def _flag(value) -> bool:
    return (value or "").lower() in TRUE


def _number(value):
    try:
        return Decimal(value) if value is not None else None
    except InvalidOperation:
        return None


def _instant(value):
    """Sort key of a timestamp text: the instant, missing ones last."""
    if value is None:
        return (1, dt.datetime.max)
    return (0, dt.datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None))


def shopify_to_raw(folder: Path) -> dict:
    """{'raw_customers': [...], 'raw_orders': [...], 'left_out': [(table,
    key, reason), ...]} of the Shopify tables in `folder`."""
    folder = Path(folder)
    customers = _read(folder / "customer.csv")
    orders = _read(folder / "order.csv")
    left_out = []
    kept_customers = []
    for c in customers:
        if _flag(c["_fivetran_deleted"]):
            left_out.append(("shopify.customer", c["id"], "deleted_in_source"))
        else:
            kept_customers.append(c)
    countries = {}
    for a in _read(folder / "customer_address.csv"):
        if _flag(a["is_default"]):
            countries.setdefault(a["customer_id"], set()).add(a["country_code"])
    raw_customers = []
    for c in kept_customers:
        # one row per default country (two differing rows: conflicting_key)
        for country in sorted(countries.get(c["id"], {None}), key=lambda x: x or ""):
            raw_customers.append({"customer_id": c["id"], "email": c["email"],
                                  "signup_at": c["created_at"], "segment": None,
                                  "country": country})
    # a guest checkout's customer: the earliest created with its e-mail
    by_email = {}
    for c in sorted(kept_customers, key=lambda c: (_instant(c["created_at"]), c["id"])):
        if c["email"]:
            by_email.setdefault(c["email"].lower(), c["id"])
    refunded = {}
    for t in _read(folder / "transaction.csv"):
        if (t["kind"] or "").lower() == "refund" and (t["status"] or "").lower() == "success":
            refunded[t["order_id"]] = refunded.get(t["order_id"], Decimal(0)) + Decimal(t["amount"])
    raw_orders = []
    for o in orders:
        if _flag(o["_fivetran_deleted"]):
            left_out.append(("shopify.order", o["id"], "deleted_in_source"))
            continue
        if _flag(o["test"]):
            left_out.append(("shopify.order", o["id"], "test_order"))
            continue
        customer = o["customer_id"]
        if customer is None and o["email"]:
            customer = by_email.get(o["email"].lower())
        financial = (o["financial_status"] or "").lower()
        if o["cancelled_at"] is not None:
            status = "cancelled"
        elif financial in ("paid", "partially_refunded"):
            status = "completed"
        elif financial == "refunded":
            status = "refunded"
        else:
            status = o["financial_status"]  # as written: unknown_value
        total = _number(o["total_price"])
        amount = (o["total_price"] if total is None
                  else str(total - refunded.get(o["id"], Decimal(0))))
        raw_orders.append({"order_id": o["id"], "customer_id": customer,
                           "ordered_at": o["processed_at"] or o["created_at"],
                           "amount": amount, "status": status})
    return {"raw_customers": raw_customers, "raw_orders": raw_orders, "left_out": left_out}


def raw_folder_from_shopify(folder: Path, out: Path) -> tuple[Path, list]:
    """A raw contract folder (the mapped customers and orders, the rest
    copied from `folder`/raw/) and the left-out rows."""
    mapped = shopify_to_raw(folder)
    left_out = mapped.pop("left_out")
    write_raw(Path(out), mapped)
    for f in (Path(folder) / "raw").glob("raw_*.csv"):
        if f.stem not in mapped:
            shutil.copy(f, Path(out) / f.name)
    return Path(out), left_out
