"""Survey metrics of the metric definitions (docs/metrics.md) computed in plain Python from the raw contract.

No SQL is shared with the project: the formulas are written again here from
the definitions' text, on the staged rows of oracle.raw_contract.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from fractions import Fraction

from oracle.raw_contract import RawContract


def month_of(ts) -> dt.date:
    return dt.date(ts.year, ts.month, 1)


def next_month(d: dt.date) -> dt.date:
    return dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)


def pct(num, den):
    return None if not den else 100.0 * num / den


def mean(total, n):
    return None if not n else total / n


def normalized(score, lo, hi, hib):
    return 100.0 * ((score - lo) if hib else (hi - score)) / (hi - lo)


def nps_category(score):
    return "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"


def csat_satisfied(score, lo, hi):
    return score == 1 if (lo, hi) == (0, 1) else score >= hi - 1


def low_effort(score, lo, hi, hib):
    # exact rational comparison with 200/3
    ease = Fraction(100 * ((score - lo) if hib else (hi - score)), hi - lo)
    return ease >= Fraction(200, 3)


def nps(p, d, n):
    return None if not n else 100.0 * (p - d) / n


def nps_moe(p, d, n):
    if not n:
        return None
    pp, pd = p / n, d / n
    return 196.0 * math.sqrt(max(pp + pd - (pp - pd) ** 2, 0.0) / n)


def nps_band(value):
    if value is None:
        return None
    if value < 0:
        return "needs work"
    if value < 30:
        return "good"
    if value < 50:
        return "great"
    if value < 80:
        return "excellent"
    return "world class"


def as_of_date(c: RawContract, override: dt.date | None = None) -> dt.date:
    if override:
        return override
    s = c.staged
    stamps = ([r["ordered_at"] for r in s["raw_orders"]]
              + [r["responded_at"] for r in s["raw_survey_responses"]]
              + [r["sent_at"] for r in s["raw_survey_invitations"]]
              + [r["created_at"] for r in s["raw_tickets"]]
              + [r["event_at"] for r in s["raw_ticket_events"]])
    return max(stamps).date()


def first_month(c: RawContract) -> dt.date:
    s = c.staged
    stamps = ([r["signup_at"] for r in s["raw_customers"]]
              + [r["ordered_at"] for r in s["raw_orders"]]
              + [r["sent_at"] for r in s["raw_survey_invitations"]]
              + [r["responded_at"] for r in s["raw_survey_responses"]]
              + [r["created_at"] for r in s["raw_tickets"]])
    return month_of(min(stamps))


def months_from(start: dt.date, last: dt.date):
    m = start
    while m <= last:
        yield m
        m = next_month(m)


class SurveyOracle:
    def __init__(self, contract: RawContract, as_of: dt.date | None = None,
                 low_sample=30, attention=50):
        self.c = contract
        self.as_of = as_of_date(contract, as_of)
        self.low_sample, self.attention = low_sample, attention
        questions = {q["question_id"]: q for q in contract.staged["raw_survey_questions"]}
        invitations = {i["invitation_id"]: i for i in contract.staged["raw_survey_invitations"]}
        self.questions, self.invitations = questions, invitations
        self.responses = []
        for r in contract.staged["raw_survey_responses"]:
            q = questions[r["question_id"]]
            inv = invitations.get(r["invitation_id"])
            if inv is not None:
                touchpoint = inv["touchpoint"] or r["touchpoint"] or "unknown"
                channel = inv["channel"] or r["channel"] or "unknown"
            else:
                touchpoint = r["touchpoint"] or "unknown"
                channel = r["channel"] or "unknown"
            if inv is not None and inv["customer_id"] is not None:
                key = contract.resolve(inv["customer_id"], None)
            else:
                key = contract.resolve(r["customer_id"], r["customer_email"])
            lo, hi, hib, metric, score = (q["scale_min"], q["scale_max"], q["is_higher_better"],
                                          q["metric"], r["score"])
            self.responses.append({
                "response_id": r["response_id"], "invitation_id": r["invitation_id"],
                "customer_key": key, "question_id": r["question_id"], "metric": metric,
                "touchpoint": touchpoint, "channel": channel, "score": score,
                "normalized": normalized(score, lo, hi, hib),
                "nps_category": nps_category(score) if metric == "nps" else None,
                "is_csat_satisfied": csat_satisfied(score, lo, hi) if metric == "csat" else None,
                "is_low_effort": low_effort(score, lo, hi, hib) if metric == "ces" else None,
                "month": month_of(r["responded_at"]), "responded_at": r["responded_at"],
                "comment": r["comment"],
                "scale_min": lo, "scale_max": hi, "hib": hib,
            })
        self._grid()

    def _grid(self):
        first = {}
        for r in self.responses:
            k = (r["metric"], r["touchpoint"], r["channel"])
            first[k] = min(first.get(k, r["month"]), r["month"])
        for i in self.c.staged["raw_survey_invitations"]:
            q = self.questions[i["question_id"]]
            k = (q["metric"], i["touchpoint"] or "unknown", i["channel"] or "unknown")
            m = month_of(i["sent_at"])
            first[k] = min(first.get(k, m), m)
        last = month_of(self.as_of)
        self.grid = [(m, *k) for k, f in first.items() for m in months_from(f, last)]

    def _monthly(self, metric: str, summarise) -> dict:
        """One row per grid cell of `metric`: summarise(the cell's responses
        of that metric), and whether the cell is a low sample."""
        out = {}
        for m, cell_metric, tp, ch in self.grid:
            if cell_metric != metric:
                continue
            rs = [r for r in self._by_cell(m, tp, ch) if r["metric"] == metric]
            out[(m, tp, ch)] = {**summarise(rs), "is_low_sample": len(rs) < self.low_sample}
        return out

    def nps_monthly(self) -> dict:
        def summarise(rs):
            p = sum(r["nps_category"] == "promoter" for r in rs)
            pa = sum(r["nps_category"] == "passive" for r in rs)
            d = sum(r["nps_category"] == "detractor" for r in rs)
            n = len(rs)
            v, moe = nps(p, d, n), nps_moe(p, d, n)
            return {"responses": n, "promoters": p, "passives": pa, "detractors": d,
                    "nps": v, "nps_moe_95": moe,
                    "nps_ci_low": None if v is None else max(v - moe, -100.0),
                    "nps_ci_high": None if v is None else min(v + moe, 100.0),
                    "nps_band": nps_band(v)}
        return self._monthly("nps", summarise)

    def csat_monthly(self) -> dict:
        def summarise(rs):
            n, s = len(rs), sum(r["is_csat_satisfied"] for r in rs)
            total = sum(r["normalized"] for r in rs)
            return {"responses": n, "satisfied": s, "sum_normalized_score": total,
                    "csat_pct": pct(s, n), "mean_normalized_score": mean(total, n)}
        return self._monthly("csat", summarise)

    def ces_monthly(self) -> dict:
        def summarise(rs):
            n, low = len(rs), sum(r["is_low_effort"] for r in rs)
            total = sum(r["normalized"] for r in rs)
            return {"responses": n, "low_effort": low, "sum_ease": total,
                    "low_effort_pct": pct(low, n), "ease_index": mean(total, n)}
        return self._monthly("ces", summarise)

    def response_rates(self) -> dict:
        answered = {r["invitation_id"] for r in self.responses if r["invitation_id"]}
        counts = defaultdict(lambda: [0, 0])
        for i in self.c.staged["raw_survey_invitations"]:
            q = self.questions[i["question_id"]]
            k = (month_of(i["sent_at"]), q["metric"], i["touchpoint"] or "unknown",
                 i["channel"] or "unknown")
            counts[k][0] += 1
            counts[k][1] += i["invitation_id"] in answered
        out = {}
        for cell in self.grid:
            sent, responded = counts.get(cell, (0, 0))
            out[cell] = {"invitations": sent, "responded": responded,
                         "response_rate_pct": pct(responded, sent)}
        return out

    def touchpoint_scorecard(self) -> dict:
        out = {}
        for m, tp in {(m, tp) for m, _, tp, _ in self.grid}:
            rs = [r for r in self.responses if r["month"] == m and r["touchpoint"] == tp]
            nps_rs = [r for r in rs if r["metric"] == "nps"]
            csat_rs = [r for r in rs if r["metric"] == "csat"]
            ces_rs = [r for r in rs if r["metric"] == "ces"]
            p = sum(r["nps_category"] == "promoter" for r in nps_rs)
            d = sum(r["nps_category"] == "detractor" for r in nps_rs)
            total = sum(r["normalized"] for r in rs)
            sat = sum(r["is_csat_satisfied"] for r in csat_rs)
            low = sum(r["is_low_effort"] for r in ces_rs)
            ease = sum(r["normalized"] for r in ces_rs)
            mns = mean(total, len(rs))
            out[(m, tp)] = {
                "responses": len(rs), "sum_normalized_score": total, "mean_normalized_score": mns,
                "nps_responses": len(nps_rs), "promoters": p,
                "passives": sum(r["nps_category"] == "passive" for r in nps_rs),
                "detractors": d, "nps": nps(p, d, len(nps_rs)),
                "csat_responses": len(csat_rs), "csat_satisfied": sat,
                "csat_pct": pct(sat, len(csat_rs)),
                "ces_responses": len(ces_rs), "ces_low_effort": low, "ces_sum_ease": ease,
                "ces_low_effort_pct": pct(low, len(ces_rs)),
                "ces_ease_index": mean(ease, len(ces_rs)),
                "needs_attention": mns is not None and mns < self.attention}
        return out

    def question_monthly(self) -> dict:
        groups = defaultdict(list)
        for r in self.responses:
            groups[(r["month"], r["question_id"])].append(r)
        out = {}
        for k, rs in groups.items():
            n = len(rs)
            out[k] = {"metric": rs[0]["metric"], "responses": n,
                      "sum_score": sum(r["score"] for r in rs),
                      "mean_score": sum(r["score"] for r in rs) / n,
                      "mean_normalized_score": sum(r["normalized"] for r in rs) / n}
        return out

    def _by_cell(self, m, tp, ch):
        if not hasattr(self, "_cells"):
            self._cells = defaultdict(list)
            for r in self.responses:
                self._cells[(r["month"], r["touchpoint"], r["channel"])].append(r)
        return self._cells.get((m, tp, ch), [])
