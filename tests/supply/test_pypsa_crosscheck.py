"""cayo's supply LP and the identical PyPSA network reach the same optimum.

The PyPSA mirror (`build_network`, `extra_functionality`, `network_capacity`) lives in
bench/lp_vs_pypsa.py.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from cayo.supply.inputs import LPInputs
from cayo.supply.plan import plan_supply

pypsa = pytest.importorskip("pypsa")

BENCH = Path(__file__).resolve().parents[2] / "bench" / "lp_vs_pypsa.py"
HOURS = 168
WEEK = HOURS / 8760  # scale annual capital costs to the one-week horizon


def _bench():
    spec = importlib.util.spec_from_file_location("lp_vs_pypsa", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def week_inputs() -> LPInputs:
    """A synthetic week with every technology on.

    The evening peak makes the battery's power limit bind on discharge but not on charge, so the
    charger/discharger coupling and the discharge cost's conversion to the link's p0 matter.
    """
    rng = np.random.default_rng(7)
    h = np.arange(HOURS)
    hour = h % 24
    load = 900 + 350 * np.sin((hour - 8) / 24 * 2 * np.pi) ** 2 + rng.uniform(0, 80, HOURS)
    load[(hour >= 19) & (hour < 21)] += 1500.0  # an evening peak: battery discharge power binds
    sun = np.clip(np.sin((hour - 6) / 12 * np.pi), 0, None)
    clouds = np.repeat(rng.uniform(0.35, 1.0, HOURS // 24), 24)
    pv = 0.82 * sun * clouds
    grid = np.full(HOURS, 500.0)
    grid[40:64] = 0.0  # a day-long outage
    grid[120:126] = 250.0
    return LPInputs(
        load_kw=load,
        pv_kw_per_kwp=pv,
        grid_available_kw=grid,
        pv_capital_usd_per_kw_yr=130.4 * WEEK,
        pv_max_kw=3000.0,
        battery_power_capital_usd_per_kw_yr=33.4 * WEEK,
        battery_energy_capital_usd_per_kwh_yr=35.0 * WEEK,
        battery_discharge_cost_usd_per_kwh=0.02,
        battery_enabled=True,
        battery_charge_efficiency=0.95,
        battery_discharge_efficiency=0.92,
        genset_capital_usd_per_kw_yr=147.4 * WEEK,
        genset_marginal_usd_per_kwh=0.32,
        genset_fuel_l_per_kwh=0.25,
        genset_max_kw=400.0,
        grid_price_usd_per_kwh=0.25,
        value_of_lost_load_usd_per_kwh=10.0,
    )


CASES = {
    "all_on": {},
    "genset_uncapped": {"genset_max_kw": None},
    "battery_off": {"battery_enabled": False},
    "no_pv_no_genset_no_grid": {
        "pv_max_kw": 0.0,
        "genset_max_kw": 0.0,
        "grid_available_kw": np.zeros(HOURS),
    },
}


def multi_utility_inputs() -> LPInputs:
    """`week_inputs` with every utility and rule on: water (wells at their yield, RO, tank),
    diesel ships every 3 days with a minimum stock, LPG ships every 3 days (offset by a day),
    critical load with genset_min_kw, must-run generation, operating reserve and the most
    unserved share."""
    x = week_inputs()
    rng = np.random.default_rng(11)
    hour = np.arange(HOURS) % 24
    water = 60 + 40 * np.sin((hour - 6) / 24 * 2 * np.pi) ** 2 + rng.uniform(0, 10, HOURS)
    meals = ((hour >= 6) & (hour < 9)) * 60.0 + ((hour >= 17) & (hour < 20)) * 80.0
    lpg = 20 + meals + rng.uniform(0, 5, HOURS)
    diesel_ship = np.zeros(HOURS)
    diesel_ship[np.arange(0, HOURS // 24, 3) * 24] = 1.0
    lpg_ship = np.zeros(HOURS)
    lpg_ship[np.arange(1, HOURS // 24, 3) * 24] = 1.0
    critical = 0.3 * x.load_kw
    return replace(
        x,
        genset_max_kw=None,
        genset_min_kw=float(critical.max()),
        genset_marginal_usd_per_kwh=0.03,
        critical_kw=critical,
        must_run_kw=np.full(HOURS, 80.0),
        water_m3_h=water,
        wells_max_m3_h=50.0,
        wells_capital_usd_per_m3h_yr=381.0 * WEEK,
        wells_kwh_per_m3=0.5,
        ro_enabled=True,
        ro_capital_usd_per_m3h_yr=12658.0 * WEEK,
        ro_marginal_usd_per_m3=0.25,
        ro_kwh_per_m3=3.5,
        water_tank_enabled=True,
        water_tank_capital_usd_per_m3_yr=25.2 * WEEK,
        value_of_lost_water_usd_per_m3=10.0,
        diesel_ship=diesel_ship,
        diesel_price_usd_per_l=1.1,
        diesel_tank_capital_usd_per_l_yr=0.71 * WEEK,
        diesel_cargo_l=25000.0,
        diesel_min_stock_l=2000.0,
        lpg_kg_h=lpg,
        lpg_ship=lpg_ship,
        lpg_price_usd_per_kg=1.0,
        lpg_tank_capital_usd_per_kg_yr=2.66 * WEEK,
        lpg_cargo_kg=9000.0,
        value_of_lost_lpg_usd_per_kg=5.0,
        reserve_share_of_load=0.1,
        reserve_share_of_pv=0.25,
        max_unserved_share=0.01,
    )


MULTI_CASES = {
    "multi_all_on": {},
    # short cargoes and cheap lost load: unserved power, water and gas; genset_min_kw binds
    "multi_shortages": {
        "lpg_cargo_kg": 3000.0,
        "diesel_cargo_l": 5000.0,
        "value_of_lost_load_usd_per_kwh": 1.0,
        "max_unserved_share": 0.02,
        "genset_min_kw": 300.0,
        "critical_kw": 0.1 * week_inputs().load_kw,
    },
    # a capped genset and no battery: the reserve falls short and is paid for
    "multi_reserve_shortfall": {
        "genset_max_kw": 600.0,
        "genset_min_kw": 300.0,
        "critical_kw": 0.05 * week_inputs().load_kw,
        "battery_enabled": False,
        "value_of_lost_load_usd_per_kwh": 3.0,
        "max_unserved_share": 1.0,
    },
    # the least renewable share binds (more PV land), the diesel minimum stock is larger
    "multi_min_renewable": {
        "min_renewable_share": 0.9,
        "pv_max_kw": 8000.0,
        "diesel_min_stock_l": 15000.0,
    },
}


def _solve_both(x: LPInputs):
    bench = _bench()
    plan = plan_supply(x)
    n = bench.build_network(x)
    status, condition = n.optimize(
        solver_name="highs",
        log_to_console=False,
        extra_functionality=bench.extra_functionality(x),
        include_objective_constant=True,
    )
    assert (status, condition) == ("ok", "optimal")
    assert n.objective_constant == 0.0
    return plan, n, bench.network_capacity(n, x)


def _assert_same_optimum(x: LPInputs, plan, n, got: dict[str, float]) -> None:
    rel = abs(plan.objective_usd_yr - n.objective) / abs(plan.objective_usd_yr)
    assert rel <= 1e-6, (plan.objective_usd_yr, n.objective)
    assert set(got) == set(plan.capacity)
    scale = float(x.load_kw.max())
    for key, value in got.items():
        assert value == pytest.approx(plan.capacity[key], rel=1e-4, abs=1e-4 * scale), key


def tiered(cases: dict) -> list:
    """The first case in the fast tier, the others in the slow tier (each PyPSA model takes
    2-5 s to build and solve)."""
    names = list(cases)
    return names[:1] + [pytest.param(c, marks=pytest.mark.slow) for c in names[1:]]


@pytest.mark.parametrize("case", tiered(CASES))
def test_cayo_matches_pypsa(case: str) -> None:
    x = replace(week_inputs(), **CASES[case])
    _assert_same_optimum(x, *_solve_both(x))


@pytest.mark.parametrize("case", tiered(MULTI_CASES))
def test_cayo_matches_pypsa_multi_utility(case: str) -> None:
    x = replace(multi_utility_inputs(), **MULTI_CASES[case])
    plan, n, got = _solve_both(x)
    _assert_same_optimum(x, plan, n, got)
    # every utility is in both LPs, and what the case is about happens
    h = plan.hourly
    for key in ("genset_kw", "wells_m3_h", "ro_m3_h", "diesel_tank_l", "lpg_tank_kg"):
        assert got[key] > 0, key
    if case == "multi_shortages":
        assert min(h["unserved_kw"].sum(), h["unserved_water_m3_h"].sum()) > 1.0
        assert h["unserved_lpg_kg_h"].sum() > 1.0
    if case == "multi_reserve_shortfall":
        assert h["reserve_shortfall_kw"].sum() > 1.0
    # the diesel minimum stock holds every hour in PyPSA's hourly store
    assert n.stores_t.e["diesel_tank"].min() >= x.diesel_min_stock_l * (1 - 1e-9)


def test_bench_exports_the_default_inputs(tmp_path):
    """The bench's input export runs on the current pipeline (no LP solve)."""
    folder = _bench().default_inputs(tmp_path)
    assert (folder / "lp_hourly.parquet").is_file() and (folder / "lp_parameters.json").is_file()
