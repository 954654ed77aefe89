"""Mutation check: do the tests catch realistic one-line bugs?

    python3 -m cx_tools mutate                  # every mutant, result in benchmarks/mutation.md
    python3 -m cx_tools mutate --list           # the mutants and the tests of their areas
    python3 -m cx_tools mutate --only nps_promoter_at_8 one_touch_ignores_reopens

Each mutant is one changed line of a model or macro: a bug a reviewer could
miss (a threshold moved by one, a comparison made strict, a condition
dropped). The project is copied once to a scratch folder; for each mutant
the line is changed there, the pytest selection of the mutant's area runs
on the copy (`-x`: it stops at the first failure, and hypothesis does not
shrink a failing example, profile `mutate` of tests/python/conftest.py),
and the line is put back. A mutant is caught when a test of its own area
fails; it survives when they all pass. Before the mutants, the union of the
selections runs once on the unchanged copy: a test that fails without any
mutation would make every mutant look caught, so the run stops there.

Every mutant names the line it changes by its text (and, where that text
occurs more than once, the line right before it, the macro it is in, or
which of its exactly n identical lines it is: `nth`). Before anything
runs, each target must be found exactly once (n times with `nth`): when
the code has moved, the command fails and says which mutant to update,
instead of mutating something else or nothing.

Not part of `python3 -m cx_tools test` (a mutant takes a minute or more:
the area's tests build the project). The full run writes its score and the
survivors to benchmarks/mutation.md; `--only` runs report to the terminal
(and to `--out` if given). See docs/benchmarks.md, "Mutation check".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from cx_tools import processes, staging
from cx_tools.progress import duration, say

ROOT = Path(__file__).resolve().parent.parent
RESULT = ROOT / "benchmarks" / "mutation.md"

# The tests of each area: what a mutant of that area must fail.
AREAS = {
    "raw contract": ["tests/python/test_raw_contract.py"],
    "identity": ["tests/python/test_raw_contract.py::test_identity_resolution",
                 "tests/python/test_churn.py"],
    "surveys": ["tests/python/test_survey_metrics.py"],
    "pii": ["tests/python/test_pii_masking.py"],
    "support": ["tests/python/test_support_metrics.py"],
    "churn": ["tests/python/test_churn.py"],
    "overview": ["tests/python/test_overview.py"],
    # the outcome marts (fct_customer_months, mart_churn_drivers,
    # mart_cohort_revenue) and their tests, once they are in the project
    "outcomes": ["tests/python/test_outcomes.py"],
}


@dataclass
class Mutant:
    """`line` (compared without its indentation) becomes `new` (indented
    as the line was). `after`: the line right before it, `within`: a line
    above it that starts the macro it is in, where its text alone occurs
    more than once in the file. `nth` (n, of): the n-th (from 1) of the
    `of` lines that match, where neither tells them apart (the same
    condition in two aggregates): there must be exactly `of` of them."""

    name: str
    area: str
    path: str
    line: str
    new: str
    bug: str
    after: str | None = None
    within: str | None = None
    nth: tuple[int, int] | None = None
    explained: str | None = None  # why it may survive (an equivalent mutant)
    lineno: int = field(default=0, compare=False)


MUTANTS = [
    # --- the ten bugs of issue 25, one per area --------------------------------
    Mutant("nps_promoter_at_8", "surveys",
           "models/intermediate/surveys/int_survey_responses_scored.sql",
           "when metric = 'nps' and score >= 9 then 'promoter'",
           "when metric = 'nps' and score >= 8 then 'promoter'",
           "NPS promoters from 8 instead of 9"),
    Mutant("csat_top_box_only", "surveys",
           "models/intermediate/surveys/int_survey_responses_scored.sql",
           "when metric = 'csat' then score >= scale_max - 1",
           "when metric = 'csat' then score >= scale_max",
           "CSAT satisfied is the top box only, not the top two"),
    Mutant("ces_low_effort_strict", "surveys",
           "models/intermediate/surveys/int_survey_responses_scored.sql",
           "then 3 * (score - scale_min) >= 2 * (scale_max - scale_min)",
           "then 3 * (score - scale_min) > 2 * (scale_max - scale_min)",
           "CES low effort at ease > 200/3 instead of >= (1-7 higher-is-better)"),
    Mutant("holidays_are_business_days", "support",
           "models/intermediate/calendar/int_business_calendar.sql",
           "and holidays.holiday_date is null",
           "and true",
           "holidays counted as business days"),
    Mutant("customer_message_is_first_response", "support",
           "models/intermediate/support/int_ticket_milestones.sql",
           "when actor_type = 'agent' and event_type = 'message'",
           "when event_type = 'message'",
           "a customer message taken as the first response (its time; the "
           "business clock at it is the second of the two lines)", nth=(1, 2)),
    Mutant("churned_at_exactly_n_days", "churn", "models/marts/customers/dim_customers.sql",
           "max(days_inactive) > {{ var('inactivity_days') }}, false",
           "max(days_inactive) >= {{ var('inactivity_days') }}, false",
           "dim_customers.is_churned at exactly inactivity_days (> became >=)"),
    Mutant("one_touch_ignores_reopens", "support", "models/marts/support/fct_tickets.sql",
           "is_resolved and agent_replies = 1 and reopen_count = 0 as is_one_touch,",
           "is_resolved and agent_replies = 1 as is_one_touch,",
           "a reopened ticket with one reply counted as one-touch"),
    Mutant("canonical_is_latest_signup", "identity",
           "models/intermediate/identity/int_customers_resolved.sql",
           "order by signup_at asc, customer_id asc",
           "order by signup_at desc, customer_id asc",
           "the canonical record of a person is the latest signup"),
    Mutant("phone_without_dashes", "pii", "macros/mask_pii.sql",
           r"[+\x{FF0B}]?[(]?\p{Nd}(?:[\p{Zs}\t\p{Pd}\x{2212}./()]{0,3}\p{Nd}){6,}",
           r"[+\x{FF0B}]?[(]?\p{Nd}(?:[\p{Zs}\t\x{2212}./()]{0,3}\p{Nd}){6,}",
           "phone numbers with dashes are not masked (DuckDB and Spark variants)",
           within="{% macro duckdb__mask_pii(text, literal_prefix='', replace_flags=\", 'g'\") -%}"),
    Mutant("reasons_score_swapped", "raw contract", "packages/cx_platform/macros/raw_contract/rejection_reasons.sql",
           "'unknown_question', 'score_not_integer', 'score_out_of_scale',",
           "'unknown_question', 'score_out_of_scale', 'score_not_integer',",
           "score_out_of_scale before score_not_integer (5.5 on a 1-5 question)"),
    # --- more of the same areas -------------------------------------------------
    Mutant("reasons_timestamp_number_swapped", "raw contract",
           "packages/cx_platform/macros/raw_contract/rejection_reasons.sql",
           "'bad_timestamp', 'bad_number', 'unknown_value', 'bad_interval',",
           "'bad_number', 'bad_timestamp', 'unknown_value', 'bad_interval',",
           "bad_number before bad_timestamp"),
    # (dropping `fault is null` from the case beside it changes nothing:
    # the partition by fault already keeps broken answers apart)
    Mutant("broken_answers_compete", "raw contract",
           "models/staging/surveys/base/base_surveys__responses.sql",
           "partition by fault, invitation_id, question_id",
           "partition by invitation_id, question_id",
           "a rejected answer supersedes the valid one before it"),
    Mutant("churn_starts_a_day_early", "churn",
           "models/intermediate/customers/int_customer_activity_spells.sql",
           "{{ dbt.dateadd('day', inactivity_days + 1, 'activity_date') }}",
           "{{ dbt.dateadd('day', inactivity_days, 'activity_date') }}",
           "churned from inactivity_days after the activity, not the day after"),
    Mutant("notes_after_the_solve_are_replies", "support",
           "models/intermediate/support/int_ticket_milestones.sql",
           "then summarised.agent_messages_before_last_solved",
           "then summarised.agent_messages",
           "agent messages after the final resolution counted as replies"),
    Mutant("phone_from_six_digits", "pii", "macros/mask_pii.sql",
           r"[+\x{FF0B}]?[(]?\p{Nd}(?:[\p{Zs}\t\p{Pd}\x{2212}./()]{0,3}\p{Nd}){6,}",
           r"[+\x{FF0B}]?[(]?\p{Nd}(?:[\p{Zs}\t\p{Pd}\x{2212}./()]{0,3}\p{Nd}){5,}",
           "six digits in a row masked as a phone number (DuckDB and Spark variants)",
           within="{% macro duckdb__mask_pii(text, literal_prefix='', replace_flags=\", 'g'\") -%}"),
    Mutant("phone_two_separators", "pii", "macros/mask_pii.sql",
           r"[+\x{FF0B}]?[(]?\p{Nd}(?:[\p{Zs}\t\p{Pd}\x{2212}./()]{0,3}\p{Nd}){6,}",
           r"[+\x{FF0B}]?[(]?\p{Nd}(?:[\p{Zs}\t\p{Pd}\x{2212}./()]{0,2}\p{Nd}){6,}",
           "at most 2 separators between two digits of a phone number (DuckDB and Spark variants)",
           within="{% macro duckdb__mask_pii(text, literal_prefix='', replace_flags=\", 'g'\") -%}"),
    Mutant("email_one_letter_tld", "pii", "macros/mask_pii.sql",
           r"[{{ word }}._%+-]+(?:\x27[{{ word }}._%+-]+)*[@\x{FF20}][{{ word }}-]+"
           r"(?:{{ dot }}[{{ word }}-]+)*{{ dot }}\p{L}[{{ word }}-]*[{{ word }}]",
           r"[{{ word }}._%+-]+(?:\x27[{{ word }}._%+-]+)*[@\x{FF20}][{{ word }}-]+"
           r"(?:{{ dot }}[{{ word }}-]+)*{{ dot }}\p{L}[{{ word }}-]*",
           "a one-letter top-level domain accepted (a@b.c masked; DuckDB variant)",
           within="{% macro duckdb__mask_pii(text, literal_prefix='', replace_flags=\", 'g'\") -%}"),
    # --- one per mart formula ------------------------------------------------------
    Mutant("fct_survey_responses_score_from_zero", "surveys",
           "models/intermediate/surveys/int_survey_responses_scored.sql",
           "100.0 * cast(score - scale_min as {{ double }})",
           "100.0 * cast(score as {{ double }})",
           "fct_survey_responses: normalised score without the scale minimum"),
    Mutant("fct_survey_invitations_rejected_answers", "surveys",
           "models/intermediate/surveys/int_survey_invitations_answered.sql",
           "from {{ ref('stg_surveys__responses') }}",
           "from {{ ref('base_surveys__responses') }}",
           "fct_survey_invitations: a rejected answer makes an invitation answered"),
    Mutant("mart_nps_monthly_low_sample_at_30", "surveys",
           "models/marts/surveys/mart_nps_monthly.sql",
           "responses < {{ var('low_sample_threshold') }} as is_low_sample",
           "responses <= {{ var('low_sample_threshold') }} as is_low_sample",
           "mart_nps_monthly: 30 responses flagged as a low sample"),
    Mutant("mart_csat_monthly_mean_over_satisfied", "surveys",
           "models/marts/surveys/mart_csat_monthly.sql",
           "{{ safe_mean('sum_normalized_score', 'responses') }}",
           "{{ safe_mean('sum_normalized_score', 'satisfied') }}",
           "mart_csat_monthly: mean normalised score over the satisfied only"),
    Mutant("mart_ces_monthly_ease_over_low_effort", "surveys",
           "models/marts/surveys/mart_ces_monthly.sql",
           "{{ safe_mean('sum_ease', 'responses') }} as ease_index,",
           "{{ safe_mean('sum_ease', 'low_effort') }} as ease_index,",
           "mart_ces_monthly: ease index over the low-effort responses"),
    Mutant("mart_survey_response_rates_inverted", "surveys",
           "models/marts/surveys/mart_survey_response_rates.sql",
           "{{ safe_pct('responded', 'invitations') }} as response_rate_pct",
           "{{ safe_pct('invitations', 'responded') }} as response_rate_pct",
           "mart_survey_response_rates: invitations per response"),
    Mutant("mart_touchpoint_scorecard_nps_over_all", "surveys",
           "models/marts/surveys/mart_touchpoint_scorecard.sql",
           "{{ nps_score('promoters', 'detractors', 'nps_responses') }} as nps,",
           "{{ nps_score('promoters', 'detractors', 'responses') }} as nps,",
           "mart_touchpoint_scorecard: NPS over the responses of every metric"),
    Mutant("mart_touchpoint_scorecard_attention_at_50", "surveys",
           "models/marts/surveys/mart_touchpoint_scorecard.sql",
           "< {{ var('touchpoint_attention_threshold') }},",
           "<= {{ var('touchpoint_attention_threshold') }},",
           "mart_touchpoint_scorecard: a mean of exactly 50 needs attention"),
    Mutant("mart_survey_question_monthly_mean_normalised", "surveys",
           "models/marts/surveys/mart_survey_question_monthly.sql",
           "{{ safe_mean('sum_score', 'responses') }} as mean_score,",
           "{{ safe_mean('sum_normalized_score', 'responses') }} as mean_score,",
           "mart_survey_question_monthly: the mean raw score is the normalised one"),
    Mutant("mart_comment_themes_any_sentiment", "overview",
           "models/marts/surveys/mart_comment_themes.sql",
           "and commented.sentiment_group = mentioned.sentiment_group",
           "and true",
           "mart_comment_themes: mentions of every sentiment group in each group"),
    Mutant("mart_followup_queue_nps_only", "overview",
           "models/marts/surveys/mart_followup_queue.sql",
           "where nps_category = 'detractor' or not is_csat_satisfied",
           "where nps_category = 'detractor'",
           "mart_followup_queue: dissatisfied CSAT responses left out"),
    Mutant("mart_support_monthly_reopen_over_resolved", "support",
           "models/marts/support/mart_support_monthly.sql",
           "{{ safe_pct('counted.tickets_reopened', 'counted.tickets_solved') }}",
           "{{ safe_pct('counted.tickets_reopened', 'counted.tickets_resolved') }}",
           "mart_support_monthly: reopen % over resolved tickets, not solved ones"),
    Mutant("mart_churn_cohorts_active_is_size", "churn",
           "models/marts/customers/mart_churn_cohorts.sql",
           "cast(cohort_size - churned_customers as bigint) as active_customers,",
           "cast(cohort_size as bigint) as active_customers,",
           "mart_churn_cohorts: active customers without the churned taken off"),
    Mutant("mart_churn_monthly_over_all_counted", "churn",
           "models/marts/customers/mart_churn_monthly.sql",
           "{{ safe_pct('with_start.churned', 'with_start.customers_at_start') }}",
           "{{ safe_pct('with_start.churned', 'with_start.customers_counted') }}",
           "mart_churn_monthly: churn rate over every customer ever counted"),
    Mutant("mart_cx_overview_change_reversed", "overview",
           "models/marts/overview/mart_cx_overview.sql",
           "nps - previous_nps as nps_change,",
           "previous_nps - nps as nps_change,",
           "mart_cx_overview: NPS change as previous minus current"),
    # (dim_customers: churned_at_exactly_n_days; fct_tickets:
    # one_touch_ignores_reopens, above)
    #
    # --- the outcome marts: one mutant per formula, area "outcomes" -------------
    Mutant("drivers_horizon_strictly_before_as_of", "outcomes",
           "models/marts/customers/mart_churn_drivers.sql",
           "experiences.horizon_date <= as_of.as_of_date",
           "experiences.horizon_date < as_of.as_of_date",
           "mart_churn_drivers: an experience whose horizon is as_of_date is left out"),
    Mutant("drivers_count_churned_customers", "outcomes",
           "models/marts/customers/mart_churn_drivers.sql",
           "and churned_at_experience.customer_key is null as is_counted,",
           "and true as is_counted,",
           "mart_churn_drivers: experiences of customers already churned count"),
    Mutant("drivers_no_comeback", "outcomes",
           "models/marts/customers/mart_churn_drivers.sql",
           "coalesce(churned_until, cast('9999-12-31' as date)) as churned_until",
           "cast('9999-12-31' as date) as churned_until",
           "mart_churn_drivers: a customer who came back before the horizon is churned"),
    Mutant("margin_without_reference", "outcomes", "macros/metrics/rate_difference_margin.sql",
           "+ ({{ pr }})", "+ 0 * ({{ pr }})",
           "rate_difference_margin: the reference group's variance left out"),
    Mutant("customer_months_continued_churn_is_new", "outcomes",
           "models/intermediate/customers/int_customer_month_status.sql",
           "and segments.starts_churn", "and true",
           "fct_customer_months: a churned stretch right after another is a new churn"),
    Mutant("customer_months_no_reactivation", "outcomes",
           "models/intermediate/customers/int_customer_month_status.sql",
           "true as starts_reactivation", "false as starts_reactivation",
           "fct_customer_months: nobody is ever reactivated"),
    Mutant("customer_months_before_signup", "outcomes",
           "models/intermediate/customers/int_customer_month_status.sql",
           "and segments.signup_date <= months.evaluation_date", "and true",
           "fct_customer_months: a customer who signs up after as_of_date has a row"),
    Mutant("customer_months_pending_is_breached", "outcomes",
           "models/marts/customers/fct_customer_months.sql",
           "count(case when first_response_sla = 'breached' then 1 end)",
           "count(case when first_response_sla <> 'met' then 1 end)",
           "fct_customer_months: a pending first-response SLA counts as breached"),
    Mutant("cohort_revenue_not_cumulated", "outcomes",
           "models/marts/customers/mart_cohort_revenue.sql",
           "rows between unbounded preceding and current row",
           "rows between 1 preceding and current row",
           "mart_cohort_revenue: cumulative revenue of the last two months only"),
]


class MovedCode(Exception):
    """A mutant's target line is not in its file exactly once (or, with
    `nth`, exactly as many times as it says)."""


def locate(mutant: Mutant, text: str) -> int:
    """The index of the mutant's target line in `text`'s lines; raises
    MovedCode unless it is found exactly once (after its `after` line, in
    the macro `within` starts), or with `nth` (n, of) exactly `of` times,
    of which it is the n-th."""
    lines = text.split("\n")
    start, stop = 0, len(lines)
    if mutant.within is not None:
        anchors = [i for i, x in enumerate(lines) if x.strip() == mutant.within]
        if len(anchors) != 1:
            raise MovedCode(f"{mutant.name}: the line {mutant.within!r} is in {mutant.path} "
                            f"{len(anchors)} times, not once")
        start = anchors[0] + 1
        stop = next((i for i in range(start, len(lines))
                     if re.match(r"\s*\{%-?\s*macro\b", lines[i])), len(lines))
    found = [i for i in range(start, stop) if lines[i].strip() == mutant.line
             and (mutant.after is None
                  or (i > 0 and lines[i - 1].strip() == mutant.after))]
    n, expected = mutant.nth or (1, 1)
    if not 1 <= n <= expected or (mutant.nth and expected < 2):
        raise ValueError(f"{mutant.name}: nth={mutant.nth} names no line: "
                         "(n, of) with 1 <= n <= of and of >= 2")
    if len(found) != expected:
        where = f" in the macro of {mutant.within!r}" if mutant.within else ""
        where += f" after {mutant.after!r}" if mutant.after else ""
        times = "once" if expected == 1 else f"{expected} times"
        raise MovedCode(f"{mutant.name}: the line {mutant.line!r} is in {mutant.path}{where} "
                        f"{len(found)} times, not {times}: the code moved, update the mutant "
                        "in cx_tools/mutate.py")
    return found[n - 1]


def mutated(mutant: Mutant, text: str) -> str:
    lines = text.split("\n")
    i = locate(mutant, text)
    indent = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
    lines[i] = indent + mutant.new
    return "\n".join(lines)


def check_mutants(mutants: list[Mutant], root: Path = ROOT) -> None:
    """Every target found exactly once (or as `nth` says), every area
    known, every change a change: all problems at once, before anything
    runs."""
    problems, names = [], set()
    for m in mutants:
        if m.name in names:
            problems.append(f"{m.name}: two mutants of this name")
        names.add(m.name)
        if m.area not in AREAS:
            problems.append(f"{m.name}: unknown area {m.area!r}")
        if m.new.strip() == m.line.strip():
            problems.append(f"{m.name}: the new line is the old one")
        path = root / m.path
        if not path.exists():
            problems.append(f"{m.name}: {m.path} does not exist")
            continue
        try:
            m.lineno = locate(m, path.read_text(encoding="utf-8")) + 1
        except MovedCode as moved:
            problems.append(str(moved))
    if problems:
        raise MovedCode("the mutants do not match the code:\n  " + "\n  ".join(problems))


IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "target", "logs", "dbt_packages", "__pycache__", ".pytest_cache",
    ".hypothesis", "*.duckdb", "*.duckdb.wal", "*.duckdb.tmp", "published", "build")


def scratch_copy(folder: Path) -> Path:
    """The project (without the virtualenv, git, dbt's outputs and any
    warehouse) copied into `folder`, with the virtualenv linked."""
    copy = folder / "project"
    shutil.copytree(ROOT, copy, ignore=IGNORED, symlinks=True)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


def selection(areas: list[str]) -> list[str]:
    """The pytest arguments of these areas' tests, each once (a node of a
    file that is selected whole is left out)."""
    args = []
    for area in areas:
        for arg in AREAS[area]:
            if arg not in args:
                args.append(arg)
    files = {a for a in args if "::" not in a}
    return [a for a in args if "::" not in a or a.split("::")[0] not in files]


def run_tests(copy: Path, args: list[str], log: Path) -> tuple[int, list[str]]:
    """pytest with `args` in the copy; (exit code, the FAILED/ERROR lines)."""
    from cx_tools.dbt_cli import dbt_env

    cmd = [sys.executable, "-m", "pytest", *args, "-x", "-q", "-rfE", "--tb=short",
           "-p", "no:cacheprovider", "--hypothesis-profile=mutate"]
    env = dbt_env()
    env.pop("DBT_PROFILES_DIR", None)  # the tests pass the copy's own
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    with open(log, "w", encoding="utf-8") as out:
        out.write("$ " + " ".join(cmd) + "\n")
        out.flush()
        code = processes.run(cmd, cwd=copy, env=env, stdout=out, stderr=subprocess.STDOUT)
    return code, failures_in(log.read_text(encoding="utf-8"))


def failures_in(output: str) -> list[str]:
    """The FAILED/ERROR lines of pytest's summary; when the build the tests
    share failed (conftest's bundled_build), the first names the dbt nodes
    that failed (unit and data tests)."""
    failures = [line.strip() for line in output.splitlines()
                if line.startswith(("FAILED ", "ERROR "))]
    # the assertion's message, not the traceback's source line above it
    # (its f-string says "dbt nodes that failed: " too)
    nodes = re.search(r"AssertionError: dbt nodes that failed:([^\n]*)", output)
    if failures and nodes:
        names = nodes.group(1).strip() or "failed before any node"
        failures[0] += f" [dbt: {names}]"
    return failures


@dataclass
class Outcome:
    mutant: Mutant
    status: str  # caught, survived, error
    seconds: float
    failures: list[str]
    log: Path


def run(mutants: list[Mutant], logs: Path, copy: Path, baseline: bool = True,
        tests: list[str] | None = None) -> list[Outcome]:
    """Each mutant against its area's tests (or `tests`), after the
    baseline run of the same tests on the unchanged copy."""
    if baseline:
        args = tests or selection(sorted({m.area for m in mutants}))
        say(f"baseline: the tests of {len(args)} selections on the unchanged copy …")
        started = time.monotonic()
        code, failures = run_tests(copy, args, logs / "baseline.log")
        if code != 0:
            raise SystemExit(f"cx_tools mutate: the tests fail without any mutation "
                             f"(exit {code}: {failures[:3]}); see {logs / 'baseline.log'}")
        say(f"baseline passed in {duration(time.monotonic() - started)}")
    outcomes = []
    for n, m in enumerate(mutants, 1):
        target = copy / m.path
        original = target.read_text(encoding="utf-8")
        target.write_text(mutated(m, original), encoding="utf-8")
        # a change of the raw contract's declaration reaches the models as
        # its author would make it reach them: regenerated (cx_tools staging)
        regenerate = staging.is_input(m.path)
        if regenerate:
            staging.write(copy)
        started = time.monotonic()
        try:
            code, failures = run_tests(copy, tests or selection([m.area]),
                                       logs / f"{m.name}.log")
        finally:
            target.write_text(original, encoding="utf-8")
            if regenerate:
                staging.write(copy)
        seconds = time.monotonic() - started
        status = {0: "survived", 1: "caught"}.get(code, "error")
        outcomes.append(Outcome(m, status, seconds, failures, logs / f"{m.name}.log"))
        first = failures[0] if failures else ""
        say(f"[{n}/{len(mutants)}] {m.name}: {status.upper()} in {duration(seconds)}"
            + (f" ({first[:150]})" if first else ""))
    return outcomes


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=ROOT, capture_output=True, text=True).stdout.strip()
        return head + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _first_failure(failures: list[str]) -> str:
    """'test_x.py::test_y', or 'test_x.py::test_y (setup: dbt unit_test_z)'
    when the build the tests share failed."""
    if not failures:
        return ""
    kind, rest = failures[0].split(" ", 1)
    test = rest.split(" - ")[0].split(" [dbt: ")[0].removeprefix("tests/python/")
    nodes = re.search(r"\[dbt: ([^\]]*)\]", rest)
    if nodes:
        return f"{test} (the shared build: dbt {nodes.group(1)})"
    return test + (" (setup)" if kind == "ERROR" else "")


def report(outcomes: list[Outcome], seconds: float) -> str:
    caught = [o for o in outcomes if o.status == "caught"]
    others = [o for o in outcomes if o.status != "caught"]
    lines = [
        "# Mutation check",
        "",
        "`python3 -m cx_tools mutate` (cx_tools/mutate.py): each mutant is one changed",
        "line of a model or macro, a bug a reviewer could miss; the tests of the",
        "mutant's area run on a scratch copy of the project with that line changed",
        "(`-x`, hypothesis without shrinking). Caught: a test of the area fails.",
        "Run it after changing tests or the models they cover, and record the",
        "result here (docs/benchmarks.md, \"Mutation check\").",
        "",
        f"Last run: {dt.date.today().isoformat()}, commit {_commit()}, "
        f"{os.cpu_count()} cores, {duration(seconds)} in all.",
        "",
        f"**Score: {len(caught)} of {len(outcomes)} mutants caught.**",
        "",
        "| mutant | area | line | bug | result | first failure | time |",
        "|---|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        m = o.mutant
        first = _first_failure(o.failures)
        lines.append(f"| `{m.name}` | {m.area} | `{m.path}:{m.lineno}` | {_cell(m.bug)} | "
                     f"{o.status} | {_cell(first)} | {duration(o.seconds)} |")
    lines += ["", "## Survivors", ""]
    if not others:
        lines.append("None.")
    for o in others:
        why = o.mutant.explained or "NOT EXPLAINED: add a test that kills it, or say why here."
        lines.append(f"- `{o.mutant.name}` ({o.status}): {why}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m cx_tools mutate",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run these mutants only")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the run of the tests on the unchanged copy")
    parser.add_argument("--out", type=Path,
                        help=f"write the result there (default for a full run: {RESULT})")
    parser.add_argument("--tests", nargs="+", metavar="PYTEST_ARG",
                        help="run these tests for every mutant instead of its area's "
                             "(does this test alone catch it?); implies no result file")
    parser.add_argument("--keep", action="store_true",
                        help="keep the scratch copy and the logs (printed at the end)")
    args = parser.parse_args(argv)

    mutants = list(MUTANTS)
    if args.only:
        unknown = set(args.only) - {m.name for m in mutants}
        if unknown:
            parser.error(f"unknown mutants: {', '.join(sorted(unknown))}")
        mutants = [m for m in mutants if m.name in args.only]
    try:
        check_mutants(mutants)
    except MovedCode as moved:
        print(f"cx_tools mutate: {moved}", file=sys.stderr)
        return 2
    if args.list:
        for m in mutants:
            print(f"{m.name:48} {m.area:13} {m.path}:{m.lineno}  ({' '.join(AREAS[m.area])})")
        return 0

    folder = Path(tempfile.mkdtemp(prefix="cx_mutate_"))
    logs = folder / "logs"
    logs.mkdir()
    started = time.monotonic()
    try:
        copy = scratch_copy(folder)
        say(f"{len(mutants)} mutants on a copy of the project in {copy}")
        outcomes = run(mutants, logs, copy, baseline=not args.no_baseline, tests=args.tests)
        text = report(outcomes, time.monotonic() - started)
        out = args.out or (None if args.only or args.tests else RESULT)
        if out is not None:
            out.write_text(text, encoding="utf-8")
            say(f"result written to {out}")
        caught = sum(o.status == "caught" for o in outcomes)
        say(f"{caught} of {len(outcomes)} mutants caught in "
            f"{duration(time.monotonic() - started)}")
        for o in outcomes:
            if o.status != "caught":
                say(f"  {o.status}: {o.mutant.name} ({o.mutant.bug}); log {o.log}")
        return 0 if caught == len(outcomes) else 1
    finally:
        if args.keep:
            say(f"kept: {folder}")
        else:
            # the copy goes, the logs stay (a survivor's log says what ran)
            shutil.rmtree(folder / "project", ignore_errors=True)
            say(f"logs: {logs}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
