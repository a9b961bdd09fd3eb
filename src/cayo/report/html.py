"""One self-contained HTML report of a results folder, rendered from the saved files only.

Styles, the table-sorting script and every figure (PNG, base64) are inlined: the file opens
offline and prints. Every number shown is a ``<span class="n">`` carrying where it comes from
(``data-src``), the saved value (``data-value``) and how it is shown (``data-scale``,
``data-fmt``), so a test can check each one against the saved results. Sections whose results
are absent (no stress test, no phasing) are left out, never faked.
"""

from __future__ import annotations

import base64
import html
import io
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cayo.demand.town import CARRIERS

REPORT = "report.html"

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1100px;
padding:1.5rem;color:#1d2430;line-height:1.45}
h1{margin:.2rem 0}h2{border-bottom:2px solid #1d3557;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.9rem}
th,td{padding:.25rem .6rem;border-bottom:1px solid #dde;text-align:left;vertical-align:top}
td.r,th.r{text-align:right}th{background:#f1f3f7}th.sort{cursor:pointer}
th.sort:after{content:" \\2195";color:#8d99ae}
.verdict{font-size:1.6rem;font-weight:700;padding:.4rem .8rem;border-radius:.3rem;
display:inline-block}
.go{background:#d8f3dc}.cond{background:#fff3bf}.nogo{background:#ffd6d6}
.pass{color:#2b8a3e;font-weight:600}.fail{color:#c92a2a;font-weight:600}
.cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{border:1px solid #dde;border-radius:.4rem;
padding:.5rem .8rem;min-width:11rem}.card b{display:block;font-size:1.3rem}
img{max-width:100%;height:auto;border:1px solid #eee}figure{margin:.8rem 0}
figcaption{font-size:.85rem;color:#555}small,.dim{color:#666}
@media print{h2{page-break-before:auto}figure,table{page-break-inside:avoid}body{max-width:none}}
"""

SORT_JS = """
document.querySelectorAll('table.sortable').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){
    th.classList.add('sort');
    th.addEventListener('click',function(){
      var body=t.tBodies[0],rows=Array.from(body.rows),asc=th.dataset.asc!=='1';
      function key(r){var c=r.cells[i],n=c.querySelector('.n');
        return n?parseFloat(n.dataset.value):c.textContent.trim();}
      rows.sort(function(a,b){var x=key(a),y=key(b);
        if(typeof x==='number'&&typeof y==='number'&&!isNaN(x)&&!isNaN(y))return asc?x-y:y-x;
        return asc?String(x).localeCompare(String(y)):String(y).localeCompare(String(x));});
      rows.forEach(function(r){body.appendChild(r);});th.dataset.asc=asc?'1':'0';});
  });
});
"""


def fmt_value(value: float, scale: float, fmt: str) -> str:
    """How a number is shown: `value` × `scale` formatted with `fmt`; '—' when not finite.

    >>> fmt_value(103583616.9, 1e-6, ",.1f"), fmt_value(float("nan"), 1.0, ".2f")
    ('103.6', '—')
    """
    x = float(value) * scale
    return format(x, fmt) if np.isfinite(x) else "—"


def num(value: float, src: str, fmt: str = ",.0f", scale: float = 1.0) -> str:
    """A number with its provenance (see the module docstring)."""
    v = float(value)
    return (
        f'<span class="n" data-src="{html.escape(src)}" data-value="{v!r}" '
        f'data-scale="{scale!r}" data-fmt="{html.escape(fmt)}">{fmt_value(v, scale, fmt)}</span>'
    )


def esc(text: Any) -> str:
    """Text made safe for HTML."""
    return html.escape(str(text))


def table(
    head: list[str],
    rows: list[list[str]],
    sortable: bool = False,
    right: frozenset[int] | set[int] = frozenset(),
) -> str:
    """An HTML table of already-rendered cells; columns in `right` are right-aligned."""
    cls = ' class="sortable"' if sortable else ""
    th = "".join(
        f'<th class="r">{h}</th>' if i in right else f"<th>{h}</th>" for i, h in enumerate(head)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="r">{c}</td>' if i in right else f"<td>{c}</td>" for i, c in enumerate(r)
        )
        + "</tr>"
        for r in rows
    )
    return f"<table{cls}><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def png(fig) -> str:  # type: ignore[no-untyped-def]
    """A matplotlib figure as an inline <img>."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    return _img(buf.getvalue())


def _img(data: bytes, alt: str = "figure") -> str:
    return f'<img alt="{esc(alt)}" src="data:image/png;base64,{base64.b64encode(data).decode()}">'


def figure(img: str, caption: str) -> str:
    return f"<figure>{img}<figcaption>{caption}</figcaption></figure>"


class Saved:
    """The files of a results folder, read once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        doc = json.loads((folder / "summary.json").read_text())
        self.f: dict[str, Any] = doc["figures"]
        self.meta: dict[str, Any] = doc["metadata"]

    def has(self, name: str) -> bool:
        return (self.folder / name).is_file()

    def csv(self, name: str, index_col: int | str | None = 0) -> pd.DataFrame:
        return pd.read_csv(self.folder / name, index_col=index_col)

    def json(self, name: str) -> Any:
        return json.loads((self.folder / name).read_text())

    def image(self, name: str) -> str:
        return _img((self.folder / name).read_bytes(), name)

    def fig(self, key: str, fmt: str = ",.0f", scale: float = 1.0) -> str:
        return num(self.f[key], f"summary:{key}", fmt, scale)


def _plt():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


# ---------------------------------------------------------------- sections


def top(s: Saved) -> str:
    name = esc(s.meta.get("scenario_name", "scenario"))
    out = [f"<h1>{name}</h1><p class='dim'>cayo report — {esc(s.meta.get('created_utc', ''))}</p>"]
    if s.has("verdict.json"):
        v = s.json("verdict.json")
        cls = {"go": "go", "go with conditions": "cond", "no-go": "nogo"}[v["outcome"]]
        out.append(f"<div class='verdict {cls}'>Verdict: {esc(v['outcome'].upper())}</div>")
        out.append("<ul>" + "".join(f"<li>{esc(r)}</li>" for r in v["reasons"]) + "</ul>")
    cards = [
        ("residents", num(s.meta["residents"], "meta:residents"), "persons"),
        ("system cost", s.fig("system_cost_usd_yr", ",.2f", 1e-6), "million USD/yr"),
        ("LCOE", s.fig("lcoe_usd_per_kwh_served", ".3f"), "USD/kWh served"),
        ("renewable share", s.fig("renewable_share", ".1%"), "of electricity"),
    ]
    if "npc_total_usd" in s.f:
        cards.append(("net present cost", s.fig("npc_total_usd", ",.1f", 1e-6), "million USD"))
    if "stress_unserved_kwh_p90" in s.f:
        cards.append(
            ("unserved, P90 year", s.fig("stress_unserved_kwh_p90", ",.0f", 1e-3), "MWh/yr")
        )
    out.append(
        "<div class='cards'>"
        + "".join(
            f"<div class='card'>{label}<b>{v}</b><small>{u}</small></div>" for label, v, u in cards
        )
        + "</div>"
    )
    return "\n".join(out)


def verdict_section(s: Saved) -> str:
    if not s.has("verdict.json"):
        return ""
    v = s.json("verdict.json")
    from cayo.verdict.criteria import tier_name

    rows = []
    for i, r in enumerate(v["scorecard"]):
        src = f"verdict:scorecard.{i}"
        if r["kind"] == "tier":
            val, thr = esc(tier_name(r["value"])), esc(tier_name(r["threshold"]))
        else:
            val, thr = (
                num(r["value"], src + ".value", ",.4g"),
                num(r["threshold"], src + ".threshold", ",.4g"),
            )
        ok = "<span class='pass'>PASS</span>" if r["passed"] else "<span class='fail'>FAIL</span>"
        rows.append([esc(r["criterion"]), val, thr, esc(r["unit"]), ok])
    out = [
        "<h2>Verdict</h2>",
        table(["criterion", "value", "threshold", "unit", ""], rows, right={1, 2}),
    ]
    ch = []
    for name, c in v["changes"].items():
        if c is None:
            ch.append([esc(name), "none among the levers tried", "", ""])
            continue
        state = (
            "simulated"
            if c["confirmed"] is None
            else ("confirmed by re-planning" if c["confirmed"] else "not confirmed")
        )
        sizes = ", ".join(
            f"{esc(k)} → {num(x, f'verdict:changes.{name}.sizes.{k}', ',.0f')}"
            for k, x in c["sizes"].items()
        )
        ch.append(
            [
                esc(name),
                f"{esc(c['lever'])}: {sizes}",
                num(c["cost_usd_yr"], f"verdict:changes.{name}.cost_usd_yr", ",.0f"),
                state,
            ]
        )
    if ch:
        out += [
            "<h3>Cheapest change for each failed criterion</h3>",
            table(["criterion", "change", "USD/yr", "status"], ch, right={2}),
        ]
    if v.get("risks"):
        rows = [
            [
                esc(r["failure class"]),
                num(r["unserved_kwh_yr"], f"verdict:risks.{i}.unserved_kwh_yr", ",.1f", 1e-3),
                num(r["unserved_water_m3_yr"], f"verdict:risks.{i}.unserved_water_m3_yr", ",.0f"),
                num(r["cost_usd_yr"], f"verdict:risks.{i}.cost_usd_yr", ",.0f", 1e-3),
            ]
            for i, r in enumerate(v["risks"])
        ]
        out += [
            "<h3>Top risks</h3><p class='dim'>What each failure class adds a year: the stress "
            "test run again with that class switched off, same seed and years.</p>",
            table(
                ["failure class", "unserved MWh/yr", "unserved m³/yr", "cost kUSD/yr"],
                rows,
                right={1, 2, 3},
            ),
        ]
    rows = [
        [
            esc(r["town"]),
            num(r["years_after_opening"], f"verdict:reference_class.{i}.years_after_opening"),
            num(r["reference_share"], f"verdict:reference_class.{i}.reference_share", ".1%"),
            num(r["scenario_share"], f"verdict:reference_class.{i}.scenario_share", ".1%"),
            f"<small>{esc(r['source'])}</small>",
        ]
        for i, r in enumerate(v["reference_class"])
    ]
    out += [
        "<h3>Reference class: planned technology towns</h3>",
        table(
            ["town", "years after opening", "share of plan reached", "this scenario", "source"],
            rows,
            right={1, 2, 3},
        ),
    ]
    return "\n".join(out)


def town_section(s: Saved) -> str:
    fac = s.csv("facilities.csv")
    rows = [
        [
            esc(name),
            num(r["capacity"], f"csv:facilities.csv:{name}:capacity", ",.0f"),
            esc(r["capacity_unit"]),
            num(r["count"], f"csv:facilities.csv:{name}:count", ",.0f"),
            num(r["floor_area_m2"], f"csv:facilities.csv:{name}:floor_area_m2", ",.0f"),
            num(r["land_m2"], f"csv:facilities.csv:{name}:land_m2", ",.0f", 1e-4),
            num(r["staff"], f"csv:facilities.csv:{name}:staff", ",.0f"),
        ]
        for name, r in fac.iterrows()
    ]
    return "\n".join(
        [
            "<h2>The town</h2>",
            f"<p>{num(s.meta['residents'], 'meta:residents')} residents; land "
            f"{s.fig('land_total_ha', ',.1f')} ha in all (town "
            f"{s.fig('land_town_ha', ',.1f')} ha, PV {s.fig('pv_land_ha', ',.1f')} ha, "
            f"landfill {s.fig('landfill_area_ha', ',.1f')} ha).</p>",
            table(
                ["facility", "capacity", "unit", "buildings", "floor m²", "land ha", "staff"],
                rows,
                sortable=True,
                right={1, 3, 4, 5, 6},
            ),
        ]
    )


def demand_section(s: Saved) -> str:
    plt = _plt()
    summ = s.csv("demand_summary.csv", index_col="carrier")
    rows = [
        [
            esc(c),
            num(r["annual"], f"csv:demand_summary.csv:{c}:annual", ",.0f"),
            esc(r["annual_unit"]),
            num(r["peak"], f"csv:demand_summary.csv:{c}:peak", ",.1f"),
            esc(r["unit"]),
            esc(r["peak_time"]),
        ]
        for c, r in summ.iterrows()
    ]
    hourly = pd.read_parquet(s.folder / "hourly.parquet", columns=["load_kw"])
    load = hourly["load_kw"].to_numpy()
    days = len(load) // 24
    fig, ax = plt.subplots(figsize=(10, 3.2), layout="constrained")
    im = ax.imshow(
        load[: days * 24].reshape(days, 24).T / 1000,
        aspect="auto",
        origin="lower",
        cmap="magma",
        extent=(0, days, 0, 24),
    )
    ax.set_xlabel("day of the year")
    ax.set_ylabel("hour of the day [h]")
    ax.set_title("Electricity load, day by hour [MW]")
    fig.colorbar(im, ax=ax, label="MW")
    heat = png(fig)
    wide = pd.read_parquet(s.folder / "demand_hourly.parquet")
    month = wide.index.month
    carriers = [c for c in CARRIERS if any(col.startswith(f"{c}_") for col in wide.columns)]
    fig, ax = plt.subplots(figsize=(9, 3.0), layout="constrained")
    for c in carriers:
        cols = [col for col in wide.columns if col.startswith(f"{c}_")]
        monthly = wide[cols].sum(axis=1).groupby(month).sum()
        if monthly.sum() > 0:
            ax.plot(monthly.index, 100 * monthly / monthly.sum(), marker="o", label=c)
    ax.set_xticks(range(1, 13))
    ax.set_xlabel("month")
    ax.set_ylabel("share of the year [%]")
    ax.set_title("Monthly totals per utility (annual totals in the table above)")
    ax.legend(fontsize=7, ncol=4)
    months = png(fig)
    return "\n".join(
        [
            "<h2>Demand</h2>",
            table(["utility", "annual", "unit", "peak", "unit", "peak hour"], rows, right={1, 3}),
            figure(heat, "Hourly electricity load of the whole town over the reference year."),
            figure(months, "Monthly totals per utility."),
        ]
    )


CAPS = (
    ("pv_kw", "PV", "kWp"),
    ("battery_kw", "battery power", "kW"),
    ("battery_kwh", "battery energy", "kWh"),
    ("genset_kw", "gensets", "kW"),
    ("wells_m3_h", "wells", "m³/h"),
    ("ro_m3_h", "desalination", "m³/h"),
    ("water_tank_m3", "water tank", "m³"),
    ("diesel_tank_l", "diesel tank", "L"),
    ("lpg_tank_kg", "LPG tank", "kg"),
)


def plan_section(s: Saved) -> str:
    rows = [[label, s.fig(key, ",.0f"), unit] for key, label, unit in CAPS]
    mix = [
        ["PV used", s.fig("pv_used_kwh_yr", ",.0f", 1e-3), "MWh/yr"],
        ["gensets", s.fig("genset_kwh_yr", ",.0f", 1e-3), "MWh/yr"],
        ["island grid", s.fig("grid_import_kwh_yr", ",.0f", 1e-3), "MWh/yr"],
        ["battery out", s.fig("battery_discharge_kwh_yr", ",.0f", 1e-3), "MWh/yr"],
        ["PV curtailed", s.fig("pv_curtailed_kwh_yr", ",.0f", 1e-3), "MWh/yr"],
        ["unserved", s.fig("unserved_kwh_yr", ",.1f", 1e-3), "MWh/yr"],
        ["water supplied", s.fig("water_supplied_m3_yr", ",.0f"), "m³/yr"],
        ["water from wells", s.fig("water_from_wells_share", ".1%"), "of water"],
        ["diesel ships", s.fig("diesel_ships_yr", ",.0f"), "a year"],
        ["diesel imported", s.fig("diesel_imported_m3_yr", ",.0f"), "m³/yr"],
        ["LPG ships", s.fig("lpg_ships_yr", ",.0f"), "a year"],
    ]
    out = [
        "<h2>The supply plan</h2>",
        "<div class='cards'>"
        + table(["capacity", "built", "unit"], rows, right={1})
        + table(["energy and water", "", "unit"], mix, right={1})
        + "</div>",
        figure(s.image("dispatch_weeks.png"), "Hourly dispatch in the hardest and a typical week."),
    ]
    if s.has("supply_year.png"):
        out.append(
            figure(
                s.image("supply_year.png"),
                "Water by source, tank level, diesel and LPG stocks (fuel ships).",
            )
        )
    return "\n".join(out)


def stress_section(s: Saved) -> str:
    if not s.has("stress_summary.csv"):
        return ""
    summ = s.csv("stress_summary.csv", index_col="metric")
    meta = s.json("stress.json")["metadata"] if s.has("stress.json") else s.meta.get("stress", {})
    names = [
        ("unserved_kwh", "unserved electricity", 1e-3, ",.1f", "MWh/yr"),
        ("loss_of_load_h", "loss of load", 1.0, ",.0f", "h/yr"),
        ("unserved_critical_kwh", "unserved critical", 1e-3, ",.2f", "MWh/yr"),
        ("unserved_water_m3", "unserved water", 1.0, ",.0f", "m³/yr"),
        ("water_rationing_days", "water rationing", 1.0, ",.1f", "days/yr"),
        ("unserved_lpg_kg", "unserved cooking gas", 1e-3, ",.1f", "t/yr"),
        ("data_centre_availability_pct", "data-centre availability", 1.0, ",.4f", "%"),
        ("data_service_availability_pct", "data links availability", 1.0, ",.3f", "%"),
        ("min_fuel_autonomy_days", "lowest fuel autonomy", 1.0, ",.1f", "days"),
        ("missed_waste_collection_days", "waste collection missed", 1.0, ",.1f", "days/yr"),
    ]
    rows = [
        [label]
        + [
            num(summ.loc[m, col], f"csv:stress_summary.csv:{m}:{col}", fmt, scale)
            for col in ("mean", "ci95_low", "ci95_high", "p50", "p90", "p99")
        ]
        + [unit]
        for m, label, scale, fmt, unit in names
        if m in summ.index
    ]
    years = num(meta.get("years", 0), "meta:stress.years")
    return "\n".join(
        [
            "<h2>Stress test</h2>",
            f"<p>{years} sampled years of grid cuts and collapses, engine failures, "
            "national collapses, "
            f"late and missed ships, hurricanes and link failures (seed {esc(meta.get('seed'))}). "
            "P90 is the value 90 % of sampled years do no worse than.</p>",
            table(
                ["", "mean", "95 % low", "95 % high", "P50", "P90", "P99", "unit"],
                rows,
                right={1, 2, 3, 4, 5, 6},
            ),
            figure(s.image("survival.png"), "Probability of surviving an outage by its length."),
            figure(s.image("stress_distribution.png"), "Distribution over sampled years."),
        ]
    )


def money_section(s: Saved) -> str:
    if not s.has("money_flows.csv"):
        return ""
    plt = _plt()
    flows = s.csv("money_flows.csv", index_col=None)
    capex = flows.pivot_table(index="year", columns="utility", values="capex_usd", aggfunc="sum")
    capex = capex.loc[capex.sum(axis=1) > 0]
    fig, ax = plt.subplots(figsize=(9, 3.4), layout="constrained")
    bottom = np.zeros(len(capex))
    for col in capex.columns:
        ax.bar(capex.index.astype(str), capex[col] / 1e6, bottom=bottom, label=col)
        bottom += capex[col].to_numpy() / 1e6
    ax.set_ylabel("capex [million USD]")
    ax.set_title("Capex by year and utility")
    ax.legend(fontsize=8)
    npc = [
        [esc(u.replace("_", " ")), s.fig(f"npc_{u}_usd", ",.2f", 1e-6)]
        for u in ("electricity", "water", "sewage", "cooking_gas", "solid_waste", "data_links")
        if f"npc_{u}_usd" in s.f
    ]
    rows = [
        ["net present cost", s.fig("npc_total_usd", ",.1f", 1e-6), "million USD"],
        ["annualised cost", s.fig("annualised_cost_usd_yr", ",.2f", 1e-6), "million USD/yr"],
        ["per resident", s.fig("annualised_cost_usd_per_resident_yr", ",.0f"), "USD/yr"],
        ["per specialist", s.fig("annualised_cost_usd_per_specialist_yr", ",.0f"), "USD/yr"],
        ["lifecycle LCOE", s.fig("lcoe_lifecycle_usd_per_kwh_served", ".3f"), "USD/kWh served"],
        ["lifecycle water", s.fig("water_lifecycle_usd_per_m3_served", ".2f"), "USD/m³ served"],
        ["build-out capex", s.fig("capex_lifecycle_usd", ",.1f", 1e-6), "million USD"],
        ["replacements", s.fig("replacements_lifecycle_usd", ",.1f", 1e-6), "million USD"],
        ["salvage", s.fig("salvage_usd", ",.1f", 1e-6), "million USD"],
        ["fuel import bill", s.fig("cost_diesel_purchases_usd_yr", ",.2f", 1e-6), "million USD/yr"],
    ]
    return "\n".join(
        [
            "<h2>Money</h2>",
            f"<p>Over {s.fig('horizon_years')} years, real USD, discounted "
            "(HOMER's net present cost).</p>",
            "<div class='cards'>"
            + table(["", "", "unit"], rows, right={1})
            + table(["net present cost by utility", "million USD"], npc, right={1})
            + "</div>",
            figure(png(fig), "Capex lands in the year each stage is built."),
        ]
    )


def workforce_section(s: Saved) -> str:
    if not s.has("workforce.csv"):
        return ""
    plt = _plt()
    w = s.csv("workforce.csv", index_col="year")
    fig, ax = plt.subplots(figsize=(9, 3.2), layout="constrained")
    for col, colour in (
        ("residents", "#1d3557"),
        ("specialists", "#d62828"),
        ("students", "#2a9d8f"),
    ):
        ax.plot(w.index, w[col], color=colour, label=col)
    if s.has("phases.csv"):
        for y in s.csv("phases.csv", index_col=None)["year"].dropna():
            ax.axvline(float(y), color="#8d99ae", ls=":", lw=1)
    ax.set_ylabel("persons")
    ax.set_title("Workforce ramp (dotted: build-out stages)")
    ax.legend(fontsize=8)
    out = [
        "<h2>Workforce and phasing</h2>",
        f"<p>The specialists' target is reached in {s.fig('workforce_target_year', '.0f')}; "
        f"the rates lead to {s.fig('workforce_steady_state_specialists', ',.0f')} "
        "in the long run.</p>",
        figure(png(fig), "Specialists, students and residents per year (cohort model)."),
    ]
    if s.has("phases.csv"):
        ph = s.csv("phases.csv", index_col=None)
        rows = [
            [
                esc(r["stage"]),
                num(r["year"], f"csv:phases.csv:{i}:year", ".0f"),
                num(r["residents"], f"csv:phases.csv:{i}:residents", ",.0f"),
            ]
            + [num(r[k], f"csv:phases.csv:{i}:{k}", ",.0f") for k, _, _ in CAPS[:7]]
            for i, r in ph.iterrows()
        ]
        out.append(
            table(
                ["stage", "year", "residents"] + [f"{lbl} [{u}]" for _, lbl, u in CAPS[:7]],
                rows,
                right=set(range(1, 10)),
            )
        )
    return "\n".join(out)


def assumptions_section(s: Saved) -> str:
    from cayo.report.assumptions import assumptions

    rows = [
        [
            esc(a.path),
            num(a.value, f"yaml:{a.path}", "g") if a.numeric else esc(a.text),
            esc(a.comment),
        ]
        for a in assumptions((s.folder / "scenario.yaml").read_text(encoding="utf-8"))
    ]
    return "\n".join(
        [
            "<h2>Assumptions</h2><p class='dim'>Every value of the scenario file, "
            "with the unit and "
            "source its comment gives (or 'estimate').</p>",
            table(["setting", "value", "unit and source"], rows, sortable=True, right={1}),
        ]
    )


def reproducibility_section(s: Saved) -> str:
    m = s.meta
    rows = [
        ["scenario file", esc(m.get("scenario_file", ""))],
        ["scenario SHA-256", f"<code>{esc(m.get('scenario_sha256', ''))}</code>"],
        ["seed", num(m["seed"], "meta:seed", ".0f")],
        ["weather", esc(m.get("weather_source", ""))],
        [
            "solver",
            esc(m.get("solver", {}).get("name", ""))
            + ", status "
            + esc(m.get("solver", {}).get("status", "")),
        ],
    ]
    rows += [[esc(k), esc(v)] for k, v in m.get("versions", {}).items()]
    return "<h2>Reproducibility</h2>" + table(["", ""], rows)


SECTIONS: tuple[Callable[[Saved], str], ...] = (
    top,
    verdict_section,
    town_section,
    demand_section,
    plan_section,
    stress_section,
    money_section,
    workforce_section,
    assumptions_section,
    reproducibility_section,
)


def render_report(folder: str | Path, target: str | Path | None = None) -> tuple[Path, float]:
    """Render `folder`'s report to `target` (default ``folder/report.html``) atomically;
    returns (path, seconds taken)."""
    from cayo.results.io import atomic_write

    t0 = time.perf_counter()
    s = Saved(Path(folder))
    body = "\n".join(section(s) for section in SECTIONS)
    title = esc(s.meta.get("scenario_name", "cayo report"))
    page = (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} — cayo"
        f"</title><style>{CSS}</style></head><body>{body}<script>{SORT_JS}</script></body></html>"
    )
    path = atomic_write(
        Path(target) if target else s.folder / REPORT,
        lambda tmp: tmp.write_text(page, encoding="utf-8"),
    )
    return path, time.perf_counter() - t0
