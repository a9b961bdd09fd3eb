"""A small town whose calm-year LP solves in a few seconds, for sweeps run in tests (on
pytest's pythonpath): the default scenario with 400 specialists and 100 students, no battery,
desalination, fuel logistics, milestones or design (the LP keeps PV, engines, the island grid,
wells and the water tank: 3 s a variant here)."""

from __future__ import annotations

from pathlib import Path

from cayo.scenario.io import default_scenario_text
from cayo.sweep.vary import set_values

FUEL = "technologies.genset.fuel_price_usd_per_l"
PV_CAPEX = "technologies.pv.capex_usd_per_kw"


def small_town_text() -> str:
    flags = ("technologies.battery.enabled", "water_supply.desalination.enabled",
             "fuel_supply.diesel.enabled", "fuel_supply.lpg.enabled", "phasing.enabled",
             "design.enabled")  # fmt: skip
    text = set_values(
        default_scenario_text(),
        {"people.specialists": 400, "people.students": 100, **dict.fromkeys(flags, False)},
    )
    return text.replace("name: Cayo Digital", "name: Small Town", 1)


def small_town(folder: Path) -> Path:
    """The small town's scenario file in `folder`."""
    path = folder / "small-town.yaml"
    path.write_text(small_town_text(), encoding="utf-8")
    return path
