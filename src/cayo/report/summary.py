"""The readable terminal summary of a plan (rich tables), from its figures and metadata."""

from __future__ import annotations

from typing import Any

from rich.console import Group
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
        f"{metadata.get('scenario_name', 'scenario')} — electricity plan",
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
    money = _table(
        "Cost",
        [
            (
                "system cost",
                n(f["system_cost_usd_yr"] / 1e6, 2),
                "million USD/yr (annuities + O&M + fuel + purchases)",
            ),
            ("LCOE", f"{f['lcoe_usd_per_kwh_served']:.3f}", "USD/kWh served"),
            (
                "capex",
                n((f["capex_pv_usd"] + f["capex_battery_usd"] + f["capex_genset_usd"]) / 1e6, 1),
                "million USD up front",
            ),
            ("renewable share", f"{f['renewable_share']:.1%}", "of served energy"),
            ("fuel", n(f["fuel_l_yr"]), "L/yr"),
            (
                "lost-load penalty",
                n(f["lost_load_penalty_usd_yr"]),
                "USD/yr (not in the system cost)",
            ),
        ],
    )
    return Group(town, "", caps, "", energy, "", money)
