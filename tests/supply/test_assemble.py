"""From scenario to LP inputs: annuities, switches and what each switch means."""

from __future__ import annotations

import numpy as np
import pytest

from cayo.finance.annuity import capital_recovery_factor
from cayo.scenario.io import default_scenario_text, parse_scenario
from cayo.supply.assemble import build_inputs
from cayo.supply.plan import plan_supply

T = 48


def scenario_with(section: str, enabled: bool):
    """The default scenario with `section` (e.g. '  lpg:') switched on or off."""
    text = default_scenario_text()
    i = text.index(f"{section}\n    enabled: true")
    return parse_scenario(
        text[:i] + text[i:].replace("enabled: true", f"enabled: {str(enabled).lower()}", 1)
    )


def test_annuities_follow_the_capital_recovery_factor():
    s = parse_scenario(default_scenario_text())
    x = build_inputs(s, np.ones(T), np.zeros(T), np.zeros(T))
    pv = s.technologies.pv
    crf = capital_recovery_factor(s.finance.discount_rate, pv.lifetime_yr)
    assert x.pv_capital_usd_per_kw_yr == pytest.approx(
        pv.capex_usd_per_kw * crf + pv.fixed_om_usd_per_kw_yr
    )
    ro = s.water_supply.desalination
    x = build_inputs(s, np.ones(T), np.zeros(T), np.zeros(T), water_m3_h=np.ones(T))
    crf_ro = capital_recovery_factor(s.finance.discount_rate, ro.lifetime_yr)
    # per m³/h of capacity = 24 × per m³/day
    assert x.ro_capital_usd_per_m3h_yr == pytest.approx(
        24 * (ro.capex_usd_per_m3_per_day * crf_ro + ro.fixed_om_usd_per_m3_per_day_yr)
    )


def test_lpg_switched_off_leaves_the_cooking_demand_unserved():
    x = build_inputs(
        scenario_with("  lpg:", False),
        np.ones(T),
        np.zeros(T),
        np.zeros(T),
        lpg_kg_h=np.full(T, 2.0),
    )
    assert not x.lpg_ship.any()
    p = plan_supply(x)
    assert p.hourly["unserved_lpg_kg_h"].sum() == pytest.approx(2.0 * T)
    assert p.capacity["lpg_tank_kg"] == pytest.approx(0.0, abs=1e-9)


def test_diesel_logistics_off_means_fuel_bought_as_burnt():
    s_on = parse_scenario(default_scenario_text())
    s_off = scenario_with("  diesel:", False)
    on = build_inputs(s_on, np.ones(T), np.zeros(T), np.zeros(T))
    off = build_inputs(s_off, np.ones(T), np.zeros(T), np.zeros(T))
    g = s_on.technologies.genset
    assert on.diesel_ship is not None and off.diesel_ship is None
    assert on.genset_marginal_usd_per_kwh == pytest.approx(g.variable_om_usd_per_kwh)
    assert off.genset_marginal_usd_per_kwh == pytest.approx(
        g.variable_om_usd_per_kwh + g.fuel_l_per_kwh * g.fuel_price_usd_per_l
    )
    assert on.diesel_price_usd_per_l == g.fuel_price_usd_per_l
