"""Plan-level figures: capacities, energy and water by source, costs per utility, unit costs on
served quantities, fuel imports, autonomy and land."""

from __future__ import annotations

import numpy as np

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


def _per(cost: float, quantity: float) -> float:
    return cost / quantity if quantity > 0 else float("nan")


def plan_figures(
    scenario: Scenario, x: LPInputs, plan: SupplyPlan, fixed: FixedParts | None = None
) -> dict[str, float]:
    """Scalar results of a solved plan; every key carries its unit.

    Annual costs [USD/yr] are annuities of capex + fixed O&M, fuel, purchases and variable O&M.
    Penalties for unserved electricity, water and gas are reported apart and are in no cost or
    unit cost. Electricity is costed over every kWh the system serves, the town's and the water
    and sewage plants'; those plants' electricity is then charged to water and sewage at that
    average cost, so water has a full cost per m³ served.
    """
    h = plan.hourly
    cap = plan.capacity
    tech = scenario.technologies

    def total(col: str) -> float:
        return float(h[col].sum())

    load = total("load_kw")
    unserved = total("unserved_kw")
    genset = total("genset_kw")
    grid = total("grid_import_kw")
    water_kwh = total("wells_kw") + total("ro_kw")
    served_kwh = load - unserved + water_kwh
    diesel_l = total("diesel_delivery_l") if x.diesel_ship is not None else total("diesel_burn_l")
    el_cost = {
        "cost_pv_usd_yr": cap["pv_kw"] * x.pv_capital_usd_per_kw_yr,
        "cost_battery_usd_yr": cap["battery_kw"] * x.battery_power_capital_usd_per_kw_yr
        + cap["battery_kwh"] * x.battery_energy_capital_usd_per_kwh_yr,
        "cost_battery_throughput_usd_yr": total("battery_discharge_kw")
        * x.battery_discharge_cost_usd_per_kwh,
        "cost_genset_capital_usd_yr": cap["genset_kw"] * x.genset_capital_usd_per_kw_yr,
        "cost_genset_om_fuel_usd_yr": genset * x.genset_marginal_usd_per_kwh,
        "cost_diesel_purchases_usd_yr": total("diesel_delivery_l") * x.diesel_price_usd_per_l,
        "cost_diesel_tank_usd_yr": cap["diesel_tank_l"] * x.diesel_tank_capital_usd_per_l_yr,
        "cost_grid_purchases_usd_yr": grid * x.grid_price_usd_per_kwh,
    }
    el_total = sum(el_cost.values())
    lcoe = _per(el_total, served_kwh)
    water_served = total("water_demand_m3_h") - total("unserved_water_m3_h")
    water_cost = {
        "cost_wells_usd_yr": cap["wells_m3_h"] * x.wells_capital_usd_per_m3h_yr,
        "cost_desalination_usd_yr": cap["ro_m3_h"] * x.ro_capital_usd_per_m3h_yr
        + total("ro_m3_h") * x.ro_marginal_usd_per_m3,
        "cost_water_tank_usd_yr": cap["water_tank_m3"] * x.water_tank_capital_usd_per_m3_yr,
        "cost_water_electricity_usd_yr": (water_kwh + _distribution_kwh(fixed)) * lcoe
        if served_kwh > 0
        else 0.0,
    }
    lpg_cost = {
        "cost_lpg_purchases_usd_yr": total("lpg_delivery_kg") * x.lpg_price_usd_per_kg,
        "cost_lpg_tank_usd_yr": cap["lpg_tank_kg"] * x.lpg_tank_capital_usd_per_kg_yr,
    }
    lpg_served = total("lpg_demand_kg_h") - total("unserved_lpg_kg_h")
    penalty = {
        "penalty_unserved_electricity_usd_yr": unserved * x.value_of_lost_load_usd_per_kwh,
        "penalty_reserve_shortfall_usd_yr": total("reserve_shortfall_kw")
        * x.value_of_lost_load_usd_per_kwh,
        "penalty_unserved_water_usd_yr": total("unserved_water_m3_h")
        * x.value_of_lost_water_usd_per_m3,
        "penalty_unserved_lpg_usd_yr": total("unserved_lpg_kg_h") * x.value_of_lost_lpg_usd_per_kg,
    }
    burn_per_day = total("diesel_burn_l") / (len(h) / 24)
    out: dict[str, float] = {
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
        "renewable_share": 1.0 - (genset + grid) / (load - unserved) if load > unserved else 0.0,
        "fuel_l_yr": total("diesel_burn_l"),
        "diesel_imported_m3_yr": diesel_l / 1000.0,
        "diesel_ships_yr": float((h["diesel_delivery_l"] > 1e-3).sum()),
        "diesel_autonomy_days": _per(cap["diesel_tank_l"], burn_per_day),
        "diesel_min_stock_days": _per(float(h["diesel_stock_l"].min()), burn_per_day)
        if x.diesel_ship is not None
        else float("nan"),
        "water_supplied_m3_yr": water_served,
        "water_unserved_m3_yr": total("unserved_water_m3_h"),
        "water_from_wells_share": _per(total("wells_m3_h"), water_served),
        "lpg_delivered_t_yr": total("lpg_delivery_kg") / 1000.0,
        "lpg_ships_yr": float((h["lpg_delivery_kg"] > 1e-3).sum()),
        "lpg_unserved_t_yr": total("unserved_lpg_kg_h") / 1000.0,
        **el_cost,
        **water_cost,
        **lpg_cost,
        "cost_electricity_system_usd_yr": el_total,
        "cost_water_usd_yr": sum(water_cost.values()),
        "cost_lpg_usd_yr": sum(lpg_cost.values()),
        **penalty,
        "lp_objective_usd_yr": plan.objective_usd_yr,
        "lcoe_usd_per_kwh_served": lcoe,
        "water_usd_per_m3_served": _per(sum(water_cost.values()), water_served),
        "lpg_usd_per_kg_served": _per(sum(lpg_cost.values()), lpg_served),
        "capex_pv_usd": cap["pv_kw"] * tech.pv.capex_usd_per_kw,
        "capex_battery_usd": cap["battery_kw"] * tech.battery.capex_power_usd_per_kw
        + cap["battery_kwh"] * tech.battery.capex_energy_usd_per_kwh,
        "capex_genset_usd": cap["genset_kw"] * tech.genset.capex_usd_per_kw,
        "pv_land_ha": cap["pv_kw"] / tech.pv.kw_per_ha if tech.pv.kw_per_ha else 0.0,
    }
    if fixed is not None:
        out |= _fixed_figures(scenario, fixed, lcoe)
    # Electricity bought by the water and sewage plants is part of their cost, not the town's.
    internal = out["cost_water_electricity_usd_yr"] + out.get("cost_sewage_electricity_usd_yr", 0.0)
    out["cost_electricity_usd_yr"] = el_total - internal
    out["system_cost_usd_yr"] = float(sum(out.get(k, 0.0) for k in UTILITY_COSTS.values()))
    return out


def _distribution_kwh(fixed: FixedParts | None) -> float:
    return 0.0 if fixed is None else float(fixed.distribution_kw.sum())


def _fixed_figures(scenario: Scenario, f: FixedParts, lcoe: float) -> dict[str, float]:
    sewage_kwh = float(f.sewage.energy_kw.sum())
    ww_m3 = _per(sewage_kwh, scenario.sewage.kwh_per_m3)
    sewage_el = sewage_kwh * lcoe if np.isfinite(lcoe) else 0.0
    sewage_cost = f.sewage.annual_cost_usd + sewage_el
    w = f.waste
    return {
        "sewage_capacity_m3_per_day": f.sewage.capacity_m3_per_day,
        "sewage_bod_capacity_kg_per_day": f.sewage.bod_capacity_kg_per_day,
        "sewage_kwh_yr": sewage_kwh,
        "water_reused_m3_yr": float(f.sewage.reuse_m3_h.sum()),
        "distribution_kwh_yr": float(f.distribution_kw.sum()),
        "cost_sewage_electricity_usd_yr": sewage_el,
        "cost_sewage_usd_yr": sewage_cost,
        "sewage_usd_per_m3_treated": _per(sewage_cost, ww_m3),
        "waste_t_per_day": w.waste_t_per_day,
        "waste_trucks": float(w.trucks),
        "waste_truck_fuel_l_yr": w.truck_fuel_l_per_yr,
        "waste_composted_t_per_day": w.composted_t_per_day,
        "waste_landfilled_t_per_day": w.landfilled_t_per_day,
        "landfill_area_ha": w.landfill_area_ha,
        "wte_kw": w.wte_kw,
        "cost_solid_waste_usd_yr": w.annual_cost_usd,
        "waste_usd_per_t": _per(w.annual_cost_usd, w.waste_t_per_day * 365),
        **{f"data_link_units_{k}": float(v) for k, v in f.links.units.items()},
        "data_capacity_gbps": f.links.capacity_gbps,
        "data_n_minus_1_gbps": f.links.n_minus_1_gbps,
        "data_peak_gbps": f.links.peak_gbps,
        "data_availability": f.links.availability,
        "cost_data_links_usd_yr": f.links.annual_cost_usd,
        "capex_sewage_usd": f.sewage.capex_usd,
        "capex_solid_waste_usd": w.capex_usd,
        "capex_data_links_usd": f.links.capex_usd,
    }


def utility_costs(figures: dict[str, float]) -> dict[str, float]:
    """Annual cost per utility [USD/yr] from the figures; they add up to the system cost."""
    return {k: float(figures[v]) for k, v in UTILITY_COSTS.items() if v in figures}
