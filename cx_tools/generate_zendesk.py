"""Deterministic generator of Zendesk Support data as Fivetran's connector lands it.

    python -m cx_tools.generate_zendesk --tickets 5000 --out /tmp/zendesk
    python -m cx_tools.generate_zendesk --load /tmp/zendesk --db cx_metrics.duckdb

writes, in `--out`, the Fivetran tables the Zendesk adapter reads
(models/staging/zendesk/): `ticket.csv`, `user.csv`, `ticket_comment.csv`,
`ticket_field_history.csv`, and in `--out`/raw/ the raw tables the adapter
does not map (`raw_customers.csv` whose e-mails match some requesters, a
little of orders and surveys, `raw_holidays.csv`). `--load` puts such a
folder into a DuckDB file: the Zendesk tables typed as DuckDB reads them
(ids as integers, `public` as boolean, timestamps as timestamps) in schema
`zendesk`, the raw tables as text in schema `raw`; then

    dbt build --vars '{tickets_source: zendesk, raw_source: tables, raw_schema: raw}'

builds the project on it. The tickets walk Zendesk's statuses as an agent
desk does: replies with and without a status change in the same update,
internal notes, pending periods the requester ends by replying (or an agent
ends by hand), holds (some an agent ends by hand), solves, reopens by a requester's reply, solved tickets
set back to pending, closes after solves, merges (closed without a solve),
deleted tickets, tickets opened by an agent (first comment by the agent,
answered at the agent's next public comment),
automatic replies of triggers (user -1), tickets still open, at any hour
and on any day. Zendesk's schedule tables too: `schedule.csv` (five
schedules in Rails time zones: Berlin, Eastern and Pacific Time, UTC,
Sydney; a split day, a night shift crossing midnight, 24/7 as one interval
of the week, a removed interval), `schedule_holiday.csv` (one removed) and
`ticket_schedule.csv` (tickets put on a schedule at creation, some moving
later, some hours around a daylight-saving change). The same seed and arguments give the same files (Python's
`random.Random(seed)`, rows written in generation order).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

ZENDESK_TABLES = {
    "ticket": ["id", "requester_id", "submitter_id", "created_at", "priority", "via_channel",
               "status", "subject", "_fivetran_synced"],
    "user": ["id", "name", "email", "role", "_fivetran_synced"],
    "ticket_comment": ["id", "ticket_id", "user_id", "public", "created", "body"],
    "ticket_field_history": ["ticket_id", "field_name", "value", "updated", "user_id"],
    "schedule": ["id", "name", "time_zone", "start_time", "end_time", "created_at",
                 "_fivetran_deleted"],
    "schedule_holiday": ["id", "schedule_id", "name", "start_date", "end_date",
                         "_fivetran_deleted"],
    "ticket_schedule": ["ticket_id", "schedule_id", "created_at"],
}
OPTIONAL_ZENDESK_TABLES = {"schedule", "schedule_holiday", "ticket_schedule"}
DAY = 1440  # minutes; Zendesk's schedule minutes count from Sunday 00:00
# (id, name, Zendesk time zone, weekly intervals as (day 0 = Sunday, start
# HH, start MM, minutes long)): office hours in three zones, a split day, a
# night shift crossing midnight (Zendesk's API keeps intervals within a day,
# the adapter cuts any that is not), and 24/7 as one interval of the week
SCHEDULES = [
    (1, "Berlin office", "Berlin", [(d, 8, 0, 9 * 60) for d in range(1, 6)]),
    (2, "US support", "Eastern Time (US & Canada)",
     [(d, h, 0, 3 * 60 + 5 * 60 * (h == 13)) for d in range(1, 6) for h in (9, 13)]),
    (3, "Night shift", "Pacific Time (US & Canada)",
     [(d, 22, 0, 8 * 60) for d in range(1, 5)] + [(6, 20, 30, 210)]),
    (4, "Around the clock", "UTC", [(0, 0, 0, 7 * DAY)]),
    (5, "Sydney", "Sydney", [(d, 9, 0, 8 * 60) for d in range(1, 6)]),
]
# removed in Zendesk: Fivetran keeps the rows, flagged _fivetran_deleted
DELETED_INTERVALS = [(1, "Berlin office", "Berlin", 6, 10, 0, 120)]
HOLIDAYS = [(1, 1, "Easter", "2025-04-18", "2025-04-21", "false"),
            (2, 2, "Memorial Day", "2025-05-26", "2025-05-26", "false"),
            (3, 5, "Australia Day", "2025-01-27", "2025-01-27", "false"),
            (4, 1, "Removed", "2025-03-03", "2025-03-03", "true")]
# daylight-saving changes (UTC) of the schedules' zones in the generated period
DST_CHANGES = [dt.datetime(2025, 3, 9, 7), dt.datetime(2025, 3, 30, 1),
               dt.datetime(2025, 4, 5, 16)]
RAW_TABLES = {
    "raw_customers": ["customer_id", "email", "signup_at", "segment", "country"],
    "raw_orders": ["order_id", "customer_id", "ordered_at", "amount", "status"],
    "raw_survey_questions": ["question_id", "metric", "question_text", "scale_min",
                             "scale_max", "higher_is_better"],
    "raw_survey_invitations": ["invitation_id", "customer_id", "question_id", "touchpoint",
                               "channel", "sent_at", "ticket_id", "order_id"],
    "raw_survey_responses": ["response_id", "invitation_id", "question_id", "customer_id",
                             "customer_email", "touchpoint", "channel", "responded_at",
                             "score", "comment"],
    "raw_holidays": ["holiday_date", "name"],
}
SYSTEM_USER = -1
CHANNELS = ["email", "web", "chat", "voice", "api", "mobile"]
PRIORITIES = ["low", "normal", "normal", "high", "urgent", None]
SUBJECTS = ["Where is my order?", "Refund request", "Cannot log in", "Broken item",
            "Invoice copy", "Change my address", "Cancel my subscription"]


def _ts(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S")


class _Desk:
    """One ticket's life, written as Zendesk rows."""

    def __init__(self, rng: random.Random, out: dict, agents: list[int], until: dt.datetime):
        self.rng, self.out, self.agents, self.until = rng, out, agents, until
        self.comment_id = 0

    def comment(self, ticket, user, public, at, body):
        self.comment_id += 1
        self.out["ticket_comment"].writerow(
            [self.comment_id, ticket, user, "true" if public else "false", _ts(at), body])

    def status(self, ticket, value, at, user):
        self.out["ticket_field_history"].writerow([ticket, "status", value, _ts(at), user])

    def gap(self, hours: float) -> dt.timedelta:
        # exponential waits, whole seconds: minutes to days
        return dt.timedelta(seconds=int(self.rng.expovariate(1.0 / (hours * 3600))) + 1)

    def ticket(self, ticket_id: int, requester: int, created: dt.datetime) -> str:
        rng, agent = self.rng, self.rng.choice(self.agents)
        if rng.random() < 0.1:  # opened by an agent (a call, an outbound e-mail)
            self.comment(ticket_id, agent, True, created, "Logged for the customer.")
            self.status(ticket_id, "open", created, agent)
            status = "open"
        else:
            self.comment(ticket_id, requester, True, created, "My request.")
            self.status(ticket_id, "new", created, requester)
            status = "new"
        if rng.random() < 0.1:  # a trigger's automatic reply
            self.comment(ticket_id, SYSTEM_USER, True, created + dt.timedelta(seconds=5),
                         "We received your request.")
        if rng.random() < 0.05:  # another field changes too
            self.out["ticket_field_history"].writerow(
                [ticket_id, "priority", "high", _ts(created), requester])
        t = created
        for _ in range(rng.randint(1, 9)):
            t += self.gap(rng.choice([0.5, 4, 30]))
            if t >= self.until:
                break
            r = rng.random()
            if status in ("new", "open", "hold"):
                if r < 0.12:
                    self.comment(ticket_id, agent, False, t, "Internal note.")
                elif r < 0.16 and status != "hold":  # merged into another ticket
                    self.comment(ticket_id, agent, False, t, "Closed and merged.")
                    self.status(ticket_id, "closed", t, agent)
                    return "closed"
                elif r < 0.28 and status == "hold":  # the third party answered:
                    self.status(ticket_id, "open", t, agent)  # open by hand, no comment
                    status = "open"
                else:
                    new = rng.choice(["pending", "pending", "solved", "solved", "hold", None])
                    self.comment(ticket_id, agent, True, t, "A reply.")
                    if new is not None and new != status:
                        self.status(ticket_id, new, t, agent)
                        status = new
                    elif status == "new":
                        self.status(ticket_id, "open", t, agent)
                        status = "open"
            elif status == "pending":
                if r < 0.65:  # the requester replies: Zendesk sets it open
                    self.comment(ticket_id, requester, True, t, "My answer.")
                    self.status(ticket_id, "open", t, requester)
                    status = "open"
                elif r < 0.8:  # an agent sets it open by hand, no comment
                    self.status(ticket_id, "open", t, agent)
                    status = "open"
                else:  # no answer: solved
                    self.status(ticket_id, "solved", t, SYSTEM_USER)
                    status = "solved"
            elif status == "solved":
                if r < 0.25:  # the requester replies: reopened
                    self.comment(ticket_id, requester, True, t, "Still not working.")
                    self.status(ticket_id, "open", t, requester)
                    status = "open"
                elif r < 0.32:  # an agent sets it back to pending
                    self.comment(ticket_id, agent, True, t, "One more question.")
                    self.status(ticket_id, "pending", t, agent)
                    status = "pending"
                elif r < 0.34:  # or on hold
                    self.status(ticket_id, "hold", t, agent)
                    status = "hold"
                else:  # closed by the automation days later
                    self.status(ticket_id, "closed", t + dt.timedelta(days=4), SYSTEM_USER)
                    return "closed"
        return status


def _write_schedules(w, synced: str) -> None:
    rows = [(sid, name, zone, d, hh, mm, length, "false")
            for sid, name, zone, intervals in SCHEDULES for d, hh, mm, length in intervals]
    rows += [(*r, "true") for r in DELETED_INTERVALS]
    for sid, name, zone, d, hh, mm, length, deleted in rows:
        start = d * DAY + hh * 60 + mm
        w["schedule"].writerow([sid, name, zone, start, start + length, synced, deleted])
    for row in HOLIDAYS:
        w["schedule_holiday"].writerow(row)


def _assign_schedules(rng: random.Random, w, ticket_id: int, created: dt.datetime,
                      until: dt.datetime) -> None:
    """ticket_schedule rows of a ticket: most are put on a schedule at
    creation (as Zendesk does), some move later (to another group's
    schedule), some across a daylight-saving change, a few only after
    creation (the default schedule before)."""
    if rng.random() < 0.2:
        return
    ids = [s[0] for s in SCHEDULES]
    at = created if rng.random() < 0.9 else created + dt.timedelta(seconds=rng.randint(1, 86400))
    rows = [(at, rng.choice(ids))]
    if rng.random() < 0.3:  # moves mid-life, once or twice
        for _ in range(rng.randint(1, 2)):
            rows.append((rows[-1][0] + dt.timedelta(seconds=rng.randint(60, 5 * 86400)),
                         rng.choice(ids)))
    near = [c for c in DST_CHANGES if created < c < created + dt.timedelta(days=10)]
    if near and rng.random() < 0.6:  # a move hours around a DST change
        rows.append((near[0] + dt.timedelta(minutes=rng.randint(-180, 180)), rng.choice(ids)))
    for at, sid in sorted({a: s for a, s in rows if a < until}.items()):
        w["ticket_schedule"].writerow([ticket_id, sid, _ts(at)])


def generate(out: Path, tickets: int = 2000, seed: int = 13,
             start: dt.date = dt.date(2025, 1, 1), days: int = 180) -> Path:
    """Write a Zendesk-shaped folder (and its raw/ subfolder) to `out`."""
    rng = random.Random(seed)
    out = Path(out)
    (out / "raw").mkdir(parents=True, exist_ok=True)
    begin = dt.datetime.combine(start, dt.time())
    until = begin + dt.timedelta(days=days)
    synced = _ts(until)
    files = {t: open(out / f"{t}.csv", "w", newline="", encoding="utf-8")
             for t in ZENDESK_TABLES}
    files.update({t: open(out / "raw" / f"{t}.csv", "w", newline="", encoding="utf-8")
                  for t in RAW_TABLES})
    try:
        w = {t: csv.writer(f, lineterminator="\n") for t, f in files.items()}
        for t, columns in {**ZENDESK_TABLES, **RAW_TABLES}.items():
            w[t].writerow(columns)
        agents = list(range(1, max(3, tickets // 300) + 1))
        for a in agents:
            role = "admin" if a == 1 else "agent"
            w["user"].writerow([a, f"Agent {a}", f"agent{a}@support.example", role, synced])
        requesters = list(range(10001, 10001 + max(5, tickets // 3)))
        customer = 0
        for u in requesters:
            email = None if rng.random() < 0.05 else f"user{u}@example.com"
            shown = email if email is None or rng.random() < 0.8 else email.upper()
            w["user"].writerow([u, f"User {u}", shown, "end-user", synced])
            if email is not None and rng.random() < 0.7:  # also a customer record
                customer += 1
                signup = begin - dt.timedelta(days=rng.randint(1, 400))
                w["raw_customers"].writerow(
                    [f"C{customer}", email if rng.random() < 0.9 else f" {email.title()} ",
                     _ts(signup), rng.choice(["consumer", "smb", "enterprise"]),
                     rng.choice(["DE", "FR", "US"])])
                if rng.random() < 0.5:
                    w["raw_orders"].writerow(
                        [f"O{customer}", f"C{customer}",
                         _ts(begin + dt.timedelta(days=rng.randint(0, days - 1))),
                         f"{rng.randint(5, 200)}.00", "completed"])
        w["raw_survey_questions"].writerow(["Q1", "csat", "Satisfied?", 1, 5, "true"])
        w["raw_survey_invitations"].writerow(
            ["I1", "C1", "Q1", "support", "email", _ts(begin), "1", None])
        w["raw_survey_responses"].writerow(
            ["R1", "I1", "Q1", None, None, "support", "email",
             _ts(begin + dt.timedelta(hours=1)), 4, None])
        for d in sorted(rng.sample(range(days), max(1, days // 40))):
            w["raw_holidays"].writerow([(start + dt.timedelta(days=d)).isoformat(), "Holiday"])
        _write_schedules(w, synced)
        # the schedule assignments draw from a random stream of their own,
        # so the tickets are the same with or without them
        srng = random.Random(seed * 7919 + 1)
        desk = _Desk(rng, w, agents, until)
        for ticket_id in range(1, tickets + 1):
            created = begin + dt.timedelta(seconds=rng.randrange(days * 86400))
            requester = rng.choice(requesters)
            status = desk.ticket(ticket_id, requester, created)
            _assign_schedules(srng, w, ticket_id, created, until)
            if rng.random() < 0.02:  # deleted later
                desk.status(ticket_id, "deleted", min(until, created + dt.timedelta(days=1)),
                            rng.choice(agents))
                status = "deleted"
            w["ticket"].writerow(
                [ticket_id, requester, requester, _ts(created), rng.choice(PRIORITIES),
                 rng.choice(CHANNELS), status, rng.choice(SUBJECTS), synced])
    finally:
        for f in files.values():
            f.close()
    return out


def load_duckdb(db_path, folder, zendesk_schema: str = "zendesk", raw_schema: str = "raw",
                config: dict | None = None) -> None:
    """Load a Zendesk-shaped folder into a DuckDB file: the Zendesk tables
    typed as DuckDB's CSV reader detects them (as Fivetran types them: ids as
    integers, `public` as boolean, timestamps as timestamps) into
    `zendesk_schema`, the raw tables of `folder`/raw/ (every raw_*.csv) as
    text into `raw_schema`. The Zendesk schedule tables are optional: a
    folder without schedule.csv, schedule_holiday.csv or ticket_schedule.csv
    has no such table, as a Zendesk account whose connector does not sync
    it."""
    import duckdb

    from cx_tools.sql import sql_string

    folder = Path(folder)
    with duckdb.connect(str(db_path), config=config or {}) as con:
        for schema in (zendesk_schema, raw_schema):
            con.execute(f'create schema if not exists "{schema}"')
        for table in ZENDESK_TABLES:
            if table in OPTIONAL_ZENDESK_TABLES and not (folder / f"{table}.csv").exists():
                continue
            con.execute(f'create or replace table "{zendesk_schema}"."{table}" as '
                        f"select * from read_csv({sql_string(folder / f'{table}.csv')}, "
                        "header = true)")
        for path in sorted((folder / "raw").glob("raw_*.csv")):
            con.execute(f'create or replace table "{raw_schema}"."{path.stem}" as '
                        f"select * from read_csv({sql_string(path)}, "
                        "header = true, all_varchar = true)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder to write")
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--load", type=Path, help="a generated folder to load into --db")
    parser.add_argument("--db", type=Path, default=Path("cx_metrics.duckdb"))
    args = parser.parse_args(argv)
    if args.out:
        generate(args.out, args.tickets, args.seed)
        print(f"wrote {args.tickets} Zendesk tickets to {args.out}")
    if args.load:
        load_duckdb(args.db, args.load)
        print(f"loaded {args.load} into {args.db} (schemas zendesk, raw)")
    if not (args.out or args.load):
        parser.error("give --out and/or --load")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
