"""Bad raw files (CX_RAW_DIR) stop the build with an error that names the
file, what is wrong and the fix (issue 14, finding 7)."""

from __future__ import annotations

import pytest

from conftest import Workspace, run_dbt
from rawkit import COLUMNS, good_rows, write_raw

ORDERS = "+stg_crm__orders"


def _rewrite(path, edit):
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")


def _drop_status(lines):
    return [line.rsplit(",", 1)[0] for line in lines]


def _extra_values_on_line_2(lines):
    return [lines[0], lines[1] + ",extra,values", *lines[2:]]


def _too_few_values_on_line_3(lines):
    return [*lines[:2], lines[2].rsplit(",", 1)[0], *lines[3:]]


def _semicolons(lines):
    return [line.replace(",", ";") for line in lines]


def _craft(folder, case):
    """Write the good raw data to `folder` with raw_orders broken as `case`
    says; returns the file the error must name."""
    raw = write_raw(folder, good_rows())
    orders = raw / "raw_orders.csv"
    if case == "missing_column":
        _rewrite(orders, _drop_status)
    elif case == "empty_file":
        orders.write_bytes(b"")
    elif case == "extra_values":
        _rewrite(orders, _extra_values_on_line_2)
    elif case == "missing_values":
        _rewrite(orders, _too_few_values_on_line_3)
    elif case == "semicolons":
        _rewrite(orders, _semicolons)
    elif case == "latin1":
        data = good_rows()
        data["raw_orders"][1]["status"] = "annulée"
        write_raw(folder, data)
        orders.write_bytes(orders.read_text(encoding="utf-8").encode("latin-1"))
    elif case == "latin1_header":
        orders.write_bytes(orders.read_bytes().replace(b"status", "stätus".encode("latin-1"), 1))
    elif case == "bad_row_far_down":
        data = good_rows()
        data["raw_orders"] = [dict(data["raw_orders"][0], order_id=f"O{i}")
                              for i in range(1, 30001)]
        write_raw(folder, data)
        with open(orders, "a", encoding="utf-8") as fh:
            fh.write("O30001,C1,2025-01-10T12:00:00Z,20.00,completed,extra\n")
    elif case == "rows_shorter_than_header":
        _rewrite(orders, lambda lines: [lines[0], *_drop_status(lines[1:])])
    elif case == "missing_column_in_a_day_file":
        orders.unlink()
        (raw / "raw_orders").mkdir()
        scratch = folder.parent / "scratch"
        write_raw(scratch, {"raw_orders": good_rows()["raw_orders"][:1]})
        (scratch / "raw_orders.csv").rename(raw / "raw_orders" / "day-2025-01-10.csv")
        write_raw(scratch, {"raw_orders": good_rows()["raw_orders"][1:]})
        broken = raw / "raw_orders" / "day-2025-02-03.csv"
        (scratch / "raw_orders.csv").rename(broken)
        _rewrite(broken, _drop_status)
        return broken
    elif case == "missing_column_parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq
        orders.unlink()
        rows = good_rows()["raw_orders"]
        columns = [c for c in COLUMNS["raw_orders"] if c != "status"]
        pq.write_table(pa.table({c: pa.array([r.get(c) for r in rows], pa.string())
                                 for c in columns}), raw / "raw_orders.parquet")
        return raw / "raw_orders.parquet"
    return orders


# (case, what the message must say besides the file's name)
CASES = [
    ("missing_column", ["lacks the column status", "raw_orders",
                        "Its header has: order_id, customer_id, ordered_at, amount"]),
    ("missing_column_parquet", ["lacks the column status", "Its schema has"]),
    ("missing_column_in_a_day_file", ["lacks the column status"]),
    ("empty_file", ["is empty (0 bytes)",
                    "header row order_id,customer_id,ordered_at,amount,status"]),
    ("extra_values", ["line 2 has more values than the 5 columns of its header",
                      "Quote values that contain a comma"]),
    ("missing_values", ["line 3 has fewer values than the 5 columns of its header"]),
    ("semicolons", ["lacks the columns order_id, customer_id", "comma-separated"]),
    ("latin1", ["line 3 (column status) is not UTF-8", "must be UTF-8", "iconv"]),
    ("latin1_header", ["line 1 is not UTF-8"]),
    ("bad_row_far_down", ["line 30002 has more values than the 5 columns of its header"]),
    ("rows_shorter_than_header", ["line 2 has fewer values than the 5 columns of its header"]),
]


@pytest.fixture(scope="module")
def errors_workspace(tmp_path_factory):
    """One raw folder and warehouse path for the cases: each build starts
    from an empty warehouse, and all but the first reuse the first one's
    parse of the project (conftest.Workspace)."""
    return Workspace(tmp_path_factory.mktemp("raw_errors"))


@pytest.mark.parametrize("case,expected", CASES, ids=[c for c, _ in CASES])
def test_bad_raw_file_is_named_with_the_problem_and_the_fix(errors_workspace, case, expected):
    bad_file = _craft(errors_workspace.fresh_raw(), case)
    build = errors_workspace.run(["run", "--select", ORDERS])
    assert not build.success
    message = build.messages()
    assert f"CX_RAW_DIR: {bad_file}" in message, message
    for text in expected:
        assert text in message, message
    # not what DuckDB or a model makes of it
    assert "Binder Error" not in message and "Possible Solution" not in message, message


def test_raw_dir_that_does_not_exist_is_one_error(tmp_path):
    build = run_dbt(tmp_path, ["run", "--select", "+audit_row_counts"],
                    raw_dir=tmp_path / "no_such_folder")
    assert not build.success
    message = build.messages()
    assert message.count("the folder does not exist") == 1, message
    assert f"CX_RAW_DIR={tmp_path / 'no_such_folder'}" in message
    assert "raw_customers" not in message  # not reported per table


def test_raw_dir_with_a_quote_in_its_name(tmp_path):
    """A folder name is pasted into SQL as a quoted literal, also on the
    incremental run that reads only the new files."""
    raw = write_raw(tmp_path / "raw_o'brien", good_rows())
    build = run_dbt(tmp_path, ["run", "--select", "+audit_row_counts"], raw_dir=raw)
    assert build.success, build.messages()
    rows = sum(len(table) for table in good_rows().values())
    assert build.query("select sum(raw_rows) from audit.audit_row_counts") == [(rows,)]
    # each file was checked once and recorded, so later runs do not read it again
    checked = build.query("select file_path from audit.cx_raw_files_checked")
    assert sorted(f for (f,) in checked) == sorted(str(f) for f in raw.glob("raw_*.csv"))
    # a day file arrives beside raw_orders.csv: the base models read only it
    (raw / "raw_orders").mkdir()
    write_raw(tmp_path / "day", {"raw_orders": [dict(good_rows()["raw_orders"][0],
                                                     order_id="O3")]})
    (tmp_path / "day" / "raw_orders.csv").rename(raw / "raw_orders" / "day-2025-03-01.csv")
    build = run_dbt(tmp_path, ["run", "--select", "+audit_row_counts"], raw_dir=raw)
    assert build.success, build.messages()
    assert sorted(k for (k,) in build.query("select order_id from staging.stg_crm__orders")) \
        == ["O1", "O2", "O3"]
    # every file of the first run, and the day file
    files = len(list(raw.glob("raw_*.csv"))) + 1
    assert build.query("select count(*) from audit.cx_raw_files_checked") == [(files,)]


def test_split_days_and_the_floor_quote_paths(tmp_path):
    """cx_tools pastes folder names into SQL as quoted literals too."""
    import datetime as dt

    from cx_tools.benchmark import floor_query
    from cx_tools.raw_days import split_by_day

    raw = write_raw(tmp_path / "raw_o'brien", good_rows())
    out = tmp_path / "landed_o'brien"
    written = split_by_day(raw, out, dt.date(2025, 1, 31), fmt="parquet")
    assert written["raw_orders"] == {"history": 1, "day-2025-02-03": 1}
    import duckdb
    # the first figure is the row count of the customers history
    assert duckdb.connect().execute(floor_query(out)).fetchone()[0] \
        == written["raw_customers"]["history"] == 1
