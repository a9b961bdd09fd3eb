"""Water families of the supply LP: wells, desalination, a treated-water tank, unserved water.

Every hour t [m³/h, a 1-h step]:

    w_t + r_t + uw_t − (v_t − v_{t−1}) = W_t                   (water balance, cyclic tank)
    w_t ≤ Q_w ≤ yield,   r_t ≤ Q_r,   v_min ≤ v_t ≤ V,   0 ≤ uw_t ≤ W_t

and the pumps draw e_w·w_t + e_r·r_t [kW] from the electricity balance, so water that cannot be
powered is not produced: a blackout becomes a water shortage.
"""

from __future__ import annotations

import numpy as np

from cayo.supply.inputs import LPInputs
from cayo.supply.lp import LinearProgram


def _source(
    lp: LinearProgram,
    name: str,
    T: int,
    hi: float,
    capital: float,
    marginal: float,
    water: np.ndarray,
    balance: np.ndarray,
    kwh_per_m3: float,
) -> None:
    cap = lp.add_variables(f"{name}_m3_h", 1, hi=hi, cost=capital)[0]
    flow = lp.add_variables(f"{name}_out", T, cost=marginal)
    rows = lp.add_constraints(f"{name}_limit", T, hi=0.0)
    lp.add_terms(rows, flow, 1.0)
    lp.add_terms(rows, cap, -1.0)
    lp.add_terms(water, flow, 1.0)
    lp.add_terms(balance, flow, -kwh_per_m3)


def define_water(lp: LinearProgram, x: LPInputs, balance: np.ndarray) -> None:
    """Water supply [m³/h] and its pumping load on the electricity `balance` rows."""
    if x.water_m3_h is None:
        return
    T = x.hours
    demand = x.water_m3_h
    water = lp.add_constraints("water_balance", T, lo=demand, hi=demand)
    if x.wells_max_m3_h > 0:
        _source(
            lp,
            "wells",
            T,
            x.wells_max_m3_h,
            x.wells_capital_usd_per_m3h_yr,
            0.0,
            water,
            balance,
            x.wells_kwh_per_m3,
        )
    if x.ro_enabled:
        _source(
            lp,
            "ro",
            T,
            np.inf,
            x.ro_capital_usd_per_m3h_yr,
            x.ro_marginal_usd_per_m3,
            water,
            balance,
            x.ro_kwh_per_m3,
        )
    uw = lp.add_variables("unserved_water", T, hi=demand, cost=x.value_of_lost_water_usd_per_m3)
    lp.add_terms(water, uw, 1.0)
    if x.water_tank_enabled:
        vol = lp.add_variables("water_tank_m3", 1, cost=x.water_tank_capital_usd_per_m3_yr)[0]
        level = lp.add_variables("water_level", T, lo=x.water_min_level_m3)
        lp.add_terms(water, level, -1.0)
        lp.add_terms(water, np.roll(level, 1), 1.0)
        rows = lp.add_constraints("water_tank_limit", T, hi=0.0)
        lp.add_terms(rows, level, 1.0)
        lp.add_terms(rows, vol, -1.0)
