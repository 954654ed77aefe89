"""Customer months, revenue by cohort and churn drivers (SPEC: "Outcomes:
which experiences come before churn", "Customer months and revenue by
cohort") computed in plain Python from the raw contract.

Nothing is read from the project's models or macros: the churn state of a
customer on a day is ChurnOracle's walk of its activity dates, the
attributes of a response or ticket (customer_key, NPS category, CSAT
satisfied, CES low effort, SLA states at as_of, reopens, resolution) are
SurveyOracle's and SupportOracle's, and every mart here is written again from
the SPEC's words on top of them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from decimal import Decimal

from oracle.churn import ChurnOracle, add_months, month_end
from oracle.raw_contract import RawContract
from oracle.support import SupportOracle
from oracle.surveys import SurveyOracle, month_of, months_from

# driver -> its groups, the first one the reference (SPEC)
DRIVERS = {
    "nps": ("promoter", "passive", "detractor"),
    "csat": ("satisfied", "not_satisfied"),
    "ces": ("low_effort", "high_effort"),
    "first_response_sla": ("met", "breached"),
    "resolution_sla": ("met", "breached"),
    "reopened": ("not_reopened", "reopened"),
    "one_touch": ("one_touch", "not_one_touch"),
}
TICKET_TOUCHPOINT = "support_ticket"
LOW_SAMPLE = 30


def months_between(start: dt.date, later: dt.date) -> int:
    return (later.year - start.year) * 12 + later.month - start.month


def survey_experience(r):
    """(driver, group) of a kept response."""
    if r["metric"] == "nps":
        return "nps", r["nps_category"]
    if r["metric"] == "csat":
        return "csat", "satisfied" if r["is_csat_satisfied"] else "not_satisfied"
    return "ces", "low_effort" if r["is_low_effort"] else "high_effort"


def ticket_experiences(t):
    """The (driver, group) pairs a ticket is an experience of: an SLA only
    when met or breached (pending, or no target, left out); reopened only
    when solved at least once; one-touch only when resolved."""
    out = []
    for driver in ("first_response_sla", "resolution_sla"):
        if t[driver] in ("met", "breached"):
            out.append((driver, t[driver]))
    if t["first_resolved_at"] is not None:
        out.append(("reopened", "reopened" if t["reopen_count"] > 0 else "not_reopened"))
    if t["is_resolved"]:
        out.append(("one_touch", "one_touch" if t["is_one_touch"] else "not_one_touch"))
    return out


def compare_groups(churned, n, ref_churned, ref_n):
    """The columns of a group against its reference group (counts of
    experiences and churned ones; ref_n 0: no reference rows)."""
    p = churned / n
    if not ref_n:
        return {"reference_churn_rate_pct": None, "rate_difference_pts": None,
                "rate_difference_moe_95": None, "is_significant": False,
                "relative_risk": None}
    pr = ref_churned / ref_n
    difference = 100.0 * p - 100.0 * pr
    margin = 196.0 * math.sqrt(p * (1 - p) / n + pr * (1 - pr) / ref_n)
    return {"reference_churn_rate_pct": 100.0 * pr, "rate_difference_pts": difference,
            "rate_difference_moe_95": margin, "is_significant": abs(difference) > margin,
            "relative_risk": None if pr == 0 else p / pr}


class OutcomesOracle:
    def __init__(self, contract: RawContract, inactivity_days=90, outcome_window_days=180,
                 as_of: dt.date | None = None, surveys: SurveyOracle | None = None,
                 support: SupportOracle | None = None, low_sample: int = LOW_SAMPLE):
        self.c = contract
        self.churn = ChurnOracle(contract, inactivity_days, as_of)
        self.as_of = self.churn.as_of
        self.window = outcome_window_days
        self.low_sample = low_sample
        self.surveys = surveys or SurveyOracle(contract, as_of=self.as_of)
        self.support = support or SupportOracle(contract, as_of=self.as_of)
        assert self.surveys.as_of == self.support.as_of == self.as_of

    def complete(self, m: dt.date) -> bool:
        return month_end(m) <= self.as_of

    # fct_customer_months ---------------------------------------------------
    def customer_months(self) -> dict:
        keys = self.c.canonical_keys()
        orders = defaultdict(list)
        for o in self.c.staged["raw_orders"]:
            if o["status"] == "completed":
                orders[(keys[o["customer_id"]], month_of(o["ordered_at"]))].append(o["amount"])
        responses = defaultdict(list)
        for r in self.surveys.responses:
            if r["customer_key"] is not None:
                responses[(r["customer_key"], r["month"])].append(r)
        tickets = defaultdict(list)
        for t in self.support.tickets.values():
            if t["customer_key"] is not None:
                tickets[(t["customer_key"], t["created_month"])].append(t)
        out = {}
        for key, c in self.churn.customers.items():
            cohort = month_of(c["signup_at"])
            for m in months_from(cohort, month_of(self.as_of)):
                e = self.churn.evaluation(m)
                now = self.churn.state(key, e)
                if now is None:  # the evaluation date is before the signup
                    continue
                before = self.churn.state(key, m - dt.timedelta(days=1))
                amounts = orders.get((key, m), [])
                rs = responses.get((key, m), [])
                ts = tickets.get((key, m), [])
                nps = [r for r in rs if r["metric"] == "nps"]
                csat = [r for r in rs if r["metric"] == "csat"]
                ces = [r for r in rs if r["metric"] == "ces"]
                out[(key, m)] = {
                    "cohort_month": cohort, "months_since_signup": months_between(cohort, m),
                    "evaluation_date": e, "is_active": now is False,
                    "churned_in_month": now is True and (before is False or m == cohort),
                    "reactivated_in_month": before is True and now is False,
                    "orders": len(amounts), "revenue": sum(amounts, Decimal(0)),
                    "nps_responses": len(nps),
                    "promoters": sum(r["nps_category"] == "promoter" for r in nps),
                    "detractors": sum(r["nps_category"] == "detractor" for r in nps),
                    "csat_responses": len(csat),
                    "csat_satisfied": sum(bool(r["is_csat_satisfied"]) for r in csat),
                    "ces_responses": len(ces),
                    "ces_low_effort": sum(bool(r["is_low_effort"]) for r in ces),
                    "tickets_created": len(ts),
                    "first_response_sla_breached": sum(t["first_response_sla"] == "breached"
                                                       for t in ts),
                    "resolution_sla_breached": sum(t["resolution_sla"] == "breached" for t in ts),
                    "tickets_reopened": sum(t["reopen_count"] > 0 for t in ts),
                    "as_of_date": self.as_of, "is_complete_month": self.complete(m)}
        return out

    # mart_cohort_revenue ---------------------------------------------------
    def cohort_revenue(self) -> dict:
        """Walks the orders themselves (not customer_months): an order counts
        in month C+k of its customer's cohort C when k >= 0, C+k is not after
        as_of's month and the customer has signed up by that month's
        evaluation date."""
        keys = self.c.canonical_keys()
        last = month_of(self.as_of)
        cohort_of = {key: month_of(c["signup_at"]) for key, c in self.churn.customers.items()}
        members = defaultdict(list)
        for key, cohort in cohort_of.items():
            members[cohort].append(key)
        sums = defaultdict(lambda: [0, Decimal(0)])
        for o in self.c.staged["raw_orders"]:
            if o["status"] != "completed":
                continue
            key = keys[o["customer_id"]]
            m = month_of(o["ordered_at"])
            cohort = cohort_of[key]
            if cohort <= m <= last and self.churn.state(key, self.churn.evaluation(m)) is not None:
                cell = sums[(cohort, months_between(cohort, m))]
                cell[0] += 1
                cell[1] += o["amount"]
        out = {}
        for cohort, ks in members.items():
            cumulative, k = Decimal(0), 0
            while add_months(cohort, k) <= last:
                m = add_months(cohort, k)
                e = self.churn.evaluation(m)
                size = sum(self.churn.state(key, e) is not None for key in ks)
                n, revenue = sums.get((cohort, k), (0, Decimal(0)))
                cumulative += revenue
                out[(cohort, k)] = {
                    "cohort_size": size, "orders": n, "revenue": revenue,
                    "cumulative_revenue": cumulative,
                    "cumulative_revenue_per_customer": cumulative / size if size else None,
                    "evaluation_date": e, "as_of_date": self.as_of,
                    "is_complete_month": self.complete(m)}
                k += 1
        return out

    # mart_churn_drivers ----------------------------------------------------
    def experiences(self) -> list[dict]:
        """Every experience of a resolved customer, before the horizon and
        risk-set rules: driver, touchpoint, group, customer_key, event date."""
        out = []
        for r in self.surveys.responses:
            if r["customer_key"] is None:
                continue
            driver, group = survey_experience(r)
            out.append({"driver": driver, "touchpoint": r["touchpoint"], "group": group,
                        "customer_key": r["customer_key"], "event_date": r["responded_at"].date(),
                        "id": r["response_id"]})
        for ticket_id, t in self.support.tickets.items():
            if t["customer_key"] is None:
                continue
            for driver, group in ticket_experiences(t):
                out.append({"driver": driver, "touchpoint": TICKET_TOUCHPOINT, "group": group,
                            "customer_key": t["customer_key"],
                            "event_date": t["created_at"].date(), "id": ticket_id})
        return out

    def counted_experiences(self) -> list[dict]:
        """The experiences that count (horizon passed, customer active at the
        event date), each with its outcome: churned at the horizon."""
        out = []
        for x in self.experiences():
            horizon = x["event_date"] + dt.timedelta(days=self.window)
            if horizon > self.as_of:
                continue
            if self.churn.state(x["customer_key"], x["event_date"]) is not False:
                continue  # not yet signed up, or already churned
            out.append({**x, "horizon": horizon,
                        "churned": self.churn.state(x["customer_key"], horizon) is True})
        return out

    def churn_drivers(self) -> dict:
        groups = defaultdict(list)
        for x in self.counted_experiences():
            groups[(x["driver"], x["touchpoint"], x["group"])].append(x)
        out = {}
        for (driver, touchpoint, group), xs in groups.items():
            reference = DRIVERS[driver][0]
            refs = groups.get((driver, touchpoint, reference), [])
            n, churned = len(xs), sum(x["churned"] for x in xs)
            row = {"experiences": n, "customers": len({x["customer_key"] for x in xs}),
                   "churned": churned, "churn_rate_pct": 100.0 * churned / n,
                   "reference_group": reference,
                   **compare_groups(churned, n, sum(x["churned"] for x in refs), len(refs)),
                   "is_low_sample": n < self.low_sample, "outcome_window_days": self.window,
                   # the SPEC's order of the groups, 1 the reference (for sorting)
                   "group_order": DRIVERS[driver].index(group) + 1, "as_of_date": self.as_of}
            if group == reference:
                row.update(rate_difference_pts=0.0, rate_difference_moe_95=None,
                           is_significant=False)
            out[(driver, touchpoint, group)] = row
        return out
