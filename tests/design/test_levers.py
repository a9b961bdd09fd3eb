"""Levers by hand: their prices, ladders, what they change in the simulated town, and how the
passing design becomes the verdict's condition."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from cayo.costs import capital_recovery_factor
from cayo.design.levers import apply, cost, levers, line_km
from cayo.scenario.schema import Scenario
from cayo.stress import kernel as k
from cayo.verdict.designed import DESIGN_LEVER, design_changes
from tests.stress_cases import system


def test_lines_are_priced_per_km_of_the_town(scenario: Scenario) -> None:
    # 9,000 dwellings × 20 m = 180 km; undergrounding 0.5 M USD/km more, over 40 years at the
    # scenario's rate; hardened poles 0.1 M USD/km over 60 years
    assert line_km(scenario, 9000.0) == pytest.approx(180.0)
    sy = system(48)
    lv = {x.key: x for x in levers(scenario, sy, {}, 9000.0)}
    r = scenario.finance.discount_rate
    under, hard = lv["underground_share"], lv["hardened_share"]
    assert under.capex_usd_per_unit == pytest.approx(180 * 500_000)
    assert under.annual_usd_per_unit == pytest.approx(
        180 * 500_000 * capital_recovery_factor(r, 40)
    )
    assert hard.annual_usd_per_unit == pytest.approx(180 * 100_000 * capital_recovery_factor(r, 60))
    assert under.ladder()[:3] == [0.1, 0.2, 0.3] and under.ladder()[-1] == 1.0
    # half underground costs half the town's premium
    capex, annual = cost(list(lv.values()), {"underground_share": 0.5})
    assert capex == pytest.approx(0.5 * 180 * 500_000)
    assert annual == pytest.approx(0.5 * under.annual_usd_per_unit)


def test_capacity_ladders_grow_from_the_calm_plan_and_stop_at_the_cap(scenario: Scenario) -> None:
    sy = system(48)
    lv = {x.key: x for x in levers(scenario, sy, {"battery_kwh": 1000.0}, 100.0)}
    ladder = lv["battery_kwh"].ladder()
    assert ladder[:3] == pytest.approx([1100.0, 1250.0, 1500.0])
    # at most max_capacity_factor × the larger of the calm size and the base size (4,000 kWh)
    assert ladder[-1] == 4000.0 * scenario.design.max_capacity_factor
    assert lv["water_tank_m3"].ladder()[0] == pytest.approx(10.0)  # none built: from 100 m³ base


def test_added_storage_is_a_reserve_held_full(scenario: Scenario) -> None:
    sy = system(48, battery_kwh=500.0, soc0_kwh=200.0, water_tank_m3=50.0, level0_m3=10.0)
    sy = sy.with_series(k.SOC_TARGET, np.full(48, 200.0))
    out = apply(
        sy, {"battery_kwh": 800.0, "water_tank_m3": 80.0, "diesel_tank_l": 1000.0}, scenario
    )
    assert out.plant.battery_kwh == 800.0 and out.plant.soc0_kwh == pytest.approx(500.0)
    assert out.series[0, k.SOC_TARGET] == pytest.approx(500.0)  # the schedule keeps 300 more
    assert out.plant.level0_m3 == pytest.approx(40.0)
    assert out.plant.diesel_tank_l == 1000.0 and out.plant.diesel0_l == pytest.approx(1000.0)
    h = scenario.design.hardened_poles
    lines = apply(sy, {"hardened_share": 0.4}, scenario).plant
    assert (lines.hardened_share, lines.hardened_outage_factor) == (0.4, h.outage_factor)
    with pytest.raises(ValueError, match="more than the town's lines"):
        apply(sy, {"hardened_share": 0.6, "underground_share": 0.5}, scenario)


def card(passed: dict[str, bool]) -> pd.DataFrame:
    return pd.DataFrame({"passed": passed, "value": {n: 0.0 for n in passed}})


def test_the_verified_design_is_the_condition_of_the_criteria_it_flips() -> None:
    d = SimpleNamespace(passed=True, verified=True, sizes={"hardened_share": 0.6},
                        extra_usd_yr=2e6)  # fmt: skip
    calm = card({"unserved electricity": False, "land": False, "budget": True})
    both = card({"unserved electricity": True, "land": False, "budget": True})
    out = design_changes(calm, both, d)  # type: ignore[arg-type]
    assert list(out) == ["unserved electricity"]
    assert out["unserved electricity"].lever == DESIGN_LEVER
    assert out["unserved electricity"].confirmed
    # a design that breaks the budget the calm plan kept is no condition at all
    broke = card({"unserved electricity": True, "land": False, "budget": False})
    assert design_changes(calm, broke, d) == {}  # type: ignore[arg-type]
    # nor is one that fails on a fresh seed
    d.verified = False
    assert design_changes(calm, both, d) == {}  # type: ignore[arg-type]
