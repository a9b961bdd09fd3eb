"""Fuel families of the supply LP: diesel and LPG that arrive by ship into tanks.

Ships unload in the first hour of their day, so within a day a fuel's stock only falls: it is
highest just after the delivery and lowest at the end of the day. Daily stock rows are therefore
an exact form of the hourly stock balance, with 24 times fewer rows. For day d with end-of-day
stock s_d [L or kg], tank S, delivery δ_d (only on ship days, δ_d ≤ cargo, paid at the fuel
price) and use f_t in its hours:

    s_d = s_{d−1} + δ_d − Σ_{t in d} f_t          (cyclic year)
    s_{d−1} + δ_d − f_{first hour of d} ≤ S        (ship days: the day's highest stock)
    s_d ≥ s_min                                    (the day's lowest stock)

which is the same as s_t = s_{t−1} + δ_t − f_t with s_min ≤ s_t ≤ S every hour. Diesel use is
the gensets' f_t = φ·g_t [L/kWh · kW]; LPG use is the cooking demand less gas left undelivered
(priced at its value of lost gas), which is daily: ug_d may take the first hour of a ship day
too, so LPG also has s_d ≤ S on ship days (with the shortfall in the day's last hours, its
hourly stock then stays within the tank).
"""

from __future__ import annotations

import numpy as np

from cayo.supply.inputs import LPInputs
from cayo.supply.lp import LinearProgram


def _daily_stock(
    lp: LinearProgram,
    name: str,
    x: LPInputs,
    ship: np.ndarray,
    cargo: float,
    price: float,
    tank_capital: float,
    min_stock: float,
    use_coeff: float,
    use_cols: np.ndarray | None,
    use_fixed: np.ndarray | None,
) -> np.ndarray:
    """Tank, daily stock and deliveries of one fuel; returns the daily stock-balance rows.

    Use is `use_coeff` × the hourly columns `use_cols` and/or the fixed hourly `use_fixed`.
    """
    T = x.hours
    if T % 24:
        raise ValueError(f"fuel stocks are kept by the day; {T} h is not a whole number of days")
    if np.any(ship[np.arange(T) % 24 != 0] > 0):
        raise ValueError(
            f"{name} ships unload in the first hour of a day; mark only hours 0, 24, ..."
        )
    days = T // 24
    day_of_hour = np.arange(T) // 24
    tank = lp.add_variables(f"{name}_tank", 1, lo=min_stock, cost=tank_capital)[0]
    stock = lp.add_variables(f"{name}_stock", days, lo=min_stock)
    ship_days = np.flatnonzero(ship.reshape(days, 24).max(axis=1) > 0)
    delivery = lp.add_variables(f"{name}_delivery", len(ship_days), hi=cargo, cost=price)
    lp.hours_of[f"{name}_delivery"] = ship_days * 24
    fixed = np.zeros(days) if use_fixed is None else use_fixed.reshape(days, 24).sum(axis=1)
    rows = lp.add_constraints(f"{name}_stock_balance", days, lo=-fixed, hi=-fixed)
    lp.add_terms(rows, stock, 1.0)
    lp.add_terms(rows, np.roll(stock, 1), -1.0)
    lp.add_terms(rows[ship_days], delivery, -1.0)
    first = ship_days * 24
    first_use = np.zeros(len(ship_days)) if use_fixed is None else use_fixed[first]
    top = lp.add_constraints(f"{name}_tank_limit", len(ship_days), hi=first_use)
    lp.add_terms(top, np.roll(stock, 1)[ship_days], 1.0)
    lp.add_terms(top, delivery, 1.0)
    lp.add_terms(top, tank, -1.0)
    if use_cols is not None:
        lp.add_terms(rows[day_of_hour], use_cols, use_coeff)
        lp.add_terms(top, use_cols[first], -use_coeff)
    return rows


def define_diesel(lp: LinearProgram, x: LPInputs) -> None:
    """Diesel tank, stock and ships; the gensets burn φ L per kWh."""
    if x.diesel_ship is None or "genset_out" not in lp.columns:
        return
    _daily_stock(
        lp,
        "diesel",
        x,
        x.diesel_ship,
        x.diesel_cargo_l,
        x.diesel_price_usd_per_l,
        x.diesel_tank_capital_usd_per_l_yr,
        x.diesel_min_stock_l,
        x.genset_fuel_l_per_kwh,
        lp.columns["genset_out"],
        None,
    )


def define_lpg(lp: LinearProgram, x: LPInputs) -> None:
    """LPG tank, stock and ships against the cooking demand; undelivered gas is priced."""
    if x.lpg_kg_h is None or x.lpg_ship is None:
        return
    rows = _daily_stock(
        lp,
        "lpg",
        x,
        x.lpg_ship,
        x.lpg_cargo_kg,
        x.lpg_price_usd_per_kg,
        x.lpg_tank_capital_usd_per_kg_yr,
        0.0,
        0.0,
        None,
        x.lpg_kg_h,
    )
    days = x.hours // 24
    daily = x.lpg_kg_h.reshape(days, 24).sum(axis=1)
    short = lp.add_variables("unserved_lpg", days, hi=daily, cost=x.value_of_lost_lpg_usd_per_kg)
    lp.add_terms(rows, short, -1.0)
    # The tank row assumes the first hour of a ship day burns its full demand; a day's shortfall
    # can take that hour too (a ship day left entirely short keeps its whole delivery), so the
    # end of a ship day must fit the tank as well: s_d ≤ S.
    ship_days = lp.hours_of["lpg_delivery"] // 24
    end = lp.add_constraints("lpg_tank_limit_end", len(ship_days), hi=0.0)
    lp.add_terms(end, lp.columns["lpg_stock"][ship_days], 1.0)
    lp.add_terms(end, lp.columns["lpg_tank"][0], -1.0)
