"""The scorecard: each criterion of the scenario judged PASS or FAIL, with the value measured,
the threshold and the margin (positive when passing, in the criterion's unit)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cayo.fmt import money, quantity, share
from cayo.scenario.schema import Criteria
from cayo.stress.metrics import TIER_RANK


@dataclass(frozen=True)
class Criterion:
    """One criterion: its measured key, the scenario field with its threshold, direction, unit."""

    name: str
    measured: str
    threshold: str
    kind: str  # "max", "min" or "tier"
    unit: str


CRITERIA = (
    Criterion("budget", "capex_usd", "budget_capex_usd", "max", "USD"),
    Criterion("unserved electricity", "unserved_energy_share_p90", "max_unserved_energy_share",
              "max", "-"),
    Criterion("unserved water", "unserved_water_share_p90", "max_unserved_water_share", "max", "-"),
    Criterion("water autonomy", "water_autonomy_days", "min_water_autonomy_days", "min", "d"),
    Criterion("data-centre tier", "data_centre_tier_p90", "min_data_centre_tier", "tier", "tier"),
    Criterion("fuel dependence", "fuel_share", "max_fuel_share", "max", "-"),
    Criterion("electricity cost", "lcoe_usd_per_kwh", "max_lcoe_usd_per_kwh", "max", "USD/kWh"),
    Criterion("land", "land_ha", "land_available_ha", "max", "ha"),
)  # fmt: skip


def measure(figures: dict[str, float], stress: pd.DataFrame | None) -> dict[str, float | None]:
    """The values the criteria judge, from a plan's figures and its stress summary (P90 year).

    Without a stress test the stress criteria are measured on the plan's own year, and the data
    centre, which the plan never leaves unpowered, counts as always available. A value whose
    figure is missing (no electricity served: no cost per kWh) is None: `scorecard` leaves its
    criterion out.
    """
    from cayo.stress.metrics import uptime_tier

    f = figures
    water_demand = f.get("water_supplied_m3_yr", 0.0) + f.get("water_unserved_m3_yr", 0.0)
    daily_water = f.get("water_supplied_m3_yr", 0.0) / 365.0
    if stress is not None:
        unserved = float(stress.loc["unserved_kwh", "p90"])
        unserved_w = float(stress.loc["unserved_water_m3", "p90"])
        dc = float(stress.loc["data_centre_availability_pct", "p90"])
    else:
        unserved, unserved_w, dc = f["unserved_kwh_yr"], f.get("water_unserved_m3_yr", 0.0), 100.0
    # the build-out's capex (replacements aside); without money, the full town's plan up front
    capex = f.get("capex_lifecycle_usd", f.get("capex_full_town_usd"))
    lcoe = f.get("lcoe_lifecycle_usd_per_kwh_served", f.get("lcoe_usd_per_kwh_served"))
    return {
        "capex_usd": None if capex is None else float(capex),
        "unserved_energy_share_p90": unserved / f["load_kwh_yr"] if f["load_kwh_yr"] else 0.0,
        "unserved_water_share_p90": unserved_w / water_demand if water_demand else 0.0,
        "water_autonomy_days": f.get("water_tank_m3", 0.0) / daily_water if daily_water else 0.0,
        "data_centre_tier_p90": float(TIER_RANK[uptime_tier(dc)]),
        "data_centre_availability_pct_p90": dc,
        "fuel_share": f["genset_kwh_yr"] / f["served_kwh_yr"] if f["served_kwh_yr"] else 0.0,
        "lcoe_usd_per_kwh": None if lcoe is None else float(lcoe),
        "land_ha": f.get("land_total_ha", 0.0),
    }


def unmeasured(measured: dict[str, float | None]) -> list[str]:
    """The criteria whose value is missing (they are left out of the scorecard)."""
    return [c.name for c in CRITERIA if measured.get(c.measured) is None]


def show(value: float, unit: str, kind: str = "max") -> str:
    """A criterion's value or threshold for people, in its unit (`cayo.fmt`).

    >>> show(111_245_375.2, "USD"), show(0.012144, "-"), show(0.2319, "d")
    ('111.2 M USD', '1.21 %', '0.232 d')
    >>> show(3.0, "tier", "tier")
    'Tier III'
    >>> show(0.19445, "USD/kWh"), show(226.04, "ha")
    ('0.194 USD/kWh', '226 ha')
    """
    if kind == "tier":
        return tier_name(value)
    if unit == "USD":
        return money(value)
    if unit == "-":
        return share(value)
    return quantity(value, unit)


def scorecard(measured: dict[str, float | None], criteria: Criteria) -> pd.DataFrame:
    """One row per criterion with a measured value: value, threshold, unit, margin, passed.

    >>> from cayo.scenario.io import load_scenario
    >>> c = load_scenario().scenario.criteria
    >>> m = {"capex_usd": 2e8, "unserved_energy_share_p90": 0.001, "unserved_water_share_p90": 0,
    ...      "water_autonomy_days": 1.5, "data_centre_tier_p90": 3.0, "fuel_share": 0.1,
    ...      "lcoe_usd_per_kwh": 0.2, "land_ha": 100}
    >>> s = scorecard(m, c)
    >>> bool(s.loc["budget", "passed"]), float(s.loc["budget", "margin"])
    (False, -50000000.0)
    >>> bool(s.loc["water autonomy", "passed"]), bool(s.loc["data-centre tier", "passed"])
    (True, True)
    """
    rows = {}
    for c in CRITERIA:
        if measured.get(c.measured) is None:
            continue
        value = float(measured[c.measured])  # type: ignore[arg-type]
        limit = getattr(criteria, c.threshold)
        if c.kind == "tier":
            threshold = float(TIER_RANK[limit])
            margin = value - threshold
        elif c.kind == "min":
            threshold = float(limit)
            margin = value - threshold
        else:
            threshold = float(limit)
            margin = threshold - value
        rows[c.name] = {
            "value": value,
            "threshold": threshold,
            "unit": c.unit,
            "margin": margin,
            "passed": bool(margin >= 0),
            "kind": c.kind,
        }
    columns = ["value", "threshold", "unit", "margin", "passed", "kind"]
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns)


def tier_name(rank: float) -> str:
    """The tier of a rank (4 = Tier IV ... 0 = below Tier I).

    >>> tier_name(3.0)
    'Tier III'
    """
    for name, r in TIER_RANK.items():
        if r == int(rank):
            return name
    return "below Tier I"
