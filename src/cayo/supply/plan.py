"""The supply LP put together, solved, and read back as capacities and hourly dispatch."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cayo.supply.electricity import (
    define_balance,
    define_battery,
    define_genset,
    define_grid_import,
    define_lost_load,
    define_pv,
)
from cayo.supply.fuel_lp import define_diesel, define_lpg
from cayo.supply.inputs import LPInputs, scaled
from cayo.supply.lp import (
    Basis,
    InfeasibleError,
    LinearProgram,
    Solution,
    SolveError,
    SolverOptions,
    UnboundedError,
    solve,
)
from cayo.supply.rules import define_max_unserved, define_min_renewable, define_reserve
from cayo.supply.water_lp import define_water

MW = 1e-3  # the LP is solved with every quantity × 1e-3 (kW → MW, L → m³, ...)

CAPACITIES = {  # LP column → capacity key [unit]
    "pv_kw": "pv_kw",
    "battery_kw": "battery_kw",
    "battery_kwh": "battery_kwh",
    "genset_kw": "genset_kw",
    "wells_m3_h": "wells_m3_h",
    "ro_m3_h": "ro_m3_h",
    "water_tank_m3": "water_tank_m3",
    "diesel_tank": "diesel_tank_l",
    "lpg_tank": "lpg_tank_kg",
}
HOURLY = {  # LP column block → hourly column [unit]
    "genset_out": "genset_kw",
    "grid_import": "grid_import_kw",
    "battery_charge": "battery_charge_kw",
    "battery_discharge": "battery_discharge_kw",
    "battery_soc": "battery_soc_kwh",
    "unserved": "unserved_kw",
    "reserve_shortfall": "reserve_shortfall_kw",
    "wells_out": "wells_m3_h",
    "ro_out": "ro_m3_h",
    "water_level": "water_level_m3",
    "unserved_water": "unserved_water_m3_h",
}


def build_lp(x: LPInputs) -> LinearProgram:
    """The whole supply LP for inputs `x` (units as given; `plan_supply` scales them)."""
    lp = LinearProgram()
    balance = define_balance(lp, x)
    define_pv(lp, x, balance)
    define_genset(lp, x, balance)
    define_battery(lp, x, balance)
    define_grid_import(lp, x, balance)
    define_lost_load(lp, x, balance)
    define_water(lp, x, balance)
    define_diesel(lp, x)
    define_lpg(lp, x)
    define_reserve(lp, x)
    define_max_unserved(lp, x)
    define_min_renewable(lp, x)
    return lp


@dataclass(frozen=True)
class SupplyPlan:
    """A solved supply plan.

    Attributes
    ----------
    capacity : built capacity per `CAPACITIES` value: pv_kw [kWp], battery_kw [kW],
        battery_kwh [kWh], genset_kw [kW], wells_m3_h and ro_m3_h [m³/h], water_tank_m3 [m³],
        diesel_tank_l [L], lpg_tank_kg [kg] (0 when not part of the LP).
    hourly : DataFrame of hourly dispatch: electricity [kW] (load_kw, must_run_kw,
        pv_available_kw, pv_kw, curtailed_kw, genset_kw, grid_import_kw, battery_charge_kw,
        battery_discharge_kw, unserved_kw, reserve_shortfall_kw, wells_kw, ro_kw), battery_soc_kwh
        [kWh], marginal_usd_per_kwh [USD/kWh]; water [m³/h, m³]; diesel [L/h, L]; LPG [kg/h, kg].
    objective_usd_yr : LP objective [USD/yr] (includes every penalty).
    solution : the raw solver result.
    """

    capacity: dict[str, float]
    hourly: pd.DataFrame
    objective_usd_yr: float
    solution: Solution


def _values(lp: LinearProgram, sol: Solution, name: str, n: int) -> np.ndarray:
    idx = lp.columns.get(name)
    return np.zeros(n) if idx is None else np.maximum(sol.x[idx], 0.0) / MW


def _deliveries(lp: LinearProgram, sol: Solution, name: str, T: int) -> np.ndarray:
    out = np.zeros(T)
    if name in lp.columns:
        out[lp.hours_of[name]] = np.maximum(sol.x[lp.columns[name]], 0.0) / MW
    return out


def _hourly_stock(lp: LinearProgram, sol: Solution, name: str, use: np.ndarray) -> np.ndarray:
    """Hourly stock [L or kg] rebuilt from the daily stock rows: yesterday's end + today's
    delivery (first hour) − the use so far today, which is what the daily rows guarantee."""
    T = len(use)
    if f"{name}_stock" not in lp.columns:
        return np.zeros(T)
    end = np.maximum(sol.x[lp.columns[f"{name}_stock"]], 0.0) / MW
    start = np.repeat(np.roll(end, 1), 24)
    delivered = _deliveries(lp, sol, f"{name}_delivery", T)
    return start + np.cumsum((delivered - use).reshape(-1, 24), axis=1).ravel()


def relax_hint(error: SolveError, x: LPInputs, existing: dict[str, float] | None = None) -> str:
    """What to relax for a failed solve, with the values the LP was given."""
    if isinstance(error, InfeasibleError):
        rules = [
            f"constraints.max_unserved_share (now {x.max_unserved_share:g})",
            f"constraints.min_renewable_share (now {x.min_renewable_share:g})",
        ]
        if x.diesel_min_stock_l > 0:
            rules.append(
                "constraints.critical_autonomy_hours (the diesel stock it keeps: "
                f"{x.diesel_min_stock_l:,.0f} L)"
            )
        if x.genset_min_kw > 0:
            cap = "no cap" if x.genset_max_kw is None else f"{x.genset_max_kw:,.0f} kW"
            rules.append(
                f"the critical peak the gensets must cover ({x.genset_min_kw:,.0f} kW; "
                f"technologies.genset.max_kw: {cap})"
            )
        if x.water_min_level_m3 > 0:
            rules.append(f"the water kept in the tank ({x.water_min_level_m3:,.0f} m³)")
        kept = {k: v for k, v in (existing or {}).items() if v > 0}
        if kept:
            rules.append(
                "capacities kept from earlier milestones ("
                + ", ".join(f"{k} ≥ {v:,.0f}" for k, v in kept.items())
                + ")"
            )
        hint = "relax " + "; ".join(rules) + "; or enable more supply options"
        if isinstance(error, UnboundedError):  # infeasible or unbounded
            hint += f"; or {UnboundedError.default_hint}"
        return hint
    if isinstance(error, UnboundedError):
        costs = {
            k: v for k, v in x.parameters().items()
            if ("usd" in k) and isinstance(v, int | float) and not isinstance(v, bool) and v <= 0
        }  # fmt: skip
        if costs:
            listed = ", ".join(f"{k} = {v:g}" for k, v in costs.items())
            return f"costs of 0 or less in the LP inputs: {listed}; {UnboundedError.default_hint}"
        return error.default_hint
    return error.hint


def plan_supply(
    x: LPInputs,
    index: pd.DatetimeIndex | None = None,
    options: SolverOptions | None = None,
    existing: dict[str, float] | None = None,
    warm: Basis | None = None,
) -> SupplyPlan:
    """Build and solve the LP for `x`; return capacities and hourly dispatch.

    `existing` gives capacities already built (keys of `CAPACITIES` values, e.g. ``pv_kw``, in
    their units): each stays at least that large. Their capital cost is still in the objective
    (a constant), so the plan's capacities are totals, not additions.

    A failed solve raises the `cayo.supply.lp.SolveError` of HiGHS's status (infeasible,
    unbounded, a limit reached, numerical trouble) with a hint naming the inputs to relax.

    The LP is solved with every quantity a thousand times smaller (kW → MW, L → m³, kg → t) and
    prices per unit unchanged, which HiGHS's simplex handles faster (4.1 s → 2.9 s on the spine's
    year with the same options). Results are in the input units.

    `warm` is the basis of another plan's LP of the same shape (`SupplyPlan.solution.basis`) to
    start the simplex from; the optimum does not depend on it.
    """
    lp = build_lp(scaled(x, MW))
    for col, key in CAPACITIES.items():
        if existing and existing.get(key, 0.0) > 0 and col in lp.columns:
            lp.raise_lower(col, existing[key] * MW)
    try:
        sol = solve(lp, options, warm)
    except SolveError as e:
        raise e.with_hint(relax_hint(e, x, existing)) from None
    T = x.hours
    cap = {key: float(_values(lp, sol, col, 1)[0]) for col, key in CAPACITIES.items()}
    h = {key: _values(lp, sol, col, T) for col, key in HOURLY.items()}
    lpg = np.zeros(T) if x.lpg_kg_h is None else x.lpg_kg_h
    unserved_lpg = np.zeros(T)
    if "unserved_lpg" in lp.columns:  # a day's shortfall falls at the end of the day
        short_daily = _values(lp, sol, "unserved_lpg", T // 24)
        by_day = lpg.reshape(-1, 24)
        later = np.cumsum(by_day[:, ::-1], axis=1)[:, ::-1] - by_day  # demand after hour t
        unserved_lpg = np.clip(short_daily[:, None] - later, 0.0, by_day).ravel()
    burn = h["genset_kw"] * x.genset_fuel_l_per_kwh
    must_run = np.zeros(T) if x.must_run_kw is None else x.must_run_kw
    pv_avail = cap["pv_kw"] * x.pv_kw_per_kwp
    wells_kw = h["wells_m3_h"] * x.wells_kwh_per_m3
    ro_kw = h["ro_m3_h"] * x.ro_kwh_per_m3
    # PV used = what the balance needs after the other sources; the rest is curtailed.
    need = x.load_kw + h["battery_charge_kw"] + wells_kw + ro_kw - must_run
    others = h["genset_kw"] + h["grid_import_kw"] + h["battery_discharge_kw"] + h["unserved_kw"]
    pv_used = np.clip(need - others, 0.0, pv_avail)
    hourly = pd.DataFrame(
        {
            "load_kw": x.load_kw,
            "must_run_kw": must_run,
            "pv_available_kw": pv_avail,
            "pv_kw": pv_used,
            "curtailed_kw": pv_avail - pv_used,
            **{
                k: h[k]
                for k in (
                    "genset_kw",
                    "grid_import_kw",
                    "battery_charge_kw",
                    "battery_discharge_kw",
                    "battery_soc_kwh",
                    "unserved_kw",
                    "reserve_shortfall_kw",
                )
            },
            "wells_kw": wells_kw,
            "ro_kw": ro_kw,
            "marginal_usd_per_kwh": sol.row_dual[lp.rows["balance"]],
            "water_demand_m3_h": np.zeros(T) if x.water_m3_h is None else x.water_m3_h,
            **{k: h[k] for k in ("wells_m3_h", "ro_m3_h", "water_level_m3", "unserved_water_m3_h")},
            "diesel_burn_l": burn,
            "diesel_delivery_l": _deliveries(lp, sol, "diesel_delivery", T),
            "diesel_stock_l": _hourly_stock(lp, sol, "diesel", burn),
            "lpg_demand_kg_h": lpg,
            "lpg_delivery_kg": _deliveries(lp, sol, "lpg_delivery", T),
            "lpg_stock_kg": _hourly_stock(lp, sol, "lpg", lpg - unserved_lpg),
            "unserved_lpg_kg_h": unserved_lpg,
        },
        index=index,
    )
    return SupplyPlan(cap, hourly, sol.objective / MW, sol)
