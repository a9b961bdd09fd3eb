"""Population groups that drive the facility norms [persons]."""

from __future__ import annotations

from dataclasses import dataclass

from cayo.scenario.schema import People

DRIVERS = (
    "resident",
    "specialist",
    "student",
    "child_0_2",
    "child_3_6",
    "child_0_6",
    "child_7_17",
    "adult_dependent",
    "commuter",
    "visitor",
    "day_population",
    "fixed",
)


@dataclass(frozen=True)
class Population:
    """People by group [persons]; children follow the dependents' age shares.

    >>> from cayo.scenario.schema import DependentAges
    >>> ages = DependentAges(age_0_2=0.1, age_3_6=0.2, age_7_17=0.3, adult=0.4)
    >>> p = Population.of(People(specialists=10, students=5, dependents=100,
    ...                          dependent_age_shares=ages, household_size=2, commuters=7))
    >>> p.residents, p.count("child_0_6"), p.count("child_7_17"), p.count("day_population")
    (115, 30.0, 30.0, 122)
    """

    specialists: int
    students: int
    dependents: int
    child_0_2: float
    child_3_6: float
    child_7_17: float
    adult_dependents: float
    commuters: int
    visitors: int

    @classmethod
    def of(cls, people: People) -> Population:
        """Split the scenario's people into groups."""
        a = people.dependent_age_shares
        d = people.dependents
        return cls(
            specialists=people.specialists,
            students=people.students,
            dependents=d,
            child_0_2=d * a.age_0_2,
            child_3_6=d * a.age_3_6,
            child_7_17=d * a.age_7_17,
            adult_dependents=d * a.adult,
            commuters=people.commuters,
            visitors=people.visitors_per_day,
        )

    @property
    def residents(self) -> int:
        """Everyone who lives in town [persons]."""
        return self.specialists + self.students + self.dependents

    def count(self, driver: str) -> float:
        """Persons behind a norm's driver (see `DRIVERS`); 'fixed' counts as 1."""
        return {
            "resident": self.residents,
            "specialist": self.specialists,
            "student": self.students,
            "child_0_2": self.child_0_2,
            "child_3_6": self.child_3_6,
            "child_0_6": self.child_0_2 + self.child_3_6,
            "child_7_17": self.child_7_17,
            "adult_dependent": self.adult_dependents,
            "commuter": self.commuters,
            "visitor": self.visitors,
            "day_population": self.residents + self.commuters + self.visitors,
            "fixed": 1,
        }[driver]
