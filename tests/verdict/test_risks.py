"""Switching one failure class off leaves the draws of the others unchanged (common random
numbers), so each class's contribution is measured on the same years."""

from __future__ import annotations

import numpy as np

from cayo.scenario.io import load_scenario
from cayo.stress.kernel import GRID_OFF, LINES_DOWN, SHIP_DIESEL
from cayo.stress.samplers import LinkUnits, sample_events

S = load_scenario().scenario.stress
LINKS = LinkUnits(np.array([100.0]), np.array([0.999]), ("submarine_fibre",))
SHIPS = np.arange(0, 8760, 24 * 14)


def events(stress, seed: int = 4):
    return sample_events(
        np.random.default_rng(seed), 300, 8760, stress, (21, 7), True, LINKS, SHIPS, SHIPS[:5]
    )


def kinds(ev, kind: int) -> np.ndarray:
    sel = ev.kind == kind
    return np.c_[np.repeat(np.arange(ev.years), np.diff(ev.ptr))[sel], ev.start[sel]]


def test_hurricanes_off_leaves_cuts_and_ships_alone() -> None:
    base = events(S)
    calm = events(
        S.model_copy(update={"hurricanes": S.hurricanes.model_copy(update={"per_yr": 0})})
    )
    assert base.counts["hurricanes"].sum() > 0 and calm.counts["hurricanes"].sum() == 0
    np.testing.assert_array_equal(base.cut_len, calm.cut_len)
    np.testing.assert_array_equal(kinds(base, SHIP_DIESEL), kinds(calm, SHIP_DIESEL))
    assert len(kinds(calm, LINES_DOWN)) == 0
    # the island grid's own collapses are the same; only the hurricanes' outages are gone
    np.testing.assert_array_equal(
        base.counts["island_grid_collapses"], calm.counts["island_grid_collapses"]
    )
    assert len(kinds(calm, GRID_OFF)) == calm.counts["island_grid_collapses"].sum()


def test_engine_failures_switch_turns_off_the_kernels_draws() -> None:
    from stress_cases import system

    from cayo.verdict.risks import FAILURE_CLASSES

    s = system(24, fail_to_start=0.01, fail_to_run_per_h=0.002)
    off, stress = FAILURE_CLASSES["engine failures"](s, S)
    assert off.plant.fail_to_start == 0.0 and off.plant.fail_to_run_per_h == 0.0 and stress == S


def test_levers_of_disabled_or_unbuilt_technologies() -> None:
    from cayo.verdict.changes import candidates

    scenario = load_scenario().scenario
    cap = {"battery_kw": 0.0, "battery_kwh": 0.0, "genset_kw": 0.0, "diesel_tank_l": 0.0,
           "water_tank_m3": 0.0, "ro_m3_h": 0.0}  # fmt: skip
    levers = candidates("unserved electricity", scenario, cap, 0.002, 1.0)
    battery = [sizes for lever, sizes in levers if lever == "battery"]
    assert battery[0] == {"battery_kw": 1250.0, "battery_kwh": 5000.0}  # a base, not 0 × 1.25
    t = scenario.technologies
    off = scenario.model_copy(
        update={"technologies": t.model_copy(update={"battery": t.battery.model_copy(
            update={"enabled": False})})}
    )  # fmt: skip
    assert "battery" not in {
        lever for lever, _ in candidates("unserved electricity", off, cap, 0, 1)
    }
