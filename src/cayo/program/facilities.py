"""The facility table: what must be built for the people, with floor, land, staff, occupants."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from cayo.errors import CayoError
from cayo.program.norms import FacilityNorm, norms
from cayo.program.people import Population
from cayo.program.service import ServiceSupply, supply, with_service
from cayo.scenario.schema import MAX_PEOPLE, Scenario

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
    population : the people by group, service workers who live in town included.
    service : where the service staff come from.
    notes : what a planner should know (missing children, staff to find...).
    """

    facilities: pd.DataFrame
    norms: dict[str, FacilityNorm]
    population: Population
    service: ServiceSupply
    notes: tuple[str, ...]

    @property
    def buildings(self) -> pd.DataFrame:
        """The facility rows without the streets row."""
        return self.facilities.drop(index="streets")

    @property
    def dwellings(self) -> float:
        """Dwellings to build [dwellings]."""
        return self.population.dwellings

    @property
    def household_size(self) -> float:
        """Residents per dwelling [persons]."""
        return self.population.household_size

    def people_figures(self) -> dict[str, float]:
        """Who lives in town, who works in its services and the commute [unit in each key]."""
        p, s = self.population, self.service
        return {
            "residents": p.residents,
            "specialists": float(p.specialists),
            "students": float(p.students),
            "partners": p.partners,
            "children_0_2": p.child_0_2,
            "children_3_6": p.child_3_6,
            "children_7_17": p.child_7_17,
            "service_residents": p.service_residents,
            "service_family_adults": p.service_family_adults,
            "dwellings": p.dwellings,
            "persons_per_dwelling": p.household_size,
            "commuters_per_day": p.commuters,
            "service_staff_needed": s.needed,
            "service_staff_partners": s.partners,
            "service_staff_moving_in": s.residents,
            "service_staff_commuters": s.commuters,
            "service_staff_shortfall": s.shortfall,
            "commute_bus_km_yr": s.bus_km_per_yr,
            "commute_diesel_l_yr": s.bus_diesel_l_per_yr,
        }

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


MAX_ROUNDS = 200  # service households → more facilities → more staff: rounds to settle
SETTLED = 1e-6  # [persons] change of the service residents and commuters that ends the rounds


def build_program(scenario: Scenario) -> Program:
    """The facility table of `scenario` (pure function of the scenario and the shipped norms).

    Service workers who move in need facilities that need staff again: the table is rebuilt
    until the service residents and commuters change by less than `SETTLED`.
    """
    table = norms(scenario.program.norms, scenario.water_use, scenario.waste_use)
    staff = scenario.people.service_staff
    base = Population.of(scenario.people)
    pop = base
    rounds = 0
    while rounds < MAX_ROUNDS and pop.residents <= MAX_PEOPLE:  # beyond: diverging
        rounds += 1
        df = _table(scenario, table, pop)
        needed = float(df.loc[df["occupant_group"] != "worker", "staff"].sum())
        service = supply(needed, base, staff)
        new = with_service(base, service, staff)
        moved = abs(new.service_residents - pop.service_residents)
        if moved + abs(new.commuters - pop.commuters) < SETTLED:
            return Program(df, table, pop, service, tuple(_notes(pop, service)))
        pop = new
    raise CayoError(
        f"the service staff do not settle: each worker who moves in brings more residents, "
        f"whose facilities need more staff than that ({_many(pop.service_residents)} service "
        f"residents after {rounds} rounds); lower people.service_staff.live_in_share or "
        "household_size, or the staff_per_unit norms in program.norms",
    )


def _many(n: float) -> str:
    """A head count, or 'more than 5,000,000' past the ceiling of any group of people."""
    return f"more than {MAX_PEOPLE:,}" if n > MAX_PEOPLE else f"{n:,.0f}"


def _table(scenario: Scenario, table: dict[str, FacilityNorm], pop: Population) -> pd.DataFrame:
    """The facility rows for `pop`, streets last."""
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
    return df


def _notes(pop: Population, s: ServiceSupply) -> list[str]:
    notes = []
    if pop.children == 0:
        notes.append(
            "no children: the scenario has no families, so daycares and schools are sized at 0 "
            "(add people.households to plan for families)"
        )
    if s.shortfall > 0.5:
        where = (
            f"after {s.commuters:,.0f} commuters from {s.commute_from}"
            if s.commute_from
            else "(people.service_staff says where the others come from)"
        )
        notes.append(
            f"service staff short by {s.shortfall:,.0f} of {s.needed:,.0f} (teachers, carers, "
            f"doctors, shop and kitchen staff...): {s.partners:,.0f} partners, "
            f"{s.residents:,.0f} moving in, {where}"
        )
    return notes
