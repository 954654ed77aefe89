"""CX overview, comment themes and the follow-up queue (docs/metrics.md; README: serving BI tools) in
plain Python, from the other oracles' per-row results."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict

from oracle.churn import ChurnOracle
from oracle.pii import EMAIL, mask  # noqa: F401 (EMAIL: for the tests)
from oracle.support import SupportOracle, percentile
from oracle.surveys import SurveyOracle, first_month, month_of, months_from, nps, nps_band, \
    nps_moe

def words(text):
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def variance(p, d, n):
    return (p + d) / n - ((p - d) / n) ** 2


class OverviewOracle:
    def __init__(self, surveys: SurveyOracle, support: SupportOracle, churn: ChurnOracle,
                 keywords: list[tuple[str, str]], low_sample=30):
        self.s, self.t, self.c, self.keywords = surveys, support, churn, keywords
        self.low_sample = low_sample

    def overview(self):
        by_month = defaultdict(list)
        for r in self.s.responses:
            by_month[r["month"]].append(r)
        invites = defaultdict(lambda: [0, 0])
        for (m, *_), v in self.s.response_rates().items():
            invites[m][0] += v["invitations"]
            invites[m][1] += v["responded"]
        tickets = defaultdict(list)
        for t in self.t.tickets.values():
            tickets[t["created_month"]].append(t)
        churn = self.c.monthly()
        out, prev = {}, None
        for m in months_from(first_month(self.s.c), month_of(self.s.as_of)):
            rs = by_month.get(m, [])
            nr = [r for r in rs if r["metric"] == "nps"]
            p = sum(r["nps_category"] == "promoter" for r in nr)
            d = sum(r["nps_category"] == "detractor" for r in nr)
            n = len(nr)
            cs = [r for r in rs if r["metric"] == "csat"]
            ce = [r for r in rs if r["metric"] == "ces"]
            ts = tickets.get(m, [])
            value = nps(p, d, n)
            change = change_moe = None
            significant = False
            if prev and prev[2] and n:
                change = value - nps(*prev)
                change_moe = 196.0 * math.sqrt(variance(*prev) / prev[2] + variance(p, d, n) / n)
                significant = abs(change) > change_moe
            frm = sum(t["first_response_sla"] == "met" for t in ts)
            frb = sum(t["first_response_sla"] == "breached" for t in ts)
            rsm = sum(t["resolution_sla"] == "met" for t in ts)
            rsb = sum(t["resolution_sla"] == "breached" for t in ts)
            resolved = [t for t in ts if t["is_resolved"]]
            ch = churn.get(m, {"customers_at_start": 0, "churned": 0, "churn_rate_pct": None})
            out[m] = {
                "nps_responses": n, "promoters": p, "detractors": d, "nps": value,
                "nps_moe_95": nps_moe(p, d, n), "nps_band": nps_band(value),
                "previous_nps": nps(*prev) if prev else None,
                "nps_change": change, "nps_change_moe_95": change_moe,
                "is_nps_change_significant": significant, "is_nps_low_sample": n < self.low_sample,
                "csat_responses": len(cs),
                "csat_pct": 100.0 * sum(r["is_csat_satisfied"] for r in cs) / len(cs) if cs
                else None,
                "ces_ease_index": sum(r["normalized"] for r in ce) / len(ce) if ce else None,
                "invitations": invites[m][0], "responded": invites[m][1],
                "response_rate_pct": 100.0 * invites[m][1] / invites[m][0] if invites[m][0]
                else None,
                "tickets_created": len(ts),
                "fcr_pct": 100.0 * sum(t["is_one_touch"] for t in ts) / len(resolved)
                if resolved else None,
                "median_first_response_business_minutes": percentile(
                    [t["first_response_business_minutes"] for t in ts], 0.5),
                "median_full_resolution_business_minutes": percentile(
                    [t["full_resolution_business_minutes"] for t in ts], 0.5),
                "first_response_sla_attainment_pct": 100.0 * frm / (frm + frb) if frm + frb
                else None,
                "resolution_sla_attainment_pct": 100.0 * rsm / (rsm + rsb) if rsm + rsb else None,
                "customers_at_start": ch["customers_at_start"], "churned": ch["churned"],
                "churn_rate_pct": ch["churn_rate_pct"],
            }
            prev = (p, d, n)
        return out

    def themes_of(self, comment):
        ws = words(comment)
        return sorted({theme for theme, kw in self.keywords if kw.lower() in ws})

    def comment_themes(self):
        groups = defaultdict(int)
        mentions = defaultdict(int)
        all_themes = sorted({t for t, _ in self.keywords})
        for r in self.s.responses:
            if r["comment"] is None:
                continue
            sentiment = {"nps": r["nps_category"],
                         "csat": "satisfied" if r["is_csat_satisfied"] else "not satisfied",
                         "ces": "low effort" if r["is_low_effort"] else "high effort"}[r["metric"]]
            key = (r["month"], r["metric"], sentiment)
            groups[key] += 1
            for theme in self.themes_of(mask(r["comment"])):
                mentions[(r["month"], theme, r["metric"], sentiment)] += 1
        out = {}
        for (m, metric, sentiment), n in groups.items():
            for theme in all_themes:
                k = mentions[(m, theme, metric, sentiment)]
                out[(m, theme, metric, sentiment)] = {"mentions": k, "responses": n,
                                                      "mention_pct": 100.0 * k / n}
        return out

    def followup_queue(self):
        end = dt.datetime.combine(self.s.as_of + dt.timedelta(days=1), dt.time())
        open_tickets = defaultdict(int)
        for t in self.t.tickets.values():
            if not t["is_resolved"] and t["customer_key"] and t["created_at"] < end:
                open_tickets[t["customer_key"]] += 1
        rows = [r for r in self.s.responses
                if (r["nps_category"] == "detractor" or r["is_csat_satisfied"] is False)
                and end - dt.timedelta(days=30) <= r["responded_at"] < end]
        rows.sort(key=lambda r: (r["normalized"], -open_tickets.get(r["customer_key"], 0),
                                 -r["responded_at"].timestamp(), r["response_id"]))
        out = {}
        for rank, r in enumerate(rows, start=1):
            themes = self.themes_of(mask(r["comment"])) if r["comment"] else []
            out[r["response_id"]] = {
                "priority_rank": rank, "customer_key": r["customer_key"], "metric": r["metric"],
                "score": r["score"], "scale_min": r["scale_min"], "scale_max": r["scale_max"],
                "is_higher_better": r["hib"], "touchpoint": r["touchpoint"],
                "open_tickets": open_tickets.get(r["customer_key"], 0),
                "themes": ", ".join(themes) if themes else None,
                "responded_at": r["responded_at"]}
        return out
