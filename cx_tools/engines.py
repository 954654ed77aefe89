"""The project on Postgres or Spark: load the raw files, then `dbt build`.

    python3 -m cx_tools build --engine postgres [--raw-dir DIR] [--raw-schema raw] [dbt build args]
    python3 -m cx_tools build --engine spark    [--raw-dir DIR] [--raw-schema raw] [dbt build args]

1. The raw files (per table `raw_<table>.csv` / `.parquet` and/or a folder
   `raw_<table>/` of such files, as for CX_RAW_DIR on DuckDB; default: the
   bundled sample data in seeds/raw/ or CX_RAW_DIR when set) are read by
   DuckDB exactly as a DuckDB build reads them (every value as text, empty
   as null) and loaded into `raw_schema` as tables of text columns: on
   Postgres by COPY over the profile's connection, on Spark as Parquet
   tables of the profile's session.
2. `dbt build --target <engine> --vars '{raw_source: tables, raw_schema: ...}'`
   in this process (one Spark session for both steps).

Nothing is started: the Postgres server is the one the profile's CX_PG_*
variables name (docs/engines.md, "Postgres", says how to start a local
one); Spark runs inside this process.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("postgres", "spark")
RAW_TABLES = (
    "raw_customers", "raw_orders", "raw_survey_questions", "raw_survey_invitations",
    "raw_survey_responses", "raw_tickets", "raw_ticket_events", "raw_holidays",
    "raw_schedules", "raw_schedule_holidays", "raw_ticket_schedules",
)
# read as empty by the build when absent: not loaded when they have no row
OPTIONAL_TABLES = ("raw_schedules", "raw_schedule_holidays", "raw_ticket_schedules")


def raw_files(raw_dir: Path, table: str, required: bool = True) -> list[str]:
    """The files of one raw table, in name order (as packages/cx_platform/macros/raw_contract/raw_file_list.sql
    finds them for CX_RAW_DIR); none for an absent table that is not
    `required`."""
    raw_dir = Path(raw_dir)
    found = []
    for pattern in (f"{table}.parquet", f"{table}/*.parquet", f"{table}.csv", f"{table}/*.csv"):
        found += [str(p) for p in raw_dir.glob(pattern)]
    if not found and not required:
        return []
    if not found:
        raise FileNotFoundError(
            f"{raw_dir} has neither {table}.parquet / .csv nor a {table}/ folder of such files")
    kinds = {f.endswith(".parquet") for f in found}
    if len(kinds) > 1:
        raise ValueError(f"{raw_dir} mixes Parquet and CSV files for {table}; use one format")
    return sorted(found)


def raw_relation_sql(files: list[str]) -> str:
    """A DuckDB query of the rows of `files`, every column as text: the same
    reader options as the DuckDB build's (read_raw_files)."""
    file_list = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
    if files[0].endswith(".parquet"):
        reader = f"read_parquet({file_list}, union_by_name = true)"
    else:
        reader = (f"read_csv({file_list}, header = true, all_varchar = true, quote = '\"', "
                  "escape = '\"', union_by_name = true)")
    return f"select * from {reader}"


def export_raw(raw_dir: Path, out_dir: Path, fmt: str) -> dict[str, tuple[Path, list[str]]]:
    """Every raw table as one file of text columns in `out_dir` ('csv': every
    non-null value quoted and null as an unquoted empty field, which
    Postgres' COPY reads back exactly; 'parquet'). Returns
    {table: (file, columns)}."""
    out = {}
    with duckdb.connect() as con:
        for table in RAW_TABLES:
            optional = table in OPTIONAL_TABLES
            files = raw_files(raw_dir, table, required=not optional)
            if optional and (not files or not con.sql(
                    f"select count(*) from ({raw_relation_sql(files)})").fetchone()[0]):
                continue
            rel = con.sql(raw_relation_sql(files))
            columns = list(rel.columns)
            select = ", ".join(f'cast("{c}" as varchar) as "{c}"' for c in columns)
            path = out_dir / f"{table}.{fmt}"
            options = "format csv, header true, force_quote *" if fmt == "csv" else "format parquet"
            con.execute(f"copy (select {select} from ({rel.sql_query()})) "
                        f"to '{path}' ({options})")
            out[table] = (path, columns)
    return out


def postgres_connect_args() -> dict:
    """The connection of profiles.yml's postgres target (same variables and
    defaults)."""
    return {
        "host": os.environ.get("CX_PG_HOST", "127.0.0.1"),
        "port": int(os.environ.get("CX_PG_PORT", "5432")),
        "user": os.environ.get("CX_PG_USER", "postgres"),
        "password": os.environ.get("CX_PG_PASSWORD", ""),
        "dbname": os.environ.get("CX_PG_DATABASE", "cx_metrics"),
    }


def load_postgres(raw_dir: Path, schema: str) -> None:
    """The raw tables into `schema` as text columns, replacing any earlier."""
    import psycopg2

    with tempfile.TemporaryDirectory() as tmp:
        exported = export_raw(raw_dir, Path(tmp), "csv")
        with psycopg2.connect(**postgres_connect_args()) as conn, conn.cursor() as cur:
            cur.execute("select datcollate, datctype from pg_database "
                        "where datname = current_database()")
            collation, ctype = cur.fetchone()
            if collation not in ("C", "POSIX", "C.UTF-8", "C.utf8"):
                print(f"cx_tools: warning: the database sorts text by {collation}; ties that "
                      "are broken by text (which duplicate row is kept, ranks) can then differ "
                      "from DuckDB and Spark. Create it with LC_COLLATE 'C' (docs/engines.md).",
                      flush=True)
            if ctype in ("C", "POSIX"):
                print(f"cx_tools: warning: the database's character type is {ctype}: lower() "
                      "and PII masking then know ASCII letters only. Create it with "
                      "LC_CTYPE 'C.UTF-8' (docs/engines.md).", flush=True)
            cur.execute(f'create schema if not exists "{schema}"')
            for table, (path, columns) in exported.items():
                name = f'"{schema}"."{table}"'
                cur.execute(f"drop table if exists {name} cascade")
                cur.execute(f"create table {name} ("
                            + ", ".join(f'"{c}" text' for c in columns) + ")")
                with open(path, encoding="utf-8") as fh:
                    cur.copy_expert(f"copy {name} from stdin (format csv, header true)", fh)
        conn.close()


def load_spark(raw_dir: Path, schema: str, dbt) -> None:
    """The raw tables into `schema` of the profile's Spark session (through
    dbt, so that the session is the one the build uses). The Parquet files
    stay in the warehouse folder (CX_SPARK_DIR)."""
    spark_dir = Path(os.environ.get("CX_SPARK_DIR", "spark-warehouse")).resolve()
    landing = spark_dir / "raw_files"
    landing.mkdir(parents=True, exist_ok=True)
    exported = export_raw(raw_dir, landing, "parquet")
    args = {"schema": schema, "files": {t: str(p) for t, (p, _) in exported.items()}}
    result = dbt(["run-operation", "cx_platform.load_raw_parquet", "--args", json.dumps(args)])
    if not result.success:
        raise RuntimeError(f"loading the raw tables into Spark failed: {result.exception}")


# DuckDB's types of typed tables (a tool's tables as Fivetran lands them)
# and Postgres' of the same; Spark reads them from the Parquet file itself
POSTGRES_TYPES = {"BIGINT": "bigint", "INTEGER": "integer", "SMALLINT": "smallint",
                  "DOUBLE": "double precision", "FLOAT": "real", "BOOLEAN": "boolean",
                  "VARCHAR": "text", "DATE": "date", "TIME": "time",
                  "TIMESTAMP": "timestamp", "TIMESTAMP WITH TIME ZONE": "timestamptz"}


def load_tables(engine: str, tables: dict[str, dict[str, Path]], dbt) -> None:
    """Typed tables into `engine`: {schema: {table: Parquet file}}, each
    replacing any earlier one with its columns' types (e.g. Fivetran-shaped
    tool tables; cx_tools.generate_zendesk / _qualtrics / _shopify). On
    Postgres by COPY, on Spark as Parquet tables of the profile's session."""
    if engine == "spark":
        for schema, files in tables.items():
            args = {"schema": schema, "files": {t: str(p) for t, p in files.items()}}
            result = dbt(["run-operation", "cx_platform.load_raw_parquet", "--args", json.dumps(args)])
            if not result.success:
                raise RuntimeError(f"loading {schema} into Spark failed: {result.exception}")
        return
    import psycopg2

    from cx_tools.sql import sql_string

    with tempfile.TemporaryDirectory() as tmp, duckdb.connect() as con, \
            psycopg2.connect(**postgres_connect_args()) as conn, conn.cursor() as cur:
        for schema, files in tables.items():
            cur.execute(f'create schema if not exists "{schema}"')
            for table, path in files.items():
                rel = con.sql(f"select * from read_parquet({sql_string(path)})")
                columns = []
                for name, kind in zip(rel.columns, rel.types):
                    kind = str(kind)
                    pg = POSTGRES_TYPES.get(kind) or (
                        kind.lower() if kind.startswith("DECIMAL") else None)
                    if pg is None:
                        raise ValueError(f"{path}: column {name} of type {kind} has no "
                                         "Postgres type here")
                    columns.append(f'"{name}" {pg}')
                csv_path = Path(tmp) / f"{schema}.{table}.csv"
                # every value quoted, null as an unquoted empty field, as COPY reads it
                con.execute(f"copy ({rel.sql_query()}) to {sql_string(csv_path)} "
                            "(format csv, header true, force_quote *)")
                name = f'"{schema}"."{table}"'
                cur.execute(f"drop table if exists {name} cascade")
                cur.execute(f"create table {name} ({', '.join(columns)})")
                with open(csv_path, encoding="utf-8") as fh:
                    cur.copy_expert(f"copy {name} from stdin (format csv, header true)", fh)
    conn.close()


def dbt_runner(target: str, extra_args: list[str] | None = None):
    """A function running one dbt command in this process against `target`
    (so that a Spark session outlives each command)."""
    from dbt.cli.main import dbtRunner

    runner = dbtRunner()
    common = ["--target", target, "--project-dir", str(ROOT),
              "--profiles-dir", os.environ.get("DBT_PROFILES_DIR", str(ROOT)), *(extra_args or [])]

    def invoke(args: list[str]):
        return runner.invoke([*args, *common])
    return invoke


def prepare_environment(engine: str) -> None:
    """Settings of this process for `engine`: CX_RAW_DIR is DuckDB's (the
    models would read the files themselves), and Postgres' JIT compiler
    costs more than these queries (seconds per model on the sample data)
    unless the user set PGOPTIONS."""
    os.environ.pop("CX_RAW_DIR", None)
    if engine == "postgres":
        os.environ.setdefault("PGOPTIONS", "-c jit=off")


def load_raw(engine: str, raw_dir: Path, schema: str, dbt) -> None:
    """The raw files of `raw_dir` as all-text tables of `schema` on `engine`."""
    print(f"cx_tools: loading {raw_dir} into {engine} schema {schema}", flush=True)
    if engine == "postgres":
        load_postgres(raw_dir, schema)
    else:
        load_spark(raw_dir, schema, dbt)


def build_vars(schema: str, dbt_args: list[str]) -> tuple[dict, list[str]]:
    """The vars of a build on raw tables (merged with any --vars the user
    gave) and the other dbt arguments."""
    dbt_vars = {"raw_source": "tables", "raw_schema": schema}
    if "--vars" in dbt_args:
        import yaml
        i = dbt_args.index("--vars")
        dbt_vars.update(yaml.safe_load(dbt_args[i + 1]) or {})
        dbt_args = dbt_args[:i] + dbt_args[i + 2:]
    return dbt_vars, dbt_args


def build(engine: str, raw_dir: Path, schema: str, dbt_args: list[str]) -> int:
    """Load the raw files, then dbt build on `engine`. Returns an exit code."""
    prepare_environment(engine)
    dbt = dbt_runner(engine)
    load_raw(engine, raw_dir, schema, dbt)
    dbt_vars, dbt_args = build_vars(schema, dbt_args)
    print(f"cx_tools: $ dbt build --target {engine} --vars '{json.dumps(dbt_vars)}' "
          + " ".join(dbt_args), flush=True)
    result = dbt(["build", "--vars", json.dumps(dbt_vars), *dbt_args])
    return 0 if result.success else 1


def main(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m cx_tools build --engine ENGINE",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINES, required=True)
    parser.add_argument("--raw-dir", type=Path,
                        default=Path(os.environ.get("CX_RAW_DIR") or ROOT / "seeds" / "raw"),
                        help="folder of raw files (default: CX_RAW_DIR, else seeds/raw)")
    parser.add_argument("--raw-schema", default="raw", help="schema of the raw tables (raw)")
    known, rest = parser.parse_known_args(args)
    if known.engine == "spark" and not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        print("cx_tools: Spark needs a Java 17 runtime (apt-get install "
              "openjdk-17-jre-headless)", flush=True)
        return 2
    try:
        return build(known.engine, known.raw_dir.resolve(), known.raw_schema, rest)
    except FileNotFoundError as exc:
        print(f"cx_tools: {exc}", flush=True)
        return 2
    except Exception as exc:  # the driver's own error type is not importable up front
        if known.engine == "postgres" and type(exc).__name__ == "OperationalError":
            where = postgres_connect_args()
            print(f"cx_tools: cannot use Postgres at {where['host']}:{where['port']} "
                  f"(database {where['dbname']}, user {where['user']}): "
                  f"{str(exc).strip()}\nSet CX_PG_HOST, CX_PG_PORT, CX_PG_USER, "
                  "CX_PG_PASSWORD, CX_PG_DATABASE; docs/engines.md (\"Postgres\") "
                  "says how to start a local server.", flush=True)
            return 2
        raise
