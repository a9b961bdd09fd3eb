"""The facility table: what must be built for the people, with floor, land, staff, occupants."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from cayo.program.norms import FacilityNorm, norms
from cayo.program.people import Population
from cayo.scenario.schema import Scenario

COLUMNS = (
    "capacity",
    "capacity_unit",
    "count",
    "floor_area_m2",
    "land_m2",
    "staff",
    "occupants",
    "occupant_group",
)


@dataclass(frozen=True)
class Program:
    """What the town needs.

    Attributes
    ----------
    facilities : DataFrame indexed by facility type with `COLUMNS`: capacity [capacity_unit],
        count [buildings], floor_area_m2 [m²], land_m2 [m²], staff [persons], occupants
        [persons present at once], occupant_group; a last row 'streets' holds street land.
    norms : the norms used (after the scenario's overrides).
    population : the people by group.
    household_size : persons per dwelling [persons].
    notes : what a planner should know (missing children, staff to find...).
    """

    facilities: pd.DataFrame
    norms: dict[str, FacilityNorm]
    population: Population
    household_size: float
    notes: tuple[str, ...]

    @property
    def buildings(self) -> pd.DataFrame:
        """The facility rows without the streets row."""
        return self.facilities.drop(index="streets")

    @property
    def dwellings(self) -> float:
        """Dwellings to build: residents housed / household size [dwellings]."""
        return float(self.facilities.at["residence", "capacity"]) / self.household_size

    @property
    def land_ha(self) -> float:
        """All land, streets included [ha]."""
        return float(self.facilities["land_m2"].sum() / 1e4)


def capacity_of(name: str, f: FacilityNorm, pop: Population, scenario: Scenario) -> float:
    """Capacity of facility `name` [its capacity unit]: scenario value, else norm × driver."""
    prog = scenario.program
    if name in prog.capacity:
        return float(prog.capacity[name])
    if name == "industry":
        return prog.industry.floor_area_m2
    if name == "data_centre":
        return prog.data_centre.it_load_kw
    return pop.count(f.driver) * f.capacity_per_driver


def build_program(scenario: Scenario) -> Program:
    """The facility table of `scenario` (pure function of the scenario and the shipped norms)."""
    pop = Population.of(scenario.people)
    table = norms(scenario.program.norms)
    rows: dict[str, dict[str, object]] = {}
    built_land = 0.0  # [m²]
    for name, f in table.items():
        cap = capacity_of(name, f, pop, scenario)
        workers = scenario.program.industry.workers if name == "industry" else None
        rows[name] = {
            "capacity": cap,
            "capacity_unit": f.capacity_unit,
            "count": math.ceil(cap / f.units_per_facility - 1e-9) if cap > 0 else 0,
            "floor_area_m2": cap * f.floor_m2_per_unit,
            "land_m2": cap * f.land_m2_per_unit,
            "staff": float(workers) if workers is not None else cap * f.staff_per_unit,
            "occupants": float(workers) if workers is not None else cap * f.occupants_per_unit,
            "occupant_group": f.occupant_group,
        }
        built_land += cap * f.land_m2_per_unit
    share = scenario.program.street_lighting.street_share_of_land
    rows["streets"] = {
        "capacity": built_land * share / (1 - share),
        "capacity_unit": "m2 street",
        "count": 0,
        "floor_area_m2": 0.0,
        "land_m2": built_land * share / (1 - share),
        "staff": 0.0,
        "occupants": 0.0,
        "occupant_group": "service",
    }
    df = pd.DataFrame.from_dict(rows, orient="index")[list(COLUMNS)]
    df.index.name = "facility"
    return Program(df, table, pop, scenario.people.household_size, tuple(_notes(df, pop)))


def _notes(df: pd.DataFrame, pop: Population) -> list[str]:
    notes = []
    if pop.child_0_2 + pop.child_3_6 + pop.child_7_17 == 0:
        notes.append(
            "no children: the scenario has no dependents, so daycares and schools are sized at 0 "
            "(set people.dependents to plan for families)"
        )
    staff = float(df.loc[df["occupant_group"] != "worker", "staff"].sum())
    available = pop.adult_dependents + pop.commuters
    notes.append(
        f"service staff needed: {staff:,.0f} persons (teachers, carers, doctors, shop and "
        f"kitchen staff...); adult dependents and commuters available: {available:,.0f}"
    )
    return notes
