"""SQL text built from values the user chooses (folder and file names)."""

from __future__ import annotations


def sql_string(value) -> str:
    """`value` as a SQL string literal, its single quotes doubled, so that a
    path like /data/raw_o'brien/raw_orders.csv can be pasted into SQL."""
    return "'" + str(value).replace("'", "''") + "'"
