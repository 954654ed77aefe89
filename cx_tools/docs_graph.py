"""The generated parts of docs/architecture.md, read from dbt's manifest.

    dbt parse                                  # writes target/manifest.json
    python -m cx_tools.docs_graph              # print the generated blocks
    python -m cx_tools.docs_graph --write      # put them into docs/architecture.md
    python -m cx_tools.docs_graph --manifest other/manifest.json

Two blocks are generated, so that the page cannot drift from the code
(tests/python/test_docs.py fails when they differ from what the manifest
gives):

- `dag`: a Mermaid `flowchart LR` of the project at the granularity of
  models: the raw tables (each dbt source merged with the bundled seed of
  the same name, which is its default data), the lookup seeds, and every
  model grouped by layer (base_, stg_, int_, marts, audit_, semantic),
  with one arrow per dependency in the manifest. Arrows from a base_ model
  to a model outside staging and audit are dotted: those models read from
  it only which keys the latest runs rewrote (cx_batch), to know what an
  incremental run must recompute (macros/affected_keys/), never the
  values they compute with.
- `dispatched-macros`: the macros with engine-specific implementations
  (`default__`, `duckdb__`, `spark__`, ... variants of a macro of the
  project), what a new engine has to provide or check.

Only the standard library: it runs wherever the manifest is.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHITECTURE = ROOT / "docs" / "architecture.md"
PROJECT = "cx_metrics"
PLATFORM = "cx_platform"  # the local package packages/cx_platform

# layer id: (subgraph title, Mermaid fill colour), in the order of the flow
LAYERS = {
    "raw": ("raw tables: dbt sources, bundled seeds by default", "#eeeeee"),
    "lookups": ("lookup seeds", "#eeeeee"),
    "base": ("staging/base: base_ (every raw row, typed, with its rejection reason)",
             "#dbeafe"),
    "stg": ("staging: stg_ (the kept rows)", "#bfdbfe"),
    "int": ("intermediate: int_", "#fef3c7"),
    "marts": ("marts: fct_ / dim_ / mart_ (the BI interface)", "#dcfce7"),
    "audit": ("audit: audit_", "#fee2e2"),
    "semantic": ("semantic layer", "#f3e8ff"),
}
ENGINE_PREFIXES = ("default", "duckdb", "postgres", "spark", "snowflake", "bigquery",
                   "redshift", "databricks", "trino", "fabric", "sqlserver")
BEGIN = "<!-- BEGIN GENERATED {name}: python -m cx_tools.docs_graph --write -->"
END = "<!-- END GENERATED {name} -->"


def load_manifest(path: Path) -> dict:
    path = Path(path)
    if not path.exists():
        raise SystemExit(f"{path} does not exist: run `dbt parse` first (in .venv, with "
                         "DBT_PROFILES_DIR=$PWD)")
    return json.loads(path.read_text())


def layer_of(node: dict) -> str | None:
    """The layer of a source, seed or model of this project; None for
    anything else (tests, other packages)."""
    if node.get("package_name") != PROJECT:
        return None
    kind, path = node["resource_type"], node.get("original_file_path", "")
    if kind == "source":
        return "raw"
    if kind == "seed":
        return "raw" if path.startswith("seeds/raw/") else "lookups"
    if kind != "model":
        return None
    if path.startswith("models/staging/"):
        return "base" if "/base/" in path else "stg"
    for folder, layer in (("intermediate", "int"), ("marts", "marts"), ("audit", "audit"),
                          ("semantic", "semantic")):
        if path.startswith(f"models/{folder}/"):
            return layer
    raise ValueError(f"{node['unique_id']}: a model outside the known layers ({path})")


def project_graph(manifest: dict) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """({node name: layer}, {(parent name, child name)}) of the project's
    models, the raw tables and the lookup seeds they read. A raw seed and
    the source of the same name are one node: the seed is the bundled data
    of that source. Sources and seeds no model reads are left out."""
    everything = {**manifest["sources"], **manifest["nodes"]}
    names = {uid: n["name"] for uid, n in everything.items() if layer_of(n)}
    layers: dict[str, str] = {}
    edges: set[tuple[str, str]] = set()
    for uid, node in manifest["nodes"].items():
        if layer_of(node) is None or node["resource_type"] != "model":
            continue
        layers[node["name"]] = layer_of(node)
        for parent in node["depends_on"]["nodes"]:
            if parent in names:
                layers[names[parent]] = layer_of(everything[parent])
                edges.add((names[parent], node["name"]))
    return layers, edges


def is_bookkeeping_edge(parent_layer: str, child_layer: str) -> bool:
    """A base_ table read by a model downstream of staging (not the audit):
    only for the keys it rewrote (cx_batch), the incremental scope."""
    return parent_layer == "base" and child_layer not in ("base", "stg", "audit")


def mermaid(manifest: dict) -> str:
    """The Mermaid block (with its ``` fence) of the project's DAG."""
    layers, edges = project_graph(manifest)
    order = list(LAYERS)
    lines = ["```mermaid", "flowchart LR"]
    for layer in order:
        members = sorted(n for n, lay in layers.items() if lay == layer)
        if not members:
            continue
        title = LAYERS[layer][0]
        lines.append(f'    subgraph layer_{layer}["{title}"]')
        lines += [f"        {n}" for n in members]
        lines.append("    end")
    rank = {layer: i for i, layer in enumerate(order)}
    for parent, child in sorted(edges, key=lambda e: (rank[layers[e[0]]], e[0],
                                                      rank[layers[e[1]]], e[1])):
        arrow = "-.->" if is_bookkeeping_edge(layers[parent], layers[child]) else "-->"
        lines.append(f"    {parent} {arrow} {child}")
    for layer in order:
        members = sorted(n for n, lay in layers.items() if lay == layer)
        if members:
            lines.append(f"    classDef {layer} fill:{LAYERS[layer][1]},stroke:#555")
            lines.append(f"    class {','.join(members)} {layer}")
    lines.append("```")
    return "\n".join(lines)


def dispatched_macros(manifest: dict) -> dict[str, dict]:
    """{macro name: {'file': path, 'variants': [engine prefixes]}} of the
    project's macros that have engine-specific implementations."""
    macros = {}
    for m in manifest["macros"].values():
        if m["package_name"] == PROJECT:
            macros[m["name"]] = m
        elif m["package_name"] == PLATFORM:  # called cx_platform.<name>
            macros[f"{PLATFORM}.{m['name']}"] = dict(
                m, original_file_path=f"packages/{PLATFORM}/{m['original_file_path']}")
    found: dict[str, dict] = {}
    for name, macro in macros.items():
        namespace, dot, bare = name.rpartition(".")
        prefix, sep, base = bare.partition("__")
        base = namespace + dot + base
        if sep and prefix in ENGINE_PREFIXES and base:
            # the macro that dispatches, or (dispatched inline, e.g.
            # read_raw_files in raw_source) the file of its variants
            where = macros.get(base, macro)["original_file_path"]
            entry = found.setdefault(base, {"file": where, "variants": []})
            entry["variants"].append(prefix)
    for entry in found.values():
        entry["variants"].sort(key=lambda p: (p != "default", p))
    return dict(sorted(found.items()))


def dispatched_macros_table(manifest: dict) -> str:
    rows = ["| macro | file | implementations |", "|---|---|---|"]
    for name, entry in dispatched_macros(manifest).items():
        variants = ", ".join(f"`{v}__`" for v in entry["variants"])
        rows.append(f"| `{name}` | `{entry['file']}` | {variants} |")
    return "\n".join(rows)


def generated_blocks(manifest: dict) -> dict[str, str]:
    return {"dag": mermaid(manifest), "dispatched-macros": dispatched_macros_table(manifest)}


def _block_pattern(name: str) -> re.Pattern:
    return re.compile(re.escape(BEGIN.format(name=name)) + r"\n(.*?)\n?"
                      + re.escape(END.format(name=name)), re.S)


def current_block(text: str, name: str) -> str | None:
    """The generated block `name` as it stands in `text`; None when absent."""
    match = _block_pattern(name).search(text)
    return match.group(1).strip("\n") if match else None


def with_blocks(text: str, blocks: dict[str, str]) -> str:
    """`text` with each generated block replaced by its new content."""
    for name, content in blocks.items():
        pattern = _block_pattern(name)
        if not pattern.search(text):
            raise SystemExit(f"{ARCHITECTURE.relative_to(ROOT)} has no block "
                             f"{BEGIN.format(name=name)!r} ... {END.format(name=name)!r}")
        replacement = f"{BEGIN.format(name=name)}\n{content}\n{END.format(name=name)}"
        text = pattern.sub(lambda _m, r=replacement: r, text, count=1)
    return text


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m cx_tools.docs_graph",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=ROOT / "target" / "manifest.json",
                        help="dbt's manifest (default target/manifest.json; run dbt parse)")
    parser.add_argument("--write", action="store_true",
                        help=f"rewrite the generated blocks of {ARCHITECTURE.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    blocks = generated_blocks(load_manifest(args.manifest))
    if args.write:
        old = ARCHITECTURE.read_text()
        new = with_blocks(old, blocks)
        ARCHITECTURE.write_text(new)
        print(f"{ARCHITECTURE.relative_to(ROOT)}: "
              f"{'updated' if new != old else 'already up to date'}")
    else:
        for name, content in blocks.items():
            print(f"{BEGIN.format(name=name)}\n{content}\n{END.format(name=name)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
