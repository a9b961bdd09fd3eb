"""Where the service workers come from, and what they add to the town [persons].

The facilities need N staff (their `staff_per_unit`). Partners of specialists who take a
service job fill them first; of the rest R, a share `live_in_share` moves to town with their
households (they and their families become residents, needing housing, schools and utilities,
which need staff again); commuters from the town nearby fill what is left, up to the
workers available there; anything beyond is a shortfall. Commuters ride buses:

    bus trips/day = 2 · ⌈commuters / passengers per bus⌉,
    bus-km/yr     = trips/day · commute km · working days,   diesel = bus-km · L/km.

Without a `service_staff` section only the partners count and the rest is a shortfall.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from cayo.program.people import Population
from cayo.scenario.schema import ServiceStaff


@dataclass(frozen=True)
class ServiceSupply:
    """The service workers' sources [persons] and the commuters' travel.

    Attributes
    ----------
    needed : staff the facilities need (not industry's own workers) [persons].
    partners : partners of specialists in service jobs [persons].
    residents : service workers who live in town with their households [persons].
    commuters : service workers coming in by day from `commute_from` [persons/day].
    shortfall : staff nobody fills [persons].
    commute_from : where the commuters live (None without a service_staff section).
    bus_km_per_yr : bus-km of the commute [km/yr]; bus_diesel_l_per_yr : its diesel [L/yr].
    """

    needed: float
    partners: float
    residents: float
    commuters: float
    shortfall: float
    commute_from: str | None
    bus_km_per_yr: float
    bus_diesel_l_per_yr: float


def supply(needed: float, pop: Population, staff: ServiceStaff | None) -> ServiceSupply:
    """Fill `needed` service jobs from partners, residents and commuters, in that order.

    >>> from cayo.scenario.schema import DependentAges
    >>> ages = DependentAges(age_0_2=0.1, age_3_6=0.1, age_7_17=0.3, adult=0.5)
    >>> s = ServiceStaff(live_in_share=0.5, household_size=3, workers_per_household=1.5,
    ...     family_age_shares=ages, commute_from="B", commuters_available=30, commute_km=10,
    ...     bus_passengers=40, bus_l_per_km=0.4, workdays_per_yr=250)
    >>> pop = Population(10, 0, 20, 20, 0, 0, 0, 0, 0, 0, 0, 10)
    >>> r = supply(100, pop, s)  # 20 partners, 40 move in, 30 commute, 10 missing
    >>> r.partners, r.residents, r.commuters, r.shortfall, r.bus_km_per_yr
    (20.0, 40.0, 30.0, 10.0, 5000.0)
    """
    partners = float(min(needed, pop.partner_jobs))
    rest = needed - partners
    if staff is None:
        return ServiceSupply(needed, partners, 0.0, 0.0, rest, None, 0.0, 0.0)
    residents = rest * staff.live_in_share
    commuters = min(rest - residents, float(staff.commuters_available))
    trips = 2 * math.ceil(commuters / staff.bus_passengers - 1e-9) if commuters > 0 else 0
    bus_km = trips * staff.commute_km * staff.workdays_per_yr
    return ServiceSupply(
        needed=needed,
        partners=partners,
        residents=residents,
        commuters=commuters,
        shortfall=max(rest - residents - commuters, 0.0),
        commute_from=staff.commute_from,
        bus_km_per_yr=float(bus_km),
        bus_diesel_l_per_yr=bus_km * staff.bus_l_per_km,
    )


def with_service(base: Population, s: ServiceSupply, staff: ServiceStaff | None) -> Population:
    """`base` with the service workers who live in town, their families and the commuters.

    >>> from cayo.scenario.schema import DependentAges
    >>> ages = DependentAges(age_0_2=0.1, age_3_6=0.1, age_7_17=0.3, adult=0.5)
    >>> st = ServiceStaff(live_in_share=1, household_size=3, workers_per_household=1.5,
    ...     family_age_shares=ages, commute_from="B", commuters_available=0, commute_km=10,
    ...     bus_passengers=40, bus_l_per_km=0.4, workdays_per_yr=250)
    >>> base = Population(10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10)
    >>> p = with_service(base, supply(30, base, st), st)  # 30 workers bring 30 others
    >>> p.residents, p.service_family_adults, p.child_7_17, p.dwellings
    (70.0, 15.0, 9.0, 30.0)
    """
    if staff is None or s.residents == 0:
        return replace(base, commuters=base.commuters + s.commuters)
    family = s.residents * (staff.household_size / staff.workers_per_household - 1)
    a = staff.family_age_shares
    return replace(
        base,
        child_0_2=base.child_0_2 + family * a.age_0_2,
        child_3_6=base.child_3_6 + family * a.age_3_6,
        child_7_17=base.child_7_17 + family * a.age_7_17,
        service_residents=s.residents,
        service_family_adults=family * a.adult,
        commuters=base.commuters + s.commuters,
        dwellings=base.dwellings + s.residents / staff.workers_per_household,
    )
