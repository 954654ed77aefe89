"""Project-level checks: docs generate, contracts and documentation coverage."""

from __future__ import annotations

import json
import re

from conftest import ROOT, run_dbt


def test_docs_generate_succeeds(bundled_build, tmp_path):
    build = run_dbt(tmp_path, ["docs", "generate"], db_path=bundled_build.db_path)
    assert build.success
    catalog = json.loads((tmp_path / "target" / "catalog.json").read_text())
    assert any(k.endswith("mart_cx_overview") for k in catalog["nodes"])


def test_compile_works_on_an_empty_warehouse(tmp_path):
    """Nothing queries the warehouse at compile time (lint, docs, CI)."""
    assert run_dbt(tmp_path, ["compile"]).success


def test_every_model_and_column_is_documented_and_marts_are_contracted(parsed_manifest):
    manifest = parsed_manifest
    models = [n for n in manifest["nodes"].values()
              if n["resource_type"] == "model" and n["package_name"] == "cx_metrics"]
    assert models
    undocumented = [m["name"] for m in models if not m["description"].strip()]
    assert not undocumented
    marts = [m for m in models if m["path"].startswith("marts/")]
    assert len(marts) >= 16
    assert not [m["name"] for m in marts if not m["config"]["contract"]["enforced"]]
    for m in models:
        assert m["columns"], f"{m['name']} has no documented columns"
        assert not [c for c, v in m["columns"].items() if not v["description"].strip()], m["name"]
    # every mart has a primary-key test (unique column or unique combination)
    tests = [n for n in manifest["nodes"].values() if n["resource_type"] == "test"]
    keyed = {dep for t in tests
             if t.get("test_metadata", {}).get("name") in ("unique", "unique_combination")
             for dep in t["depends_on"]["nodes"]}
    assert not [m["name"] for m in marts if m["unique_id"] not in keyed]


def test_every_mart_is_in_an_exposure(parsed_manifest):
    """Every mart is declared as used by a BI consumer (lineage in dbt docs
    ends at an exposure, not at a dangling table)."""
    manifest = parsed_manifest
    marts = {n["unique_id"] for n in manifest["nodes"].values()
             if n["resource_type"] == "model" and n["package_name"] == "cx_metrics"
             and n["path"].startswith("marts/")}
    exposed = {dep for e in manifest["exposures"].values() for dep in e["depends_on"]["nodes"]}
    assert marts and not sorted(m.split(".")[-1] for m in marts - exposed)


ENGINES = ("duckdb", "default", "postgres", "spark")
PLATFORM = ROOT / "packages" / "cx_platform"
ENGINE_VARIANT = re.compile(rf"^({'|'.join(ENGINES)})__\w+$")


def test_every_macro_and_generic_test_is_documented(parsed_manifest):
    """macros/_macros.yml describes every macro of macros/ and generic test
    of tests/generic/, and packages/cx_platform/macros/_macros.yml every
    macro of the platform package (dbt docs shows them), with its arguments
    exactly as the macro defines them (names, order) and in dbt's type
    vocabulary. An engine variant (duckdb__x, default__x, ...) may instead
    be named in the description of a documented macro of its own file."""
    manifest = parsed_manifest
    for package, folders, docs, least in (
            ("cx_metrics", ("macros/", "tests/generic/"), ROOT / "macros" / "_macros.yml", 40),
            ("cx_platform", ("macros/",), PLATFORM / "macros" / "_macros.yml", 60)):
        _check_macro_docs(manifest, package, folders, docs, least)


def _check_macro_docs(manifest, package, folders, docs, least):
    import jinja2
    from dbt.parser.schemas import is_valid_type
    from dbt_common.clients.jinja import get_environment

    macros = {m["name"]: m for m in manifest["macros"].values()
              if m["package_name"] == package
              and m["original_file_path"].startswith(folders)}
    assert len(macros) > least
    documented = {n: m for n, m in macros.items() if m["description"].strip()}
    by_file: dict[str, str] = {}
    for m in documented.values():
        by_file[m["original_file_path"]] = by_file.get(m["original_file_path"], "") \
            + " " + m["description"]
    undocumented = sorted(
        n for n, m in macros.items() if n not in documented
        and not (ENGINE_VARIANT.match(n)
                 and re.search(rf"\b{n}\b", by_file.get(m["original_file_path"], ""))))
    assert not undocumented, f"add these to {docs.relative_to(ROOT)}: {undocumented}"
    # every entry of the file is a macro of the project (dbt only warns)
    import yaml
    entries = [e["name"] for e in yaml.safe_load(docs.read_text())["macros"]]
    assert len(entries) == len(set(entries))
    assert not sorted(set(entries) - set(macros))
    env = get_environment()
    for name, m in documented.items():
        definition = next(env.parse(m["macro_sql"]).find_all(jinja2.nodes.Macro))
        defined = [a.name for a in definition.args]
        assert [a["name"] for a in m["arguments"]] == defined, name
        for a in m["arguments"]:
            assert a["description"].strip(), f"{name}({a['name']}) has no description"
            assert a["type"] and is_valid_type(a["type"]), f"{name}({a['name']}): {a['type']}"


def test_every_macro_file_holds_the_macro_it_is_named_after():
    """One macro per file, named after it: macros/**/x.sql defines x and
    only x, or only engine variants of x (duckdb__x, default__x, ...) beside
    it, so that a reader finds a macro by its name."""
    found = {}
    files = sorted((ROOT / "macros").rglob("*.sql")) + sorted(
        (PLATFORM / "macros").rglob("*.sql"))
    for path in files:
        names = re.findall(r"\{%-?\s*macro\s+(\w+)\s*\(", path.read_text())
        variants = {path.stem} | {f"{e}__{path.stem}" for e in ENGINES}
        if not names or not set(names) <= variants:
            found[str(path.relative_to(ROOT))] = names
    assert len(files) > 100
    assert not found, f"macro files that hold other macros than their name: {found}"


def test_the_macro_lint_reads_the_macro_bodies(tmp_path, capsys):
    """cx_tools.lint_macros reports a violation in a macro body at its line
    of the macro's file, passes the same macro without it, and lints the SQL
    of most macros of the project, more than it leaves out (not a vacuous pass: sqlfluff itself
    renders a file of macro definitions as nothing)."""
    from cx_tools import lint_macros

    macros = ROOT / "macros"
    clean = (macros / "metrics" / "nps_band.sql").read_text()
    assert "when {{ nps }} < 0 then 'needs work'" in clean
    (tmp_path / "nps_band.sql").write_text(clean)
    assert lint_macros.lint([str(tmp_path / "nps_band.sql")], config_dir=macros) == 0
    line = clean.split("\n").index("        when {{ nps }} < 0 then 'needs work'") + 1
    (tmp_path / "nps_band.sql").write_text(clean.replace(
        "when {{ nps }} < 0 then 'needs work'", "WHEN {{ nps }} < 0 then 'needs work'"))
    capsys.readouterr()
    assert lint_macros.lint([str(tmp_path / "nps_band.sql")], config_dir=macros) == 1
    assert re.search(rf"L:\s*{line} \| P:\s*9 \| CP01 \|", capsys.readouterr().out)
    assert lint_macros.lint(list(lint_macros.PATHS)) == 0
    out = capsys.readouterr().out
    linted = re.search(r"linted the SQL of (\d+) ", out)
    not_linted = re.search(r"; (\d+) emit no SQL text", out)
    # most bodies with SQL of their own are linted: more than those without
    assert linted and not_linted
    assert int(linted.group(1)) > int(not_linted.group(1))
    assert int(linted.group(1)) >= 50


def test_every_model_a_var_enables_is_linted():
    """`python3 -m cx_tools lint` lints every model in one sqlfluff pass:
    .sqlfluff sets var lint_every_model, and every model folder or source
    enabled by a var (a source adapter: raw_source zendesk, ...) is enabled
    by it too, and so is a seed such a model reads. Without it, sqlfluff's dbt templater would skip that folder's
    models as disabled ("because it is disabled") and lint passes."""
    import configparser

    import yaml

    lint_var = "var('lint_every_model', false)"
    config = configparser.ConfigParser()
    config.read(ROOT / ".sqlfluff")
    assert config["sqlfluff:templater:dbt:context"]["lint_every_model"] == "True"

    found = []

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("+enabled", "enabled") and isinstance(value, str) and "var(" in value:
                    found.append((where, value))
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{where}[{i}]")

    project = yaml.safe_load((ROOT / "dbt_project.yml").read_text())
    walk(project["models"], "dbt_project.yml models")
    # and the seeds such a model reads (the Zendesk adapter's time zones)
    for path in [*(ROOT / "models").rglob("*.yml"), *(ROOT / "seeds").rglob("*.yml")]:
        doc = yaml.safe_load(path.read_text()) or {}
        walk({k: doc.get(k) for k in ("models", "sources", "seeds")},
             str(path.relative_to(ROOT)))
    assert found, "no var-enabled model folder found: is the Zendesk adapter gone?"
    missing = [where for where, value in found if lint_var not in value.replace('"', "'")]
    assert not missing, f"add `or {lint_var}` to the enabled config of {missing}"
