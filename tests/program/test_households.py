"""Households and service staff (cayo.program.people, cayo.program.service): hand-computed
cases of the households model, the fixed point of service households, and the default town
against the one published tech-town figure found (Innopolis).

Innopolis (Tatarstan, an IT town built from 2015): ~1,200 children in its kindergarten, school
and lyceum for 4,400-5,506 permanent residents (RBC Tatarstan, 3 May 2023,
https://rt.rbc.ru/tatarstan/03/05/2023/6451fb979a794701a004dbf2; Realnoe Vremya 2026,
https://realnoevremya.ru/news/386439-k-2050-godu-naselenie-innopolisa-dolzhno-uvelichitsya-pochti-v-9-raz):
0.22-0.27 children in education per resident, an upper bound as the lyceum boards pupils from
elsewhere in Tatarstan.
"""

from __future__ import annotations

import pytest
from scenario_edit import given_families, with_

from cayo.errors import CayoError
from cayo.program import build_program
from cayo.program.people import Population, dependents_per_specialist
from cayo.program.service import supply
from cayo.scenario.schema import ChildAges, DependentAges, Households, People, ServiceStaff

HOUSEHOLDS = Households(
    partner_share=0.5,
    partner_specialist_share=0.2,
    partner_job_share=0.3,
    children_per_family=1.0,
    child_age_shares=ChildAges(age_0_2=0.3, age_3_6=0.3, age_7_17=0.4),
    single_household_size=1.5,
    student_household_size=2.0,
)


def test_households_by_hand() -> None:
    """1,000 specialists, half with a partner, a fifth of those partners specialists too:
    couples 1,000 · 0.5 · (1 − 0.1) = 450 dwellings, partners 1,000 · 0.5 · 0.8 = 400 added,
    children 450 · 1 = 450 (135 / 135 / 180), singles 500 / 1.5 = 333.3 dwellings, students
    200 / 2 = 100 dwellings; residents 1,000 + 200 + 400 + 450 = 2,050."""
    p = Population.of(People(specialists=1000, students=200, households=HOUSEHOLDS))
    assert p.partners == pytest.approx(400)
    assert p.partner_jobs == pytest.approx(120)
    assert (p.child_0_2, p.child_3_6, p.child_7_17) == pytest.approx((135, 135, 180))
    assert p.dwellings == pytest.approx(450 + 500 / 1.5 + 100)
    assert p.residents == pytest.approx(2050)
    assert p.household_size == pytest.approx(2050 / (450 + 500 / 1.5 + 100))
    assert dependents_per_specialist(
        People(specialists=1000, students=200, households=HOUSEHOLDS)
    ) == pytest.approx(0.85)


def test_given_numbers_by_hand() -> None:
    """Given numbers: dependents split by their age shares, one household size for all."""
    ages = DependentAges(age_0_2=0.1, age_3_6=0.2, age_7_17=0.3, adult=0.4)
    p = Population.of(
        People(specialists=100, students=50, dependents=1000, dependent_age_shares=ages,
               household_size=2.5)
    )  # fmt: skip
    assert (p.child_0_2, p.child_3_6, p.child_7_17, p.partners) == pytest.approx(
        (100, 200, 300, 400)
    )
    assert p.dwellings == pytest.approx(1150 / 2.5)
    assert p.partner_jobs == 0


def staff_section(**changes: object) -> ServiceStaff:
    base = dict(
        live_in_share=0.5, household_size=3.0, workers_per_household=1.5,
        family_age_shares=DependentAges(age_0_2=0.1, age_3_6=0.1, age_7_17=0.3, adult=0.5),
        commute_from="Town B", commuters_available=100, commute_km=10.0, bus_passengers=40.0,
        bus_l_per_km=0.4, workdays_per_yr=250,
    )  # fmt: skip
    return ServiceStaff(**{**base, **changes})  # type: ignore[arg-type]


def test_sources_fill_in_order() -> None:
    """Partners first, then half of the rest move in, commuters up to those available, then a
    shortfall: 500 needed, 120 partners, 190 move in, 100 commute, 90 missing; 100 commuters
    take 3 buses each way: 6 trips · 10 km · 250 days = 15,000 bus-km, 6,000 L."""
    pop = Population.of(People(specialists=1000, students=200, households=HOUSEHOLDS))
    s = supply(500, pop, staff_section())
    assert (s.partners, s.residents, s.commuters, s.shortfall) == pytest.approx((120, 190, 100, 90))
    assert (s.bus_km_per_yr, s.bus_diesel_l_per_yr) == pytest.approx((15_000, 6_000))
    alone = supply(500, pop, None)
    assert (alone.partners, alone.residents, alone.commuters, alone.shortfall) == (120, 0, 0, 380)


def test_default_fixed_point(scenario) -> None:
    """The default town: the staff its final facility table needs are exactly those found
    (partners + moving in + commuters + shortfall), the service households live in the town's
    residences, and each worker who moved in brought household_size / workers_per_household − 1
    others."""
    prog = build_program(scenario)
    s, p = prog.service, prog.population
    fac = prog.facilities
    needed = float(fac.loc[fac["occupant_group"] != "worker", "staff"].sum())
    assert needed == pytest.approx(s.partners + s.residents + s.commuters + s.shortfall, abs=1e-3)
    assert s.needed == pytest.approx(needed, abs=1e-3)
    assert fac.at["residence", "capacity"] == pytest.approx(p.residents)
    st = scenario.people.service_staff
    others = p.service_family_adults / st.family_age_shares.adult
    assert others == pytest.approx(s.residents * (st.household_size / st.workers_per_household - 1))
    assert s.commuters > 0 and s.residents > 0 and s.partners > 0  # every source is used
    assert p.commuters == pytest.approx(scenario.people.commuters + s.commuters)


def test_default_plans_daycares_and_schools_like_innopolis(scenario) -> None:
    """The default's families give daycares and schools; its children per resident (~0.21)
    lie in the range of Innopolis' 0.22-0.27 children in education per permanent resident
    (module docstring; an upper bound), asserted loosely at 0.15-0.30."""
    prog = build_program(scenario)
    p = prog.population
    assert prog.facilities.at["daycare", "count"] > 0
    assert prog.facilities.at["school", "count"] > 0
    assert 0.15 <= p.children / p.residents <= 0.30
    assert not any("no children" in n for n in prog.notes)


def test_a_shortfall_is_reported(scenario) -> None:
    """With nobody moving in and 100 commuters available, the staff are short and a note says
    by how much and after which sources."""
    st = scenario.people.service_staff.model_copy(
        update={"live_in_share": 0.0, "commuters_available": 100}
    )
    prog = build_program(with_(scenario, "people.service_staff", st))
    s = prog.service
    assert s.commuters == 100 and s.residents == 0
    assert s.shortfall == pytest.approx(s.needed - s.partners - 100)
    assert any(f"short by {s.shortfall:,.0f}" in n and "Nueva Gerona" in n for n in prog.notes)


def test_service_households_that_cannot_settle_are_a_clear_error(scenario) -> None:
    """A staff norm so high that every worker who moves in needs more than one worker more:
    the rounds never settle and the error names what to change."""
    st = scenario.people.service_staff.model_copy(update={"live_in_share": 1.0})
    s = with_(scenario, "people.service_staff", st)
    s = with_(s, "program", s.program.model_copy(
        update={"norms": {"residence": {"staff_per_unit": 1.0}}}
    ))  # fmt: skip
    with pytest.raises(CayoError, match="service staff do not settle"):
        build_program(s)


def test_given_families_have_no_service_households(scenario) -> None:
    """Without a service_staff section nobody moves in or commutes: what partners do not fill
    is a shortfall."""
    prog = build_program(given_families(scenario, dependents=3000))
    s = prog.service
    assert s.residents == s.commuters == 0
    assert s.shortfall == pytest.approx(s.needed)


def test_milestones_scale_with_the_ramp_and_see_older_units(scenario) -> None:
    """A milestone's town: specialists and students from the ramp, families derived from them
    by the households (not carried as a number), and each listed building type's COP lower by
    (1 + cop_gain_per_yr) per year before completion (2032): 2028 sees COP / 1.017^4."""
    from cayo.program.phasing import milestone_scenario
    from cayo.program.workforce import cohort_model

    ramp = cohort_model(scenario.workforce, scenario.people)
    first = scenario.phasing.milestones[0]
    m = milestone_scenario(scenario, ramp, first)
    assert m.people.households == scenario.people.households and m.people.dependents is None
    assert m.people.specialists == round(float(ramp.at(first.year)["specialists"]))
    gain = scenario.cooling.cop_gain_per_yr
    for name, use in scenario.cooling.by_facility.items():
        assert m.cooling.by_facility[name].cop == pytest.approx(use.cop / (1 + gain) ** 4)
    last = milestone_scenario(scenario, ramp, scenario.phasing.milestones[-1])
    assert last.cooling == scenario.cooling
    pop = build_program(m).population
    assert pop.partners == pytest.approx(m.people.specialists * 0.5 * 0.8)
