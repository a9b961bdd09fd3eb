"""The one cost table: hand-computed entries, and every view (LP coefficients, outside-LP
services, the verdict's changes) reading the same numbers from it."""

from __future__ import annotations

import numpy as np
import pytest
from scenario_edit import with_

from cayo.costs import UTILITIES, annuity_factor, capital_recovery_factor, cost_table
from cayo.finance.metrics import UTILITY_COSTS
from cayo.scenario.io import load_scenario
from cayo.scenario.schema import Scenario
from cayo.supply.assemble import build_inputs
from cayo.supply.plan import CAPACITIES
from cayo.verdict.changes import addition_cost

S = load_scenario().scenario
CRF_8_20 = 0.10185220882315059  # 0.08 / (1 − 1.08^−20), the textbook value 0.101852
CRF_8_30 = 0.08882743338727227  # 0.08 / (1 − 1.08^−30), the textbook value 0.088827
T = 48


def hand_scenario() -> Scenario:
    s = S
    for path, value in {
        "finance.discount_rate": 0.08,
        "technologies.pv.capex_usd_per_kw": 1000.0,
        "technologies.pv.fixed_om_usd_per_kw_yr": 15.0,
        "technologies.pv.lifetime_yr": 20.0,
        "water_supply.desalination.capex_usd_per_m3_per_day": 1200.0,
        "water_supply.desalination.fixed_om_usd_per_m3_per_day_yr": 50.0,
        "water_supply.desalination.lifetime_yr": 20.0,
        "fuel_supply.diesel.tank_capex_usd_per_m3": 500.0,
        "fuel_supply.diesel.tank_lifetime_yr": 30.0,
        "sewage.capex_usd_per_m3_per_day": 1000.0,
        "sewage.fixed_om_share_per_yr": 0.03,
        "sewage.lifetime_yr": 20.0,
    }.items():
        s = with_(s, path, value)
    return s


def test_annuities_by_hand() -> None:
    assert capital_recovery_factor(0.08, 20) == pytest.approx(CRF_8_20, rel=1e-12)
    assert capital_recovery_factor(0.08, 30) == pytest.approx(CRF_8_30, rel=1e-12)
    # 1 USD a year for 20 years at 8 %: Σ 1.08^−t, t = 1..20
    assert annuity_factor(0.08, 20) == pytest.approx(sum(1.08**-t for t in range(1, 21)))


def test_cost_table_by_hand() -> None:
    """At 8 %: PV 1,000 USD/kWp for 20 yr + 15 USD/kWp/yr → 1,000·0.1018522 + 15 = 116.852 USD
    per kWp a year; desalination 1,200 USD per m³/day (+ 50/yr) is 28,800 USD per m³/h
    (+ 1,200/yr) → 28,800·0.1018522 + 1,200 = 4,133.34; the diesel tank 500 USD/m³ is 0.5 USD/L
    for 30 yr → 0.5·0.0888274 = 0.0444137; the sewage plant 1,000 USD per m³/day with O&M 3 % of
    capex → 1,000·0.1018522 + 30 = 131.852."""
    t = cost_table(hand_scenario())
    pv, ro, tank, sewage = (
        t["pv_kw"],
        t["ro_m3_h"],
        t["diesel_tank_l"],
        t["sewage_capacity_m3_per_day"],
    )
    assert (pv.utility, pv.unit, pv.capex_usd_per_unit, pv.life_yr) == (
        "electricity",
        "kWp",
        1000,
        20,
    )
    assert t.annual("pv_kw") == pytest.approx(116.85220882315, rel=1e-12)
    assert t.capital_recovery("pv_kw") == pytest.approx(101.85220882315, rel=1e-12)
    assert (ro.unit, ro.capex_usd_per_unit, ro.fixed_om_usd_per_unit_yr) == ("m³/h", 28_800, 1_200)
    assert t.annual("ro_m3_h") == pytest.approx(28_800 * CRF_8_20 + 1_200, rel=1e-12)
    assert t.annual("ro_m3_h") == pytest.approx(4133.3436141, rel=1e-9)
    assert (tank.unit, tank.capex_usd_per_unit) == ("L", 0.5)
    assert t.annual("diesel_tank_l") == pytest.approx(0.04441371669, rel=1e-9)
    assert (sewage.utility, sewage.fixed_om_usd_per_unit_yr) == ("sewage", 30.0)
    assert t.annual("sewage_capacity_m3_per_day") == pytest.approx(131.85220882, rel=1e-9)


def test_the_table_covers_every_component_once() -> None:
    t = cost_table(S)
    keys = set(t.keys())
    assert set(CAPACITIES.values()) <= keys  # every LP capacity is costed
    links = {f"data_link_units_{n}" for n in S.data_links.options}
    assert keys == set(CAPACITIES.values()) | links | {
        "sewage_capacity_m3_per_day", "waste_trucks", "wte_t_per_day",
    }  # fmt: skip
    assert {c.utility for c in t} <= set(UTILITIES) == set(UTILITY_COSTS)


def test_lp_coefficients_are_the_table() -> None:
    """Each annualised LP coefficient is its table entry's capital recovery + fixed O&M."""
    s = hand_scenario()
    t = cost_table(s)
    x = build_inputs(
        s, np.ones(T), np.zeros(T), np.zeros(T), critical_kw=np.ones(T),
        water_m3_h=np.ones(T), lpg_kg_h=np.ones(T),
    )  # fmt: skip
    pairs = {
        "pv_capital_usd_per_kw_yr": "pv_kw",
        "battery_power_capital_usd_per_kw_yr": "battery_kw",
        "battery_energy_capital_usd_per_kwh_yr": "battery_kwh",
        "genset_capital_usd_per_kw_yr": "genset_kw",
        "wells_capital_usd_per_m3h_yr": "wells_m3_h",
        "ro_capital_usd_per_m3h_yr": "ro_m3_h",
        "water_tank_capital_usd_per_m3_yr": "water_tank_m3",
        "diesel_tank_capital_usd_per_l_yr": "diesel_tank_l",
        "lpg_tank_capital_usd_per_kg_yr": "lpg_tank_kg",
    }
    for param, key in pairs.items():
        assert getattr(x, param) == pytest.approx(t.annual(key), rel=1e-15), param
    assert x.pv_capital_usd_per_kw_yr == pytest.approx(116.85220882315, rel=1e-12)
    assert x.ro_capital_usd_per_m3h_yr == pytest.approx(4133.3436141, rel=1e-9)


def test_verdict_changes_are_costed_from_the_table() -> None:
    """Raising the battery by 100 kW and 400 kWh and desalination by 2 m³/h costs each added
    unit its capital recovery + fixed O&M; a battery already bigger adds nothing."""
    s = hand_scenario()
    t = cost_table(s)
    cap = {"battery_kw": 50.0, "battery_kwh": 100.0, "ro_m3_h": 1.0}
    sizes = {"battery_kw": 150.0, "battery_kwh": 500.0, "ro_m3_h": 3.0}
    expected = 100 * t.annual("battery_kw") + 400 * t.annual("battery_kwh") + 2 * 4133.3436141
    assert addition_cost(s, cap, sizes) == pytest.approx(expected, rel=1e-9)
    assert addition_cost(s, cap, {"battery_kw": 10.0}) == 0.0
    # a longer data-centre backup: the diesel for its IT load at its lowest PUE, in tank
    dc = s.program.data_centre
    litres = 12 * dc.it_load_kw * dc.pue_min * s.technologies.genset.fuel_l_per_kwh
    extra = {"data_centre_autonomy_h": s.stress.data_centre_autonomy_hours + 12}
    assert addition_cost(s, cap, extra) == pytest.approx(litres * 0.04441371669, rel=1e-9)
