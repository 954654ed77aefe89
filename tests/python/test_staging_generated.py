"""The base_ and stg_ models are the SQL the raw contract's declaration
gives (cx_tools/staging.py): regenerated here, they must equal the
committed files, so the declaration stays the one place a raw column, its
type and its rules are stated."""

from __future__ import annotations

import re

from conftest import ROOT
from cx_tools import staging


def test_the_committed_staging_models_are_the_generated_ones():
    stale = staging.differing(ROOT)
    assert not stale, (
        "staging models that differ from the raw contract's declaration: "
        f"{sorted(map(str, stale))}; run `python3 -m cx_tools staging --write` and commit them")


def test_every_table_has_its_generated_models():
    files = {p.name for p in staging.generated(ROOT)}
    for table in staging.declarations(ROOT):
        assert f"{table.base}.sql" in files
        assert (f"{table.staged}.sql" in files) != table.staged_by_hand, table.name


def test_the_rules_are_written_in_the_precedence_of_the_reasons():
    """Each base_ model's `case` names the declared reasons in the order of
    rejection_reasons, and every declared reason appears."""
    reasons = staging.rejection_reasons(ROOT)
    for table in staging.declarations(ROOT):
        text = (ROOT / next(p for p in staging.generated(ROOT)
                            if p.name == f"{table.base}.sql")).read_text()
        case = text[text.index("assessed as ("):]
        written = re.findall(r"then '([a-z_]+)'", case[:case.index("\n),")])
        assert written == sorted(written, key=reasons.index), table.name
        declared, _lookups = staging.conditions(table, reasons)
        assert set(written) == {d["reason"] for d in declared if d["when"]}, table.name


def test_a_reason_outside_the_list_is_refused():
    table = staging.declarations(ROOT)[0]
    table.rules = table.rules + [{"reason": "made_up", "when": "true"}]
    try:
        staging.conditions(table, staging.rejection_reasons(ROOT))
    except SystemExit as error:
        assert "made_up" in str(error)
    else:
        raise AssertionError("an unknown reason was accepted")


def test_a_parent_is_named_once():
    """A reference to a staged model is one line of the declaration: the
    generated base_ model reads the model (a ref dbt sees when it parses)
    and re-validates the rows whose parent an incremental run reloaded."""
    text = (ROOT / "models/staging/crm/base/base_crm__orders.sql").read_text()
    assert "ref('stg_crm__customers')" in text
    assert "keys_of_reloaded_parents(\n    'order_id', 'customer_id', ref('base_crm__customers')" in text
    assert "depends_on" not in text
    # a reference to stg_helpdesk__schedules: reloaded with base_helpdesk__schedules
    text = (ROOT / "models/staging/helpdesk/base/base_helpdesk__schedule_holidays.sql").read_text()
    assert "'schedule_holiday_key', 'schedule_id', ref('base_helpdesk__schedules')" in text
