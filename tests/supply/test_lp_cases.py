"""Hand-solved LP cases: every optimum below is derived on paper in the docstring."""

from __future__ import annotations

import numpy as np
import pytest
from lp_cases import inputs

from cayo.supply.plan import build_lp, plan_supply

REL = 1e-7


def test_constant_load_genset_only():
    """Load 5 kW for T hours, genset only: P_g = 5, cost = 300·5 + 0.3·5·T."""
    T = 100
    p = plan_supply(inputs(T, load_kw=np.full(T, 5.0), genset_max_kw=None))
    assert p.capacity["genset_kw"] == pytest.approx(5.0, rel=REL)
    assert p.objective_usd_yr == pytest.approx(300 * 5 + 0.3 * 5 * T, rel=REL)
    assert p.hourly["unserved_kw"].sum() == pytest.approx(0.0, abs=1e-6)


@pytest.mark.parametrize("voll, builds", [(200.0, False), (400.0, True)])
def test_one_hour_peak_genset_vs_lost_load(voll, builds):
    """Base 1 kW plus a 1-hour peak of +2 kW. Serving the peak costs 300 $/kW·yr of capacity plus
    0.3 $/kWh; leaving it unserved costs VoLL per kWh. Break-even VoLL = 300.3 $/kWh."""
    load = np.ones(24)
    load[18] = 3.0
    p = plan_supply(
        inputs(24, load_kw=load, genset_max_kw=None, value_of_lost_load_usd_per_kwh=voll)
    )
    expected_cap = 3.0 if builds else 1.0
    assert p.capacity["genset_kw"] == pytest.approx(expected_cap, rel=REL)
    unserved = 0.0 if builds else 2.0
    assert p.hourly["unserved_kw"].sum() == pytest.approx(unserved, abs=1e-6)
    cost = 300 * expected_cap + 0.3 * (load.sum() - unserved) + voll * unserved
    assert p.objective_usd_yr == pytest.approx(cost, rel=REL)


@pytest.mark.parametrize("eta", [1.0, 0.9])
def test_pv_battery_day_night(eta):
    """PV gives 1 kW/kWp for 12 h, then nothing for 12 h; load 1 kW flat; no other source.
    Nights need 12 kWh from the battery, i.e. 12/η_d stored and 12/(η_c·η_d) charged over the 12
    sunny hours at the flat rate 1/(η_c·η_d). So P_b = 1/η², E_b = 12/η, P_pv = 1 + 1/η²."""
    T = 24 * 4
    cf = np.tile(np.r_[np.ones(12), np.zeros(12)], 4)
    x = inputs(
        T,
        pv_kw_per_kwp=cf,
        pv_max_kw=1e6,
        battery_enabled=True,
        battery_charge_efficiency=eta,
        battery_discharge_efficiency=eta,
    )
    p = plan_supply(x)
    pv, pb, eb = 1 + 1 / eta**2, 1 / eta**2, 12 / eta
    assert p.capacity["pv_kw"] == pytest.approx(pv, rel=1e-6)
    assert p.capacity["battery_kw"] == pytest.approx(pb, rel=1e-6)
    assert p.capacity["battery_kwh"] == pytest.approx(eb, rel=1e-6)
    assert p.objective_usd_yr == pytest.approx(100 * pv + 50 * pb + 20 * eb, rel=1e-6)


def test_grid_with_nightly_cuts_needs_genset_for_the_cut():
    """Grid 0.2 $/kWh available 20 h a day, genset 0.3 $/kWh: the genset must cover 1 kW for the
    4 cut hours; everything else is imported. Cost = 300·1 + 0.3·4·D + 0.2·20·D."""
    D = 5
    avail = np.tile(np.r_[np.full(20, 10.0), np.zeros(4)], D)
    p = plan_supply(inputs(24 * D, grid_available_kw=avail, genset_max_kw=None))
    assert p.capacity["genset_kw"] == pytest.approx(1.0, rel=REL)
    assert p.hourly["grid_import_kw"].sum() == pytest.approx(20 * D, rel=REL)
    assert p.hourly["genset_kw"].sum() == pytest.approx(4 * D, rel=REL)
    assert p.objective_usd_yr == pytest.approx(300 + 0.3 * 4 * D + 0.2 * 20 * D, rel=REL)


def test_nothing_enabled_reports_lost_load_not_a_crash():
    """No source at all: all load is unserved and priced at VoLL."""
    T = 30
    p = plan_supply(inputs(T, load_kw=np.full(T, 2.0)))
    assert p.hourly["unserved_kw"].sum() == pytest.approx(2.0 * T, rel=REL)
    assert p.objective_usd_yr == pytest.approx(1000 * 2.0 * T, rel=REL)


def test_pv_land_cap_binds():
    """PV at 0 cost per kWh, capped at 0.5 kWp by land: the rest comes from the genset."""
    T = 24
    x = inputs(T, pv_kw_per_kwp=np.ones(T), pv_max_kw=0.5, genset_max_kw=None)
    p = plan_supply(x)
    assert p.capacity["pv_kw"] == pytest.approx(0.5, rel=REL)
    assert p.capacity["genset_kw"] == pytest.approx(0.5, rel=REL)


def test_disabled_technologies_add_no_variables():
    lp = build_lp(inputs(24))
    assert set(lp.columns) == {"unserved"}
    lp = build_lp(
        inputs(
            24,
            battery_enabled=True,
            genset_max_kw=None,
            pv_max_kw=1.0,
            grid_available_kw=np.ones(24),
        )
    )
    assert {"pv_kw", "genset_kw", "battery_kw", "battery_kwh", "grid_import", "unserved"} <= set(
        lp.columns
    )


def test_existing_capacity_stays_built() -> None:
    """A genset of 5 kW exists; the load needs 1 kW: the plan keeps all 5 kW (its capital cost
    is a constant), dispatches 1 kW, and builds no more. With 0.5 kW existing it builds 1 kW."""
    x = inputs(genset_max_kw=None)
    kept = plan_supply(x, existing={"genset_kw": 5.0})
    assert kept.capacity["genset_kw"] == pytest.approx(5.0)
    assert kept.hourly["genset_kw"].max() == pytest.approx(1.0)
    assert kept.objective_usd_yr == pytest.approx(300.0 * 5 + 0.3 * 48)
    assert plan_supply(x, existing={"genset_kw": 0.5}).capacity["genset_kw"] == pytest.approx(1.0)
