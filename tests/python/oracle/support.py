"""Support metrics of the metric definitions (docs/metrics.md) computed in plain Python from the raw contract.

Business time walks the local days of the interval with zoneinfo (no
cumulative calendar, no SQL shared with the project), so it checks the
closed-form business clock of the models independently.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from zoneinfo import ZoneInfo

from oracle.raw_contract import RawContract
from oracle.surveys import as_of_date, month_of, months_from

UTC = ZoneInfo("UTC")


def business_seconds(start: dt.datetime, end: dt.datetime, holidays: set, tz: str = "UTC",
                     days=(1, 2, 3, 4, 5), open_t=dt.time(9), close_t=dt.time(17)) -> float:
    """Seconds of [start, end) (naive UTC) inside local business hours."""
    if start is None or end is None:
        return None
    zone = ZoneInfo(tz)
    if end <= start:
        return 0.0 if end == start else -business_seconds(end, start, holidays, tz, days,
                                                          open_t, close_t)
    local_start = start.replace(tzinfo=UTC).astimezone(zone).date()
    local_end = end.replace(tzinfo=UTC).astimezone(zone).date()
    total = 0.0
    d = local_start
    while d <= local_end:
        if d.isoweekday() in days and d not in holidays:
            o = dt.datetime.combine(d, open_t, zone).astimezone(UTC).replace(tzinfo=None)
            c = dt.datetime.combine(d, close_t, zone).astimezone(UTC).replace(tzinfo=None)
            a, b = max(o, start), min(c, end)
            if b > a:
                total += (b - a).total_seconds()
        d += dt.timedelta(days=1)
    return total


def schedule_seconds(start: dt.datetime, end: dt.datetime, schedule: dict) -> float:
    """Seconds of [start, end) (naive UTC, start <= end) inside the business
    hours of a schedule of raw_schedules: {'zone': ZoneInfo, 'hours':
    {iso_weekday: [(start_minute, end_minute), ...]}, 'holidays': set of
    local dates}. Walks the local days; overlapping intervals count once."""
    zone = schedule["zone"]
    total = 0.0
    d = start.replace(tzinfo=UTC).astimezone(zone).date() - dt.timedelta(days=1)
    last = end.replace(tzinfo=UTC).astimezone(zone).date() + dt.timedelta(days=1)
    while d <= last:
        if d not in schedule["holidays"]:
            spans = []
            for a_min, b_min in sorted(schedule["hours"].get(d.isoweekday(), [])):
                if spans and a_min <= spans[-1][1]:
                    spans[-1][1] = max(spans[-1][1], b_min)
                else:
                    spans.append([a_min, b_min])
            for a_min, b_min in spans:
                def utc(minute):
                    local = dt.datetime.combine(d, dt.time()) + dt.timedelta(minutes=minute)
                    if minute == 1440:  # 24:00, the next local midnight
                        local = dt.datetime.combine(d + dt.timedelta(days=1), dt.time())
                    return local.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)
                o, c = utc(a_min), utc(b_min)
                lo, hi = max(o, start), min(c, end)
                if hi > lo:
                    total += (hi - lo).total_seconds()
        d += dt.timedelta(days=1)
    return total


def percentile(values, q):
    """Continuous percentile with linear interpolation (percentile_cont)."""
    xs = sorted(v for v in values if v is not None)
    if not xs:
        return None
    pos = (len(xs) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


SLA = {"urgent": (60, 480), "high": (240, 1440), "normal": (480, 2880), "low": (960, 4800)}


def sla_state(minutes, target, elapsed_minutes):
    if target is None:
        return None
    if minutes is not None:
        return "met" if minutes <= target else "breached"
    return "breached" if elapsed_minutes > target else "pending"


class SupportOracle:
    def __init__(self, contract: RawContract, tz: str = "UTC", as_of: dt.date | None = None,
                 days=(1, 2, 3, 4, 5), open_t=dt.time(9), close_t=dt.time(17)):
        self.c, self.tz = contract, tz
        self.schedule = (tuple(days), open_t, close_t)
        self.as_of = as_of_date(contract, as_of)
        self.holidays = {h["holiday_date"] for h in contract.staged["raw_holidays"]}
        # the schedules of raw_schedules and the tickets' stretches on them
        self.schedules = {}
        for i in contract.staged["raw_schedules"]:  # one row per interval
            schedule = self.schedules.setdefault(i["schedule_id"], {
                "zone": ZoneInfo(i["time_zone"]), "hours": defaultdict(list),
                "holidays": set()})
            schedule["hours"][i["iso_weekday"]].append((i["start_minute"], i["end_minute"]))
        for h in contract.staged["raw_schedule_holidays"]:
            d = h["start_date"]
            while d <= h["end_date"]:
                self.schedules[h["schedule_id"]]["holidays"].add(d)
                d += dt.timedelta(days=1)
        rows = defaultdict(list)
        for a in contract.staged["raw_ticket_schedules"]:
            rows[a["ticket_id"]].append((a["valid_from"], a["schedule_id"]))
        self.stretches = {}
        for ticket_id, assigned in rows.items():
            assigned.sort()
            self.stretches[ticket_id] = [
                (frm, assigned[k + 1][0] if k + 1 < len(assigned) else None, sid)
                for k, (frm, sid) in enumerate(assigned)
                if k + 1 == len(assigned) or assigned[k + 1][0] > frm]
        events = defaultdict(list)
        for e in contract.staged["raw_ticket_events"]:
            events[e["ticket_id"]].append(e)
        self.tickets = {t["ticket_id"]: self._ticket(t, sorted(
            events[t["ticket_id"]], key=lambda e: (e["event_at"], e["event_id"])))
            for t in contract.staged["raw_tickets"]}

    def bs(self, a, b, ticket_id=None):
        """Business seconds of [a, b): each stretch of it under the schedule
        in force for the ticket (the default schedule of the vars before
        its first stretch and without any)."""
        stretches = self.stretches.get(ticket_id)
        if not stretches or a is None or b is None:
            return business_seconds(a, b, self.holidays, self.tz, *self.schedule)
        total = 0.0
        first = stretches[0][0]
        if a < first:
            total += business_seconds(a, min(b, first), self.holidays, self.tz, *self.schedule)
        for frm, until, sid in stretches:
            lo, hi = max(a, frm), b if until is None else min(b, until)
            if hi > lo:
                total += schedule_seconds(lo, hi, self.schedules[sid])
        return total

    def schedule_at(self, ticket_id, at):
        """The schedule in force for the ticket at `at` (None: the default)."""
        for frm, until, sid in self.stretches.get(ticket_id, []):
            if frm <= at and (until is None or at < until):
                return sid
        return None

    def schedule_changes(self, ticket_id, created):
        """Moves to another schedule after created (the default counts as a
        schedule of its own)."""
        changes, previous = 0, None
        for frm, _until, sid in self.stretches.get(ticket_id, []):
            if frm > created and sid != previous:
                changes += 1
            previous = sid
        return changes

    def _ticket(self, t, evs):
        created = t["created_at"]
        ticket_id = t["ticket_id"]
        first_response = next((e["event_at"] for e in evs
                               if e["actor_type"] == "agent" and e["event_type"] == "message"),
                              None)
        solved = [i for i, e in enumerate(evs) if e["event_type"] == "solved"]
        reopened = [i for i, e in enumerate(evs) if e["event_type"] == "reopened"]
        first_resolved = evs[solved[0]]["event_at"] if solved else None
        resolved_idx = solved[-1] if solved and (not reopened or reopened[-1] < solved[-1]) \
            else None
        resolved = evs[resolved_idx]["event_at"] if resolved_idx is not None else None
        upto = resolved_idx if resolved_idx is not None else len(evs) - 1
        replies = sum(1 for e in evs[:upto + 1]
                      if e["actor_type"] == "agent" and e["event_type"] == "message")
        # status timeline: walk the events
        req = req_b = agent = agent_b = None
        if resolved is not None:
            req = req_b = agent = agent_b = 0.0
            status, since = "open", created
            for e in evs + [None]:
                at = resolved if e is None else min(e["event_at"], resolved)
                if since < resolved and at > since:
                    if status in ("open", "on_hold"):
                        req += (at - since).total_seconds()
                        req_b += self.bs(since, at, ticket_id)
                    elif status == "pending":
                        agent += (at - since).total_seconds()
                        agent_b += self.bs(since, at, ticket_id)
                if e is None or e["event_at"] >= resolved:
                    break
                since = e["event_at"]
                kind, actor = e["event_type"], e["actor_type"]
                if kind in ("pending", "on_hold"):
                    status = kind
                elif kind == "solved":
                    status = "solved"
                elif kind in ("open", "reopened"):
                    status = "open"
                elif kind == "message" and actor == "customer" and status in ("pending",
                                                                               "on_hold"):
                    status = "open"

        def minutes(a, b):
            return None if a is None or b is None else (b - a).total_seconds() / 60

        def bminutes(a, b):
            return None if a is None or b is None else self.bs(a, b, ticket_id) / 60

        as_of_end = dt.datetime.combine(self.as_of + dt.timedelta(days=1), dt.time())
        elapsed = self.bs(created, as_of_end, ticket_id) / 60
        targets = SLA.get(t["priority"], (None, None))
        handle = sum(float(e["handle_seconds"]) for e in evs
                     if e["actor_type"] == "agent" and e["handle_seconds"] is not None)
        row = {
            "channel": t["channel"], "priority": t["priority"],
            "customer_key": self.c.resolve(t["customer_id"], t["requester_email"]),
            "created_at": created, "first_response_at": first_response,
            "first_resolved_at": first_resolved, "resolved_at": resolved,
            "first_response_minutes": minutes(created, first_response),
            "first_response_business_minutes": bminutes(created, first_response),
            "first_resolution_minutes": minutes(created, first_resolved),
            "first_resolution_business_minutes": bminutes(created, first_resolved),
            "full_resolution_minutes": minutes(created, resolved),
            "full_resolution_business_minutes": bminutes(created, resolved),
            "requester_wait_minutes": None if req is None else req / 60,
            "requester_wait_business_minutes": None if req_b is None else req_b / 60,
            "agent_wait_minutes": None if agent is None else agent / 60,
            "agent_wait_business_minutes": None if agent_b is None else agent_b / 60,
            "agent_replies": replies, "reopen_count": len(reopened),
            "agent_handle_seconds": handle, "is_resolved": resolved is not None,
            "has_been_solved": bool(solved), "has_been_reopened": bool(reopened),
            "is_one_touch": resolved is not None and replies == 1 and not reopened,
            "created_month": month_of(created),
            "schedule_id": self.schedule_at(ticket_id, created),
            "schedule_changes": self.schedule_changes(ticket_id, created),
        }
        row["first_response_sla"] = sla_state(row["first_response_business_minutes"],
                                              targets[0], elapsed)
        row["resolution_sla"] = sla_state(row["full_resolution_business_minutes"],
                                          targets[1], elapsed)
        return row

    def support_monthly(self) -> dict:
        first = {}
        for t in self.tickets.values():
            k = (t["channel"], t["priority"])
            first[k] = min(first.get(k, t["created_month"]), t["created_month"])
        cells = defaultdict(list)
        for t in self.tickets.values():
            cells[(t["created_month"], t["channel"], t["priority"])].append(t)
        out = {}
        last = month_of(self.as_of)
        for (ch, pr), f in first.items():
            for m in months_from(f, last):
                ts = cells.get((m, ch, pr), [])
                resolved = [t for t in ts if t["is_resolved"]]
                one = sum(t["is_one_touch"] for t in ts)
                solved = sum(t["has_been_solved"] for t in ts)
                reopened = sum(t["has_been_solved"] and t["has_been_reopened"] for t in ts)
                replies = sum(t["agent_replies"] for t in resolved)
                row = {"tickets_created": len(ts), "tickets_resolved": len(resolved),
                       "tickets_unresolved": len(ts) - len(resolved),
                       "one_touch_resolved": one, "tickets_solved": solved,
                       "tickets_reopened": reopened, "sum_agent_replies_resolved": replies,
                       "tickets_answered": sum(t["first_response_minutes"] is not None
                                               for t in ts),
                       "fcr_pct": 100.0 * one / len(resolved) if resolved else None,
                       "reopen_pct": 100.0 * reopened / solved if solved else None,
                       "avg_agent_replies": replies / len(resolved) if resolved else None}
                for name in ("first_response", "full_resolution", "requester_wait"):
                    for unit in ("minutes", "business_minutes"):
                        col = f"{name}_{unit}"
                        vals = [t[col] for t in ts if t[col] is not None]
                        row[f"sum_{col}"] = float(sum(vals))
                        row[f"mean_{col}"] = sum(vals) / len(vals) if vals else None
                        row[f"median_{col}"] = percentile(vals, 0.5)
                        row[f"p90_{col}"] = percentile(vals, 0.9)
                for target, col in (("first_response", "first_response_sla"),
                                    ("resolution", "resolution_sla")):
                    states = [t[col] for t in ts]
                    met, breached = states.count("met"), states.count("breached")
                    row[f"{target}_sla_met"] = met
                    row[f"{target}_sla_breached"] = breached
                    row[f"{target}_sla_pending"] = states.count("pending")
                    row[f"{target}_sla_attainment_pct"] = (
                        100.0 * met / (met + breached) if met + breached else None)
                out[(m, ch, pr)] = row
        return out
