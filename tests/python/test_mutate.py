"""The mutation check's own rules (cx_tools/mutate.py), without running a
mutant: a target line is found exactly once or the command stops, the
change keeps the line's indentation, each area's tests run once, and the
first failure of a mutant names the failing test and dbt nodes."""

from __future__ import annotations

import pytest

from cx_tools.mutate import AREAS, MUTANTS, Mutant, MovedCode, _first_failure, check_mutants, \
    failures_in, locate, mutated, selection

MACROS = """{% macro duckdb__f(x) -%}
    case
        when {{ x }} >= 9 then 'a'
        when {{ x }} >= 9 then 'a'
    end
{%- endmacro %}

{% macro spark__f(x) -%}
        when {{ x }} >= 9 then 'a'
{%- endmacro %}
"""


def test_a_target_is_found_exactly_once_or_the_command_stops():
    line = "when {{ x }} >= 9 then 'a'"
    twice = Mutant("m", "surveys", "f.sql", line, "when {{ x }} > 9 then 'a'", "bug")
    with pytest.raises(MovedCode, match="3 times, not once"):
        locate(twice, MACROS)
    in_spark = Mutant("m", "surveys", "f.sql", line, "x", "bug", within="{% macro spark__f(x) -%}")
    assert locate(in_spark, MACROS) == 8
    in_duckdb = Mutant("m", "surveys", "f.sql", line, "x", "bug",
                       within="{% macro duckdb__f(x) -%}")
    with pytest.raises(MovedCode, match="2 times"):
        locate(in_duckdb, MACROS)
    second = Mutant("m", "surveys", "f.sql", line, "x", "bug", after=line)
    assert locate(second, MACROS) == 3
    gone = Mutant("m", "surveys", "f.sql", "when {{ x }} >= 8 then 'a'", "x", "bug")
    with pytest.raises(MovedCode, match="0 times"):
        locate(gone, MACROS)
    first_of_two = Mutant("m", "surveys", "f.sql", line, "x", "bug",
                          within="{% macro duckdb__f(x) -%}", nth=(1, 2))
    assert locate(first_of_two, MACROS) == 2
    second_of_two = Mutant("m", "surveys", "f.sql", line, "x", "bug",
                           within="{% macro duckdb__f(x) -%}", nth=(2, 2))
    assert locate(second_of_two, MACROS) == 3
    one_of_three = Mutant("m", "surveys", "f.sql", line, "x", "bug", nth=(1, 2))
    with pytest.raises(MovedCode, match="3 times, not 2 times"):
        locate(one_of_three, MACROS)
    for nth in [(0, 2), (3, 2), (1, 1)]:
        nowhere = Mutant("m", "surveys", "f.sql", line, "x", "bug", nth=nth)
        with pytest.raises(ValueError, match="names no line"):
            locate(nowhere, MACROS)


def test_every_mutant_of_the_project_finds_its_line():
    # `mutate` stops before running anything when a target moved; this
    # says so in the test suite, the day the code moves, rather than on the
    # next mutation run
    check_mutants(MUTANTS)


def test_the_changed_line_keeps_its_indentation():
    m = Mutant("m", "surveys", "f.sql", "when {{ x }} >= 9 then 'a'",
               "when {{ x }} > 9 then 'a'", "bug", within="{% macro spark__f(x) -%}")
    lines = mutated(m, MACROS).split("\n")
    assert lines[8] == "        when {{ x }} > 9 then 'a'"
    assert sum(a != b for a, b in zip(lines, MACROS.split("\n"))) == 1


def test_check_mutants_reports_every_problem_at_once(tmp_path):
    (tmp_path / "f.sql").write_text(MACROS)
    bad = [Mutant("a", "surveys", "f.sql", "when {{ x }} >= 9 then 'a'", "x", "bug"),
           Mutant("b", "nowhere", "f.sql", "end", "end", "bug"),
           Mutant("c", "surveys", "missing.sql", "end", "x", "bug")]
    with pytest.raises(MovedCode) as problems:
        check_mutants(bad, root=tmp_path)
    text = str(problems.value)
    assert "a: the line" in text and "unknown area 'nowhere'" in text
    assert "b: the new line is the old one" in text and "missing.sql does not exist" in text


def test_each_area_runs_its_tests_once():
    assert selection(["identity", "churn"]) == [
        "tests/python/test_raw_contract.py::test_identity_resolution",
        "tests/python/test_churn.py"]
    # a test of a file that runs whole is not named again
    assert selection(["raw contract", "identity"]) == ["tests/python/test_raw_contract.py",
                                                       "tests/python/test_churn.py"]
    assert {m.area for m in MUTANTS} <= set(AREAS)


# pytest's output of a mutant whose shared build failed (tests/python/
# conftest.py, bundled_build): the traceback shows the assertion's source
# line, whose f-string also says "dbt nodes that failed: " — reading the
# nodes from it recorded `{', '.join(failed)}...` as the failing dbt test
SHARED_BUILD_FAILED = """\
_ ERROR at setup of test_mart_equals_oracle_on_bundled_data[mart_ces_monthly] __
tests/python/conftest.py:213: in bundled_build
    assert build.success, f"dbt nodes that failed: {', '.join(failed)}\\n{build.messages()}"
E   AssertionError: dbt nodes that failed: nps_change_significance, survey_cases
E     cx_metrics.on-run-start.0 passed
=========================== short test summary info ============================
ERROR tests/python/test_survey_metrics.py::test_mart_equals_oracle_on_bundled_data\
[mart_ces_monthly] - ...
!!!!!!!!!!!!!!!!!!!!!!!!!! stopping after 1 failures !!!!!!!!!!!!!!!!!!!!!!!!!!!
"""


def test_the_first_failure_names_the_failing_dbt_nodes_not_the_source_line():
    failures = failures_in(SHARED_BUILD_FAILED)
    assert failures == [
        "ERROR tests/python/test_survey_metrics.py::test_mart_equals_oracle_on_bundled_data"
        "[mart_ces_monthly] - ... [dbt: nps_change_significance, survey_cases]"]
    assert _first_failure(failures) == (
        "test_survey_metrics.py::test_mart_equals_oracle_on_bundled_data[mart_ces_monthly] "
        "(the shared build: dbt nps_change_significance, survey_cases)")
    # the source line alone names no node
    source_only = "\n".join(line for line in SHARED_BUILD_FAILED.splitlines()
                            if not line.startswith("E "))
    assert _first_failure(failures_in(source_only)) == (
        "test_survey_metrics.py::test_mart_equals_oracle_on_bundled_data[mart_ces_monthly] "
        "(setup)")


def test_the_first_failure_of_a_test_and_of_a_build_without_failed_nodes():
    failed = ("E   AssertionError: dim_customers: 3 differences\n"
              "FAILED tests/python/test_churn.py::test_dim_customers_equals_oracle - Asserti...\n")
    assert _first_failure(failures_in(failed)) == "test_churn.py::test_dim_customers_equals_oracle"
    # dbt stopped before any node (a macro that does not compile): no node
    # to name, and no empty one
    stopped = ("E   AssertionError: dbt nodes that failed: \n"
               "E     Compilation Error in macro nps_category\n"
               "ERROR tests/python/test_outcomes.py::test_no_email_in_outcome_marts - ...\n")
    assert _first_failure(failures_in(stopped)) == (
        "test_outcomes.py::test_no_email_in_outcome_marts (the shared build: dbt failed "
        "before any node)")
    assert _first_failure([]) == ""
