"""What a sweep's worker keeps between variants: the weather, program, demand and PV output are
reused only where the scenario sections they read are the same. The sections declared supply
side (`cayo.prepare.SUPPLY_SIDE`) are checked here one by one: a numeric field changed in each
leaves the program and the demand as they were, while a change of the people does not."""

from __future__ import annotations

import pandas as pd
import pytest

from cayo.demand.town import town_demand
from cayo.errors import ScenarioError
from cayo.prepare import SUPPLY_SIDE, Reuse, prepare
from cayo.program import build_program
from cayo.scenario.io import LoadedScenario, load_scenario, parse_scenario
from cayo.sweep.vary import numeric_paths, set_values, variant_scenario

pytestmark = pytest.mark.slow


def changed(loaded: LoadedScenario, section: str) -> LoadedScenario | None:
    """`loaded` with the first numeric field of `section` that takes a 5 % change changed."""
    for path, value in numeric_paths(loaded.scenario).items():
        if path.split(".")[0] != section or isinstance(value, bool):
            continue
        new = value + 1 if isinstance(value, int) else (value * 1.05 if value else 0.01)
        text = set_values(loaded.text, {path: new})
        try:
            return LoadedScenario(parse_scenario(text), loaded.path, text)
        except ScenarioError:
            continue
    return None


def test_supply_side_sections_leave_program_and_demand_unchanged(weather) -> None:  # type: ignore[no-untyped-def]
    base = load_scenario()
    program = build_program(base.scenario)
    demand = town_demand(base.scenario, program, weather)
    checked = []
    for section in sorted(SUPPLY_SIDE - {"name", "seed"}):
        other = changed(base, section)
        if other is None:
            continue
        p = build_program(other.scenario)
        pd.testing.assert_frame_equal(p.facilities, program.facilities)
        d = town_demand(other.scenario, p, weather)
        for carrier, table in demand.hourly.items():
            pd.testing.assert_frame_equal(d.hourly[carrier], table, obj=f"{section}: {carrier}")
        checked.append(section)
    assert len(checked) >= 10, checked


def test_a_worker_reuses_inputs_only_when_their_sections_are_the_same() -> None:
    base = load_scenario()
    reuse = Reuse()
    first = prepare(base, reuse=reuse)
    dearer = variant_scenario(base, {"technologies.genset.fuel_price_usd_per_l": 1.4})
    again = prepare(dearer, reuse=reuse)
    assert again.demand is first.demand and again.weather is first.weather
    assert again.inputs.diesel_price_usd_per_l == 1.4 != first.inputs.diesel_price_usd_per_l
    more = variant_scenario(base, {"people.specialists": 13_000})
    grown = prepare(more, reuse=reuse)
    assert grown.demand is not first.demand and grown.weather is first.weather
    assert grown.demand.total("electricity").sum() > first.demand.total("electricity").sum()
    cold = prepare(more)  # the same as without reuse
    pd.testing.assert_frame_equal(
        cold.demand.hourly["electricity"], grown.demand.hourly["electricity"]
    )
