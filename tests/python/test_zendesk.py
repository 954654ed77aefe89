"""The Zendesk (Fivetran) adapter: `tickets_source: zendesk` end to end.

Fivetran-shaped Zendesk tables (the hand-written set of
tests/fixtures/zendesk_tiny/, and data of cx_tools.generate_zendesk) are
loaded into a DuckDB schema `zendesk` (typed as DuckDB reads them: integer
ids, boolean `public`, timestamps), the other raw tables as text into `raw`,
and the whole project is built with `dbt build --vars '{tickets_source:
zendesk, raw_source: tables}'` (unit and data tests included). fct_tickets and
mart_support_monthly must equal the support oracle computed from the raw
contract rows that an independent Python mapping (oracle/zendesk.py) makes
of the same files. The hand-written set also pins each mapping rule to
hand-computed values.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections import Counter, defaultdict

import pytest

from compare import assert_mart_matches
from conftest import ROOT, run_dbt
from oracle.raw_contract import RawContract
from oracle.support import SupportOracle
from oracle.zendesk import raw_folder_from_zendesk, zendesk_to_raw
from rawkit import write_raw
from test_support_metrics import FCT_COLUMNS

from cx_tools.generate_zendesk import DST_CHANGES, generate, load_duckdb
from cx_tools.profile import duckdb_config

TINY = ROOT / "tests" / "fixtures" / "zendesk_tiny"


def _build_zendesk(tmp_path, folder, expect_rejections=False):
    db = tmp_path / "warehouse.duckdb"
    load_duckdb(db, folder, config=duckdb_config(db))
    dbt_vars = {"tickets_source": "zendesk", "raw_source": "tables",
                "zendesk_schema": "zendesk", "raw_schema": "raw"}
    if expect_rejections:  # a few rows of a tiny table: far above 5 %
        dbt_vars["rejected_rows_error_pct"] = 60
    build = run_dbt(tmp_path, ["build"], db_path=db, dbt_vars=dbt_vars)
    failed = {k: v for k, v in build.statuses().items()
              if v not in ("success", "pass", "no-op")
              and not (expect_rejections and v == "warn" and "rejected" in k)}
    assert build.success and not failed, (failed, build.messages())
    mapped, left_out = raw_folder_from_zendesk(folder, tmp_path / "mapped")
    contract = RawContract(mapped)
    _assert_audit_equals_the_mapping(build, contract, left_out)
    return build, SupportOracle(contract)


def _assert_audit_equals_the_mapping(build, contract, left_out):
    """Every row the contract rejects and every Zendesk row the mapping
    leaves out, with its reason, and nothing else: no row dropped unseen."""
    tables = ("raw_tickets", "raw_ticket_events", "raw_schedules", "raw_schedule_holidays",
              "raw_ticket_schedules")
    audited = Counter(build.query(
        "select source_table, source_key, reason from audit.audit_rejected_rows "
        "where source_table like 'zendesk.%' or source_table in "
        f"({', '.join(repr(t) for t in tables)})"))
    want = Counter([(t, k, r) for t in tables for k, r in contract.rejected.get(t, [])]
                   + list(left_out))
    assert audited == want


def _assert_support_equals_oracle(build, oracle, label):
    rows = build.frame("select * from marts.fct_tickets")
    want = {k: {c: v[c] for c in FCT_COLUMNS} for k, v in oracle.tickets.items()}
    assert_mart_matches(rows, ["ticket_id"], want, f"fct_tickets ({label})")
    assert_mart_matches(build.frame("select * from marts.mart_support_monthly"),
                        ["month", "channel", "priority"], oracle.support_monthly(),
                        f"mart_support_monthly ({label})")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return _build_zendesk(tmp_path_factory.mktemp("zendesk_tiny"), TINY, expect_rejections=True)


def test_tiny_set_equals_the_oracle(tiny):
    build, oracle = tiny
    _assert_support_equals_oracle(build, oracle, "tiny")
    # nothing of the mapping is rejected by the contract but the status
    # value outside Zendesk's six, which reaches it as written
    counts = dict(build.query("select source_table, rejected_rows from audit.audit_row_counts"))
    assert counts["raw_tickets"] == 0 and counts["raw_ticket_events"] == 1
    rejected = build.query("select source_key, reason, raw_row from audit.audit_rejected_rows "
                           "where source_table = 'raw_ticket_events'")
    assert [(k, r) for k, r, _ in rejected] == [
        ("zs-00000000000000000111-2025-03-12 11:00:00-b", "unknown_value")]
    assert "on-hold" in rejected[0][2]


def test_tiny_set_audits_each_row_left_out(tiny):
    """The Zendesk rows the adapter does not map are in audit_rejected_rows
    with their reason: the deleted ticket 106 with its comments, status
    rows and schedule assignment; the private comments but the opening
    one of 111 (the request); the comments and status row of ticket 199,
    which is not in `ticket`; the removed schedule interval and holiday."""
    build, _ = tiny
    left_out = sorted(build.query(
        "select source_table, source_key, reason from audit.audit_rejected_rows "
        "where source_table like 'zendesk.%'"))
    assert left_out == sorted([
        ("zendesk.ticket", "106", "deleted_in_source"),
        ("zendesk.ticket_comment", "5020", "deleted_in_source"),
        ("zendesk.ticket_comment", "5021", "deleted_in_source"),
        ("zendesk.ticket_field_history", "106|status|2025-03-06 11:00:00", "deleted_in_source"),
        ("zendesk.ticket_field_history", "106|status|2025-03-06 12:00:00", "deleted_in_source"),
        ("zendesk.ticket_schedule", "106|2025-03-06 11:00:00", "deleted_in_source"),
        ("zendesk.ticket_comment", "5004", "private_comment"),
        ("zendesk.ticket_comment", "5019", "private_comment"),
        ("zendesk.ticket_comment", "5036", "unknown_ticket"),
        ("zendesk.ticket_comment", "5037", "unknown_ticket"),
        ("zendesk.ticket_field_history", "199|status|2025-03-08 10:00:00", "unknown_ticket"),
        ("zendesk.schedule", "1|9240", "deleted_in_source"),
        ("zendesk.schedule_holiday", "2", "deleted_in_source")])
    raw_rows = dict(build.query(
        "select source_key, raw_row from audit.audit_rejected_rows "
        "where source_table in ('zendesk.ticket', 'zendesk.ticket_comment')"))
    assert '"status":"deleted"' in raw_rows["106"] and '"ticket_id":"102"' in raw_rows["5004"]
    # not raw contract rows: audit_row_counts counts none of them
    assert not build.query("select * from audit.audit_row_counts "
                           "where source_table like 'zendesk.%'")


def test_tiny_set_follows_each_mapping_rule(tiny):
    build, _ = tiny
    got = {r["ticket_id"]: r for r in build.frame("select * from marts.fct_tickets")}
    d = dt.datetime
    # deleted tickets are gone, with their events
    assert set(got) == {"101", "102", "103", "104", "105", "107", "108", "109", "110", "111"}
    assert not build.query("select * from staging.stg_helpdesk__ticket_events "
                           "where ticket_id = '106'")
    # requester e-mail (other case) resolves to the customer record
    assert got["101"]["customer_key"] == "C1" and got["104"]["customer_key"] is None
    # a reply and a solve in the same update: the reply counts before the
    # solve; closed after solved is not a second solve
    t = got["101"]
    assert (t["agent_replies"], t["is_one_touch"], t["resolved_at"]) == (1, True,
                                                                        d(2025, 3, 3, 11))
    assert t["first_resolved_at"] == t["resolved_at"] and t["reopen_count"] == 0
    # a private note is no reply; pending until the requester's reply
    t = got["102"]
    assert t["first_response_at"] == d(2025, 3, 3, 13) and t["agent_replies"] == 2
    assert t["agent_wait_minutes"] == 20 * 60
    # the requester's reply to a solved ticket reopens it; hold is on_hold
    t = got["103"]
    assert (t["reopen_count"], t["first_resolved_at"], t["resolved_at"]) == (
        1, d(2025, 3, 4, 9, 15), d(2025, 3, 6, 14))
    # solved, then set to pending: reopened, then pending until the reply
    t = got["104"]
    assert t["reopen_count"] == 1 and t["agent_wait_minutes"] == 21 * 60
    # merged (closed without a solve): solved at the merge, no reply
    t = got["105"]
    assert (t["resolved_at"], t["first_response_at"], t["agent_replies"]) == (
        d(2025, 3, 6, 12), None, 0)
    # opened by an agent with a public comment: that comment is the request,
    # not a reply, so no reply at all here (solved after the customer's
    # thanks); no priority is 'unknown'
    t = got["107"]
    assert (t["first_response_at"], t["agent_replies"], t["is_one_touch"]) == (None, 0, False)
    assert (t["resolved_at"], t["priority"], t["channel"]) == (
        d(2025, 3, 7, 15, 30), "unknown", "voice")
    # opened by an agent with a public comment: first reply at the agent's
    # next public comment (Zendesk's first reply time)
    t = got["110"]
    assert (t["first_response_minutes"], t["agent_replies"], t["is_one_touch"]) == (120, 1, True)
    # opened by an agent with a private note: the first public agent
    # comment is the reply; an agent takes it off hold by hand (open, no
    # comment); a status Zendesk does not have ('on-hold') is rejected, so
    # the ticket stays pending until the solve
    t = got["111"]
    assert t["first_response_minutes"] == 45 and t["agent_replies"] == 3
    assert (t["requester_wait_minutes"], t["agent_wait_minutes"]) == (45 + 1275 + 60, 120)
    # a trigger's automatic reply (user -1) is no response
    assert got["108"]["first_response_at"] is None and not got["108"]["is_resolved"]
    # pending set back to open by an agent without a reply: an open event,
    # so pending only until then (23 hours), open until the solve
    t = got["109"]
    assert (t["agent_wait_minutes"], t["requester_wait_minutes"]) == (23 * 60, 60 + 3 * 60)


def test_tiny_set_maps_the_schedules(tiny):
    build, _ = tiny
    got = {r["ticket_id"]: r for r in build.frame("select * from marts.fct_tickets")}
    # Rails zone names become IANA; an unknown one passes through and is
    # rejected (unknown_value), and so is the assignment to it
    assert dict(build.query("select schedule_id, time_zone from staging.stg_helpdesk__schedules")
                ) == {"1": "Europe/Berlin", "2": "America/New_York"}
    rejected = sorted(build.query(
        "select source_table, reason from audit.audit_rejected_rows "
        "where source_table like 'raw_%schedule%'"))
    assert rejected == [("raw_schedules", "unknown_value"),
                        ("raw_ticket_schedules", "unknown_schedule")]
    # minutes from Sunday 00:00, cut at local midnights (Sunday = 7); the
    # removed interval (_fivetran_deleted) is gone
    intervals = sorted(build.query(
        "select schedule_id, iso_weekday, start_minute, end_minute "
        "from staging.stg_helpdesk__schedule_intervals"))
    assert intervals == sorted([("1", d, 480, 1020) for d in range(1, 6)]
                               + [("2", 1, 1200, 1440), ("2", 2, 0, 120),
                                  ("2", 3, 1200, 1440), ("2", 4, 0, 120),
                                  ("2", 6, 1080, 1440)])
    assert build.query("select schedule_id, start_date from "
                       "staging.stg_helpdesk__schedule_holidays") == [("1", dt.date(2025, 3, 5))]
    # 102 on Berlin office hours (CET) from creation: Mon 11:00 to Tue 11:00
    # local is 6 + 3 hours (the default schedule, 09-17 UTC, gives 8)
    t = got["102"]
    assert (t["schedule_id"], t["schedule_changes"]) == ("1", 0)
    assert (t["first_response_business_minutes"], t["full_resolution_business_minutes"]) == (
        180, 540)
    # 103: Berlin (Tue 09:00 local, Wed a holiday), then the late desk from
    # Wed 07:00 EST: its Wed 20:00 to Thu 02:00 interval counts 6 hours
    t = got["103"]
    assert (t["schedule_id"], t["schedule_changes"]) == ("1", 1)
    assert t["first_resolution_business_minutes"] == 75
    assert t["full_resolution_business_minutes"] == 480 + 360
    # 109's schedule is rejected: the default schedule; 106 is deleted
    assert got["109"]["schedule_id"] is None
    assert build.query("select count(*) from staging.stg_helpdesk__ticket_schedules") == [(3,)]


def test_the_python_mapping_is_not_vacuous():
    """The independent mapping makes every kind of event of the tiny set."""
    raw = zendesk_to_raw(TINY)
    kinds = {(e["actor_type"], e["event_type"]) for e in raw["raw_ticket_events"]}
    assert kinds == {("customer", "message"), ("agent", "message"), ("system", "message"),
                     ("agent", "pending"), ("agent", "on_hold"), ("system", "on_hold"),
                     ("agent", "solved"), ("customer", "reopened"), ("agent", "reopened"),
                     ("customer", "open"), ("agent", "open"), ("agent", "on-hold")}
    # the opening comments (one per ticket) are no events
    comments = {e["event_id"] for e in raw["raw_ticket_events"] if e["event_type"] == "message"}
    assert not comments & {"zc-" + str(i).zfill(20) for i in (5001, 5003, 5022, 5029, 5032)}
    assert len(raw["raw_tickets"]) == 10
    assert {r for _, _, r in raw["left_out"]} == {"deleted_in_source", "private_comment",
                                                  "unknown_ticket"}
    assert len(raw["raw_schedules"]) == 11 and len(raw["raw_ticket_schedules"]) == 4


def test_generated_zendesk_data_equals_the_oracle(tmp_path):
    folder = generate(tmp_path / "zendesk", tickets=600, seed=7)
    raw = zendesk_to_raw(folder)
    events = raw["raw_ticket_events"]
    # the generated data exercises every rule
    kinds = {e["event_type"] for e in events}
    assert kinds == {"message", "open", "pending", "on_hold", "solved", "reopened"}
    assert any(e["actor_type"] == "system" and e["event_type"] == "message" for e in events)
    assert any(e["actor_type"] == "agent" and e["event_type"] == "open" for e in events)
    assert {(t, r) for t, _, r in raw["left_out"]} >= {
        ("zendesk.ticket", "deleted_in_source"), ("zendesk.ticket_comment", "deleted_in_source"),
        ("zendesk.ticket_field_history", "deleted_in_source"),
        ("zendesk.ticket_comment", "private_comment")}
    build, oracle = _build_zendesk(tmp_path, folder)
    tickets = list(oracle.tickets.values())
    assert len(tickets) > 500
    assert any(t["has_been_reopened"] for t in tickets)
    # tickets opened by an agent (first comment by an agent) are answered at
    # the agent's next public comment, never at creation
    first = {}
    for c in csv.DictReader(open(folder / "ticket_comment.csv")):
        first.setdefault(c["ticket_id"], c["user_id"])
    staff = {u["id"] for u in csv.DictReader(open(folder / "user.csv"))
             if u["role"] in ("agent", "admin")}
    by_agent = [k for k, user in first.items() if user in staff and k in oracle.tickets]
    assert len(by_agent) > 30
    assert all(oracle.tickets[k]["first_response_minutes"] != 0 for k in by_agent)
    assert any(oracle.tickets[k]["first_response_minutes"] for k in by_agent)
    assert any(t["first_response_at"] is None for t in tickets)
    assert any(t["customer_key"] is not None for t in tickets)
    assert any(t["agent_wait_minutes"] for t in tickets if t["agent_wait_minutes"])
    # the schedules are exercised: every one staged (Rails zones mapped),
    # tickets on each, moves mid-life, moves across a daylight-saving change,
    # tickets on the default schedule until a later assignment
    counts = dict(build.query("select source_table, rejected_rows from audit.audit_row_counts"))
    assert all(counts[t] == 0 for t in ("raw_schedules", "raw_schedule_holidays",
                                        "raw_ticket_schedules"))
    assert {s["schedule_id"] for s in oracle_schedules(oracle)} == {"1", "2", "3", "4", "5"}
    assert {t["schedule_id"] for t in tickets} == {None, "1", "2", "3", "4", "5"}
    assert sum(1 for t in tickets if t["schedule_changes"]) > 50
    moves = defaultdict(list)
    for a in raw["raw_ticket_schedules"]:
        moves[a["ticket_id"]].append(a["valid_from"])
    assert any(len(v) > 1 and any(str(c)[:10] in "".join(v) for c in DST_CHANGES)
               for v in moves.values()), "a move on the day of a DST change"
    around_the_clock = [t for t in tickets if t["schedule_id"] == "4"
                        and not t["schedule_changes"] and t["is_resolved"]]
    assert around_the_clock and all(
        t["full_resolution_business_minutes"] == t["full_resolution_minutes"]
        for t in around_the_clock), "24/7 without moves: business = calendar"
    _assert_support_equals_oracle(build, oracle, "generated")


def oracle_schedules(oracle):
    return [{"schedule_id": k} for k in oracle.schedules]


def test_a_missing_zendesk_schedule_table_reads_raw_schema_or_empty(tmp_path):
    """Zendesk's schedule tables are optional: without `schedule` and
    `ticket_schedule` the contract tables are read from raw_schema (here a
    raw_ticket_schedules of its own) or as empty, and the build passes."""
    folder = generate(tmp_path / "zendesk", tickets=80, seed=5)
    for table in ("schedule", "ticket_schedule"):
        (folder / f"{table}.csv").unlink()
    # schedule_holiday stays: its rows name schedules that are not staged
    (folder / "schedule_holiday.csv").write_text(
        "id,schedule_id,name,start_date,end_date,_fivetran_deleted\n")
    ticket = next(t["id"] for t in csv.DictReader(open(folder / "ticket.csv"))
                  if t["status"] != "deleted")
    extra = write_raw(tmp_path / "extra", {
        "raw_schedules": [{"schedule_id": "R1", "name": "Raw", "time_zone": "Europe/Paris",
                           "iso_weekday": "1", "start_time": "10:00", "end_time": "12:00"}],
        "raw_ticket_schedules": [{"ticket_id": ticket, "schedule_id": "R1",
                                  "valid_from": "2024-12-01 00:00:00"}]})
    for table in ("raw_schedules", "raw_ticket_schedules"):
        shutil.copy(extra / f"{table}.csv", folder / "raw")
    build, oracle = _build_zendesk(tmp_path, folder)
    _assert_support_equals_oracle(build, oracle, "without Zendesk schedules")
    assert build.query("select ticket_id, schedule_id from staging.stg_helpdesk__ticket_schedules"
                       ) == [(ticket, "R1")]


def test_generator_is_deterministic(tmp_path):
    a = generate(tmp_path / "a", tickets=50, seed=3)
    b = generate(tmp_path / "b", tickets=50, seed=3)
    c = generate(tmp_path / "c", tickets=50, seed=4)
    files = sorted(p.relative_to(a) for p in a.rglob("*.csv"))
    assert len(files) == 13
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert (a / "ticket_comment.csv").read_bytes() != (c / "ticket_comment.csv").read_bytes()


def test_the_old_raw_source_zendesk_names_the_new_var(tmp_path):
    """`raw_source: zendesk` no longer exists: it fails while dbt parses,
    with a message naming tickets_source, rather than silently reading the
    tickets from the seeds."""
    build = run_dbt(tmp_path, ["parse"], dbt_vars={"raw_source": "zendesk"})
    assert not build.success
    assert "tickets_source: zendesk" in build.messages()
    wrong = run_dbt(tmp_path, ["parse"], dbt_vars={"tickets_source": "zendsk"})
    assert not wrong.success and "tickets_source is 'zendsk'" in wrong.messages()
