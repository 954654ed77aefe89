"""sqlfluff on the SQL of the macros (macros/, packages/cx_platform/macros/) and
generic tests (tests/generic/).

sqlfluff does not lint these files as they are. Its dbt templater skips every
file of dbt's macro-paths, generic tests included ("Skipped file ... because
it is a macro"; sqlfluff PR #2886, issue #1970), and its jinja templater
renders a file of macro definitions as nothing: a definition emits no text
until it is called (issue #1401). What sqlfluff sees of a macro is its output
inside the models that call it, and that is templated code, where no
violation is reported.

So each macro (or generic test) is linted on its own, with sqlfluff's jinja
templater and the project's rules, as a rendering of its body:

- the file is given to sqlfluff with that one body kept in place, line for
  line, so every violation is reported at its line of the macro's file; the
  rest of the file becomes blank lines;
- the `{% macro name(args) %}` tag becomes Jinja that sets each argument to a
  placeholder of its documented type (the _macros.yml of macros/ or of the
  package: a string argument
  is its own name, so `{{ score }}` renders `score`; a list is two names; a
  bool is true, so optional SQL is rendered too) and opens a query around the
  body: `select` for an expression, `select * from (` for a query, ... The
  tags are templated code, so nothing is reported on them;
- other macros, dbt's adapter, exceptions, run_query... are undefined there
  and render as their own name (ignore = templating), and return() emits
  nothing (the .sqlfluff files of macros/ and tests/generic/, which also
  name the rules that cannot apply to a body linted this way).

Engine variants are linted in the dialect of the engine that runs them
(spark__ in Spark's, default__ in Postgres' where DuckDB has its own variant,
the rest in DuckDB's). A noqa is a Jinja comment, so that dbt drops it (see
NOQA below).

Not linted: a body that renders no SQL text of its own (a dispatcher's
return(adapter.dispatch(...)), a helper that returns a value, a hook that
runs statements with run_query, a compile error), listed with -v; SQL built
as Jinja strings ("select ... from " ~ relation); a body nested deeper than
sqlfluff's parser goes (json_escaped's 31 nested replace() calls).

    python3 -m cx_tools.lint_macros [-v] [path ...]
    # default: macros, packages/cx_platform/macros, tests/generic
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ("macros", "packages/cx_platform/macros", "tests/generic")
# the .sqlfluff of a path's macros, when not in the path itself: the local
# package's macros follow the project's rules (macros/.sqlfluff)
CONFIG_DIRS = {"packages/cx_platform/macros": ROOT / "macros"}
# where the macros are documented (argument types)
MACRO_DOCS = (Path("macros") / "_macros.yml",
              Path("packages") / "cx_platform" / "macros" / "_macros.yml")

BLOCK = re.compile(
    r"{%-?\s*(?P<kind>macro|test)\s+(?P<name>\w+)\s*\((?P<args>[^)]*)\)\s*-?%}"
    r"(?P<body>.*?){%-?\s*end(?P=kind)\s*-?%}", re.S)

# How a body's rendering is wrapped into a statement sqlfluff can parse; the
# opening text ends where the body's first line starts (indent 4 in
# macros/, 0 in tests/generic/), the closing text follows its last line.
WRAPPERS = {
    "expression": ("select\n    ", " as cx_macro_output\n"),
    "query": ("select *\nfrom (\n    ", "\n) as cx_macro_output\n"),
    "join": ("select *\nfrom (\n    select *\n    from cx_macro_input\n    ",
             "\n) as cx_macro_output\n"),
    "type": ("select cast(null as ", ") as cx_macro_output\n"),
    "statement": ("", "\n"),
    "top": ("", "\n"),
}
STATEMENT = re.compile(r"(insert|delete|update|create|drop|alter|merge)\b")
JOIN = re.compile(r"((left|right|full|inner|cross)\s+)?join\b")
TYPE = re.compile(r"(double( precision)?|varchar|text|string)$")
# dbt's exceptions and log, as they are used in macro bodies: they emit
# nothing here (return() is the stand-in of the .sqlfluff files).
STUBS = ("{%- set exceptions = namespace(raise_compiler_error=return, warn=return) -%}"
         "{%- set log = return -%}")
# Arguments whose placeholder is a particular value.
PLACEHOLDERS = {"percentiles": "[('median', 0.5), ('p90', 0.9)]", "data_type": "'bigint'"}
# Arguments that are lists when no type is documented (engine variants).
LIST_ARGUMENTS = {"columns", "values", "files", "measures", "parts", "raw_columns",
                  "group_columns"}


@dataclass
class Block:
    path: Path
    name: str
    kind: str            # macro or test
    args: list[tuple[str, str | None]]   # (name, default as Jinja text)
    open_start: int      # offsets in the file's text
    body_start: int
    body_end: int
    close_end: int
    text: str            # the file's text

    @property
    def first_line(self) -> int:
        """First line of the body (1-based), the line after the tag."""
        return self.text[:self.body_start].count("\n") + 2

    @property
    def last_line(self) -> int:
        """Last line of the body, the line before the closing tag."""
        return self.text[:self.body_end].count("\n")


def blocks_of(path: Path) -> list[Block]:
    text = path.read_text()
    found = []
    opened = len(re.findall(r"{%-?\s*(macro|test)\s", text))
    for m in BLOCK.finditer(text):
        args = []
        for part in _split_args(m.group("args")):
            name, _, default = part.partition("=")
            args.append((name.strip(), default.strip() or None))
        found.append(Block(path, m.group("name"), m.group("kind"), args, m.start(),
                           m.start("body"), m.end("body"), m.end(), text))
    if len(found) != opened:
        raise SystemExit(f"cx_tools.lint_macros: {path}: {opened} macro/test tags, "
                         f"{len(found)} understood; see BLOCK")
    return found


def _split_args(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current)
    return [p for p in (p.strip() for p in parts) if p]


def argument_types() -> dict[str, dict[str, str]]:
    """{macro: {argument: type}} from MACRO_DOCS (a generic test is
    documented there as test_<name>)."""
    import yaml
    types = {}
    for path in MACRO_DOCS:
        doc = yaml.safe_load((ROOT / path).read_text())
        types.update({m["name"]: {a["name"]: a.get("type") or ""
                                  for a in m.get("arguments") or []}
                      for m in doc["macros"]})
    return types


def placeholder(name: str, type_: str, default: str | None) -> str:
    """A Jinja expression standing for an argument: SQL text for strings,
    two names for a list, true for a bool (so optional SQL renders too)."""
    t = type_.replace(" ", "").lower() or ("list" if name in LIST_ARGUMENTS else "")
    if name in PLACEHOLDERS:
        return PLACEHOLDERS[name]
    if t.startswith("list"):
        return f"['cx_{name}_1', 'cx_{name}_2']"
    if t.startswith("dict"):
        return f"{{'cx_{name}_key': 'cx_{name}_value'}}"
    if t in ("bool", "boolean"):
        return "true"
    if t in ("int", "integer"):
        return default or "1"
    if t == "float":
        return default or "1.5"
    return f"'cx_{name}'"


# A noqa for a macro body is a Jinja comment, which dbt drops (an SQL
# comment would be emitted into every model that calls the macro):
# `{#- noqa: LT05 #}` at the end of a line, or `{#- noqa: disable=LT05 -#}`
# ... `{#- noqa: enable=LT05 -#}` around lines. The harness hands it to
# sqlfluff as the SQL comment sqlfluff reads (/* noqa: ... */) on the same
# line. It must stand where the body emits text (not inside a {% set %}
# block, whose text sqlfluff never sees as such).
NOQA = re.compile(r"{#(-?)\s*(noqa\b[^#]*?)\s*(-?)#}")


def _noqa_as_sql(text: str) -> str:
    return NOQA.sub(lambda m: "{{" + m[1] + f" ' /* {m[2]} */' " + m[3] + "}}", text)


def harness(block: Block, types: dict[str, str], kind: str, indent: int) -> str:
    """The file's text with only `block`'s body kept, line for line, its tags
    replaced by the Jinja that sets the arguments and opens/closes the
    wrapper of `kind`."""
    text = block.text
    sets = "".join(
        f"{{%- set {name} = {placeholder(name, types.get(name, ''), default)} -%}}"
        for name, default in block.args)
    before, after = WRAPPERS[kind]
    if indent and before.endswith("\n"):
        before += " " * indent
    open_tag = f"{STUBS}{sets}{{{{- {before!r} -}}}}"
    close_tag = f"{{{{- {after!r} -}}}}"
    blank = lambda s: "\n" * s.count("\n")  # noqa: E731
    return (blank(text[:block.open_start]) + open_tag
            + _noqa_as_sql(text[block.body_start:block.body_end]) + close_tag
            + blank(text[block.close_end:]))


def kind_of(rendered: str, top_level: bool) -> str | None:
    """The wrapper a body's rendering needs; None when it renders no SQL."""
    sql = re.sub(r"^(\s*--[^\n]*\n)+", "", rendered).strip().lower()
    if not sql:
        return None
    if top_level:
        return "top"
    if STATEMENT.match(sql):
        return "statement"
    if JOIN.match(sql):
        return "join"
    if TYPE.match(sql):
        return "type"
    if re.match(r"(select|with)\b", sql):
        return "query"
    return "expression"


def dialect_of(name: str, names: set[str]) -> str:
    """The dialect of the engine that runs a macro: spark__ variants Spark's,
    default__ variants Postgres' when DuckDB has its own variant (else DuckDB
    runs them too), everything else DuckDB's."""
    engine, _, rest = name.partition("__")
    if engine == "spark" and rest:
        return "sparksql"
    if (engine == "postgres" and rest) or (engine == "default" and f"duckdb__{rest}" in names):
        return "postgres"
    return "duckdb"


def lint(paths: list[str], verbose: bool = False, config_dir: Path | None = None) -> int:
    """Lint the macro files of `paths` (folders or files, relative to the
    project); 1 when sqlfluff found a violation. The .sqlfluff files are
    those of each file's folder, or of `config_dir`."""
    cwd = os.getcwd()
    os.chdir(ROOT)  # sqlfluff reads .sqlfluff files from here down to the path
    try:
        return _lint(paths, verbose, config_dir)
    finally:
        os.chdir(cwd)


def _lint(paths: list[str], verbose: bool, config_dir: Path | None) -> int:
    from sqlfluff.core import FluffConfig, Linter

    types = argument_types()
    failed, linted, silent = 0, [], []
    for target in paths:
        target_path = (ROOT / target)
        # a folder with its subfolders (macros/metrics/, ...)
        files = sorted(target_path.rglob("*.sql")) if target_path.is_dir() else [target_path]
        if not files:
            continue
        shared = [d for p, d in CONFIG_DIRS.items()
                  if target_path.resolve().is_relative_to((ROOT / p).resolve())]
        folder = config_dir or (shared[0] if shared else None) or (
            target_path if target_path.is_dir() else files[0].parent)
        configs = {d: FluffConfig.from_path(str(folder), overrides=o)
                   for d, o in (("duckdb", None), ("postgres", {"dialect": "postgres"}),
                                ("sparksql", {"dialect": "sparksql"}))}
        linters = {d: Linter(config=c) for d, c in configs.items()}
        top_level = folder.name == "generic"
        for path in files:
            rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            problems = []
            blocks = blocks_of(path)
            names = {b.name for b in blocks}
            for block in blocks:
                dialect = dialect_of(block.name, names)
                config, linter = configs[dialect], linters[dialect]
                doc_name = ("test_" if block.kind == "test" else "") + block.name
                arg_types = types.get(doc_name, {})
                probe = harness(block, arg_types, "top", 0)
                rendered = linter.render_string(probe, str(rel), config, "utf8")
                variants = [v.templated_str for v in rendered.templated_variants]
                kind = kind_of(variants[0] if variants else "", top_level)
                if kind is None:
                    silent.append(f"{rel}: {block.name}")
                    continue
                indent = 0 if top_level or kind == "statement" else 4
                source = harness(block, arg_types, kind, indent)
                result = linter.lint_string(source, fname=str(rel), config=config)
                violations = result.get_violations()
                if any("Maximum parse depth" in v.desc() for v in violations):
                    # sqlfluff's parser stops at a nesting depth (and Python's
                    # recursion limit is not far above it)
                    silent.append(f"{rel}: {block.name} (nested deeper than sqlfluff parses)")
                    continue
                linted.append(block.name)
                for v in violations:
                    line = v.line_no
                    in_body = block.first_line <= line <= block.last_line
                    if in_body or v.rule_code() in ("PRS", "TMP"):
                        problems.append((line, v.line_pos, v.rule_code(), v.desc(), block.name,
                                         kind if dialect == "duckdb" else f"{kind}, {dialect}"))
            if problems:
                failed += 1
                print(f"== [{rel}] FAIL")
                for line, pos, code, desc, name, kind in sorted(set(problems)):
                    print(f"L:{line:4d} | P:{pos:4d} | {code} | {desc} "
                          f"(macro {name}, linted as {kind})")
    print(f"cx_tools: sqlfluff linted the SQL of {len(linted)} macro and generic test "
          f"bodies in {', '.join(paths)}; {len(silent)} emit no SQL text of their own "
          "(dispatchers, helpers that return a value, hooks that run statements) and are "
          "not linted" + (":" if verbose else " (-v lists them)"))
    if verbose:
        for s in silent:
            print(f"  {s}")
    if failed:
        print(f"cx_tools: sqlfluff found violations in {failed} file(s)")
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [a for a in argv if a != "-v"] or list(PATHS)
    return lint(paths, verbose)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
