"""Plan-wide rules of the supply LP: operating reserve, most unserved share, least renewable share.

* reserve, every hour, for the load actually served:
  (P_g − g_t) + (P_b − d_t) + z_t ≥ ρ_L·(L_t − u_t) + ρ_pv·a_t·P_pv, where the shortfall
  z_t ≥ 0 is priced at the value of lost load (so the LP stays feasible without dispatchable
  plant, and any shortfall is reported);
* unserved:  Σ u_t ≤ s_max · Σ L_t;
* renewable, over every kWh served, the water plants' included:
  Σ g_t + Σ i_t ≤ (1 − RE_min) · Σ (L_t − u_t + e_w·w_t + e_r·r_t).
"""

from __future__ import annotations

from cayo.supply.inputs import LPInputs
from cayo.supply.lp import LinearProgram


def define_reserve(lp: LinearProgram, x: LPInputs) -> None:
    """Operating reserve rows [kW], with a priced shortfall."""
    if x.reserve_share_of_load <= 0 and x.reserve_share_of_pv <= 0:
        return
    T = x.hours
    rows = lp.add_constraints("reserve", T, lo=x.reserve_share_of_load * x.load_kw)
    for cap, flow in (("genset_kw", "genset_out"), ("battery_kw", "battery_discharge")):
        if cap in lp.columns:
            lp.add_terms(rows, lp.columns[cap][0], 1.0)
            lp.add_terms(rows, lp.columns[flow], -1.0)
    if "pv_kw" in lp.columns and x.reserve_share_of_pv > 0:
        lp.add_terms(rows, lp.columns["pv_kw"][0], -x.reserve_share_of_pv * x.pv_kw_per_kwp)
    short = lp.add_variables("reserve_shortfall", T, cost=x.value_of_lost_load_usd_per_kwh)
    lp.add_terms(rows, short, 1.0)
    if x.reserve_share_of_load > 0:  # no reserve is held for load that is not served
        lp.add_terms(rows, lp.columns["unserved"], x.reserve_share_of_load)


def define_max_unserved(lp: LinearProgram, x: LPInputs) -> None:
    """At most `max_unserved_share` of the load unserved over the year (one row)."""
    if x.max_unserved_share >= 1:
        return
    row = lp.add_constraints("max_unserved", 1, hi=x.max_unserved_share * float(x.load_kw.sum()))
    lp.add_terms(row[0], lp.columns["unserved"], 1.0)


def define_min_renewable(lp: LinearProgram, x: LPInputs) -> None:
    """At least `min_renewable_share` of the served electricity, the water plants' included, not
    from gensets or the grid (one row)."""
    if x.min_renewable_share <= 0:
        return
    keep = 1.0 - x.min_renewable_share
    row = lp.add_constraints("min_renewable", 1, hi=keep * float(x.load_kw.sum()))[0]
    for name in ("genset_out", "grid_import"):
        if name in lp.columns:
            lp.add_terms(row, lp.columns[name], 1.0)
    lp.add_terms(row, lp.columns["unserved"], -keep)
    for flow, kwh_per_m3 in (("wells_out", x.wells_kwh_per_m3), ("ro_out", x.ro_kwh_per_m3)):
        if flow in lp.columns and kwh_per_m3 > 0:
            lp.add_terms(row, lp.columns[flow], -keep * kwh_per_m3)
