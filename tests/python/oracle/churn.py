"""Churn by cohort (docs/metrics.md) computed in plain Python from the raw contract:
each customer's activity dates are walked for every evaluation date."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections import defaultdict

from oracle.raw_contract import RawContract
from oracle.surveys import as_of_date, month_of, months_from


def month_end(m: dt.date) -> dt.date:
    return m.replace(day=calendar.monthrange(m.year, m.month)[1])


def add_months(m: dt.date, k: int) -> dt.date:
    y, mo = divmod(m.month - 1 + k, 12)
    return dt.date(m.year + y, mo + 1, 1)


class ChurnOracle:
    def __init__(self, contract: RawContract, inactivity_days=90, as_of: dt.date | None = None):
        self.n = inactivity_days
        self.as_of = as_of_date(contract, as_of)
        keys = contract.canonical_keys()
        records = defaultdict(list)
        for c in contract.staged["raw_customers"]:
            records[keys[c["customer_id"]]].append(c)
        self.customers = {}
        orders = defaultdict(list)
        for o in contract.staged["raw_orders"]:
            if o["status"] == "completed":
                orders[keys[o["customer_id"]]].append(o)
        for key, recs in records.items():
            canonical = next(r for r in recs if r["customer_id"] == key)
            signup = min(r["signup_at"] for r in recs)
            dates = sorted({signup.date()} | {o["ordered_at"].date() for o in orders[key]})
            self.customers[key] = {
                "signup_at": signup, "signup_date": signup.date(), "dates": dates,
                "segment": canonical["segment"], "country": canonical["country"],
                "merged_records": len(recs), "completed_orders": len(orders[key]),
                "lifetime_value": sum(o["amount"] for o in orders[key]),
                "first_order_at": min((o["ordered_at"] for o in orders[key]), default=None),
                "last_order_at": max((o["ordered_at"] for o in orders[key]), default=None),
            }

    def last_activity(self, key, d):
        """The last activity on or before d; None before the signup (an order
        of a guest checkout is activity, but nobody is counted before signing
        up)."""
        if d < self.customers[key]["signup_date"]:
            return None
        dates = self.customers[key]["dates"]
        i = bisect.bisect_right(dates, d)
        return dates[i - 1] if i else None

    def state(self, key, d):
        """None when not signed up by d, else True when churned at d."""
        last = self.last_activity(key, d)
        if last is None:
            return None
        return (d - last).days > self.n

    def evaluation(self, m):
        return min(month_end(m), self.as_of)

    def dim_customers(self):
        out = {}
        for key, c in self.customers.items():
            last = self.last_activity(key, self.as_of)
            out[key] = {
                "segment": c["segment"], "country": c["country"],
                "merged_records": c["merged_records"], "completed_orders": c["completed_orders"],
                "lifetime_value": float(c["lifetime_value"]),
                "is_churned": bool(self.state(key, self.as_of)),
                "cohort_month": month_of(c["signup_at"]), "last_activity_date": last,
                "days_inactive": None if last is None else (self.as_of - last).days,
                "signup_at": c["signup_at"], "first_order_at": c["first_order_at"],
                "last_order_at": c["last_order_at"]}
        return out

    def cohorts(self):
        by_cohort = defaultdict(list)
        for key, c in self.customers.items():
            by_cohort[month_of(c["signup_at"])].append(key)
        last_month = month_of(self.as_of)
        out = {}
        for cohort, keys in by_cohort.items():
            k = 0
            while add_months(cohort, k) <= last_month:
                e = self.evaluation(add_months(cohort, k))
                states = [self.state(key, e) for key in keys]
                size = sum(s is not None for s in states)
                churned = sum(s is True for s in states)
                rate = 100.0 * churned / size if size else None
                out[(cohort, k)] = {
                    "evaluation_date": e, "cohort_size": size,
                    "active_customers": size - churned, "churned_customers": churned,
                    "churn_rate_pct": rate,
                    "retention_rate_pct": None if rate is None else 100.0 - rate}
                k += 1
        return out

    def monthly(self):
        first = month_of(min(c["signup_at"] for c in self.customers.values()))
        out = {}
        for m in months_from(first, month_of(self.as_of)):
            prev_end = m - dt.timedelta(days=1)
            e = self.evaluation(m)
            start = churned = new = reactivated = active = 0
            for key, c in self.customers.items():
                before, now = self.state(key, prev_end), self.state(key, e)
                if before is False:
                    start += 1
                    churned += now is True
                if before is True and now is False:
                    reactivated += 1
                if now is False:
                    active += 1
                if month_of(c["signup_at"]) == m and now is not None:
                    new += 1
            out[m] = {"customers_at_start": start, "churned": churned,
                      "churn_rate_pct": 100.0 * churned / start if start else None,
                      "new_customers": new, "reactivated": reactivated,
                      "active_at_evaluation": active}
        return out
