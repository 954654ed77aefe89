"""How many macro files a reader opens to understand a model.

A model's macro reach is the set of project macro files (macros/) it
reaches through its calls and theirs (issue 22): what a reader has to open
to see all the SQL a model runs. A formula macro a reader opens once is
fine; a chain of fragments is not. Counted from the text of the models and
macros (Jinja comments and SQL comment lines left out), not from dbt's
manifest, which records neither the calls inside hook and config strings
nor the macros found by name:

- a call is `name(` of a project macro, or `cx_platform.name(` of the
  platform package (packages/cx_platform: reading and checking raw files,
  incremental bookkeeping, the build log, engine shims). The package is
  followed, so a project macro it calls back (clean_text, the strategy, a
  model's affected_keys__) counts, but its own files do not: like dbt's
  own macros (dbt.date_trunc), it is a documented interface with its own
  README, which a reader of a model does not open. The package's own
  boundary is checked below: it calls back into the project only through
  the macros of PACKAGE_CALLBACKS;
- `adapter.dispatch('x', namespace)` reaches every engine variant of x
  there, and the variants count once (they sit in the file of x);
- `incremental_strategy` 'x' reaches dbt's strategy macro
  get_incremental_x_sql, and `'prefix' ~ model.name` the macro
  prefix<model> (incremental_config and the strategy find the model's
  affected_keys__<model> that way);
- the project-wide hooks of dbt_project.yml are not counted: they are the
  same SQL before or after every model (or run), read once in
  dbt_project.yml rather than once per model, and they write bookkeeping
  only (the build log, the incremental state, a checkpoint), never a
  model's rows. PROJECT_HOOKS lists them with what each writes, and a test
  fails when dbt_project.yml calls any other macro in a hook, so nothing
  else leaves the count that way. A hook of one model (its config) is
  counted like any call.

No model reaches more than LIMIT files, except the models of EXCEPTIONS,
each with the reach it had when it was listed and why: their count may
fall but not grow, and a model that falls to LIMIT or below leaves the
list.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

LIMIT = 10

# none today: fct_tickets, the last, reaches 10 since the requester's
# normalised e-mail is staged (identity resolution reads it, no macro)
EXCEPTIONS: dict[str, tuple[int, str]] = {}

# The macros the hooks of dbt_project.yml call, which the reach leaves out,
# and what each writes (none writes a model's relation).
PROJECT_HOOKS = {
    "cx_platform.record_build_start": "the build log: audit.cx_build_runs, 'running'",
    "cx_platform.prepare_raw_dir": "with CX_RAW_DIR, audit.cx_raw_files_checked",
    "cx_platform.create_incremental_state": "the table audit.cx_incremental_state, if missing",
    "cx_platform.record_build_end": "the build log: the run's end and its node results",
    "cx_platform.record_processed_batch": "after a model of incremental_config, the batch it "
                                          "processed, into audit.cx_incremental_state",
    "cx_platform.checkpoint": "after an incremental run on DuckDB, a checkpoint (no table)",
}

ENGINE_VARIANT = re.compile(r"^(?:duckdb|default|postgres|spark)__(\w+)$")
MACRO = re.compile(r"\{%-?\s*macro\s+(\w+)\s*\(")
CALL = re.compile(r"(?<![\w.])((?:cx_platform\.)?\w+)\s*\(")
DISPATCH = re.compile(r"adapter\.dispatch\(\s*['\"](\w+)['\"](?:\s*,\s*['\"](\w+)['\"])?")
STRATEGY = re.compile(r"incremental_strategy['\"]?\s*[:=]\s*['\"](\w+)['\"]")
BY_MODEL_NAME = re.compile(r"['\"](\w+)['\"]\s*~\s*model\.name")


def _code(text: str) -> str:
    """The text without Jinja comments and SQL comment lines."""
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    return re.sub(r"(?m)^\s*--.*$", "", text)


PACKAGE = "cx_platform"


def _macros_of(folder: Path, root: Path, prefix: str = "") -> dict[str, tuple[str, str]]:
    macros = {}
    for path in sorted(folder.rglob("*.sql")):
        text = path.read_text()
        starts = list(MACRO.finditer(text))
        for i, m in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
            macros[prefix + m.group(1)] = (str(path.relative_to(root)),
                                           _code(text[m.end():end]))
    return macros


def project_macros(root: Path = ROOT) -> dict[str, tuple[str, str]]:
    """{macro: (its file, relative to root; its body)} of macros/."""
    return _macros_of(root / "macros", root)


def package_macros(root: Path = ROOT) -> dict[str, tuple[str, str]]:
    """{cx_platform.macro: (its file; its body)} of the platform package."""
    folder = root / "packages" / PACKAGE / "macros"
    return _macros_of(folder, root, PACKAGE + ".") if folder.exists() else {}


def macro_reach(root: Path = ROOT) -> dict[str, set[str]]:
    """{model name: the project macro files it reaches}."""
    macros = {**project_macros(root), **package_macros(root)}
    variants: dict[str, list[str]] = {}
    for name in macros:
        namespace, _, bare = name.rpartition(".")
        m = ENGINE_VARIANT.match(bare)
        if m:
            base = f"{namespace}.{m.group(1)}" if namespace else m.group(1)
            variants.setdefault(base, []).append(name)

    def called(code: str, model: str) -> set[str]:
        names = {c for c in CALL.findall(code) if c in macros}
        for x, namespace in DISPATCH.findall(code):
            x = f"{PACKAGE}.{x}" if namespace == PACKAGE else x
            names |= set(variants.get(x, [])) | ({x} & set(macros))
        names |= {f"get_incremental_{s}_sql" for s in STRATEGY.findall(code)} & set(macros)
        names |= {p + model for p in BY_MODEL_NAME.findall(code)} & set(macros)
        return names

    def file_of(name: str) -> str:
        namespace, _, bare = name.rpartition(".")
        m = ENGINE_VARIANT.match(bare)
        base = f"{namespace}.{m.group(1)}" if m and namespace else (m.group(1) if m else name)
        return macros[base if base in macros else name][0]

    reach = {}
    for path in sorted((root / "models").rglob("*.sql")):
        model = path.stem
        seen: set[str] = set()
        todo = list(called(_code(path.read_text()), model))
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                todo.extend(called(macros[name][1], model))
        reach[model] = {file_of(n) for n in seen if not n.startswith(PACKAGE + ".")}
    return reach


def test_the_reach_follows_calls_dispatch_strategies_and_names(tmp_path):
    (tmp_path / "macros" / "sub").mkdir(parents=True)
    (tmp_path / "models").mkdir()
    (tmp_path / "macros" / "f.sql").write_text(
        "{% macro f(x) -%}\n    {{ return(adapter.dispatch('f', 'p')(x)) }}\n{%- endmacro %}\n"
        "{% macro duckdb__f(x) -%}{{ g(x) }}{%- endmacro %}\n"
        "{% macro spark__f(x) -%}{{ x }}{%- endmacro %}\n")
    (tmp_path / "macros" / "sub" / "g.sql").write_text(
        "{% macro g(x) -%}\n    {#- not h(x) -#}\n    -- nor h(x)\n    {{ x }}\n{%- endmacro %}\n")
    (tmp_path / "macros" / "h.sql").write_text("{% macro h() -%}{%- endmacro %}\n")
    (tmp_path / "macros" / "config.sql").write_text(
        "{% macro config_of() -%}\n    {%- do context.get('keys__' ~ model.name)() -%}\n"
        "    {{ return({'incremental_strategy': 'mine'}) }}\n{%- endmacro %}\n")
    (tmp_path / "macros" / "keys__m.sql").write_text("{% macro keys__m() -%}{%- endmacro %}\n")
    (tmp_path / "macros" / "strategy.sql").write_text(
        "{% macro get_incremental_mine_sql(d) -%}{{ h() }}{%- endmacro %}\n")
    (tmp_path / "models" / "m.sql").write_text(
        "{{ config(**config_of()) }}\nselect {{ f('a') }}\n-- {{ h() }}\n")
    # the package is followed (to the project macros it calls back) but its
    # files are not counted; its dispatch reaches its own variants
    package = tmp_path / "packages" / "cx_platform" / "macros"
    package.mkdir(parents=True)
    (package / "k.sql").write_text(
        "{% macro k() -%}\n    {{ return(adapter.dispatch('k', 'cx_platform')()) }}\n"
        "{%- endmacro %}\n{% macro default__k() -%}{{ cx_platform.j() }}{%- endmacro %}\n")
    (package / "j.sql").write_text("{% macro j() -%}{{ back() }}{%- endmacro %}\n")
    (tmp_path / "macros" / "back.sql").write_text("{% macro back() -%}{%- endmacro %}\n")
    (tmp_path / "macros" / "j.sql").write_text("{% macro j() -%}{%- endmacro %}\n")
    (tmp_path / "models" / "n.sql").write_text("select {{ cx_platform.k() }}\n")
    assert macro_reach(tmp_path) == {
        "m": {"macros/f.sql", "macros/sub/g.sql", "macros/config.sql", "macros/keys__m.sql",
              "macros/strategy.sql", "macros/h.sql"},
        "n": {"macros/back.sql"}}


def test_no_model_reaches_more_than_ten_macro_files():
    reach = {model: len(files) for model, files in macro_reach().items()}
    assert len(reach) > 60
    too_many = {m: n for m, n in reach.items() if n > LIMIT and m not in EXCEPTIONS}
    assert not too_many, (
        f"models that reach more than {LIMIT} macro files (a reader opens them all to "
        f"see the model's SQL): {too_many}")
    grown = {m: (reach[m], was) for m, (was, _why) in EXCEPTIONS.items()
             if m in reach and reach[m] > was}
    assert not grown, f"known exceptions that reach more macro files than listed: {grown}"
    resolved = sorted(m for m in EXCEPTIONS if reach.get(m, 0) <= LIMIT)
    assert not resolved, f"no longer above {LIMIT} (or gone): drop from EXCEPTIONS: {resolved}"


def test_the_hooks_left_out_are_the_project_wide_bookkeeping():
    import yaml

    project = yaml.safe_load((ROOT / "dbt_project.yml").read_text())
    hooks = [*project.get("on-run-start", []), *project.get("on-run-end", [])]

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key.lstrip("+").replace("_", "-") in ("pre-hook", "post-hook"):
                    hooks.extend(value if isinstance(value, list) else [value])
                else:
                    walk(value)

    walk({k: project.get(k) for k in ("models", "seeds", "snapshots", "data_tests")})
    macros = {**project_macros(), **package_macros()}
    called = {c for h in hooks for c in CALL.findall(h["sql"] if isinstance(h, dict) else h)
              if c in macros}
    assert called == set(PROJECT_HOOKS), (
        "the hooks of dbt_project.yml, which the reach does not count, call "
        f"{sorted(called)}; PROJECT_HOOKS lists {sorted(PROJECT_HOOKS)}: a project-wide "
        "hook is bookkeeping the same for every model, listed there with what it writes")


# The project macros the platform package calls back, and why: everything
# else it needs is its own or dbt's, so the package can be read (and
# changed) without the models' macros.
PACKAGE_CALLBACKS = {
    "generate_schema_name": "dbt's override point for schema names: the state and "
                            "build-log tables sit where the project puts its audit schema",
    "clean_text": "the project's one rule for raw text (trimmed, blank is null), "
                  "which raw keys and raw rows are built from",
    "get_incremental_cx_replace_affected_sql": "the incremental strategy, which dbt "
                                               "finds by name only in the root project",
}


def test_the_platform_package_calls_back_only_through_its_hooks():
    """packages/cx_platform calls no macro of the project but those of
    PACKAGE_CALLBACKS and each incremental model's affected_keys__<model>
    (found by name); every call of its own macros is written
    cx_platform.<name> (dbt finds no unqualified call inside a package)."""
    project, package = project_macros(), package_macros()
    assert len(package) > 60
    back, unqualified = set(), set()
    bare = {name.split(".", 1)[1] for name in package}
    for name, (_file, body) in package.items():
        for c in CALL.findall(body):
            if c in project:
                back.add(c)
            elif c in bare:
                unqualified.add(f"{name}: {c}")
        back |= {f"get_incremental_{s}_sql" for s in STRATEGY.findall(body)}
        assert set(BY_MODEL_NAME.findall(body)) <= {"affected_keys__"}, name
    assert not unqualified, f"package macros called without cx_platform.: {unqualified}"
    assert back == set(PACKAGE_CALLBACKS), sorted(back)
