"""A self-contained HTML dashboard of the published marts, for a CX lead.

    python3 -m cx_tools dashboard [--db published/cx_metrics.duckdb]
                                  [--out published/cx_dashboard.html]
                                  [--small-cohort 30] [--screenshot docs/dashboard.png]

Reads only the marts (read-only connection), draws every chart with Plotly
(the churn drivers' error bars are inline SVG in their table rows) and
inlines plotly.js once, so the file opens without any network. Nothing
but mart columns reaches the page: no e-mail address exists in the marts,
and comments are already masked.

What a reader sees, top to bottom:
- the as-of date (when the data ends) and the headline month: the latest
  *complete* month (`is_complete_month`), never the partial month the data
  ends in;
- headline cards of that month: value, change against the previous complete
  month, and for NPS whether that change is significant (the only metric
  whose spec defines a test: `is_nps_change_significant`);
- one chart per metric (one metric per y-axis, titled). Percentages and
  0-100 indices are drawn on 0-100; a "zoom" button narrows the axis and
  says so in the axis title. Axes of durations start at 0 and zero values are
  drawn as points. The partial month is shaded, labelled, and its values are
  hollow points on a dashed line;
- the cohort retention heatmap with each cohort's size beside it; cohorts
  smaller than --small-cohort customers are grey;
- "What comes before churn" (mart_churn_drivers): the outcome window and the
  as-of date, a caution (association, not proof of cause), and a table with
  one row per non-reference group of each driver and touchpoint: a sentence
  a CX lead reads without help ("Customers whose resolution SLA was breached
  churned 12.3 points more often than when it was met (±6.1)"), both churn
  rates, and the difference with its 95% margin as an error bar on an axis
  centred on 0 (inline SVG, so each bar sits on its sentence's row). Only a
  significant difference with at least 30 experiences in both groups is a
  finding, red (more churn) or blue (less) and first, largest first; the
  others are grey, labelled "not significant: could be noise" and/or "fewer
  than 30 experiences", and their sentence gives the two rates but no
  direction;
- the lifetime-value curves (mart_cohort_revenue) of the latest cohorts with
  a complete first month: cumulative revenue per customer by months since
  signup, one line per cohort named with its size (small cohorts grey), each
  cohort's partial month a hollow point on a dotted line;
- comment themes by sentiment group as diverging bars (unhappy groups to the
  left in red, happy to the right in blue, NPS passives grey in the middle);
- the complete follow-up queue as a scrollable table sortable by any column
  (click a header; `#queue-sort=<column>:<asc|desc>` in the address opens it
  sorted), each score with its scale.

`--screenshot PATH` also renders the page in headless Chromium to a PNG
(how docs/dashboard.png is made).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import html
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import plotly.graph_objects as go
from plotly.io import to_html
from plotly.subplots import make_subplots

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "published" / "cx_metrics.duckdb"
DEFAULT_OUT = ROOT / "published" / "cx_dashboard.html"
# Cohorts smaller than this are greyed: one customer moves their retention by
# more than 2 points, and its 95% margin of error exceeds ±13 points.
SMALL_COHORT = 50
# Diverging colours (ColorBrewer RdBu ends, readable with colour-blindness)
NEGATIVE, NEUTRAL, POSITIVE = "#ca0020", "#bababa", "#0571b0"
LINE, PARTIAL, SMALL, SMALL_LINE = "#1f77b4", "#8c8c8c", "#d9d9d9", "#b8b8b8"
# Sentiment groups of each survey metric, unhappy first (mart_comment_themes)
SENTIMENT = {"nps": [("detractor", -1), ("passive", 0), ("promoter", 1)],
             "csat": [("not satisfied", -1), ("satisfied", 1)],
             "ces": [("high effort", -1), ("low effort", 1)]}
GROUP_COLOR = {-1: NEGATIVE, 0: NEUTRAL, 1: POSITIVE}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


class MissingWarehouse(Exception):
    """The warehouse file to read does not exist (nothing published yet)."""


def _rows(con, sql, params=None):
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def headline_month(con):
    """The latest complete month: the month the headline cards show."""
    return con.execute("select max(month) from marts.mart_cx_overview "
                       "where is_complete_month").fetchone()[0]


def headline(con):
    """(row of the headline month, row of the complete month before it or None)."""
    rows = _rows(con, "select * from marts.mart_cx_overview where is_complete_month "
                      "order by month desc limit 2")
    return rows[0], (rows[1] if len(rows) > 1 else None)


def fmt(value, digits=1, suffix=""):
    return "n/a" if value is None else f"{value:.{digits}f}{suffix}"


def month_label(month) -> str:
    return f"{calendar.month_abbr[month.month]} {month.year}"


# The headline cards: key, label, column, unit, digits, higher is better
CARDS = [
    ("nps", "NPS", "nps", "", 1, True),
    ("csat", "CSAT", "csat_pct", " %", 1, True),
    ("ces", "CES ease index", "ces_ease_index", "", 1, True),
    ("response_rate", "Survey response rate", "response_rate_pct", " %", 1, True),
    ("churn", "Monthly churn", "churn_rate_pct", " %", 1, False),
    ("fcr", "First-contact resolution", "fcr_pct", " %", 1, True),
    ("sla", "First-response SLA met", "first_response_sla_attainment_pct", " %", 1, True),
    ("resolution_sla", "Resolution SLA met", "resolution_sla_attainment_pct", " %", 1, True),
    ("first_response", "Median first response", "median_first_response_business_minutes",
     " business min", 0, False),
]


def change(current, previous):
    """Change of a card's value against the previous complete month, or None."""
    if current is None or previous is None:
        return None
    return current - previous


def change_text(delta, unit, digits, higher_is_better, prev_month):
    """'▲ 2.1 pts vs Sep 2026' and a class saying whether that is good news."""
    if delta is None:
        return "no previous complete month to compare", "flat"
    unit = " pts" if unit == " %" else ("" if unit == "" else unit)
    arrow = "▲" if delta > 0 else ("▼" if delta < 0 else "=")
    mood = ("flat" if round(delta, digits) == 0
            else "good" if (delta > 0) == higher_is_better else "bad")
    return f"{arrow} {abs(delta):.{digits}f}{unit} vs {month_label(prev_month)}", mood


def cards_html(top, prev) -> str:
    out = []
    for key, label, column, unit, digits, better_up in CARDS:
        value = top[column]
        if key == "nps":
            # the mart's own change, of the same months (previous_nps is that month's)
            delta = top["nps_change"] if prev is not None else None
        else:
            delta = change(value, prev[column] if prev else None)
        text, mood = change_text(delta, unit, digits, better_up, prev["month"] if prev else None)
        extra = ""
        if key == "nps":
            significant = bool(top["is_nps_change_significant"])
            if not significant:
                mood = "flat"  # within the noise band: neither good nor bad news
            moe = top["nps_change_moe_95"]
            verdict = ("★ significant change" if significant else "change not significant")
            extra = (f'<div class="sig {"yes" if significant else "no"}" '
                     f'data-significant="{str(significant).lower()}">{verdict} '
                     f'(95% noise band ± {fmt(moe)})</div>'
                     f'<div class="note">NPS ± {fmt(top["nps_moe_95"])}, '
                     f'{top["nps_responses"]} responses</div>')
        elif key == "csat":
            extra = f'<div class="note">{top["csat_responses"]} responses</div>'
        elif key == "ces":
            extra = f'<div class="note">0-100, {top["ces_responses"]} responses</div>'
        elif key == "response_rate":
            extra = (f'<div class="note">{top["responded"]} of {top["invitations"]} '
                     'invitations</div>')
        elif key in ("fcr", "resolution_sla"):
            extra = f'<div class="note">{top["tickets_resolved"]} tickets resolved</div>'
        elif key == "sla":
            answered = (top["first_response_sla_met"] or 0) + (top["first_response_sla_breached"]
                                                              or 0)
            extra = f'<div class="note">{answered} tickets with a target</div>'
        elif key == "first_response":
            extra = f'<div class="note">{top["tickets_created"]} tickets created</div>'
        elif key == "churn":
            extra = (f'<div class="note">{top["churned"]} of {top["customers_at_start"]} '
                     f'active customers</div>')
        out.append(
            f'<div class="card" data-card="{key}"><div class="label">{html.escape(label)}</div>'
            f'<div class="value"><span data-metric="{key}">{html.escape(fmt(value, digits))}'
            f'</span><span class="unit">{html.escape(unit)}</span></div>'
            f'<div class="change {mood}" data-change="{key}">{html.escape(text)}</div>'
            f'{extra}</div>')
    return "".join(out)


def _partial_shading(fig, partial_month, as_of, row=None, col=None):
    """Shade the partial month and say what it is."""
    if partial_month is None:
        return
    kwargs = {} if row is None else {"row": row, "col": col}
    fig.add_vrect(x0=partial_month - dt.timedelta(days=15),
                  x1=partial_month + dt.timedelta(days=15),
                  fillcolor="#e8e8e8", line_width=0, layer="below", **kwargs)
    fig.add_annotation(x=partial_month, y=0.98, yref="y domain", yanchor="top",
                       text=f"partial month, to {as_of:%d %b}", textangle=-90,
                       showarrow=False, font={"size": 10, "color": "#444"}, **kwargs)


def zoom_mark(zoom) -> str:
    """What a zoomed chart adds to its title."""
    return (f' <span style="color:#b35806">· zoomed axis {zoom[0]:.0f}–{zoom[1]:.0f}'
            '</span>')


def _x_range(months, partial_month):
    last = partial_month or months[-1]
    return [months[0] - dt.timedelta(days=20), last + dt.timedelta(days=20)]


def trend(ov, column, title, y_title, kind, partial, as_of, *, band=None, stars=False,
          low_sample=None):
    """One metric by month on one y-axis.

    kind: 'pct' (a percentage or 0-100 index: axis 0-100, or 0 to a marked
    top when every value is under 40, with buttons to switch between the full
    scale and a zoom that says so in the axis title), 'nps' (-100..100, same
    buttons) or 'count' (from 0). Complete months are a solid line with every
    value drawn, zeros included; the partial month is a hollow point on a
    dotted line over a shaded, labelled band. low_sample: a boolean column;
    those months are hollow points."""
    complete = [r for r in ov if r["is_complete_month"]]
    months = [r["month"] for r in complete]
    values = [r[column] for r in complete]
    partial_month = partial["month"] if partial else None
    f = go.Figure()
    if band:
        lo, hi = band
        pts = [r for r in complete if r[lo] is not None]
        f.add_trace(go.Scatter(
            x=[r["month"] for r in pts] + [r["month"] for r in pts][::-1],
            y=[r[hi] for r in pts] + [r[lo] for r in pts][::-1],
            fill="toself", fillcolor="rgba(31,119,180,0.15)", line={"color": "rgba(0,0,0,0)"},
            name="95% interval", hoverinfo="skip"))
    hollow = [bool(low_sample and r[low_sample]) for r in complete]
    f.add_trace(go.Scatter(
        x=months, y=values, mode="lines+markers", name=y_title, line={"color": LINE},
        marker={"size": 7, "color": ["white" if h else LINE for h in hollow],
                "line": {"color": LINE, "width": 1.5}},
        cliponaxis=False, hovertemplate="%{x|%b %Y}: %{y:.1f}<extra></extra>"))
    if any(hollow):
        f.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="under 30 responses",
                               marker={"size": 7, "color": "white",
                                       "line": {"color": LINE, "width": 1.5}}))
    if stars:
        sig = [r for r in complete if r["is_nps_change_significant"]]
        f.add_trace(go.Scatter(x=[r["month"] for r in sig], y=[r[column] for r in sig],
                               mode="markers", name="★ significant change vs previous month",
                               marker={"size": 14, "symbol": "star", "color": "#d62728"},
                               cliponaxis=False))
    if partial is not None and partial[column] is not None:
        last = next((r for r in reversed(complete) if r[column] is not None), None)
        xs = ([last["month"]] if last else []) + [partial_month]
        ys = ([last[column]] if last else []) + [partial[column]]
        f.add_trace(go.Scatter(x=xs, y=ys, mode="lines+markers",
                               name=f"partial month (to {as_of:%d %b}): not comparable",
                               line={"color": PARTIAL, "dash": "dot"}, cliponaxis=False,
                               marker={"size": [0] * (len(xs) - 1) + [9], "color": "white",
                                       "line": {"color": PARTIAL, "width": 2}}))
    _partial_shading(f, partial_month, as_of)
    shown = [v for v in values + [partial[column] if partial else None] if v is not None]
    yaxis = {"title": {"text": y_title}, "zeroline": True, "zerolinecolor": "#999"}
    buttons, title_shown = None, title
    if kind in ("pct", "nps"):
        full = [0, 100] if kind == "pct" else [-100, 100]
        yaxis["range"] = full
        if shown:
            pad = max(2.0, (max(shown) - min(shown)) * 0.15)
            zoom = [max(full[0], min(shown) - pad), min(full[1], max(shown) + pad)]
            if kind == "pct" and max(shown) < 40:
                # small shares: from 0 (proportions stay honest) to a marked top
                zoom = [0, 5 * math.ceil(max(shown) * 1.25 / 5)]
                title_shown = title + zoom_mark(zoom)
                yaxis["range"] = zoom
            buttons = [
                {"label": f"full scale {full[0]}–{full[1]}", "method": "relayout",
                 "args": [{"yaxis.range": full, "title.text": title}]},
                {"label": "zoom", "method": "relayout",
                 "args": [{"yaxis.range": zoom, "title.text": title + zoom_mark(zoom)}]},
            ]
    else:
        yaxis["range"] = [0, (max(shown) if shown else 1) * 1.15 or 1]
    f.update_layout(title={"text": title_shown}, yaxis=yaxis,
                    xaxis={"range": _x_range(months, partial_month)},
                    height=300, showlegend=len(f.data) > 1,
                    legend={"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0,
                            "font": {"size": 10}},
                    margin={"t": 50, "b": 60, "l": 60, "r": 20})
    if buttons:
        f.update_layout(updatemenus=[{
            "type": "buttons", "direction": "right", "buttons": buttons, "showactive": True,
            "x": 1, "xanchor": "right", "y": 1.02, "yanchor": "bottom",
            "font": {"size": 10}, "pad": {"r": 0, "t": 0, "b": 0}}])
    return f


def touchpoints(con, months):
    tp = _rows(con, "select touchpoint, sum(sum_normalized_score) / nullif(sum(responses), 0) "
                    "as score, sum(responses) as responses from marts.mart_touchpoint_scorecard "
                    "where month in (select unnest(?::date[])) group by 1 order by 2",
               [months])
    f = go.Figure(go.Bar(x=[r["score"] for r in tp], y=[r["touchpoint"] for r in tp],
                         orientation="h",
                         marker={"color": [NEGATIVE if (r["score"] or 0) < 50 else POSITIVE
                                           for r in tp]},
                         text=[f"{fmt(r['score'])} (n={r['responses']})" for r in tp],
                         textposition="outside", cliponaxis=False, name="touchpoint"))
    f.add_vline(x=50, line_dash="dash", line_color="#555",
                annotation_text="attention threshold 50", annotation_position="top")
    span = f"{month_label(min(months))} – {month_label(max(months))}" if months else "none"
    f.update_layout(title={"text": f"Touchpoint scorecard, {span} (red: below 50, needs "
                                   "attention)"},
                    xaxis={"range": [0, 100], "title": {"text": "mean normalised score (0-100)"}},
                    yaxis={"title": {"text": "touchpoint"}}, height=330, showlegend=False,
                    margin={"t": 60, "b": 40, "l": 90, "r": 20})
    return f


def cohorts(con, small_cohort):
    """Retention heatmap with each cohort's size beside it; small cohorts grey;
    cells evaluated in the partial month marked."""
    co = _rows(con, "select cohort_month, months_since_signup, cohort_size, retention_rate_pct, "
                    "is_complete_month from marts.mart_churn_cohorts where cohort_size > 0 "
                    "order by 1, 2")
    names = sorted({r["cohort_month"] for r in co})
    size = {r["cohort_month"]: r["cohort_size"] for r in co}
    ks = sorted({r["months_since_signup"] for r in co})
    grid = {(r["cohort_month"], r["months_since_signup"]): r for r in co}
    labels = [f"{c:%Y-%m}" for c in names]
    small = {c for c in names if size[c] < small_cohort}

    def z(keep):
        return [[(grid[(c, k)]["retention_rate_pct"] if (c, k) in grid and keep(c) else None)
                 for k in ks] for c in names]

    f = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.84, 0.16],
                      horizontal_spacing=0.02,
                      subplot_titles=("retention % by months since signup",
                                      "cohort size (customers)"))
    f.add_trace(go.Heatmap(z=z(lambda c: c not in small), x=ks, y=labels, colorscale="Blues",
                           zmin=0, zmax=100, name="retention %",
                           colorbar={"title": {"text": "retention %"}, "x": 1.02},
                           hovertemplate="cohort %{y}, month %{x}: %{z:.1f} %<extra></extra>"),
                row=1, col=1)
    if small:
        f.add_trace(go.Heatmap(z=z(lambda c: c in small), x=ks, y=labels, showscale=False,
                               colorscale=[[0, "#f2f2f2"], [1, "#8c8c8c"]], zmin=0, zmax=100,
                               name=f"small cohort (< {small_cohort})",
                               hovertemplate="small cohort %{y}, month %{x}: %{z:.1f} %"
                                             "<extra></extra>"),
                    row=1, col=1)
    part = [(r["months_since_signup"], f"{r['cohort_month']:%Y-%m}") for r in co
            if not r["is_complete_month"]]
    if part:
        f.add_trace(go.Scatter(x=[p[0] for p in part], y=[p[1] for p in part], mode="markers",
                               marker={"symbol": "circle-open", "size": 7, "color": "#e6550d",
                                       "line": {"width": 2}},
                               name="evaluated in the partial month", hoverinfo="skip"),
                    row=1, col=1)
    f.add_trace(go.Bar(x=[size[c] for c in names], y=labels, orientation="h",
                       marker={"color": [SMALL if c in small else LINE for c in names]},
                       text=[str(size[c]) for c in names], textposition="outside",
                       cliponaxis=False, name="cohort size", showlegend=False,
                       hovertemplate="cohort %{y}: %{x} customers<extra></extra>"),
                row=1, col=2)
    f.update_layout(
        title={"text": "Retention by signup cohort (90-day inactivity rule); "
                       f"grey: cohorts under {small_cohort} customers"},
        height=max(420, 22 * len(names) + 160),
        legend={"orientation": "h", "y": -0.08, "x": 0},
        margin={"t": 80, "b": 60, "l": 70, "r": 40})
    f.update_xaxes(title={"text": "months since signup"}, row=1, col=1)
    f.update_xaxes(showticklabels=False, range=[0, max(size.values() or [1]) * 1.5],
                   row=1, col=2)
    f.update_yaxes(type="category", range=[-0.5, len(names) - 0.5])
    f.update_yaxes(title={"text": "signup cohort"}, row=1, col=1)
    return f, small


def themes(con, months):
    """Mentions per theme, diverging: unhappy groups to the left (red), happy
    to the right (blue), NPS passives in the middle (grey); one panel per
    survey metric."""
    th = _rows(con, "select metric, theme, sentiment_group, sum(mentions) as mentions "
                    "from marts.mart_comment_themes where month in (select unnest(?::date[])) "
                    "group by 1, 2, 3 order by 1, 2, 3", [months])
    count = {(r["metric"], r["theme"], r["sentiment_group"]): int(r["mentions"]) for r in th}
    names = sorted({r["theme"] for r in th})
    metrics = [m for m in ("nps", "csat", "ces") if any(r["metric"] == m for r in th)]
    f = make_subplots(rows=1, cols=max(1, len(metrics)), shared_yaxes=True,
                      horizontal_spacing=0.04,
                      subplot_titles=[f"{m.upper()} comments" for m in metrics])
    reach = 1
    for col, metric in enumerate(metrics, start=1):
        groups = SENTIMENT[metric]
        neutral = {t: count.get((metric, t, g), 0) for t in names for g, s in groups if s == 0}
        for group, side in groups:
            values = [count.get((metric, t, group), 0) for t in names]
            half = [neutral.get(t, 0) / 2 for t in names]
            if side < 0:
                x, base = [-v for v in values], [-h for h in half]
            elif side > 0:
                x, base = values, half
            else:
                x, base = values, [-h for h in half]
            reach = max([reach] + [abs(b) + abs(v) for b, v in zip(base, x)])
            f.add_trace(go.Bar(y=names, x=x, base=base, orientation="h",
                               name=f"{metric.upper()} {group}", legendgroup=metric,
                               marker={"color": GROUP_COLOR[side]}, customdata=values,
                               hovertemplate=f"{group}: %{{customdata}} mentions of %{{y}}"
                                             "<extra></extra>"),
                        row=1, col=col)
    step = _nice_step(reach)
    ticks = [i * step for i in range(-int(reach // step) - 1, int(reach // step) + 2)]
    f.update_xaxes(tickvals=ticks, ticktext=[str(abs(t)) for t in ticks],
                   range=[-reach * 1.05, reach * 1.05], zeroline=True, zerolinecolor="#333",
                   title={"text": "← unhappy   mentions   happy →"})
    f.update_yaxes(title={"text": "theme"}, row=1, col=1)
    span = f"{month_label(min(months))} – {month_label(max(months))}" if months else "none"
    f.update_layout(title={"text": f"Comment themes, {span}: who mentions what "
                                   "(red: detractors, not satisfied, high effort; "
                                   "blue: promoters, satisfied, low effort)"},
                    barmode="overlay", height=400,
                    legend={"orientation": "h", "y": -0.22, "yanchor": "top", "x": 0},
                    margin={"t": 80, "b": 110, "l": 80, "r": 20})
    return f


def _nice_step(reach):
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if reach / step <= 5:
            return step
    return 10 ** len(str(int(reach)))


# What comes before churn (mart_churn_drivers), in a CX lead's words.
# driver: (label, subject of each non-reference group, the reference after
# "than" in a difference, and after "against x %" in a rate). {at} is the
# touchpoint's phrase; ticket drivers have one touchpoint and no phrase.
DRIVER_WORDS = {
    "nps": ("NPS", {"passive": "Passives (NPS 7–8){at}",
                    "detractor": "Detractors (NPS 0–6){at}"},
            "promoters", "of promoters (NPS 9–10)"),
    "csat": ("CSAT", {"not_satisfied": "Customers not satisfied{at}"},
             "satisfied customers", "of satisfied customers"),
    "ces": ("CES", {"high_effort": "Customers who reported high effort{at}"},
            "those who reported low effort", "of those who reported low effort"),
    "first_response_sla": ("First-response SLA",
                           {"breached": "Customers whose first-response SLA was breached"},
                           "when it was met", "when it was met"),
    "resolution_sla": ("Resolution SLA",
                       {"breached": "Customers whose resolution SLA was breached"},
                       "when it was met", "when it was met"),
    "reopened": ("Reopened tickets", {"reopened": "Customers whose ticket was reopened"},
                 "when it was not", "when it was not"),
    "one_touch": ("One-touch resolution",
                  {"not_one_touch": "Customers whose ticket was not resolved in one touch "
                                    "(one agent reply, never reopened)"},
                  "when it was", "when it was"),
}
GROUP_WORDS = {"promoter": "promoters", "passive": "passives", "detractor": "detractors",
               "not_satisfied": "not satisfied", "low_effort": "low effort",
               "high_effort": "high effort", "not_reopened": "not reopened",
               "one_touch": "one touch", "not_one_touch": "not one touch"}
TOUCHPOINT_AT = {"checkout": " at checkout", "delivery": " after delivery",
                 "onboarding": " at onboarding", "support": " after a support contact",
                 "website": " on the website", "returns": " after a return",
                 "support_ticket": ""}
# The mart's is_low_sample is experiences < var low_sample_threshold (default 30)
LOW_SAMPLE = 30
NOISE_FLAG = "not significant: could be noise"
FOREST_WIDTH, FOREST_PAD, MUTED = 250, 16, "#9e9e9e"
# Lifetime-value curves: the latest cohorts with a complete first month,
# in Okabe-Ito colours (distinct with colour-blindness)
LTV_COHORTS = 6
COHORT_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9",
                 "#000000", "#F0E442"]


def group_words(group) -> str:
    return GROUP_WORDS.get(group, group.replace("_", " "))


def at_touchpoint(touchpoint) -> str:
    return TOUCHPOINT_AT.get(touchpoint, f" at {touchpoint.replace('_', ' ')}")


def driver_rows(con):
    """The non-reference rows of mart_churn_drivers with what the page needs:
    `finding` (significant with enough experiences in both groups), `small`
    (the group or its reference under LOW_SAMPLE experiences), in page
    order: findings, then differences that could be noise, then small
    groups, then rows without a reference; largest |difference| first."""
    rows = _rows(con, "select * from marts.mart_churn_drivers order by driver, touchpoint, "
                      "group_order")
    refs = {(r["driver"], r["touchpoint"]): r for r in rows if r["group_order"] == 1}
    out = []
    for r in rows:
        if r["group_order"] == 1:
            continue
        ref = refs.get((r["driver"], r["touchpoint"]))
        r = dict(r, reference_experiences=ref["experiences"] if ref else None)
        r["small"] = bool(r["is_low_sample"] or (ref is not None and ref["is_low_sample"]))
        r["finding"] = bool(r["is_significant"]) and not r["small"]
        out.append(r)
    return sorted(out, key=driver_order)


def driver_order(row):
    """Sort key of a drivers row: its tier, then the size of its difference."""
    diff = row["rate_difference_pts"]
    tier = (3 if diff is None else 0 if row["finding"] else 2 if row["small"] else 1)
    return (tier, -abs(diff or 0), row["driver"], row["touchpoint"], row["group_order"])


def driver_sentence(row) -> str:
    """'Customers whose resolution SLA was breached churned 12.3 points more
    often than when it was met (±6.1).' for a finding; the two rates, and no
    direction, for a difference that may be noise."""
    label, subjects, than, against = DRIVER_WORDS.get(
        row["driver"], (row["driver"], {}, f"the {group_words(row['reference_group'])} group",
                        f"in the {group_words(row['reference_group'])} group"))
    subject = subjects.get(row["experience_group"],
                           f"Customers in the {group_words(row['experience_group'])} group "
                           f"of {label}{{at}}").format(at=at_touchpoint(row["touchpoint"]))
    diff, moe = row["rate_difference_pts"], row["rate_difference_moe_95"]
    if row["finding"]:
        way = "more" if diff > 0 else "less"
        return f"{subject} churned {abs(diff):.1f} points {way} often than {than} (±{moe:.1f})."
    later = f"{row['churn_rate_pct']:.1f} % had churned {row['outcome_window_days']} days later"
    if row["reference_churn_rate_pct"] is None:
        return f"{subject}: {later}; no {group_words(row['reference_group'])} to compare with."
    return f"{subject}: {later}, against {row['reference_churn_rate_pct']:.1f} % {against}."


def driver_flags(row) -> list[str]:
    flags = []
    if row["rate_difference_pts"] is None:
        flags.append("no reference group to compare with")
    elif not row["is_significant"]:
        flags.append(NOISE_FLAG)
    if row["is_low_sample"]:
        flags.append(f"fewer than {LOW_SAMPLE} experiences")
    elif row["small"]:
        flags.append(f"fewer than {LOW_SAMPLE} experiences in its reference group")
    return flags


def difference_text(row) -> str:
    """'+12.3 ± 6.1 pts': the difference from the reference and its 95% margin."""
    diff, moe = row["rate_difference_pts"], row["rate_difference_moe_95"]
    if diff is None:
        return "no reference"
    return f"{diff:+.1f} ± {moe:.1f} pts" if moe is not None else f"{diff:+.1f} pts"


def forest_limit(rows) -> float:
    """Half the width of the error-bar axis, in points: the widest bar of the
    rows with enough experiences (a small group's may run off the end)."""
    reach = [abs(r["rate_difference_pts"]) + (r["rate_difference_moe_95"] or 0) for r in rows
             if r["rate_difference_pts"] is not None and not r["small"]]
    reach = reach or [abs(r["rate_difference_pts"]) + (r["rate_difference_moe_95"] or 0)
                      for r in rows if r["rate_difference_pts"] is not None]
    return 10.0 * max(1, math.ceil(max(reach or [10]) / 10))


def _forest_x(value, limit) -> float:
    span = FOREST_WIDTH - 2 * FOREST_PAD
    return round(FOREST_PAD + (max(-limit, min(limit, value)) + limit) / (2 * limit) * span, 1)


def forest_svg(row, limit) -> str:
    """The difference as a dot with its 95% margin as an error bar, on an axis
    centred on 0 (no difference); an end beyond the axis is an arrow, a dot
    beyond it is not drawn."""
    diff, moe = row["rate_difference_pts"], row["rate_difference_moe_95"] or 0
    if diff is None:
        return ""
    colour = MUTED if not row["finding"] else NEGATIVE if diff > 0 else POSITIVE
    zero, lo, hi, dot = (_forest_x(v, limit) for v in (0, diff - moe, diff + moe, diff))
    ends = []
    for end, value, step in ((lo, diff - moe, 1), (hi, diff + moe, -1)):
        if abs(value) > limit:  # off the axis: an arrowhead at the edge
            ends.append(f'<path d="M{end} 11 l{6 * step} -5 v10 z" fill="{colour}"/>')
        else:
            ends.append(f'<line x1="{end}" x2="{end}" y1="6" y2="16" stroke="{colour}" '
                        'stroke-width="2"/>')
    return (f'<svg class="forest" width="{FOREST_WIDTH}" height="22" data-limit="{limit:g}">'
            f'<line class="zero" x1="{zero}" x2="{zero}" y1="0" y2="22" stroke="#777" '
            'stroke-dasharray="2,2"/>'
            f'<line class="whisker" x1="{lo}" x2="{hi}" y1="11" y2="11" stroke="{colour}" '
            f'stroke-width="2"/>{"".join(ends)}'
            + (f'<circle class="estimate" cx="{dot}" cy="11" r="5" fill="{colour}"/>'
               if abs(diff) <= limit else "") + '</svg>')


def forest_axis(limit) -> str:
    ticks = "".join(
        f'<text x="{_forest_x(v, limit)}" y="12" text-anchor="middle">{v:+g}</text>'
        if v else f'<text x="{_forest_x(0, limit)}" y="12" text-anchor="middle">0</text>'
        for v in (-limit, -limit / 2, 0, limit / 2, limit))
    return (f'<svg class="forest-axis" width="{FOREST_WIDTH}" height="28">{ticks}'
            f'<text x="{FOREST_PAD}" y="25">← less churn</text>'
            f'<text x="{FOREST_WIDTH - FOREST_PAD}" y="25" text-anchor="end">more churn →</text>'
            '</svg>')


def drivers_html(con) -> str:
    """The section's text and its table: one row per non-reference group."""
    rows = driver_rows(con)
    if not rows:
        return ('<p class="legend-note" data-drivers="0">No experience has passed its outcome '
                'window yet: nothing to compare.</p>')
    window, as_of = rows[0]["outcome_window_days"], rows[0]["as_of_date"]
    limit = forest_limit(rows)
    body = []
    for r in rows:
        label = DRIVER_WORDS.get(r["driver"], (r["driver"],))[0]
        flags = "".join(f'<span class="flag">{html.escape(f)}</span>' for f in driver_flags(r))
        rates = (f"{fmt(r['churn_rate_pct'])} % vs {fmt(r['reference_churn_rate_pct'])} %"
                 if r["reference_churn_rate_pct"] is not None
                 else f"{fmt(r['churn_rate_pct'])} %")
        counts = f"{r['experiences']:,}" + (f" vs {r['reference_experiences']:,}"
                                            if r["reference_experiences"] is not None else "")
        body.append(
            f'<tr class="driver{"" if r["finding"] else " muted"}" '
            f'data-driver="{html.escape(r["driver"])}" '
            f'data-touchpoint="{html.escape(r["touchpoint"])}" '
            f'data-group="{html.escape(r["experience_group"])}" '
            f'data-finding="{str(r["finding"]).lower()}">'
            f'<td class="what"><strong>{html.escape(label + at_touchpoint(r["touchpoint"]))}'
            f'</strong><br>{html.escape(group_words(r["experience_group"]))} vs '
            f'{html.escape(group_words(r["reference_group"]))}</td>'
            f'<td class="words"><span class="sentence">{html.escape(driver_sentence(r))}'
            f'</span>{flags}</td>'
            f'<td class="rates">{html.escape(rates)}</td>'
            f'<td class="diff">{forest_svg(r, limit)}'
            f'<span class="diff-text">{html.escape(difference_text(r))}</span></td>'
            f'<td class="count">{counts}</td></tr>')
    findings = sum(r["finding"] for r in rows)
    last_experience = as_of - dt.timedelta(days=window)
    return f"""<p class="asof" data-outcome-window="{window}" data-drivers-as-of="{as_of}">
Churn <strong>{window} days after</strong> each survey answer and support ticket (the outcome
window): experiences up to {last_experience}, outcomes as of <strong>{as_of}</strong>. Each
group is compared with its reference group of the same driver and touchpoint; churn rate = the
share of experiences whose customer was churned (90 days without activity) {window} days later.
</p>
<p class="caution">Association, not proof of cause: customers with these experiences may differ
in other ways too.</p>
<p class="legend-note" data-findings="{findings}">Red: significantly more churn than the
reference, blue: significantly less (the bar, the 95% margin, does not reach 0). Grey: could be
noise (not significant) or fewer than {LOW_SAMPLE} experiences. Significant differences first,
largest first; then the others by size, the groups with fewer than {LOW_SAMPLE} experiences
last.</p>
<div class="drivers"><table id="drivers"><thead><tr><th>experience</th><th>in words</th>
<th>churn rate<br>group vs reference</th><th>difference in points, 95% margin<br>
{forest_axis(limit)}</th><th>experiences<br>group vs reference</th></tr></thead>
<tbody>{"".join(body)}</tbody></table></div>"""


def ltv_cohorts(con, count=LTV_COHORTS):
    """The latest `count` cohorts whose first month is complete, oldest first."""
    found = con.execute("select cohort_month from marts.mart_cohort_revenue "
                        "where months_since_signup = 0 and is_complete_month "
                        "and cohort_size > 0 order by cohort_month desc limit ?",
                        [count]).fetchall()
    return sorted(r[0] for r in found)


def ltv(con, as_of, small_cohort, count=LTV_COHORTS):
    """Cumulative revenue per customer by months since signup, one line per
    recent cohort named with its size; small cohorts grey; each cohort's
    partial month a hollow point on a dotted line, as in the trend charts."""
    chosen = ltv_cohorts(con, count)
    rows = _rows(con, "select cohort_month, months_since_signup, cohort_size, "
                      "cumulative_revenue_per_customer, is_complete_month "
                      "from marts.mart_cohort_revenue "
                      "where cohort_month in (select unnest(?::date[])) order by 1, 2", [chosen])
    f = go.Figure()
    px, py = [], []
    for i, cohort in enumerate(chosen):
        mine = [r for r in rows if r["cohort_month"] == cohort]
        complete = [r for r in mine if r["is_complete_month"]]
        size = max(r["cohort_size"] for r in mine)
        small = size < small_cohort
        colour = SMALL_LINE if small else COHORT_COLORS[i % len(COHORT_COLORS)]
        name = f"{cohort:%Y-%m} ({size} customers{', small cohort' if small else ''})"
        f.add_trace(go.Scatter(
            x=[r["months_since_signup"] for r in complete],
            y=[r["cumulative_revenue_per_customer"] for r in complete],
            mode="lines+markers", name=name, line={"color": colour, "width": 2},
            marker={"size": 6, "color": colour}, cliponaxis=False,
            hovertemplate=f"cohort {cohort:%Y-%m}, month %{{x}}: %{{y:.2f}} per customer"
                          "<extra></extra>"))
        for r in mine:
            if not r["is_complete_month"] and complete:
                px += [complete[-1]["months_since_signup"], r["months_since_signup"], None]
                py += [complete[-1]["cumulative_revenue_per_customer"],
                       r["cumulative_revenue_per_customer"], None]
    if px:
        f.add_trace(go.Scatter(x=px, y=py, mode="lines+markers",
                               name=f"partial month (to {as_of:%d %b}): not comparable",
                               line={"color": PARTIAL, "dash": "dot"}, cliponaxis=False,
                               marker={"size": [0, 9, 0] * (len(px) // 3), "color": "white",
                                       "line": {"color": PARTIAL, "width": 2}},
                               hoverinfo="skip"))
    top = max([r["cumulative_revenue_per_customer"] or 0 for r in rows] or [1])
    f.update_layout(
        title={"text": f"Lifetime value of the {len(chosen)} latest cohorts: cumulative revenue "
                       f"per customer (completed orders); grey: cohorts under {small_cohort} "
                       "customers"},
        xaxis={"title": {"text": "months since signup (0 = the signup month)"}, "dtick": 1,
               "rangemode": "tozero"},
        yaxis={"title": {"text": "revenue per customer"}, "range": [0, top * 1.1 or 1]},
        height=420, legend={"orientation": "v", "x": 1.01, "y": 1, "font": {"size": 11}},
        margin={"t": 60, "b": 60, "l": 70, "r": 20})
    return f


def scale_text(row) -> str:
    """'2 on 1–5' (and which end is good when lower is better)."""
    lo, hi = row["scale_min"], row["scale_max"]
    if (lo, hi) == (0, 1):
        scale = "0–1 (no/yes)"
    else:
        scale = f"{lo}–{hi}"
    if not row["is_higher_better"]:
        scale += ", lower is better"
    return f"{row['score']} on {scale}"


QUEUE_COLUMNS = [  # key, header, type for sorting
    ("priority_rank", "priority", "num"), ("responded_at", "answered (UTC)", "text"),
    ("metric", "metric", "text"), ("score", "score (scale)", "num"),
    ("normalized_score_0_100", "score 0-100", "num"), ("touchpoint", "touchpoint", "text"),
    ("channel", "channel", "text"), ("themes", "themes", "text"),
    ("open_tickets", "open tickets", "num"), ("comment", "comment (masked)", "text"),
    ("customer_key", "customer", "text")]


def queue_html(con) -> tuple[str, int]:
    rows = _rows(con, "select * from marts.mart_followup_queue order by priority_rank")
    head = "".join(f'<th data-col="{k}" data-type="{t}" title="sort by {h}">{html.escape(h)}'
                   f'<span class="arrow"></span></th>' for k, h, t in QUEUE_COLUMNS)
    body = []
    for r in rows:
        cells = []
        for key, _, _ in QUEUE_COLUMNS:
            value = r[key]
            if key == "score":
                shown, sort = scale_text(r), r["normalized_score_0_100"]
            elif key == "responded_at":
                shown, sort = f"{value:%Y-%m-%d %H:%M}", value.isoformat()
            elif key == "normalized_score_0_100":
                shown, sort = fmt(value, 0), value
            else:
                shown, sort = ("" if value is None else str(value)), ("" if value is None
                                                                     else value)
            cells.append(f'<td data-col="{key}" data-sort="{html.escape(str(sort))}">'
                         f'{html.escape(shown)}</td>')
        body.append(f'<tr data-response="{html.escape(r["response_id"])}">{"".join(cells)}</tr>')
    table = (f'<div class="queue" id="queue"><table><thead><tr>{head}</tr></thead>'
             f'<tbody>{"".join(body)}</tbody></table></div>')
    return table, len(rows)


QUEUE_SCRIPT = """
(function () {
  var table = document.querySelector('#queue table');
  if (!table) return;
  var body = table.tBodies[0];
  function sortBy(col, dir) {
    var th = table.querySelector('th[data-col="' + col + '"]');
    if (!th) return;
    var num = th.dataset.type === 'num';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.querySelector('td[data-col="' + col + '"]').dataset.sort;
      var y = b.querySelector('td[data-col="' + col + '"]').dataset.sort;
      var c = num ? (parseFloat(x) || 0) - (parseFloat(y) || 0)
                  : x.localeCompare(y);
      if (c === 0) {
        c = parseFloat(a.cells[0].dataset.sort) - parseFloat(b.cells[0].dataset.sort);
        return c;
      }
      return dir === 'desc' ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    table.querySelectorAll('th').forEach(function (h) {
      h.removeAttribute('aria-sort');
      h.querySelector('.arrow').textContent = '';
    });
    th.setAttribute('aria-sort', dir === 'desc' ? 'descending' : 'ascending');
    th.querySelector('.arrow').textContent = dir === 'desc' ? ' ▼' : ' ▲';
    table.dataset.sort = col + ':' + dir;
  }
  table.querySelectorAll('th').forEach(function (th) {
    th.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? 'desc' : 'asc';
      sortBy(th.dataset.col, dir);
      history.replaceState(null, '', '#queue-sort=' + th.dataset.col + ':' + dir);
    });
  });
  var m = /queue-sort=([a-z_0-9]+):(asc|desc)/.exec(location.hash);
  if (m) sortBy(m[1], m[2]); else sortBy('priority_rank', 'asc');
})();
window.addEventListener('load', function () {
  document.documentElement.dataset.pageHeight = document.documentElement.scrollHeight;
});
"""

STYLE = """
body { font-family: system-ui, sans-serif; margin: 24px; background: #fafafa; color: #222; }
h1 { margin-bottom: 4px; } h2 { margin: 28px 0 8px; font-size: 20px; }
.asof { font-size: 15px; color: #444; } .asof strong { color: #000; }
.cards { display: grid; grid-template-columns: repeat(5, 1fr);
         gap: 12px; margin-top: 12px; }
.card { background: white; border: 1px solid #ddd; border-radius: 8px; padding: 10px 14px; }
.label { font-size: 13px; color: #555; } .value { font-size: 28px; font-weight: 600; }
.unit { font-size: 15px; font-weight: 400; color: #444; }
.change { font-size: 13px; font-weight: 600; } .change.good { color: #1a7f37; }
.change.bad { color: #b00020; } .change.flat { color: #666; }
.sig { font-size: 12px; margin-top: 2px; } .sig.yes { color: #b00020; font-weight: 600; }
.sig.no { color: #666; } .note { font-size: 12px; color: #777; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.chart { background: white; border: 1px solid #ddd; border-radius: 8px; margin-top: 12px; }
.grid .chart { margin-top: 0; }
.queue { max-height: 460px; overflow: auto; background: white; border: 1px solid #ddd;
         border-radius: 8px; }
.queue table { border-collapse: collapse; width: 100%; font-size: 13px; }
.queue th { position: sticky; top: 0; background: #eef2f7; cursor: pointer; text-align: left;
            padding: 6px 8px; border-bottom: 1px solid #ccc; white-space: nowrap; }
.queue td { padding: 4px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
.queue td[data-col="comment"] { max-width: 320px; }
.legend-note { font-size: 13px; color: #555; }
.caution { font-size: 14px; color: #7a4b00; background: #fff6e0; border-left: 4px solid #e0a800;
           padding: 6px 10px; margin: 8px 0; }
.drivers { background: white; border: 1px solid #ddd; border-radius: 8px; }
.drivers table { border-collapse: collapse; width: 100%; font-size: 14px; }
.drivers th { background: #eef2f7; text-align: left; padding: 6px 8px; font-size: 13px;
              border-bottom: 1px solid #ccc; vertical-align: bottom; font-weight: 600; }
.drivers td { padding: 5px 8px; border-bottom: 1px solid #eee; vertical-align: middle; }
.drivers td.what { width: 200px; font-size: 13px; color: #555; }
.drivers td.words { width: 40%; }
.drivers td.what strong { color: #222; }
.drivers td.rates, .drivers td.count { white-space: nowrap; font-size: 13px; }
.drivers td.diff { white-space: nowrap; }
.drivers .diff-text { font-size: 13px; font-weight: 600; margin-left: 6px; }
.drivers svg { vertical-align: middle; }
.forest-axis text { font-size: 11px; fill: #555; font-weight: 400; }
.drivers tr.muted td, .drivers tr.muted td.what strong { color: #9e9e9e; }
.drivers .flag { display: inline-block; margin-left: 8px; padding: 0 6px; font-size: 12px;
                 color: #666; background: #eeeeee; border-radius: 8px; }
"""


def figures(con, small_cohort=SMALL_COHORT):
    """The charts by name, in page order (name: (section, figure))."""
    ov = _rows(con, "select * from marts.mart_cx_overview order by month")
    as_of = ov[-1]["as_of_date"] if ov else None
    # months before the first NPS response are outside the survey programme
    first = next((r["month"] for r in ov if r["nps_responses"]), None)
    ov = [r for r in ov if first is not None and r["month"] >= first]
    partial = next((r for r in ov if not r["is_complete_month"]), None)
    complete = [r["month"] for r in ov if r["is_complete_month"]]
    last3 = complete[-3:]
    figs = {
        "nps": ("surveys", trend(ov, "nps", "NPS, with 95% interval", "NPS", "nps", partial,
                                 as_of, band=("nps_ci_low", "nps_ci_high"), stars=True,
                                 low_sample="is_nps_low_sample")),
        "csat": ("surveys", trend(ov, "csat_pct", "CSAT: satisfied answers", "CSAT %", "pct",
                                  partial, as_of)),
        "ces": ("surveys", trend(ov, "ces_ease_index", "CES ease index (0 hard, 100 easy)",
                                 "CES ease index", "pct", partial, as_of)),
        "response_rate": ("surveys", trend(ov, "response_rate_pct", "Survey response rate",
                                           "response rate %", "pct", partial, as_of)),
        "tickets": ("support", trend(ov, "tickets_created", "Tickets created",
                                     "tickets", "count", partial, as_of)),
        "fcr": ("support", trend(ov, "fcr_pct", "First-contact resolution (resolved tickets)",
                                 "FCR %", "pct", partial, as_of)),
        "sla": ("support", trend(ov, "first_response_sla_attainment_pct",
                                 "First-response SLA met", "SLA met %", "pct",
                                 partial, as_of)),
        "resolution_sla": ("support", trend(ov, "resolution_sla_attainment_pct",
                                            "Resolution SLA met", "SLA met %",
                                            "pct", partial, as_of)),
        "first_response": ("support", trend(ov, "median_first_response_business_minutes",
                                            "Median first response (0: before business "
                                            "hours began)", "business minutes", "count",
                                            partial, as_of)),
        "full_resolution": ("support", trend(ov, "median_full_resolution_business_minutes",
                                             "Median full resolution", "business minutes",
                                             "count", partial, as_of)),
        "churn": ("customers", trend(ov, "churn_rate_pct", "Monthly churn of active customers",
                                     "churn %", "pct", partial, as_of)),
        "active": ("customers", trend(ov, "customers_at_start",
                                      "Active customers at the start of the month",
                                      "customers", "count", partial, as_of)),
        "touchpoints": ("surveys", touchpoints(con, last3)),
    }
    cohort_fig, small = cohorts(con, small_cohort)
    figs["cohorts"] = ("customers", cohort_fig)
    figs["ltv"] = ("before_churn", ltv(con, as_of, small_cohort))
    figs["themes"] = ("comments", themes(con, last3))
    return figs, small


SECTIONS = [("surveys", "Surveys"), ("support", "Support"), ("customers", "Customers"),
            ("before_churn", "What comes before churn"), ("comments", "Comments")]
WIDE = {"cohorts", "themes", "touchpoints", "ltv"}


def render(db: Path, out: Path, small_cohort: int = SMALL_COHORT) -> Path:
    db = Path(db)
    if not db.exists():
        raise MissingWarehouse(str(db))
    with duckdb.connect(str(db), read_only=True) as con:
        top, prev = headline(con)
        figs, small = figures(con, small_cohort)
        queue, queue_rows = queue_html(con)
        drivers = drivers_html(con)
        partial = con.execute("select max(month) from marts.mart_cx_overview "
                              "where not is_complete_month").fetchone()[0]
    as_of = top["as_of_date"]
    charts, first = {}, True
    for name, (section, fig) in figs.items():
        fig.update_layout(template="plotly_white", font={"size": 12},
                          title={"font": {"size": 15}, "x": 0.01})
        charts.setdefault(section, []).append(
            (name, f'<section class="chart" data-chart="{name}">'
                   + to_html(fig, full_html=False, include_plotlyjs=first,
                             div_id=f"chart-{name}",
                             config={"displaylogo": False, "displayModeBar": False})
                   + "</section>"))
        first = False
    small_text = (f"{len(small)} cohort(s) under {small_cohort} customers are grey: "
                  + ", ".join(f"{c:%Y-%m}" for c in sorted(small)) + "."
                  if small else f"No cohort is under {small_cohort} customers.")
    body = []
    for section, heading in SECTIONS:
        items = charts.get(section, [])
        narrow = [c for n, c in items if n not in WIDE]
        wide = [c for n, c in items if n in WIDE]
        body.append(f'<h2 id="{section}">{heading}</h2>')
        if section == "before_churn":
            body.append(drivers)
        if narrow:
            body.append(f'<div class="grid">{"".join(narrow)}</div>')
        body.extend(wide)
        if section == "customers":
            body.append(f'<p class="legend-note" data-small-cohorts="{len(small)}">'
                        f'{html.escape(small_text)}</p>')
    partial_text = (f'<strong data-partial-month>{month_label(partial)}</strong> is partial '
                    f'(data to {as_of:%d %b}): shaded in the charts, hollow points, never in '
                    'the cards.') if partial else "No partial month."
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CX metrics</title>
<style>{STYLE}</style></head><body>
<h1>CX metrics</h1>
<p class="asof">Data as of <strong data-as-of>{as_of}</strong>. Headline month
<strong data-month="{top['month']}">{month_label(top['month'])}</strong> (latest complete
month), compared with {month_label(prev['month']) if prev else 'nothing'}. {partial_text}</p>
<div class="cards">{cards_html(top, prev)}</div>
<p class="legend-note">Green/red: better/worse than the previous complete month. Only NPS has a
significance test (spec: change larger than its 95% noise band) and is coloured only when its
change is significant; other changes may be noise.</p>
{''.join(body)}
<h2>Follow-up queue</h2>
<p class="legend-note"><span data-queue-rows>{queue_rows}</span> responses to close the loop on
(NPS detractors and dissatisfied CSAT of the 30 days to {as_of}): all of them, scroll the
table; click a header to sort. Scores are shown on their question's scale.</p>
{queue}
<script>{QUEUE_SCRIPT}</script>
</body></html>
"""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_run(args: list[str], timeout=180) -> subprocess.CompletedProcess:
    """Headless Chromium with a throwaway profile and no network chatter."""
    browser = chromium()
    if browser is None:
        raise RuntimeError("Chromium is not installed: `apt-get install chromium` (Debian)")
    with tempfile.TemporaryDirectory(prefix="cx-chromium-") as profile:
        return subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                               "--virtual-time-budget=15000", *args],
                              capture_output=True, text=True, timeout=timeout)


def screenshot(page: Path, png: Path, width: int = 1400) -> Path:
    """The whole page as a PNG: one pass to measure its height, one to shoot."""
    dom = chromium_run([f"--window-size={width},2000", "--dump-dom", page.as_uri()])
    found = re.search(r'data-page-height="(\d+)"', dom.stdout)
    height = int(found.group(1)) + 40 if found else 6000
    png.parent.mkdir(parents=True, exist_ok=True)
    run = chromium_run([f"--window-size={width},{height}", f"--screenshot={png}",
                        page.as_uri()])
    if run.returncode != 0 or not png.exists():
        raise RuntimeError(f"Chromium could not take the screenshot: {run.stderr[-500:]}")
    return png


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("CX_PUBLISH_PATH", str(DEFAULT_DB)))
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    parser.add_argument("--small-cohort", type=int, default=SMALL_COHORT,
                        help="cohorts with fewer customers are greyed (default %(default)s)")
    parser.add_argument("--screenshot", help="also render the page to this PNG (Chromium)")
    args = parser.parse_args(argv)
    try:
        out = render(Path(args.db), Path(args.out), args.small_cohort)
    except MissingWarehouse as missing:
        print(f"cx_tools: no published warehouse at {missing}.\n"
              "  Run `python3 -m cx_tools publish` first (it builds the marts and publishes\n"
              "  them there), or point --db / CX_PUBLISH_PATH at a published file.",
              file=sys.stderr)
        return 2
    print(f"cx_tools: dashboard written to {out}")
    if args.screenshot:
        print(f"cx_tools: screenshot written to {screenshot(out, Path(args.screenshot))}")
    return 0
