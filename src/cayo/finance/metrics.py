"""Plan-level figures: energy by source, annual costs, LCOE on served energy, fuel, shares."""

from __future__ import annotations

from cayo.scenario.schema import Scenario
from cayo.supply.electricity import ElectricityPlan
from cayo.supply.inputs import LPInputs


def plan_figures(scenario: Scenario, x: LPInputs, plan: ElectricityPlan) -> dict[str, float]:
    """Scalar results of a solved plan; every key carries its unit.

    Costs are annual [USD/yr] (annuity of capex + fixed O&M, fuel, purchases); the lost-load
    penalty is reported apart and is not part of the system cost or the LCOE.
    """
    h = plan.hourly
    cap = plan.capacity
    tech = scenario.technologies
    load = float(h["load_kw"].sum())
    unserved = float(h["unserved_kw"].sum())
    served = load - unserved
    genset = float(h["genset_kw"].sum())
    grid = float(h["grid_import_kw"].sum())
    cost = {
        "cost_pv_usd_yr": cap["pv_kw"] * x.pv_capital_usd_per_kw_yr,
        "cost_battery_usd_yr": cap["battery_kw"] * x.battery_power_capital_usd_per_kw_yr
        + cap["battery_kwh"] * x.battery_energy_capital_usd_per_kwh_yr,
        "cost_battery_throughput_usd_yr": float(h["battery_discharge_kw"].sum())
        * x.battery_discharge_cost_usd_per_kwh,
        "cost_genset_capital_usd_yr": cap["genset_kw"] * x.genset_capital_usd_per_kw_yr,
        "cost_genset_fuel_om_usd_yr": genset * x.genset_marginal_usd_per_kwh,
        "cost_grid_purchases_usd_yr": grid * x.grid_price_usd_per_kwh,
    }
    system = sum(cost.values())
    penalty = unserved * x.value_of_lost_load_usd_per_kwh
    return {
        "pv_kw": cap["pv_kw"],
        "battery_kw": cap["battery_kw"],
        "battery_kwh": cap["battery_kwh"],
        "genset_kw": cap["genset_kw"],
        "peak_load_kw": float(h["load_kw"].max()),
        "load_kwh_yr": load,
        "served_kwh_yr": served,
        "unserved_kwh_yr": unserved,
        "unserved_share": unserved / load if load else 0.0,
        "unserved_hours_yr": float((h["unserved_kw"] > 1e-6).sum()),
        "pv_available_kwh_yr": float(h["pv_available_kw"].sum()),
        "pv_used_kwh_yr": float(h["pv_kw"].sum()),
        "pv_curtailed_kwh_yr": float(h["curtailed_kw"].sum()),
        "genset_kwh_yr": genset,
        "grid_import_kwh_yr": grid,
        "battery_discharge_kwh_yr": float(h["battery_discharge_kw"].sum()),
        "battery_charge_kwh_yr": float(h["battery_charge_kw"].sum()),
        "renewable_share": 1.0 - (genset + grid) / served if served else 0.0,
        "fuel_l_yr": genset * x.genset_fuel_l_per_kwh,
        **cost,
        "system_cost_usd_yr": system,
        "lost_load_penalty_usd_yr": penalty,
        "lp_objective_usd_yr": plan.objective_usd_yr,
        "lcoe_usd_per_kwh_served": system / served if served else float("nan"),
        "capex_pv_usd": cap["pv_kw"] * tech.pv.capex_usd_per_kw,
        "capex_battery_usd": cap["battery_kw"] * tech.battery.capex_power_usd_per_kw
        + cap["battery_kwh"] * tech.battery.capex_energy_usd_per_kwh,
        "capex_genset_usd": cap["genset_kw"] * tech.genset.capex_usd_per_kw,
    }
