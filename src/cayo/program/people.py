"""Population groups that drive the facility norms [persons], and the dwellings they need.

Families come from one of two descriptions (`cayo.scenario.schema.People`):

* ``households``: partners and children follow the specialists. Of S specialists a share p
  lives with a partner; a share q of those partners are specialists too (already counted), so

      couples      = S·p·(1 − q/2)            (two specialists share one dwelling)
      partners     = S·p·(1 − q)              (adults added to the town)
      children     = couples · children_per_family
      dwellings    = couples + S·(1 − p)/single_size + students/student_size;

* given numbers: ``dependents`` with their age shares and one household size for everyone.

Service workers who move to town with their households (`cayo.program.service`) come on top:
each brings household_size/workers_per_household − 1 family members, split by age.
"""

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
    "tourist",
    "day_population",
    "fixed",
)


@dataclass(frozen=True)
class Population:
    """People by group [persons].

    Attributes
    ----------
    specialists, students : as the scenario gives them.
    partners : adults living with the specialists who are not specialists (or, with given
        numbers, the adult dependents).
    partner_jobs : partners who take a service job in town.
    child_0_2, child_3_6, child_7_17 : children by age band, every household.
    service_residents : service workers living in town; service_family_adults : the other
        adults of their households.
    commuters : workers coming in by day (the scenario's own and service commuters).
    visitors : day visitors on an average day; tourists : tourists staying overnight.
    dwellings : dwellings to build [dwellings].

    >>> from cayo.scenario.schema import DependentAges
    >>> ages = DependentAges(age_0_2=0.1, age_3_6=0.2, age_7_17=0.3, adult=0.4)
    >>> p = Population.of(People(specialists=10, students=5, dependents=100,
    ...                          dependent_age_shares=ages, household_size=2, commuters=7))
    >>> p.residents, p.count("child_0_6"), p.count("child_7_17"), p.count("day_population")
    (115.0, 30.0, 30.0, 122.0)
    """

    specialists: int
    students: int
    partners: float
    partner_jobs: float
    child_0_2: float
    child_3_6: float
    child_7_17: float
    service_residents: float
    service_family_adults: float
    commuters: float
    visitors: int
    dwellings: float
    tourists: int = 0

    @classmethod
    def of(cls, people: People) -> Population:
        """The scenario's residents, before service workers move in."""
        if people.households is None:
            return _given(people)
        h = people.households
        s = people.specialists
        couples = s * h.partner_share * (1 - h.partner_specialist_share / 2)
        partners = s * h.partner_share * (1 - h.partner_specialist_share)
        children = couples * h.children_per_family
        dwellings = (
            couples
            + s * (1 - h.partner_share) / h.single_household_size
            + people.students / h.student_household_size
        )
        a = h.child_age_shares
        return _population(
            people,
            partners,
            partners * h.partner_job_share,
            (children * a.age_0_2, children * a.age_3_6, children * a.age_7_17),
            dwellings,
        )

    @property
    def children(self) -> float:
        """Children aged 0-17 [persons]."""
        return self.child_0_2 + self.child_3_6 + self.child_7_17

    @property
    def dependents(self) -> float:
        """Residents who are neither specialists, students nor service workers [persons]."""
        return self.partners + self.children + self.service_family_adults

    @property
    def residents(self) -> float:
        """Everyone who lives in town [persons]."""
        return self.specialists + self.students + self.dependents + self.service_residents

    @property
    def present(self) -> float:
        """Residents and tourists: the people who sleep in town [persons]."""
        return self.residents + self.tourists

    @property
    def household_size(self) -> float:
        """Residents per dwelling [persons]."""
        return self.residents / self.dwellings if self.dwellings else 0.0

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
            "adult_dependent": self.partners + self.service_family_adults,
            "commuter": self.commuters,
            "visitor": self.visitors,
            "tourist": self.tourists,
            "day_population": self.present + self.commuters + self.visitors,
            "fixed": 1,
        }[driver]


def _given(people: People) -> Population:
    """The population of a scenario that gives its dependents as numbers."""
    a, d = people.dependent_age_shares, people.dependents
    assert a is not None and d is not None and people.household_size  # checked on load
    residents = people.specialists + people.students + d
    children = (d * a.age_0_2, d * a.age_3_6, d * a.age_7_17)
    return _population(people, d * a.adult, 0.0, children, residents / people.household_size)


def _population(
    people: People,
    partners: float,
    partner_jobs: float,
    children: tuple[float, float, float],
    dwellings: float,
) -> Population:
    """The scenario's residents before service workers move in [persons]; `children` aged
    0-2, 3-6 and 7-17."""
    return Population(
        specialists=people.specialists,
        students=people.students,
        partners=partners,
        partner_jobs=partner_jobs,
        child_0_2=children[0],
        child_3_6=children[1],
        child_7_17=children[2],
        service_residents=0.0,
        service_family_adults=0.0,
        commuters=float(people.commuters),
        visitors=people.visitors_per_day,
        tourists=people.tourists,
        dwellings=dwellings,
    )


def dependents_per_specialist(people: People) -> float:
    """Family members per specialist [persons/person] (the workforce ramp's ratio)."""
    pop = Population.of(people)
    return pop.dependents / pop.specialists if pop.specialists else 0.0
