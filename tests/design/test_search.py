"""The design search by hand: a battery sized exactly for one known outage, a floor that
blocks every design and names its failure class, and the out-of-sample check failing when a
design is tuned on too few years."""

from __future__ import annotations

import numpy as np
import pytest

from cayo.design.floor import find_floor
from cayo.design.levers import Lever, apply, levers
from cayo.design.loop import _evaluator, out_of_sample
from cayo.design.search import Goal, search
from cayo.scenario.schema import Scenario
from cayo.stress import kernel as k
from cayo.stress.run import sample
from tests.stress_cases import events, system


def battery_levers() -> list[Lever]:
    return [
        Lever("battery_kw", "battery power", "kW", 0.0, 50.0, 1_000.0, 300.0, 30.0, "electricity"),
        Lever("battery_kwh", "battery energy", "kWh", 0.0, 400.0, 10_000.0, 200.0, 20.0,
              "electricity"),
    ]  # fmt: skip


def test_a_battery_sized_exactly_for_one_known_outage(scenario: Scenario) -> None:
    # 100 kW, all critical, on a 1 MW grid that is off for 10 h every year; discharge at 0.9:
    # the battery must hold 100 × 10 / 0.9 = 1,111.1 kWh and give 100 kW, nothing more
    T = 48
    sy = system(T, discharge_efficiency=0.9).with_series(k.LOAD, np.full(T, 100.0))
    sy = sy.with_series(k.CRITICAL, np.full(T, 100.0)).with_series(k.GRID, np.full(T, 1000.0))
    ev = events(T, 20, [(k.GRID_OFF, 20, 10, 0.0)])
    goal = Goal(100.0 * T, 0.0, {"unserved electricity": 1e-9})
    found = search(battery_levers(), goal, _evaluator(sy, scenario, goal, ev))
    assert found.passed
    assert found.sizes["battery_kwh"] == pytest.approx(1000.0 / 0.9, rel=2e-3)
    assert found.sizes["battery_kw"] == pytest.approx(100.0, rel=2e-3)
    # and it is the least: 1 % less energy leaves load unserved
    less = apply(sy, found.sizes | {"battery_kwh": 0.99 * found.sizes["battery_kwh"]}, scenario)
    from cayo.stress.run import simulate

    assert simulate(less, ev, 0)[:, k.M_UNSERVED_KWH].min() > 0


def stormy(scenario: Scenario, per_yr: float, repair_h: float) -> Scenario:
    """The default's stress model with hurricanes at `per_yr` whose lines take `repair_h` (and
    that leave the island grid up: only the town's lines fail)."""
    h = scenario.stress.hurricanes
    damage = {c: getattr(h, c).model_copy(update={"lines_repair_hours": repair_h,
                                                  "island_grid_repair_hours": 0.0})
              for c in ("regular", "intense")}  # fmt: skip
    hur = h.model_copy(update={"per_yr": per_yr, **damage})
    return scenario.model_copy(update={"stress": scenario.stress.model_copy(
        update={"hurricanes": hur})})  # fmt: skip


def town(T: int = 8760):  # type: ignore[no-untyped-def]
    """100 kW of non-critical load on a grid that never fails (no island grid modelled)."""
    sy = system(T).with_series(k.LOAD, np.full(T, 100.0)).with_series(k.GRID, np.full(T, 1e3))
    return sy


def test_a_floor_blocks_every_design_and_is_named(scenario: Scenario) -> None:
    # three hurricanes a year, each downing the lines for 400 h: even all underground (down
    # with chance 0.22) loses 100 kW × 0.22 × 400 h = 8,800 kWh a storm, 1 % of the year each
    s = stormy(scenario, 3.0, 400.0)
    sy = town()
    goal = Goal(100.0 * 8760, 0.0, {"unserved electricity": 0.002})
    lv = [x for x in levers(s, sy, {}, 1000.0) if x.key in
          ("battery_kw", "battery_kwh", "hardened_share", "underground_share")]  # fmt: skip
    ev = sample(sy, s.stress, s.seed, 0, 200)
    found = search(lv, goal, _evaluator(sy, s, goal, ev))
    assert not found.passed
    floor = find_floor(s, sy, lv, goal, found, ev)
    (blocked,) = floor.blocked
    assert blocked.criterion == "unserved electricity"
    assert blocked.classes == ["hurricanes"]
    assert blocked.best > 0.002
    assert floor.largest["underground_share"] == 1.0
    # the P90 year has at least 4 storms × 400 h × 0.22 ≈ 4 × 88 h with load lost
    assert blocked.p90_year_loss_h >= 4 * 88
    assert "hurricanes" in blocked.sentence()


@pytest.mark.parametrize(("years", "holds"), [(20, False), (2000, True)])
def test_the_fresh_seed_catches_a_design_tuned_on_too_few_years(
    scenario: Scenario, years: int, holds: bool
) -> None:
    # a storm in ~15 % of years, each downing the lines for 60 h (0.68 % of the year's load
    # on bare lines; 0.15 % all underground); seed 19's first 20 years hold no storm at all,
    # so a design tuned on them builds nothing and the fresh seed's P90 year has a storm
    s = stormy(scenario, 0.16, 60.0).model_copy(update={"seed": 19})
    sy = town()
    goal = Goal(100.0 * 8760, 0.0, {"unserved electricity": 0.002})
    lv = [x for x in levers(s, sy, {}, 1000.0) if x.key in ("hardened_share", "underground_share")]
    ev = sample(sy, s.stress, s.seed, 0, years)
    found = search(lv, goal, _evaluator(sy, s, goal, ev))
    assert found.passed
    fresh = out_of_sample(apply(sy, found.sizes, s), s)
    p90 = float(np.quantile(fresh.years["unserved_kwh"], 0.9)) / goal.load_kwh
    assert (p90 <= 0.002) is holds
    assert bool(found.sizes) is holds  # nothing built on the 20 quiet years
