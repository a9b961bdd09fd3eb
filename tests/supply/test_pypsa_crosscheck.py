"""cayo's electricity LP and the identical PyPSA network reach the same optimum.

The PyPSA mirror (`build_network`, `battery_power_constraint`) lives in bench/lp_vs_pypsa.py.
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


@pytest.mark.parametrize("case", CASES)
def test_cayo_matches_pypsa(case: str) -> None:
    bench = _bench()
    x = replace(week_inputs(), **CASES[case])

    plan = plan_supply(x)
    n = bench.build_network(x)
    status, condition = n.optimize(
        solver_name="highs",
        log_to_console=False,
        extra_functionality=bench.battery_power_constraint(x),
        include_objective_constant=True,
    )
    assert (status, condition) == ("ok", "optimal")
    assert n.objective_constant == 0.0

    rel = abs(plan.objective_usd_yr - n.objective) / abs(plan.objective_usd_yr)
    assert rel <= 1e-6, (plan.objective_usd_yr, n.objective)

    scale = float(x.load_kw.max())
    got = bench.network_capacity(n)
    for key, value in got.items():
        assert value == pytest.approx(plan.capacity[key], rel=1e-4, abs=1e-4 * scale), key


def test_bench_exports_the_default_inputs(tmp_path):
    """The bench's input export runs on the current pipeline (no LP solve)."""
    folder = _bench().default_inputs(tmp_path)
    assert (folder / "lp_hourly.parquet").is_file() and (folder / "lp_parameters.json").is_file()
