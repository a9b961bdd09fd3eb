"""The sweep report: one self-contained HTML page of what decides the answer. The share of
variants that pass each criterion, tornado and spider plots of a one-at-a-time sweep, inputs
against outputs for every method, Sobol indices of a Sobol design, the failed variants with
their errors, and every row (sortable)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from cayo import fmt
from cayo.report.html import CSS, SORT_JS
from cayo.report.htmlparts import _plt, esc, figure, png, table
from cayo.results.folder import atomic_write
from cayo.scenario.io import LoadedScenario
from cayo.sweep.samples import BASE, Samples
from cayo.verdict.criteria import CRITERIA, show

# headline outputs, in order of preference: figure key → (label, unit)
HEADLINES = {
    "npc_total_usd": ("net present cost", "USD"),
    "design_npc_total_usd": ("net present cost with the passing design", "USD"),
    "lcoe_usd_per_kwh_served": ("cost per kWh served", "USD/kWh"),
    "lp_objective_usd_yr": ("annual cost of supply (LP objective)", "USD/yr"),
    "capex_full_town_usd": ("capex of the full town", "USD"),
    "design_extra_usd_yr": ("cost of the passing design", "USD/yr"),
}
MOST_SCATTER = 6  # inputs (columns) in the scatter grid


def outputs(rows: pd.DataFrame) -> list[str]:
    """What the charts show: the headline outputs that move across `rows`, then the margins of
    the criteria that move, those that some variants pass and others fail first."""

    def moves(c: str) -> bool:
        x = rows[c].dropna()
        return len(x) > 0 and float(x.max() - x.min()) > 1e-9 * max(1.0, float(x.abs().max()))

    heads = [k for k in HEADLINES if k in rows and moves(k)]
    margins = [c for c in rows.columns if c.startswith("margin.") and moves(c)]
    flips = [c for c in margins if 0 < (rows[c] >= 0).mean() < 1]
    return heads + flips + [c for c in margins if c not in flips]


def _axis(ax, column: str, axis: str = "x") -> None:  # type: ignore[no-untyped-def]
    """Tick labels for people: thousands separators, money in M USD, shares in %."""
    from matplotlib.ticker import FuncFormatter

    c = next((c for c in CRITERIA if column == f"margin.{c.name}"), None)
    unit = c.unit if c is not None else HEADLINES.get(column, ("", ""))[1]
    if unit == "-":
        f = FuncFormatter(lambda x, _: fmt.share(x))
    elif unit.startswith("USD") and unit != "USD/kWh":
        f = FuncFormatter(lambda x, _: fmt.money(x, ""))
    else:
        f = FuncFormatter(lambda x, _: fmt.number(x))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(f)


def short(path: str) -> str:
    """A field's last two path parts, for chart labels."""
    return ".".join(path.split(".")[-2:])


def label(column: str) -> str:
    """What a column of the run store means, with its unit."""
    if column.startswith("margin."):
        return f"margin of {column[7:]}"
    name, unit = HEADLINES.get(column, (column, ""))
    return f"{name} [{unit}]" if unit else name


def pass_shares(rows: pd.DataFrame) -> pd.DataFrame:
    """Per criterion: variants judged, the share that pass, the margin's range."""
    ok = rows[rows["status"] == "ok"]
    out = {}
    for c in [c for c in rows.columns if c.startswith("pass.")]:
        judged = ok[c].dropna().astype(bool)
        m = ok[f"margin.{c[5:]}"]
        out[c[5:]] = {
            "judged": len(judged),
            "pass_share": judged.mean() if len(judged) else np.nan,
            "margin_min": m.min(),
            "margin_max": m.max(),
        }
    return pd.DataFrame.from_dict(out, orient="index")


def tornado(rows: pd.DataFrame, samples: Samples, output: str) -> pd.DataFrame:
    """Per varied field of a one-at-a-time sweep: the output at its low and high end and the
    swing (high − low), largest swing first; `base` the output of the scenario's own values."""
    by = rows.set_index("variant")
    base = by.loc[[v for v, f in samples.varied.items() if f == BASE], output]
    out = {}
    for v in samples.varies:
        ids = [i for i, f in samples.varied.items() if f == v.path and i in by.index]
        if not ids:
            continue
        sub = by.loc[ids].sort_values(v.path)
        lo, hi = sub[output].iloc[0], sub[output].iloc[-1]
        out[v.path] = {
            "low": lo,
            "high": hi,
            "swing": hi - lo,
            "base": float(base.iloc[0]) if len(base) else np.nan,
        }
    t = pd.DataFrame.from_dict(out, orient="index")
    return t.reindex(t["swing"].abs().sort_values(ascending=False).index) if len(t) else t


def sobol_indices(rows: pd.DataFrame, samples: Samples, output: str) -> pd.DataFrame | None:
    """First-order and total Sobol indices of `output` (SALib), with their 95 % intervals;
    None when a variant failed or the output is missing (the estimator needs every one)."""
    from SALib.analyze import sobol

    y = rows.set_index("variant").reindex(samples.table.index)[output].to_numpy(float)
    if not np.isfinite(y).all() or np.ptp(y) == 0:
        return None
    res = sobol.analyze(samples.problem(), y, calc_second_order=False, seed=samples.seed)
    return pd.DataFrame(
        {"S1": res["S1"], "S1_conf": res["S1_conf"], "ST": res["ST"], "ST_conf": res["ST_conf"]},
        index=[v.path for v in samples.varies],
    )


def _num(x: float, unit: str = "") -> str:
    if x is None or not np.isfinite(x):
        return "–"
    if unit == "USD" or unit == "USD/yr":
        return fmt.money(x, unit)
    return fmt.number(x) + (f" {unit}" if unit else "")


def _tornado_fig(rows: pd.DataFrame, samples: Samples, outs: list[str]) -> str:
    plt = _plt()
    outs = outs[:6]
    fig, axes = plt.subplots(
        len(outs), 1, figsize=(9, 1.2 + 0.55 * len(samples.varies) * len(outs)), squeeze=False
    )
    for ax, out in zip(axes[:, 0], outs, strict=True):
        t = tornado(rows, samples, out)
        if t.empty:
            continue
        y = np.arange(len(t))[::-1]
        base = float(t["base"].iloc[0])
        ax.barh(y, t["low"] - base, left=base, color="#457b9d", label="at LOW")
        ax.barh(y, t["high"] - base, left=base, color="#e76f51", label="at HIGH")
        ax.axvline(base, color="k", lw=0.8)
        ax.set_yticks(y, [short(p) for p in t.index], fontsize=7)
        ax.set_title(label(out), fontsize=9)
        _axis(ax, out)
    axes[0, 0].legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    return figure(
        png(fig),
        "Tornado: each field alone at the low and high end of its range, the "
        "others at the scenario's values (vertical line); largest swing on top.",
    )


def _spider_fig(rows: pd.DataFrame, samples: Samples, outs: list[str]) -> str:
    plt = _plt()
    outs = outs[:4]
    fig, axes = plt.subplots(1, len(outs), figsize=(4 * len(outs), 3.4), squeeze=False)
    by = rows.set_index("variant")
    base_ids = [i for i, f in samples.varied.items() if f == BASE and i in by.index]
    for ax, out in zip(axes[0], outs, strict=True):
        for v in samples.varies:
            ids = base_ids + [i for i, f in samples.varied.items() if f == v.path and i in by.index]
            sub = by.loc[ids].sort_values(v.path)
            x = (sub[v.path] - v.low) / (v.high - v.low)
            ax.plot(x, sub[out], marker="o", ms=3, label=short(v.path))
        ax.set_xlabel("position in the range (0 = LOW, 1 = HIGH)", fontsize=8)
        ax.set_title(label(out), fontsize=9)
        _axis(ax, out, "y")
    axes[0, 0].legend(fontsize=6)
    fig.tight_layout()
    return figure(
        png(fig),
        "Spider: each output as one field moves across its range, the others "
        "at the scenario's values.",
    )


def _scatter_fig(rows: pd.DataFrame, samples: Samples, outs: list[str]) -> str:
    plt = _plt()
    ok = rows[rows["status"] == "ok"]
    ins = [v.path for v in samples.varies][:MOST_SCATTER]
    outs = outs[:4]
    fig, axes = plt.subplots(
        len(outs), len(ins), figsize=(2.6 * len(ins) + 1, 2.2 * len(outs)), squeeze=False
    )
    for i, out in enumerate(outs):
        for j, path in enumerate(ins):
            ax = axes[i, j]
            ax.scatter(ok[path], ok[out], s=8, alpha=0.7)
            if out.startswith("margin."):
                ax.axhline(0, color="#c92a2a", lw=0.8)
            if i == len(outs) - 1:
                ax.set_xlabel(short(path), fontsize=7)
            if j == 0:
                ax.set_ylabel(label(out), fontsize=7)
            _axis(ax, out, "y")
            ax.tick_params(labelsize=6)
    fig.tight_layout()
    return figure(
        png(fig),
        "Inputs against outputs, one dot per variant that ran; a margin "
        "below the red line fails its criterion.",
    )


SHARE_HEAD = ["criterion", "variants judged", "share that pass", "margin min", "margin max"]


def margin_text(criterion: str, margin: float) -> str:
    """A criterion's margin in its unit (positive: it passes by that much)."""
    c = next((c for c in CRITERIA if c.name == criterion), None)
    if c is None or margin is None or not np.isfinite(margin):
        return _num(margin)
    if c.kind == "tier":
        return f"{margin:+.0f} tier"
    return show(margin, c.unit)


def share_cells(rows: pd.DataFrame) -> list[list[str]]:
    """The cells of the pass-share table (plain text), shared by the report and the terminal."""
    return [
        [
            name,
            fmt.whole(r["judged"]),
            fmt.share(r["pass_share"]),
            margin_text(name, r["margin_min"]),
            margin_text(name, r["margin_max"]),
        ]
        for name, r in pass_shares(rows).iterrows()
    ]


def _shares_html(rows: pd.DataFrame) -> str:
    cells = share_cells(rows)
    if not cells:
        return "<p>No criterion was judged.</p>"
    out = table(SHARE_HEAD, [[esc(c) for c in r] for r in cells], right={1, 2, 3, 4})
    if "verdict" in rows:
        counts = rows["verdict"].value_counts()
        out += "<p>Verdicts: " + ", ".join(f"{esc(k)} {v:,}" for k, v in counts.items()) + "</p>"
    return out


def _sobol_html(rows: pd.DataFrame, samples: Samples, outs: list[str]) -> str:
    parts = []
    for out in outs[:4]:
        t = sobol_indices(rows, samples, out)
        if t is None:
            parts.append(
                f"<p>{esc(label(out))}: no indices (a variant failed or the output "
                "does not move).</p>"
            )
            continue
        body = [
            [esc(p), f"{r.S1:.3f} ± {r.S1_conf:.3f}", f"{r.ST:.3f} ± {r.ST_conf:.3f}"]
            for p, r in t.iterrows()
        ]
        parts.append(
            f"<h3>{esc(label(out))}</h3>"
            + table(["field", "first-order S1", "total ST"], body, right={1, 2})
        )
    return "".join(parts)


def _rows_html(rows: pd.DataFrame, samples: Samples, outs: list[str]) -> str:
    cols = ["variant", *[v.path for v in samples.varies], "status", *outs[:4], "seconds"]
    cols = [c for c in cols if c in rows]
    body = [
        [esc(r[c]) if isinstance(r[c], str) else _num(r[c]) for c in cols]
        for _, r in rows.head(500).iterrows()
    ]
    more = f"<p>First 500 of {len(rows):,} rows.</p>" if len(rows) > 500 else ""
    return table([esc(c) for c in cols], body, sortable=True) + more


def render(rows: pd.DataFrame, samples: Samples, stage: str, loaded: LoadedScenario) -> str:
    """The report page."""
    ok = rows[rows["status"] == "ok"] if "status" in rows else rows.iloc[0:0]
    failed = rows[rows["status"] != "ok"] if "status" in rows else rows.iloc[0:0]
    outs = outputs(ok) if len(ok) else []
    ranges = [
        [
            esc(v.path),
            fmt.number(v.low),
            fmt.number(v.high),
            fmt.number(samples.base[v.path]),
            fmt.whole(v.points),
        ]
        for v in samples.varies
    ]
    body = [
        f"<h1>Sweep of {esc(loaded.scenario.name)}</h1>",
        f"<p>{esc(samples.method)} over {len(samples.varies)} field(s), {len(rows):,} variants "
        f"run to the <b>{esc(stage)}</b> stage: {len(ok):,} ran, {len(failed):,} failed.</p>",
        table(["field", "low", "high", "scenario's value", "points"], ranges, right={1, 2, 3, 4}),
        "<h2>Which criteria hold</h2>",
        _shares_html(rows),
    ]
    if outs and samples.method == "tornado":
        body += [
            "<h2>Tornado</h2>",
            _tornado_fig(ok, samples, outs),
            "<h2>Spider</h2>",
            _spider_fig(ok, samples, outs),
        ]
    if outs and len(ok) > 1:
        body += ["<h2>Inputs against outputs</h2>", _scatter_fig(ok, samples, outs)]
    if outs and samples.method == "sobol":
        body += ["<h2>Global sensitivity (Sobol indices)</h2>", _sobol_html(rows, samples, outs)]
    if len(failed):
        body += [
            "<h2>Failed variants</h2>",
            table(
                ["variant", "error"],
                [[esc(r["variant"]), esc(r["error"])] for _, r in failed.iterrows()],
            ),
        ]
    body += [
        "<h2>Every variant</h2>",
        _rows_html(rows, samples, outs),
        "<p>Query the whole table: <code>duckdb -c \"SELECT * FROM 'runs.parquet'\"</code> "
        "or <code>pandas.read_parquet('runs.parquet')</code>.</p>",
    ]
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Sweep — cayo"
        f"</title><style>{CSS}</style></head><body>{''.join(body)}<script>{SORT_JS}</script>"
        "</body></html>"
    )


def write_report(
    path: Path, rows: pd.DataFrame, samples: Samples, stage: str, loaded: LoadedScenario
) -> Path:
    """Write the report atomically."""
    page = render(rows, samples, stage, loaded)
    return atomic_write(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
