"""Deterministic generator of the eight raw tables of SPEC.md section 1.

    python -m cx_tools.generate_data                    # bundled seeds (CSV)
    python -m cx_tools.generate_data --customers 1000000 \
        --format parquet --out /tmp/raw_1m              # benchmark data

The same seed and arguments always give byte-identical files. The data has
the texture of real CX data (skewed NPS, seasonal tickets, out-of-hours and
weekend tickets, pending/on-hold periods, reopens, customers who go quiet and
come back, e-mails that differ by case or spaces across systems, responses
without invitations, every survey scale of the spec, comments with PII,
timestamps with and without UTC offsets) and about 1% bad rows that cover
every rejection reason of the raw contract.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import os
import random
from pathlib import Path

COLUMNS = {
    "raw_customers": ["customer_id", "email", "signup_at", "segment", "country"],
    "raw_orders": ["order_id", "customer_id", "ordered_at", "amount", "status"],
    "raw_survey_questions": [
        "question_id", "metric", "question_text", "scale_min", "scale_max",
        "higher_is_better",
    ],
    "raw_survey_invitations": [
        "invitation_id", "customer_id", "question_id", "touchpoint", "channel",
        "sent_at", "ticket_id", "order_id",
    ],
    "raw_survey_responses": [
        "response_id", "invitation_id", "question_id", "customer_id",
        "customer_email", "touchpoint", "channel", "responded_at", "score",
        "comment",
    ],
    "raw_tickets": [
        "ticket_id", "customer_id", "requester_email", "channel", "priority",
        "created_at", "subject",
    ],
    "raw_ticket_events": [
        "event_id", "ticket_id", "event_at", "actor_type", "event_type",
        "agent_id", "handle_seconds",
    ],
    "raw_holidays": ["holiday_date", "name"],
}

START = dt.datetime(2024, 11, 1)
END = dt.datetime(2026, 10, 31, 23, 59, 59)
SPAN_SECONDS = (END - START).total_seconds()

FIRST = ["ana", "ben", "chloe", "david", "emma", "felix", "grace", "hugo",
         "ines", "jonas", "kira", "liam", "maya", "noah", "olga", "paul",
         "quinn", "rosa", "sam", "tara", "umar", "vera", "will", "yara", "zoe"]
LAST = ["smith", "muller", "garcia", "rossi", "dubois", "novak", "silva",
        "jensen", "kowalski", "nguyen", "okafor", "tanaka", "larsen", "costa"]
DOMAINS = ["example.com", "mail.example.org", "corp.example.net"]
COUNTRIES = ["DE", "FR", "GB", "US", "NL", "ES", "IT", "SE", "PL", "BR"]
SEGMENT_WEIGHTS = [("consumer", 70), ("smb", 22), ("enterprise", 8)]

# (touchpoint, metric, scale_min, scale_max, higher_is_better, text)
QUESTIONS = [
    ("onboarding", "nps", 0, 10, True, "How likely are you to recommend us to a friend?"),
    ("onboarding", "csat", 1, 5, True, "How satisfied are you with signing up?"),
    ("onboarding", "ces", 1, 7, True, "Signing up was easy."),
    ("checkout", "nps", 0, 10, True, "How likely are you to recommend our shop?"),
    ("checkout", "csat", 1, 7, True, "How satisfied are you with checkout?"),
    ("checkout", "ces", 1, 7, True, "Paying for your order was easy."),
    ("delivery", "nps", 0, 10, True, "After this delivery, would you recommend us?"),
    ("delivery", "csat", 1, 5, True, "How satisfied are you with the delivery?"),
    ("delivery", "csat", 0, 1, True, "Did your order arrive as expected?"),
    ("support", "nps", 0, 10, True, "After talking to support, would you recommend us?"),
    ("support", "csat", 0, 1, True, "Did we solve your problem?"),
    ("support", "csat", 1, 5, True, "How satisfied are you with our support?"),
    ("support", "ces", 1, 5, False, "How much effort did it take to get help?"),
    ("support", "ces", 1, 7, True, "The company made it easy to handle my issue."),
    ("returns", "csat", 1, 5, True, "How satisfied are you with the return?"),
    ("returns", "ces", 1, 5, False, "How much effort was the return?"),
    ("website", "nps", 0, 10, True, "How likely are you to recommend our website?"),
    ("website", "csat", 0, 1, True, "Did you find what you were looking for?"),
]
# per-touchpoint mood shifts the score distribution (returns is the weak spot)
MOOD = {"onboarding": 0.3, "checkout": 0.4, "delivery": 0.2, "support": -0.1,
        "returns": -1.2, "website": 0.0}

COMMENTS_GOOD = [
    "Great service, fast delivery.", "Support was friendly and quick.",
    "Easy checkout, will buy again.", "Love the product quality.",
    "Everything arrived on time, thanks!",
]
COMMENTS_BAD = [
    "Delivery was late and the box was damaged.", "Refund took far too long.",
    "Nobody answered my emails for a week.", "The price went up again, too expensive.",
    "Checkout kept failing with my card.", "Support closed my ticket without solving it.",
    "Website is slow and confusing.",
]
COMMENTS_PII = [
    "Please call me back on +44 20 7946 0958 about the refund.",
    "Write to {email} - still waiting for my refund.",
    "My number is (555) 123-4567, nobody called me back.",
    "Contact me at {email} or 0049 30 1234567 please.",
]
SUBJECTS = ["Where is my order?", "Refund request", "Cannot log in",
            "Wrong item delivered", "Invoice question", "Change delivery address",
            "Product defect", "Cancel subscription"]
TICKET_CHANNELS = [("email", 40), ("chat", 25), ("phone", 15), ("web", 15), ("social", 5)]
PRIORITIES = [("low", 25), ("normal", 50), ("high", 18), ("urgent", 7)]
# first-response delay scale in minutes by priority
RESPONSE_SCALE = {"low": 600, "normal": 240, "high": 90, "urgent": 30}
HOLIDAYS = [
    ("01-01", "New Year's Day"), ("05-01", "Labour Day"), ("12-25", "Christmas Day"),
    ("12-26", "Boxing Day"), ("10-03", "Unity Day"), ("11-01", "All Saints' Day"),
    ("08-15", "Assumption Day"), ("12-31", "New Year's Eve"),
]
EASTER_BASED = {2024: ("03-29", "04-01"), 2025: ("04-18", "04-21"),
                2026: ("04-03", "04-06"), 2027: ("03-26", "03-29")}


def weighted(rng: random.Random, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for value, w in pairs:
        x -= w
        if x < 0:
            return value
    return pairs[-1][0]


def fmt_ts(rng: random.Random, ts: dt.datetime) -> str:
    """ISO-8601 text of a UTC instant, written in one of the shapes real exports use."""
    r = rng.random()
    if r < 0.45:
        return ts.strftime("%Y-%m-%dT%H:%M:%SZ")
    if r < 0.70:
        return ts.strftime("%Y-%m-%d %H:%M:%S")
    if r < 0.80:
        return ts.strftime("%Y-%m-%dT%H:%M:%S")
    offset_h = rng.choice([1, 2, -5, -8, 5.5, 9])
    local = ts + dt.timedelta(hours=offset_h)
    sign = "+" if offset_h >= 0 else "-"
    hh, mm = divmod(int(abs(offset_h) * 60), 60)
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{hh:02d}:{mm:02d}"


def messy(rng: random.Random, value: str) -> str:
    """The same enum as another system spells it: case and stray spaces."""
    r = rng.random()
    if r < 0.08:
        return value.upper()
    if r < 0.14:
        return value.capitalize() + " "
    if r < 0.18:
        return " " + value
    return value


def email_variant(rng: random.Random, email: str) -> str:
    r = rng.random()
    if r < 0.4:
        return email.upper()
    if r < 0.7:
        return " " + email.capitalize()
    return email + "  "


def seasonal(ts: dt.datetime) -> float:
    """Ticket volume multiplier: a peak around the end-of-year holidays."""
    return {11: 1.5, 12: 1.8, 1: 1.3}.get(ts.month, 1.0)


def skewed_score(rng: random.Random, lo: int, hi: int, mood: float, hib: bool) -> int:
    """A score skewed to the top of the scale (or the bottom when lower is better)."""
    u = rng.betavariate(max(0.3, 2.2 + mood), max(0.3, 0.9 - mood * 0.3))
    value = lo + round(u * (hi - lo))
    value = min(hi, max(lo, value))
    return value if hib else hi + lo - value


class Writer:
    """Buffers rows per table and writes them as CSV or Parquet (all text)."""

    def __init__(self, out: Path, fmt: str, chunk: int = 200_000):
        self.out, self.fmt, self.chunk = out, fmt, chunk
        self.buffers = {t: [] for t in COLUMNS}
        self.handles = {}
        out.mkdir(parents=True, exist_ok=True)

    def add(self, table: str, row: list):
        self.buffers[table].append(["" if v is None else str(v) for v in row])
        if len(self.buffers[table]) >= self.chunk:
            self.flush(table)

    def flush(self, table: str):
        rows = self.buffers[table]
        if self.fmt == "csv":
            if table not in self.handles:
                fh = open(self.out / f"{table}.csv", "w", newline="", encoding="utf-8")
                w = csv.writer(fh, lineterminator="\n")
                w.writerow(COLUMNS[table])
                self.handles[table] = (fh, w)
            self.handles[table][1].writerows(rows)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            cols = COLUMNS[table]
            schema = pa.schema([(c, pa.string()) for c in cols])
            if table not in self.handles:
                self.handles[table] = pq.ParquetWriter(self.out / f"{table}.parquet", schema)
            arrays = [pa.array([r[i] if r[i] != "" else None for r in rows], pa.string())
                      for i in range(len(cols))]
            self.handles[table].write_table(pa.Table.from_arrays(arrays, schema=schema))
        self.buffers[table] = []

    def close(self):
        for table in COLUMNS:
            if self.buffers[table] or table not in self.handles:
                self.flush(table)
        for h in self.handles.values():
            if self.fmt == "csv":
                h[0].close()
            else:
                h.close()


def generate(out: Path, customers: int = 2000, seed: int = 20261124, fmt: str = "csv",
             bad_share: float = 0.01) -> dict:
    rng = random.Random(seed)
    w = Writer(out, fmt)
    counts = {t: 0 for t in COLUMNS}
    kept = {t: [] for t in COLUMNS}  # a small reservoir of good rows to corrupt

    def add(table, row, sample=True):
        w.add(table, row)
        counts[table] += 1
        if sample and (len(kept[table]) < 200 or rng.random() < 0.01):
            if len(kept[table]) < 200:
                kept[table].append(row)
            else:
                kept[table][rng.randrange(200)] = row

    # questions: the catalogue, one bad row (unsupported scale)
    q_by = {}
    for i, (tp, metric, lo, hi, hib, text) in enumerate(QUESTIONS, start=1):
        qid = f"Q{i:03d}"
        q_by.setdefault((tp, metric), []).append((qid, lo, hi, hib))
        add("raw_survey_questions",
            [qid, messy(rng, metric), text, lo, hi, rng.choice(["true", "TRUE", "1"]) if hib
             else rng.choice(["false", "0"])])
    # the same catalogue in German: programmes run one survey in several languages
    for i, (tp, metric, lo, hi, hib, text) in enumerate(QUESTIONS, start=len(QUESTIONS) + 1):
        qid = f"Q{i:03d}"
        q_by.setdefault((tp, metric), []).append((qid, lo, hi, hib))
        add("raw_survey_questions",
            [qid, messy(rng, metric), f"[de] {text}", lo, hi, "true" if hib else "false"])
    # a question on an unsupported scale (CSAT 1-10): the contract rejects it
    add("raw_survey_questions", ["Q900", "csat", "Rate us from 1 to 10", 1, 10, "true"],
        sample=False)
    # invitations and responses may reference it: those become unknown_question
    for year in (2024, 2025, 2026):
        for md, name in HOLIDAYS:
            add("raw_holidays", [f"{year}-{md}", name])
        good_friday, easter_monday = EASTER_BASED[year]
        add("raw_holidays", [f"{year}-{good_friday}", "Good Friday"])
        add("raw_holidays", [f"{year}-{easter_monday}", "Easter Monday"])

    n_customer_rows = 0
    order_seq = inv_seq = resp_seq = ticket_seq = event_seq = 0
    extra_id = customers  # ids for duplicate-person rows

    def invite_and_respond(cid, email, tp, channel, at, ticket_id=None, order_id=None,
                           mood_shift=0.0):
        nonlocal inv_seq, resp_seq
        metric = rng.choices(["nps", "csat", "ces"], weights=[45, 35, 20])[0]
        options = q_by.get((tp, metric)) or q_by.get((tp, "csat")) or q_by[(tp, "nps")]
        qid, lo, hi, hib = rng.choice(options)
        inv_seq += 1
        inv_id = f"I{inv_seq:08d}"
        sent = at + dt.timedelta(hours=rng.uniform(1, 96))
        if sent > END:
            return
        add("raw_survey_invitations",
            [inv_id, cid, qid, messy(rng, tp), messy(rng, channel), fmt_ts(rng, sent),
             ticket_id, order_id])
        if rng.random() > 0.36:
            return
        n_answers = 2 if rng.random() < 0.03 else 1  # changed their mind: superseded
        t = sent
        for _ in range(n_answers):
            t = t + dt.timedelta(minutes=rng.expovariate(1 / 600))
            if t > END:
                return
            resp_seq += 1
            score = skewed_score(rng, lo, hi, MOOD[tp] + mood_shift, hib)
            comment = make_comment(email, score, lo, hi, hib)
            # responses from an invitation often repeat the touchpoint loosely
            add("raw_survey_responses",
                [f"R{resp_seq:08d}", inv_id, qid, cid if rng.random() < 0.5 else None,
                 None, tp if rng.random() < 0.7 else None, channel, fmt_ts(rng, t), score,
                 comment])

    def make_comment(email, score, lo, hi, hib):
        if rng.random() > 0.3:
            return None
        good = (score - lo) / (hi - lo) >= 0.6 if hib else (hi - score) / (hi - lo) >= 0.6
        if rng.random() < 0.12:
            return rng.choice(COMMENTS_PII).format(email=(email or "someone@example.com").strip())
        return rng.choice(COMMENTS_GOOD if good else COMMENTS_BAD)

    for idx in range(1, customers + 1):
        cid = f"C{idx:07d}"
        # growth: later months sign up more customers
        u = rng.random() ** 0.8
        signup = START + dt.timedelta(seconds=u * SPAN_SECONDS * 0.97)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first}.{last}{idx}@{rng.choice(DOMAINS)}"
        segment = weighted(rng, SEGMENT_WEIGHTS)
        country = rng.choice(COUNTRIES)
        add("raw_customers", [cid, email if rng.random() > 0.02 else None,
                              fmt_ts(rng, signup), messy(rng, segment), country])
        n_customer_rows += 1
        ids = [cid]
        if rng.random() < 0.03:  # the same person registered again in another system
            extra_id += 1
            dup_id = f"C{extra_id:07d}"
            offset_days = rng.choice([rng.uniform(5, 200), rng.uniform(5, 200), -rng.uniform(1, 30), 0])
            dup_signup = min(END, signup + dt.timedelta(days=offset_days))
            add("raw_customers", [dup_id, email_variant(rng, email), fmt_ts(rng, dup_signup),
                                  messy(rng, segment), country])
            n_customer_rows += 1
            ids.append(dup_id)

        # onboarding survey
        invite_and_respond(cid, email, "onboarding", rng.choice(["email", "in_app"]), signup)

        # orders: a Poisson process, with going quiet and sometimes coming back
        rate_per_day = rng.lognormvariate(math.log(0.04), 0.8)
        quiet_at = signup + dt.timedelta(days=rng.expovariate(1 / 240))
        back_at = None
        if rng.random() < 0.3:
            back_at = quiet_at + dt.timedelta(days=rng.uniform(100, 300))
        t = signup + dt.timedelta(days=rng.expovariate(1 / 5))
        mood_shift = rng.gauss(0, 0.6)
        while t < END:
            if quiet_at <= t and (back_at is None or t < back_at):
                if back_at is None:
                    break
                t = back_at
                back_at = None
                quiet_at = t + dt.timedelta(days=rng.expovariate(1 / 200))
                continue
            order_seq += 1
            oid = f"O{order_seq:08d}"
            status = weighted(rng, [("completed", 88), ("cancelled", 7), ("refunded", 5)])
            amount = round(rng.lognormvariate(math.log(60), 0.7), 2)
            add("raw_orders", [oid, rng.choice(ids), fmt_ts(rng, t), f"{amount:.2f}",
                               messy(rng, status)])
            if rng.random() < 0.25:
                invite_and_respond(cid, email, "checkout", "in_app", t, order_id=oid,
                                   mood_shift=mood_shift)
            if status == "completed" and rng.random() < 0.35:
                invite_and_respond(cid, email, "delivery", rng.choice(["email", "sms"]),
                                   t + dt.timedelta(days=2), order_id=oid, mood_shift=mood_shift)
            if status == "refunded" and rng.random() < 0.6:
                invite_and_respond(cid, email, "returns", "email", t + dt.timedelta(days=8),
                                   order_id=oid, mood_shift=mood_shift)
            t += dt.timedelta(days=rng.expovariate(rate_per_day))

        # tickets: seasonal, any hour, weekends included
        t = signup + dt.timedelta(days=rng.expovariate(1 / 60))
        while t < END and t < quiet_at + dt.timedelta(days=120):
            if rng.random() < seasonal(t) / 1.8:
                ticket_seq += 1
                tid = f"T{ticket_seq:08d}"
                if rng.random() < 0.55:  # business-hours peak
                    t = t.replace(hour=rng.randint(8, 17), minute=rng.randint(0, 59),
                                  second=rng.randint(0, 59))
                priority = weighted(rng, PRIORITIES)
                channel = weighted(rng, TICKET_CHANNELS)
                who = rng.random()
                t_cid = rng.choice(ids) if who < 0.80 else None
                t_email = None
                if 0.70 < who < 0.97:
                    t_email = email_variant(rng, email)
                elif who >= 0.97:
                    t_email = f"guest{ticket_seq}@unknown.example"
                add("raw_tickets", [tid, t_cid, t_email, messy(rng, channel),
                                    messy(rng, priority), fmt_ts(rng, t), rng.choice(SUBJECTS)])
                event_seq = ticket_events(rng, add, tid, t, priority, event_seq)
                if rng.random() < 0.4:
                    invite_and_respond(cid, email, "support", "email", t + dt.timedelta(days=2),
                                       ticket_id=tid, mood_shift=mood_shift - 0.2)
            t += dt.timedelta(days=rng.expovariate(1 / 75))

        # website surveys without invitation
        if rng.random() < 0.12:
            tw = signup + dt.timedelta(days=rng.uniform(0, 300))
            if tw < END:
                qid, lo, hi, hib = rng.choice(q_by[("website", rng.choice(["nps", "csat"]))])
                resp_seq += 1
                score = skewed_score(rng, lo, hi, MOOD["website"], hib)
                r = rng.random()
                add("raw_survey_responses",
                    [f"R{resp_seq:08d}", None, qid, cid if r < 0.3 else None,
                     email_variant(rng, email) if 0.3 <= r < 0.8 else None,
                     messy(rng, "website"), "web", fmt_ts(rng, tw), score,
                     make_comment(email, score, lo, hi, hib)])
    # anonymous web responses
    for _ in range(max(1, customers // 40)):
        qid, lo, hi, hib = rng.choice(q_by[("website", "nps")])
        resp_seq += 1
        tw = START + dt.timedelta(seconds=rng.random() * SPAN_SECONDS)
        score = skewed_score(rng, lo, hi, 0.0, hib)
        add("raw_survey_responses",
            [f"R{resp_seq:08d}", None, qid, None, None, "website", "web", fmt_ts(rng, tw),
             score, None])

    seqs = {"order": order_seq, "inv": inv_seq, "resp": resp_seq, "ticket": ticket_seq,
            "event": event_seq}
    inject_bad_rows(rng, add, counts, kept, seqs, bad_share)
    w.close()
    return counts


def ticket_events(rng, add, tid, created, priority, seq):
    """The event history of one ticket; returns the last event sequence number."""
    def ev(at, actor, etype, agent=None, handle=None):
        nonlocal seq
        seq += 1
        add("raw_ticket_events", [f"E{seq:09d}", tid, fmt_ts(rng, at), messy(rng, actor),
                                  messy(rng, etype), agent, handle], sample=seq % 7 == 0)

    agent = f"A{rng.randint(1, 25):02d}"
    t = created
    ev(t, "customer", "message")
    if rng.random() < 0.04:  # never answered
        return seq
    t += dt.timedelta(minutes=rng.lognormvariate(math.log(RESPONSE_SCALE[priority]), 1.0))
    if t > END:
        return seq
    ev(t, "agent", "message", agent, rng.randint(60, 900))
    rounds = 1 if rng.random() < 0.6 else rng.randint(2, 4)
    for _ in range(rounds - 1):
        r = rng.random()
        if r < 0.5:
            t += dt.timedelta(minutes=rng.uniform(1, 30))
            ev(t, "agent", "pending", agent, rng.randint(30, 300))
            t += dt.timedelta(hours=rng.expovariate(1 / 20))
            ev(t, "customer", "message")
        elif r < 0.7:
            t += dt.timedelta(minutes=rng.uniform(1, 30))
            ev(t, "agent", "on_hold", agent, rng.randint(30, 300))
            t += dt.timedelta(hours=rng.expovariate(1 / 30))
        else:
            t += dt.timedelta(hours=rng.expovariate(1 / 6))
            ev(t, "customer", "message")
        t += dt.timedelta(hours=rng.expovariate(1 / 4))
        ev(t, "agent", "message", agent, rng.randint(60, 1200))
        if t > END:
            return seq
    if rng.random() < 0.03:  # left open
        return seq
    t += dt.timedelta(minutes=rng.uniform(1, 120))
    actor = "agent" if rng.random() < 0.9 else "system"
    ev(t, actor, "solved", agent if actor == "agent" else None,
       rng.randint(30, 300) if actor == "agent" else None)
    if rng.random() < 0.09:
        t += dt.timedelta(days=rng.uniform(0.5, 6))
        ev(t, "customer", "reopened")
        t += dt.timedelta(hours=rng.expovariate(1 / 8))
        ev(t, "agent", "message", agent, rng.randint(60, 900))
        if rng.random() < 0.85:
            t += dt.timedelta(hours=rng.uniform(0.5, 24))
            ev(t, "agent", "solved", agent, rng.randint(30, 300))
    return seq


def inject_bad_rows(rng, add, counts, kept, seqs, share):
    """About `share` of each table's rows, covering every rejection reason."""
    def n_for(table):
        return max(1, round(counts[table] * share))

    def pick(table):
        return list(rng.choice(kept[table]))

    def spread(table, makers):
        for i in range(n_for(table)):
            add(table, makers[i % len(makers)](), sample=False)

    bad_ts = ["yesterday", "2025-13-01T10:00:00Z", "2025-02-30 10:00:00", "", "31/12/2025 10:00"]
    uniq = iter(range(1, 10**9))

    def customers_conflict():
        # two rows sharing a new key with different contents: both conflict
        k = f"CX{next(uniq):06d}"
        add("raw_customers", [k, f"first{k}@example.com", "2025-01-01T00:00:00Z", "smb", "DE"],
            sample=False)
        return [k, f"second{k}@example.com", "2025-01-02T00:00:00Z", "smb", "DE"]

    spread("raw_customers", [
        lambda: ["", "nokey@example.com", "2025-05-01T10:00:00Z", "consumer", "FR"],
        lambda: pick("raw_customers"),                                   # duplicate_row
        customers_conflict,                                              # conflicting_key
        lambda: [f"CX{next(uniq):06d}", "bad@example.com", rng.choice(bad_ts), "smb", "DE"],
    ])
    spread("raw_orders", [
        lambda: ["  ", "C0000001", "2025-05-01T10:00:00Z", "10.00", "completed"],
        lambda: pick("raw_orders"),
        lambda: [f"OX{next(uniq):07d}", "C0000002", rng.choice(bad_ts), "10.00", "completed"],
        lambda: [f"OX{next(uniq):07d}", "C0000002", "2025-06-01T10:00:00Z",
                 rng.choice(["12,50", "abc", ""]), "completed"],
        lambda: [f"OX{next(uniq):07d}", "C0000003", "2025-06-01T10:00:00Z", "20.00", "shipped"],
        lambda: [f"OX{next(uniq):07d}", "C9999999", "2025-06-01T10:00:00Z", "20.00", "completed"],
        lambda: [f"OX{next(uniq):07d}", "C0000004", "2025-06-01T10:00:00Z", "-5.00", "refunded"],
    ])
    spread("raw_survey_invitations", [
        lambda: [None, "C0000001", "Q001", "onboarding", "email", "2025-01-01T00:00:00Z", None, None],
        lambda: pick("raw_survey_invitations"),
        lambda: [f"IX{next(uniq):07d}", "C0000001", "Q001", "onboarding", "email",
                 rng.choice(bad_ts), None, None],
        lambda: [f"IX{next(uniq):07d}", "C0000001", "Q900", "onboarding", "email",
                 "2025-01-01T00:00:00Z", None, None],
    ])

    def response_conflict():
        k = f"RX{next(uniq):07d}"
        add("raw_survey_responses", [k, None, "Q017", None, None, "website", "web",
                                     "2025-03-01T10:00:00Z", "9", None], sample=False)
        return [k, None, "Q017", None, None, "website", "web", "2025-03-01T10:00:00Z", "3", None]

    spread("raw_survey_responses", [
        lambda: ["", None, "Q001", "C0000001", None, "website", "web", "2025-01-01T00:00:00Z", "9", None],
        lambda: pick("raw_survey_responses"),
        response_conflict,
        lambda: [f"RX{next(uniq):07d}", None, "Q017", None, None, "website", "web",
                 rng.choice(bad_ts), "8", None],
        lambda: [f"RX{next(uniq):07d}", None, "Q999", None, None, "website", "web",
                 "2025-04-01T10:00:00Z", "8", None],
        lambda: [f"RX{next(uniq):07d}", None, "Q017", None, None, "website", "web",
                 "2025-04-01T10:00:00Z", rng.choice(["7.5", "ten", ""]), None],
        lambda: [f"RX{next(uniq):07d}", None, "Q017", None, None, "website", "web",
                 "2025-04-01T10:00:00Z", rng.choice(["11", "-1"]), None],
    ])
    spread("raw_tickets", [
        lambda: ["", "C0000001", None, "email", "normal", "2025-01-01T00:00:00Z", "No key"],
        lambda: pick("raw_tickets"),
        lambda: [f"TX{next(uniq):07d}", "C0000001", None, "email", "normal",
                 rng.choice(bad_ts), "Bad time"],
    ])
    first_ticket = kept["raw_tickets"][0]
    spread("raw_ticket_events", [
        lambda: ["", first_ticket[0], "2026-01-01T00:00:00Z", "agent", "message", "A01", "60"],
        lambda: pick("raw_ticket_events"),
        lambda: [f"EX{next(uniq):08d}", first_ticket[0], rng.choice(bad_ts), "agent", "message",
                 "A01", "60"],
        lambda: [f"EX{next(uniq):08d}", first_ticket[0], "2026-10-30T00:00:00Z", "agent",
                 "message", "A01", rng.choice(["n/a", "1m"])],
        lambda: [f"EX{next(uniq):08d}", first_ticket[0], "2026-10-30T00:00:00Z", "bot", "message",
                 None, None],
        lambda: [f"EX{next(uniq):08d}", first_ticket[0], "2026-10-30T00:00:00Z", "agent",
                 "escalated", "A01", None],
        lambda: [f"EX{next(uniq):08d}", "T99999999", "2026-10-30T00:00:00Z", "agent", "message",
                 "A01", "60"],
        lambda: [f"EX{next(uniq):08d}", first_ticket[0], "2020-01-01T00:00:00Z", "agent",
                 "message", "A01", "60"],
    ])
    add("raw_holidays", ["2025-12-25", "Christmas Day"], sample=False)  # duplicate_row


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--format", choices=["csv", "parquet"], default="csv")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "seeds", "raw"))
    parser.add_argument("--bad-share", type=float, default=0.01)
    args = parser.parse_args(argv)
    counts = generate(Path(args.out), args.customers, args.seed, args.format, args.bad_share)
    for table, n in counts.items():
        print(f"{table}: {n} rows")


if __name__ == "__main__":
    main()
