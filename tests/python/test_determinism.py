"""The same raw data gives byte-identical marts on every run, whatever the
number of dbt threads or of DuckDB's own threads.

Float addition is not associative: a sum() of doubles depends on the order in
which DuckDB's threads combine their partial sums, which varies with the
thread count and from run to run once a table spans several row groups
(122,880 rows). The data here is large enough for that (20,000 customers,
about 720,000 raw rows), and the two builds differ in both thread counts.
"""

from __future__ import annotations

import hashlib

import pytest
import yaml

from conftest import ROOT, run_dbt

MODELS = ["build", "--exclude", "test_type:unit", "test_type:data"]


def _profiles(folder, duckdb_threads: int):
    """The project's profile with DuckDB's thread count fixed."""
    profile = yaml.safe_load((ROOT / "profiles.yml").read_text())
    profile["cx_metrics"]["outputs"]["duckdb"]["settings"]["threads"] = duckdb_threads
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "profiles.yml").write_text(yaml.safe_dump(profile))
    return folder


def _digests(build) -> dict[str, str]:
    """sha256 of every mart's rows (as text, sorted): equal digests are equal
    bytes of every value."""
    out = {}
    with build.connect() as con:
        marts = [t for (t,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' "
            "order by 1").fetchall()]
        for mart in marts:
            rows = con.execute(f"select cast(t as varchar) as r from marts.{mart} as t "
                               "order by r").fetchall()
            out[mart] = hashlib.sha256("\n".join(r for (r,) in rows).encode()).hexdigest()
    return out


@pytest.fixture(scope="module")
def raw_20k(tmp_path_factory):
    from cx_tools.generate_data import main as generate
    folder = tmp_path_factory.mktemp("raw_20k")
    generate(["--customers", "20000", "--format", "parquet", "--out", str(folder)])
    return folder


def test_marts_are_byte_identical_across_thread_counts(raw_20k, tmp_path):
    digests = []
    for dbt_threads, duckdb_threads in ((1, 1), (2, 4)):
        work = tmp_path / f"t{dbt_threads}_{duckdb_threads}"
        build = run_dbt(work, MODELS, raw_dir=raw_20k, threads=dbt_threads,
                        profiles_dir=_profiles(work / "profile", duckdb_threads))
        assert build.success, build.messages()
        digests.append(_digests(build))
    assert len(digests[0]) >= 16
    assert digests[0] == digests[1], [m for m in digests[0] if digests[0][m] != digests[1][m]]
