"""Independent Python reading of the raw contract (docs/raw_contract.md).

Reads raw_<table>.csv files and applies the contract's rules in plain
Python, sharing no SQL with the dbt models: which rows are staged, which are
rejected and why, and the typed values of the staged rows. The metric
oracles build on the staged rows computed here.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zoneinfo
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?"
    r"(Z|z|([+-])(\d{2}):?(\d{2})?)?)?$"
)
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# plain decimal notation: sign, up to 20 integer digits, up to 18 decimals
# (then only zeros); no exponent, no thousands separator
PLAIN_NUMBER = re.compile(r"^[+-]?(\d{1,20}(\.\d{0,18}0*)?|\.\d{1,18}0*)$")
# the plausibility window of raw timestamps and dates (vars plausible_from /
# plausible_until)
WINDOW = (dt.datetime(1990, 1, 1), dt.datetime(2100, 1, 1))

TABLES = [
    ("raw_customers", "customer_id"),
    ("raw_orders", "order_id"),
    ("raw_survey_questions", "question_id"),
    ("raw_survey_invitations", "invitation_id"),
    ("raw_survey_responses", "response_id"),
    ("raw_tickets", "ticket_id"),
    ("raw_ticket_events", "event_id"),
    ("raw_holidays", "holiday_date"),
    # optional: the schedules (an absent file is an empty table)
    ("raw_schedules", ("schedule_id", "iso_weekday", "start_time")),
    ("raw_schedule_holidays", ("schedule_id", "start_date")),
    ("raw_ticket_schedules", ("ticket_id", "valid_from")),
]
OPTIONAL_TABLES = {"raw_schedules", "raw_schedule_holidays", "raw_ticket_schedules"}
TIME_OF_DAY = re.compile(r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)(:00)?$")
# IANA names (the zone database of Python; 'localtime' is not a zone name)
TIME_ZONES = zoneinfo.available_timezones() - {"localtime"}
SUPPORTED_SCALES = {
    ("nps", 0, 10, True), ("csat", 1, 5, True), ("csat", 1, 7, True),
    ("csat", 0, 1, True), ("ces", 1, 7, True), ("ces", 1, 5, False),
}


def clean(value):
    if value is None:
        return None
    value = value.strip(" ")
    return value or None


def enum(value):
    value = clean(value)
    return value.lower() if value is not None else None


def parse_ts(value):
    """UTC naive datetime of an ISO-8601 text, or None."""
    value = clean(value)
    if value is None:
        return None
    m = ISO.match(value)
    if not m:
        return None
    y, mo, d, hh, mi, ss, frac, off, sign, oh, om = m.groups()
    try:
        base = dt.datetime(int(y), int(mo), int(d))
    except ValueError:
        return None
    if hh is not None:
        h, minute, sec = int(hh), int(mi), int(ss or 0)
        if h == 24 and minute == 0 and sec == 0 and not frac:
            base += dt.timedelta(days=1)
        elif h > 23 or minute > 59 or sec > 59:
            return None
        else:
            micro = int((frac or "0")[:6].ljust(6, "0"))
            base = base.replace(hour=h, minute=minute, second=sec, microsecond=micro)
        if sign:
            if int(om or 0) > 59 or int(oh) * 60 + int(om or 0) > 18 * 60:
                return None
            delta = dt.timedelta(hours=int(oh), minutes=int(om or 0))
            base = base - delta if sign == "+" else base + delta
    return base


def parse_date(value):
    value = clean(value)
    if value is None or not DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_decimal(value):
    """The exact Decimal of a plain decimal text, or None."""
    value = clean(value)
    if value is None or not PLAIN_NUMBER.match(value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def parse_bool(value):
    value = enum(value)
    if value in ("true", "t", "1", "yes", "y"):
        return True
    if value in ("false", "f", "0", "no", "n"):
        return False
    return None


def parse_time(value):
    """Minutes after midnight of an HH:MM or HH:MM:00 text (24:00 is 1440),
    or None."""
    value = clean(value)
    if value is None or not TIME_OF_DAY.match(value):
        return None
    return int(value[:2]) * 60 + int(value[3:5])


def key_of(row, key):
    """The cleaned key of a raw row; for a key of several columns their
    cleaned values joined by '|', None when one is missing."""
    if isinstance(key, str):
        return clean(row[key])
    parts = [clean(row[k]) for k in key]
    return None if None in parts else "|".join(parts)


def read_csv(path: Path, optional: bool = False) -> list[dict]:
    if optional and not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return [{k: (v if v != "" else None) for k, v in row.items()}
                for row in csv.DictReader(fh)]


def key_faults(rows, key):
    """missing_key / conflicting_key / duplicate_row per row index."""
    faults = {}
    groups = defaultdict(list)
    for i, row in enumerate(rows):
        k = key_of(row, key)
        if k is None:
            faults[i] = "missing_key"
        else:
            groups[k].append(i)
    for members in groups.values():
        fingerprints = {tuple(clean(v) for v in rows[i].values()) for i in members}
        if len(fingerprints) > 1:
            for i in members:
                faults[i] = "conflicting_key"
        else:
            for i in members[1:]:
                faults[i] = "duplicate_row"
    return faults


class RawContract:
    """Staged rows (typed dicts) and rejections of a folder of raw CSVs."""

    def __init__(self, folder: Path, window=WINDOW):
        self.window = window
        self.raw = {t: read_csv(Path(folder) / f"{t}.csv", t in OPTIONAL_TABLES)
                    for t, _ in TABLES}
        self.staged: dict[str, list[dict]] = {}
        self.rejected: dict[str, list[tuple]] = {t: [] for t, _ in TABLES}
        self._customers()
        self._questions()
        self._tickets()
        self._holidays()
        self._orders()
        self._invitations()
        self._responses()
        self._events()
        self._schedules()

    def implausible(self, value) -> bool:
        """A missing timestamp/date, or one outside the plausibility window."""
        if value is None:
            return True
        if not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time())
        return not self.window[0] <= value < self.window[1]

    def _split(self, table, key, typed, check):
        rows = self.raw[table]
        faults = key_faults(rows, key)
        kept = []
        for i, row in enumerate(rows):
            t = typed(row)
            reason = faults.get(i) or check(t)
            if reason:
                self.rejected[table].append((key_of(row, key), reason))
            else:
                kept.append(t)
        return kept

    def _customers(self):
        def typed(r):
            return {"customer_id": clean(r["customer_id"]), "email": clean(r["email"]),
                    "email_normalized": enum(r["email"]), "segment": enum(r["segment"]),
                    "country": clean(r["country"]).upper() if clean(r["country"]) else None,
                    "signup_at": parse_ts(r["signup_at"])}
        self.staged["raw_customers"] = self._split(
            "raw_customers", "customer_id", typed,
            lambda t: "bad_timestamp" if self.implausible(t["signup_at"]) else None)

    def _questions(self):
        def typed(r):
            return {"question_id": clean(r["question_id"]), "metric": enum(r["metric"]),
                    "question_text": clean(r["question_text"]),
                    "scale_min": parse_decimal(r["scale_min"]),
                    "scale_max": parse_decimal(r["scale_max"]),
                    "is_higher_better": parse_bool(r["higher_is_better"])}

        def check(t):
            if t["scale_min"] is None or t["scale_max"] is None:
                return "bad_number"
            if t["metric"] not in ("nps", "csat", "ces") or t["is_higher_better"] is None:
                return "unknown_value"
            if (t["metric"], t["scale_min"], t["scale_max"],
                    t["is_higher_better"]) not in SUPPORTED_SCALES:
                return "unsupported_scale"
            return None
        kept = self._split("raw_survey_questions", "question_id", typed, check)
        for q in kept:
            q["scale_min"], q["scale_max"] = int(q["scale_min"]), int(q["scale_max"])
        self.staged["raw_survey_questions"] = kept

    def _tickets(self):
        def typed(r):
            return {"ticket_id": clean(r["ticket_id"]), "customer_id": clean(r["customer_id"]),
                    "requester_email": clean(r["requester_email"]),
                    "requester_email_normalized": enum(r["requester_email"]),
                    "channel": enum(r["channel"]) or "unknown",
                    "priority": enum(r["priority"]) or "unknown",
                    "subject": clean(r["subject"]), "created_at": parse_ts(r["created_at"])}
        self.staged["raw_tickets"] = self._split(
            "raw_tickets", "ticket_id", typed,
            lambda t: "bad_timestamp" if self.implausible(t["created_at"]) else None)

    def _holidays(self):
        def typed(r):
            return {"holiday_name": clean(r["name"]), "holiday_date": parse_date(r["holiday_date"])}
        self.staged["raw_holidays"] = self._split(
            "raw_holidays", "holiday_date", typed,
            lambda t: "bad_timestamp" if self.implausible(t["holiday_date"]) else None)

    def _orders(self):
        customers = {c["customer_id"] for c in self.staged["raw_customers"]}

        def typed(r):
            return {"order_id": clean(r["order_id"]), "customer_id": clean(r["customer_id"]),
                    "status": enum(r["status"]), "amount": parse_decimal(r["amount"]),
                    "ordered_at": parse_ts(r["ordered_at"])}

        def check(t):
            if self.implausible(t["ordered_at"]):
                return "bad_timestamp"
            if t["amount"] is None:
                return "bad_number"
            if t["status"] not in ("completed", "cancelled", "refunded"):
                return "unknown_value"
            if t["customer_id"] not in customers:
                return "unknown_customer"
            if t["amount"] < 0:
                return "negative_amount"  # exactly: -0.001 is negative
            return None
        self.staged["raw_orders"] = self._split("raw_orders", "order_id", typed, check)

    def _invitations(self):
        questions = {q["question_id"] for q in self.staged["raw_survey_questions"]}

        def typed(r):
            return {"invitation_id": clean(r["invitation_id"]),
                    "customer_id": clean(r["customer_id"]),
                    "question_id": clean(r["question_id"]), "ticket_id": clean(r["ticket_id"]),
                    "order_id": clean(r["order_id"]), "touchpoint": enum(r["touchpoint"]),
                    "channel": enum(r["channel"]), "sent_at": parse_ts(r["sent_at"])}

        def check(t):
            if self.implausible(t["sent_at"]):
                return "bad_timestamp"
            if t["question_id"] not in questions:
                return "unknown_question"
            return None
        self.staged["raw_survey_invitations"] = self._split(
            "raw_survey_invitations", "invitation_id", typed, check)

    def _responses(self):
        questions = {q["question_id"]: q for q in self.staged["raw_survey_questions"]}

        def typed(r):
            return {"response_id": clean(r["response_id"]),
                    "invitation_id": clean(r["invitation_id"]),
                    "question_id": clean(r["question_id"]), "customer_id": clean(r["customer_id"]),
                    "customer_email": clean(r["customer_email"]),
                    "touchpoint": enum(r["touchpoint"]), "channel": enum(r["channel"]),
                    "comment": clean(r["comment"]), "score_number": parse_decimal(r["score"]),
                    "responded_at": parse_ts(r["responded_at"])}

        def check(t):
            if self.implausible(t["responded_at"]):
                return "bad_timestamp"
            q = questions.get(t["question_id"])
            if q is None:
                return "unknown_question"
            s = t["score_number"]
            if s is None or s != int(s):
                return "score_not_integer"
            if not q["scale_min"] <= s <= q["scale_max"]:
                return "score_out_of_scale"
            return None
        candidates = self._split("raw_survey_responses", "response_id", typed, check)
        latest = {}
        for t in candidates:
            if t["invitation_id"] is None:
                continue
            k = (t["invitation_id"], t["question_id"])
            rank = (t["responded_at"], t["response_id"])
            if k not in latest or rank > latest[k]:
                latest[k] = rank
        kept = []
        for t in candidates:
            t["score"] = int(t.pop("score_number"))
            if (t["invitation_id"] is not None
                    and latest[(t["invitation_id"], t["question_id"])]
                    != (t["responded_at"], t["response_id"])):
                self.rejected["raw_survey_responses"].append((t["response_id"], "superseded"))
            else:
                kept.append(t)
        self.staged["raw_survey_responses"] = kept

    def _events(self):
        tickets = {t["ticket_id"]: t for t in self.staged["raw_tickets"]}

        def typed(r):
            return {"event_id": clean(r["event_id"]), "ticket_id": clean(r["ticket_id"]),
                    "agent_id": clean(r["agent_id"]), "actor_type": enum(r["actor_type"]),
                    "event_type": enum(r["event_type"]),
                    "handle_text": clean(r["handle_seconds"]),
                    "handle_seconds": parse_decimal(r["handle_seconds"]),
                    "event_at": parse_ts(r["event_at"])}

        def check(t):
            if self.implausible(t["event_at"]):
                return "bad_timestamp"
            h = t["handle_seconds"]
            if t["handle_text"] is not None and (h is None or h < 0):
                return "bad_number"  # not a number, or negative
            if (t["actor_type"] not in ("customer", "agent", "system")
                    or t["event_type"] not in ("message", "open", "pending", "on_hold",
                                               "solved", "reopened")):
                return "unknown_value"
            ticket = tickets.get(t["ticket_id"])
            if ticket is None:
                return "unknown_ticket"
            if t["event_at"] < ticket["created_at"]:
                return "event_before_ticket"
            return None
        kept = self._split("raw_ticket_events", "event_id", typed, check)
        for t in kept:
            t.pop("handle_text")
        self.staged["raw_ticket_events"] = kept

    def _schedules(self):
        # raw_schedules: one row per weekly interval, each repeating its
        # schedule's name and time zone; rows of one schedule_id that differ
        # in either are all conflicting_key (after the key rules)
        rows = self.raw["raw_schedules"]
        described = defaultdict(set)
        for r in rows:
            if key_of(r, ("schedule_id", "iso_weekday", "start_time")) is None:
                continue  # a missing_key row is not compared
            described[clean(r["schedule_id"])].add(
                (clean(r["name"]) or "", clean(r["time_zone"]) or ""))

        def interval(r):
            return {"schedule_id": clean(r["schedule_id"]), "schedule_name": clean(r["name"]),
                    "time_zone": clean(r["time_zone"]), "iso_weekday": clean(r["iso_weekday"]),
                    "start_minute": parse_time(r["start_time"]),
                    "end_minute": parse_time(r["end_time"])}

        def check_interval(t):
            if len(described[t["schedule_id"]]) > 1:
                return "conflicting_key"
            if t["time_zone"] not in TIME_ZONES:
                return "unknown_value"
            if t["iso_weekday"] not in ("1", "2", "3", "4", "5", "6", "7"):
                return "unknown_value"
            if (t["start_minute"] is None or t["end_minute"] is None
                    or t["end_minute"] <= t["start_minute"]):
                return "bad_interval"
            return None
        kept = self._split("raw_schedules", ("schedule_id", "iso_weekday", "start_time"),
                           interval, check_interval)
        for t in kept:
            t["iso_weekday"] = int(t["iso_weekday"])
        self.staged["raw_schedules"] = kept
        # the schedules: those with a staged interval (stg_helpdesk__schedules)
        self.schedules = {t["schedule_id"]: {"schedule_id": t["schedule_id"],
                                             "schedule_name": t["schedule_name"],
                                             "time_zone": t["time_zone"]} for t in kept}
        schedules = set(self.schedules)

        def holiday(r):
            return {"schedule_id": clean(r["schedule_id"]),
                    "start_date": parse_date(r["start_date"]),
                    "end_date": parse_date(r["end_date"])}

        def check_holiday(t):
            if self.implausible(t["start_date"]) or self.implausible(t["end_date"]):
                return "bad_timestamp"
            if t["end_date"] < t["start_date"]:
                return "bad_interval"
            if t["schedule_id"] not in schedules:
                return "unknown_schedule"
            return None
        self.staged["raw_schedule_holidays"] = self._split(
            "raw_schedule_holidays", ("schedule_id", "start_date"), holiday, check_holiday)
        tickets = {t["ticket_id"] for t in self.staged["raw_tickets"]}

        def assignment(r):
            return {"ticket_id": clean(r["ticket_id"]), "schedule_id": clean(r["schedule_id"]),
                    "valid_from": parse_ts(r["valid_from"])}

        def check_assignment(t):
            if self.implausible(t["valid_from"]):
                return "bad_timestamp"
            if t["ticket_id"] not in tickets:
                return "unknown_ticket"
            if t["schedule_id"] not in schedules:
                return "unknown_schedule"
            return None
        self.staged["raw_ticket_schedules"] = self._split(
            "raw_ticket_schedules", ("ticket_id", "valid_from"), assignment, check_assignment)

    # identity resolution (docs/metrics.md), independent of int_customers_resolved
    def canonical_keys(self) -> dict:
        """customer_id -> canonical customer_key."""
        by_email = defaultdict(list)
        keys = {}
        for c in self.staged["raw_customers"]:
            if c["email_normalized"] is None:
                keys[c["customer_id"]] = c["customer_id"]
            else:
                by_email[c["email_normalized"]].append(c)
        for members in by_email.values():
            first = min(members, key=lambda c: (c["signup_at"], c["customer_id"]))
            for c in members:
                keys[c["customer_id"]] = first["customer_id"]
        return keys

    def email_keys(self) -> dict:
        keys = self.canonical_keys()
        return {c["email_normalized"]: keys[c["customer_id"]]
                for c in self.staged["raw_customers"] if c["email_normalized"]}

    def resolve(self, customer_id, email):
        keys = self.canonical_keys() if not hasattr(self, "_keys") else self._keys
        self._keys = keys
        if not hasattr(self, "_email_keys"):
            self._email_keys = self.email_keys()
        if customer_id in keys:
            return keys[customer_id]
        e = enum(email)
        return self._email_keys.get(e) if e else None
