"""The readable terminal summary of a plan (rich tables), from its figures and metadata."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from rich.console import Group
from rich.markup import escape
from rich.table import Table


def _table(title: str, rows: list[tuple[str, str, str]]) -> Table:
    t = Table(title=title, title_justify="left", show_header=False, box=None, pad_edge=False)
    t.add_column(style="bold")
    t.add_column(justify="right")
    t.add_column(style="dim")
    for row in rows:
        t.add_row(*row)
    return t


def summary(figures: dict[str, float], metadata: dict[str, Any]) -> Group:
    """Capacities, energy by source, costs, LCOE, renewable share, fuel and unserved energy."""
    f = figures
    mwh = 1e-3

    def n(x: float, digits: int = 0) -> str:
        return f"{x:,.{digits}f}"

    town = _table(
        f"{metadata.get('scenario_name', 'scenario')} — supply plan",
        [
            ("residents", n(metadata.get("residents", 0)), "persons"),
            ("demand", n(f["load_kwh_yr"] * mwh), "MWh/yr"),
            (
                "per resident",
                n(metadata.get("electricity_kwh_per_resident_yr", 0)),
                "kWh/person/yr",
            ),
            ("peak load", n(f["peak_load_kw"]), "kW"),
        ],
    )
    caps = _table(
        "Capacity to build",
        [
            ("PV", n(f["pv_kw"]), "kWp"),
            ("battery power", n(f["battery_kw"]), "kW"),
            ("battery energy", n(f["battery_kwh"]), "kWh"),
            ("gensets", n(f["genset_kw"]), "kW"),
        ],
    )
    supply = (f["pv_used_kwh_yr"] + f["genset_kwh_yr"] + f["grid_import_kwh_yr"]) or 1.0
    losses = f["battery_charge_kwh_yr"] - f["battery_discharge_kwh_yr"]
    energy = _table(
        "Energy by source",
        [
            (
                "PV used",
                n(f["pv_used_kwh_yr"] * mwh),
                f"MWh/yr ({f['pv_used_kwh_yr'] / supply:.1%} of supply)",
            ),
            ("gensets", n(f["genset_kwh_yr"] * mwh), f"MWh/yr ({f['genset_kwh_yr'] / supply:.1%})"),
            (
                "island grid",
                n(f["grid_import_kwh_yr"] * mwh),
                f"MWh/yr ({f['grid_import_kwh_yr'] / supply:.1%})",
            ),
            (
                "battery out",
                n(f["battery_discharge_kwh_yr"] * mwh),
                f"MWh/yr (losses {n(losses * mwh)} MWh/yr)",
            ),
            ("PV curtailed", n(f["pv_curtailed_kwh_yr"] * mwh), "MWh/yr"),
            (
                "unserved",
                n(f["unserved_kwh_yr"] * mwh, 1),
                f"MWh/yr ({f['unserved_share']:.3%} of demand, {n(f['unserved_hours_yr'])} h)",
            ),
        ],
    )

    def get(key: str, default: float = 0.0) -> float:
        return float(f.get(key, default))

    capex = sum(v for k, v in f.items() if k.startswith("capex_"))
    other = _table(
        "Water, fuels and services",
        [
            (
                "wells",
                n(get("wells_m3_h"), 1),
                f"m³/h ({get('water_from_wells_share'):.0%} of water)",
            ),
            ("desalination (RO)", n(get("ro_m3_h"), 1), "m³/h"),
            ("water tank", n(get("water_tank_m3")), "m³"),
            ("water unserved", n(get("water_unserved_m3_yr")), "m³/yr"),
            (
                "sewage plant",
                n(get("sewage_capacity_m3_per_day")),
                f"m³/day (reuse {n(get('water_reused_m3_yr'))} m³/yr for irrigation)",
            ),
            (
                "diesel tank",
                n(get("diesel_tank_l") / 1000, 1),
                f"m³ ({get('diesel_autonomy_days'):.1f} days of average burn; "
                f"{n(get('diesel_ships_yr'))} ships/yr, {n(get('diesel_imported_m3_yr'))} m³/yr)",
            ),
            (
                "LPG tank",
                n(get("lpg_tank_kg") / 1000, 1),
                f"t ({n(get('lpg_ships_yr'))} ships/yr, {n(get('lpg_delivered_t_yr'))} t/yr, "
                f"unserved {get('lpg_unserved_t_yr'):.1f} t/yr)",
            ),
            (
                "waste trucks",
                n(get("waste_trucks")),
                f"({get('waste_t_per_day'):.1f} t/day; landfill {get('landfill_area_ha'):.1f} ha "
                "for the horizon)",
            ),
            (
                "data links",
                ", ".join(
                    f"{int(v)} {k.removeprefix('data_link_units_')}"
                    for k, v in f.items()
                    if k.startswith("data_link_units_") and v
                )
                or "none",
                f"({get('data_capacity_gbps'):.0f} Gbit/s for a "
                f"{get('data_peak_gbps'):.1f} Gbit/s peak)",
            ),
        ],
    )
    from cayo.finance.metrics import utility_costs

    money = _table(
        "Cost",
        [
            *[(name, n(v / 1e6, 2), "million USD/yr") for name, v in utility_costs(f).items()],
            (
                "system cost",
                n(f["system_cost_usd_yr"] / 1e6, 2),
                "million USD/yr (annuities + O&M + fuel + purchases)",
            ),
            ("LCOE", f"{f['lcoe_usd_per_kwh_served']:.3f}", "USD/kWh served"),
            ("water", f"{get('water_usd_per_m3_served', float('nan')):.2f}", "USD/m³ served"),
            ("capex", n(capex / 1e6, 1), "million USD up front"),
            (
                "land",
                n(get("land_total_ha"), 1),
                f"ha (town {get('land_town_ha'):.1f}, PV {get('pv_land_ha'):.1f}, "
                f"landfill {get('landfill_area_ha'):.1f})",
            ),
            ("renewable share", f"{f['renewable_share']:.1%}", "of served electricity"),
            ("fuel", n(f["fuel_l_yr"]), "L/yr burnt by gensets"),
            (
                "penalties",
                n(sum(v for k, v in f.items() if k.startswith("penalty_"))),
                "USD/yr for unserved electricity, water, gas (not in the system cost)",
            ),
        ],
    )
    return Group(town, "", caps, "", energy, "", other, "", money)


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
    years = int(meta.get("years", 0))
    share = float(meta.get("unserved_ci95_half_width_share", float("nan")))
    state = (
        f"converged: mean unserved energy known to ±{share:.1%}"
        if meta.get("converged")
        else f"cap of {years:,} years hit: mean unserved energy known to ±{share:.1%} only"
    )
    t = Table(
        title=f"Stress test — {years:,} sampled years (seed {meta.get('seed')}; {state})",
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
            return "—" if not np.isfinite(x) else f"{x * s:,.{d}f}"

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
        f"{tiers.get('mean')} in a mean year, {tiers.get('p90')} in the P90 year "
        "(Uptime availabilities).",
    ]
    nominal = meta.get("nominal_check")
    if nominal:
        lines.append(
            "Simulator on the plan's own year (no failures): served electricity "
            f"{nominal['served_kwh_rel_diff']:+.3%}, served water "
            f"{nominal['served_water_rel_diff']:+.3%} against the LP."
        )
    return Group(*lines)


def survival_table(survival: pd.DataFrame, hours: tuple[int, ...] = (8, 24, 72, 168)) -> Table:
    """Probability of surviving an outage of a few lengths [-]."""
    sv = survival.set_index("outage_h")
    t = Table(
        title="Surviving an outage: island grid down, no ship, critical load and water served "
        "(share of start hours)",
        title_justify="left",
        box=None,
        pad_edge=False,
    )
    t.add_column("outage")
    for label in (
        "electricity, engines",
        "water, engines",
        "electricity, PV + battery",
        "water, PV + battery + tank",
    ):
        t.add_column(label, justify="right")
    for h in hours:
        if h in sv.index:
            r = sv.loc[h]
            t.add_row(
                f"{h} h",
                f"{r['electricity_with_gensets']:.1%}",
                f"{r['water_with_gensets']:.1%}",
                f"{r['electricity_storage_only']:.1%}",
                f"{r['water_storage_only']:.1%}",
            )
    return t


def verdict_panel(doc: dict[str, Any]) -> Group:
    """The verdict (from `cayo.verdict.judge.verdict_doc`): outcome, scorecard, reasons, risks."""
    colour = {"go": "green", "go with conditions": "yellow", "no-go": "red"}[doc["outcome"]]
    t = Table(title="Verdict criteria", title_justify="left", box=None, pad_edge=False)
    for name, justify in (("criterion", "left"), ("value", "right"), ("threshold", "right")):
        t.add_column(name, justify=justify)  # type: ignore[arg-type]
    t.add_column("unit")
    t.add_column("")
    from cayo.verdict.criteria import tier_name

    for row in doc["scorecard"]:
        if row["kind"] == "tier":
            value, limit = tier_name(row["value"]), tier_name(row["threshold"])
        else:
            value, limit = f"{row['value']:,.4g}", f"{row['threshold']:,.4g}"
        t.add_row(
            row["criterion"], value, limit, row["unit"],
            "[green]PASS[/]" if row["passed"] else "[red]FAIL[/]",
        )  # fmt: skip
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
        for name in ("unserved MWh", "unserved m³", "cost kUSD"):
            r.add_column(name, justify="right")
        for row in doc["risks"]:
            r.add_row(
                row["failure class"],
                f"{row['unserved_kwh_yr'] / 1e3:,.1f}",
                f"{row['unserved_water_m3_yr']:,.0f}",
                f"{row['cost_usd_yr'] / 1e3:,.0f}",
            )
        parts.append(r)
    return Group(*parts)


def money_table(figures: dict[str, float], target_year: int | None) -> Table:
    """Life-cycle money and the workforce ramp, in a few lines."""
    f = figures
    return _table(
        "Over the town's life",
        [
            ("net present cost", f"{f['npc_total_usd'] / 1e6:,.1f}",
             f"million USD over {f['horizon_years']:.0f} years (capex by stage, replacements, "
             "O&M, fuel, less salvage)"),
            ("annualised", f"{f['annualised_cost_usd_yr'] / 1e6:,.2f}",
             f"million USD/yr ({f['annualised_cost_usd_per_resident_yr']:,.0f} per resident)"),
            ("lifecycle LCOE", f"{f['lcoe_lifecycle_usd_per_kwh_served']:.3f}",
             "USD/kWh served"),
            ("lifecycle water", f"{f['water_lifecycle_usd_per_m3_served']:.2f}",
             "USD/m³ served"),
            ("build-out capex", f"{f['capex_lifecycle_usd'] / 1e6:,.1f}",
             "million USD in the milestone years"),
            ("fuel import bill", f"{f.get('cost_diesel_purchases_usd_yr', 0.0) / 1e6:,.2f}",
             f"million USD/yr of diesel for the full town ({f.get('diesel_ships_yr', 0.0):.0f} "
             f"ships/yr) and {f.get('cost_lpg_purchases_usd_yr', 0.0) / 1e6:,.2f} of LPG"),
            ("per specialist", f"{f['annualised_cost_usd_per_specialist_yr']:,.0f}",
             "USD/yr annualised"),
            ("specialists target", "never" if target_year is None else str(target_year),
             f"year reached (steady state {f['workforce_steady_state_specialists']:,.0f})"),
        ],
    )  # fmt: skip
