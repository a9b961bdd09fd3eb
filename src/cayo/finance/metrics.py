"""Plan-level figures: capacities, energy and water by source, costs per utility, unit costs on
served quantities, fuel imports, autonomy and land.

Every figure is a finite number. A figure that cannot exist for a plan (a cost per m³ when no
water is served, days of diesel autonomy without gensets) is left out, and `not_served_reasons`
says why.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from cayo.finance.parts import components
from cayo.scenario.schema import Scenario
from cayo.supply.fixed import FixedParts
from cayo.supply.inputs import LPInputs
from cayo.supply.plan import SupplyPlan

UTILITY_COSTS = {  # utility → its annual cost key; electricity bought by plants is theirs
    "electricity": "cost_electricity_usd_yr",
    "water": "cost_water_usd_yr",
    "sewage": "cost_sewage_usd_yr",
    "cooking gas": "cost_lpg_usd_yr",
    "solid waste": "cost_solid_waste_usd_yr",
    "data links": "cost_data_links_usd_yr",
}
# utility → its variable cost key [USD/yr]: variable O&M, fuel, purchases and electricity bought
# by the water and sewage plants (for electricity: less what it sells them). A utility's annual
# cost = Σ over its components (capital recovery + fixed O&M) + this.
VARIABLE_COSTS = {
    "electricity": "variable_cost_electricity_usd_yr",
    "water": "variable_cost_water_usd_yr",
    "sewage": "variable_cost_sewage_usd_yr",
    "cooking gas": "variable_cost_lpg_usd_yr",
    "solid waste": "variable_cost_solid_waste_usd_yr",
    "data links": "variable_cost_data_links_usd_yr",
}
PENALTIES = (  # penalties on unserved service [USD/yr]: in the LP's objective, in no cost
    "penalty_unserved_electricity_usd_yr",
    "penalty_reserve_shortfall_usd_yr",
    "penalty_unserved_water_usd_yr",
    "penalty_unserved_lpg_usd_yr",
)
L_PER_M3 = 1000.0  # [L/m³]


def _per(value: float, quantity: float) -> float | None:
    """value / quantity, or None when the quantity is not positive (the ratio cannot exist)."""
    return value / quantity if quantity > 0 else None


def plan_figures(
    scenario: Scenario, x: LPInputs, plan: SupplyPlan, fixed: FixedParts | None = None
) -> dict[str, float]:
    """Scalar results of a solved plan; every key carries its unit; every value is finite.

    Annual costs [USD/yr] are, per utility, the capital recovery and fixed O&M of what the plan
    builds (the cost table, `cayo.costs`, through `cayo.finance.parts.components`) plus its
    variable costs from the dispatch (variable O&M, fuel, purchases). Penalties for unserved
    electricity, water and gas are reported apart and are in no cost or unit cost. Electricity is
    costed over every kWh the system serves, the town's and the water and sewage plants'; those
    plants' electricity is then charged to water and sewage at that average cost, so water has a
    full cost per m³ served. Ratios whose quantity is zero are left out (`not_served_reasons`).
    The up-front capex of the plan (``capex_full_town_usd`` in the full town's figures) is the
    table's capex of everything it builds.
    """
    h = plan.hourly
    cap = plan.capacity
    tech = scenario.technologies
    gen, bat = tech.genset, tech.battery
    parts = components(scenario, cap, fixed)
    yearly_cost = parts["capital_recovery_usd_yr"] + parts["fixed_om_usd_yr"]  # [USD/yr]
    annual = yearly_cost.set_axis(parts["key"]).to_dict()

    def total(col: str) -> float:
        return float(h[col].sum())

    def yearly(*keys: str) -> float:  # capital recovery + fixed O&M of these components
        return float(sum(annual[k] for k in keys))

    load = total("load_kw")
    unserved = total("unserved_kw")
    genset = total("genset_kw")
    grid = total("grid_import_kw")
    water_kwh = total("wells_kw") + total("ro_kw")
    served_kwh = load - unserved + water_kwh
    logistics = x.diesel_ship is not None  # else fuel is bought as it is burnt
    burnt_l = total("diesel_burn_l")
    bought_l = total("diesel_delivery_l") if logistics else burnt_l
    el_cost = {
        "cost_pv_usd_yr": yearly("pv_kw"),
        "cost_battery_usd_yr": yearly("battery_kw", "battery_kwh"),
        "cost_battery_throughput_usd_yr": total("battery_discharge_kw")
        * bat.throughput_cost_usd_per_kwh,
        "cost_genset_capital_usd_yr": yearly("genset_kw"),
        "cost_genset_variable_om_usd_yr": genset * gen.variable_om_usd_per_kwh,
        "cost_diesel_purchases_usd_yr": bought_l * gen.fuel_price_usd_per_l,
        "cost_diesel_tank_usd_yr": yearly("diesel_tank_l"),
        "cost_grid_purchases_usd_yr": grid * tech.island_grid.price_usd_per_kwh,
    }
    el_total = sum(el_cost.values())
    lcoe = _per(el_total, served_kwh)
    distribution_kwh = 0.0 if fixed is None else float(fixed.distribution_kw.sum())
    sewage_kwh = 0.0 if fixed is None else float(fixed.sewage.energy_kw.sum())
    water_el = (water_kwh + distribution_kwh) * (lcoe or 0.0)
    sewage_el = sewage_kwh * (lcoe or 0.0)
    water_served = total("water_demand_m3_h") - total("unserved_water_m3_h")
    ro_variable = total("ro_m3_h") * scenario.water_supply.desalination.variable_om_usd_per_m3
    water_cost = {
        "cost_wells_usd_yr": yearly("wells_m3_h"),
        "cost_desalination_usd_yr": yearly("ro_m3_h") + ro_variable,
        "cost_water_tank_usd_yr": yearly("water_tank_m3"),
        "cost_water_electricity_usd_yr": water_el,
    }
    sewage_cost = {"cost_sewage_electricity_usd_yr": sewage_el}
    lpg_purchases = total("lpg_delivery_kg") * scenario.fuel_supply.lpg.price_usd_per_kg
    lpg_cost = {
        "cost_lpg_purchases_usd_yr": lpg_purchases,
        "cost_lpg_tank_usd_yr": yearly("lpg_tank_kg"),
    }
    lpg_served = total("lpg_demand_kg_h") - total("unserved_lpg_kg_h")
    variable = {
        "electricity": el_cost["cost_battery_throughput_usd_yr"]
        + el_cost["cost_genset_variable_om_usd_yr"]
        + el_cost["cost_diesel_purchases_usd_yr"]
        + el_cost["cost_grid_purchases_usd_yr"]
        - water_el
        - sewage_el,
        "water": ro_variable + water_el,
        "sewage": sewage_el,
        "cooking gas": lpg_purchases,
        "solid waste": 0.0 if fixed is None else fixed.waste.variable_cost_usd_yr,
        "data links": 0.0,
    }
    by_utility = yearly_cost.groupby(parts["utility"]).sum()
    utility_cost = {u: float(by_utility.get(u, 0.0)) + v for u, v in variable.items()}
    penalty = {
        "penalty_unserved_electricity_usd_yr": unserved * x.value_of_lost_load_usd_per_kwh,
        "penalty_reserve_shortfall_usd_yr": total("reserve_shortfall_kw")
        * x.value_of_lost_load_usd_per_kwh,
        "penalty_unserved_water_usd_yr": total("unserved_water_m3_h")
        * x.value_of_lost_water_usd_per_m3,
        "penalty_unserved_lpg_usd_yr": total("unserved_lpg_kg_h") * x.value_of_lost_lpg_usd_per_kg,
    }
    burn_per_day = burnt_l / (len(h) / 24)
    out: dict[str, float | None] = {
        **{k: float(v) for k, v in cap.items()},
        "peak_load_kw": float(h["load_kw"].max()),
        "load_kwh_yr": load,
        "served_kwh_yr": load - unserved,
        "unserved_kwh_yr": unserved,
        "unserved_share": unserved / load if load else 0.0,
        "unserved_hours_yr": float((h["unserved_kw"] > 1e-6).sum()),
        "reserve_shortfall_kwh_yr": total("reserve_shortfall_kw"),
        "water_plants_kwh_yr": water_kwh,
        "pv_available_kwh_yr": total("pv_available_kw"),
        "pv_used_kwh_yr": total("pv_kw"),
        "pv_curtailed_kwh_yr": total("curtailed_kw"),
        "genset_kwh_yr": genset,
        "grid_import_kwh_yr": grid,
        "must_run_kwh_yr": total("must_run_kw"),
        "battery_discharge_kwh_yr": total("battery_discharge_kw"),
        "battery_charge_kwh_yr": total("battery_charge_kw"),
        # as the LP's min_renewable_share rule counts it: every kWh served, the plants' included
        "renewable_share": 1.0 - (genset + grid) / served_kwh if served_kwh > 0 else None,
        "diesel_burnt_m3_yr": burnt_l / L_PER_M3,
        "diesel_imported_m3_yr": bought_l / L_PER_M3,
        "diesel_ships_yr": float((h["diesel_delivery_l"] > 1e-3).sum()),
        "diesel_autonomy_days": _per(cap["diesel_tank_l"], burn_per_day) if logistics else None,
        "diesel_min_stock_days": _per(float(h["diesel_stock_l"].min()), burn_per_day)
        if logistics
        else None,
        "water_supplied_m3_yr": water_served,
        "water_unserved_m3_yr": total("unserved_water_m3_h"),
        "water_from_wells_share": _per(total("wells_m3_h"), water_served),
        "lpg_delivered_t_yr": total("lpg_delivery_kg") / 1000.0,
        "lpg_ships_yr": float((h["lpg_delivery_kg"] > 1e-3).sum()),
        "lpg_unserved_t_yr": total("unserved_lpg_kg_h") / 1000.0,
        **el_cost,
        **water_cost,
        **lpg_cost,
        **sewage_cost,
        "cost_electricity_system_usd_yr": el_total,
        **{UTILITY_COSTS[u]: v for u, v in utility_cost.items()},
        **{VARIABLE_COSTS[u]: v for u, v in variable.items()},
        **penalty,
        "lp_objective_usd_yr": plan.objective_usd_yr,
        "lcoe_usd_per_kwh_served": lcoe,
        "water_usd_per_m3_served": _per(utility_cost["water"], water_served),
        "lpg_usd_per_kg_served": _per(utility_cost["cooking gas"], lpg_served),
        "capex_full_town_usd": float(parts["capex_usd"].sum()),
        "pv_land_ha": cap["pv_kw"] / tech.pv.kw_per_ha if tech.pv.kw_per_ha else 0.0,
        "system_cost_usd_yr": float(sum(utility_cost.values())),
    }
    if not gen.enabled:  # no diesel can be bought: a fuel bill of 0 would hide why
        del out["cost_diesel_purchases_usd_yr"]
    if not scenario.fuel_supply.lpg.enabled:
        del out["cost_lpg_purchases_usd_yr"]
    if fixed is not None:
        out |= _fixed_figures(fixed, utility_cost["sewage"], utility_cost["solid waste"])
    return finite_figures(out)


def finite_figures(out: dict[str, float | None]) -> dict[str, float]:
    """`out` without the figures that cannot exist (None or not finite, among `OPTIONAL`);
    a figure outside `OPTIONAL` that is not a finite number is a defect and raises ValueError."""
    bad = [k for k, v in out.items() if (v is None or not math.isfinite(v)) and k not in OPTIONAL]
    if bad:
        raise ValueError(f"figures that should always exist are not finite numbers: {bad}")
    return {k: float(v) for k, v in out.items() if v is not None and math.isfinite(v)}


def _fixed_figures(f: FixedParts, sewage_cost: float, waste_cost: float) -> dict[str, float | None]:
    w = f.waste
    return {
        "sewage_capacity_m3_per_day": f.sewage.capacity_m3_per_day,
        "sewage_bod_capacity_kg_per_day": f.sewage.bod_capacity_kg_per_day,
        "sewage_kwh_yr": float(f.sewage.energy_kw.sum()),
        "sewage_treated_m3_yr": f.sewage.treated_m3_yr,
        "water_reused_m3_yr": float(f.sewage.reuse_m3_h.sum()),
        "distribution_kwh_yr": float(f.distribution_kw.sum()),
        "sewage_usd_per_m3_treated": _per(sewage_cost, f.sewage.treated_m3_yr),
        "waste_t_per_day": w.waste_t_per_day,
        "waste_trucks": float(w.trucks),
        "waste_truck_diesel_m3_yr": w.truck_fuel_l_per_yr / L_PER_M3,
        "waste_composted_t_per_day": w.composted_t_per_day,
        "waste_landfilled_t_per_day": w.landfilled_t_per_day,
        "landfill_area_ha": w.landfill_area_ha,
        "wte_kw": w.wte_kw,
        "wte_t_per_day": w.wte_t_per_day,
        "waste_usd_per_t": _per(waste_cost, w.waste_t_per_day * 365),
        **{f"data_link_units_{k}": float(v) for k, v in f.links.units.items()},
        "data_capacity_gbps": f.links.capacity_gbps,
        "data_n_minus_1_gbps": f.links.n_minus_1_gbps,
        "data_peak_gbps": f.links.peak_gbps,
        "data_availability": f.links.availability,
    }


def utility_costs(figures: dict[str, float]) -> dict[str, float]:
    """Annual cost per utility [USD/yr] from the figures; they add up to the system cost."""
    return {k: float(figures[v]) for k, v in UTILITY_COSTS.items() if v in figures}


def penalties_usd_yr(figures: dict[str, float]) -> float:
    """The penalties on unserved electricity, reserve, water and gas [USD/yr] (`PENALTIES`)."""
    return float(sum(figures.get(k, 0.0) for k in PENALTIES))


# ------------------------------------------------------------------ what cannot exist, and why


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _electricity(s: Scenario, f: dict[str, float]) -> str:
    t = s.technologies
    sources = {
        "PV": t.pv.enabled,
        "gensets": t.genset.enabled,
        "island grid": t.island_grid.enabled,
    }
    off = [n for n, on in sources.items() if not on]
    if len(off) == len(sources):
        return (
            "no electricity is served: every electricity source is disabled (PV, gensets, "
            "island grid)"
        )
    if off:
        return f"no electricity is served: {_listing(off)} disabled, and nothing else is built"
    return "no electricity is served: the least-cost plan leaves all of it unserved"


def _water(s: Scenario, f: dict[str, float]) -> str:
    w = s.water_supply
    if f.get("water_unserved_m3_yr", 0.0) <= 0:
        return "no water is served: the town has no water to supply"
    if not (w.wells.enabled or w.desalination.enabled):
        return "no water is served: every water technology is disabled (wells, desalination)"
    return "no water is served: the least-cost plan leaves all of it unserved"


def _lpg(s: Scenario, f: dict[str, float]) -> str:
    if not s.fuel_supply.lpg.enabled:
        return "no cooking gas is served: LPG supply is disabled (fuel_supply.lpg.enabled)"
    if f.get("lpg_unserved_t_yr", 0.0) <= 0:
        return "no cooking gas is served: the town has no cooking gas demand"
    return "no cooking gas is served: the least-cost plan leaves all of it unserved"


def _diesel(s: Scenario, f: dict[str, float]) -> str:
    if not s.technologies.genset.enabled:
        return "no diesel: the gensets are disabled (technologies.genset.enabled)"
    if not s.fuel_supply.diesel.enabled:
        return (
            "no diesel tank: diesel shipping is disabled (fuel_supply.diesel.enabled), fuel is "
            "bought as it is burnt"
        )
    return "no diesel is burnt: the plan runs no gensets in its year"


Reason = Callable[[Scenario, dict[str, float]], str]


def _lifecycle(served: Reason, key: str) -> Reason:
    def reason(s: Scenario, f: dict[str, float]) -> str:
        if f.get(key, 0.0) > 0:
            return "nothing is served within the horizon: no stage of the build-out opens by then"
        return served(s, f)

    return reason


PLAN, MONEY = "load_kwh_yr", "npc_total_usd"  # present whenever plan / money figures are
SEWAGE, WASTE = "sewage_treated_m3_yr", "waste_t_per_day"  # and sewage / waste figures
STRESS = "stress_unserved_kwh_p90"  # and the stress test's
OPTIONAL: dict[str, tuple[str, Reason]] = {
    # figure key → (a figure present whenever its source was computed, why it is missing)
    "lcoe_usd_per_kwh_served": (PLAN, _electricity),
    "renewable_share": (PLAN, _electricity),
    "water_usd_per_m3_served": (PLAN, _water),
    "water_from_wells_share": (PLAN, _water),
    "lpg_usd_per_kg_served": (PLAN, _lpg),
    "cost_diesel_purchases_usd_yr": (PLAN, lambda s, f: (
        "no fuel bought: the gensets are disabled (technologies.genset.enabled)"
        if not s.technologies.genset.enabled else "no fuel bought")),
    "cost_lpg_purchases_usd_yr": (PLAN, lambda s, f: (
        "no cooking gas bought: LPG supply is disabled (fuel_supply.lpg.enabled)"
        if not s.fuel_supply.lpg.enabled else "no cooking gas bought")),
    "diesel_autonomy_days": (PLAN, _diesel),
    "diesel_min_stock_days": (PLAN, _diesel),
    "sewage_usd_per_m3_treated": (SEWAGE, lambda s, f: (
        "no wastewater is treated: the town produces none")),
    "waste_usd_per_t": (WASTE, lambda s, f: "no solid waste is collected: the town produces none"),
    "lcoe_lifecycle_usd_per_kwh_served": (MONEY, _lifecycle(_electricity, "served_kwh_yr")),
    "water_lifecycle_usd_per_m3_served": (MONEY, _lifecycle(_water, "water_supplied_m3_yr")),
    "workforce_target_year": (MONEY, lambda s, f: (
        "the specialists' target is never reached before workforce.horizon_year")),
    # the stress test's days of fuel left, for when it leaves them out without diesel
    **{f"stress_min_fuel_autonomy_days_{q}": (STRESS, _diesel)
       for q in ("mean", "p50", "p90", "p99")},
}  # fmt: skip


def not_served_reasons(scenario: Scenario, figures: dict[str, float]) -> dict[str, str]:
    """Why each figure that can be missing is missing: figure key → one sentence for people.

    `plan_figures` and `cayo.finance.npc.money_figures` leave a figure out where it cannot exist
    (a cost per m³ with no water served, a fuel bill with the gensets disabled); this gives the
    reason of every such key absent from `figures` whose source was computed (the plan's
    figures, sewage, waste, money), and nothing for keys present. The pipeline stores it as
    ``metadata["not_served"]``; the views print ``—`` and the reason.
    """
    return {
        k: reason(scenario, figures)
        for k, (source, reason) in OPTIONAL.items()
        if k not in figures and source in figures
    }


def unserved_utilities(scenario: Scenario, figures: dict[str, float]) -> dict[str, str]:
    """Utilities the town needs and the plan supplies none of: utility → reason.

    >>> from cayo.scenario.io import load_scenario
    >>> s = load_scenario().scenario
    >>> unserved_utilities(s, {"load_kwh_yr": 1.0, "served_kwh_yr": 1.0,
    ...     "lpg_unserved_t_yr": 5.0, "lpg_delivered_t_yr": 0.0})
    {'cooking gas': 'no cooking gas is served: the least-cost plan leaves all of it unserved'}
    """
    f = figures
    out = {}
    if f.get("load_kwh_yr", 0.0) > 0 and f.get("served_kwh_yr", 0.0) <= 0:
        out["electricity"] = _electricity(scenario, f)
    if f.get("water_unserved_m3_yr", 0.0) > 0 and f.get("water_supplied_m3_yr", 0.0) <= 0:
        out["water"] = _water(scenario, f)
    if f.get("lpg_unserved_t_yr", 0.0) > 0 and f.get("lpg_delivered_t_yr", 0.0) <= 0:
        out["cooking gas"] = _lpg(scenario, f)
    return out
