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

    dbt build --vars '{raw_source: zendesk, zendesk_schema: zendesk, raw_schema: raw}'

builds the project on it. The tickets walk Zendesk's statuses as an agent
desk does: replies with and without a status change in the same update,
internal notes, pending periods the requester ends by replying (or an agent
ends by hand), hold, solves, reopens by a requester's reply, solved tickets
set back to pending, closes after solves, merges (closed without a solve),
deleted tickets, tickets opened by an agent (first comment by the agent),
automatic replies of triggers (user -1), tickets still open, at any hour
and on any day. The same seed and arguments give the same files (Python's
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
}
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
        desk = _Desk(rng, w, agents, until)
        for ticket_id in range(1, tickets + 1):
            created = begin + dt.timedelta(seconds=rng.randrange(days * 86400))
            requester = rng.choice(requesters)
            status = desk.ticket(ticket_id, requester, created)
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
    `zendesk_schema`, the raw tables of `folder`/raw/ as text into
    `raw_schema`."""
    import duckdb

    from cx_tools.sql import sql_string

    folder = Path(folder)
    with duckdb.connect(str(db_path), config=config or {}) as con:
        for schema in (zendesk_schema, raw_schema):
            con.execute(f'create schema if not exists "{schema}"')
        for table in ZENDESK_TABLES:
            con.execute(f'create or replace table "{zendesk_schema}"."{table}" as '
                        f"select * from read_csv({sql_string(folder / f'{table}.csv')}, "
                        "header = true)")
        for table in RAW_TABLES:
            con.execute(f'create or replace table "{raw_schema}"."{table}" as '
                        f"select * from read_csv({sql_string(folder / 'raw' / f'{table}.csv')}, "
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
