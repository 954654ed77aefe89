"""Support marts against an independent Python computation from the raw CSVs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import assert_mart_matches
from conftest import Workspaces
from oracle.raw_contract import RawContract
from oracle.support import SupportOracle, business_seconds
from rawkit import good_rows, write_raw

FCT_COLUMNS = [
    "customer_key", "channel", "priority", "created_at", "first_response_at",
    "first_resolved_at", "resolved_at", "first_response_minutes",
    "first_response_business_minutes", "first_resolution_minutes",
    "first_resolution_business_minutes", "full_resolution_minutes",
    "full_resolution_business_minutes", "requester_wait_minutes",
    "requester_wait_business_minutes", "agent_wait_minutes", "agent_wait_business_minutes",
    "agent_replies", "reopen_count", "agent_handle_seconds", "is_resolved", "has_been_solved",
    "has_been_reopened", "is_one_touch", "created_month", "first_response_sla",
    "resolution_sla", "schedule_id", "schedule_changes",
]


@pytest.fixture(scope="module")
def support_oracle(bundled_contract):
    return SupportOracle(bundled_contract)


def test_fct_tickets_equals_oracle(bundled_build, support_oracle):
    rows = bundled_build.frame("select * from marts.fct_tickets")
    want = {k: {c: v[c] for c in FCT_COLUMNS} for k, v in support_oracle.tickets.items()}
    assert_mart_matches(rows, ["ticket_id"], want, "fct_tickets")


def test_mart_support_monthly_equals_oracle(bundled_build, support_oracle):
    rows = bundled_build.frame("select * from marts.mart_support_monthly")
    assert_mart_matches(rows, ["month", "channel", "priority"],
                        support_oracle.support_monthly(), "mart_support_monthly")


def test_bundled_tickets_have_texture(bundled_build, support_oracle):
    ts = list(support_oracle.tickets.values())
    assert any(t["created_at"].weekday() >= 5 for t in ts), "weekend tickets"
    assert any(t["created_at"].hour < 9 or t["created_at"].hour >= 17 for t in ts)
    assert any(t["created_at"].date() in support_oracle.holidays for t in ts), "holidays"
    assert any(t["has_been_reopened"] for t in ts)
    assert any(t["agent_wait_minutes"] for t in ts if t["agent_wait_minutes"]), "pending"
    assert any(t["first_response_at"] is None for t in ts), "unanswered"
    assert {t["first_response_sla"] for t in ts} >= {"met", "breached"}
    # the histories the one-touch rule tells apart, each in the warehouse
    # (fct_tickets), not only in the generated data: resolved with one reply
    # and never reopened; with one reply and reopened; with two or more
    # replies; with none; unresolved with one reply
    kinds = set(bundled_build.query(
        "select distinct is_resolved, least(agent_replies, 2), has_been_reopened, is_one_touch "
        "from marts.fct_tickets"))
    assert kinds >= {(True, 1, False, True), (True, 1, True, False), (True, 2, False, False),
                     (True, 2, True, False), (True, 0, False, False), (False, 1, False, False),
                     (False, 1, True, False)}
    # and an agent message after the final resolution, which is no reply
    events = {}
    for e in support_oracle.c.staged["raw_ticket_events"]:
        events.setdefault(e["ticket_id"], []).append(e)
    def agent_messages(ticket_id):
        return sum(e["actor_type"] == "agent" and e["event_type"] == "message"
                   for e in events[ticket_id])
    assert any(t["is_one_touch"] and agent_messages(k) == 2
               for k, t in support_oracle.tickets.items())


def test_bundled_events_set_tickets_open_by_hand(bundled_contract, support_oracle):
    """The bundled data has open events that end a pending or on-hold
    stretch without a customer message (so the comparisons above check that
    rule of the status timeline), on resolved tickets with waits."""
    by_ticket = {}
    for e in sorted(bundled_contract.staged["raw_ticket_events"],
                    key=lambda e: (e["event_at"], e["event_id"])):
        by_ticket.setdefault(e["ticket_id"], []).append(e)
    taken_off = set()
    for ticket_id, events in by_ticket.items():
        status = "open"
        for e in events:
            kind = e["event_type"]
            if kind == "open" and status in ("pending", "on_hold"):
                taken_off.add(ticket_id)
            if kind in ("pending", "on_hold", "solved"):
                status = kind
            elif kind in ("open", "reopened"):
                status = "open"
            elif kind == "message" and e["actor_type"] == "customer" and status != "solved":
                status = "open"
    resolved = [t for t in taken_off if support_oracle.tickets[t]["is_resolved"]]
    assert len(resolved) > 100


def _ticket_rows(specs):
    """Tickets and their events from (created, response, solved[, later])
    specs: a customer message at creation, an agent reply at `response`,
    a solve by an agent at `solved` (None: no such event), then `later`:
    (actor_type, event_type, at) events after those."""
    tickets, events = [], []
    for i, (created, response, solved, *later) in enumerate(specs):
        tid = f"TP{i:03d}"
        tickets.append({"ticket_id": tid, "channel": "email", "priority": "high",
                        "created_at": created.isoformat(sep=" ")})
        history = [("customer", "message", created)]
        if response is not None:
            history.append(("agent", "message", response))
        if solved is not None:
            history.append(("agent", "solved", solved))
        history += later[0] if later else []
        for j, (actor, kind, at) in enumerate(history):
            events.append({"event_id": f"EP{i:03d}{j:02d}", "ticket_id": tid,
                           "event_at": at.isoformat(sep=" "), "actor_type": actor,
                           "event_type": kind, "agent_id": "A1" if actor == "agent" else None})
    return tickets, events


def _histories_one_touch_tells_apart(at: dt.datetime) -> list[tuple]:
    """The histories the one-touch rule (resolved, exactly one agent reply up
    to the final resolution, never reopened) tells apart, from `at` on: in
    every example of the property test, not by chance."""
    h = dt.timedelta(hours=1)
    reopen = [("customer", "reopened", at + 26 * h)]
    return [
        (at, at + h, at + 2 * h),                                       # one-touch
        (at, at + h, at + 2 * h, reopen + [("agent", "solved", at + 28 * h)]),  # one reply,
        # reopened, solved again: not one-touch
        (at, at + h, at + 2 * h, reopen + [("agent", "message", at + 27 * h),
                                           ("agent", "solved", at + 28 * h)]),  # two replies
        (at, at + h, at + 2 * h, reopen),                               # reopened, left open
        (at, None, None, [("system", "solved", at + h)]),               # solved, no reply
        (at, at + h, at + 2 * h, [("agent", "message", at + 3 * h)]),   # a note after the solve
        (at, at + h, None, [("agent", "message", at + 2 * h),
                            ("agent", "solved", at + 3 * h)]),          # two replies
        (at, at + h, None),                                             # answered, unresolved
    ]


@pytest.fixture(scope="module")
def support_workspaces(tmp_path_factory):
    """The crafted builds of this module: one raw folder and warehouse path
    per time zone, each build from an empty warehouse, all but the first of
    each reusing the first one's parse of the project (conftest.Workspace)."""
    return Workspaces(tmp_path_factory, "support")


def _build_support(workspaces, data, tz):
    workspace = workspaces({"business_timezone": tz})
    raw = write_raw(workspace.fresh_raw(), data)
    build = workspace.run(["build", "--select", "+fct_tickets", "+mart_support_monthly",
                           "--exclude", "test_type:data", "test_type:unit"])
    assert build.success, build.messages()
    return build, SupportOracle(RawContract(raw), tz=tz)


def test_daylight_saving_in_new_york(support_workspaces):
    d = dt.datetime
    specs = [
        # Fri 16:00 EST -> Mon 10:00 EDT across spring-forward: 60 + 60 minutes
        (d(2025, 3, 7, 21), d(2025, 3, 10, 14), d(2025, 3, 10, 15)),
        # Fri 16:00 EDT -> Mon 10:00 EST across fall-back: 60 + 60 minutes
        (d(2025, 10, 31, 20), d(2025, 11, 3, 15), None),
        # a whole week across spring-forward: five 8-hour days
        (d(2025, 3, 7, 4), d(2025, 3, 14, 4), None),
    ]
    data = good_rows()
    tickets, events = _ticket_rows(specs)
    data["raw_tickets"] += tickets
    data["raw_ticket_events"] += events
    build, oracle = _build_support(support_workspaces, data, "America/New_York")
    got = dict(build.query("select ticket_id, first_response_business_minutes "
                           "from marts.fct_tickets where ticket_id like 'TP%'"))
    assert got == {"TP000": 120.0, "TP001": 120.0, "TP002": 5 * 480.0}
    rows = build.frame("select * from marts.fct_tickets")
    want = {k: {c: v[c] for c in FCT_COLUMNS} for k, v in oracle.tickets.items()}
    assert_mart_matches(rows, ["ticket_id"], want, "fct_tickets (New York)")


def test_oracle_business_time_walks_days():
    """The oracle itself on hand-checked cases (UTC, no holidays)."""
    d = dt.datetime
    assert business_seconds(d(2025, 1, 3, 16), d(2025, 1, 6, 10), set()) == 7200
    assert business_seconds(d(2025, 1, 4, 0), d(2025, 1, 5, 23), set()) == 0
    assert business_seconds(d(2025, 1, 6, 8), d(2025, 1, 6, 18), {dt.date(2025, 1, 6)}) == 0


instant = st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2026, 6, 30))
# after the solve, maybe: reopened (seconds later), a reply (or none), solved
# again (or left open)
reopening = st.one_of(st.none(), st.tuples(
    st.integers(1, 5 * 24 * 3600), st.booleans(),
    st.one_of(st.none(), st.integers(1, 2 * 24 * 3600))))
interval = st.tuples(instant, st.integers(0, 400 * 24 * 3600), st.integers(0, 10 * 24 * 3600),
                     reopening)


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
@given(intervals=st.lists(interval, min_size=1, max_size=25),
       tz=st.sampled_from(["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata"]),
       anchor=instant)
def test_random_intervals_agree_with_the_oracle_to_the_second(support_workspaces, intervals,
                                                              tz, anchor):
    specs = _histories_one_touch_tells_apart(anchor.replace(microsecond=0))
    second = dt.timedelta(seconds=1)
    for created, to_response, to_solve, reopened in intervals:
        created = created.replace(microsecond=0)
        response = created + to_response * second
        solved = response + to_solve * second
        later = []
        if reopened is not None:
            to_reopen, replies, to_solve_again = reopened
            at = solved + to_reopen * second
            later.append(("customer", "reopened", at))
            if replies:
                later.append(("agent", "message", at + second))
            if to_solve_again is not None:
                later.append(("agent", "solved", at + (1 + to_solve_again) * second))
        specs.append((created, response, solved, later))
    data = good_rows()
    tickets, events = _ticket_rows(specs)
    data["raw_tickets"] += tickets
    data["raw_ticket_events"] += events
    data["raw_holidays"] += [{"holiday_date": "2025-12-25", "name": "Christmas"},
                             {"holiday_date": "2024-07-04", "name": "Independence Day"}]
    build, oracle = _build_support(support_workspaces, data, tz)
    rows = build.frame("select * from marts.fct_tickets")
    want = {k: {c: v[c] for c in FCT_COLUMNS} for k, v in oracle.tickets.items()}
    assert_mart_matches(rows, ["ticket_id"], want, f"fct_tickets ({tz})")
    assert_mart_matches(build.frame("select * from marts.mart_support_monthly"),
                        ["month", "channel", "priority"], oracle.support_monthly(),
                        f"mart_support_monthly ({tz})")
