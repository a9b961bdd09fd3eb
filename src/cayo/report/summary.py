"""The readable terminal summary of a plan (rich tables), from its figures and metadata.

Every number goes through `cayo.fmt`. A figure that cannot exist for a plan is absent from the
figures: it shows as ``—`` with the reason the pipeline stored (``metadata["not_served"]``,
from `cayo.finance.metrics.not_served_reasons`). Nothing here sums figures by key prefix: totals
are figures of their own (``capex_full_town_usd``, ``system_cost_usd_yr``) or explicit lists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from rich.console import Group
from rich.markup import escape
from rich.table import Table

from cayo.fmt import MISSING, ident, money, number, quantity, share, whole, year

M3_PER_L = 1e-3
MWH_PER_KWH = 1e-3
T_PER_KG = 1e-3


def _table(title: str, rows: list[tuple[str, str, str]]) -> Table:
    t = Table(title=title, title_justify="left", show_header=False, box=None, pad_edge=False)
    t.add_column(style="bold")
    t.add_column(justify="right")
    t.add_column(style="dim")
    for row in rows:
        t.add_row(*(escape(c) for c in row))
    return t


class _Rows:
    """Rows of a two-column table from figures; a missing figure shows ``—`` and its reason."""

    def __init__(self, figures: Mapping[str, float], reasons: Mapping[str, str] | None) -> None:
        self.f = figures
        self.reasons = reasons or {}

    def row(
        self, label: str, key: str, text: Callable[[float], str], note: str = ""
    ) -> tuple[str, str, str]:
        if key in self.f:
            return (label, text(float(self.f[key])), note)
        return (label, MISSING, self.reasons.get(key, "not computed for this plan"))

    def get(self, key: str, default: float = 0.0) -> float:
        return float(self.f.get(key, default))


def _water_rows(per: Mapping[str, float] | None) -> list[tuple[str, str, str]]:
    if not per:
        return []
    return [
        ("water per resident", number(per["supplied"], 0),
         f"L/person/day supplied (homes use {number(per['residential'], 0)}; the rest is "
         "other buildings and network losses)"),
    ]  # fmt: skip


def summary(figures: dict[str, float], metadata: dict[str, Any]) -> Group:
    """Capacities, energy by source, costs, LCOE, renewable share, fuel and unserved energy."""
    f = figures
    r = _Rows(f, metadata.get("not_served"))
    town = _table(
        f"{metadata.get('scenario_name', 'scenario')} — supply plan",
        [
            *(
                []
                if "people" in metadata  # the People table above counts them
                else [("residents", whole(metadata.get("residents", 0)), "persons")]
            ),
            (
                "electricity to serve",
                number(f["load_kwh_yr"] * MWH_PER_KWH, 0),
                "MWh/yr (the town, sewage treatment and water pumping)",
            ),
            (
                "per resident",
                number(metadata.get("electricity_kwh_per_resident_yr", 0), 0),
                "kWh/person/yr (the town's own demand)",
            ),
            ("peak load", number(f["peak_load_kw"], 0), "kW (electricity to serve)"),
            *_water_rows(metadata.get("water_l_per_resident_day")),
        ],
    )
    caps = _table(
        "Capacity to build",
        [
            ("PV", number(f["pv_kw"], 0), "kWp"),
            ("battery power", number(f["battery_kw"], 0), "kW"),
            ("battery energy", number(f["battery_kwh"], 0), "kWh"),
            ("gensets", number(f["genset_kw"], 0), "kW"),
        ],
    )
    supply = f["pv_used_kwh_yr"] + f["genset_kwh_yr"] + f["grid_import_kwh_yr"]
    losses = f["battery_charge_kwh_yr"] - f["battery_discharge_kwh_yr"]

    def of_supply(kwh: float) -> str:
        return share(kwh / supply, 1) if supply > 0 else MISSING

    energy = _table(
        "Energy by source",
        [
            ("PV used", number(f["pv_used_kwh_yr"] * MWH_PER_KWH, 0),
             f"MWh/yr ({of_supply(f['pv_used_kwh_yr'])} of supply)"),
            ("gensets", number(f["genset_kwh_yr"] * MWH_PER_KWH, 0),
             f"MWh/yr ({of_supply(f['genset_kwh_yr'])})"),
            ("island grid", number(f["grid_import_kwh_yr"] * MWH_PER_KWH, 0),
             f"MWh/yr ({of_supply(f['grid_import_kwh_yr'])})"),
            ("battery out", number(f["battery_discharge_kwh_yr"] * MWH_PER_KWH, 0),
             f"MWh/yr (losses {number(losses * MWH_PER_KWH, 0)} MWh/yr)"),
            ("PV curtailed", number(f["pv_curtailed_kwh_yr"] * MWH_PER_KWH, 0), "MWh/yr"),
            ("unserved", number(f["unserved_kwh_yr"] * MWH_PER_KWH, 1),
             f"MWh/yr ({share(f['unserved_share'], 3)} of demand, "
             f"{whole(f['unserved_hours_yr'])} h)"),
        ],
    )  # fmt: skip
    links = ", ".join(
        f"{whole(v)} {k.removeprefix('data_link_units_')}"
        for k, v in f.items()
        if k.startswith("data_link_units_") and v
    )
    other = _table(
        "Water, fuels and services",
        [
            ("wells", number(r.get("wells_m3_h"), 1), "m³/h"),
            r.row("water from wells", "water_from_wells_share", lambda v: share(v, 0),
                  "of water supplied"),
            ("desalination (RO)", number(r.get("ro_m3_h"), 1), "m³/h"),
            ("water tank", number(r.get("water_tank_m3"), 0), "m³"),
            ("water unserved", number(r.get("water_unserved_m3_yr"), 0), "m³/yr"),
            ("sewage plant", number(r.get("sewage_capacity_m3_per_day"), 0),
             f"m³/day (reuse {number(r.get('water_reused_m3_yr'), 0)} m³/yr for irrigation)"),
            ("diesel tank", number(r.get("diesel_tank_l") * M3_PER_L, 1), "m³"),
            r.row("diesel autonomy", "diesel_autonomy_days", lambda v: number(v, 1),
                  "days of average burn in the tank"),
            ("diesel", number(r.get("diesel_imported_m3_yr"), 0),
             f"m³/yr imported ({whole(r.get('diesel_ships_yr'))} ships/yr), "
             f"{number(r.get('diesel_burnt_m3_yr'), 0)} m³/yr burnt by gensets"),
            ("LPG tank", number(r.get("lpg_tank_kg") * T_PER_KG, 1),
             f"t ({whole(r.get('lpg_ships_yr'))} ships/yr, "
             f"{number(r.get('lpg_delivered_t_yr'), 0)} t/yr, "
             f"unserved {number(r.get('lpg_unserved_t_yr'), 1)} t/yr)"),
            ("waste trucks", whole(r.get("waste_trucks")),
             f"({number(r.get('waste_t_per_day'), 1)} t/day; landfill "
             f"{number(r.get('landfill_area_ha'), 1)} ha for the horizon)"),
            ("data links", links or "none",
             f"({number(r.get('data_capacity_gbps'), 0)} Gbit/s for a "
             f"{number(r.get('data_peak_gbps'), 1)} Gbit/s peak)"),
        ],
    )  # fmt: skip
    from cayo.finance.metrics import penalties_usd_yr, utility_costs

    usd_yr = "USD/yr"
    cost_rows = [(name, money(v, usd_yr), "") for name, v in utility_costs(f).items()]
    if "capex_lifecycle_usd" in f:
        build_out = [
            r.row("capex, build-out", "capex_lifecycle_usd", money,
                  "paid stage by stage over the milestones, replacements aside"),
        ]  # fmt: skip
    else:
        build_out = []
    cost = _table(
        "Cost",
        [
            *cost_rows,
            r.row("system cost", "system_cost_usd_yr", lambda v: money(v, usd_yr),
                  "capital recovery + O&M + fuel + purchases"),
            r.row("LCOE", "lcoe_usd_per_kwh_served", lambda v: number(v, 3), "USD/kWh served"),
            r.row("water", "water_usd_per_m3_served", lambda v: number(v, 2), "USD/m³ served"),
            r.row("capex, full town", "capex_full_town_usd", money,
                  "up front: everything the full town's plan builds"),
            *build_out,
            ("land", number(r.get("land_total_ha"), 1),
             f"ha (town {number(r.get('land_town_ha'), 1)}, PV {number(r.get('pv_land_ha'), 1)}, "
             f"landfill {number(r.get('landfill_area_ha'), 1)})"),
            r.row("renewable share", "renewable_share", lambda v: share(v, 1),
                  "of served electricity"),
            ("penalties", money(penalties_usd_yr(f), usd_yr),
             "for unserved electricity, water, gas (not in the system cost)"),
        ],
    )  # fmt: skip
    people = metadata.get("people")
    head: list[Table | str] = (
        [people_table(people, metadata.get("commute_from")), ""] if people else []
    )
    return Group(*head, town, "", caps, "", energy, "", other, "", cost)


STRESS_ROWS = (  # metric, label, scale, unit, digits
    ("unserved_kwh", "unserved electricity", 1e-3, "MWh/yr", 1),
    ("loss_of_load_h", "loss of load", 1.0, "h/yr", 0),
    ("unserved_critical_kwh", "unserved critical", 1e-3, "MWh/yr", 2),
    ("unserved_water_m3", "unserved water", 1.0, "m³/yr", 0),
    ("water_rationing_days", "water rationing", 1.0, "days/yr", 1),
    ("untreated_sewage_m3", "untreated sewage", 1.0, "m³/yr", 0),
    ("unserved_lpg_kg", "unserved cooking gas", 1e-3, "t/yr", 1),
    ("data_centre_availability_pct", "data-centre availability", 1.0, "%", 4),
    ("data_service_availability_pct", "data links availability", 1.0, "%", 3),
    ("min_fuel_autonomy_days", "lowest fuel autonomy", 1.0, "days of average use", 1),
    ("missed_waste_collection_days", "waste collection missed", 1.0, "days/yr", 1),
    ("genset_kwh", "engine output", 1e-3, "MWh/yr", 0),
)


def stress_table(summary: pd.DataFrame, meta: dict[str, Any]) -> Group:
    """The stress test's metrics (mean with 95 % interval, P50/P90/P99) and its survival curves."""
    years = meta.get("years", 0)
    known = share(meta.get("unserved_ci95_half_width_share"), 1)
    state = (
        f"converged: mean unserved energy known to ±{known}"
        if meta.get("converged")
        else f"cap of {whole(years)} years hit: mean unserved energy known to ±{known} only"
    )
    t = Table(
        title=f"Stress test — {whole(years)} sampled years (seed {ident(meta.get('seed'))}; "
        f"{state})",
        title_justify="left",
        box=None,
        pad_edge=False,
    )
    for name, justify in (("", "left"), ("mean", "right"), ("95 % interval", "right")):
        t.add_column(name, justify=justify)  # type: ignore[arg-type]
    for name in ("P50", "P90", "P99", ""):
        t.add_column(name, justify="right" if name else "left")
    for metric, label, scale, unit, digits in STRESS_ROWS:
        if metric not in summary.index:
            continue
        r = summary.loc[metric]

        def f(x: float, d: int = digits, s: float = scale) -> str:
            return number(float(x) * s, d)

        t.add_row(
            label,
            f(r["mean"]),
            f"{f(r['ci95_low'])} – {f(r['ci95_high'])}",
            f(r["p50"]),
            f(r["p90"]),
            f(r["p99"]),
            unit,
        )
    tiers = meta.get("tiers", {})
    lines: list[Table | str] = [
        t,
        "P90 is the value 90 % of sampled years do no worse than. Data centre: "
        f"{tiers.get('mean', MISSING)} in a mean year, {tiers.get('p90', MISSING)} in the P90 "
        "year (Uptime availabilities).",
    ]
    nominal = meta.get("nominal_check")
    if nominal:
        lines.append(
            "Simulator on the plan's own year (no failures): served electricity "
            f"{_signed_share(nominal['served_kwh_rel_diff'])}, served water "
            f"{_signed_share(nominal['served_water_rel_diff'])} against the LP."
        )
    return Group(*lines)


def _signed_share(value: float) -> str:
    """A relative difference as a signed percent with three decimals (``+0.000 %``)."""
    text = share(value, 3)
    return text if text == MISSING or text.startswith("-") else f"+{text}"


def survival_table(survival: pd.DataFrame, hours: tuple[int, ...] = (8, 24, 72, 168)) -> Table:
    """Probability of surviving an outage of a few lengths [-], one row per curve of the saved
    table (labels: `cayo.report.stress_figures.CURVES`)."""
    from cayo.report.stress_figures import CURVES

    sv = survival.set_index("outage_h")
    shown = [h for h in hours if h in sv.index]
    t = Table(
        title="Surviving an outage (island grid down, no ship): share of start hours",
        title_justify="left",
        box=None,
        pad_edge=False,
    )
    t.add_column("served through the outage")
    for h in shown:
        t.add_column(quantity(h, "h"), justify="right")
    for col, label, _colour, _style in CURVES:
        if col in sv:
            t.add_row(label, *(share(sv.loc[h, col], 1) for h in shown))
    return t


def verdict_panel(doc: dict[str, Any]) -> Group:
    """The verdict (from `cayo.verdict.judge.verdict_doc`): outcome, scorecard, utilities not
    served, reasons, risks. Prints beside `money_table` (both are plain rich renderables)."""
    from cayo.verdict.criteria import show

    colour = {"go": "green", "go with conditions": "yellow", "no-go": "red"}[doc["outcome"]]
    t = Table(title="Verdict criteria", title_justify="left", box=None, pad_edge=False)
    for name, justify in (("criterion", "left"), ("value", "right"), ("threshold", "right")):
        t.add_column(name, justify=justify)  # type: ignore[arg-type]
    t.add_column("")
    for utility, _why in doc.get("not_served", {}).items():
        t.add_row(escape(f"{utility} supplied"), "none", "all demand", "[red]FAIL[/]")
    for row in doc["scorecard"]:
        kind, unit = row["kind"], row["unit"]
        t.add_row(
            escape(row["criterion"]),
            escape(show(row["value"], unit, kind)),
            escape(show(row["threshold"], unit, kind)),
            "[green]PASS[/]" if row["passed"] else "[red]FAIL[/]",
        )
    parts: list[Table | str] = [f"[bold {colour}]Verdict: {doc['outcome'].upper()}[/]", t]
    parts += [f"• {escape(r)}" for r in doc["reasons"]]
    if doc.get("risks"):
        r = Table(
            title="Top risks (what each failure class adds a year)",
            title_justify="left",
            box=None,
            pad_edge=False,
        )
        r.add_column("failure class")
        for name in ("unserved MWh/yr", "unserved m³/yr", "cost"):
            r.add_column(name, justify="right")
        for row in doc["risks"]:
            r.add_row(
                escape(row["failure class"]),
                number(row["unserved_kwh_yr"] * MWH_PER_KWH, 1),
                number(row["unserved_water_m3_yr"], 0),
                money(row["cost_usd_yr"], "USD/yr"),
            )
        parts.append(r)
    return Group(*parts)


def money_table(
    figures: dict[str, float],
    target_year: int | None,
    not_served: Mapping[str, str] | None = None,
) -> Table:
    """Life-cycle money and the workforce ramp, in a few lines; a figure that cannot exist shows
    ``—`` and its reason from `not_served` (``metadata["not_served"]``)."""
    f = figures
    r = _Rows(f, not_served)
    usd_yr = "USD/yr"
    horizon = whole(f.get("horizon_years"))
    per_resident = money(f.get("annualised_cost_usd_per_resident_yr"), usd_yr)
    target = year(target_year, never="never")
    steady = number(f.get("workforce_steady_state_specialists"), 0)
    return _table(
        "Over the town's life",
        [
            r.row("net present cost", "npc_total_usd", money,
                  f"over {horizon} years (capex by stage, replacements, O&M, fuel, less salvage)"),
            r.row("annualised", "annualised_cost_usd_yr", lambda v: money(v, usd_yr),
                  f"{per_resident} per resident"),
            r.row("lifecycle LCOE", "lcoe_lifecycle_usd_per_kwh_served", lambda v: number(v, 3),
                  "USD/kWh served"),
            r.row("lifecycle water", "water_lifecycle_usd_per_m3_served", lambda v: number(v, 2),
                  "USD/m³ served"),
            r.row("capex, build-out", "capex_lifecycle_usd", money,
                  "paid stage by stage in the milestone years, replacements aside"),
            r.row("capex, full town", "capex_full_town_usd", money,
                  "up front: everything the full town's plan builds"),
            r.row("diesel bill", "cost_diesel_purchases_usd_yr", lambda v: money(v, usd_yr),
                  f"for the full town ({whole(f.get('diesel_ships_yr', 0.0))} ships/yr, "
                  f"{number(f.get('diesel_imported_m3_yr', 0.0), 0)} m³/yr)"),
            r.row("LPG bill", "cost_lpg_purchases_usd_yr", lambda v: money(v, usd_yr),
                  f"for the full town ({whole(f.get('lpg_ships_yr', 0.0))} ships/yr, "
                  f"{number(f.get('lpg_delivered_t_yr', 0.0), 0)} t/yr)"),
            r.row("per specialist", "annualised_cost_usd_per_specialist_yr",
                  lambda v: money(v, usd_yr), "annualised"),
            ("specialists target", target, f"year reached (steady state {steady})"),
        ],
    )  # fmt: skip


def people_table(people: Mapping[str, float], commute_from: str | None) -> Table:
    """Who lives in town, how many dwellings, and where the service staff come from
    (`Program.people_figures`)."""
    p = dict(people)
    given = p["specialists"] + p["students"]
    children = p["children_0_2"] + p["children_3_6"] + p["children_7_17"]
    service = p["service_residents"] + p["service_family_adults"]
    source = f"commuting from {commute_from}" if commute_from else "commuting (no source named)"
    return _table(
        "People",
        [
            ("residents", whole(p["residents"]),
             f"persons: {whole(given)} specialists and students as given, "
             f"{whole(p['residents'] - given)} in their families and service households"),
            ("specialists", whole(p["specialists"]), "persons"),
            ("students", whole(p["students"]), "persons"),
            ("partners", whole(p["partners"]), "persons (not specialists themselves)"),
            ("children", whole(children),
             f"persons: {whole(p['children_0_2'])} aged 0-2, {whole(p['children_3_6'])} aged "
             f"3-6, {whole(p['children_7_17'])} aged 7-17"),
            ("service households", whole(service),
             f"persons: {whole(p['service_residents'])} service workers and "
             f"{whole(p['service_family_adults'])} other adults (their children above)"),
            ("dwellings", whole(p["dwellings"]),
             f"({number(p['persons_per_dwelling'], 2)} persons per dwelling)"),
            ("service staff needed", whole(p["service_staff_needed"]),
             f"persons: {whole(p['service_staff_partners'])} partners, "
             f"{whole(p['service_staff_moving_in'])} moving in, "
             f"{whole(p['service_staff_commuters'])} {source}"),
            ("service staff short", whole(p["service_staff_shortfall"]),
             "persons nobody fills" if p["service_staff_shortfall"] >= 0.5 else "persons"),
            ("commute", number(p["commute_bus_km_yr"], 0),
             f"bus-km/yr, {number(p['commute_diesel_l_yr'] * M3_PER_L, 1)} m³ diesel/yr "
             "(not in the plan's fuel)"),
        ],
    )  # fmt: skip
