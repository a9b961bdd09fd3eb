"""The stages before the LP, shared by the full town's plan and every milestone's: weather,
program, demand, PV, the parts sized outside the LP, and the LP's inputs."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
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

# sections that the weather, the program and the demand never read (checked by a test that
# varies each): a sweep over them reuses its weather, program and demand
SUPPLY_SIDE = frozenset(
    {"name", "seed", "technologies", "finance", "water_supply", "sewage", "fuel_supply",
     "data_links", "solid_waste", "constraints", "stress", "workforce", "criteria", "design"}
)  # fmt: skip


@dataclass
class Reuse:
    """What a process keeps between plans of similar scenarios (a sweep's worker): the weather
    year, the program, the demand and PV output, by the scenario sections they read. The few
    most recent of each are kept; a stage whose sections changed is computed again."""

    most: int = 4
    kept: OrderedDict[str, Any] = field(default_factory=OrderedDict)
    hits: int = 0

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        """The value kept under `key`, or `make()` kept."""
        if key in self.kept:
            self.kept.move_to_end(key)
            self.hits += 1
            return self.kept[key]
        value = make()
        self.kept[key] = value
        while len(self.kept) > self.most:
            self.kept.popitem(last=False)
        return value


def _keys(loaded: LoadedScenario) -> tuple[str, str, str]:
    """Keys of the weather year, the demand side (program and demand) and the PV output."""
    s = loaded.scenario
    weather = f"{loaded.path.parent}|{s.site.model_dump_json()}|{s.weather.model_dump_json()}"
    demand = s.model_dump_json(exclude=set(SUPPLY_SIDE))
    return weather, f"{weather}|{demand}", f"{weather}|{s.technologies.pv.model_dump_json()}"


def prepare(
    loaded: LoadedScenario,
    timed: Timer | None = None,
    weather: WeatherYear | None = None,
    reuse: Reuse | None = None,
) -> Prepared:
    """The stages before the LP, in order; `timed(name, fn)` may wrap each stage. `weather`, the
    scenario's weather year when already read (the milestones share the full town's), is not read
    again; `reuse` keeps weather, program, demand and PV between calls."""
    run: Timer = timed or (lambda _name, fn: fn())
    s = loaded.scenario
    keep = reuse or Reuse(most=0)
    k_weather, k_demand, k_pv = _keys(loaded) if reuse is not None else ("", "", "")
    weather_: WeatherYear = weather or keep.get(
        k_weather, lambda: run("weather", lambda: weather_for(s, loaded.path.parent))
    )
    program, demand = keep.get(k_demand, lambda: (
        p := run("program", lambda: build_program(s)),
        run("demand", lambda: town_demand(s, p, weather_)),
    ))  # fmt: skip
    pv = keep.get(
        k_pv, lambda: run("pv", lambda: pv_ac_per_kwp(weather_, s.site, s.technologies.pv))
    )
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
