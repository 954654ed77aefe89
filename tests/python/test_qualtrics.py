"""The Qualtrics (Fivetran) adapter: `surveys_source: qualtrics` end to end.

Fivetran-shaped Qualtrics tables (the hand-written set of
tests/fixtures/qualtrics_tiny/, and data of cx_tools.generate_qualtrics)
are loaded into a DuckDB schema `qualtrics` (typed as DuckDB reads them:
integer status and option keys, timestamps), the other raw tables as text
into `raw`, and the whole project is built once per data set with `dbt build
--vars '{surveys_source: qualtrics, raw_source: tables}'` (unit and data
tests included). The staged survey tables, the audit (the contract's
rejections and the Qualtrics rows left out) and the survey marts must equal
what an independent Python mapping (oracle/qualtrics.py) and the survey
oracle make of the same files. The hand-written set also pins each mapping
rule to hand-written values.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from compare import assert_mart_matches
from conftest import ROOT, run_dbt
from oracle.qualtrics import qualtrics_to_raw, raw_folder_from_qualtrics
from oracle.raw_contract import RawContract
from oracle.surveys import SurveyOracle
from rawkit import write_raw
from test_survey_metrics import MARTS

from cx_tools.generate_qualtrics import generate, load_duckdb
from cx_tools.profile import duckdb_config

TINY = ROOT / "tests" / "fixtures" / "qualtrics_tiny"
# the raw tables Qualtrics does not have (tests/fixtures holds dbt's unit
# test fixtures, whose names must be unique: these are written here)
TINY_RAW = {
    "raw_customers": [
        {"customer_id": "C1", "email": "ann@example.com", "signup_at": "2024-06-01 10:00:00",
         "segment": "consumer", "country": "US"},
        {"customer_id": "C2", "email": "bob@example.com", "signup_at": "2024-07-01 10:00:00",
         "segment": "smb", "country": "DE"},
        {"customer_id": "C3", "email": "Carla@Example.com", "signup_at": "2024-08-01 10:00:00",
         "segment": "enterprise", "country": "FR"}],
    "raw_orders": [{"order_id": "O1", "customer_id": "C1", "ordered_at": "2025-02-10 10:00:00",
                    "amount": "40.00", "status": "completed"}],
    "raw_tickets": [{"ticket_id": "T_tiny1", "customer_id": "C1", "channel": "email",
                     "priority": "normal", "created_at": "2025-03-03 10:00:00",
                     "subject": "Where is my order"}],
    "raw_ticket_events": [{"event_id": "E_tiny1", "ticket_id": "T_tiny1", "event_at": "2025-03-03 11:00:00",
                           "actor_type": "agent", "event_type": "message", "agent_id": "A1",
                           "handle_seconds": "300"}],
    "raw_holidays": [{"holiday_date": "2025-01-01", "name": "New Year"}],
}
# the tiny set's responses that reach the marts
TINY_RESPONSES = {"R_1:QID1", "R_2:QID1", "R_3b:QID1", "R_9:QID1", "R_I:QID1", "R_A:QID1",
                  "R_4:QID1", "R_4:QID2", "R_5:QID1", "R_6:QID4"}
SURVEY_TABLES = {
    "raw_survey_questions": ("stg_surveys__questions", "question_id"),
    "raw_survey_invitations": ("stg_surveys__invitations", "invitation_id"),
    "raw_survey_responses": ("stg_surveys__responses", "response_id"),
}


# the models the survey marts and the audit need (the support and churn
# marts read nothing of Qualtrics), their data tests but not the unit tests
# (they do not read the data, and run in every other build): one build of
# about a minute
SELECT = ["+path:models/marts/surveys", "+path:models/audit"]


def _generated(key: str) -> bool:
    """A key of cx_tools.generate_qualtrics's rows (the tiny set's ids are
    short: R_1, qr01, EMD_inv1, CID_1)."""
    return key.startswith(("R_0", "R_unsynced", "qr0000", "EMD_0"))


def _build_qualtrics(tmp_path, folder):
    db = tmp_path / "warehouse.duckdb"
    load_duckdb(db, folder, config=duckdb_config(db))
    dbt_vars = {"surveys_source": "qualtrics", "raw_source": "tables",
                "qualtrics_schema": "qualtrics", "raw_schema": "raw"}
    build = run_dbt(tmp_path, ["build", "--select", *SELECT, "--exclude", "test_type:unit"],
                    db_path=db, dbt_vars=dbt_vars)
    failed = {k: v for k, v in build.statuses().items()
              if v not in ("success", "pass", "no-op")
              and not (v == "warn" and "rejected" in k)}
    assert build.success and not failed, (failed, build.messages())
    contract = RawContract(raw_folder_from_qualtrics(folder, tmp_path / "mapped"))
    return build, contract, qualtrics_to_raw(folder)


def _merged(folders: list[Path], out: Path) -> Path:
    """One folder of every table of `folders` (their ids do not overlap; a
    row in several, such as a survey both have, is written once)."""
    for path in sorted(folders[0].rglob("*.csv")):
        rel = path.relative_to(folders[0])
        rows, columns = [], []
        for folder in folders:
            if (folder / rel).exists():
                with open(folder / rel, newline="", encoding="utf-8") as fh:
                    reader = csv.DictReader(fh)
                    columns += [c for c in reader.fieldnames if c not in columns]
                    rows += list(reader)
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        unique = {tuple(row.get(c) or "" for c in columns): row for row in rows}
        with open(out / rel, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
            w.writeheader()
            w.writerows(unique.values())
    return out


def _assert_equals_the_mapping(build, contract, mapped, label):
    # the staged survey tables: the same keys as the mapping's rows the
    # contract keeps
    for table, (model, key) in SURVEY_TABLES.items():
        got = sorted(k for (k,) in build.query(f"select {key} from staging.{model}"))
        want = sorted(r[key] for r in contract.staged[table])
        assert got == want, f"{model} ({label})"
    # the audit: the contract's rejections of the mapped rows, and the
    # Qualtrics rows left out, each with its reason
    got = Counter(build.query(
        "select source_table, source_key, reason from audit.audit_rejected_rows"))
    want = Counter([(t, k, r) for t, rows in contract.rejected.items() for k, r in rows]
                   + list(mapped["left_out"]))
    assert got == want, f"audit_rejected_rows ({label})"
    counts = {t: (raw, staged, rejected) for t, raw, staged, rejected in build.query(
        "select source_table, raw_rows, staged_rows, rejected_rows from audit.audit_row_counts")}
    for table in SURVEY_TABLES:
        assert counts[table] == (len(mapped[table]), len(contract.staged[table]),
                                 len(contract.rejected[table])), table
    # the survey marts
    oracle = SurveyOracle(contract)
    for mart, (keys, method) in MARTS.items():
        assert_mart_matches(build.frame(f"select * from marts.{mart}"), keys,
                            getattr(oracle, method)(), f"{mart} ({label})")
    want = {r["response_id"]: {
        "customer_key": r["customer_key"], "metric": r["metric"], "touchpoint": r["touchpoint"],
        "channel": r["channel"], "score": r["score"], "responded_at": r["responded_at"]}
        for r in oracle.responses}
    assert_mart_matches(build.frame("select * from marts.fct_survey_responses"),
                        ["response_id"], want, f"fct_survey_responses ({label})")
    return oracle


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """One build of the hand-written set and generated data together (their
    ids differ): every rule and edge of the first, the volume of the second."""
    tmp = tmp_path_factory.mktemp("qualtrics")
    tiny = _merged([TINY], tmp / "tiny")
    write_raw(tiny / "raw", TINY_RAW)
    generated = generate(tmp / "generated", responses=2000, seed=7)
    folder = _merged([generated, tiny], tmp / "stack")
    return _build_qualtrics(tmp, folder)


def test_the_stack_equals_the_mapping(stack):
    build, contract, mapped = stack
    oracle = _assert_equals_the_mapping(build, contract, mapped, "tiny and generated")
    rejected = Counter(r for _, r in contract.rejected["raw_survey_responses"])
    assert {"superseded", "score_not_integer", "score_out_of_scale"} <= set(rejected)
    responses = oracle.responses
    assert len(responses) > 2000
    assert {r["metric"] for r in responses} == {"nps", "csat", "ces"}
    by = Counter((r["customer_key"] is None, r["invitation_id"] is None) for r in responses)
    assert all(by[k] > 20 for k in [(False, False), (True, False), (False, True), (True, True)])
    assert len(contract.staged["raw_survey_invitations"]) > 2000


def test_tiny_set_follows_each_mapping_rule(stack):
    build, _, _ = stack
    got = {r["response_id"]: r for r in build.frame("select * from marts.fct_survey_responses")
           if not _generated(r["response_id"])}
    assert set(got) == TINY_RESPONSES
    # preview, test and spam responses are gone; the imported one is kept;
    # the earlier answer to the same invitation is superseded by the answer
    # after the reminder
    # the score is the option's recode value (option 11 is 10, 1 is 0)
    assert (got["R_1:QID1"]["score"], got["R_A:QID1"]["score"]) == (10, 0)
    assert got["R_3b:QID1"]["score"] == 9
    # customer by the contact's external reference (C1), by its e-mail
    # (Bob, other case: C2), by the imported response's e-mail (C3); a
    # contact no customer has, or in no directory, stays unresolved
    assert [got[k]["customer_key"] for k in ("R_1:QID1", "R_2:QID1", "R_I:QID1", "R_3b:QID1",
                                              "R_9:QID1", "R_A:QID1")] == [
        "C1", "C2", "C3", None, None, None]
    # touchpoint and channel: an invited answer takes its invitation's (the
    # embedded touchpoint of R_4 is not used); an anonymous answer the
    # embedded data's, else the map's or the survey's name, and the
    # response's distribution channel
    assert (got["R_4:QID1"]["touchpoint"], got["R_4:QID1"]["channel"]) == ("support", "email")
    assert (got["R_5:QID1"]["touchpoint"], got["R_5:QID1"]["channel"]) == ("returns", "gl")
    assert (got["R_6:QID4"]["touchpoint"], got["R_6:QID4"]["channel"]) == (
        "checkout effort", "app")
    assert got["R_5:QID1"]["responded_at"] == dt.datetime(2025, 3, 18, 14, 1)
    # CES 1-5 where 5 is a lot of effort: 2 is easy
    assert got["R_6:QID4"]["normalized_score_0_100"] == 75.0
    # the contract rejects a non-numeric answer and a recoded "don't know"
    rejected = dict(build.query("select source_key, reason from audit.audit_rejected_rows "
                                "where source_table = 'raw_survey_responses' "
                                "and source_key in ('R_3a:QID1', 'R_5:QID2', 'R_7:QID4')"))
    assert rejected == {"R_3a:QID1": "superseded", "R_5:QID2": "score_out_of_scale",
                        "R_7:QID4": "score_not_integer"}
    # the rows left out, each with its reason
    left_out = sorted(build.query(
        "select source_table, source_key, reason from audit.audit_rejected_rows "
        "where source_table like 'qualtrics.%'"))
    left_out = [row for row in left_out if not _generated(row[1])]
    assert left_out == sorted([
        ("qualtrics.survey_response", "R_P", "preview_response"),
        ("qualtrics.survey_response", "R_T", "test_response"),
        ("qualtrics.survey_response", "R_S", "spam_response"),
        ("qualtrics.question_response", "qr08", "preview_response"),
        ("qualtrics.question_response", "qr09", "test_response"),
        ("qualtrics.question_response", "qr10", "spam_response"),
        ("qualtrics.question_response", "qr03", "unmapped_question"),
        ("qualtrics.question_response", "qr21", "unmapped_question"),
        ("qualtrics.question_response", "qr22", "unknown_response"),
        ("qualtrics.distribution_contact", "EMD_rem1|CID_1", "not_an_invitation"),
        ("qualtrics.distribution_contact", "EMD_rem1|CID_2", "not_an_invitation"),
        ("qualtrics.distribution_contact", "EMD_rem1|CID_3", "not_an_invitation"),
        ("qualtrics.distribution_contact", "EMD_ty1|CID_1", "not_an_invitation"),
        ("qualtrics.distribution_contact", "EMD_inv3|CID_1", "unmapped_survey")])
    # invitations: one per invited contact and mapped question, reminders
    # none; Bob answered after the reminder: his invitation is answered
    invitations = {k: v for k, v in build.query(
        "select invitation_id, has_response from marts.fct_survey_invitations")
        if not _generated(k)}
    assert len(invitations) == 8
    assert invitations["EMD_inv1:CID_2:SV_3kRelationNPS:QID1"]
    assert not invitations["EMD_inv2:CID_2:SV_9xSupportCSAT:QID1"]
    # the comment question's text is the answer's comment (masked later)
    comments = dict(build.query("select response_id, comment from "
                                "staging.stg_surveys__responses where comment is not null"))
    assert {k for k in comments if not _generated(k)} == {
        "R_1:QID1", "R_A:QID1", "R_4:QID1", "R_4:QID2"}


def test_the_python_mapping_is_not_vacuous():
    """The independent mapping meets every edge of the tiny set."""
    mapped = qualtrics_to_raw(TINY)
    reasons = Counter(r for _, _, r in mapped["left_out"])
    assert set(reasons) == {"preview_response", "test_response", "spam_response",
                            "unmapped_question", "unknown_response", "not_an_invitation",
                            "unmapped_survey"}
    scores = {r["score"] for r in mapped["raw_survey_responses"]}
    assert {"about 4", "99", "0", "10"} <= scores
    assert len(mapped["raw_survey_invitations"]) == 8
    assert len(mapped["raw_survey_responses"]) == 13


def test_generator_is_deterministic(tmp_path):
    a = generate(tmp_path / "a", responses=200, seed=3)
    b = generate(tmp_path / "b", responses=200, seed=3)
    c = generate(tmp_path / "c", responses=200, seed=4)
    files = sorted(p.relative_to(a) for p in a.rglob("*.csv"))
    assert len(files) == 14
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert (a / "question_response.csv").read_bytes() != (c / "question_response.csv").read_bytes()
