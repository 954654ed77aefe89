"""Foundation: every raw row is staged or rejected with the right reason."""

from __future__ import annotations

import collections
import datetime as dt
from decimal import Decimal

import pytest

from conftest import ROOT, Workspace, run_dbt
from oracle.raw_contract import TABLES, RawContract
from rawkit import good_rows, write_raw

STAGED_MODELS = {
    "raw_customers": ("staging.stg_crm__customers", "customer_id"),
    "raw_orders": ("staging.stg_crm__orders", "order_id"),
    "raw_survey_questions": ("staging.stg_surveys__questions", "question_id"),
    "raw_survey_invitations": ("staging.stg_surveys__invitations", "invitation_id"),
    "raw_survey_responses": ("staging.stg_surveys__responses", "response_id"),
    "raw_tickets": ("staging.stg_helpdesk__tickets", "ticket_id"),
    "raw_ticket_events": ("staging.stg_helpdesk__ticket_events", "event_id"),
    "raw_holidays": ("staging.stg_helpdesk__holidays", "holiday_date"),
    # a staged row of raw_schedules is an interval of a schedule
    "raw_schedules": ("staging.stg_helpdesk__schedule_intervals", "schedule_id"),
    "raw_schedule_holidays": ("staging.stg_helpdesk__schedule_holidays", "schedule_id"),
    "raw_ticket_schedules": ("staging.stg_helpdesk__ticket_schedules", "ticket_id"),
}


def test_every_raw_row_is_accounted_for(bundled_build, bundled_contract):
    counts = {r["source_table"]: r for r in bundled_build.frame("select * from audit.audit_row_counts")}
    assert set(counts) == {t for t, _ in TABLES}
    for table, _ in TABLES:
        row = counts[table]
        assert row["raw_rows"] == len(bundled_contract.raw[table]), table
        assert row["staged_rows"] == len(bundled_contract.staged[table]), table
        assert row["rejected_rows"] == len(bundled_contract.rejected[table]), table
        assert row["raw_rows"] == row["staged_rows"] + row["rejected_rows"], table
        assert row["is_reconciled"] is True


def test_rejections_match_the_independent_reading(bundled_build, bundled_contract):
    got = collections.Counter(
        (t, k, r) for t, k, r in bundled_build.query(
            "select source_table, source_key, reason from audit.audit_rejected_rows"))
    want = collections.Counter(
        (t, k, r) for t, rows in bundled_contract.rejected.items() for k, r in rows)
    assert got == want


def test_bundled_data_covers_every_reason(bundled_build):
    reasons = {r for (r,) in bundled_build.query(
        "select distinct reason from audit.audit_rejected_rows")}
    assert reasons == {
        "missing_key", "duplicate_row", "conflicting_key", "bad_timestamp", "bad_number",
        "unknown_value", "bad_interval", "unsupported_scale", "unknown_question",
        "score_not_integer", "score_out_of_scale", "unknown_customer", "unknown_ticket",
        "unknown_schedule", "event_before_ticket", "negative_amount", "superseded"}


def test_bundled_data_has_rows_that_break_two_rules(bundled_build, bundled_contract):
    """The generator's bad rows include rows with two faults (issue 25), and
    the build gives each the first reason of its table's order: rows found
    here from their raw values, each fault checked on its own."""
    from oracle.raw_contract import clean, parse_decimal, parse_ts

    c = bundled_contract
    questions = {q["question_id"]: q for q in c.staged["raw_survey_questions"]}
    customers = {r["customer_id"] for r in c.staged["raw_customers"]}
    tickets = {t["ticket_id"]: t["created_at"] for t in c.staged["raw_tickets"]}

    def implausible(text):
        return c.implausible(parse_ts(text))

    def not_integer_off_scale(r):
        s, q = parse_decimal(r["score"]), questions.get(clean(r["question_id"]))
        return q and s is not None and s != int(s) and not q["scale_min"] <= s <= q["scale_max"]

    def unknown_question_not_integer(r):
        s = parse_decimal(r["score"])
        return clean(r["question_id"]) not in questions and (s is None or s != int(s))

    def unknown_customer_negative(r):
        a = parse_decimal(r["amount"])
        return clean(r["customer_id"]) not in customers and a is not None and a < 0

    def old_and_before_ticket(r):
        at, created = parse_ts(r["event_at"]), tickets.get(clean(r["ticket_id"]))
        return implausible(r["event_at"]) and at and created and at < created

    def bad_handle_before_ticket(r):
        at, created = parse_ts(r["event_at"]), tickets.get(clean(r["ticket_id"]))
        return (parse_decimal(r["handle_seconds"]) is None and clean(r["handle_seconds"])
                and at and created and not implausible(r["event_at"]) and at < created)

    pairs = [
        ("raw_survey_responses", not_integer_off_scale, "score_not_integer"),
        ("raw_survey_responses", unknown_question_not_integer, "unknown_question"),
        ("raw_orders", unknown_customer_negative, "unknown_customer"),
        ("raw_orders", lambda r: implausible(r["ordered_at"])
         and clean(r["status"]) not in ("completed", "cancelled", "refunded"), "bad_timestamp"),
        ("raw_survey_invitations", lambda r: implausible(r["sent_at"])
         and clean(r["question_id"]) not in questions, "bad_timestamp"),
        ("raw_ticket_events", old_and_before_ticket, "bad_timestamp"),
        ("raw_ticket_events", bad_handle_before_ticket, "bad_number"),
        ("raw_ticket_events", lambda r: clean(r["ticket_id"]) not in tickets
         and clean(r["event_type"]) == "escalated", "unknown_value"),
    ]
    key_columns = dict(TABLES)
    audit = collections.defaultdict(set)
    for t, k, r in bundled_build.query(
            "select source_table, source_key, reason from audit.audit_rejected_rows"):
        audit[(t, k)].add(r)
    for table, breaks_both, reason in pairs:
        keys = {clean(r[key_columns[table]]) for r in c.raw[table] if breaks_both(r)}
        assert keys, (table, breaks_both.__name__, "no such row in the bundled data")
        assert {k: audit[(table, k)] for k in keys} == {k: {reason} for k in keys}, \
            (table, reason)
    # identical customer rows with a bad timestamp: one is the duplicate,
    # the one kept has the bad timestamp
    twice = collections.Counter(clean(r["customer_id"]) for r in c.raw["raw_customers"]
                                if implausible(r["signup_at"]) and clean(r["customer_id"]))
    twice = {k for k, n in twice.items() if n == 2}
    assert twice and all(audit[("raw_customers", k)] == {"duplicate_row", "bad_timestamp"}
                         for k in twice)


@pytest.mark.parametrize("table", [t for t, _ in TABLES])
def test_staged_values_match_the_independent_reading(bundled_build, bundled_contract, table):
    model, _ = STAGED_MODELS[table]
    got = bundled_build.frame(f"select * from {model}")
    want = bundled_contract.staged[table]
    if not want:  # an optional table the bundled data leaves empty
        assert got == []
        return
    columns = sorted(got[0])
    assert set(columns) <= set(want[0]), \
        f"staged columns the oracle does not compute: {set(columns) - set(want[0])}"

    def norm(v):
        return float(v) if hasattr(v, "as_tuple") else v
    got_rows = collections.Counter(tuple(norm(r[c]) for c in columns) for r in got)
    want_rows = collections.Counter(tuple(norm(r[c]) for c in columns) for r in want)
    assert got_rows == want_rows


def test_bundled_build_passes_with_warnings_only(bundled_build):
    statuses = bundled_build.statuses()
    assert statuses["has_no_rejected_rows_audit_row_counts_"] == "warn"
    assert not [n for n, s in statuses.items() if s in ("error", "fail")]


# --- crafted raw folders, one per rejection reason -------------------------

def _bad(reason):
    """(table, rows to add or replace, key of the bad row) for a reason."""
    c = {"customer_id": "CB", "email": "x@example.com", "signup_at": "2025-01-01T00:00:00Z",
         "segment": "smb", "country": "DE"}
    o = {"order_id": "OB", "customer_id": "C1", "ordered_at": "2025-01-10T00:00:00Z",
         "amount": "5.00", "status": "completed"}
    q = {"question_id": "QB", "metric": "csat", "question_text": "?", "scale_min": "1",
         "scale_max": "5", "higher_is_better": "true"}
    r = {"response_id": "RB", "question_id": "Q2", "touchpoint": "website", "channel": "web",
         "responded_at": "2025-03-01T00:00:00Z", "score": "3"}
    e = {"event_id": "EB", "ticket_id": "T1", "event_at": "2025-01-12T12:00:00Z",
         "actor_type": "agent", "event_type": "message", "agent_id": "A1"}
    i = {"invitation_id": "IB", "customer_id": "C1", "question_id": "Q1", "touchpoint": "x",
         "channel": "email", "sent_at": "2025-01-11T00:00:00Z"}
    return {
        "missing_key": ("raw_customers", [dict(c, customer_id="  ")], None),
        "duplicate_row": ("raw_orders", [o, dict(o)], "OB"),
        "conflicting_key": ("raw_tickets",
                            [{"ticket_id": "TB", "created_at": "2025-01-01T00:00:00Z",
                              "subject": "a"},
                             {"ticket_id": "TB", "created_at": "2025-01-01T00:00:00Z",
                              "subject": "b"}], "TB"),
        "bad_timestamp": ("raw_survey_invitations", [dict(i, sent_at="2025-02-30T10:00:00Z")],
                          "IB"),
        "bad_number": ("raw_ticket_events", [dict(e, handle_seconds="n/a")], "EB"),
        "unknown_value": ("raw_orders", [dict(o, status="shipped")], "OB"),
        "unsupported_scale": ("raw_survey_questions", [dict(q, scale_max="10")], "QB"),
        "unknown_question": ("raw_survey_responses", [dict(r, question_id="Q404")], "RB"),
        "score_not_integer": ("raw_survey_responses", [dict(r, score="3.5")], "RB"),
        "score_out_of_scale": ("raw_survey_responses", [dict(r, score="6")], "RB"),
        "unknown_customer": ("raw_orders", [dict(o, customer_id="C404")], "OB"),
        "unknown_ticket": ("raw_ticket_events", [dict(e, ticket_id="T404")], "EB"),
        "event_before_ticket": ("raw_ticket_events", [dict(e, event_at="2025-01-12T08:59:59Z")],
                                "EB"),
        "negative_amount": ("raw_orders", [dict(o, amount="-0.01")], "OB"),
        "bad_interval": ("raw_schedules",
                         [{"schedule_id": "S1", "name": "Berlin", "time_zone": "Europe/Berlin",
                           "iso_weekday": "2", "start_time": "17:00", "end_time": "09:00"}],
                         "S1|2|17:00"),
        "unknown_schedule": ("raw_ticket_schedules",
                             [{"ticket_id": "T1", "schedule_id": "S404",
                               "valid_from": "2025-01-12T09:00:00Z"}],
                             "T1|2025-01-12T09:00:00Z"),
        "superseded": ("raw_survey_responses",
                       [dict(r, response_id="RB", invitation_id="I1", question_id="Q1",
                             responded_at="2025-01-11T09:30:00Z", score="2")], "RB"),
    }[reason]


REASONS = ["missing_key", "duplicate_row", "conflicting_key", "bad_timestamp", "bad_number",
           "unknown_value", "bad_interval", "unsupported_scale", "unknown_question",
           "score_not_integer", "score_out_of_scale", "unknown_customer", "unknown_ticket",
           "unknown_schedule", "event_before_ticket", "negative_amount", "superseded"]


@pytest.fixture(scope="module")
def contract_workspace(tmp_path_factory):
    """One raw folder and warehouse path for the crafted builds of this
    module (those with the default vars and a raw folder of their own
    name): each starts from an empty warehouse, and all but the first reuse
    the first one's parse of the project (conftest.Workspace)."""
    return Workspace(tmp_path_factory.mktemp("contract"))


@pytest.mark.parametrize("reason", REASONS)
def test_each_reason_lands_in_the_audit_and_good_rows_stay(contract_workspace, reason):
    table, bad_rows, key = _bad(reason)
    data = good_rows()
    data[table] = data.get(table, []) + bad_rows
    write_raw(contract_workspace.fresh_raw(), data)
    build = contract_workspace.run(["run", "--select", "+audit_row_counts"])
    assert build.success, build.messages()
    rejected = build.query("select source_table, source_key, reason from audit.audit_rejected_rows")
    expected_rows = 2 if reason == "conflicting_key" else 1
    assert rejected == [(table, key, reason)] * expected_rows
    # the good rows beside it are staged untouched
    good = good_rows()
    for t, (model, key_col) in STAGED_MODELS.items():
        keys = sorted(str(k) for (k,) in build.query(f"select {key_col} from {model}"))
        want = sorted(str(r.get(key_col) if t != "raw_holidays" else r["holiday_date"])
                      for r in good.get(t, []))
        if reason == "duplicate_row" and t == table:
            want = sorted(want + [key])  # one of the identical rows is kept
        assert keys == want, t
    counts = build.query("select bool_and(is_reconciled) from audit.audit_row_counts")
    assert counts == [(True,)]


# Well-formed but wrong values must be rejected with the right reason, never
# kept as something else (issue: year 0 emptied the marts, 9999-12-31 moved
# as_of_date, rounding let 9.0000001 and -0.001 through).
HOSTILE = [
    ("raw_orders", "ordered_at", "0000-01-01", "bad_timestamp"),
    ("raw_orders", "ordered_at", "9999-12-31T23:59:59Z", "bad_timestamp"),
    ("raw_orders", "ordered_at", "1989-12-31T23:59:59Z", "bad_timestamp"),
    ("raw_orders", "ordered_at", "2100-01-01T00:00:00Z", "bad_timestamp"),
    ("raw_orders", "ordered_at", "2025-01-10T00:00:00+25:00", "bad_timestamp"),
    ("raw_orders", "ordered_at", "2025-01-10T00:00:00+99:99", "bad_timestamp"),
    ("raw_orders", "ordered_at", "2025-01-10T00:00:00+18:01", "bad_timestamp"),
    ("raw_orders", "ordered_at", "2025-01-10T00:00:00+0575", "bad_timestamp"),
    ("raw_orders", "amount", "-0.001", "negative_amount"),
    ("raw_orders", "amount", "-0.0000000001", "negative_amount"),
    ("raw_orders", "amount", "1e3", "bad_number"),
    ("raw_orders", "amount", "123456789012345678901", "bad_number"),
    ("raw_orders", "amount", "1.0000000000000000001", "bad_number"),
    ("raw_survey_responses", "score", "3.0000001", "score_not_integer"),
    ("raw_survey_responses", "score", "3.0000000000000000001", "score_not_integer"),
    ("raw_ticket_events", "handle_seconds", "-100", "bad_number"),
    ("raw_ticket_events", "handle_seconds", "-0.001", "bad_number"),
    # event types the contract does not list (Zendesk's spelling of on hold)
    ("raw_ticket_events", "event_type", "on-hold", "unknown_value"),
    ("raw_ticket_events", "event_type", "opened", "unknown_value"),
    ("raw_survey_invitations", "sent_at", "2200-01-01", "bad_timestamp"),
    ("raw_customers", "signup_at", "1900-01-01T00:00:00Z", "bad_timestamp"),
]


def _hostile_rows(data: dict) -> list[tuple]:
    """Each hostile value in its own row of `data` (keys H00, H01, ...), and
    the exact boundaries and legal extremes beside them (keys K0..K3).
    Returns the rejections the hostile rows must get."""
    rows = {"raw_orders": _bad("unknown_value")[1][0],
            "raw_survey_responses": _bad("score_not_integer")[1][0],
            "raw_ticket_events": _bad("bad_number")[1][0],
            "raw_survey_invitations": _bad("bad_timestamp")[1][0],
            "raw_customers": _bad("missing_key")[1][0]}
    keys = {"raw_orders": "order_id", "raw_survey_responses": "response_id",
            "raw_ticket_events": "event_id", "raw_survey_invitations": "invitation_id",
            "raw_customers": "customer_id"}
    base = {"raw_orders": {"status": "completed", "amount": "5.00"},
            "raw_survey_responses": {"score": "3"}, "raw_ticket_events": {"handle_seconds": "1"},
            "raw_survey_invitations": {}, "raw_customers": {}}
    want = []
    for n, (table, column, value, reason) in enumerate(HOSTILE):
        key = f"H{n:02d}"
        data[table].append({**rows[table], **base[table], keys[table]: key, column: value})
        want.append((table, key, reason))
    # kept, and kept exactly (never rounded): the window's first instant, the
    # largest offset, a fraction of a cent, 20 integer digits, a score
    # written with zeros, a fraction of a millisecond, the event type open
    kept = [("raw_orders", {"ordered_at": "1990-01-01T18:00:00+18:00", "amount": "10.005"}),
            ("raw_orders", {"ordered_at": "2025-01-10T00:00:00-18:00",
                            "amount": "12345678901234567890.000000000000000001"}),
            ("raw_survey_responses", {"score": "3.000"}),
            ("raw_ticket_events", {"handle_seconds": "1.0005"}),
            ("raw_ticket_events", {"event_type": " Open "})]
    for n, (table, values) in enumerate(kept):
        data[table].append({**rows[table], **base[table], **values, keys[table]: f"K{n}"})
    return want


@pytest.fixture(scope="module")
def crafted(contract_workspace):
    """One build of the good rows with the hostile rows and the rows that
    break several rules at once (_fault_pairs) beside them: the rejections
    of the build and of the independent reading, and the staged values the
    tests look at (queried here: the workspace is emptied by the next
    build)."""
    data = good_rows()
    hostile = _hostile_rows(data)
    cases = _fault_pairs()
    for case in cases:
        data[case.table] = data.get(case.table, []) + case.rows
    for table, rows in PAIR_CONTEXT.items():
        data[table] = data.get(table, []) + rows
    raw = write_raw(contract_workspace.fresh_raw(), data)
    build = contract_workspace.run(["run", "--select", "+audit_row_counts"])
    assert build.success, build.messages()
    contract = RawContract(raw)
    return {
        "hostile": hostile, "cases": cases,
        "rejected": build.query("select source_table, source_key, reason "
                                "from audit.audit_rejected_rows"),
        "oracle_rejected": [(t, k, r) for t, rs in contract.rejected.items() for k, r in rs],
        "staged": {table: {str(k) for (k,) in build.query(f"select {key} from {model}")}
                   for table, (model, key) in STAGED_MODELS.items()},
        "reconciled": build.query("select bool_and(is_reconciled) from audit.audit_row_counts"),
        "orders": build.query("select order_id, amount, ordered_at from staging.stg_crm__orders "
                              "where order_id like 'K%' order by 1"),
        "scores": build.query("select score from staging.stg_surveys__responses "
                              "where response_id = 'K2'"),
        "handle": build.query("select handle_seconds from staging.stg_helpdesk__ticket_events "
                              "where event_id = 'K3'"),
        "open_event": build.query("select event_type from staging.stg_helpdesk__ticket_events "
                                  "where event_id = 'K4'"),
    }


def test_hostile_values_are_rejected_not_bent(crafted):
    """Each hostile value in its own row, rejected with its reason; the
    exact boundaries and legal extremes beside them are kept exactly."""
    def by_key(rows):
        return sorted((r for r in rows if r[1] and r[1].startswith("H")), key=lambda r: r[1])
    assert by_key(crafted["rejected"]) == crafted["hostile"]
    assert crafted["reconciled"] == [(True,)]
    assert crafted["orders"] == [
        ("K0", Decimal("10.005"), dt.datetime(1990, 1, 1)),
        ("K1", Decimal("12345678901234567890.000000000000000001"), dt.datetime(2025, 1, 10, 18))]
    assert crafted["scores"] == [(3,)]
    assert crafted["handle"] == [(Decimal("1.0005"),)]
    # the status set back to open is an event type of its own, spelt any case
    assert crafted["open_event"] == [("open",)]
    # the independent reading agrees row for row
    assert by_key(crafted["oracle_rejected"]) == crafted["hostile"]


# --- rows that break several rules at once ---------------------------------
#
# A row with several faults gets the first in the order of its table
# (docs/raw_contract.md, "Order:" under each table). For every table and
# every pair of reasons it can raise, a row (or rows sharing a key) that
# breaks both, unless the pair cannot happen (PAIRS_THAT_CANNOT_HAPPEN).

KEY_RULES = ["missing_key", "duplicate_row", "conflicting_key"]


def _documented_orders() -> dict[str, list[str]]:
    """Per raw table, its reasons in the order of its "Order:" line in
    docs/raw_contract.md ("key rules" are the three key reasons)."""
    import re

    docs = (ROOT / "docs" / "raw_contract.md").read_text()
    section = docs[docs.index("## The tables"):docs.index("## Rejection reasons")]
    orders = {}
    table = None
    for block in section.split("\n\n"):
        heading = re.match(r"^(?:### |\*\*)(raw_\w+)", block)
        if heading:
            table = heading.group(1)
        if block.startswith("Order:"):
            line = block.split(". ")[0] if ". " in block else block
            reasons = re.findall(r"`([a-z_]+)`", line)
            reasons = [r for r in reasons if r not in KEY_RULES]
            orders[table] = (KEY_RULES if "key rules" in line else []) + reasons
    return orders


# A valid row of each table (key from n), and per reason the values that
# break it (functions of n where the value is part of the key, so that
# every case has keys of its own).
def _valid(table: str, n: int) -> dict:
    day = (dt.date(2030, 1, 1) + dt.timedelta(days=n)).isoformat()
    return {
        "raw_customers": {"customer_id": f"P{n}", "signup_at": "2025-01-01T00:00:00Z",
                          "segment": "smb", "country": "DE"},
        "raw_orders": {"order_id": f"P{n}", "customer_id": "C1",
                       "ordered_at": "2025-01-10T00:00:00Z", "amount": "5.00",
                       "status": "completed"},
        "raw_survey_questions": {"question_id": f"P{n}", "metric": "csat", "question_text": "?",
                                 "scale_min": "1", "scale_max": "5",
                                 "higher_is_better": "true"},
        "raw_survey_invitations": {"invitation_id": f"P{n}", "customer_id": "C1",
                                   "question_id": "Q2", "touchpoint": "x", "channel": "email",
                                   "sent_at": "2025-01-11T00:00:00Z"},
        "raw_survey_responses": {"response_id": f"P{n}", "question_id": "Q2",
                                 "touchpoint": "website", "channel": "web",
                                 "responded_at": "2025-03-01T10:00:00Z", "score": "3"},
        "raw_tickets": {"ticket_id": f"P{n}", "created_at": "2025-01-01T00:00:00Z",
                        "subject": "a"},
        "raw_ticket_events": {"event_id": f"P{n}", "ticket_id": "T1",
                              "event_at": "2025-01-12T12:00:00Z", "actor_type": "agent",
                              "event_type": "message", "agent_id": "A1"},
        "raw_holidays": {"holiday_date": day, "name": "x"},
        "raw_schedules": {"schedule_id": f"SP{n}", "name": "P", "time_zone": "Europe/Berlin",
                          "iso_weekday": "1", "start_time": "09:00", "end_time": "17:00"},
        "raw_schedule_holidays": {"schedule_id": "S1", "start_date": day, "end_date": day},
        "raw_ticket_schedules": {"ticket_id": "T1", "schedule_id": "S1",
                                 "valid_from": f"{day}T00:00:00Z"},
    }[table]


def _breaking(table: str, reason: str, n: int) -> dict:
    old = f"1989-01-{n % 28 + 1:02d}"  # well-formed, before the plausibility window
    return {
        ("raw_customers", "bad_timestamp"): {"signup_at": "2025-02-30T00:00:00Z"},
        ("raw_orders", "bad_timestamp"): {"ordered_at": "not a date"},
        ("raw_orders", "bad_number"): {"amount": "12,50"},
        ("raw_orders", "unknown_value"): {"status": "shipped"},
        ("raw_orders", "unknown_customer"): {"customer_id": "C404"},
        ("raw_orders", "negative_amount"): {"amount": "-1.00"},
        ("raw_survey_questions", "bad_number"): {"scale_min": "one"},
        ("raw_survey_questions", "unknown_value"): {"metric": "opinion"},
        ("raw_survey_questions", "unsupported_scale"): {"scale_max": "10"},
        ("raw_survey_invitations", "bad_timestamp"): {"sent_at": "2025-13-01T00:00:00Z"},
        ("raw_survey_invitations", "unknown_question"): {"question_id": "Q404"},
        ("raw_survey_responses", "bad_timestamp"): {"responded_at": "yesterday"},
        ("raw_survey_responses", "unknown_question"): {"question_id": "Q404"},
        ("raw_survey_responses", "score_not_integer"): {"score": "3.5"},
        ("raw_survey_responses", "score_out_of_scale"): {"score": "6"},
        ("raw_tickets", "bad_timestamp"): {"created_at": "2025-02-30T10:00:00Z"},
        ("raw_ticket_events", "bad_timestamp"): {"event_at": "yesterday"},
        ("raw_ticket_events", "bad_number"): {"handle_seconds": "n/a"},
        ("raw_ticket_events", "unknown_value"): {"event_type": "escalated"},
        ("raw_ticket_events", "unknown_ticket"): {"ticket_id": "T404"},
        ("raw_ticket_events", "event_before_ticket"): {"event_at": "2025-01-12T08:00:00Z"},
        ("raw_holidays", "bad_timestamp"): {"holiday_date": old},
        ("raw_schedules", "unknown_value"): {"time_zone": "Mars/Olympus"},
        ("raw_schedules", "bad_interval"): {"end_time": "08:00"},
        ("raw_schedule_holidays", "bad_timestamp"): {"end_date": "2025-02-30"},
        ("raw_schedule_holidays", "bad_interval"): {"end_date": "2029-12-31"},
        ("raw_schedule_holidays", "unknown_schedule"): {"schedule_id": "S404"},
        ("raw_ticket_schedules", "bad_timestamp"): {"valid_from": f"{old}T00:00:00Z"},
        ("raw_ticket_schedules", "unknown_ticket"): {"ticket_id": "T404"},
        ("raw_ticket_schedules", "unknown_schedule"): {"schedule_id": "S404"},
    }[(table, reason)]


# Pairs whose faults are in the same value: one value that breaks both.
BOTH = {
    # 5.5 on a 1-5 question: not an integer, and above the scale (issue 25)
    ("raw_survey_responses", "score_not_integer", "score_out_of_scale"): {"score": "5.5"},
    # parses, but before the window and before its ticket
    ("raw_ticket_events", "bad_timestamp", "event_before_ticket"):
        {"event_at": "1989-06-01T00:00:00Z"},
    # both dates after the window, and the end before the start
    ("raw_schedule_holidays", "bad_timestamp", "bad_interval"):
        {"start_date": "2100-01-05", "end_date": "2100-01-01"},
}
PAIRS_THAT_CANNOT_HAPPEN = {
    ("raw_orders", "bad_number", "negative_amount"): "an amount that is no number has no sign",
    ("raw_survey_responses", "unknown_question", "score_out_of_scale"):
        "without a staged question there is no scale",
    ("raw_ticket_events", "unknown_ticket", "event_before_ticket"):
        "without a staged ticket there is no created_at",
}
# a column whose other value makes a row differ (conflicting_key)
OTHER_VALUE = {
    "raw_customers": ("country", "FR"), "raw_orders": ("status", "refunded"),
    "raw_survey_questions": ("question_text", "??"), "raw_survey_invitations": ("touchpoint", "y"),
    "raw_survey_responses": ("channel", "app"), "raw_tickets": ("subject", "b"),
    "raw_ticket_events": ("agent_id", "A2"), "raw_holidays": ("name", "y"),
    "raw_schedules": ("end_time", "18:00"), "raw_schedule_holidays": ("end_date", "2031-01-01"),
    "raw_ticket_schedules": ("schedule_id", "SP0"),
}
# valid rows the pair rows refer to: a second schedule for the assignments
# that differ only in their schedule, invitations for the competing answers
PAIR_CONTEXT = {
    "raw_schedules": [{"schedule_id": "SP0", "name": "P", "time_zone": "Europe/Paris",
                       "iso_weekday": "2", "start_time": "09:00", "end_time": "17:00"}],
    "raw_survey_invitations": [
        {"invitation_id": f"IPS{n}", "customer_id": "C1", "question_id": "Q2",
         "touchpoint": "x", "channel": "email", "sent_at": "2025-03-01T00:00:00Z"}
        for n in range(8)],
}


class PairCase:
    """Rows of one table that break the two `reasons`; `expected`: the
    reason each of them must get, as (source_key, reason) pairs."""

    def __init__(self, table, reasons, rows, expected):
        self.table, self.reasons, self.rows, self.expected = table, reasons, rows, expected

    def __repr__(self):
        return f"{self.table}: {' + '.join(self.reasons)}"


def _fault_pairs() -> list[PairCase]:
    from oracle.raw_contract import key_of

    keys = dict(TABLES)
    orders = _documented_orders()
    cases, n = [], 1

    def key(table, row):
        return key_of(collections.defaultdict(lambda: None, row), keys[table])

    def add(table, reasons, rows, expected):
        cases.append(PairCase(table, reasons, rows, expected))

    def blank_key(table, row, faulty):
        """The row without a whole key: its last key column the faults
        leave alone (the only one, for a single key) made blank."""
        key_columns = [keys[table]] if isinstance(keys[table], str) else list(keys[table])
        free = [c for c in key_columns if c not in faulty] or key_columns
        return {**row, free[-1]: " "}

    for table, order in orders.items():
        values = [r for r in order if r not in KEY_RULES and r != "superseded"]
        for a, b in ((a, b) for i, a in enumerate(values) for b in values[i + 1:]):
            if (table, a, b) in PAIRS_THAT_CANNOT_HAPPEN:
                continue
            faults = BOTH.get((table, a, b)) or {**_breaking(table, a, n),
                                                 **_breaking(table, b, n)}
            row = {**_valid(table, n), **faults}
            # the first in the documented order
            add(table, (a, b), [row], [(key(table, row), min((a, b), key=order.index))])
            n += 1
        # each key rule with each value rule: the key rule comes first
        for b in values:
            faulty = _breaking(table, b, n)
            row = {**_valid(table, n), **faulty}
            missing = blank_key(table, row, faulty)
            add(table, ("missing_key", b), [missing], [(None, "missing_key")])
            # identical rows: one is the duplicate, the one kept breaks b
            add(table, ("duplicate_row", b), [row, dict(row)],
                [(key(table, row), "duplicate_row"), (key(table, row), b)])
            n += 1
            # a broken row and another version of it: both conflicting
            row = {**_valid(table, n), **_breaking(table, b, n)}
            column, other = OTHER_VALUE[table]
            add(table, ("conflicting_key", b), [row, {**row, column: other}],
                [(key(table, row), "conflicting_key")] * 2)
            n += 1
        # the key rules among themselves
        row = _valid(table, n)
        column, other = OTHER_VALUE[table]
        missing = blank_key(table, row, {})
        add(table, ("missing_key", "duplicate_row"), [missing, dict(missing)],
            [(None, "missing_key")] * 2)
        add(table, ("missing_key", "conflicting_key"), [missing, {**missing, column: other}],
            [(None, "missing_key")] * 2)
        add(table, ("duplicate_row", "conflicting_key"), [row, dict(row), {**row, column: other}],
            [(key(table, row), "conflicting_key")] * 3)
        n += 1

    # raw_schedules: rows of one schedule that differ in name or time zone
    # are conflicting_key too, also when one of them breaks another rule
    for b, faulty in (("unknown_value", {"time_zone": "Mars/Olympus"}),
                      ("bad_interval", {"end_time": "08:00"})):
        row = {**_valid("raw_schedules", n), **faulty}
        other = {**_valid("raw_schedules", n), "iso_weekday": "2", "name": "Q"}
        add("raw_schedules", ("conflicting_key", b), [row, other],
            [(key("raw_schedules", row), "conflicting_key"),
             (key("raw_schedules", other), "conflicting_key")])
        n += 1

    # raw_survey_responses: only otherwise valid answers compete, so a
    # broken answer is never superseded and never supersedes: beside a
    # valid answer, a broken one before it and one after it get their own
    # reason, and the valid one is kept
    table = "raw_survey_responses"
    for i, b in enumerate(r for r in orders[table] if r not in KEY_RULES + ["superseded"]):
        answer = {**_valid(table, n), "invitation_id": f"IPS{i}"}
        rows = [answer]
        for m, at in ((n + 1, "2025-03-01T09:00:00Z"), (n + 2, "2025-03-01T12:00:00Z")):
            rows.append({**answer, "response_id": f"P{m}", "responded_at": at,
                         **_breaking(table, b, m)})
        add(table, ("superseded", b), rows, [(f"P{m}", b) for m in (n + 1, n + 2)])
        n += 3
    # and the key rules before superseded: an earlier answer without a key,
    # twice, or in two versions, beside the later answer that is kept
    later = {**_valid(table, n), "invitation_id": "IPS7", "responded_at": "2025-03-02T10:00:00Z"}
    earlier = {**_valid(table, n + 1), "invitation_id": "IPS7"}
    column, other = OTHER_VALUE[table]
    add(table, ("missing_key", "superseded"), [later, blank_key(table, earlier, {})],
        [(None, "missing_key")])
    earlier = {**earlier, "response_id": f"P{n + 2}"}
    add(table, ("duplicate_row", "superseded"), [earlier, dict(earlier)],
        [(f"P{n + 2}", "duplicate_row"), (f"P{n + 2}", "superseded")])
    earlier = {**earlier, "response_id": f"P{n + 3}"}
    add(table, ("conflicting_key", "superseded"), [earlier, {**earlier, column: other}],
        [(f"P{n + 3}", "conflicting_key")] * 2)
    return cases


def test_every_pair_of_reasons_of_a_table_is_crafted():
    """The cases cover every pair of reasons each table's documented order
    lists, but the pairs that cannot happen, each with its why; and the
    documented orders follow the one precedence of the reason table."""
    orders = _documented_orders()
    assert set(orders) == {t for t, _ in TABLES}
    for table, order in orders.items():
        assert order == [r for r in REASONS if r in order], table
    crafted = {(c.table, *sorted(c.reasons, key=REASONS.index)) for c in _fault_pairs()}
    for table, order in orders.items():
        for i, a in enumerate(order):
            for b in order[i + 1:]:
                assert (table, a, b) in crafted or (table, a, b) in PAIRS_THAT_CANNOT_HAPPEN, \
                    (table, a, b)


def test_a_row_breaking_two_rules_gets_the_first_in_the_documented_order(crafted):
    """Every crafted case lands with the reasons of the documented order, in
    the build and in the independent reading (oracle/raw_contract.py)."""
    cases = crafted["cases"]
    tables = {c.table for c in cases}
    keys = {(c.table, k) for c in cases for k, _ in c.expected}
    want = sorted(((c.table, k, r) for c in cases for k, r in c.expected), key=str)

    def ours(rows):
        return sorted((r for r in rows if r[0] in tables and (r[0], r[1]) in keys), key=str)
    got = ours(crafted["rejected"])
    wrong = sorted(set(got) ^ set(want), key=str)
    assert got == want, f"{len(wrong)} rows differ, e.g. {wrong[:6]}"
    assert ours(crafted["oracle_rejected"]) == want
    # the valid answers beside the broken ones are kept (never superseded)
    kept = crafted["staged"]["raw_survey_responses"]
    valid_answers = {c.rows[0]["response_id"] for c in cases if c.reasons[0] == "superseded"}
    valid_answers.add(next(c.rows[0]["response_id"] for c in cases
                           if c.reasons == ("missing_key", "superseded")))
    assert valid_answers <= kept


def test_blank_descriptive_fields_are_unknown_not_a_failed_build(contract_workspace):
    data = good_rows()
    data["raw_tickets"].append({"ticket_id": "TBLANK", "customer_id": "C1", "channel": "",
                                "priority": "  ", "created_at": "2025-01-12T10:00:00Z"})
    write_raw(contract_workspace.fresh_raw(), data)
    build = contract_workspace.run(["build", "--select", "+fct_tickets", "+mart_support_monthly",
                                    "--exclude", "test_type:unit"])
    failed = {k: v for k, v in build.statuses().items() if v in ("error", "fail", "skipped")}
    assert not failed, failed
    assert build.query("select channel, priority, first_response_sla from marts.fct_tickets "
                       "where ticket_id = 'TBLANK'") == [("unknown", "unknown", None)]


def test_offsets_are_converted_to_utc(contract_workspace):
    data = good_rows()
    data["raw_customers"] += [
        {"customer_id": "CZ1", "signup_at": "2025-03-30T01:30:00+02:00"},
        {"customer_id": "CZ2", "signup_at": "2025-03-30T01:30:00"},
        {"customer_id": "CZ3", "signup_at": "2025-03-29T20:00:00-0530"},
        {"customer_id": "CZ4", "signup_at": "2025-03-30"},
    ]
    write_raw(contract_workspace.fresh_raw(), data)
    build = contract_workspace.run(["run", "--select", "+stg_crm__customers"])
    assert build.success, build.messages()
    got = dict(build.query("select customer_id, signup_at from staging.stg_crm__customers "
                           "where customer_id like 'CZ%'"))
    assert got == {"CZ1": dt.datetime(2025, 3, 29, 23, 30), "CZ2": dt.datetime(2025, 3, 30, 1, 30),
                   "CZ3": dt.datetime(2025, 3, 30, 1, 30), "CZ4": dt.datetime(2025, 3, 30)}


def test_identity_resolution(contract_workspace):
    data = good_rows()
    data["raw_customers"] += [
        # same person: the earlier signup wins even though its id is larger
        {"customer_id": "C9", "email": " Dana@Example.com ", "signup_at": "2025-01-01T00:00:00Z"},
        {"customer_id": "C5", "email": "dana@example.com", "signup_at": "2025-03-01T00:00:00Z"},
        # a tie on signup: the smallest id wins
        {"customer_id": "C7", "email": "eve@example.com", "signup_at": "2025-01-01T00:00:00Z"},
        {"customer_id": "C6", "email": "EVE@example.com", "signup_at": "2025-01-01T00:00:00Z"},
    ]
    data["raw_tickets"] += [
        {"ticket_id": "TD1", "customer_id": "C5", "created_at": "2025-04-01T00:00:00Z"},
        {"ticket_id": "TD2", "requester_email": "DANA@example.COM  ",
         "created_at": "2025-04-01T00:00:00Z"},
        {"ticket_id": "TD3", "requester_email": "eve@example.com",
         "created_at": "2025-04-01T00:00:00Z"},
        {"ticket_id": "TD4", "customer_id": "C404", "requester_email": "nobody@example.com",
         "created_at": "2025-04-01T00:00:00Z"},
    ]
    write_raw(contract_workspace.fresh_raw(), data)
    build = contract_workspace.run(["build", "--select", "+audit_identity_resolution",
                                    "+fct_survey_responses", "--exclude", "test_type:data",
                                    "test_type:unit"])
    assert build.success, build.messages()
    keys = dict(build.query("select ticket_id, customer_key from marts.fct_tickets"))
    assert keys == {"T1": "C1", "TD1": "C9", "TD2": "C9", "TD3": "C6", "TD4": None}
    responses = dict(build.query(
        "select response_id, customer_key from marts.fct_survey_responses"))
    assert responses == {"R1": "C1", "R2": "C2"}  # R1 via its invitation, R2 by e-mail
    summary = build.frame("select * from audit.audit_identity_resolution "
                          "where source_table = 'raw_tickets'")[0]
    assert (summary["customer_references"], summary["unresolved"]) == (5, 1)
    assert summary["unresolved_pct"] == pytest.approx(20.0)


def test_rejected_share_above_the_limit_fails_naming_the_table(tmp_path, raw_folder):
    import csv
    path = raw_folder / "raw_orders.csv"
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    col = header.index("ordered_at")
    for i in range(0, len(body), 10):  # 10% bad timestamps
        body[i][col] = "not a date"
    with open(path, "w", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([header, *body])
    build = run_dbt(tmp_path, ["build", "--select", "+audit_row_counts"], raw_dir=raw_folder)
    assert not build.success
    message = build.messages()
    assert "raw_orders" in message and "bad_timestamp" in message
    assert "raw_customers:" not in message  # only the table over the limit is named


def test_parquet_raw_folder_reads_like_csv(tmp_path):
    """CX_RAW_DIR with raw_<table>.parquet files (all text) stages the same
    rows as the CSV files."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from rawkit import COLUMNS

    data = good_rows()
    data["raw_orders"].append({"order_id": "OBAD", "customer_id": "C1",
                               "ordered_at": "not a date", "amount": "1", "status": "completed"})
    folder = tmp_path / "parquet"
    folder.mkdir()
    for table, columns in COLUMNS.items():
        rows = data.get(table, [])
        arrays = [pa.array([r.get(c) for r in rows], pa.string()) for c in columns]
        pq.write_table(pa.Table.from_arrays(arrays, names=columns), folder / f"{table}.parquet")
    build = run_dbt(tmp_path, ["run", "--select", "+audit_row_counts"], raw_dir=folder)
    assert build.success, build.messages()
    counts = {t: (raw, staged, rejected) for t, raw, staged, rejected in build.query(
        "select source_table, raw_rows, staged_rows, rejected_rows from audit.audit_row_counts")}
    assert counts["raw_orders"] == (3, 2, 1)
    assert counts["raw_ticket_events"] == (3, 3, 0)
    assert build.query("select reason from audit.audit_rejected_rows") == [("bad_timestamp",)]


def test_schedule_rows_that_disagree_are_all_conflicting(contract_workspace):
    """raw_schedules has one row per interval, each repeating its schedule's
    name and time zone. A schedule whose rows differ in either (a second
    zone, a missing name, a misspelt zone) has every row rejected as
    conflicting_key, and its holidays and assignments as unknown_schedule;
    a consistent schedule beside them is staged once, with all its
    intervals; a row without a whole key (missing_key) is not compared. The
    independent reading agrees row by row."""
    def rows(sid, name, zone, days, start="09:00", end="17:00"):
        return [{"schedule_id": sid, "name": name, "time_zone": zone, "iso_weekday": str(d),
                 "start_time": start, "end_time": end} for d in days]
    data = good_rows()
    data["raw_schedules"] += (
        rows("S2", "Paris", "Europe/Paris", [1]) + rows("S2", "Paris", "Europe/Madrid", [2])
        + rows("S3", "Tokyo", "Asia/Tokyo", [1, 2]) + rows("S3", " ", "Asia/Tokyo", [3])
        + rows("S4", "Quito", "America/Guayaquil", [1, 2])
        + rows("S4", "Quito", "America/Guayaquil ", [3])  # trimmed: the same zone
        + rows("S4", "Quito", "Europe/Oslo", [""])  # missing_key: not compared
        + rows("S5", "Mars", "Mars/Olympus", [1]) + rows("S5", "Mars", "Europe/Oslo", [2])
        + rows("S1", "Berlin", "Europe/Berlin", [2, 3], "13:00", "18:00"))
    data["raw_schedule_holidays"] += [
        {"schedule_id": "S2", "start_date": "2025-12-24", "end_date": "2025-12-24"}]
    data["raw_ticket_schedules"] = [
        {"ticket_id": "T1", "schedule_id": "S3", "valid_from": "2025-01-12T09:00:00Z"},
        {"ticket_id": "T1", "schedule_id": "S4", "valid_from": "2025-01-12T10:00:00Z"}]
    raw = write_raw(contract_workspace.fresh_raw(), data)
    build = contract_workspace.run(["run", "--select", "+audit_row_counts"])
    assert build.success, build.messages()
    rejected = sorted(build.query(
        "select source_table, source_key, reason from audit.audit_rejected_rows"), key=str)
    assert rejected == sorted(
        [("raw_schedules", None, "missing_key")]
        + [("raw_schedules", f"S2|{d}|09:00", "conflicting_key") for d in (1, 2)]
        + [("raw_schedules", f"S3|{d}|09:00", "conflicting_key") for d in (1, 2, 3)]
        + [("raw_schedules", f"S5|{d}|09:00", "conflicting_key") for d in (1, 2)]
        + [("raw_schedule_holidays", "S2|2025-12-24", "unknown_schedule"),
           ("raw_ticket_schedules", "T1|2025-01-12T09:00:00Z", "unknown_schedule")], key=str)
    contract = RawContract(raw)
    assert rejected == sorted(((t, k, r) for t, rs in contract.rejected.items() for k, r in rs),
                              key=str)
    assert sorted(build.query("select * from staging.stg_helpdesk__schedules")) == [
        ("S1", "Berlin", "Europe/Berlin"), ("S4", "Quito", "America/Guayaquil")]
    assert sorted(build.query(
        "select schedule_id, iso_weekday, start_minute, end_minute "
        "from staging.stg_helpdesk__schedule_intervals")) == [
        ("S1", 1, 540, 1020), ("S1", 2, 780, 1080), ("S1", 3, 780, 1080),
        ("S4", 1, 540, 1020), ("S4", 2, 540, 1020), ("S4", 3, 540, 1020)]
    assert build.query("select bool_and(is_reconciled) from audit.audit_row_counts") == [(True,)]


def test_bundled_schedules_match_the_independent_reading(bundled_build, bundled_contract):
    """stg_helpdesk__schedules: one row per schedule with a staged interval."""
    got = sorted(bundled_build.query(
        "select schedule_id, schedule_name, time_zone from staging.stg_helpdesk__schedules"))
    want = sorted((s["schedule_id"], s["schedule_name"], s["time_zone"])
                  for s in bundled_contract.schedules.values())
    assert got == want and len(got) == 25
