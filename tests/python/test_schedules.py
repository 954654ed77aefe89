"""Business time under each ticket's own schedules (raw_schedules, one row
per weekly interval, raw_schedule_holidays, raw_ticket_schedules): every
business duration of fct_tickets against the support oracle, which walks
the local days of each schedule in force, stretch by stretch."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections import defaultdict
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import assert_mart_matches
from conftest import ROOT, Workspace, run_dbt
from oracle.raw_contract import RawContract
from oracle.support import SupportOracle, schedule_seconds
from rawkit import good_rows, write_raw
from compare import same
from test_semantic_layer import mf_csv, semantic_env
from test_support_metrics import FCT_COLUMNS

BUSINESS = ["first_response_business_minutes", "first_resolution_business_minutes",
            "full_resolution_business_minutes", "requester_wait_business_minutes",
            "agent_wait_business_minutes"]
CALENDAR = [c.replace("_business", "") for c in BUSINESS]
# daylight-saving changes of the bundled schedules' zones in 2025
DST_DAYS = [dt.datetime(2025, 3, 30, 1), dt.datetime(2025, 10, 26, 1),    # Europe
            dt.datetime(2025, 3, 9, 7), dt.datetime(2025, 11, 2, 6),      # US
            dt.datetime(2025, 4, 5, 16), dt.datetime(2025, 10, 4, 16)]    # Sydney


def _assignments(contract: RawContract, seed: int):
    """Schedule rows for about a third of the bundled tickets: one to three
    switches each, before creation, at one of its events (a boundary), in
    its life, or at a daylight-saving change; and 20 tickets on the 24/7
    schedule from before their creation."""
    rng = random.Random(seed)
    schedules = sorted({s["schedule_id"] for s in contract.staged["raw_schedules"]
                        if s["schedule_id"] != "S90"})
    events = defaultdict(list)
    for e in contract.staged["raw_ticket_events"]:
        events[e["ticket_id"]].append(e["event_at"])
    rows, around_the_clock = {}, []
    for t in sorted(contract.staged["raw_tickets"], key=lambda t: t["ticket_id"]):
        tid, created = t["ticket_id"], t["created_at"]
        draw = rng.random()
        if draw < 0.01 and len(around_the_clock) < 20:
            around_the_clock.append(tid)
            at = created - dt.timedelta(days=1)
            rows[(tid, at)] = "S90"
            continue
        if draw > 0.35:
            continue
        for _ in range(rng.randint(1, 3)):
            kind = rng.random()
            if kind < 0.2:
                at = created - dt.timedelta(seconds=rng.randint(1, 500 * 3600))
            elif kind < 0.45 and events[tid]:
                at = rng.choice(events[tid])
            elif kind < 0.55:
                at = rng.choice(DST_DAYS) + dt.timedelta(minutes=rng.randint(-90, 90))
            else:
                at = created + dt.timedelta(seconds=rng.randint(0, 10 * 86400))
            rows[(tid, at)] = rng.choice(schedules)
    table = [{"ticket_id": tid, "schedule_id": sid, "valid_from": at.isoformat(sep=" ")}
             for (tid, at), sid in sorted(rows.items())]
    return table, around_the_clock


@pytest.fixture(scope="module")
def scheduled_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("schedules")
    raw = tmp / "raw"
    shutil.copytree(ROOT / "seeds" / "raw", raw, ignore=shutil.ignore_patterns("*.yml"))
    rows, around_the_clock = _assignments(RawContract(raw), seed=20261205)
    data = {"raw_ticket_schedules": rows}
    write_raw(tmp / "assignments", data)
    shutil.copy(tmp / "assignments" / "raw_ticket_schedules.csv", raw)
    # metricflow_time_spine: the semantic layer's queries need it
    build = run_dbt(tmp, ["build", "--select", "+fct_tickets", "+mart_support_monthly",
                          "metricflow_time_spine",
                          "--exclude", "test_type:data", "test_type:unit"], raw_dir=raw)
    assert build.success, build.messages()
    return build, SupportOracle(RawContract(raw)), around_the_clock


def test_every_ticket_matches_the_oracle_under_schedule_switches(scheduled_build):
    build, oracle, _ = scheduled_build
    rows = build.frame("select * from marts.fct_tickets")
    want = {k: {c: v[c] for c in FCT_COLUMNS} for k, v in oracle.tickets.items()}
    assert_mart_matches(rows, ["ticket_id"], want, "fct_tickets (schedules)")
    assert_mart_matches(build.frame("select * from marts.mart_support_monthly"),
                        ["month", "channel", "priority"], oracle.support_monthly(),
                        "mart_support_monthly (schedules)")


def test_the_generated_switches_have_texture(scheduled_build):
    build, oracle, _ = scheduled_build
    tickets = oracle.tickets.values()
    assert sum(t["schedule_changes"] > 0 for t in tickets) > 100
    assert sum(t["schedule_id"] is not None for t in tickets) > 100
    # the schedules move business time: some ticket differs from the default
    default = SupportOracle(RawContract(ROOT / "seeds" / "raw")).tickets
    moved = [k for k, t in oracle.tickets.items()
             if t["full_resolution_business_minutes"]
             != default[k]["full_resolution_business_minutes"]]
    assert len(moved) > 100
    got = dict(build.query("select schedule_id, count(*) from marts.fct_tickets "
                           "where schedule_id is not null group by 1"))
    assert len(got) >= 10


def test_a_24_7_schedule_counts_every_minute(scheduled_build):
    build, _, around_the_clock = scheduled_build
    assert len(around_the_clock) >= 10
    rows = build.frame("select * from marts.fct_tickets where ticket_id in ("
                       + ", ".join(f"'{t}'" for t in around_the_clock) + ")")
    assert len(rows) == len(around_the_clock)
    for row in rows:
        assert row["schedule_id"] == "S90"
        for business, calendar in zip(BUSINESS, CALENDAR):
            assert row[business] == row[calendar], (row["ticket_id"], business)


def test_semantic_layer_by_schedule_equals_the_oracle(scheduled_build, tmp_path):
    """MetricFlow, grouped by the schedule at creation (ticket__schedule_id,
    'default' for the vars' schedule), per month: tickets, mean business
    first response and first-response SLA attainment equal the oracle's
    tickets grouped the same way."""
    build, oracle, _ = scheduled_build
    rows = mf_csv(semantic_env(build.db_path, tmp_path),
                  ["tickets_created", "mean_first_response_business_minutes",
                   "sla_attainment_pct"], ["metric_time__month", "ticket__schedule_id"])
    cells = defaultdict(list)
    for t in oracle.tickets.values():
        cells[(t["created_month"], t["schedule_id"] or "default")].append(t)
    want = {}
    for key, ts in cells.items():
        answered = [t["first_response_business_minutes"] for t in ts
                    if t["first_response_business_minutes"] is not None]
        met = sum(t["first_response_sla"] == "met" for t in ts)
        decided = met + sum(t["first_response_sla"] == "breached" for t in ts)
        want[key] = (len(ts), sum(answered) / len(answered) if answered else None,
                     100.0 * met / decided if decided else None)

    def number(text):
        return float(text) if text not in ("", "None") else None
    got = {(dt.date.fromisoformat(r["metric_time__month"][:10]), r["ticket__schedule_id"]):
           (int(r["tickets_created"]), number(r["mean_first_response_business_minutes"]),
            number(r["sla_attainment_pct"])) for r in rows}
    assert len({s for _, s in got}) > 10, "tickets on many schedules"
    assert set(got) == set(want)
    for key, (n, mean, attained) in want.items():
        assert got[key][0] == n, key
        assert same(got[key][1], mean), (key, got[key][1], mean)
        assert same(got[key][2], attained), (key, got[key][2], attained)


def test_oracle_schedule_walk_on_hand_checked_cases():
    d = dt.datetime
    berlin = {"zone": ZoneInfo("Europe/Berlin"), "holidays": {dt.date(2025, 12, 24)},
              "hours": {1: [(480, 720), (780, 1110)], 2: [(480, 720), (600, 800)],
                        7: [(0, 1440)]}}
    # Monday 2025-03-31 (CEST, UTC+2): 08:00-12:00 and 13:00-18:30 local
    assert schedule_seconds(d(2025, 3, 31, 0), d(2025, 4, 1, 0), berlin) == 9.5 * 3600
    # Tuesday: overlapping 08:00-12:00 and 10:00-13:20 count once (5h20)
    assert schedule_seconds(d(2025, 4, 1, 0), d(2025, 4, 2, 0), berlin) == 320 * 60
    # Sunday 2025-03-30, the spring-forward day, 00:00-24:00 local: 23 hours
    assert schedule_seconds(d(2025, 3, 29, 23), d(2025, 3, 30, 22), berlin) == 23 * 3600
    # a holiday has no business time
    assert schedule_seconds(d(2025, 12, 23, 23), d(2025, 12, 24, 23), berlin) == 0


zone = st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
                        "Australia/Sydney", "Asia/Kathmandu"])
minute = st.integers(0, 96).map(lambda q: q * 15)
span = st.tuples(st.integers(1, 7), minute, minute).filter(lambda s: s[1] < s[2])
schedule = st.tuples(zone, st.lists(span, min_size=1, max_size=6),
                     st.lists(st.tuples(st.integers(0, 500), st.integers(0, 3)), max_size=3))
instant = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2025, 12, 1))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """One raw folder and warehouse path for the crafted builds below, so
    each build after the first reuses the first one's parse of the project
    (conftest.Workspace); every build starts from an empty warehouse."""
    return Workspace(tmp_path_factory.mktemp("schedules"))


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
@given(schedules=st.lists(schedule, min_size=1, max_size=3),
       tickets=st.lists(st.tuples(instant, st.integers(0, 20 * 86400),
                                  st.integers(0, 10 * 86400),
                                  st.lists(st.tuples(st.integers(-3 * 86400, 30 * 86400),
                                                     st.integers(0, 2)), max_size=3)),
                        min_size=1, max_size=12))
def test_random_schedules_agree_with_the_oracle(workspace, schedules, tickets):
    """Random schedules (zones with and without daylight saving, half-hour
    and 45-minute offsets; several intervals a day, overlapping or not;
    holiday ranges), random tickets and random switch instants."""
    data = good_rows()
    data["raw_schedules"] = []
    data["raw_schedule_holidays"], data["raw_ticket_schedules"] = [], []
    for i, (tz, spans, holidays) in enumerate(schedules):
        sid = f"SP{i}"
        for weekday, a, b in sorted({(w, a, b) for w, a, b in spans}):
            data["raw_schedules"].append({
                "schedule_id": sid, "name": sid, "time_zone": tz, "iso_weekday": str(weekday),
                "start_time": f"{a // 60:02d}:{a % 60:02d}",
                "end_time": f"{b // 60:02d}:{b % 60:02d}"})
        for start, length in {(s, n) for s, n in holidays}:
            first = dt.date(2025, 1, 1) + dt.timedelta(days=start)
            data["raw_schedule_holidays"].append({
                "schedule_id": sid, "start_date": first.isoformat(),
                "end_date": (first + dt.timedelta(days=length)).isoformat()})
    # one start per weekday and time: the key of raw_schedules
    seen, kept = set(), []
    for row in data["raw_schedules"]:
        key = (row["schedule_id"], row["iso_weekday"], row["start_time"])
        if key not in seen:
            seen.add(key)
            kept.append(row)
    data["raw_schedules"] = kept
    seen = set()
    for i, (created, to_response, to_solve, switches) in enumerate(tickets):
        tid, created = f"TS{i:03d}", created.replace(microsecond=0)
        response = created + dt.timedelta(seconds=to_response)
        solved = response + dt.timedelta(seconds=to_solve)
        data["raw_tickets"].append({"ticket_id": tid, "channel": "email", "priority": "high",
                                    "created_at": created.isoformat(sep=" ")})
        for suffix, at, actor, kind in (("a", created, "customer", "message"),
                                        ("b", response, "agent", "message"),
                                        ("c", solved, "agent", "solved")):
            data["raw_ticket_events"].append({
                "event_id": f"E{tid}{suffix}", "ticket_id": tid, "event_at": at.isoformat(sep=" "),
                "actor_type": actor, "event_type": kind, "agent_id": "A1"})
        for offset, which in switches:
            at = (created + dt.timedelta(seconds=offset)).isoformat(sep=" ")
            if (tid, at) not in seen:
                seen.add((tid, at))
                data["raw_ticket_schedules"].append({
                    "ticket_id": tid, "schedule_id": f"SP{which % len(schedules)}",
                    "valid_from": at})
    raw = write_raw(workspace.fresh_raw(), data)
    build = workspace.run(["build", "--select", "+fct_tickets",
                           "--exclude", "test_type:data", "test_type:unit"])
    assert build.success, build.messages()
    oracle = SupportOracle(RawContract(raw))
    rows = build.frame("select * from marts.fct_tickets")
    want = {k: {c: v[c] for c in FCT_COLUMNS} for k, v in oracle.tickets.items()}
    assert_mart_matches(rows, ["ticket_id"], want, "fct_tickets (random schedules)")


def test_the_worked_example_of_the_metrics_page(workspace):
    """docs/metrics.md, per-ticket schedules: created Friday 17:30 in Berlin
    (CET) on office hours Monday-Friday 08:00-12:00 and 13:00-18:30, moved
    to a 24/7 schedule on Saturday 10:00 UTC, answered Saturday 12:00 UTC:
    60 business minutes before the move and 120 after it."""
    data = good_rows()
    data["raw_schedules"] = (
        [{"schedule_id": "BER", "name": "Berlin office", "time_zone": "Europe/Berlin",
          "iso_weekday": str(d), "start_time": a, "end_time": b}
         for d in range(1, 6) for a, b in (("08:00", "12:00"), ("13:00", "18:30"))]
        + [{"schedule_id": "ALL", "name": "24/7", "time_zone": "UTC", "iso_weekday": str(d),
            "start_time": "00:00", "end_time": "24:00"} for d in range(1, 8)])
    data["raw_schedule_holidays"] = []
    data["raw_tickets"].append({"ticket_id": "TX", "channel": "email", "priority": "high",
                                "created_at": "2025-01-10T17:30:00+01:00"})
    data["raw_ticket_events"] += [
        {"event_id": "EX1", "ticket_id": "TX", "event_at": "2025-01-10T16:30:00Z",
         "actor_type": "customer", "event_type": "message"},
        {"event_id": "EX2", "ticket_id": "TX", "event_at": "2025-01-11T12:00:00Z",
         "actor_type": "agent", "event_type": "message", "agent_id": "A1"}]
    data["raw_ticket_schedules"] = [
        {"ticket_id": "TX", "schedule_id": "BER", "valid_from": "2025-01-10T16:30:00Z"},
        {"ticket_id": "TX", "schedule_id": "ALL", "valid_from": "2025-01-11T10:00:00Z"}]
    write_raw(workspace.fresh_raw(), data)
    build = workspace.run(["build", "--select", "+fct_tickets",
                           "--exclude", "test_type:data", "test_type:unit"])
    assert build.success, build.messages()
    assert build.query(
        "select first_response_business_minutes, first_response_minutes, schedule_id, "
        "schedule_changes from marts.fct_tickets where ticket_id = 'TX'"
    ) == [(180.0, 1170.0, "BER", 1)]
