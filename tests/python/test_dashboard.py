"""The dashboard, rendered in headless Chromium: every chart draws, the
headline equals the marts, and no PII reaches the page."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from cx_tools.dashboard import fmt, render
from cx_tools.publish import publish

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
CHARTS = {"nps": "scatterlayer", "csat_ces": "scatterlayer", "touchpoints": "barlayer",
          "support": "barlayer", "cohorts": "heatmaplayer", "themes": "barlayer",
          "followup": "table"}


@pytest.fixture(scope="module")
def dashboard(bundled_build, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dashboard")
    db = publish(bundled_build.db_path, tmp / "cx_metrics.duckdb")
    return db, render(db, tmp / "cx_dashboard.html")


@pytest.fixture(scope="module")
def rendered_dom(dashboard, tmp_path_factory):
    if not CHROMIUM:
        pytest.skip("Chromium is not installed: `apt-get install chromium` (Debian) to run "
                    "the dashboard test; .ci/run installs it")
    _, page = dashboard
    profile = tmp_path_factory.mktemp("chromium-profile")
    run = subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                          "--virtual-time-budget=15000", "--window-size=1400,3800",
                          "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def _section(dom, name):
    start = dom.index(f'data-chart="{name}"')
    end = dom.find('<section class="chart"', start + 1)
    return dom[start:end if end > 0 else len(dom)]


@pytest.mark.parametrize("chart", sorted(CHARTS))
def test_every_chart_drew(rendered_dom, chart):
    section = _section(rendered_dom, chart)
    assert "main-svg" in section, f"{chart}: plotly did not draw"
    layer = CHARTS[chart]
    assert re.search(rf'class="[^"]*{layer}', section), f"{chart}: no {layer}"
    if layer == "scatterlayer":
        assert re.search(r'class="js-line"[^>]*d="M', section), f"{chart}: empty line"
    if layer == "barlayer":
        assert 'class="point"' in section, f"{chart}: no bars"


def test_headline_equals_the_marts(rendered_dom, dashboard):
    import duckdb
    db, _ = dashboard
    with duckdb.connect(str(db), read_only=True) as con:
        month = con.execute("select max(month) from marts.mart_cx_overview "
                            "where nps_responses > 0").fetchone()[0]
        row = con.execute("select nps, csat_pct, ces_ease_index, fcr_pct, "
                          "first_response_sla_attainment_pct, churn_rate_pct "
                          "from marts.mart_cx_overview where month = ?", [month]).fetchone()
    shown = dict(re.findall(r'data-metric="(\w+)">([^<]*)<', rendered_dom))
    expected = {"nps": fmt(row[0]), "csat": fmt(row[1], suffix=" %"), "ces": fmt(row[2]),
                "fcr": fmt(row[3], suffix=" %"), "sla": fmt(row[4], suffix=" %"),
                "churn": fmt(row[5], suffix=" %")}
    assert shown == expected
    assert re.search(r"data-month[^>]*>([^<]+)<", rendered_dom).group(1) == str(month)


def test_no_pii_in_the_html(dashboard, rendered_dom, bundled_contract):
    _, page = dashboard
    html_text = page.read_text(encoding="utf-8")
    emails = set()
    for table, cols in (("raw_customers", ["email"]),
                        ("raw_survey_responses", ["customer_email", "comment"]),
                        ("raw_tickets", ["requester_email"])):
        for row in bundled_contract.raw[table]:
            for c in cols:
                emails.update(e.lower() for e in EMAIL.findall(row[c] or ""))
    assert emails, "the raw data has e-mails"
    lowered = html_text.lower()
    assert not [e for e in emails if e in lowered]
    # no e-mail-like text in what the page shows (script bodies aside)
    visible = re.sub(r"<script.*?</script>", "", rendered_dom, flags=re.S)
    assert not EMAIL.findall(visible)
    assert not re.search(r"\d{3}\) ?\d{3}-\d{4}|\+44 20", visible)
