"""Incremental daily runs equal a full build, byte for byte.

The bundled raw data is landed as a daily process would land it
(cx_tools.raw_days: a history file per table, then one file per later day),
with rows added to the day files that make a day change the past: a key that
conflicts with a history row, an exact duplicate of one, a later answer that
supersedes a history answer, an order and events that arrive before their
customer and ticket, an event dated before its ticket, a reopened history
ticket, a new customer record that becomes the canonical record of a history
customer, an invitation that arrives after its response, a new holiday,
schedule assignments of history tickets (business times move), a new
schedule that a later day's row contradicts (its rows, the earlier day's
too, become conflicting_key and its ticket falls back to the default
schedule), and rows with no key or an unreadable timestamp. The project is built on the
history, then `dbt build` runs again after each day's files arrive (the
last October day with November's, so that as_of_date leaves a month that
is not over yet: its rows must be completed by the next month's run). Then
files already loaded are rewritten in place, as a nightly export rewrites
its file (each with more rows, a changed row and a removed row: a holiday,
an order, a customer record, an event; raw_holidays is one single
raw_holidays.csv, the others files inside raw_<table>/), and built again;
then a loaded day file disappears, and the next run removes its rows and
names it. The result must equal a full build on the same files in every
staged view, intermediate table, fact, mart and audit. And before the
rewrite, which reloads every customer record and so recomputes every
customer, each downstream incremental model recomputed whole from the
tables the days left must equal the one the daily runs kept up to date: a
change a model's affected keys miss cannot hide behind that later reload.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_dbt
from cx_tools.raw_days import split_by_day
from rawkit import COLUMNS

# the downstream incremental models (incremental_config)
INCREMENTAL_MODELS = sorted(
    p.stem for p in (ROOT / "models").rglob("*.sql")
    if "incremental_config(" in p.read_text(encoding="utf-8"))
CUTOFF = dt.date(2026, 10, 27)
DAYS = ["day-2026-10-28", "day-2026-10-29", "day-2026-10-30", "day-2026-10-31"]
SCHEMAS = ("staging", "intermediate", "marts", "audit")
BUILD = ["build", "--exclude", "test_type:unit"]


def _append(folder: Path, table: str, day: str, rows: list[dict]):
    path = folder / table / f"{day}.csv"
    new = not path.exists()
    with open(path, "a", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS[table], lineterminator="\n")
        if new:
            w.writeheader()
        for row in rows:
            w.writerow({c: row.get(c) for c in COLUMNS[table]})


def _history(folder: Path, table: str) -> list[dict]:
    with open(folder / table / "history.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _craft_days(landed: Path, contract) -> dict:
    """Rows that make the day files change history; returns the ids used."""
    staged = contract.staged
    customers = {c["customer_id"]: c for c in staged["raw_customers"]}
    completed = {o["customer_id"] for o in staged["raw_orders"] if o["status"] == "completed"}
    with_email = [c for c in customers.values()
                  if c["email"] and c["customer_id"] in completed]
    conflicted, merged = with_email[0], with_email[1]
    raw_orders = _history(landed, "raw_orders")
    duplicated = next(o for o in raw_orders if o["order_id"].startswith("O"))
    # an answer and a ticket of a known customer, from before October, so
    # that their changes reach the customer months of an earlier month (the
    # last such: the first customer record is the conflicted one)
    answered = [r for r in staged["raw_survey_responses"]
                if r["invitation_id"] and r["customer_id"] in customers
                and r["responded_at"] < dt.datetime(2026, 10, 1)][-1]
    ticket_customer = {t["ticket_id"]: t["customer_id"] for t in staged["raw_tickets"]}
    events_by_ticket = {}
    for e in staged["raw_ticket_events"]:
        events_by_ticket.setdefault(e["ticket_id"], []).append(e)
    resolved = [t for t, evs in events_by_ticket.items()
                if ticket_customer.get(t) in customers
                and max(evs, key=lambda e: (e["event_at"], e["event_id"]))["event_type"]
                == "solved" and max(e["event_at"] for e in evs) < dt.datetime(2026, 10, 1)][-1]
    question = next(q for q in staged["raw_survey_questions"] if q["metric"] == "nps")

    _append(landed, "raw_orders", DAYS[0], [
        dict(duplicated),  # duplicate_row of a history order
        {"order_id": "O-GUEST", "customer_id": "C-LATE", "ordered_at": "2026-10-28T10:00:00Z",
         "amount": "42.00", "status": "completed"},  # before its customer arrives
        {"order_id": "", "customer_id": "C-LATE", "ordered_at": "2026-10-28T10:00:00Z",
         "amount": "1.00", "status": "completed"},  # missing_key
    ])
    _append(landed, "raw_ticket_events", DAYS[0], [
        {"event_id": "E-EARLY", "ticket_id": "T-LATE", "event_at": "2026-10-28T12:00:00Z",
         "actor_type": "customer", "event_type": "message"},
        {"event_id": "E-BEFORE", "ticket_id": "T-LATE", "event_at": "2026-10-28T09:00:00Z",
         "actor_type": "agent", "event_type": "message", "agent_id": "A01",
         "handle_seconds": "30"},
        {"event_id": "E-BADTIME", "ticket_id": "T-LATE", "event_at": "28/10/2026 12:00",
         "actor_type": "agent", "event_type": "message"},
    ])
    _append(landed, "raw_customers", DAYS[1], [
        dict(conflicted, email="someone.else@example.com",
             signup_at=conflicted["signup_at"].isoformat()),  # conflicting_key
    ])
    _append(landed, "raw_ticket_events", DAYS[1], [
        {"event_id": "E-REOPEN", "ticket_id": resolved, "event_at": "2026-10-29T10:00:00Z",
         "actor_type": "customer", "event_type": "reopened"},
    ])
    _append(landed, "raw_survey_responses", DAYS[1], [
        {"response_id": "R-BEFORE-INVITE", "invitation_id": "I-LATE",
         "question_id": question["question_id"], "touchpoint": "website", "channel": "web",
         "responded_at": "2026-10-29T08:00:00Z", "score": "3", "comment": "too slow"},
    ])
    _append(landed, "raw_tickets", DAYS[2], [
        {"ticket_id": "T-LATE", "customer_id": merged["customer_id"], "channel": "chat",
         "priority": "high", "created_at": "2026-10-28T11:00:00Z", "subject": "Late ticket"},
    ])
    _append(landed, "raw_survey_responses", DAYS[2], [
        {"response_id": "R-LATER", "invitation_id": answered["invitation_id"],
         "question_id": answered["question_id"], "touchpoint": answered["touchpoint"],
         "channel": answered["channel"], "responded_at": "2026-10-30T09:00:00Z",
         "score": str(answered["score"]), "comment": "changed my mind"},  # supersedes
    ])
    _append(landed, "raw_customers", DAYS[2], [
        {"customer_id": "C-MERGED", "email": "  " + merged["email"].upper(),
         "signup_at": (merged["signup_at"] - dt.timedelta(days=3)).isoformat(),
         "segment": "smb", "country": "DE"},  # becomes the canonical record
    ])
    _append(landed, "raw_customers", DAYS[3], [
        {"customer_id": "C-LATE", "email": "late@example.com",
         "signup_at": "2026-10-31T08:00:00Z", "segment": "consumer", "country": "FR"},
    ])
    _append(landed, "raw_survey_invitations", DAYS[3], [
        {"invitation_id": "I-LATE", "customer_id": merged["customer_id"],
         "question_id": question["question_id"], "touchpoint": "delivery", "channel": "sms",
         "sent_at": "2026-10-28T07:00:00Z"},
    ])
    _append(landed, "raw_ticket_events", DAYS[3], [
        {"event_id": "E-REPLY", "ticket_id": resolved, "event_at": "2026-10-31T10:00:00Z",
         "actor_type": "agent", "event_type": "message", "agent_id": "A02",
         "handle_seconds": "60"},
        {"event_id": "E-RESOLVE", "ticket_id": resolved, "event_at": "2026-10-31T11:00:00Z",
         "actor_type": "agent", "event_type": "solved", "agent_id": "A02",
         "handle_seconds": "20"},
    ])
    # schedules: 24 history tickets put on bundled schedules (two of them
    # move mid-life), and the reopened ticket on a new schedule S-LATE that
    # DAYS[2] contradicts (another time zone): both S-LATE rows become
    # conflicting_key, its assignment unknown_schedule (1 of 25: under the
    # 5% that fails a build), and the ticket is back on the default schedule
    created = {t["ticket_id"]: t["created_at"] for t in staged["raw_tickets"]}
    tickets = sorted(t for t in events_by_ticket if t != resolved
                     and t in created and created[t] < dt.datetime(2026, 10, 1))[:24]
    assignments = [
        {"ticket_id": t, "schedule_id": f"S{i % 12 + 1:02d}",
         "valid_from": (created[t] - dt.timedelta(days=1)).isoformat()}
        for i, t in enumerate(tickets)]
    assignments += [
        {"ticket_id": t, "schedule_id": "S90",
         "valid_from": (created[t] + dt.timedelta(hours=5)).isoformat()}
        for t in tickets[:2]]
    late = {"schedule_id": "S-LATE", "name": "Late desk", "time_zone": "Europe/Paris",
            "iso_weekday": "1", "start_time": "09:00", "end_time": "17:00"}
    _append(landed, "raw_schedules", DAYS[0], [late])
    _append(landed, "raw_ticket_schedules", DAYS[0], assignments[:-1] + [
        {"ticket_id": resolved, "schedule_id": "S-LATE",
         "valid_from": (created[resolved] - dt.timedelta(days=1)).isoformat()}])
    _append(landed, "raw_ticket_schedules", DAYS[1], assignments[-1:])
    _append(landed, "raw_schedules", DAYS[2], [
        dict(late, time_zone="Europe/Madrid", iso_weekday="2")])
    _append(landed, "raw_holidays", "late-holiday", [
        {"holiday_date": "2026-10-29", "name": "A late holiday"},
    ])
    return {"conflicted": conflicted["customer_id"], "merged": merged["customer_id"],
            "duplicated": duplicated["order_id"], "superseded": answered["response_id"],
            "reopened": resolved, "scheduled": tickets}


def _rewrite(path: Path, change) -> None:
    """Rewrite a raw CSV file in place with change(rows) (same header)."""
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        columns, rows = reader.fieldnames, list(reader)
    rows = change(rows)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def _rewrite_loaded_files(raw: Path, ids: dict, contract) -> dict:
    """Rewrite four loaded files in place, each with one more row, one
    changed row and one removed row (rows the bundled data stages, so
    that each change shows); returns what was done."""
    done = {}
    staged = {table: {r[key] for r in contract.staged[table]} for table, key in (
        ("raw_orders", "order_id"), ("raw_customers", "customer_id"),
        ("raw_ticket_events", "event_id"))}
    crafted = {ids["duplicated"], ids["conflicted"], ids["merged"]}

    def holidays(rows):
        done["holiday_removed"] = rows[0]["holiday_date"]
        done["holiday_moved"] = rows[1]["holiday_date"]
        rows[1] = dict(rows[1], holiday_date="2026-10-23", name="Moved holiday")
        return rows[1:] + [{"holiday_date": "2026-10-22", "name": "Added holiday"}]

    def orders(rows):
        natural = [r for r in rows
                   if r["order_id"] in staged["raw_orders"] and r["order_id"] not in crafted]
        removed, changed = natural[0], natural[1]
        done["order_removed"], done["order_changed"] = removed["order_id"], changed["order_id"]
        changed.update(customer_id=ids["merged"], amount="1234.50")
        return [r for r in rows if r is not removed] + [
            dict(natural[2], order_id="O-REWRITE", amount="77.70")]

    def customers(rows):
        removed, changed = [r for r in rows if r["customer_id"] in staged["raw_customers"]
                            and r["customer_id"] not in crafted][:2]
        done["customer_removed"] = removed["customer_id"]
        done["customer_changed"] = changed["customer_id"]
        changed["email"] = "rewritten.record@example.com"
        return [r for r in rows if r is not removed] + [
            dict(changed, customer_id="C-REWRITE", email="added.record@example.com")]

    def events(rows):
        removed, changed, copied = [r for r in rows
                                    if r["event_id"] in staged["raw_ticket_events"]][:3]
        other = next(r["ticket_id"] for r in rows if r["ticket_id"] != changed["ticket_id"])
        done["event_removed"], done["event_changed"] = removed["event_id"], changed["event_id"]
        done["event_new_ticket"] = other
        changed["ticket_id"] = other
        return [r for r in rows if r is not removed] + [dict(copied, event_id="E-REWRITE")]

    _rewrite(raw / "raw_holidays.csv", holidays)
    _rewrite(raw / "raw_orders" / f"{DAYS[0]}.csv", orders)
    _rewrite(raw / "raw_customers" / "history.csv", customers)
    _rewrite(raw / "raw_ticket_events" / f"{DAYS[2]}.csv", events)
    return done


def _tables(build) -> list[tuple[str, str, list[str]]]:
    rows = build.query(
        "select table_schema, table_name, list(column_name order by ordinal_position) "
        "from information_schema.columns where table_schema in "
        f"({', '.join(repr(s) for s in SCHEMAS)}) "
        # bookkeeping of the runs themselves, which differ by construction
        "and table_name not in ('cx_incremental_state', 'cx_build_runs', "
        "'cx_build_run_nodes', 'cx_raw_files_checked', 'cx_raw_files_loaded') "
        "and table_name not like 'cx\\_replaced\\_\\_%' escape '\\' "
        "group by 1, 2 order by 1, 2")
    return [(s, t, [c for c in cols if c != "cx_batch"]) for s, t, cols in rows
            if s != "staging" or t.startswith("stg_")]


def _differences(a, b) -> list[str]:
    """Rows of either build missing from the other, per table (and the
    tables only one build has).

    Each build's tables are exported to Parquet through its own connection
    and compared in a third, in-memory database: dbt-duckdb keeps the last
    build's database open in this process, DuckDB refuses to attach a file
    that one of the process's instances holds, and the views of an attached
    file name their own catalog, so neither file can be attached to the
    other's connection."""
    import tempfile

    import duckdb

    found = []
    tables_a, tables_b = _tables(a), _tables(b)
    names_a = {(s, t) for s, t, _ in tables_a}
    names_b = {(s, t) for s, t, _ in tables_b}
    found += [f"{s}.{t}: only in the first build" for s, t in sorted(names_a - names_b)]
    found += [f"{s}.{t}: only in the second build" for s, t in sorted(names_b - names_a)]
    with tempfile.TemporaryDirectory(prefix="cx_compare_") as folder:
        for side, build in (("a", a), ("b", b)):
            with build.connect() as con:
                for schema, table, columns in tables_a:
                    if (schema, table) not in names_b:
                        continue
                    cols = ", ".join(f'"{c}"' for c in columns)
                    con.execute(f"copy (select {cols} from {schema}.{table}) "
                                f"to '{folder}/{side}.{schema}.{table}.parquet' "
                                "(format parquet)")
        with duckdb.connect() as con:
            for schema, table, _ in tables_a:
                if (schema, table) not in names_b:
                    continue
                x, y = (f"read_parquet('{folder}/{side}.{schema}.{table}.parquet')"
                        for side in ("a", "b"))
                for label, first, second in ((f"{schema}.{table}", x, y),
                                             (f"other.{schema}.{table}", y, x)):
                    n = con.execute(f"select count(*) from (select * from {first} "
                                    f"except all select * from {second})").fetchone()[0]
                    if n:
                        found.append(f"{label}: {n} rows not in the other build")
    return found


@pytest.fixture(scope="module")
def landed_builds(tmp_path_factory, bundled_contract):
    tmp = tmp_path_factory.mktemp("incremental")
    landed = tmp / "landed"
    split_by_day(ROOT / "seeds" / "raw", landed, CUTOFF, "csv")
    ids = _craft_days(landed, bundled_contract)
    later = sorted(p.name for p in (landed / "raw_ticket_events").glob("day-2026-11-*"))

    raw = tmp / "raw"
    for folder in landed.iterdir():
        (raw / folder.name).mkdir(parents=True)
        shutil.copy(folder / "history.csv", raw / folder.name)
    # one table as a single raw_<table>.csv beside its folder
    (raw / "raw_holidays" / "history.csv").rename(raw / "raw_holidays.csv")
    daily_db = tmp / "daily.duckdb"
    # the history build and the daily runs: the same warehouse, raw folder,
    # vars and target path, so the daily runs read the project as the
    # history build parsed it (the parser never reads the raw files)
    history = run_dbt(tmp / "run", BUILD, raw_dir=raw, db_path=daily_db, partial_parse=True)
    assert history.success, history.messages()
    # the last October day arrives with November's files: as_of_date moves
    # from October 30 into November in one run, so October's customer
    # months are completed by a run of a later month
    arrivals = [[d] for d in DAYS[:-1]] + [[DAYS[-1], *later, "late-holiday.csv"]]
    for names in arrivals:
        for folder in landed.iterdir():
            for name in names:
                for f in folder.glob(name if name.endswith(".csv") else f"{name}.csv"):
                    shutil.copy(f, raw / folder.name)
        daily = run_dbt(tmp / "run", BUILD, raw_dir=raw, db_path=daily_db,
                        partial_parse=True)
        assert daily.success, (names, daily.messages())
    # Before the rewrite (which reloads every customer record, so every
    # customer is recomputed): each incremental model recomputed whole from
    # the same upstream tables, on a copy of the daily warehouse, equals
    # what the daily runs made of it
    # (the copy keeps the file name: the views name their catalog)
    daily.query("checkpoint")
    copy = tmp / "refresh" / daily_db.name
    copy.parent.mkdir()
    shutil.copy(daily_db, copy)
    refreshed = run_dbt(tmp / "refresh", ["run", "--full-refresh", "--select",
                                          *INCREMENTAL_MODELS], raw_dir=raw, db_path=copy)
    assert refreshed.success, refreshed.messages()
    ids["refreshed"] = _differences(refreshed, daily)
    # files already loaded, rewritten in place
    ids["rewritten"] = _rewrite_loaded_files(raw, ids, bundled_contract)
    daily = run_dbt(tmp / "run", BUILD, raw_dir=raw, db_path=daily_db, partial_parse=True)
    assert daily.success, ("rewritten", daily.messages())
    # a loaded day file disappears: its rows go, and the run names it
    gone = raw / "raw_ticket_events" / later[0]
    gone.unlink()
    daily = run_dbt(tmp / "run", BUILD, raw_dir=raw, db_path=daily_db, partial_parse=True)
    assert daily.success, ("disappeared", daily.messages())
    # the debug log of the runs (dbt rotates it: every part)
    ids["gone"], ids["gone_log"] = str(gone), "".join(
        f.read_text(encoding="utf-8") for f in (tmp / "run" / "logs").glob("dbt.log*"))
    full = run_dbt(tmp / "full", BUILD, raw_dir=raw)
    assert full.success, full.messages()
    return daily, full, ids


def test_daily_runs_equal_a_full_build(landed_builds):
    daily, full, _ = landed_builds
    assert _differences(full, daily) == []


def test_daily_runs_equal_incremental_models_recomputed_whole(landed_builds):
    """After the days (before a rewrite reloads every customer record): each
    downstream incremental model recomputed whole from the tables the daily
    runs left equals the one they kept up to date."""
    _, _, ids = landed_builds
    assert len(INCREMENTAL_MODELS) >= 7, INCREMENTAL_MODELS
    assert ids["refreshed"] == []


def test_the_days_changed_history(landed_builds):
    """The crafted rows did what they are for, so the equality above is not
    vacuous."""
    _, full, ids = landed_builds
    reasons = dict(full.query(
        "select source_key || '/' || reason, count(*) from audit.audit_rejected_rows "
        "group by 1"))
    assert reasons.get(f"{ids['conflicted']}/conflicting_key") == 2
    assert reasons.get(f"{ids['duplicated']}/duplicate_row") == 1
    assert reasons.get(f"{ids['superseded']}/superseded") == 1
    assert reasons.get("E-BEFORE/event_before_ticket") == 1
    assert reasons.get("E-BADTIME/bad_timestamp") == 1
    assert full.query("select count(*) from staging.stg_crm__orders "
                      "where order_id = 'O-GUEST'") == [(1,)]
    assert full.query("select customer_key from marts.fct_tickets "
                      "where ticket_id = 'T-LATE'") == [("C-MERGED",)]
    assert full.query("select touchpoint, channel from marts.fct_survey_responses "
                      "where response_id = 'R-BEFORE-INVITE'") == [("delivery", "sms")]
    assert full.query("select reopen_count > 0, is_resolved from marts.fct_tickets "
                      f"where ticket_id = '{ids['reopened']}'") == [(True, True)]
    # both reach an earlier month of a customer in fct_customer_months: the
    # superseded answer no longer counts there, the reopened ticket does
    assert full.query(
        "select count(*) from marts.fct_customer_months as m inner join marts.fct_tickets "
        "as t on m.customer_key = t.customer_key and m.month = t.created_month "
        f"where t.ticket_id = '{ids['reopened']}' and m.tickets_reopened > 0 "
        "and m.month < date '2026-10-01'") == [(1,)]
    assert full.query(
        "select count(*) from staging.base_surveys__responses as r inner join "
        "intermediate.int_customers_resolved as c on r.customer_id = c.customer_id "
        "inner join marts.fct_customer_months as m on m.customer_key = c.customer_key "
        "and m.month = date_trunc('month', r.responded_at) "
        f"where r.response_id = '{ids['superseded']}' "
        "and r.responded_at < timestamp '2026-10-01'") == [(1,)]
    # the schedules: S-LATE contradicted (both rows, from two days), so the
    # reopened ticket is back on the default schedule; the others are on
    # theirs, two of them moved to the 24/7 schedule
    assert reasons.get("S-LATE|1|09:00/conflicting_key") == 1
    assert reasons.get("S-LATE|2|09:00/conflicting_key") == 1
    assert full.query("select schedule_id, schedule_changes from marts.fct_tickets "
                      f"where ticket_id = '{ids['reopened']}'") == [(None, 0)]
    scheduled = full.query(
        "select count(*), count(schedule_id), sum(schedule_changes) from marts.fct_tickets "
        f"where ticket_id in ({', '.join(repr(t) for t in ids['scheduled'])})")
    assert scheduled == [(24, 24, 2)]


def test_daily_runs_read_only_new_files(landed_builds):
    daily, _, _ = landed_builds
    batches = daily.query(
        "select count(distinct cx_batch) from staging.base_crm__orders")[0][0]
    assert batches >= 2  # history and the days it was rewritten or grew
    state = daily.query("select count(distinct processed_batch) from audit.cx_incremental_state")
    # the history build, four daily runs, the rewrite and the disappearance
    assert state[0][0] == 7


def test_rewritten_files_were_reloaded(landed_builds):
    """The rewrites reached the warehouse (so the equality with a full build
    is not vacuous): the added rows are there, the removed keys are gone
    from base_ to the marts, the changed rows have their new values."""
    daily, full, ids = landed_builds
    done = ids["rewritten"]
    for build in (daily, full):
        assert build.query("select count(*) from staging.stg_crm__orders "
                           "where order_id = 'O-REWRITE'") == [(1,)]
        assert build.query("select count(*) from staging.base_crm__orders "
                           f"where order_id = '{done['order_removed']}'") == [(0,)]
        assert build.query("select customer_id, amount = 1234.50 from staging.stg_crm__orders "
                           f"where order_id = '{done['order_changed']}'") \
            == [(ids["merged"], True)]
        assert build.query("select count(*) from staging.base_crm__customers "
                           f"where customer_id = '{done['customer_removed']}'") == [(0,)]
        assert build.query("select count(*) from marts.dim_customers "
                           f"where customer_key = '{done['customer_removed']}'") == [(0,)]
        assert build.query("select email from staging.stg_crm__customers "
                           f"where customer_id = '{done['customer_changed']}'") \
            == [("rewritten.record@example.com",)]
        assert build.query("select count(*) from staging.stg_crm__customers "
                           "where customer_id = 'C-REWRITE'") == [(1,)]
        assert build.query("select count(*) from staging.base_helpdesk__ticket_events "
                           f"where event_id = '{done['event_removed']}'") == [(0,)]
        assert build.query("select ticket_id from staging.base_helpdesk__ticket_events "
                           f"where event_id = '{done['event_changed']}'") \
            == [(done["event_new_ticket"],)]
        assert build.query("select count(*) from staging.stg_helpdesk__ticket_events "
                           "where event_id = 'E-REWRITE'") == [(1,)]
        holidays = {str(d) for (d,) in build.query(
            "select holiday_date from staging.stg_helpdesk__holidays")}
        assert "2026-10-22" in holidays and "2026-10-23" in holidays
        assert done["holiday_removed"] not in holidays
        assert done["holiday_moved"] not in holidays


def test_a_disappeared_file_is_named_and_its_rows_removed(landed_builds):
    """A loaded file that is no longer in the raw folder: the run warns with
    its name, and its rows are gone, as in a full build on the remaining
    files (test_daily_runs_equal_a_full_build)."""
    daily, _, ids = landed_builds
    assert "base_helpdesk__ticket_events: the raw file " + ids["gone"] in ids["gone_log"]
    assert "is gone from CX_RAW_DIR: its rows are removed" in ids["gone_log"]
    assert daily.query("select count(*) from staging.base_helpdesk__ticket_events "
                       "where cx_source_file = ?", [ids["gone"]]) == [(0,)]
    assert daily.query("select count(*) from audit.cx_raw_files_loaded "
                       "where file_path = ?", [ids["gone"]]) == [(0,)]


def test_same_marts_with_two_threads(landed_builds, tmp_path):
    """Byte-identical marts whatever the thread count (float sums are exact)."""
    _, full, _ = landed_builds
    raw = full.db_path.parent.parent / "raw"
    again = run_dbt(tmp_path, BUILD, raw_dir=raw, threads=2)
    assert again.success, again.messages()
    assert _differences(full, again) == []
