"""One self-contained HTML report of a results folder, rendered from the saved files only.

Styles, the scripts (table sorting, the assumptions filter) and every figure (PNG, base64) are
inlined: the file opens offline and prints. Every number shown is a ``<span class="n">``
carrying where it comes from (``data-src``), the saved value (``data-value``) and how it is
shown (``data-scale``, ``data-fmt``: a `cayo.fmt` function, see `fmt_value`), so a test can
check each one against the saved results. A figure that is missing from ``summary.json`` (or
saved as null) is shown as ``—`` with its reason (``metadata["not_served"]``), never as a crash.
Sections whose results are absent (no stress test, no phasing) are left out, never faked.
"""

from __future__ import annotations

import html
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cayo import fmt as fmt_
from cayo.demand.town import monthly_totals
from cayo.report.htmlparts import _img, _plt, esc, figure, png, table
from cayo.report.tables import LABELS, PER_DAY, SCOPE, peak_hour_text, unit_text

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
.warnings{background:#fff3bf;padding:.3rem .8rem;border-radius:.3rem;margin:.5rem 0}
.pass{color:#2b8a3e;font-weight:600}.fail{color:#c92a2a;font-weight:600}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;align-items:flex-start}
.card{border:1px solid #dde;border-radius:.4rem;padding:.5rem .8rem;min-width:11rem}
.card b{display:block;font-size:1.3rem}
img{max-width:100%;height:auto;border:1px solid #eee}figure{margin:.8rem 0}
figcaption{font-size:.85rem;color:#555}small,.dim{color:#666}
.card small.why,small.why{color:#c92a2a;display:inline;font-size:.75rem}
.card small{display:block}.src{word-break:break-all}
details{border:1px solid #dde;border-radius:.3rem;margin:.35rem 0;padding:.25rem .7rem}
details>summary{cursor:pointer;font-weight:600;padding:.15rem 0}
details[open]>summary{border-bottom:1px solid #eef}details table{width:100%}
#afilter{font:inherit;padding:.2rem .4rem;border:1px solid #8d99ae;border-radius:.25rem}
@media print{h2{page-break-before:auto}figure,table{page-break-inside:avoid}body{max-width:none}
#afilter,label[for=afilter]{display:none}}
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


FILTER_JS = """
(function(){
  var box=document.getElementById('afilter');if(!box)return;
  var root=document.getElementById('assumptions'),count=document.getElementById('acount');
  var all=root.querySelectorAll('tbody tr').length;
  box.addEventListener('input',function(){
    var q=box.value.trim().toLowerCase(),shown=0;
    root.querySelectorAll('details').forEach(function(d){
      var hits=0;
      d.querySelectorAll('tbody tr').forEach(function(r){
        var ok=!q||r.textContent.toLowerCase().indexOf(q)>=0;
        r.style.display=ok?'':'none';if(ok)hits++;});
      shown+=hits;d.style.display=(hits||!q)?'':'none';d.open=!!q&&hits>0;});
    count.textContent=q?shown+' of '+all+' settings':all+' settings';});
  window.addEventListener('beforeprint',function(){
    document.querySelectorAll('details').forEach(function(d){d.open=true;});});
})();
"""


def fmt_value(value: Any, scale: float, fmt: str) -> str:
    """How a number is shown: `value` × `scale` through the `cayo.fmt` function `fmt` names.

    `fmt` is ``kind[:arg]``: ``number`` (about three significant digits; ``number:1`` one
    decimal), ``exact`` (every digit of a setting), ``share`` (percent; ``share:1``),
    ``money:UNIT`` (k / M / bn USD), ``whole`` (counts), ``id`` (seeds: digits only) or
    ``year``. A missing value
    (None, NaN, infinity) is ``—`` (``never`` for a year).

    >>> fmt_value(103583616.9, 1e-6, "number"), fmt_value(float("nan"), 1.0, "number")
    ('104', '—')
    >>> fmt_value(111245375.2, 1.0, "money:USD"), fmt_value(0.01217, 1.0, "share")
    ('111.2 M USD', '1.22 %')
    >>> fmt_value(20261129, 1, "whole"), fmt_value(21.75, 1, "exact"), fmt_value(2041.0, 1, "year")
    ('20,261,129', '21.75', '2041')
    """
    x = fmt_._finite(value)
    x = None if x is None else x * scale
    kind, _, arg = fmt.partition(":")
    digits = int(arg) if arg and kind in ("number", "share") else None
    if kind == "number":
        return fmt_.number(x, digits)
    if kind == "exact":
        return fmt_.number(x, sig=12)
    if kind == "share":
        return fmt_.share(x, digits)
    if kind == "money":
        return fmt_.money(x, arg or "USD")
    if kind == "whole":
        return fmt_.whole(x)
    if kind == "id":
        return fmt_.ident(x)
    if kind == "year":
        return fmt_.year(x)
    raise ValueError(f"unknown number format {fmt!r}")


def num(
    value: Any, src: str, fmt: str = "number", scale: float = 1.0, why: str | None = None
) -> str:
    """A number with its provenance (see the module docstring); a missing one (None, NaN)
    is shown as `fmt_value` says, with `why` beside it when a reason is known."""
    v = fmt_._finite(value)
    text = fmt_value(v, scale, fmt)
    saved = float("nan") if v is None else v
    attrs = (
        f'class="n" data-src="{html.escape(src)}" data-value="{saved!r}" '
        f'data-scale="{scale!r}" data-fmt="{html.escape(fmt)}"'
    )
    if v is None and why:
        return (
            f'<span {attrs} data-missing="{html.escape(why)}" title="{html.escape(why)}">{text}'
            f'</span> <small class="why">({html.escape(why)})</small>'
        )
    return f"<span {attrs}>{text}</span>"


class Saved:
    """The files of a results folder, read once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        doc = json.loads((folder / "summary.json").read_text())
        self.f: dict[str, Any] = doc["figures"]
        self.meta: dict[str, Any] = doc["metadata"]
        self.not_served: dict[str, str] = dict(self.meta.get("not_served") or {})

    def has(self, name: str) -> bool:
        return (self.folder / name).is_file()

    def csv(self, name: str, index_col: int | str | None = 0) -> pd.DataFrame:
        return pd.read_csv(self.folder / name, index_col=index_col)

    def json(self, name: str) -> Any:
        return json.loads((self.folder / name).read_text())

    def image(self, name: str) -> str:
        return _img((self.folder / name).read_bytes(), name)

    def value(self, key: str) -> tuple[Any, str | None]:
        """A figure of ``summary.json`` and, when it is not a number, why: the reason in
        ``metadata["not_served"]``, or that the key is absent (None when a null has none)."""
        if key not in self.f:
            return None, self.not_served.get(key, "not in summary.json")
        v = self.f[key]
        return v, (None if fmt_._finite(v) is not None else self.not_served.get(key))

    def get(self, key: str, default: float = float("nan")) -> float:
        """A figure as a float, `default` when missing or null (for arithmetic, not display)."""
        x = fmt_._finite(self.f.get(key))
        return default if x is None else x

    def fig(self, key: str, fmt: str = "number", scale: float = 1.0) -> str:
        v, why = self.value(key)
        return num(v, f"summary:{key}", fmt, scale, why)


def _thousands(ax, axis: str = "y") -> None:  # type: ignore[no-untyped-def]
    """Tick labels of `axis` through `cayo.fmt.number` (separators, no scientific notation)."""
    from matplotlib.ticker import FuncFormatter

    f = FuncFormatter(lambda x, _pos: fmt_.number(x))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(f)


def folded(summary: str, body: str, open_: bool = False) -> str:
    """A <details> block: `summary` always shown, `body` on a click."""
    return f"<details{' open' if open_ else ''}><summary>{summary}</summary>{body}</details>"


# ---------------------------------------------------------------- sections


def top(s: Saved) -> str:
    name = esc(s.meta.get("scenario_name", "scenario"))
    out = [f"<h1>{name}</h1><p class='dim'>cayo report — {esc(s.meta.get('created_utc', ''))}</p>"]
    if s.has("verdict.json"):
        v = s.json("verdict.json")
        cls = {"go": "go", "go with conditions": "cond", "no-go": "nogo"}.get(v["outcome"], "cond")
        out.append(f"<div class='verdict {cls}'>Verdict: {esc(v['outcome'].upper())}</div>")
        out.append("<ul>" + "".join(f"<li>{esc(r)}</li>" for r in v["reasons"]) + "</ul>")
    warnings = s.meta.get("warnings") or []
    if warnings:
        out.append(
            "<div class='warnings'><b>Warnings: assumptions cayo applied on its own</b><ul>"
            + "".join(f"<li>{esc(w)}</li>" for w in warnings)
            + "</ul></div>"
        )
    cards = [
        ("residents", num(s.meta.get("residents"), "meta:residents", "whole"), "persons"),
        capex_card(s),
        ("system cost", s.fig("system_cost_usd_yr", "money:USD/yr"), "annualised, all utilities"),
        ("LCOE", s.fig("lcoe_usd_per_kwh_served"), "USD/kWh served"),
        ("renewable share", s.fig("renewable_share", "share"), "of electricity served"),
    ]
    if "npc_total_usd" in s.f:
        cards.append(("net present cost", s.fig("npc_total_usd", "money:USD"), "over the horizon"))
    if "stress_unserved_kwh_p90" in s.f:
        cards.append(
            ("unserved, P90 year", s.fig("stress_unserved_kwh_p90", "number", 1e-3), "MWh/yr")
        )
    out.append(
        "<div class='cards'>"
        + "".join(
            f"<div class='card'>{label}<b>{v}</b><small>{u}</small></div>" for label, v, u in cards
        )
        + "</div>"
    )
    return "\n".join(out)


def capex_card(s: Saved) -> tuple[str, str, str]:
    """The capex card: the build-out's capex (what the budget criterion weighs), or the full
    town's up-front capex when the results have no build-out (labels as in `cayo plan`)."""
    if "capex_lifecycle_usd" in s.f or "capex_full_town_usd" not in s.f:
        return (
            "capex, build-out",
            s.fig("capex_lifecycle_usd", "money:USD"),
            "paid stage by stage, replacements aside",
        )
    return ("capex, full town", s.fig("capex_full_town_usd", "money:USD"), "up front")


def _criterion_fmt(unit: str) -> str:
    """How a criterion's value and threshold are shown, by their unit."""
    return {"-": "share", "USD": "money:USD", "USD/yr": "money:USD/yr"}.get(unit, "number")


def verdict_section(s: Saved) -> str:
    if not s.has("verdict.json"):
        return ""
    v = s.json("verdict.json")
    from cayo.verdict.criteria import tier_name

    rows = []
    for i, r in enumerate(v["scorecard"]):
        src = f"verdict:scorecard.{i}"
        unit = str(r.get("unit", ""))
        if r["kind"] == "tier":
            val, thr = esc(tier_name(r["value"])), esc(tier_name(r["threshold"]))
        else:
            f = _criterion_fmt(unit)
            val, thr = (
                num(r["value"], src + ".value", f),
                num(r["threshold"], src + ".threshold", f),
            )
        ok = "<span class='pass'>PASS</span>" if r["passed"] else "<span class='fail'>FAIL</span>"
        shown = "" if unit in ("-", "USD", "USD/yr", "tier") else unit
        rows.append([esc(r["criterion"]), val, thr, esc(shown), ok])
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
            f"{esc(k)} → {num(x, f'verdict:changes.{name}.sizes.{k}')}"
            for k, x in c["sizes"].items()
        )
        ch.append(
            [
                esc(name),
                f"{esc(c['lever'])}: {sizes}",
                num(c["cost_usd_yr"], f"verdict:changes.{name}.cost_usd_yr", "money:USD/yr"),
                state,
            ]
        )
    if ch:
        out += [
            "<h3>Cheapest change for each failed criterion</h3>",
            table(["criterion", "change", "cost", "status"], ch, right={2}),
        ]
    if v.get("risks"):
        rows = [
            [
                esc(r["failure class"]),
                num(r["unserved_kwh_yr"], f"verdict:risks.{i}.unserved_kwh_yr", "number", 1e-3),
                num(r["unserved_water_m3_yr"], f"verdict:risks.{i}.unserved_water_m3_yr"),
                num(r["cost_usd_yr"], f"verdict:risks.{i}.cost_usd_yr", "money:USD/yr"),
            ]
            for i, r in enumerate(v["risks"])
        ]
        out += [
            "<h3>Top risks</h3><p class='dim'>What each failure class adds a year: the stress "
            "test run again with that class switched off, same seed and years.</p>",
            table(
                ["failure class", "unserved MWh/yr", "unserved m³/yr", "cost"],
                rows,
                right={1, 2, 3},
            ),
        ]
    rows = [
        [
            esc(r["town"]),
            num(r["years_after_opening"], f"verdict:reference_class.{i}.years_after_opening"),
            num(r["reference_share"], f"verdict:reference_class.{i}.reference_share", "share"),
            num(r["scenario_share"], f"verdict:reference_class.{i}.scenario_share", "share"),
            f"<small class='src'>{esc(r['source'])}</small>",
        ]
        for i, r in enumerate(v.get("reference_class", []))
    ]
    if rows:
        out += [
            "<h3>Reference class: planned technology towns</h3>",
            table(
                ["town", "years after opening", "share of plan reached", "this scenario", "source"],
                rows,
                right={1, 2, 3},
            ),
        ]
    return "\n".join(out)


PEOPLE_ROWS = (  # key of metadata["people"], label, note
    ("specialists", "specialists", "as given"),
    ("students", "students", "as given"),
    ("partners", "partners", "living with specialists, not specialists themselves"),
    ("children_0_2", "children aged 0-2", ""),
    ("children_3_6", "children aged 3-6", ""),
    ("children_7_17", "children aged 7-17", ""),
    ("service_residents", "service workers living in town", ""),
    ("service_family_adults", "other adults of their households", ""),
    ("residents", "residents", "everyone living in town"),
    ("dwellings", "dwellings", ""),
    ("commuters_per_day", "commuters", "coming in on a working day"),
)


def people_table(s: Saved) -> str:
    """Who lives in town (metadata["people"], `Program.people_figures`)."""
    people = s.meta.get("people")
    if not people:
        return ""
    rows = [
        [esc(label), num(people.get(key), f"meta:people.{key}", "whole"), esc(note)]
        for key, label, note in PEOPLE_ROWS
    ]
    return table(["people", "persons", ""], rows, right={1})


def service_staff_text(s: Saved) -> str:
    """Where the service staff come from, and the shortfall (metadata["people"])."""
    p = s.meta.get("people")
    if not p:
        return ""
    where = esc(s.meta.get("commute_from") or "elsewhere")

    def n(key: str) -> str:
        return num(p.get(key), f"meta:people.{key}", "whole")

    return (
        f"<p>Service staff (teachers, carers, doctors, shop and kitchen staff): "
        f"{n('service_staff_needed')} needed; {n('service_staff_partners')} partners of "
        f"specialists, {n('service_staff_moving_in')} moving in with their households, "
        f"{n('service_staff_commuters')} commuting from {where} "
        f"({num(p.get('commute_bus_km_yr'), 'meta:people.commute_bus_km_yr')} bus-km a year); "
        f"short by {n('service_staff_shortfall')}.</p>"
    )


def town_section(s: Saved) -> str:
    fac = s.csv("facilities.csv")
    rows = [
        [
            esc(name),
            num(r["capacity"], f"csv:facilities.csv:{name}:capacity"),
            esc(unit_text(str(r["capacity_unit"]))),
            num(r["count"], f"csv:facilities.csv:{name}:count"),
            num(r["floor_area_m2"], f"csv:facilities.csv:{name}:floor_area_m2"),
            num(r["land_m2"], f"csv:facilities.csv:{name}:land_m2", "number", 1e-4),
            num(r["staff"], f"csv:facilities.csv:{name}:staff"),
        ]
        for name, r in fac.iterrows()
    ]
    return "\n".join(
        [
            "<h2>The town</h2>",
            people_table(s),
            f"<p>{num(s.meta.get('residents'), 'meta:residents', 'whole')} residents; land "
            f"{s.fig('land_total_ha')} ha in all (town "
            f"{s.fig('land_town_ha')} ha, PV {s.fig('pv_land_ha')} ha, "
            f"landfill {s.fig('landfill_area_ha')} ha).</p>",
            table(
                ["facility", "capacity", "unit", "buildings", "floor m²", "land ha", "staff"],
                rows,
                sortable=True,
                right={1, 3, 4, 5, 6},
            ),
        ]
    )


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def monthly_figure(monthly: pd.DataFrame, annual: pd.Series, units: pd.Series) -> str:
    """`monthly_plot` as an inline <img>."""
    return png(monthly_plot(monthly, annual, units))


def monthly_plot(monthly: pd.DataFrame, annual: pd.Series, units: pd.Series):  # type: ignore[no-untyped-def]
    """Small multiples: each utility's monthly totals [its annual unit] as bars, with the
    average month (annual ÷ 12) dotted; one panel per utility, so no line hides another and
    each axis carries its unit. `monthly` is `cayo.demand.town.monthly_totals`; `annual`
    and `units` are the demand table's annual totals and their units."""
    plt = _plt()
    carriers = list(monthly.columns)
    cols = 4
    rows = -(-len(carriers) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(11, 2.6 * rows))  # fixed layout: fast
    flat = list(np.ravel(axes))
    x = np.arange(1, 13)
    for ax, c in zip(flat, carriers, strict=False):
        unit = unit_text(str(units[c])).removesuffix("/yr")
        ax.bar(x, monthly[c].reindex(x, fill_value=0.0), color="#457b9d", width=0.75)
        ax.axhline(float(annual[c]) / 12, color="#d62828", ls=":", lw=1.2)
        ax.set_title(f"{LABELS.get(c, c)} [{unit}/month]", fontsize=9)
        ax.set_xticks(x, [m[0] for m in MONTHS], fontsize=7)
        ax.tick_params(axis="y", labelsize=7)
        _thousands(ax)
        ax.grid(axis="y", alpha=0.3)
        ax.set_ylim(bottom=0)
    for ax in flat[len(carriers) :]:
        ax.axis("off")
    if len(flat) > len(carriers):
        flat[-1].plot([], [], color="#d62828", ls=":", label="average month (annual ÷ 12)")
        flat[-1].bar([], [], color="#457b9d", label="month's total")
        flat[-1].legend(loc="center", fontsize=8, frameon=False)
    fig.suptitle("Monthly totals per utility, each in its own unit", fontsize=10)
    fig.subplots_adjust(left=0.06, right=0.99, top=0.86, bottom=0.07, wspace=0.38, hspace=0.42)
    return fig


def electricity_scopes(s: Saved, town_mwh: Any) -> str:
    """The town's electricity demand and what the supply plan serves on top, as a sum."""
    rows = [
        ["the town: buildings, industry, data centre, streets (demand table)", town_mwh],
        ["+ sewage treatment", s.fig("sewage_kwh_yr", "number", 1e-3)],
        ["+ water network pumping", s.fig("distribution_kwh_yr", "number", 1e-3)],
        ["= load the supply plan serves (LP load, hourly.parquet load_kw)",
         s.fig("load_kwh_yr", "number", 1e-3)],
        ["+ water plants: wells and desalination (dispatched by the LP)",
         s.fig("water_plants_kwh_yr", "number", 1e-3)],
    ]  # fmt: skip
    return (
        "<h3>Electricity: the town's demand and what the plan serves</h3>"
        + table(["", "MWh/yr"], rows, right={1})
        + f"<p class='dim'>Peak of the town's demand {_peak_cell(s)}; peak of the LP load "
        f"{s.fig('peak_load_kw')} kW.</p>"
    )


def _peak_cell(s: Saved) -> str:
    summ = s.csv("demand_summary.csv", index_col="carrier")
    if "electricity" not in summ.index:
        return "—"
    return num(summ.at["electricity", "peak"], "csv:demand_summary.csv:electricity:peak") + " kW"


def demand_section(s: Saved) -> str:
    plt = _plt()
    summ = s.csv("demand_summary.csv", index_col="carrier")
    rows = []
    for c, r in summ.iterrows():
        c = str(c)
        res_unit, res_f = PER_DAY.get(c, ("", 1.0, "", 0.0))[2:]
        rows.append(
            [
                esc(LABELS.get(c, c)),
                num(r["annual"], f"csv:demand_summary.csv:{c}:annual"),
                esc(unit_text(str(r["annual_unit"]))),
                num(r["peak"], f"csv:demand_summary.csv:{c}:peak"),
                esc(unit_text(str(r["unit"]))),
                esc(peak_hour_text(r)),
                (
                    num(r["per_resident_day"], f"csv:demand_summary.csv:{c}:per_resident_day",
                        "number", res_f) + f" {esc(res_unit)}"
                    if res_unit and "per_resident_day" in r
                    else "—"
                ),
            ]
        )  # fmt: skip
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
    ax.set_yticks(range(0, 25, 6))
    ax.set_title("Electricity the plan serves (LP load), day by hour [MW]")
    fig.colorbar(im, ax=ax, label="MW")
    heat = png(fig)
    wide = pd.read_parquet(s.folder / "demand_hourly.parquet")
    monthly = monthly_totals(wide)
    annual = summ["annual"].reindex(monthly.columns)
    units = summ["annual_unit"].reindex(monthly.columns)
    mrows = [
        [MONTHS[m - 1]] + [num(monthly.at[m, c], f"monthly:{c}:{m}") for c in monthly.columns]
        for m in monthly.index
    ]
    mrows.append(
        ["year"] + [num(summ.at[c, "annual"], f"csv:demand_summary.csv:{c}:annual")
                    for c in monthly.columns]
    )  # fmt: skip
    mhead = ["month"] + [
        f"{esc(LABELS.get(c, c))} [{esc(unit_text(str(units[c])).removesuffix('/yr'))}]"
        for c in monthly.columns
    ]
    scope = "".join(f"<li><b>{esc(LABELS[c])}</b>: {esc(t)}</li>" for c, t in SCOPE.items())
    return "\n".join(
        [
            "<h2>Demand</h2>",
            table(
                [
                    "utility",
                    "annual",
                    "unit",
                    "peak",
                    "unit",
                    "peak hour (local)",
                    "per resident-day",
                ],
                rows,
                right={1, 3, 6},
            ),  # fmt: skip
            f"<ul class='dim'>{scope}</ul>",
            electricity_scopes(
                s,
                num(summ.at["electricity", "annual"], "csv:demand_summary.csv:electricity:annual")
                if "electricity" in summ.index
                else "—",
            ),  # fmt: skip
            figure(
                heat,
                "Hourly electricity the supply plan serves: the town, sewage treatment and "
                "water pumping, over the reference year.",
            ),
            figure(
                monthly_figure(monthly, annual, units),
                "Monthly totals of each utility in its own unit; the dotted line is an average "
                "month. The twelve bars add up to the annual total of the table above.",
            ),
            folded(
                "Monthly totals as a table",
                table(mhead, mrows, right=set(range(1, len(mhead)))),
            ),
        ]
    )


CAPS = (  # figure key, label, unit shown, scale from the saved unit
    ("pv_kw", "PV", "kWp", 1.0),
    ("battery_kw", "battery power", "kW", 1.0),
    ("battery_kwh", "battery energy", "kWh", 1.0),
    ("genset_kw", "gensets", "kW", 1.0),
    ("wells_m3_h", "wells", "m³/h", 1.0),
    ("ro_m3_h", "desalination", "m³/h", 1.0),
    ("water_tank_m3", "water tank", "m³", 1.0),
    ("diesel_tank_l", "diesel tank", "m³", 1e-3),
    ("lpg_tank_kg", "LPG tank", "t", 1e-3),
)


def burnt_m3(s: Saved) -> str:
    """Diesel burnt by the gensets [m³/yr]: ``diesel_burnt_m3_yr``, or the older results'
    ``fuel_l_yr`` [L/yr] shown in m³."""
    if "diesel_burnt_m3_yr" in s.f or "fuel_l_yr" not in s.f:
        return s.fig("diesel_burnt_m3_yr")
    return s.fig("fuel_l_yr", "number", 1e-3)


def plan_section(s: Saved) -> str:
    rows = [[label, s.fig(key, "number", scale), unit] for key, label, unit, scale in CAPS]
    mwh = 1e-3
    mix = [
        ["PV used", s.fig("pv_used_kwh_yr", "number", mwh), "MWh/yr"],
        ["gensets", s.fig("genset_kwh_yr", "number", mwh), "MWh/yr"],
        ["island grid", s.fig("grid_import_kwh_yr", "number", mwh), "MWh/yr"],
        ["battery out", s.fig("battery_discharge_kwh_yr", "number", mwh), "MWh/yr"],
        ["PV curtailed", s.fig("pv_curtailed_kwh_yr", "number", mwh), "MWh/yr"],
        ["unserved", s.fig("unserved_kwh_yr", "number", mwh), "MWh/yr"],
        ["water supplied", s.fig("water_supplied_m3_yr"), "m³/yr"],
        ["water from wells", s.fig("water_from_wells_share", "share"), "of water"],
        ["diesel ships", s.fig("diesel_ships_yr", "whole"), "a year"],
        ["diesel imported", s.fig("diesel_imported_m3_yr"), "m³/yr"],
        ["diesel burnt", burnt_m3(s), "m³/yr"],
        ["LPG ships", s.fig("lpg_ships_yr", "whole"), "a year"],
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


STRESS_ROWS = (  # metric, label, scale, format, unit
    ("unserved_kwh", "unserved electricity", 1e-3, "number", "MWh/yr"),
    ("loss_of_load_h", "loss of load", 1.0, "number", "h/yr"),
    ("unserved_critical_kwh", "unserved critical", 1e-3, "number", "MWh/yr"),
    ("unserved_water_m3", "unserved water", 1.0, "number", "m³/yr"),
    ("water_rationing_days", "water rationing", 1.0, "number", "days/yr"),
    ("unserved_lpg_kg", "unserved cooking gas", 1e-3, "number", "t/yr"),
    ("data_centre_availability_pct", "data-centre availability", 0.01, "share", ""),
    ("data_service_availability_pct", "data links availability", 0.01, "share", ""),
    ("min_fuel_autonomy_days", "lowest fuel autonomy", 1.0, "number", "days"),
    ("missed_waste_collection_days", "waste collection missed", 1.0, "number", "days/yr"),
)


def stress_section(s: Saved) -> str:
    if not s.has("stress_summary.csv"):
        return ""
    summ = s.csv("stress_summary.csv", index_col="metric")
    in_summary = isinstance(s.meta.get("stress"), dict)
    meta = s.meta.get("stress", {}) if in_summary else {}
    if not meta and s.has("stress.json"):
        meta = s.json("stress.json").get("metadata", {})
    cols = [c for c in ("mean", "ci95_low", "ci95_high", "p50", "p90", "p99") if c in summ]
    rows = [
        [label]
        + [num(summ.loc[m, col], f"csv:stress_summary.csv:{m}:{col}", fmt, scale) for col in cols]
        + [unit]
        for m, label, scale, fmt, unit in STRESS_ROWS
        if m in summ.index
    ]
    head = {"mean": "mean", "ci95_low": "95 % low", "ci95_high": "95 % high", "p50": "P50",
            "p90": "P90", "p99": "P99"}  # fmt: skip
    if in_summary:
        years = num(meta.get("years"), "meta:stress.years", "whole")
        seed = num(meta.get("seed"), "meta:stress.seed", "id")
    else:
        years, seed = esc(fmt_.whole(meta.get("years"))), esc(fmt_.whole(meta.get("seed")))
    out = [
        "<h2>Stress test</h2>",
        f"<p>{years} sampled years of grid cuts and collapses, engine failures, "
        "national collapses, "
        f"late and missed ships, hurricanes and link failures (seed {seed}). "
        "P90 is the value 90 % of sampled years do no worse than.</p>",
        table([""] + [head[c] for c in cols] + ["unit"], rows, right=set(range(1, len(cols) + 1))),
    ]
    if s.has("survival.png"):
        out.append(
            figure(
                s.image("survival.png"),
                "Probability of surviving an outage by its length (the y axis spans the curves).",
            )
        )
    if s.has("stress_distribution.png"):
        out.append(figure(s.image("stress_distribution.png"), "Distribution over sampled years."))
    return "\n".join(out)


UTILITIES = ("electricity", "water", "sewage", "cooking_gas", "solid_waste", "data_links")
# distinct colours per utility, the same in every money chart
UTILITY_COLOURS = {
    "electricity": "#e9c46a",
    "water": "#457b9d",
    "sewage": "#6d597a",
    "cooking_gas": "#e76f51",
    "solid_waste": "#8d99ae",
    "data_links": "#2a9d8f",
}


def money_section(s: Saved) -> str:
    if not s.has("money_flows.csv"):
        return ""
    plt = _plt()
    flows = s.csv("money_flows.csv", index_col=None)
    capex = flows.pivot_table(index="year", columns="utility", values="capex_usd", aggfunc="sum")
    capex = capex.loc[capex.sum(axis=1) > 0, capex.sum(axis=0) > 0]
    fig, ax = plt.subplots(figsize=(9, 3.4), layout="constrained")
    bottom = np.zeros(len(capex))
    for col in capex.columns:
        ax.bar(
            capex.index.astype(str),
            capex[col] / 1e6,
            bottom=bottom,
            label=str(col).replace("_", " "),
            color=UTILITY_COLOURS.get(str(col).replace(" ", "_")),
        )
        bottom += capex[col].to_numpy() / 1e6
    ax.set_ylabel("capex [million USD]")
    ax.set_xlabel("year built")
    ax.set_title("Capex by year and utility")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    npc = [
        [esc(u.replace("_", " ")), s.fig(f"npc_{u}_usd", "money:USD")]
        for u in UTILITIES
        if f"npc_{u}_usd" in s.f
    ]
    rows = [
        ["net present cost", s.fig("npc_total_usd", "money:USD"), ""],
        ["annualised cost", s.fig("annualised_cost_usd_yr", "money:USD/yr"), ""],
        ["per resident", s.fig("annualised_cost_usd_per_resident_yr", "money:USD/yr"), ""],
        ["per specialist", s.fig("annualised_cost_usd_per_specialist_yr", "money:USD/yr"), ""],
        ["lifecycle LCOE", s.fig("lcoe_lifecycle_usd_per_kwh_served"), "USD/kWh served"],
        ["lifecycle water", s.fig("water_lifecycle_usd_per_m3_served"), "USD/m³ served"],
        ["capex, build-out", s.fig("capex_lifecycle_usd", "money:USD"), "stage by stage"],
        ["capex, full town", s.fig("capex_full_town_usd", "money:USD"), "up front"],
        ["replacements", s.fig("replacements_lifecycle_usd", "money:USD"), "undiscounted"],
        ["salvage", s.fig("salvage_usd", "money:USD"), "undiscounted"],
        ["fuel import bill", s.fig("cost_diesel_purchases_usd_yr", "money:USD/yr"), "full town"],
    ]
    return "\n".join(
        [
            "<h2>Money</h2>",
            f"<p>Over {s.fig('horizon_years', 'whole')} years, real USD, discounted "
            "(HOMER's net present cost).</p>",
            "<div class='cards'>"
            + table(["over the horizon", "", ""], rows, right={1})
            + table(["net present cost by utility", ""], npc, right={1})
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
    for col, colour, style in (
        ("residents", "#1d3557", "-"),
        ("specialists", "#d62828", "--"),
        ("students", "#2a9d8f", "-."),
    ):
        if col in w:
            ax.plot(w.index, w[col], color=colour, ls=style, lw=1.6, label=col)
    if s.has("phases.csv"):
        for y in s.csv("phases.csv", index_col=None)["year"].dropna():
            ax.axvline(float(y), color="#8d99ae", ls=":", lw=1)
    ax.set_ylabel("persons")
    ax.set_xlabel("year")
    _thousands(ax)
    ax.set_title("Workforce ramp (dotted: build-out stages)")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    out = [
        "<h2>Workforce and phasing</h2>",
        f"<p>The specialists' target is reached in {s.fig('workforce_target_year', 'year')}; "
        f"the rates lead to {s.fig('workforce_steady_state_specialists')} "
        "in the long run.</p>",
        figure(png(fig), "Specialists, students and residents per year (cohort model)."),
        service_staff_text(s),
    ]
    if s.has("phases.csv"):
        ph = s.csv("phases.csv", index_col=None)
        rows = [
            [
                esc(r["stage"]),
                num(r["year"], f"csv:phases.csv:{i}:year", "year"),
                num(r["residents"], f"csv:phases.csv:{i}:residents"),
            ]
            + [num(r[k], f"csv:phases.csv:{i}:{k}") for k, _, _, _ in CAPS[:7] if k in ph]
            for i, r in ph.iterrows()
        ]
        head = [f"{lbl} [{u}]" for k, lbl, u, _ in CAPS[:7] if k in ph]
        out.append(
            table(
                ["stage", "year", "residents"] + head,
                rows,
                right=set(range(1, 3 + len(head))),
            )
        )
    return "\n".join(out)


def _assumption_fmt(path: str) -> str:
    """Years and the seed as whole numbers, every other setting with all its digits."""
    key = path.rsplit(".", 1)[-1]
    if key == "year" or key.endswith("_year"):
        return "year"
    return "id" if key == "seed" else "exact"


def assumptions_section(s: Saved) -> str:
    from cayo.report.assumptions import assumptions

    found = assumptions((s.folder / "scenario.yaml").read_text(encoding="utf-8"))
    groups: dict[str, list[list[str]]] = {}
    for a in found:
        value = (
            num(a.value, f"yaml:{a.path}", _assumption_fmt(a.path)) if a.numeric else esc(a.text)
        )
        head, _, rest = a.path.partition(".")
        section = head if rest else "general"
        groups.setdefault(section, []).append(
            [esc(a.path), value, f"<small>{esc(a.comment)}</small>"]
        )
    blocks = [
        folded(
            f"{esc(name)} <span class='dim'>({len(rows)} setting{'s' * (len(rows) != 1)})</span>",
            table(["setting", "value", "unit and source"], rows, right={1}),
        )
        for name, rows in groups.items()
    ]
    return "\n".join(
        [
            "<h2>Assumptions</h2><p class='dim'>Every value of the scenario file, with the "
            "unit and source its comment gives (or 'estimate'), one fold per section of the "
            "file. Type to find a setting, a value or a source in every section.</p>",
            "<p><label>Find: <input id='afilter' type='search' "
            "placeholder='e.g. diesel, pue, source: World Bank' size='40'></label> "
            f"<span id='acount' class='dim'>{len(found)} settings</span></p>",
            f"<div id='assumptions'>{''.join(blocks)}</div>",
        ]
    )


def reproducibility_section(s: Saved) -> str:
    m = s.meta
    rows = [
        ["scenario file", esc(m.get("scenario_file", ""))],
        ["scenario SHA-256", f"<code>{esc(m.get('scenario_sha256', ''))}</code>"],
        ["seed", num(m.get("seed"), "meta:seed", "id")],
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


from cayo.report.design_html import design_section  # noqa: E402  (it imports this module)

SECTIONS: tuple[Callable[[Saved], str], ...] = (
    top,
    verdict_section,
    town_section,
    demand_section,
    plan_section,
    stress_section,
    design_section,
    money_section,
    workforce_section,
    assumptions_section,
    reproducibility_section,
)


def render_report(folder: str | Path, target: str | Path | None = None) -> tuple[Path, float]:
    """Render `folder`'s report to `target` (default ``folder/report.html``) atomically;
    returns (path, seconds taken)."""
    from cayo.results.folder import atomic_write

    t0 = time.perf_counter()
    s = Saved(Path(folder))
    body = "\n".join(section(s) for section in SECTIONS)
    title = esc(s.meta.get("scenario_name", "cayo report"))
    page = (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} — cayo"
        f"</title><style>{CSS}</style></head><body>{body}<script>{SORT_JS}{FILTER_JS}</script>"
        "</body></html>"
    )
    path = atomic_write(
        Path(target) if target else s.folder / REPORT,
        lambda tmp: tmp.write_text(page, encoding="utf-8"),
    )
    return path, time.perf_counter() - t0
