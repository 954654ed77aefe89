"""The Zendesk (Fivetran) mapping into the raw contract, in plain Python.

Reads the Fivetran-shaped CSV files of a folder (ticket, user,
ticket_comment, ticket_field_history, and when present schedule,
schedule_holiday, ticket_schedule) and writes the raw contract's
raw_tickets and raw_ticket_events (and raw_schedules, raw_schedule_holidays,
raw_ticket_schedules) as docs/zendesk.md
and models/staging/zendesk/_zendesk__models.yml state the rules, sharing no
code or SQL with the adapter's models; the raw tables Zendesk does not have
are copied from the folder's raw/ subfolder. RawContract and the support
oracle then read the result like any raw folder.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path

from rawkit import write_raw

AGENT_ROLES = {"agent", "admin"}
# Rails (ActiveSupport::TimeZone) names of the zones the fixtures use, and
# their IANA names, written out here independently of the seed
# zendesk_time_zones; any other name passes through unchanged
RAILS_ZONES = {"Berlin": "Europe/Berlin", "Eastern Time (US & Canada)": "America/New_York",
               "Pacific Time (US & Canada)": "America/Los_Angeles", "UTC": "Etc/UTC",
               "Sydney": "Australia/Sydney"}
WEEK = 7 * 1440
DONE = {"solved", "closed"}
# the contract's event of a change to each Zendesk status (any other value
# is passed on as written, for the contract to reject)
CONTRACT_STATUS = {"new": "open", "open": "open", "pending": "pending", "hold": "on_hold",
                   "solved": "solved", "closed": "solved"}


def _read(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [{k: (v.strip() if v and v.strip() else None) for k, v in row.items()}
                for row in csv.DictReader(fh)]


def _actor(role):
    if role in AGENT_ROLES:
        return "agent"
    return "customer" if role == "end-user" else "system"


def zendesk_to_raw(folder: Path) -> dict[str, list[dict]]:
    """raw_tickets and raw_ticket_events (contract rows of text) of the
    Zendesk tables in `folder`, the schedule tables the folder has, and
    'left_out': the (zendesk.<table>, key, reason) of every source row the
    mapping leaves out of the contract."""
    folder = Path(folder)
    users = {u["id"]: u for u in _read(folder / "user.csv")}
    tickets = _read(folder / "ticket.csv")
    deleted = {t["id"] for t in tickets if (t["status"] or "").lower() == "deleted"}
    known = {t["id"] for t in tickets if t["id"] is not None}
    left_out = [("zendesk.ticket", t["id"], "deleted_in_source")
                for t in tickets if (t["status"] or "").lower() == "deleted"]

    def gone(ticket_id):
        """The reason all rows of a ticket are left out, or None."""
        if ticket_id not in known:
            return "unknown_ticket"  # no ticket to map them into
        return "deleted_in_source" if ticket_id in deleted else None
    raw_tickets = [
        {"ticket_id": t["id"], "customer_id": None,
         "requester_email": users.get(t["requester_id"], {}).get("email"),
         "channel": t["via_channel"], "priority": t["priority"],
         "created_at": t["created_at"], "subject": t["subject"]}
        for t in tickets if t["id"] not in deleted]

    def role(user_id):
        r = users.get(user_id, {}).get("role")
        return r.lower() if r else None

    events = []
    comments = defaultdict(list)
    for c in _read(folder / "ticket_comment.csv"):
        comments[c["ticket_id"]].append(c)
    for ticket_comments in comments.values():
        # the opening comment (created first, ties: the smaller id) is the
        # request, whoever wrote it, public or not: no event
        ticket_comments.sort(key=lambda c: (c["created"], int(c["id"])))
        reason = gone(ticket_comments[0]["ticket_id"])
        if reason:
            left_out += [("zendesk.ticket_comment", c["id"], reason) for c in ticket_comments]
            continue
        for c in ticket_comments[1:]:
            if (c["public"] or "").lower() not in ("true", "t", "1"):
                # an internal note: not a reply to the customer
                left_out.append(("zendesk.ticket_comment", c["id"], "private_comment"))
                continue
            actor = _actor(role(c["user_id"]))
            events.append({"event_id": "zc-" + c["id"].zfill(20), "ticket_id": c["ticket_id"],
                           "event_at": c["created"], "actor_type": actor,
                           "event_type": "message",
                           "agent_id": c["user_id"] if actor == "agent" else None})
    history = defaultdict(list)
    for h in _read(folder / "ticket_field_history.csv"):
        if (h["field_name"] or "").lower() == "status":
            history[h["ticket_id"]].append(h)
    for ticket_id, changes in history.items():
        reason = gone(ticket_id)
        if reason:
            left_out += [("zendesk.ticket_field_history",
                          f"{ticket_id}|{h['field_name']}|{h['updated']}", reason)
                         for h in changes]
            continue
        previous, previous_kind = "new", "open"  # before the first change
        for h in sorted(changes, key=lambda h: h["updated"]):
            status = (h["value"] or "").lower() or None
            kind = CONTRACT_STATUS.get(status, h["value"])  # unknown: as written
            steps = []
            reopening = previous in DONE and status is not None \
                and status not in DONE | {"deleted"}
            if reopening:
                steps.append(("a", "reopened"))
            if kind != previous_kind and not (reopening and kind == "open"):
                steps.append(("b", kind))
            actor = _actor(role(h["user_id"]))
            for step, event_type in steps:
                events.append({
                    "event_id": f"zs-{ticket_id.zfill(20)}-{h['updated']}-{step}",
                    "ticket_id": ticket_id, "event_at": h["updated"], "actor_type": actor,
                    "event_type": event_type,
                    "agent_id": h["user_id"] if actor == "agent" else None})
            previous, previous_kind = status, kind
    raw = {"raw_tickets": raw_tickets, "raw_ticket_events": events}
    raw.update(_schedules(folder, deleted, left_out))
    raw["left_out"] = left_out
    return raw


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _removed(row) -> bool:
    return (row.get("_fivetran_deleted") or "").lower() in ("true", "t", "1")


def _schedules(folder: Path, deleted: set, left_out: list) -> dict[str, list[dict]]:
    """The schedule tables of the contract from those of Zendesk that the
    folder has (an absent one maps to nothing); the rows left out are added
    to `left_out`."""
    raw = {}
    if (folder / "schedule.csv").exists():
        rows = _read(folder / "schedule.csv")
        left_out += [("zendesk.schedule", f"{r['id']}|{r['start_time']}", "deleted_in_source")
                     for r in rows if _removed(r)]
        rows = [r for r in rows if not _removed(r)]
        intervals = []
        for r in rows:
            # every row carries its schedule's name and (IANA) time zone
            described = {"schedule_id": r["id"], "name": r["name"],
                         "time_zone": RAILS_ZONES.get(r["time_zone"], r["time_zone"])}
            start, end = int(r["start_time"]), int(r["end_time"])
            if not 0 <= start < end <= WEEK:
                intervals.append(dict(described, iso_weekday=None,
                                      start_time=r["start_time"], end_time=r["end_time"]))
                continue
            # minute 0 is Sunday 00:00: cut at each local midnight
            day = start // 1440
            while day * 1440 < end:
                lo, hi = max(start, day * 1440) - day * 1440, min(end, day * 1440 + 1440) - day * 1440
                intervals.append(dict(described, iso_weekday=str(day or 7),
                                      start_time=_hhmm(lo), end_time=_hhmm(hi)))
                day += 1
        raw["raw_schedules"] = intervals
    if (folder / "schedule_holiday.csv").exists():
        holidays = _read(folder / "schedule_holiday.csv")
        left_out += [("zendesk.schedule_holiday", h["id"], "deleted_in_source")
                     for h in holidays if _removed(h)]
        raw["raw_schedule_holidays"] = [
            {"schedule_id": h["schedule_id"], "start_date": h["start_date"],
             "end_date": h["end_date"]}
            for h in holidays if not _removed(h)]
    if (folder / "ticket_schedule.csv").exists():
        # an assignment of a ticket not in `ticket` is mapped one for one:
        # the contract rejects it (unknown_ticket)
        assignments = _read(folder / "ticket_schedule.csv")
        left_out += [("zendesk.ticket_schedule", f"{a['ticket_id']}|{a['created_at']}",
                      "deleted_in_source") for a in assignments if a["ticket_id"] in deleted]
        raw["raw_ticket_schedules"] = [
            {"ticket_id": a["ticket_id"], "schedule_id": a["schedule_id"],
             "valid_from": a["created_at"]}
            for a in assignments if a["ticket_id"] not in deleted]
    return raw


def raw_folder_from_zendesk(folder: Path, out: Path) -> tuple[Path, list]:
    """A raw contract folder (the mapped helpdesk tables, the rest copied
    from `folder`/raw/) and the left-out rows."""
    mapped = zendesk_to_raw(folder)
    left_out = mapped.pop("left_out")
    write_raw(Path(out), mapped)
    for f in (Path(folder) / "raw").glob("raw_*.csv"):
        shutil.copy(f, Path(out) / f.name)
    return Path(out), left_out
