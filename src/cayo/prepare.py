"""The stages before the LP, shared by the full town's plan and every milestone's: weather,
program, demand, PV, the parts sized outside the LP, and the LP's inputs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cayo.demand.town import TownDemand, town_demand
from cayo.program import Program, build_program
from cayo.scenario.io import LoadedScenario
from cayo.supply.assemble import build_inputs
from cayo.supply.fixed import FixedParts, fixed_parts
from cayo.supply.inputs import LPInputs
from cayo.supply.island_grid import available_import_kw
from cayo.weather import WeatherYear, weather_for
from cayo.weather.pv import pv_ac_per_kwp


@dataclass(frozen=True)
class Prepared:
    """Everything before the LP: weather, program, demand and the LP's inputs."""

    weather: WeatherYear
    program: Program
    demand: TownDemand
    fixed: FixedParts
    inputs: LPInputs


Timer = Callable[[str, Callable[[], Any]], Any]


def prepare(
    loaded: LoadedScenario, timed: Timer | None = None, weather: WeatherYear | None = None
) -> Prepared:
    """The stages before the LP, in order; `timed(name, fn)` may wrap each stage. `weather`, the
    scenario's weather year when already read (the milestones share the full town's), is not read
    again."""
    run: Timer = timed or (lambda _name, fn: fn())
    s = loaded.scenario
    weather_: WeatherYear = weather or run("weather", lambda: weather_for(s, loaded.path.parent))
    program = run("program", lambda: build_program(s))
    demand = run("demand", lambda: town_demand(s, program, weather_))
    pv = run("pv", lambda: pv_ac_per_kwp(weather_, s.site, s.technologies.pv))
    grid = available_import_kw(weather_.data.index, s.technologies.island_grid)
    fixed = run("fixed", lambda: fixed_parts(s, demand))
    inputs = build_inputs(
        s,
        fixed.load_kw,
        pv,
        grid,
        critical_kw=fixed.critical_kw,
        must_run_kw=fixed.must_run_kw if fixed.waste.wte_kw > 0 else None,
        water_m3_h=fixed.water_m3_h,
        lpg_kg_h=fixed.lpg_kg_h,
    )
    return Prepared(weather_, program, demand, fixed, inputs)
