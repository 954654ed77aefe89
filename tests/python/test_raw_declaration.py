"""The raw contract is declared once, in the dbt sources: a new raw column
is a change in one declaration (and its docs), and the reason codes are
listed in one order everywhere."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import yaml

from conftest import ROOT, run_dbt
from cx_tools import staging
from cx_tools.dbt_cli import install_packages
from rawkit import COLUMNS, OPTIONAL, good_rows, write_raw
from test_raw_contract import REASONS


def _macro_reasons() -> list[str]:
    text = (ROOT / "packages" / "cx_platform" / "macros" / "raw_contract" / "rejection_reasons.sql").read_text()
    body = text[text.index("return(["):text.index("])")]
    return re.findall(r"'([a-z_]+)'", body)


def test_reason_codes_are_in_one_order_everywhere():
    reasons = _macro_reasons()
    assert reasons == REASONS
    audit = yaml.safe_load((ROOT / "models" / "audit" / "_audit__models.yml").read_text())
    model = next(m for m in audit["models"] if m["name"] == "audit_rejected_rows")
    column = next(c for c in model["columns"] if c["name"] == "reason")
    accepted = next(t["accepted_values"] for t in column["data_tests"]
                    if isinstance(t, dict) and "accepted_values" in t)
    assert accepted["arguments"]["values"] == reasons
    docs = (ROOT / "docs" / "raw_contract.md").read_text()
    table = docs[docs.index("## Rejection reasons"):docs.index("## Accounting for every row")]
    assert re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.M) == reasons


def test_every_declared_rule_names_a_known_reason():
    reasons = set(_macro_reasons())
    for path in sorted((ROOT / "models" / "staging").glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text())["sources"]:
            for table in source["tables"]:
                if not table["name"].startswith("raw_"):
                    continue  # not a table of the raw contract (e.g. Zendesk's)
                cx = table["config"]["meta"]["cx"]
                keys = [cx["key"]] if isinstance(cx["key"], str) else cx["key"]
                assert set(keys) <= {c["name"] for c in table["columns"]}, table["name"]
                assert isinstance(cx["key"], str) or cx.get("key_as"), table["name"]
                declared = [r["reason"] for r in cx.get("rules", [])]
                for column in table["columns"]:
                    col = column.get("config", {}).get("meta", {}).get("cx", {})
                    declared += [col[k] for k in ("required", "invalid") if k in col]
                    declared += [r["reason"] for r in col.get("rules", [])]
                    if "references" in col:
                        declared.append(col["references"]["reason"])
                assert set(declared) <= reasons, (table["name"], set(declared) - reasons)


def _project_copy(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("dbt_project.yml", "profiles.yml", "packages.yml", "package-lock.yml"):
        shutil.copy(ROOT / name, folder / name)
    for name in ("models", "macros", "packages", "seeds", "analyses", "tests"):
        shutil.copytree(ROOT / name, folder / name,
                        ignore=shutil.ignore_patterns("python", "__pycache__"))
    install_packages(folder)
    return folder


def test_a_new_raw_column_is_one_declaration(tmp_path):
    """Add `region` to raw_tickets in the source YAML only, then regenerate
    the staging models (`cx_tools staging --write`): the file check
    requires it, base_ cleans and validates it, stg_ stages it, and the
    audit keeps it in raw_row and rejects a bad value with its reason."""
    project = _project_copy(tmp_path / "project")
    sources = project / "models" / "staging" / "helpdesk" / "_helpdesk__sources.yml"
    text = sources.read_text()
    anchor = "          - name: subject\n            description: Ticket subject.\n"
    assert anchor in text
    sources.write_text(text.replace(anchor, anchor + (
        "          - name: region\n"
        "            description: Region of the requester (test column).\n"
        "            config:\n"
        "              meta:\n"
        "                cx:\n"
        "                  clean: enum\n"
        "                  values: [emea, amer, apac]\n")))
    # the committed models no longer match the declaration until regenerated
    stale = {p.name for p in staging.differing(project)}
    assert stale == {"base_helpdesk__tickets.sql", "stg_helpdesk__tickets.sql"}
    assert staging.main(["--write", "--root", str(project)]) == 0
    assert not staging.differing(project)
    base = (project / "models/staging/helpdesk/base/base_helpdesk__tickets.sql").read_text()
    assert "lower({{ clean_text('raw__region') }}) as region" in base
    assert "keyed.region not in ('emea', 'amer', 'apac')" in base

    data = good_rows()
    regions = iter([" EMEA ", "amer", "Apac", "emea", "amer"])
    for row in data["raw_tickets"]:
        row["region"] = next(regions)
    data["raw_tickets"].append(dict(data["raw_tickets"][0], ticket_id="T-MARS", region="mars"))
    raw = tmp_path / "raw"
    raw.mkdir()
    for table, columns in COLUMNS.items():
        if table in OPTIONAL and not data.get(table):
            continue
        columns = columns + (["region"] if table == "raw_tickets" else [])
        with open(raw / f"{table}.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            for row in data[table]:
                writer.writerow({c: row.get(c) for c in columns})

    build = run_dbt(tmp_path, ["run", "--select", "+audit_row_counts", "+stg_helpdesk__tickets"],
                    raw_dir=raw, project_dir=project)
    assert build.success, build.messages()
    staged = dict(build.query("select ticket_id, region from staging.stg_helpdesk__tickets"))
    want = {row["ticket_id"]: row["region"].strip().lower() for row in data["raw_tickets"]
            if row["ticket_id"] != "T-MARS"}
    assert staged == want
    rejected = build.query(
        "select source_table, source_key, reason, raw_row from audit.audit_rejected_rows")
    assert [r[:3] for r in rejected] == [("raw_tickets", "T-MARS", "unknown_value")]
    assert json.loads(rejected[0][3])["region"] == "mars"
    counts = build.query("select is_reconciled from audit.audit_row_counts")
    assert counts and all(ok for (ok,) in counts)

    # a raw file without the declared column is refused with a clear reason
    with open(raw / "raw_tickets.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with open(raw / "raw_tickets.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS["raw_tickets"], lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    build = run_dbt(tmp_path / "second", ["run", "--select", "base_helpdesk__tickets"],
                    raw_dir=raw, project_dir=project)
    assert not build.success
    assert "region" in build.messages()


def test_optional_tables_absent_or_empty_are_read_as_empty(tmp_path):
    """The schedule tables are optional: without their files (or with a
    file of only a header) the build runs, reads them as empty, and
    reconciles them as 0 rows."""
    data = good_rows()
    for table in OPTIONAL:
        data.pop(table, None)
    raw = write_raw(tmp_path / "raw", data)
    assert not any((raw / f"{t}.csv").exists() for t in OPTIONAL)
    # one of them present as a header-only file
    (raw / "raw_schedules.csv").write_text(",".join(COLUMNS["raw_schedules"]) + "\n")
    build = run_dbt(tmp_path, ["run", "--select", "+audit_row_counts"], raw_dir=raw)
    assert build.success, build.messages()
    counts = {t: (raw_rows, ok) for t, raw_rows, ok in build.query(
        "select source_table, raw_rows, is_reconciled from audit.audit_row_counts")}
    assert {t: counts[t] for t in OPTIONAL} == {t: (0, True) for t in OPTIONAL}
    assert build.query("select count(*) from staging.stg_helpdesk__tickets") == [(1,)]
