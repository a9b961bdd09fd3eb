"""Electricity families of the supply LP: capacity expansion and hourly dispatch over a year.

Formulation (one bus, T = 8760 hourly steps, cyclic year; data/lp_formulation.md has it in full):

    min  C_pv·P_pv + C_bp·P_b + C_be·E_b + C_g·P_g
         + Σ_t [ m_g·g_t + m_b·d_t + p_imp·i_t + VoLL·u_t ]
    s.t. a_t·P_pv + d_t − c_t + g_t + i_t + u_t ≥ L_t        (balance; surplus PV is curtailed)
         g_t ≤ P_g,  c_t + d_t ≤ P_b,  s_t ≤ E_b
         s_t = s_{t−1} + η_c·c_t − d_t/η_d                   (s_{−1} = s_{T−1})
         0 ≤ P_pv ≤ P̄_pv,  P_g_min ≤ P_g ≤ P̄_g,  0 ≤ i_t ≤ I_t,  0 ≤ u_t ≤ L_t − L_crit,t

Each family of variables and constraints has its own ``define_*`` function, so carriers and
technologies can be added without touching the others; `cayo.supply.plan` puts them together.
"""

from __future__ import annotations

import numpy as np

from cayo.supply.inputs import LPInputs, is_capped
from cayo.supply.lp import INF, LinearProgram


def define_balance(lp: LinearProgram, x: LPInputs) -> np.ndarray:
    """Electricity balance rows: supply − charging − plan-dependent loads ≥ load − must-run
    generation [kW] each hour."""
    must_run = 0.0 if x.must_run_kw is None else x.must_run_kw
    return lp.add_constraints("balance", len(x.load_kw), lo=x.load_kw - must_run)


def define_pv(lp: LinearProgram, x: LPInputs, balance: np.ndarray) -> None:
    """PV capacity [kWp]; its available output a_t·P_pv enters every balance row."""
    if x.pv_max_kw <= 0:
        return
    pv = lp.add_variables("pv_kw", 1, hi=x.pv_max_kw, cost=x.pv_capital_usd_per_kw_yr)
    lp.add_terms(balance, pv[0], x.pv_kw_per_kwp)


def define_genset(lp: LinearProgram, x: LPInputs, balance: np.ndarray) -> None:
    """Genset capacity [kW] and hourly output [kW] with its fuel + O&M cost."""
    if x.genset_max_kw is not None and x.genset_max_kw <= 0:
        return
    T = len(balance)
    cap = lp.add_variables(
        "genset_kw",
        1,
        lo=x.genset_min_kw,
        hi=x.genset_max_kw if x.genset_max_kw is not None and is_capped(x.genset_max_kw) else INF,
        cost=x.genset_capital_usd_per_kw_yr,
    )
    g = lp.add_variables("genset_out", T, cost=x.genset_marginal_usd_per_kwh)
    lp.add_terms(balance, g, 1.0)
    rows = lp.add_constraints("genset_limit", T, hi=0.0)
    lp.add_terms(rows, g, 1.0)
    lp.add_terms(rows, cap[0], -1.0)


def define_battery(lp: LinearProgram, x: LPInputs, balance: np.ndarray) -> None:
    """Battery power [kW] and energy [kWh]; hourly charge, discharge [kW] and state [kWh]."""
    if not x.battery_enabled:
        return
    T = len(balance)
    p = lp.add_variables("battery_kw", 1, cost=x.battery_power_capital_usd_per_kw_yr)[0]
    e = lp.add_variables("battery_kwh", 1, cost=x.battery_energy_capital_usd_per_kwh_yr)[0]
    c = lp.add_variables("battery_charge", T)
    d = lp.add_variables("battery_discharge", T, cost=x.battery_discharge_cost_usd_per_kwh)
    s = lp.add_variables("battery_soc", T)
    lp.add_terms(balance, d, 1.0)
    lp.add_terms(balance, c, -1.0)
    # c_t + d_t ≤ P_b rather than c_t ≤ P_b and d_t ≤ P_b: one row an hour instead of two, and
    # the same optimum, because charging and discharging in the same hour can always be netted
    # to one flow with the same state of charge, no less supply and no more power
    # (data/lp_formulation.md).
    rows = lp.add_constraints("power_limit", T, hi=0.0)
    lp.add_terms(rows, c, 1.0)
    lp.add_terms(rows, d, 1.0)
    lp.add_terms(rows, p, -1.0)
    rows = lp.add_constraints("soc_limit", T, hi=0.0)
    lp.add_terms(rows, s, 1.0)
    lp.add_terms(rows, e, -1.0)
    rows = lp.add_constraints("soc_balance", T, lo=0.0, hi=0.0)
    lp.add_terms(rows, s, 1.0)
    lp.add_terms(rows, np.roll(s, 1), -1.0)
    lp.add_terms(rows, c, -x.battery_charge_efficiency)
    lp.add_terms(rows, d, 1.0 / x.battery_discharge_efficiency)


def define_grid_import(lp: LinearProgram, x: LPInputs, balance: np.ndarray) -> None:
    """Hourly import from the island grid [kW], bounded by its availability."""
    if not np.any(x.grid_available_kw > 0):
        return
    i = lp.add_variables(
        "grid_import", len(balance), hi=x.grid_available_kw, cost=x.grid_price_usd_per_kwh
    )
    lp.add_terms(balance, i, 1.0)


def define_lost_load(lp: LinearProgram, x: LPInputs, balance: np.ndarray) -> None:
    """Unserved load [kW] priced at the value of lost load; the critical part of the load can
    never be left unserved."""
    critical = 0.0 if x.critical_kw is None else x.critical_kw
    u = lp.add_variables(
        "unserved",
        len(balance),
        hi=np.maximum(x.load_kw - critical, 0.0),
        cost=x.value_of_lost_load_usd_per_kwh,
    )
    lp.add_terms(balance, u, 1.0)
