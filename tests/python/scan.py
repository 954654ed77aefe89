"""Scan every value of a DuckDB database for given strings (e-mail
addresses)."""

from __future__ import annotations


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def columns_of(con) -> list[tuple[str, str, str]]:
    """(schema, table, column) of every table and view of the database."""
    return con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "where table_catalog = current_database() order by 1, 2, 3").fetchall()


def values_containing(con, needles: set[str]) -> list[tuple[str, str, str, str]]:
    """(schema, table, column, value) of every value of every column of the
    database that contains one of `needles`, ignoring case. Values are
    compared as text, so no column type is left out."""
    lowered = {n.lower() for n in needles}
    found = []
    for schema, table, column in columns_of(con):
        value = f"lower(cast({_quote(column)} as varchar))"
        rows = con.execute(
            f"select distinct {value} from {_quote(schema)}.{_quote(table)} "
            f"where {value} like '%@%' or {value} like '%＠%'").fetchall()
        found += [(schema, table, column, v) for (v,) in rows if any(n in v for n in lowered)]
    return found
