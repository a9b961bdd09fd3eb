"""Floor area per archetype from the people and the shipped norms, with scenario overrides."""

from __future__ import annotations

from cayo.demand.archetypes import Archetype
from cayo.scenario.schema import People


def driver_count(people: People, driver: str) -> int:
    """Persons behind a driver: 'resident', 'specialist' or 'student' [persons].

    >>> driver_count(People(specialists=10, students=5, dependents=2), "resident")
    17
    """
    return {
        "resident": people.residents,
        "specialist": people.specialists,
        "student": people.students,
    }[driver]


def floor_areas(
    people: People, kinds: dict[str, Archetype], overrides: dict[str, float]
) -> dict[str, float]:
    """Floor area [m²] per archetype: driver persons × norm [m²/person], unless overridden."""
    return {
        name: float(overrides[name])
        if name in overrides
        else driver_count(people, a.driver) * a.floor_m2_per_driver
        for name, a in kinds.items()
    }
