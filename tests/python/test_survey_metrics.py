"""Survey marts against an independent Python computation from the raw CSVs."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import assert_mart_matches
from conftest import Workspace
from oracle.raw_contract import RawContract
from oracle.surveys import SurveyOracle
from rawkit import good_rows, write_raw

MARTS = {
    "mart_nps_monthly": (["month", "touchpoint", "channel"], "nps_monthly"),
    "mart_csat_monthly": (["month", "touchpoint", "channel"], "csat_monthly"),
    "mart_ces_monthly": (["month", "touchpoint", "channel"], "ces_monthly"),
    "mart_survey_response_rates": (["month", "metric", "touchpoint", "channel"], "response_rates"),
    "mart_touchpoint_scorecard": (["month", "touchpoint"], "touchpoint_scorecard"),
    "mart_survey_question_monthly": (["month", "question_id"], "question_monthly"),
}


@pytest.fixture(scope="module")
def survey_oracle(bundled_contract):
    return SurveyOracle(bundled_contract)


@pytest.mark.parametrize("mart", sorted(MARTS))
def test_mart_equals_oracle_on_bundled_data(bundled_build, survey_oracle, mart):
    keys, method = MARTS[mart]
    rows = bundled_build.frame(f"select * from marts.{mart}")
    assert_mart_matches(rows, keys, getattr(survey_oracle, method)(), mart)


def test_fct_survey_responses_equals_oracle(bundled_build, survey_oracle):
    rows = bundled_build.frame("select * from marts.fct_survey_responses")
    want = {r["response_id"]: {
        "customer_key": r["customer_key"], "metric": r["metric"], "touchpoint": r["touchpoint"],
        "channel": r["channel"], "score": r["score"], "normalized_score_0_100": r["normalized"],
        "nps_category": r["nps_category"], "is_csat_satisfied": r["is_csat_satisfied"],
        "is_low_effort": r["is_low_effort"], "responded_at": r["responded_at"],
        "response_month": r["month"]} for r in survey_oracle.responses}
    assert_mart_matches(rows, ["response_id"], want, "fct_survey_responses")


EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def _digits_run(text):
    """Longest run of digits allowing phone separators between them."""
    best = 0
    for m in re.finditer(r"\d[\d\s().+-]*\d|\d", text):
        best = max(best, sum(ch.isdigit() for ch in m.group()))
    return best


def test_no_pii_reaches_the_fact(bundled_build, bundled_contract):
    comments = [c for (c,) in bundled_build.query(
        "select comment from marts.fct_survey_responses where comment is not null")]
    raw = [r["comment"] for r in bundled_contract.staged["raw_survey_responses"] if r["comment"]]
    assert any(EMAIL.search(c) for c in raw), "the bundled data has e-mails to mask"
    assert not [c for c in comments if EMAIL.search(c)]
    assert not [c for c in comments if _digits_run(c) >= 7]
    # comments without PII pass unchanged
    clean_raw = sorted(c for c in raw if not EMAIL.search(c) and _digits_run(c) < 7)
    assert clean_raw == sorted(c for c in comments if "[email]" not in c and "[phone]" not in c)


def test_bundled_data_has_texture(survey_oracle):
    """The sample data exercises every scale and both CES directions."""
    scales = {(r["metric"], r["scale_min"], r["scale_max"], r["hib"])
              for r in survey_oracle.responses}
    assert scales == {("nps", 0, 10, True), ("csat", 1, 5, True), ("csat", 1, 7, True),
                      ("csat", 0, 1, True), ("ces", 1, 7, True), ("ces", 1, 5, False)}
    assert any(r["invitation_id"] is None for r in survey_oracle.responses)


# --- crafted folders ---------------------------------------------------------

QUESTIONS = [
    {"question_id": "QN", "metric": "nps", "scale_min": "0", "scale_max": "10",
     "higher_is_better": "true"},
    {"question_id": "QC5", "metric": "csat", "scale_min": "1", "scale_max": "5",
     "higher_is_better": "true"},
    {"question_id": "QC7", "metric": "csat", "scale_min": "1", "scale_max": "7",
     "higher_is_better": "true"},
    {"question_id": "QC2", "metric": "csat", "scale_min": "0", "scale_max": "1",
     "higher_is_better": "yes"},
    {"question_id": "QE7", "metric": "ces", "scale_min": "1", "scale_max": "7",
     "higher_is_better": "true"},
    {"question_id": "QE5", "metric": "ces", "scale_min": "1", "scale_max": "5",
     "higher_is_better": "false"},
]
SCALES = {q["question_id"]: (int(q["scale_min"]), int(q["scale_max"])) for q in QUESTIONS}
SURVEY_MARTS = "+mart_nps_monthly +mart_csat_monthly +mart_ces_monthly " \
               "+mart_survey_response_rates +mart_touchpoint_scorecard"


@pytest.fixture(scope="module")
def survey_workspace(tmp_path_factory):
    """One raw folder and warehouse path for the crafted builds of this
    module: each starts from an empty warehouse, and all but the first reuse
    the first one's parse of the project (conftest.Workspace)."""
    return Workspace(tmp_path_factory.mktemp("surveys"))


def _build_surveys(workspace, data):
    raw = write_raw(workspace.fresh_raw(), data)
    build = workspace.run(["run", "--select", *SURVEY_MARTS.split()])
    assert build.success, build.messages()
    return build, SurveyOracle(RawContract(raw))


def test_superseded_responses_count_once_with_the_latest_score(survey_workspace):
    data = good_rows()
    data["raw_survey_questions"] += QUESTIONS
    data["raw_survey_invitations"] += [
        {"invitation_id": "IS", "customer_id": "C1", "question_id": "QN", "touchpoint": "t",
         "channel": "c", "sent_at": "2025-01-20T00:00:00Z"}]
    data["raw_survey_responses"] += [
        {"response_id": "RS1", "invitation_id": "IS", "question_id": "QN", "score": "10",
         "responded_at": "2025-01-20T01:00:00Z"},
        {"response_id": "RS3", "invitation_id": "IS", "question_id": "QN", "score": "2",
         "responded_at": "2025-01-20T03:00:00Z"},
        {"response_id": "RS2", "invitation_id": "IS", "question_id": "QN", "score": "9",
         "responded_at": "2025-01-20T02:00:00Z"},
    ]
    build, _ = _build_surveys(survey_workspace, data)
    rows = build.frame("select * from marts.mart_nps_monthly where touchpoint = 't' "
                       "and month = date '2025-01-01'")
    assert [(r["responses"], r["detractors"], r["nps"]) for r in rows] == [(1, 1, -100.0)]
    rates = build.frame("select * from marts.mart_survey_response_rates where touchpoint = 't'"
                        " and month = date '2025-01-01'")
    assert [(r["invitations"], r["responded"], r["response_rate_pct"]) for r in rates] == [
        (1, 1, 100.0)]


response_strategy = st.fixed_dictionaries({
    "question_id": st.sampled_from(sorted(SCALES)),
    "month": st.sampled_from(["2025-01", "2025-02", "2025-04"]),
    "day": st.integers(1, 28),
    "touchpoint": st.sampled_from(["checkout", "support"]),
    "channel": st.sampled_from(["email", "web"]),
    "invited": st.booleans(),
    "unit": st.floats(0, 1),
})


# The scores on both sides of every classification boundary: NPS
# detractor 6 | 7 passive 8 | 9 promoter; CSAT top two boxes (1-5: 3 | 4,
# 1-7: 5 | 6, yes/no: 0 | 1); CES low effort at ease >= 200/3 (1-7
# higher-is-better: 4 | 5, ease exactly 200/3 at 5; 1-5 higher-is-worse:
# 3 | 2). Every example of the property test has each of them, placed by
# hypothesis: a boundary is never left to chance.
BOUNDARY_SCORES = [("QN", 6), ("QN", 7), ("QN", 8), ("QN", 9), ("QC5", 3), ("QC5", 4),
                   ("QC7", 5), ("QC7", 6), ("QC2", 0), ("QC2", 1), ("QE7", 4), ("QE7", 5),
                   ("QE5", 2), ("QE5", 3)]


def _fixed_cells(month: str) -> tuple[list[dict], list[dict]]:
    """(invitations, responses) of cells at the marts' other boundaries, in
    touchpoints of their own: exactly 30 and 29 responses of each metric
    (is_low_sample from fewer than 30); a touchpoint whose mean normalised
    score is exactly 50 (needs_attention below 50); invitations answered
    only by a rejected answer (a score off its scale, not a number), which
    are not responded."""
    invitations, responses = [], []
    for question in ("QN", "QC5", "QE7"):
        lo, hi = SCALES[question]
        for size in (30, 29):
            for k in range(size):
                responses.append({"response_id": f"RS{question}{size}{k:02d}",
                                  "question_id": question, "touchpoint": "sample_size",
                                  "channel": f"exactly{size}",
                                  "responded_at": f"{month}-15T12:00:00Z",
                                  "score": str(lo + k % (hi - lo + 1))})
    responses += [{"response_id": f"RH{k}", "question_id": "QN", "touchpoint": "halfway",
                   "channel": "web", "responded_at": f"{month}-16T12:00:00Z", "score": score}
                  for k, score in enumerate(["0", "10", "5"])]
    for k, score in enumerate(["11", "7.5"]):
        invitations.append({"invitation_id": f"IR{k}", "customer_id": "C1", "question_id": "QN",
                            "touchpoint": "unanswered", "channel": "email",
                            "sent_at": f"{month}-17T12:00:00Z"})
        responses.append({"response_id": f"RR{k}", "invitation_id": f"IR{k}",
                          "question_id": "QN", "touchpoint": "unanswered", "channel": "email",
                          "responded_at": f"{month}-18T12:00:00Z", "score": score})
    return invitations, responses


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
@given(answers=st.lists(response_strategy, min_size=0, max_size=40),
       boundaries=st.lists(response_strategy, min_size=len(BOUNDARY_SCORES),
                           max_size=len(BOUNDARY_SCORES)))
def test_random_responses_agree_with_the_oracle(survey_workspace, answers, boundaries):
    data = good_rows()
    data["raw_survey_questions"] += QUESTIONS
    fixed = [{**placed, "question_id": question, "score": score}
             for placed, (question, score) in zip(boundaries, BOUNDARY_SCORES)]
    for i, a in enumerate(answers + fixed):
        lo, hi = SCALES[a["question_id"]]
        score = a.get("score", lo + round(a["unit"] * (hi - lo)))
        at = f"{a['month']}-{a['day']:02d}T12:00:00Z"
        inv = None
        if a["invited"]:
            inv = f"IP{i}"
            data["raw_survey_invitations"].append(
                {"invitation_id": inv, "customer_id": "C1", "question_id": a["question_id"],
                 "touchpoint": a["touchpoint"], "channel": a["channel"], "sent_at": at})
        data["raw_survey_responses"].append(
            {"response_id": f"RP{i:03d}", "invitation_id": inv, "question_id": a["question_id"],
             "touchpoint": a["touchpoint"], "channel": a["channel"], "responded_at": at,
             "score": str(score)})
    invitations, responses = _fixed_cells(boundaries[0]["month"])
    data["raw_survey_invitations"] += invitations
    data["raw_survey_responses"] += responses
    build, oracle = _build_surveys(survey_workspace, data)
    for mart, (keys, method) in MARTS.items():
        if mart == "mart_survey_question_monthly":
            continue
        rows = build.frame(f"select * from marts.{mart}")
        assert_mart_matches(rows, keys, getattr(oracle, method)(), mart)
    for r in build.frame("select * from marts.mart_nps_monthly where nps is not null"):
        assert -100 <= r["nps"] <= 100
        assert r["nps_ci_low"] - 1e-9 <= r["nps"] <= r["nps_ci_high"] + 1e-9
    for r in build.frame("select * from marts.mart_csat_monthly where csat_pct is not null"):
        assert 0 <= r["csat_pct"] <= 100
    for r in build.frame("select * from marts.mart_ces_monthly where responses > 0"):
        assert 0 <= r["low_effort_pct"] <= 100 and 0 <= r["ease_index"] <= 100
