"""The dashboard, rendered in headless Chromium, read as a CX lead would:
the headline is the latest complete month with its change and significance,
every chart drew one titled metric per axis on an honest range, zeros are
drawn, the partial month is marked, cohorts show their size, themes diverge
by sentiment, "What comes before churn" shows every churn driver's
difference with its margin in words, greys what may be noise and puts the
significant differences first, the lifetime-value curves are the mart's,
the follow-up queue is complete and sortable with each score's scale, and
no PII reaches the page."""

from __future__ import annotations

import calendar
import html
import json
import re

import duckdb
import pytest

from cx_tools.dashboard import (CARDS, FOREST_PAD, FOREST_WIDTH, GROUP_COLOR, LTV_COHORTS,
                                MUTED, NEGATIVE, NOISE_FLAG, POSITIVE, SENTIMENT, SMALL,
                                SMALL_COHORT, SMALL_LINE, chromium, chromium_run, figures, fmt,
                                main, render)
from cx_tools.publish import publish

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# chart: (plotly layer that must be drawn, mart_cx_overview column or None, axis kind)
TRENDS = {"nps": ("nps", "nps"), "csat": ("csat_pct", "pct"), "ces": ("ces_ease_index", "pct"),
          "response_rate": ("response_rate_pct", "pct"), "tickets": ("tickets_created", "count"),
          "fcr": ("fcr_pct", "pct"), "sla": ("first_response_sla_attainment_pct", "pct"),
          "resolution_sla": ("resolution_sla_attainment_pct", "pct"),
          "first_response": ("median_first_response_business_minutes", "count"),
          "full_resolution": ("median_full_resolution_business_minutes", "count"),
          "churn": ("churn_rate_pct", "pct"), "active": ("customers_at_start", "count")}
CHARTS = {**{name: "scatterlayer" for name in TRENDS}, "touchpoints": "barlayer",
          "cohorts": "heatmaplayer", "themes": "barlayer", "ltv": "scatterlayer"}


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.fixture(scope="module")
def dashboard(bundled_build, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dashboard")
    db = publish(bundled_build.db_path, tmp / "cx_metrics.duckdb")
    return db, render(db, tmp / "cx_dashboard.html")


@pytest.fixture(scope="module")
def marts(dashboard):
    """The overview rows and the as-of facts the page must show."""
    db, _ = dashboard
    with duckdb.connect(str(db), read_only=True) as con:
        cur = con.execute("select * from marts.mart_cx_overview order by month")
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        queue = con.execute("select response_id, score, scale_min, scale_max, open_tickets "
                            "from marts.mart_followup_queue order by priority_rank").fetchall()
        cohorts = dict(con.execute("select distinct cohort_month, cohort_size "
                                   "from marts.mart_churn_cohorts where cohort_size > 0"
                                   ).fetchall())
        cur = con.execute("select * from marts.mart_churn_drivers")
        names = [d[0] for d in cur.description]
        drivers = [dict(zip(names, r)) for r in cur.fetchall()]
        cur = con.execute("select * from marts.mart_cohort_revenue order by 1, 2")
        names = [d[0] for d in cur.description]
        revenue = [dict(zip(names, r)) for r in cur.fetchall()]
    return {"overview": rows, "queue": queue, "cohorts": cohorts, "drivers": drivers,
            "revenue": revenue, "db": db}


def _dump(page_uri: str) -> str:
    if not chromium():
        pytest.skip("Chromium is not installed: `apt-get install chromium` (Debian) to run "
                    "the dashboard test; .ci/run installs it")
    run = chromium_run(["--window-size=1400,4000", "--dump-dom", page_uri])
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


@pytest.fixture(scope="module")
def rendered_dom(dashboard):
    return _dump(dashboard[1].as_uri())


@pytest.fixture(scope="module")
def sorted_dom(dashboard):
    """The page opened with the queue sorted by open tickets, most first."""
    return _dump(dashboard[1].as_uri() + "#queue-sort=open_tickets:desc")


def _section(dom, name):
    start = dom.index(f'data-chart="{name}"')
    return dom[start:dom.index("</section>", start)]


def _texts(section, cls):
    return [html.unescape(t) for t in
            re.findall(rf'<text class="{cls}"[^>]*>(.*?)</text>', section, flags=re.S)]


def _bar_fills(section):
    """The fill colour of every bar drawn in a chart section."""
    return re.findall(r'class="point"><path[^>]*style="[^"]*fill: (rgb\([^)]*\))', section)


def _ticks(section, axis="y"):
    return [html.unescape(t).replace("\u2212", "-") for t in
            re.findall(rf'class="{axis}tick"><text[^>]*>([^<]*)</text>', section)]


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
    assert [t for t in _texts(section, "gtitle") if t.strip()], f"{chart}: no title"


def _complete(marts):
    return [r for r in marts["overview"] if r["is_complete_month"]]


def test_headline_is_the_latest_complete_month(rendered_dom, marts):
    complete = _complete(marts)
    top, prev = complete[-1], complete[-2]
    partial = [r for r in marts["overview"] if not r["is_complete_month"]]
    assert partial, "the bundled data ends inside a month"
    shown = re.search(r'data-month="([^"]+)"', rendered_dom).group(1)
    assert shown == str(top["month"]) != str(partial[-1]["month"])
    assert re.search(r"data-as-of[^>]*>([^<]+)<", rendered_dom).group(1) == str(top["as_of_date"])
    values = dict(re.findall(r'data-metric="(\w+)">([^<]*)<', rendered_dom))
    changes = {k: html.unescape(v) for k, v in
               re.findall(r'data-change="(\w+)">([^<]*)<', rendered_dom)}
    assert set(values) == set(changes) == {c[0] for c in CARDS}
    prev_label = f"{calendar.month_abbr[prev['month'].month]} {prev['month'].year}"
    for key, _, column, unit, digits, _ in CARDS:
        assert values[key] == fmt(top[column], digits), key
        delta = top["nps_change"] if key == "nps" else top[column] - prev[column]
        assert changes[key].endswith(f"vs {prev_label}"), changes[key]
        number = float(re.search(r"[\d.]+", changes[key]).group(0))
        assert number == pytest.approx(abs(delta), abs=0.51 * 10 ** -digits), key
        assert changes[key][0] == ("▲" if delta > 0 else "▼" if delta < 0 else "="), key
    assert top["nps_change"] == pytest.approx(top["nps"] - prev["nps"])
    significant = re.search(r'data-significant="(\w+)"', rendered_dom).group(1)
    assert significant == str(bool(top["is_nps_change_significant"])).lower()


@pytest.mark.parametrize("chart", sorted(TRENDS))
def test_one_titled_metric_per_axis_on_an_honest_range(rendered_dom, marts, chart):
    section = _section(rendered_dom, chart)
    column, kind = TRENDS[chart]
    assert "y2tick" not in section and "yaxislayer" in section, f"{chart}: a second y-axis"
    assert [t for t in _texts(section, "ytitle") if t.strip()], f"{chart}: no axis title"
    ticks = [float(t.replace(",", "")) for t in _ticks(section)]
    title = " ".join(_texts(section, "gtitle"))
    if kind == "pct":
        assert min(ticks) == 0, f"{chart}: a percentage axis must start at 0"
        zoomed = re.search(r"zoomed axis 0–(\d+)", title)
        assert max(ticks) == (int(zoomed.group(1)) if zoomed else 100), (chart, ticks, title)
        assert "zoom" in section and "full scale 0–100" in section, f"{chart}: no zoom buttons"
    elif kind == "nps":
        assert (min(ticks), max(ticks)) == (-100, 100)
    else:
        assert min(ticks) == 0, f"{chart}: a count or duration axis must start at 0"
        shown = [r[column] for r in marts["overview"] if r[column] is not None]
        assert max(ticks) >= max(shown) * 0.8


def test_zero_values_are_drawn(rendered_dom, marts):
    """A month whose median first response is 0 business minutes is a point
    on the axis, not a missing bar."""
    column = "median_first_response_business_minutes"
    complete = [r[column] for r in _complete(marts) if r[column] is not None]
    assert 0 in complete, "the bundled data has months with a 0-minute median"
    partial = [r[column] for r in marts["overview"]
               if not r["is_complete_month"] and r[column] is not None]
    section = _section(rendered_dom, "first_response")
    points = re.findall(r'class="point" transform="translate\(([\d.]+),([\d.]+)\)"', section)
    assert len(points) == len(complete) + (2 if partial else 0)
    # the zero points sit on the lowest tick's line (the axis starts at 0)
    lowest = max(float(y) for _, y in points)
    assert sum(1 for _, y in points if float(y) == lowest) >= complete.count(0)


@pytest.mark.parametrize("chart", sorted(TRENDS))
def test_partial_month_is_marked(rendered_dom, marts, chart):
    as_of = marts["overview"][-1]["as_of_date"]
    section = _section(rendered_dom, chart)
    assert f"partial month, to {as_of:%d %b}" in " ".join(_texts(section, "annotation-text"))
    column, _ = TRENDS[chart]
    partial = [r for r in marts["overview"] if not r["is_complete_month"]][-1]
    legend = " ".join(_texts(section, "legendtext"))
    if partial[column] is not None:
        assert "partial month" in legend and "not comparable" in legend, chart
    else:
        assert "partial month" not in legend


def test_partial_month_is_named_in_the_header(rendered_dom, marts):
    partial = [r for r in marts["overview"] if not r["is_complete_month"]][-1]["month"]
    label = f"{calendar.month_abbr[partial.month]} {partial.year}"
    assert re.search(r"data-partial-month[^>]*>([^<]+)<", rendered_dom).group(1) == label


def test_cohort_sizes_beside_the_heatmap_and_small_cohorts_grey(rendered_dom, marts):
    section = _section(rendered_dom, "cohorts")
    sizes = marts["cohorts"]
    small = [c for c, n in sizes.items() if n < SMALL_COHORT]
    assert small, f"the bundled data has cohorts under {SMALL_COHORT} customers"
    bars = _bar_fills(section)
    assert len(bars) == len(sizes), "one size bar per cohort"
    assert bars.count(_rgb(SMALL)) == len(small)
    labels = re.findall(r'<text class="bartext[^"]*"[^>]*>(?:<tspan[^>]*>)?(\d+)<', section)
    assert sorted(map(int, labels)) == sorted(sizes.values())
    assert "evaluated in the partial month" in " ".join(_texts(section, "legendtext"))
    assert f'data-small-cohorts="{len(small)}"' in rendered_dom


def test_themes_diverge_by_sentiment_group(rendered_dom, marts):
    section = _section(rendered_dom, "themes")
    legend = " ".join(_texts(section, "legendtext"))
    with duckdb.connect(str(marts["db"]), read_only=True) as con:
        groups = con.execute("select distinct metric, sentiment_group "
                             "from marts.mart_comment_themes").fetchall()
        fig = figures(con)[0]["themes"][1]
    for metric, group in groups:
        assert f"{metric.upper()} {group}" in legend
    fills = set(_bar_fills(section))
    assert {_rgb(GROUP_COLOR[-1]), _rgb(GROUP_COLOR[1])} <= fills
    for trace in fig.data:
        metric, group = trace.name.split(" ", 1)
        side = dict(SENTIMENT[metric.lower()])[group]
        ends = [b + x for b, x in zip(trace.base, trace.x)]
        if side < 0:
            assert max(ends) <= 0 and max(trace.x) <= 0, trace.name
        elif side > 0:
            assert min(trace.base) >= 0 and min(trace.x) >= 0, trace.name
        else:  # NPS passives straddle 0
            assert all(b == pytest.approx(-x / 2) for b, x in zip(trace.base, trace.x))


def _expected_drivers(marts):
    """The mart's non-reference rows with the page's reading of them: small
    (the group or its reference under the low-sample threshold), finding
    (significant and not small) and its tier in the page's order."""
    rows = marts["drivers"]
    refs = {(r["driver"], r["touchpoint"]): r for r in rows if r["group_order"] == 1}
    out = {}
    for r in rows:
        if r["group_order"] == 1:
            continue
        ref = refs.get((r["driver"], r["touchpoint"]))
        small = bool(r["is_low_sample"] or (ref is not None and ref["is_low_sample"]))
        finding = bool(r["is_significant"]) and not small
        tier = (3 if r["rate_difference_pts"] is None else 0 if finding else 2 if small else 1)
        out[(r["driver"], r["touchpoint"], r["experience_group"])] = dict(
            r, small=small, finding=finding, tier=tier)
    return out


def _driver_rows(dom):
    """The rows of the drivers table in page order: (key, classes, cells)."""
    body = re.search(r'<table id="drivers">.*?<tbody>(.*?)</tbody>', dom, re.S).group(1)
    rows = []
    for cls, driver, touchpoint, group, cells in re.findall(
            r'<tr class="([^"]*)" data-driver="([^"]+)" data-touchpoint="([^"]+)" '
            r'data-group="([^"]+)"[^>]*>(.*?)</tr>', body, re.S):
        rows.append(((driver, touchpoint, group), cls.split(), {
            "sentence": html.unescape(re.search(r'<span class="sentence">(.*?)</span>',
                                                cells, re.S).group(1)),
            "flags": [html.unescape(f) for f in
                      re.findall(r'<span class="flag">(.*?)</span>', cells)],
            "rates": html.unescape(re.search(r'<td class="rates">(.*?)</td>', cells).group(1)),
            "difference": html.unescape(re.search(r'<span class="diff-text">(.*?)</span>',
                                                  cells).group(1)),
            "svg": re.search(r'<svg class="forest".*?</svg>', cells, re.S)}))
    return rows


def test_before_churn_section_says_its_window_date_and_caution(rendered_dom, marts):
    assert re.search(r'<h2[^>]*>What comes before churn</h2>', rendered_dom)
    window = {r["outcome_window_days"] for r in marts["drivers"]}
    as_of = {r["as_of_date"] for r in marts["drivers"]}
    assert len(window) == len(as_of) == 1
    window, as_of = window.pop(), as_of.pop()
    intro = re.search(r'<p class="asof" data-outcome-window="(\d+)" '
                      r'data-drivers-as-of="([^"]+)">(.*?)</p>', rendered_dom, re.S)
    assert intro.group(1) == str(window) and intro.group(2) == str(as_of)
    text = re.sub(r"<[^>]+>|\s+", " ", intro.group(3))
    assert f"{window} days after" in text and str(as_of) in text
    caution = re.search(r'<p class="caution">(.*?)</p>', rendered_dom, re.S).group(1)
    assert "Association, not proof of cause" in caution


def test_every_churn_driver_with_its_difference_and_margin(rendered_dom, marts):
    expected = _expected_drivers(marts)
    rows = _driver_rows(rendered_dom)
    assert sorted(key for key, _, _ in rows) == sorted(expected), "each non-reference row once"
    for key, _, cells in rows:
        r = expected[key]
        diff, moe = r["rate_difference_pts"], r["rate_difference_moe_95"]
        assert cells["difference"] == f"{diff:+.1f} ± {moe:.1f} pts", key
        assert cells["rates"] == (f"{r['churn_rate_pct']:.1f} % vs "
                                  f"{r['reference_churn_rate_pct']:.1f} %"), key


def test_driver_sentences_say_the_direction_only_of_significant_differences(rendered_dom,
                                                                            marts):
    expected = _expected_drivers(marts)
    rows = _driver_rows(rendered_dom)
    kinds = {(r["finding"], r["is_significant"], r["small"]) for r in expected.values()}
    assert {(True, True, False), (False, False, False), (False, False, True),
            (False, True, True)} <= kinds, "the bundled data has each kind of row"
    assert re.search(r"\.drivers tr\.muted td[^{]*\{[^}]*color: #9e9e9e", rendered_dom)
    for key, classes, cells in rows:
        r = expected[key]
        diff, moe, sentence = r["rate_difference_pts"], r["rate_difference_moe_95"], \
            cells["sentence"]
        if r["finding"]:
            way = "more" if diff > 0 else "less"
            assert f" churned {abs(diff):.1f} points {way} often than " in sentence, sentence
            assert sentence.endswith(f"(±{moe:.1f}).") and "muted" not in classes, sentence
            assert not cells["flags"], key
        else:
            assert "muted" in classes, key
            assert "more often" not in sentence and "less often" not in sentence, sentence
            assert (f"{r['churn_rate_pct']:.1f} % had churned {r['outcome_window_days']} days "
                    f"later, against {r['reference_churn_rate_pct']:.1f} %") in sentence
        assert (NOISE_FLAG in cells["flags"]) == (not r["is_significant"]), key
        assert any(f.startswith("fewer than 30 experiences") for f in cells["flags"]) \
            == r["small"], key
    resolution = next(c["sentence"] for k, _, c in rows if k[0] == "resolution_sla")
    assert resolution.startswith("Customers whose resolution SLA was breached")


def test_driver_rows_put_the_largest_significant_differences_first(rendered_dom, marts):
    expected = _expected_drivers(marts)
    order = [(expected[key]["tier"], -abs(expected[key]["rate_difference_pts"]))
             for key, _, _ in _driver_rows(rendered_dom)]
    assert order == sorted(order) and order[0][0] == 0, order


def test_driver_error_bars_are_the_margin_around_the_difference(rendered_dom, marts):
    expected = _expected_drivers(marts)
    limits = set()
    for key, _, cells in _driver_rows(rendered_dom):
        r, svg = expected[key], cells["svg"].group(0)
        diff, moe = r["rate_difference_pts"], r["rate_difference_moe_95"]
        limit = float(re.search(r'data-limit="([\d.]+)"', svg).group(1))
        limits.add(limit)

        def points(x):
            return (float(x) - FOREST_PAD) / (FOREST_WIDTH - 2 * FOREST_PAD) * 2 * limit - limit

        zero = points(re.search(r'<line class="zero" x1="([\d.]+)"', svg).group(1))
        x1, x2, stroke = re.search(r'<line class="whisker" x1="([\d.]+)" x2="([\d.]+)"[^>]*'
                                   r'stroke="([^"]+)"', svg).groups()
        lo, hi = points(x1), points(x2)
        assert zero == pytest.approx(0, abs=0.1)
        assert lo == pytest.approx(max(-limit, diff - moe), abs=0.1), key
        assert hi == pytest.approx(min(limit, diff + moe), abs=0.1), key
        dot = re.search(r'<circle class="estimate" cx="([\d.]+)"', svg)
        assert (dot is not None) == (abs(diff) <= limit), key
        if dot:
            assert points(dot.group(1)) == pytest.approx(diff, abs=0.1), key
        if abs(abs(diff) - moe) > 0.2:  # the bar reaches 0 exactly when not significant
            assert (lo <= 0 <= hi) == (not r["is_significant"]), key
        colour = MUTED if not r["finding"] else NEGATIVE if diff > 0 else POSITIVE
        assert stroke == colour, key
    assert len(limits) == 1, "one scale for every row"
    assert 'class="forest-axis"' in rendered_dom


def _plotly_data(page_text, chart):
    """The traces the page hands to Plotly.newPlot for a chart."""
    start = page_text.index("[", page_text.index(f'"chart-{chart}"'))
    return json.JSONDecoder().raw_decode(page_text, start)[0]


def test_ltv_curves_of_recent_cohorts_are_the_marts(dashboard, rendered_dom, marts):
    revenue = marts["revenue"]
    started = sorted({r["cohort_month"] for r in revenue if r["months_since_signup"] == 0
                      and r["is_complete_month"] and r["cohort_size"] > 0})
    chosen = started[-LTV_COHORTS:]
    assert len(chosen) == LTV_COHORTS
    section = _section(rendered_dom, "ltv")
    legend = _texts(section, "legendtext")
    as_of = revenue[-1]["as_of_date"]
    partial_name = f"partial month (to {as_of:%d %b}): not comparable"
    assert partial_name in legend
    assert len(re.findall(r'<g class="trace scatter', section)) == len(chosen) + 1
    assert min(float(t.replace(",", "")) for t in _ticks(section)) == 0, "LTV from 0"
    traces = {t["name"]: t for t in _plotly_data(dashboard[1].read_text(encoding="utf-8"),
                                                 "ltv")}
    partial_points = set()
    for cohort in chosen:
        rows = [r for r in revenue if r["cohort_month"] == cohort]
        size = max(r["cohort_size"] for r in rows)
        name = next(n for n in traces if n.startswith(f"{cohort:%Y-%m} ({size} customers"))
        assert name in legend
        assert (", small cohort" in name) == (size < SMALL_COHORT), name
        assert (traces[name]["line"]["color"] == SMALL_LINE) == (size < SMALL_COHORT), name
        complete = [r for r in rows if r["is_complete_month"]]
        assert traces[name]["x"] == [r["months_since_signup"] for r in complete]
        assert traces[name]["y"] == pytest.approx(
            [r["cumulative_revenue_per_customer"] for r in complete], rel=1e-12)
        partial_points.update((r["months_since_signup"],
                               round(r["cumulative_revenue_per_customer"], 9))
                              for r in rows if not r["is_complete_month"])
    partial = traces[partial_name]
    hollow = {(x, round(y, 9)) for x, y, size in
              zip(partial["x"], partial["y"], partial["marker"]["size"]) if size}
    assert hollow == partial_points and partial_points
    assert len(traces) == len(chosen) + 1


def _queue_rows(dom):
    body = re.search(r'<div class="queue" id="queue">.*?<tbody>(.*?)</tbody>', dom, re.S).group(1)
    rows = []
    for row_id, cells in re.findall(r'<tr data-response="([^"]+)">(.*?)</tr>', body, re.S):
        rows.append((row_id, {k: html.unescape(v) for k, v in
                              re.findall(r'<td data-col="(\w+)"[^>]*>([^<]*)</td>', cells)}))
    return rows


def test_followup_queue_is_complete_with_each_scores_scale(rendered_dom, marts):
    rows = _queue_rows(rendered_dom)
    assert [r[0] for r in rows] == [q[0] for q in marts["queue"]], "every row, in rank order"
    for (_, cells), (_, score, lo, hi, _) in zip(rows, marts["queue"]):
        assert cells["score"].startswith(f"{score} on {lo}–{hi}"), cells["score"]
    assert re.search(r"\.queue \{[^}]*overflow: auto", rendered_dom), "the queue scrolls"
    assert re.search(r"data-queue-rows[^>]*>(\d+)<", rendered_dom).group(1) == str(len(rows))


def test_followup_queue_sorts_by_any_column(sorted_dom, marts):
    rows = _queue_rows(sorted_dom)
    assert len(rows) == len(marts["queue"])
    tickets = [int(cells["open_tickets"]) for _, cells in rows]
    assert tickets == sorted(tickets, reverse=True) and tickets[0] > tickets[-1]
    assert 'aria-sort="descending"' in sorted_dom


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


def test_dashboard_without_a_published_warehouse_says_what_to_do(tmp_path, capsys):
    code = main(["--db", str(tmp_path / "nothing.duckdb"), "--out", str(tmp_path / "x.html")])
    err = capsys.readouterr().err
    assert code == 2
    assert "no published warehouse" in err and "python3 -m cx_tools publish" in err
    assert "Traceback" not in err and not (tmp_path / "x.html").exists()
