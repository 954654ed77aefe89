"""Exact comparison of a mart with an oracle's cells."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

TOLERANCE = 1e-9


def same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == bool(b) and isinstance(a, bool) == isinstance(b, bool)
    if isinstance(a, (float, Decimal)) or isinstance(b, (float, Decimal)):
        return math.isclose(float(a), float(b), rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a == b
    return a == b


def assert_mart_matches(rows: list[dict], keys: list[str], oracle: dict, label: str = ""):
    got = {tuple(r[k] for k in keys) if len(keys) > 1 else (r[keys[0]],): r for r in rows}
    want = {k if isinstance(k, tuple) else (k,): v for k, v in oracle.items()}
    assert len(got) == len(rows), f"{label}: duplicate keys in the mart"
    missing, extra = set(want) - set(got), set(got) - set(want)
    assert not missing and not extra, (
        f"{label}: {len(missing)} cells missing (e.g. {sorted(missing)[:3]}), "
        f"{len(extra)} unexpected (e.g. {sorted(extra)[:3]})")
    bad = []
    for k, expected in want.items():
        for col, value in expected.items():
            if not same(got[k][col], value):
                bad.append((k, col, got[k][col], value))
    assert not bad, f"{label}: {len(bad)} differences, first: {bad[:5]}"
