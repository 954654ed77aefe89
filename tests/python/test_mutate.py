"""The mutation check's own rules (cx_tools/mutate.py), without running a
mutant: a target line is found exactly once or the command stops, the
change keeps the line's indentation, and each area's tests run once."""

from __future__ import annotations

import pytest

from cx_tools.mutate import AREAS, MUTANTS, Mutant, MovedCode, check_mutants, locate, \
    mutated, selection

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
