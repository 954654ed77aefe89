"""The DuckDB options of the dbt profile, for Python code that opens the
warehouse file.

dbt-duckdb keeps its database instance open in the process that ran dbt,
and DuckDB refuses a second connection to the same file with other options,
so the tests (which run dbt in-process) and `publish` open the file with
exactly the profile's `config_options` (profiles.yml), built from the same
environment variables.
"""

from __future__ import annotations

import os
from pathlib import Path


def duckdb_config(db_path: str | Path) -> dict:
    return {
        "storage_compatibility_version": "v1.0.0",
        "temp_directory": os.environ.get("CX_DUCKDB_TEMP_DIR", f"{db_path}.tmp"),
    }
