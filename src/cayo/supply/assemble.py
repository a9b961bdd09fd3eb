"""From a scenario and the prepared series to the LP's inputs (annualised costs, bounds)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from cayo.costs import cost_table
from cayo.scenario.schema import Scenario
from cayo.supply.inputs import LPInputs


def ship_hours(hours: int, interval_days: int, first_day: int) -> np.ndarray:
    """1 at the first hour of every day a ship may unload, else 0 [-].

    >>> np.flatnonzero(ship_hours(24 * 10, 4, 1)).tolist()
    [24, 120, 216]
    """
    out = np.zeros(hours)
    out[np.arange(first_day, hours // 24, interval_days) * 24] = 1.0
    return out


def build_inputs(
    scenario: Scenario,
    load_kw: np.ndarray,
    pv_kw_per_kwp: np.ndarray,
    grid_available_kw: np.ndarray,
    *,
    critical_kw: np.ndarray | None = None,
    must_run_kw: np.ndarray | None = None,
    water_m3_h: np.ndarray | None = None,
    lpg_kg_h: np.ndarray | None = None,
) -> LPInputs:
    """Annualise the scenario's costs and bundle them with the hourly series.

    Without `water_m3_h` the LP has no water; without `lpg_kg_h` no cooking gas (with
    ``fuel_supply.lpg.enabled`` false no gas ship comes and the demand goes unserved); diesel
    tanks and ships follow ``fuel_supply.diesel.enabled``, otherwise fuel is bought as burnt.
    """
    t = scenario.technologies
    costs = cost_table(scenario)  # capital recovery + fixed O&M per unit [USD/unit/yr]
    pv, bat, gen = t.pv, t.battery, t.genset
    hours = len(load_kw)
    fuel = scenario.fuel_supply
    logistics = fuel.diesel.enabled and gen.enabled
    fuel_cost = 0.0 if logistics else gen.fuel_l_per_kwh * gen.fuel_price_usd_per_l
    c = scenario.constraints
    crit_peak = float(np.max(critical_kw)) if critical_kw is not None else 0.0
    water = scenario.water_supply
    wells, ro, tank = water.wells, water.desalination, water.tank
    lpg = fuel.lpg
    x = LPInputs(
        load_kw=np.asarray(load_kw, dtype=float),
        pv_kw_per_kwp=np.asarray(pv_kw_per_kwp, dtype=float),
        grid_available_kw=np.asarray(grid_available_kw, dtype=float),
        pv_capital_usd_per_kw_yr=costs.annual("pv_kw"),
        pv_max_kw=pv.land_ha * pv.kw_per_ha if pv.enabled else 0.0,
        battery_power_capital_usd_per_kw_yr=costs.annual("battery_kw"),
        battery_energy_capital_usd_per_kwh_yr=costs.annual("battery_kwh"),
        battery_discharge_cost_usd_per_kwh=bat.throughput_cost_usd_per_kwh,
        battery_enabled=bat.enabled,
        battery_charge_efficiency=bat.charge_efficiency,
        battery_discharge_efficiency=bat.discharge_efficiency,
        genset_capital_usd_per_kw_yr=costs.annual("genset_kw"),
        genset_marginal_usd_per_kwh=gen.variable_om_usd_per_kwh + fuel_cost,
        genset_fuel_l_per_kwh=gen.fuel_l_per_kwh,
        genset_max_kw=(gen.max_kw if gen.enabled else 0.0),
        genset_min_kw=crit_peak if gen.enabled else 0.0,
        grid_price_usd_per_kwh=t.island_grid.price_usd_per_kwh,
        value_of_lost_load_usd_per_kwh=scenario.finance.value_of_lost_load_usd_per_kwh,
        critical_kw=None if critical_kw is None else np.asarray(critical_kw, dtype=float),
        must_run_kw=None if must_run_kw is None else np.asarray(must_run_kw, dtype=float),
        reserve_share_of_load=c.reserve_share_of_load,
        reserve_share_of_pv=c.reserve_share_of_pv,
        max_unserved_share=c.max_unserved_share,
        min_renewable_share=c.min_renewable_share,
    )
    extra: dict[str, object] = {}
    if water_m3_h is not None:
        extra |= dict(
            water_m3_h=np.asarray(water_m3_h, dtype=float),
            wells_max_m3_h=wells.sustainable_yield_m3_per_h if wells.enabled else 0.0,
            wells_capital_usd_per_m3h_yr=costs.annual("wells_m3_h"),
            wells_kwh_per_m3=wells.kwh_per_m3,
            ro_enabled=ro.enabled,
            ro_capital_usd_per_m3h_yr=costs.annual("ro_m3_h"),
            ro_marginal_usd_per_m3=ro.variable_om_usd_per_m3,
            ro_kwh_per_m3=ro.kwh_per_m3,
            water_tank_enabled=tank.enabled,
            water_tank_capital_usd_per_m3_yr=costs.annual("water_tank_m3"),
            value_of_lost_water_usd_per_m3=water.value_of_lost_water_usd_per_m3,
        )
    if logistics:
        d = fuel.diesel
        extra |= dict(
            diesel_ship=ship_hours(hours, d.ship_interval_days, d.first_ship_day),
            diesel_price_usd_per_l=gen.fuel_price_usd_per_l,
            diesel_tank_capital_usd_per_l_yr=costs.annual("diesel_tank_l"),
            diesel_cargo_l=d.max_cargo_m3 * 1000,
            diesel_min_stock_l=c.critical_autonomy_hours * crit_peak * gen.fuel_l_per_kwh,
        )
    if lpg_kg_h is not None:  # with LPG switched off no ship comes: the demand goes unserved
        ships = ship_hours(hours, lpg.ship_interval_days, lpg.first_ship_day)
        extra |= dict(
            lpg_kg_h=np.asarray(lpg_kg_h, dtype=float),
            lpg_ship=ships if lpg.enabled else np.zeros(hours),
            lpg_price_usd_per_kg=lpg.price_usd_per_kg,
            lpg_tank_capital_usd_per_kg_yr=costs.annual("lpg_tank_kg"),
            lpg_cargo_kg=lpg.max_cargo_t * 1000,
            value_of_lost_lpg_usd_per_kg=lpg.value_of_lost_lpg_usd_per_kg,
        )
    return replace(x, **extra) if extra else x  # type: ignore[arg-type]
