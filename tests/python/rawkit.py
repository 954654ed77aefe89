"""Helpers to craft small raw folders (CX_RAW_DIR) for tests."""

from __future__ import annotations

import csv
from pathlib import Path

COLUMNS = {
    "raw_customers": ["customer_id", "email", "signup_at", "segment", "country"],
    "raw_orders": ["order_id", "customer_id", "ordered_at", "amount", "status"],
    "raw_survey_questions": ["question_id", "metric", "question_text", "scale_min",
                             "scale_max", "higher_is_better"],
    "raw_survey_invitations": ["invitation_id", "customer_id", "question_id", "touchpoint",
                               "channel", "sent_at", "ticket_id", "order_id"],
    "raw_survey_responses": ["response_id", "invitation_id", "question_id", "customer_id",
                             "customer_email", "touchpoint", "channel", "responded_at",
                             "score", "comment"],
    "raw_tickets": ["ticket_id", "customer_id", "requester_email", "channel", "priority",
                    "created_at", "subject"],
    "raw_ticket_events": ["event_id", "ticket_id", "event_at", "actor_type", "event_type",
                          "agent_id", "handle_seconds"],
    "raw_holidays": ["holiday_date", "name"],
    # optional: no file is written for these when they have no row
    "raw_schedules": ["schedule_id", "name", "time_zone", "iso_weekday", "start_time",
                      "end_time"],
    "raw_schedule_holidays": ["schedule_id", "start_date", "end_date"],
    "raw_ticket_schedules": ["ticket_id", "schedule_id", "valid_from"],
}
OPTIONAL = {"raw_schedules", "raw_schedule_holidays", "raw_ticket_schedules"}


def good_rows() -> dict[str, list[dict]]:
    """A small, fully valid raw data set: every row of it is staged."""
    return {
        "raw_customers": [
            {"customer_id": "C1", "email": "ann@example.com", "signup_at": "2025-01-05T10:00:00Z",
             "segment": "consumer", "country": "DE"},
            {"customer_id": "C2", "email": "bob@example.com", "signup_at": "2025-02-01 08:00:00",
             "segment": "smb", "country": "fr"},
        ],
        "raw_orders": [
            {"order_id": "O1", "customer_id": "C1", "ordered_at": "2025-01-10T12:00:00Z",
             "amount": "20.00", "status": "completed"},
            {"order_id": "O2", "customer_id": "C2", "ordered_at": "2025-02-03T12:00:00Z",
             "amount": "35.50", "status": "cancelled"},
        ],
        "raw_survey_questions": [
            {"question_id": "Q1", "metric": "nps", "question_text": "Recommend?",
             "scale_min": "0", "scale_max": "10", "higher_is_better": "true"},
            {"question_id": "Q2", "metric": "csat", "question_text": "Satisfied?",
             "scale_min": "1", "scale_max": "5", "higher_is_better": "true"},
        ],
        "raw_survey_invitations": [
            {"invitation_id": "I1", "customer_id": "C1", "question_id": "Q1",
             "touchpoint": "delivery", "channel": "email", "sent_at": "2025-01-11T09:00:00Z",
             "order_id": "O1"},
        ],
        "raw_survey_responses": [
            {"response_id": "R1", "invitation_id": "I1", "question_id": "Q1",
             "responded_at": "2025-01-11T10:00:00Z", "score": "9", "touchpoint": "delivery",
             "channel": "email"},
            {"response_id": "R2", "question_id": "Q2", "customer_email": "BOB@example.com",
             "touchpoint": "website", "channel": "web", "responded_at": "2025-02-05T10:00:00Z",
             "score": "4"},
        ],
        "raw_tickets": [
            {"ticket_id": "T1", "customer_id": "C1", "channel": "email", "priority": "high",
             "created_at": "2025-01-12T09:00:00Z", "subject": "Where is my order?"},
        ],
        "raw_ticket_events": [
            {"event_id": "E1", "ticket_id": "T1", "event_at": "2025-01-12T09:00:00Z",
             "actor_type": "customer", "event_type": "message"},
            {"event_id": "E2", "ticket_id": "T1", "event_at": "2025-01-12T10:00:00Z",
             "actor_type": "agent", "event_type": "message", "agent_id": "A1",
             "handle_seconds": "120"},
            {"event_id": "E3", "ticket_id": "T1", "event_at": "2025-01-12T11:00:00Z",
             "actor_type": "agent", "event_type": "solved", "agent_id": "A1",
             "handle_seconds": "30"},
        ],
        "raw_holidays": [{"holiday_date": "2025-01-01", "name": "New Year's Day"}],
        "raw_schedules": [{"schedule_id": "S1", "name": "Berlin", "time_zone": "Europe/Berlin",
                           "iso_weekday": "1", "start_time": "09:00", "end_time": "17:00"}],
        "raw_schedule_holidays": [{"schedule_id": "S1", "start_date": "2025-12-24",
                                   "end_date": "2025-12-26"}],
    }


def write_raw(folder: Path, tables: dict[str, list[dict]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for table, columns in COLUMNS.items():
        if table in OPTIONAL and not tables.get(table):
            continue
        with open(folder / f"{table}.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
            w.writeheader()
            for row in tables.get(table, []):
                w.writerow({c: row.get(c) for c in columns})
    return folder
