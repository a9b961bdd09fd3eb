"""Solid waste: collection fleet, composting, landfill area and optional waste-to-energy,
sized from the daily waste of the town (outside the LP; WtE output is offered to it)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from cayo.costs import waste_to_energy, waste_trucks
from cayo.scenario.schema import SolidWaste

ASH_SHARE = 0.2  # [-] estimate: bottom ash left by mass-burn incineration, ~20 % of the mass


@dataclass(frozen=True)
class WastePlan:
    """Sizing of the waste service.

    Attributes
    ----------
    waste_t_per_day : average collected waste [t/day]; organic_t_per_day : its organic part.
    trucks : collection trucks [-]; truck_fuel_l_per_yr : their diesel [L/yr].
    composted_t_per_day : organic waste composted [t/day].
    landfilled_t_per_day : waste to the landfill [t/day].
    landfill_area_ha : landfill area for the horizon [ha].
    wte_t_per_day : waste burnt [t/day]; wte_kw : its constant electricity [kW].
    variable_cost_usd_yr : collection + disposal, paid per tonne [USD/yr].
    annual_cost_usd : capital recovery of trucks and WtE plant (`cayo.costs`) + the variable
        cost [USD/yr].
    capex_usd : trucks + WtE plant [USD].
    """

    waste_t_per_day: float
    organic_t_per_day: float
    trucks: int
    truck_fuel_l_per_yr: float
    composted_t_per_day: float
    landfilled_t_per_day: float
    landfill_area_ha: float
    wte_t_per_day: float
    wte_kw: float
    variable_cost_usd_yr: float
    annual_cost_usd: float
    capex_usd: float


def plan_waste(
    w: SolidWaste, waste_t_per_day: float, organic_share: float, discount_rate: float
) -> WastePlan:
    """Size the waste service for `waste_t_per_day` [t/day] with `organic_share` [-] organic.

    >>> from cayo.scenario.schema import SolidWaste
    >>> w = SolidWaste(truck_capacity_t=8, trips_per_truck_day=3, km_per_trip=20,
    ...     truck_l_per_km=0.5, truck_capex_usd=0, truck_lifetime_yr=10, collection_usd_per_t=0,
    ...     disposal_usd_per_t=0, composted_share_of_organic=0.5, landfill_density_t_per_m3=1.0,
    ...     landfill_height_m=10, horizon_yr=10, waste_to_energy=False, wte_kwh_per_t=0,
    ...     wte_capex_usd_per_t_per_day=0, wte_lifetime_yr=10)
    >>> p = plan_waste(w, 30.0, 0.6, 0.0)
    >>> p.trucks, p.composted_t_per_day, p.landfilled_t_per_day, round(p.landfill_area_ha, 4)
    (2, 9.0, 21.0, 0.7665)
    """
    trips = waste_t_per_day / w.truck_capacity_t
    trucks = math.ceil(trips / w.trips_per_truck_day - 1e-9) if waste_t_per_day > 0 else 0
    fuel = math.ceil(trips - 1e-9) * w.km_per_trip * w.truck_l_per_km * 365
    organic = waste_t_per_day * organic_share
    composted = organic * w.composted_share_of_organic
    residual = waste_t_per_day - composted
    wte = residual if w.waste_to_energy else 0.0
    landfilled = residual - wte * (1 - ASH_SHARE)
    area_m2 = landfilled * 365 * w.horizon_yr / w.landfill_density_t_per_m3 / w.landfill_height_m
    truck, plant = waste_trucks(w), waste_to_energy(w)
    capex = trucks * truck.capex_usd_per_unit + wte * plant.capex_usd_per_unit
    variable = (
        waste_t_per_day * 365 * w.collection_usd_per_t + landfilled * 365 * w.disposal_usd_per_t
    )
    annual = (
        trucks * truck.annual_usd_per_unit_yr(discount_rate)
        + wte * plant.annual_usd_per_unit_yr(discount_rate)
        + variable
    )
    return WastePlan(
        waste_t_per_day=waste_t_per_day,
        organic_t_per_day=organic,
        trucks=trucks,
        truck_fuel_l_per_yr=float(fuel),
        composted_t_per_day=composted,
        landfilled_t_per_day=landfilled,
        landfill_area_ha=area_m2 / 1e4,
        wte_t_per_day=wte,
        wte_kw=wte * w.wte_kwh_per_t / 24.0,
        variable_cost_usd_yr=variable,
        annual_cost_usd=annual,
        capex_usd=capex,
    )


def constant(value: float, hours: int) -> np.ndarray:
    """A flat hourly series."""
    return np.full(hours, float(value))
