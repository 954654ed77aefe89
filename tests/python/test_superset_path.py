"""Superset's path to the published warehouse: duckdb-engine + SQLAlchemy
(the pins of requirements-superset.txt, in a throwaway virtualenv) list the
schemas, reflect every mart's columns, keys and indexes, and run one query
per mart, as Superset does when a dataset is added and explored."""

from __future__ import annotations

import json
import subprocess
import venv

import duckdb
import pytest

from conftest import ROOT
from cx_tools.publish import publish

# Runs inside the throwaway virtualenv: argv = URI, schema
PROBE = r'''
import json, sys, warnings
warnings.simplefilter("ignore")  # duckdb-engine warns that it reflects no indexes
import duckdb, duckdb_engine, sqlalchemy as sa
uri, schema = sys.argv[1], sys.argv[2]
engine = sa.create_engine(uri)
inspector = sa.inspect(engine)
out = {"versions": {"sqlalchemy": sa.__version__, "duckdb_engine": duckdb_engine.__version__,
                    "duckdb": duckdb.__version__},
       "schemas": inspector.get_schema_names(), "tables": {}}
# Superset offers tables and views alike as datasets
for name in inspector.get_table_names(schema=schema) + inspector.get_view_names(schema=schema):
    columns = inspector.get_columns(name, schema=schema)
    inspector.get_pk_constraint(name, schema=schema)
    inspector.get_foreign_keys(name, schema=schema)
    inspector.get_indexes(name, schema=schema)
    table = sa.Table(name, sa.MetaData(), schema=schema, autoload_with=engine)
    with engine.connect() as con:
        sample = con.execute(sa.select(table).limit(100)).fetchall()
        count = con.execute(sa.select(sa.func.count()).select_from(table)).scalar()
    out["tables"][name] = {"columns": [c["name"] for c in columns],
                           "reflected": [c.name for c in table.columns],
                           "sample": len(sample), "count": count}
print(json.dumps(out))
'''


def _pins() -> dict:
    pins = {}
    for line in (ROOT / "requirements-superset.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip()] = version.strip()
    return pins


@pytest.fixture(scope="module")
def superset_python(tmp_path_factory):
    """A virtualenv with exactly requirements-superset.txt."""
    env_dir = tmp_path_factory.mktemp("superset") / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q",
                              "--disable-pip-version-check", "-r",
                              str(ROOT / "requirements-superset.txt")],
                             capture_output=True, text=True)
    if install.returncode != 0:
        pytest.skip(f"requirements-superset.txt could not be installed: {install.stderr[-300:]}")
    return python


def test_superset_reflects_and_queries_every_mart(bundled_build, superset_python, tmp_path):
    # the published file's name is the catalog: Superset lists "cx_metrics.marts"
    target = publish(bundled_build.db_path, tmp_path / "published" / "cx_metrics.duckdb")
    uri = f"duckdb:///{target}?access_mode=read_only"  # duckdb:////abs/path/... as in docs/bi.md
    assert uri.startswith("duckdb:////")
    run = subprocess.run([str(superset_python), "-c", PROBE, uri, "cx_metrics.marts"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    got = json.loads(run.stdout)

    pins = _pins()
    assert got["versions"] == {"sqlalchemy": pins["sqlalchemy"],
                               "duckdb_engine": pins["duckdb-engine"],
                               "duckdb": pins["duckdb"]}
    assert "cx_metrics.marts" in got["schemas"]

    with duckdb.connect(str(target), read_only=True) as con:
        want = {}
        for table, column in con.execute(
                "select table_name, column_name from information_schema.columns "
                "where table_schema = 'marts' order by table_name, ordinal_position").fetchall():
            want.setdefault(table, []).append(column)
        counts = {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0] for t in want}
    assert len(want) >= 16
    assert sorted(got["tables"]) == sorted(want), "every mart is listed"
    for table, columns in want.items():
        seen = got["tables"][table]
        assert seen["columns"] == columns == seen["reflected"], table
        assert seen["count"] == counts[table], table
        assert seen["sample"] == min(100, counts[table]), table
