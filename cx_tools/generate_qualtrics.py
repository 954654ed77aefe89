"""Deterministic generator of Qualtrics data as Fivetran's connector lands it.

    python -m cx_tools.generate_qualtrics --responses 3000 --out /tmp/qualtrics
    python -m cx_tools.generate_qualtrics --load /tmp/qualtrics --db cx_metrics.duckdb

writes, in `--out`, the Fivetran tables the Qualtrics adapter reads
(models/staging/qualtrics/): `survey.csv`, `question.csv`,
`question_option.csv`, `survey_response.csv`, `question_response.csv`,
`survey_embedded_data.csv`, `distribution.csv`, `distribution_contact.csv`,
`directory_contact.csv`, for the surveys of the example question map
(seeds/qualtrics/qualtrics_question_map.csv) plus one survey the map does
not name; and in `--out`/raw/ the raw tables the adapter does not map
(`raw_customers.csv`, whose ids and e-mails some contacts carry, a few
orders and tickets, `raw_holidays.csv`). `--load` puts such a folder into a
DuckDB file: the Qualtrics tables typed as DuckDB reads them (status and
option keys as integers, timestamps as timestamps) in schema `qualtrics`,
the raw tables as text in schema `raw`; then

    dbt build --vars '{surveys_source: qualtrics, raw_source: tables}'

builds the project on it. The data has what a Qualtrics account has:
invitations and their reminders and thank-yous, answers after a reminder
(some contacts answer twice), anonymous-link answers with embedded
touchpoint and channel, preview, test, spam and imported responses,
unfinished responses, answers to unmapped questions and surveys, NPS option
keys recoded (key 1 is 0), a "don't know" option recoded 99, a few
non-numeric slider answers, contacts identified by external reference, by
e-mail only, or not at all. The same seed and arguments give the same files
(Python's `random.Random(seed)`, rows written in generation order).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

QUALTRICS_TABLES = {
    "survey": ["id", "survey_name", "survey_status", "is_active", "last_modified",
               "_fivetran_deleted"],
    "question": ["id", "survey_id", "data_export_tag", "question_text", "question_type",
                 "selector", "_fivetran_deleted"],
    "question_option": ["key", "question_id", "survey_id", "recode_value", "text",
                        "_fivetran_deleted"],
    "survey_response": ["id", "survey_id", "status", "distribution_channel", "finished",
                        "progress", "recipient_email", "start_date", "end_date",
                        "recorded_date"],
    "question_response": ["_fivetran_id", "response_id", "question_id", "question_option_key",
                          "sub_question_key", "loop_id", "question", "value", "text"],
    "survey_embedded_data": ["import_id", "key", "response_id", "value"],
    "distribution": ["id", "parent_distribution_id", "request_type", "request_status",
                     "send_date", "survey_link_survey_id", "_fivetran_deleted"],
    "distribution_contact": ["distribution_id", "contact_id", "sent_at", "opened_at",
                             "response_id", "status"],
    "directory_contact": ["directory_id", "id", "email", "ext_ref", "first_name", "last_name",
                          "creation_date"],
}
RAW_TABLES = {
    "raw_customers": ["customer_id", "email", "signup_at", "segment", "country"],
    "raw_orders": ["order_id", "customer_id", "ordered_at", "amount", "status"],
    "raw_tickets": ["ticket_id", "customer_id", "requester_email", "channel", "priority",
                    "created_at", "subject"],
    "raw_ticket_events": ["event_id", "ticket_id", "event_at", "actor_type", "event_type",
                          "agent_id", "handle_seconds"],
    "raw_holidays": ["holiday_date", "name"],
}
NPS, SUPPORT, CHECKOUT, PULSE = ("SV_3kRelationNPS", "SV_9xSupportCSAT", "SV_5bCheckoutCES",
                                 "SV_7zUnmapped")
SURVEYS = [(NPS, "Relationship NPS"), (SUPPORT, "Support follow-up"),
           (CHECKOUT, "Checkout effort"), (PULSE, "Employee pulse")]
QUESTIONS = [
    ("QID1", NPS, "How likely are you to recommend us to a friend?", "MC", "NPS"),
    ("QID2", NPS, "What is the main reason for your score?", "TE", "ESTB"),
    ("QID3", NPS, "How did you hear about us?", "MC", "SAVR"),
    ("QID1", SUPPORT, "How satisfied are you with the support you received?", "MC", "SAVR"),
    ("QID2", SUPPORT, "How easy was it to get your issue resolved?", "MC", "SAVR"),
    ("QID3", SUPPORT, "Anything else?", "TE", "ESTB"),
    ("QID4", CHECKOUT, "How much effort did checkout take?", "Slider", "HSLIDER"),
    ("QID1", PULSE, "How is your week?", "MC", "SAVR"),
]
COMMENTS = ["Great service", "Too slow to load", "Checkout was confusing", "Friendly agent",
            "Delivery was late", "Love the product", "The app keeps crashing", ""]
TOUCHPOINTS = ["returns", "delivery", "billing"]
CHANNELS = ["app", "web", "kiosk"]
START = dt.datetime(2024, 10, 1)


def _ts(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def generate(out: Path, responses: int = 3000, seed: int = 13) -> Path:
    """Write a Qualtrics-shaped folder of about `responses` survey responses."""
    rnd = random.Random(seed)
    out = Path(out)
    (out / "raw").mkdir(parents=True, exist_ok=True)
    t = {name: [] for name in QUALTRICS_TABLES}
    raw = {name: [] for name in RAW_TABLES}
    for sid, name in SURVEYS:
        t["survey"].append([sid, name, "Active", "true", _ts(START), "false"])
    for qid, sid, text, qtype, selector in QUESTIONS:
        t["question"].append([qid, sid, "Q" + qid[3:], text, qtype, selector, "false"])
    for k in range(1, 12):  # NPS options are numbered from 1: key k is k - 1
        t["question_option"].append([k, "QID1", NPS, k - 1, k - 1, "false"])
    for k, label in ((1, "Search"), (2, "A friend"), (3, "An advert")):
        t["question_option"].append([k, "QID3", NPS, k, label, "false"])
    for k in range(1, 6):
        t["question_option"].append([k, "QID1", SUPPORT, k, f"Level {k}", "false"])
    for k in range(1, 8):
        t["question_option"].append([k, "QID2", SUPPORT, k, f"Level {k}", "false"])
    t["question_option"].append([8, "QID2", SUPPORT, 99, "Don't know", "false"])
    for k in range(1, 4):
        t["question_option"].append([k, "QID1", PULSE, k, f"Level {k}", "false"])

    # customers; contacts carry the customer id (ext_ref), only the e-mail
    # (another case), or nothing a customer has
    customers = max(40, responses // 6)
    contacts = []
    for i in range(1, customers + 1):
        cid, email = f"C{i:05d}", f"customer{i}@example.com"
        raw["raw_customers"].append([cid, email, _ts(START - dt.timedelta(days=rnd.randint(1, 400))),
                                     rnd.choice(["consumer", "smb", "enterprise"]),
                                     rnd.choice(["US", "DE", "FR", "GB"])])
        kind = rnd.random()
        if kind < 0.5:
            contacts.append((f"CID_{i:06d}", email, cid))
        elif kind < 0.85:
            contacts.append((f"CID_{i:06d}", email.upper() if i % 2 else email, ""))
        else:
            contacts.append((f"CID_{i:06d}", f"stranger{i}@example.org", ""))
        for o in range(rnd.randint(0, 2)):
            raw["raw_orders"].append([f"O{i:05d}-{o}", cid,
                                      _ts(START + dt.timedelta(days=rnd.randint(0, 150))),
                                      f"{rnd.randint(5, 300)}.{rnd.randint(0, 99):02d}",
                                      "completed"])
    for n, (cid, email, ext) in enumerate(contacts):
        t["directory_contact"].append(["POOL_1", cid, email, ext, "First", "Last",
                                       _ts(START - dt.timedelta(days=30))])
    # a few contacts of distributions are in no directory
    unknown_contacts = [f"CID_X{i:05d}" for i in range(max(3, customers // 40))]
    for i in range(1, 6):
        tid = f"T{i}"
        raw["raw_tickets"].append([tid, f"C{i:05d}", "", "email", "normal",
                                   _ts(START + dt.timedelta(days=i)), "A question"])
        raw["raw_ticket_events"].append([f"E{i}", tid, _ts(START + dt.timedelta(days=i, hours=2)),
                                         "agent", "message", "A1", "120"])
    raw["raw_holidays"].append(["2024-12-25", "Christmas"])

    counters = {"response": 0, "answer": 0}

    def response(survey_id, when, channel="email", status=0, email="", finished=1):
        counters["response"] += 1
        rid = f"R_{counters['response']:07d}"
        t["survey_response"].append([rid, survey_id, status, channel, finished,
                                     100 if finished else rnd.choice([30, 60, 80]), email,
                                     _ts(when - dt.timedelta(minutes=2)), _ts(when), _ts(when)])
        return rid

    def answer(rid, qid, key=None, value=None, text=None):
        counters["answer"] += 1
        t["question_response"].append([f"qr{counters['answer']:08d}", rid, qid,
                                       "" if key is None else key, "", "", "",
                                       "" if value is None else value, text or ""])

    def answer_survey(rid, survey_id):
        if survey_id == NPS:
            key = rnd.choices(range(1, 12), weights=[1, 1, 1, 1, 1, 2, 2, 3, 4, 5, 5])[0]
            answer(rid, "QID1", key, key, str(key - 1))
            comment = rnd.choice(COMMENTS)
            if comment:
                answer(rid, "QID2", text=comment)
            if rnd.random() < 0.5:
                k = rnd.randint(1, 3)
                answer(rid, "QID3", k, k, "option")
        elif survey_id == SUPPORT:
            k = rnd.randint(1, 5)
            answer(rid, "QID1", k, k, f"Level {k}")
            if rnd.random() < 0.9:
                k = 8 if rnd.random() < 0.01 else rnd.randint(1, 7)
                answer(rid, "QID2", k, k, f"Level {k}")
            if rnd.random() < 0.4:
                answer(rid, "QID3", text=rnd.choice(COMMENTS[:-1]))
        elif survey_id == CHECKOUT:
            v = "a lot" if rnd.random() < 0.02 else str(rnd.randint(1, 5))
            answer(rid, "QID4", value=v, text=v)
        else:
            k = rnd.randint(1, 3)
            answer(rid, "QID1", k, k, f"Level {k}")

    # invitation distributions each month, with a reminder (and for support
    # a thank-you) to part of them
    dist_n = 0
    target = responses
    month = 0
    while counters["response"] < target:
        for survey_id in (NPS, SUPPORT, PULSE):
            if counters["response"] >= target:
                break
            dist_n += 1
            sent = START + dt.timedelta(days=30 * month + rnd.randint(0, 5), hours=9)
            inv = f"EMD_{dist_n:05d}"
            kind = "GeneratedInvite" if survey_id == SUPPORT else "Invite"
            t["distribution"].append([inv, "", kind, "Done", _ts(sent), survey_id, "false"])
            rem = f"EMD_{dist_n:05d}R"
            reminder_sent = sent + dt.timedelta(days=4)
            t["distribution"].append([rem, inv, "Reminder", "Done", _ts(reminder_sent),
                                      survey_id, "false"])
            if survey_id == SUPPORT:
                t["distribution"].append([f"EMD_{dist_n:05d}T", inv, "ThankYou", "Done",
                                          _ts(sent + dt.timedelta(days=6)), survey_id, "false"])
            invited = rnd.sample(contacts, min(len(contacts), 60))
            invited = [c[0] for c in invited] + rnd.sample(unknown_contacts, 1)
            email_of = {c[0]: c[1] for c in contacts}
            for contact in invited:
                fate = rnd.random()
                rid = ""
                if fate < 0.45:  # answers the invitation
                    rid = response(survey_id, sent + dt.timedelta(hours=rnd.randint(1, 70)),
                                   email=email_of.get(contact, f"{contact.lower()}@example.net"))
                    answer_survey(rid, survey_id)
                t["distribution_contact"].append([inv, contact, _ts(sent), "", rid,
                                                  "SurveyFinished" if rid else "Success"])
                if fate >= 0.45 or fate < 0.015:  # reminded (some answered already)
                    rrid = ""
                    if fate < 0.015 or fate > 0.8:  # answers after the reminder
                        rrid = response(survey_id, reminder_sent
                                        + dt.timedelta(hours=rnd.randint(1, 48)),
                                        email=email_of.get(contact, ""))
                        answer_survey(rrid, survey_id)
                    t["distribution_contact"].append([rem, contact, _ts(reminder_sent), "",
                                                      rrid,
                                                      "SurveyFinished" if rrid else "Success"])
        # anonymous links: support with embedded touchpoint, checkout with
        # embedded channel; and the responses the adapter leaves out
        for _ in range(40):
            day = START + dt.timedelta(days=30 * month + rnd.randint(0, 29),
                                       minutes=rnd.randint(0, 1439))
            survey_id = rnd.choice([SUPPORT, CHECKOUT, NPS])
            roll = rnd.random()
            if roll < 0.04:
                rid = response(survey_id, day, channel="preview", status=1)
            elif roll < 0.07:
                rid = response(survey_id, day, channel="test", status=2)
            elif roll < 0.10:
                rid = response(survey_id, day, channel="anonymous", status=8)
            elif roll < 0.14:
                c = rnd.choice(contacts)
                rid = response(survey_id, day, channel="imported", status=4, email=c[1])
            else:
                rid = response(survey_id, day, channel="gl" if survey_id != NPS else "anonymous",
                               finished=0 if rnd.random() < 0.1 else 1)
            answer_survey(rid, survey_id)
            if survey_id == SUPPORT and rnd.random() < 0.8:
                t["survey_embedded_data"].append(["touchpoint", "touchpoint", rid,
                                                  rnd.choice(TOUCHPOINTS)])
            if survey_id == CHECKOUT and rnd.random() < 0.8:
                t["survey_embedded_data"].append(["channel", "channel", rid,
                                                  rnd.choice(CHANNELS)])
        month += 1
    # an answer whose response Fivetran has not synced
    answer("R_unsynced", "QID1", 5, 5, "4")
    for name, columns in QUALTRICS_TABLES.items():
        _write(out / f"{name}.csv", columns, t[name])
    for name, columns in RAW_TABLES.items():
        _write(out / "raw" / f"{name}.csv", columns, raw[name])
    return out


def _write(path: Path, columns: list[str], rows: list[list]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(columns)
        w.writerows(rows)


def load_duckdb(db_path, folder, qualtrics_schema: str = "qualtrics", raw_schema: str = "raw",
                config: dict | None = None) -> None:
    """Load a Qualtrics-shaped folder into a DuckDB file: the Qualtrics
    tables typed as DuckDB's CSV reader detects them into `qualtrics_schema`,
    the raw tables of `folder`/raw/ (every raw_*.csv) as text into
    `raw_schema`."""
    import duckdb

    from cx_tools.sql import sql_string

    folder = Path(folder)
    with duckdb.connect(str(db_path), config=config or {}) as con:
        for schema in (qualtrics_schema, raw_schema):
            con.execute(f'create schema if not exists "{schema}"')
        for table in QUALTRICS_TABLES:
            con.execute(f'create or replace table "{qualtrics_schema}"."{table}" as '
                        f"select * from read_csv({sql_string(folder / f'{table}.csv')}, "
                        "header = true)")
        for path in sorted((folder / "raw").glob("raw_*.csv")):
            con.execute(f'create or replace table "{raw_schema}"."{path.stem}" as '
                        f"select * from read_csv({sql_string(path)}, "
                        "header = true, all_varchar = true)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder to write")
    parser.add_argument("--responses", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--load", type=Path, help="a generated folder to load into --db")
    parser.add_argument("--db", type=Path, default=Path("cx_metrics.duckdb"))
    args = parser.parse_args(argv)
    if args.out:
        generate(args.out, args.responses, args.seed)
        print(f"wrote about {args.responses} Qualtrics responses to {args.out}")
    if args.load:
        load_duckdb(args.db, args.load)
        print(f"loaded {args.load} into {args.db}")
    if not (args.out or args.load):
        parser.error("give --out and/or --load")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
