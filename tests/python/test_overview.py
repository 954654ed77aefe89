"""CX overview, comment themes and follow-up queue against the oracle."""

from __future__ import annotations

import csv

import pytest

from compare import assert_mart_matches
from conftest import ROOT
from oracle.churn import ChurnOracle
from oracle.overview import EMAIL, OverviewOracle, mask
from oracle.support import SupportOracle
from oracle.surveys import SurveyOracle


@pytest.fixture(scope="module")
def overview_oracle(bundled_contract):
    with open(ROOT / "seeds" / "lookups" / "comment_theme_keywords.csv", newline="") as fh:
        keywords = [(r["theme"], r["keyword"]) for r in csv.DictReader(fh)]
    return OverviewOracle(SurveyOracle(bundled_contract), SupportOracle(bundled_contract),
                          ChurnOracle(bundled_contract), keywords)


def test_cx_overview_equals_oracle(bundled_build, overview_oracle):
    rows = bundled_build.frame("select * from marts.mart_cx_overview")
    assert_mart_matches(rows, ["month"], overview_oracle.overview(), "mart_cx_overview")


def test_comment_themes_equal_oracle(bundled_build, overview_oracle):
    rows = bundled_build.frame("select * from marts.mart_comment_themes")
    assert_mart_matches(rows, ["month", "theme", "metric", "sentiment_group"],
                        overview_oracle.comment_themes(), "mart_comment_themes")


def test_followup_queue_equals_oracle(bundled_build, overview_oracle):
    rows = bundled_build.frame("select * from marts.mart_followup_queue")
    want = overview_oracle.followup_queue()
    assert want, "the bundled data has responses to follow up"
    assert_mart_matches(rows, ["response_id"], want, "mart_followup_queue")
    assert not [r for r in rows if r["comment"] and EMAIL.search(r["comment"])]


def test_theme_matching_is_whole_word_and_case_insensitive(overview_oracle):
    o = overview_oracle
    assert o.themes_of("DELIVERY was LATE, price too high") == ["delivery", "price"]
    assert o.themes_of("deliveryman lateness") == []  # not whole words
    assert mask("mail a.b@x.org or +1 (555) 123-4567") == "mail [email] or [phone]"


MONTHLY_MARTS = {
    "mart_nps_monthly": "month", "mart_csat_monthly": "month", "mart_ces_monthly": "month",
    "mart_survey_response_rates": "month", "mart_touchpoint_scorecard": "month",
    "mart_survey_question_monthly": "month", "mart_comment_themes": "month",
    "mart_support_monthly": "month", "mart_churn_monthly": "month",
    "mart_cx_overview": "month", "mart_churn_cohorts": "evaluation_date",
}


@pytest.mark.parametrize("mart", sorted(MONTHLY_MARTS))
def test_every_monthly_mart_says_which_months_are_complete(bundled_build, bundled_contract,
                                                           mart):
    """as_of_date on every row, and is_complete_month true exactly when
    as_of_date is the month's last day or later (the newest month of the
    bundled data is partial)."""
    import calendar

    from oracle.surveys import as_of_date

    as_of = as_of_date(bundled_contract)
    column = MONTHLY_MARTS[mart]
    rows = bundled_build.query(f"select {column}, as_of_date, is_complete_month from marts.{mart}")
    assert rows
    wrong = []
    for day, stamped, complete in rows:
        last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        if stamped != as_of or complete != (last <= as_of):
            wrong.append((day, stamped, complete))
    assert not wrong, wrong[:5]
    if mart == "mart_cx_overview":
        assert {c for _, _, c in rows} == {True, False}, "the bundled data ends mid-month"
