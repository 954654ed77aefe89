"""A self-contained HTML dashboard of the published marts (opens offline).

    python3 -m cx_tools dashboard [--db published/cx_metrics.duckdb] [--out published/cx_dashboard.html]

Reads only the marts (read-only connection), draws every chart with Plotly
and inlines plotly.js once, so the file opens without any network. Nothing
but mart columns reaches the page: no e-mail address exists in the marts,
and comments are already masked.
"""

from __future__ import annotations

import argparse
import html
import os
from pathlib import Path

import duckdb
import plotly.graph_objects as go
from plotly.io import to_html
from plotly.subplots import make_subplots

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "published" / "cx_metrics.duckdb"
DEFAULT_OUT = ROOT / "published" / "cx_dashboard.html"


def _rows(con, sql):
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def headline_month(con):
    """The latest month with NPS responses: the month the headline shows."""
    return con.execute("select max(month) from marts.mart_cx_overview "
                       "where nps_responses > 0").fetchone()[0]


def headline(con):
    month = headline_month(con)
    return _rows(con, f"select * from marts.mart_cx_overview where month = date '{month}'")[0]


def fmt(value, digits=1, suffix=""):
    return "n/a" if value is None else f"{value:.{digits}f}{suffix}"


def figures(con):
    ov = _rows(con, "select * from marts.mart_cx_overview where nps_responses > 0 "
                    "order by month")
    months = [r["month"] for r in ov]
    figs = {}

    f = go.Figure()
    f.add_trace(go.Scatter(x=months + months[::-1],
                           y=[r["nps_ci_high"] for r in ov] + [r["nps_ci_low"] for r in ov][::-1],
                           fill="toself", fillcolor="rgba(31,119,180,0.15)",
                           line={"color": "rgba(0,0,0,0)"}, name="95% interval",
                           hoverinfo="skip"))
    f.add_trace(go.Scatter(x=months, y=[r["nps"] for r in ov], mode="lines+markers",
                           name="NPS", line={"color": "#1f77b4"}))
    sig = [r for r in ov if r["is_nps_change_significant"]]
    f.add_trace(go.Scatter(x=[r["month"] for r in sig], y=[r["nps"] for r in sig],
                           mode="markers", name="significant change",
                           marker={"size": 14, "symbol": "star", "color": "#d62728"}))
    f.update_layout(title="NPS by month, with 95% interval (stars: significant changes)",
                    yaxis={"range": [-100, 100]})
    figs["nps"] = f

    f = make_subplots(specs=[[{"secondary_y": True}]])
    f.add_trace(go.Scatter(x=months, y=[r["csat_pct"] for r in ov], name="CSAT %",
                           mode="lines+markers"))
    f.add_trace(go.Scatter(x=months, y=[r["ces_ease_index"] for r in ov],
                           name="CES ease index", mode="lines+markers"), secondary_y=True)
    f.update_layout(title="CSAT % and CES ease index")
    figs["csat_ces"] = f

    tp = _rows(con, "select touchpoint, sum(sum_normalized_score) / nullif(sum(responses), 0) "
                    "as score, sum(responses) as responses from marts.mart_touchpoint_scorecard "
                    "where month >= (select max(month) from marts.mart_touchpoint_scorecard) "
                    "- interval 3 month group by 1 order by 2")
    f = go.Figure(go.Bar(x=[r["score"] for r in tp], y=[r["touchpoint"] for r in tp],
                         orientation="h",
                         marker={"color": ["#d62728" if (r["score"] or 0) < 50 else "#2ca02c"
                                           for r in tp]},
                         text=[f"n={r['responses']}" for r in tp]))
    f.update_layout(title="Touchpoint scorecard, last 3 months (red: needs attention)",
                    xaxis={"range": [0, 100], "title": "mean normalised score"})
    figs["touchpoints"] = f

    f = make_subplots(specs=[[{"secondary_y": True}]])
    f.add_trace(go.Bar(x=months, y=[r["median_first_response_business_minutes"] for r in ov],
                       name="median first response (business min)"))
    f.add_trace(go.Bar(x=months, y=[r["median_full_resolution_business_minutes"] for r in ov],
                       name="median full resolution (business min)"))
    f.add_trace(go.Scatter(x=months, y=[r["first_response_sla_attainment_pct"] for r in ov],
                           name="first-response SLA attainment %", mode="lines+markers"),
                secondary_y=True)
    f.update_layout(title="Support times and SLA attainment")
    figs["support"] = f

    co = _rows(con, "select cohort_month, months_since_signup, retention_rate_pct "
                    "from marts.mart_churn_cohorts where cohort_size > 0 order by 1, 2")
    cohorts = sorted({r["cohort_month"] for r in co})
    ks = sorted({r["months_since_signup"] for r in co})
    grid = {(r["cohort_month"], r["months_since_signup"]): r["retention_rate_pct"] for r in co}
    f = go.Figure(go.Heatmap(z=[[grid.get((c, k)) for k in ks] for c in cohorts], x=ks,
                             y=[str(c) for c in cohorts], colorscale="Blues", zmin=0, zmax=100,
                             colorbar={"title": "retention %"}))
    f.update_layout(title="Retention by signup cohort (90-day inactivity rule)",
                    xaxis={"title": "months since signup"}, height=600)
    figs["cohorts"] = f

    th = _rows(con, "select theme, sentiment_group, sum(mentions) as mentions "
                    "from marts.mart_comment_themes where month >= (select max(month) "
                    "from marts.mart_comment_themes) - interval 3 month group by 1, 2 "
                    "having sum(mentions) > 0 order by 1, 2")
    f = go.Figure()
    for group in sorted({r["sentiment_group"] for r in th}):
        rows = [r for r in th if r["sentiment_group"] == group]
        f.add_trace(go.Bar(x=[r["theme"] for r in rows], y=[r["mentions"] for r in rows],
                           name=group))
    f.update_layout(title="Comment themes, last 3 months, by sentiment", barmode="stack")
    figs["themes"] = f

    fq = _rows(con, "select priority_rank, metric, score, touchpoint, themes, open_tickets, "
                    "customer_key, comment, responded_at from marts.mart_followup_queue "
                    "order by priority_rank limit 25")
    cols = ["priority_rank", "metric", "score", "touchpoint", "themes", "open_tickets",
            "customer_key", "comment", "responded_at"]
    f = go.Figure(go.Table(header={"values": cols},
                           cells={"values": [[("" if r[c] is None else str(r[c])) for r in fq]
                                             for c in cols]}))
    f.update_layout(title="Follow-up queue: detractors and unhappy CSAT, last 30 days",
                    height=700)
    figs["followup"] = f
    return figs


def render(db: Path, out: Path) -> Path:
    with duckdb.connect(str(db), read_only=True) as con:
        top = headline(con)
        figs = figures(con)
    cards = [("nps", "NPS", fmt(top["nps"]),
              f"± {fmt(top['nps_moe_95'])} ({top['nps_responses']} responses)"),
             ("csat", "CSAT", fmt(top["csat_pct"], suffix=" %"), ""),
             ("ces", "CES ease", fmt(top["ces_ease_index"]), "0-100"),
             ("fcr", "FCR", fmt(top["fcr_pct"], suffix=" %"), ""),
             ("sla", "First-response SLA", fmt(top["first_response_sla_attainment_pct"],
                                               suffix=" %"), ""),
             ("churn", "Monthly churn", fmt(top["churn_rate_pct"], suffix=" %"), "")]
    card_html = "".join(
        f'<div class="card"><div class="label">{html.escape(label)}</div>'
        f'<div class="value" data-metric="{key}">{html.escape(value)}</div>'
        f'<div class="note">{html.escape(note)}</div></div>'
        for key, label, value, note in cards)
    charts, first = [], True
    for name, fig in figs.items():
        fig.update_layout(template="plotly_white", margin={"t": 60})
        charts.append(f'<section class="chart" data-chart="{name}">'
                      + to_html(fig, full_html=False, include_plotlyjs=first,
                                div_id=f"chart-{name}", config={"displaylogo": False})
                      + "</section>")
        first = False
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CX metrics</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 24px; background: #fafafa; color: #222; }}
.cards {{ display: flex; gap: 12px; flex-wrap: wrap; }}
.card {{ background: white; border: 1px solid #ddd; border-radius: 8px; padding: 12px 16px;
         min-width: 150px; }}
.label {{ font-size: 13px; color: #666; }} .value {{ font-size: 28px; font-weight: 600; }}
.note {{ font-size: 12px; color: #888; }}
.chart {{ background: white; border: 1px solid #ddd; border-radius: 8px; margin-top: 16px; }}
</style></head><body>
<h1>CX metrics</h1>
<p>Headline month <strong data-month>{top['month']}</strong> (latest month with NPS
responses). Built from the published marts; every figure is in the marts.</p>
<div class="cards">{card_html}</div>
{''.join(charts)}
</body></html>
"""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("CX_PUBLISH_PATH", str(DEFAULT_DB)))
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    args = parser.parse_args(argv)
    out = render(Path(args.db), Path(args.out))
    print(f"cx_tools: dashboard written to {out}")
    return 0
