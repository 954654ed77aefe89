"""The Qualtrics (Fivetran) mapping into the raw contract, in plain Python.

Reads the Fivetran-shaped CSV files of a folder (survey, question,
question_option, survey_response, question_response, survey_embedded_data,
distribution, distribution_contact, directory_contact) and the question map
(seeds/qualtrics/qualtrics_question_map.csv, or another file), and makes the
raw contract's raw_survey_questions, raw_survey_invitations and
raw_survey_responses, plus the source rows left out with their reason, as
docs/qualtrics.md and models/staging/qualtrics/_qualtrics__models.yml state
the rules, sharing no code or SQL with the adapter's models. The raw tables
Qualtrics does not have are copied from the folder's raw/ subfolder;
RawContract and the survey oracle then read the result like any raw folder.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path

from rawkit import write_raw

ROOT = Path(__file__).resolve().parents[3]
QUESTION_MAP = ROOT / "seeds" / "qualtrics" / "qualtrics_question_map.csv"
INVITE_TYPES = {"invite", "generatedinvite"}
# Qualtrics' response types (survey_response.status) that are no customer's answer
PREVIEW, TEST, SPAM = {"1", "9", "17"}, {"2"}, {"8", "12"}


def _read(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [{k: (v.strip() if v and v.strip() else None) for k, v in row.items()}
                for row in csv.DictReader(fh)]


def left_out_reason(response: dict) -> str | None:
    status = response["status"] or ""
    channel = (response["distribution_channel"] or "").lower()
    if status in PREVIEW or channel == "preview":
        return "preview_response"
    if status in TEST or channel == "test":
        return "test_response"
    if status in SPAM:
        return "spam_response"
    return None


def qualtrics_to_raw(folder: Path, question_map: Path = QUESTION_MAP) -> dict[str, list]:
    """The three survey tables of the raw contract (rows of text) and
    `left_out`: (source table, key, reason) of every source row not mapped."""
    folder = Path(folder)
    mapping = {(m["survey_id"], m["question_id"]): m for m in _read(question_map)}
    comment_questions = {(m["survey_id"], m["comment_question_id"]) for m in mapping.values()
                         if m["comment_question_id"]}
    survey_names = {s["id"]: s["survey_name"] for s in _read(folder / "survey.csv")}
    texts = {(q["survey_id"], q["id"]): q["question_text"] for q in _read(folder / "question.csv")}
    recodes = {(o["survey_id"], o["question_id"], o["key"]): o["recode_value"]
               for o in _read(folder / "question_option.csv")}
    contacts = defaultdict(list)
    for c in _read(folder / "directory_contact.csv"):
        contacts[c["id"]].append(c)

    def contact_value(contact_id, column):
        values = [c[column] for c in contacts.get(contact_id, []) if c[column]]
        return min(values) if values else None

    distributions = {d["id"]: d for d in _read(folder / "distribution.csv")}
    left_out = []

    questions = [{"question_id": f"{s}:{q}", "metric": m["metric"],
                  "question_text": texts.get((s, q)), "scale_min": m["scale_min"],
                  "scale_max": m["scale_max"], "higher_is_better": m["higher_is_better"]}
                 for (s, q), m in mapping.items()]

    mapped_surveys = {s for s, _ in mapping} | {s for s, _ in comment_questions}
    invitations = []
    answered_by = defaultdict(set)  # response id -> {(invitation distribution, contact)}
    for dc in _read(folder / "distribution_contact.csv"):
        d = distributions.get(dc["distribution_id"])
        key = f"{dc['distribution_id']}|{dc['contact_id']}"
        is_invite = d is not None and (d["request_type"] or "").lower() in INVITE_TYPES
        if d is not None and dc["response_id"]:
            root = d["id"] if is_invite else d["parent_distribution_id"]
            answered_by[dc["response_id"]].add((root, dc["contact_id"]))
        if d is None:
            left_out.append(("qualtrics.distribution_contact", key, "unknown_distribution"))
            continue
        if not is_invite:
            left_out.append(("qualtrics.distribution_contact", key, "not_an_invitation"))
            continue
        survey = d["survey_link_survey_id"]
        if survey not in mapped_surveys:
            left_out.append(("qualtrics.distribution_contact", key, "unmapped_survey"))
            continue
        for (s, q), m in mapping.items():
            if s != survey:
                continue
            invitations.append({
                "invitation_id": f"{d['id']}:{dc['contact_id']}:{s}:{q}",
                "customer_id": contact_value(dc["contact_id"], "ext_ref"),
                "question_id": f"{s}:{q}",
                "touchpoint": m["touchpoint"] or survey_names.get(s),
                "channel": "email", "sent_at": dc["sent_at"],
                "ticket_id": None, "order_id": None})

    responses = {r["id"]: r for r in _read(folder / "survey_response.csv")}
    for r in responses.values():
        reason = left_out_reason(r)
        if reason:
            left_out.append(("qualtrics.survey_response", r["id"], reason))
    fields = defaultdict(dict)
    for e in _read(folder / "survey_embedded_data.csv"):
        if e["value"] is not None:
            prev = fields[e["response_id"]].get(e["key"])
            fields[e["response_id"]][e["key"]] = max(prev, e["value"]) if prev else e["value"]
    answers = _read(folder / "question_response.csv")
    comments = defaultdict(list)
    for a in answers:
        if a["text"] is not None:
            comments[(a["response_id"], a["question_id"])].append(a["text"])

    raw_responses = []
    for a in answers:
        r = responses.get(a["response_id"])
        if r is None:
            left_out.append(("qualtrics.question_response", a["_fivetran_id"], "unknown_response"))
            continue
        reason = left_out_reason(r)
        if reason:
            left_out.append(("qualtrics.question_response", a["_fivetran_id"], reason))
            continue
        s, q = r["survey_id"], a["question_id"]
        m = mapping.get((s, q))
        if m is None:
            if (s, q) not in comment_questions:
                left_out.append(("qualtrics.question_response", a["_fivetran_id"],
                                 "unmapped_question"))
            continue
        invited = sorted(answered_by.get(r["id"], ()))
        root, contact = (min(x[0] for x in invited if x[0]) if any(x[0] for x in invited)
                         else None,
                         min(x[1] for x in invited)) if invited else (None, None)
        own = fields.get(r["id"], {})
        comment = comments.get((r["id"], m["comment_question_id"]))
        raw_responses.append({
            "response_id": f"{r['id']}:{q}",
            "invitation_id": f"{root}:{contact}:{s}:{q}" if root else None,
            "question_id": f"{s}:{q}",
            "customer_id": contact_value(contact, "ext_ref"),
            "customer_email": contact_value(contact, "email") or r["recipient_email"],
            "touchpoint": (own.get(m["touchpoint_field"]) if m["touchpoint_field"] else None)
            or m["touchpoint"] or survey_names.get(s),
            "channel": (own.get(m["channel_field"]) if m["channel_field"] else None)
            or (r["distribution_channel"] or "").lower() or None,
            "responded_at": r["recorded_date"],
            # the chosen option's recode value, else the answer's value
            "score": recodes.get((s, q, a["question_option_key"])) or a["value"],
            "comment": max(comment) if comment else None})
    return {"raw_survey_questions": questions, "raw_survey_invitations": invitations,
            "raw_survey_responses": raw_responses, "left_out": left_out}


def raw_folder_from_qualtrics(folder: Path, out: Path, question_map: Path = QUESTION_MAP) -> Path:
    """A raw contract folder: the mapped survey tables, the rest copied
    from `folder`/raw/."""
    mapped = qualtrics_to_raw(folder, question_map)
    write_raw(Path(out), {k: v for k, v in mapped.items() if k != "left_out"})
    for f in (Path(folder) / "raw").glob("raw_*.csv"):
        if not f.name.startswith("raw_survey_"):
            shutil.copy(f, Path(out) / f.name)
    return Path(out)
