"""Foundation: every raw row is staged or rejected with the right reason."""

from __future__ import annotations

import collections
import datetime as dt
from decimal import Decimal

import pytest

from conftest import Workspace, run_dbt
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


def test_hostile_values_are_rejected_not_bent(contract_workspace):
    """One build: each hostile value in its own row, rejected with its reason;
    the exact boundaries and legal extremes beside them are kept exactly."""
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
    data = good_rows()
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
    raw = write_raw(contract_workspace.fresh_raw(), data)
    build = contract_workspace.run(["run", "--select", "+audit_row_counts"])
    assert build.success, build.messages()
    got = build.query("select source_table, source_key, reason from audit.audit_rejected_rows "
                      "where source_key like 'H%' order by source_key")
    assert got == want
    assert build.query("select bool_and(is_reconciled) from audit.audit_row_counts") == [(True,)]
    orders = dict(build.query("select order_id, amount from staging.stg_crm__orders "
                              "where order_id like 'K%'"))
    assert orders == {"K0": Decimal("10.005"),
                      "K1": Decimal("12345678901234567890.000000000000000001")}
    assert build.query("select ordered_at from staging.stg_crm__orders where order_id = 'K0'") \
        == [(dt.datetime(1990, 1, 1),)]
    assert build.query("select score from staging.stg_surveys__responses "
                       "where response_id = 'K2'") == [(3,)]
    assert build.query("select handle_seconds from staging.stg_helpdesk__ticket_events "
                       "where event_id = 'K3'") == [(Decimal("1.0005"),)]
    # the status set back to open is an event type of its own, spelt any case
    assert build.query("select event_type from staging.stg_helpdesk__ticket_events "
                       "where event_id = 'K4'") == [("open",)]
    # the independent reading agrees row for row
    contract = RawContract(raw)
    assert sorted((t, k, r) for t, rs in contract.rejected.items() for k, r in rs
                  if k and k.startswith("H")) == sorted(want)


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
