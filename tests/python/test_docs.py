"""The project's own documentation stays true to the code.

- docs/architecture.md's DAG and table of dispatched macros are what
  cx_tools.docs_graph makes of dbt's manifest (regenerate with
  `dbt parse && python -m cx_tools.docs_graph --write`);
- layers point one way: no intermediate model reads a mart, staging reads
  only raw tables and staging, nothing but the audit reads the audit, and
  the downstream models touch base_ tables only through the incremental
  bookkeeping macros (the dotted arrows of the picture);
- every relative link of the README, DECISIONLOG.md and docs/*.md
  resolves, to a file and, with an anchor, to a heading of it; every
  repository path a docs page names in code quotes exists;
- the README's first section has the two commands, the second of which is
  what CI runs, and every `cx_tools` command the pages name exists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

from cx_tools import docs_graph

DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [ROOT / "README.md", ROOT / "DECISIONLOG.md", *DOCS]


@pytest.fixture(scope="module")
def manifest(parsed_manifest) -> dict:
    # the session's one `dbt parse` (conftest.py), shared with test_project.py
    return parsed_manifest


def _models(manifest: dict) -> dict[str, dict]:
    return {n["name"]: n for n in manifest["nodes"].values()
            if n["resource_type"] == "model" and n["package_name"] == "cx_metrics"}


# -- generated parts of docs/architecture.md --------------------------------

@pytest.mark.parametrize("block", ["dag", "dispatched-macros"])
def test_architecture_page_matches_the_manifest(manifest, block):
    page = docs_graph.ARCHITECTURE.read_text()
    want = docs_graph.generated_blocks(manifest)[block]
    got = docs_graph.current_block(page, block)
    assert got is not None, f"docs/architecture.md lacks the generated block {block!r}"
    assert got == want, (
        f"docs/architecture.md: the generated block {block!r} differs from the manifest; "
        "regenerate it: dbt parse && python -m cx_tools.docs_graph --write")


def test_the_dag_has_every_model_and_raw_table(manifest):
    layers, edges = docs_graph.project_graph(manifest)
    assert set(_models(manifest)) <= set(layers)
    raw = {n for n, layer in layers.items() if layer == "raw"}
    assert len(raw) == 11 and all(n.startswith("raw_") for n in raw)  # 8 + 3 schedule tables
    assert {("raw_orders", "base_crm__orders"),
            ("int_survey_responses_scored", "fct_survey_responses")} <= edges


# -- layers point one way ---------------------------------------------------

RANK = {"raw": 0, "lookups": 0, "base": 1, "stg": 1, "int": 2, "marts": 3, "semantic": 3,
        "audit": 4}


def _model_parents(manifest: dict, model: dict) -> list[dict]:
    nodes = manifest["nodes"]
    return [nodes[p] for p in model["depends_on"]["nodes"]
            if p in nodes and nodes[p]["resource_type"] == "model"]


def test_no_intermediate_model_reads_a_mart(manifest):
    wrong = {m["name"]: p["name"] for m in _models(manifest).values()
             if m["original_file_path"].startswith("models/intermediate/")
             for p in _model_parents(manifest, m)
             if p["name"].startswith(("fct_", "dim_", "mart_"))
             or p["original_file_path"].startswith("models/marts/")}
    assert not wrong, f"intermediate models that read a mart: {wrong}"


def test_layers_point_one_way(manifest):
    wrong = []
    for model in _models(manifest).values():
        layer = docs_graph.layer_of(model)
        for parent in _model_parents(manifest, model):
            parent_layer = docs_graph.layer_of(parent)
            if RANK[parent_layer] > RANK[layer] or (parent_layer == "audit" != layer):
                wrong.append(f"{model['name']} ({layer}) reads {parent['name']} ({parent_layer})")
    assert not wrong, "\n".join(wrong)


def test_downstream_models_touch_base_tables_only_for_bookkeeping(manifest):
    """What the dotted arrows of the picture claim: a model past staging
    (the audit aside) never refs a base_ model in its own SQL; the refs come
    from the incremental bookkeeping macros (macros/affected_keys/)."""
    direct = re.compile(r"""ref\(\s*['"](base_\w+)['"]\s*\)""")
    wrong = {m["name"]: direct.findall(m["raw_code"]) for m in _models(manifest).values()
             if docs_graph.layer_of(m) not in ("base", "stg", "audit")
             and direct.search(m["raw_code"])}
    assert not wrong, f"models reading base_ rows directly: {wrong}"


# -- links and paths --------------------------------------------------------

FENCE = re.compile(r"^(```|~~~)")
LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(([^)\s]+)\)")
CODE_SPAN = re.compile(r"`[^`]*`")


def _prose_lines(text: str):
    """The lines outside fenced code blocks."""
    fenced = False
    for line in text.splitlines():
        if FENCE.match(line.strip()):
            fenced = not fenced
            continue
        if not fenced:
            yield line


def github_anchor(heading: str) -> str:
    """GitHub's id of a heading: lower case, punctuation dropped (letters,
    digits, '_', '-' and spaces kept), spaces as '-'."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip())
    text = re.sub(r"[^\w\- ]", "", text.lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    found = set()
    for line in _prose_lines(path.read_text()):
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not m:
            continue
        base = github_anchor(m.group(1))
        n = seen.get(base, 0)
        seen[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")
    return found


def test_github_anchor_matches_the_docs_own_links():
    assert github_anchor("Running on Postgres / Spark") == "running-on-postgres--spark"
    assert github_anchor("Semantic layer (MetricFlow)") == "semantic-layer-metricflow"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page):
    broken = []
    # link texts may wrap: the prose as one text, code spans removed
    prose = CODE_SPAN.sub("", "\n".join(_prose_lines(page.read_text())))
    for target in LINK.findall(prose):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            continue  # http:, https:, mailto:
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            broken.append(f"{target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{target}: no heading #{anchor} in {file.relative_to(ROOT)}")
    assert not broken, f"{page.relative_to(ROOT)}: " + "; ".join(broken)


PATH_PREFIXES = ("models/", "macros/", "seeds/", "tests/", "cx_tools/", "docs/", ".ci/",
                 "benchmarks/", "analyses/", "oracle/", "packages/")
TOP_LEVEL = {"README.md", "dbt_project.yml", "profiles.yml", "requirements.txt", "packages.yml",
             "constraints.txt", "requirements-superset.txt"}


@pytest.mark.parametrize("page", [ROOT / "README.md", *DOCS],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_paths_named_in_docs_exist(page):
    """Every repository path in code quotes (`macros/metrics/nps_score.sql`) exists;
    patterns (`<area>`, `*`) and other code are left alone."""
    missing = []
    for line in _prose_lines(page.read_text()):
        for span in CODE_SPAN.findall(line):
            name = span.strip("`")
            if not (name.startswith(PATH_PREFIXES) or name in TOP_LEVEL):
                continue
            if re.search(r"[<>*{}\s]", name):
                continue
            if name.startswith("oracle/"):
                name = "tests/python/" + name
            if not (ROOT / name).exists():
                missing.append(name)
    assert not missing, f"{page.relative_to(ROOT)} names paths that do not exist: {missing}"


# -- commands ---------------------------------------------------------------

TWO_COMMANDS = [
    "python3 -m cx_tools build   # set up .venv, then `dbt build` on the bundled sample data",
    "python3 -m cx_tools test    # set up .venv, then lint and every test",
]


def test_the_readme_starts_with_the_two_commands_and_ci_runs_the_second():
    """The first section after the contents is "The two commands" (what the
    project is comes before the contents), its first code block is exactly the two commands (one builds, one tests), and
    .ci/run ends by running the test command."""
    readme = (ROOT / "README.md").read_text()
    sections = re.findall(r"^## (.+)$", readme, flags=re.M)
    assert sections[:2] == ["Contents", "The two commands"], sections
    body = readme.split("\n## The two commands\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"^```bash\n(.*?)^```", body, flags=re.M | re.S)
    assert block and block.group(1).splitlines() == TWO_COMMANDS
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.lstrip().startswith("#")]
    assert ci[-1].strip() == "python3 -m cx_tools test"


def _cx_tools_commands() -> set[str]:
    source = (ROOT / "cx_tools" / "__main__.py").read_text()
    table = re.search(r"commands = \{(.*?)\}", source, flags=re.S)
    assert table, "cx_tools/__main__.py: the table of commands moved"
    return set(re.findall(r'"([\w-]+)":', table.group(1))) | {"setup"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_cx_tools_commands_named_exist(page):
    """`python3 -m cx_tools NAME` is a command of cx_tools/__main__.py, and
    `python -m cx_tools.NAME` a module of cx_tools/."""
    text = page.read_text()
    commands = _cx_tools_commands()
    unknown = [c for c in re.findall(r"python3? -m cx_tools ([\w-]+)", text)
               if c not in commands]
    unknown += [m for m in re.findall(r"python3? -m cx_tools\.(\w+)", text)
                if not (ROOT / "cx_tools" / f"{m}.py").exists()]
    assert not unknown, f"{page.relative_to(ROOT)} names commands that do not exist: {unknown}"
