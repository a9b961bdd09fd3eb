"""The facility table (cayo.program) and the shipped norm tables behind it.

Figures and sources (see /work/shared/facts.md):
* Daycares: 60 places per 100 children aged 0–6 (Russian federal guideline) —
  https://docs.cntd.ru/document/553368974/titles/M3S1M2
* Schools: 120 places per 1,000 residents (St. Petersburg), 91–125 in other regions — same, and
  https://github.com/misht-world/my_urban_model configs/spb.yaml
* Cuba 2023: 15.66 % of the population aged 0–14 — https://population-pyramid.net/fr/pp/cuba
* Streets ≥ 30 % of land (UN-Habitat) — https://unhabitat.org/five-principles-of-neighbourhood-design
* Solid-waste composition: World Bank What a Waste (Cuba)
"""

from __future__ import annotations

import math
from dataclasses import fields

import pandas as pd
import pytest
from scenario_edit import given_families_fixtures, given_families_text

from cayo.data import table
from cayo.demand.consumables import municipal_sources
from cayo.demand.profiles import HOURS, schedule_names
from cayo.program import build_program
from cayo.program.norms import NUMERIC_FIELDS, TEXT_FIELDS, FacilityNorm, facility_names, norms
from cayo.program.people import DRIVERS, Population
from cayo.scenario.io import default_scenario_text, parse_scenario
from cayo.scenario.schema import DependentAges, People

PARAMETERS = {f.name for f in fields(FacilityNorm)} - {"name"}
OCCUPANT_GROUPS = {"resident", "specialist", "student", "child", "worker", "service"}
# Cuba 2023: 15.66 % aged 0–14 (population-pyramid.net), spread evenly over the single years
# (1.044 %/yr): 0–2 → 3 yr = 3.13 %, 3–6 → 4 yr = 4.18 %, 7–17 → 11 yr = 11.48 %, adults the rest
NATIONAL_AGES = DependentAges(age_0_2=0.0313, age_3_6=0.0418, age_7_17=0.1148, adult=0.8121)


def with_people(scenario, **changes):
    """`scenario` with validated people changes (e.g. students=6000)."""
    people = People(**{**scenario.people.model_dump(), **changes})
    return scenario.model_copy(update={"people": people})


def with_program(scenario, **changes):
    return scenario.model_copy(update={"program": scenario.program.model_copy(update=changes)})


@pytest.fixture(scope="module")
def families():
    """The default scenario file with 3,000 dependents, parsed and validated from YAML."""
    text = given_families_text(default_scenario_text(), 3000)
    scenario = parse_scenario(text, "families.yaml")
    assert scenario.people.dependents == 3000
    return scenario


scenario, weather = given_families_fixtures()  # this module's `scenario` and `weather`


@pytest.fixture(scope="module")
def program(scenario):
    return build_program(scenario)


@pytest.fixture(scope="module")
def family_program(families):
    return build_program(families)


# ---------------------------------------------------------------- shipped tables


@pytest.mark.parametrize("name", ["facilities.csv", "schedules.csv", "waste_composition.csv"])
def test_every_row_has_unit_and_source(name):
    df = table(name)
    assert len(df) > 0
    for col in ("unit", "source"):
        values = df[col].astype("string")
        assert values.notna().all(), f"{name}: empty {col} in rows {list(df.index[values.isna()])}"
        assert (values.str.strip().str.len() > 0).all(), f"{name}: blank {col}"


def test_placeholder_sources_only_on_definitions():
    """A '-' source is allowed only where nothing needs sourcing: labels, 0 and 1, or the balance
    point of a facility that has no cooling."""
    df = table("facilities.csv")
    cooling = {n: f.cooling_w_per_m2_k for n, f in norms().items()}
    for row in df[df["source"].str.strip() == "-"].itertuples():
        if row.parameter in TEXT_FIELDS:
            continue
        if row.parameter == "balance_temp_c" and cooling[row.facility] == 0:
            continue
        assert float(row.value) in (0.0, 1.0), f"{row.facility}.{row.parameter} needs a source"


def test_every_facility_has_every_parameter():
    df = table("facilities.csv")
    assert not df.duplicated(["facility", "parameter"]).any()
    for name in facility_names():
        have = set(df.loc[df["facility"] == name, "parameter"])
        assert have == PARAMETERS, (
            f"{name}: missing {PARAMETERS - have}, unknown {have - PARAMETERS}"
        )
    assert set(NUMERIC_FIELDS) | TEXT_FIELDS == PARAMETERS | {"name"}


def test_norm_values_are_valid():
    """Numbers are finite and non-negative; shares are shares; text fields name known things."""
    sources = set(municipal_sources()) | {"industry"}
    for name, f in norms().items():
        for p in NUMERIC_FIELDS:
            v = getattr(f, p)
            assert math.isfinite(v) and v >= 0, (name, p, v)
        assert 0 <= f.return_factor <= 1, name
        assert f.units_per_facility > 0, name
        assert f.driver in DRIVERS, name
        assert f.occupant_group in OCCUPANT_GROUPS, name
        assert f.waste_source in sources, name


def test_every_referenced_schedule_exists():
    known = set(schedule_names())
    for name, f in norms().items():
        for p in (
            "schedule",
            "cooling_schedule",
            "water_schedule",
            "lpg_schedule",
            "data_schedule",
        ):
            assert getattr(f, p) in known, f"{name}.{p} = {getattr(f, p)!r} not in schedules.csv"


def test_schedules_well_formed():
    """Each schedule has one weekday and one weekend row of 24 values in [0, 1]; the weekday
    peaks above 0 (profiles are scaled by the weekday sum and maximum)."""
    df = table("schedules.csv")
    assert not df.duplicated(["schedule", "daytype"]).any()
    for name, rows in df.groupby("schedule"):
        assert sorted(rows["daytype"]) == ["weekday", "weekend"], name
        values = rows[HOURS].to_numpy(float)
        assert ((values >= 0) & (values <= 1)).all(), name
        assert rows.loc[rows["daytype"] == "weekday", HOURS].to_numpy(float).max() > 0, name


def test_waste_composition_adds_up():
    """Shares sum to 1; organic 68.9 % (World Bank What a Waste, Cuba)."""
    df = table("waste_composition.csv").set_index("fraction")
    assert df["share"].sum() == pytest.approx(1.0, abs=1e-9)
    assert (df["share"] >= 0).all()
    assert df.at["organic", "share"] == pytest.approx(0.689)


def test_norms_match_their_sources():
    """Housing 28 m²/person; retail 460 m²/1,000 split 40/60 between shops and the centre;
    catering 105 seats/1,000; polyclinic 26.3 visits/shift/1,000; sports grounds 1,000 m²/1,000
    (St. Petersburg norms, configs/spb.yaml); daycare 0.60 place per child aged 0–6 (Russian
    federal guideline); one family doctor per 650 people (mid-point of 600–700, Cuba)."""
    n = norms()
    assert n["residence"].floor_m2_per_unit == 28
    assert n["shop"].capacity_per_driver + n["shopping_centre"].capacity_per_driver == (
        pytest.approx(460 / 1000)
    )
    assert n["catering"].capacity_per_driver == pytest.approx(105 / 1000)
    assert n["polyclinic"].capacity_per_driver == pytest.approx(26.3 / 1000)
    assert n["sports_ground"].capacity_per_driver == pytest.approx(1000 / 1000)
    assert n["daycare"].capacity_per_driver == pytest.approx(0.60)
    assert n["family_doctor"].capacity_per_driver == pytest.approx(1 / 650, rel=1e-4)


# ---------------------------------------------------------------- the facility table


def test_table_follows_the_norms(program, scenario):
    """capacity = norm × driver (or the scenario's value); floor, land, staff and occupants are
    capacity × their norm; count = ⌈capacity / building size⌉."""
    pop = program.population
    fac = program.facilities
    assert list(fac.index) == [*facility_names(), "streets"]
    for name, f in program.norms.items():
        row = fac.loc[name]
        if name == "industry":
            assert row["capacity"] == scenario.program.industry.floor_area_m2
            assert row["staff"] == row["occupants"] == scenario.program.industry.workers
        elif name == "data_centre":
            assert row["capacity"] == scenario.program.data_centre.it_load_kw
        else:
            assert row["capacity"] == pytest.approx(pop.count(f.driver) * f.capacity_per_driver)
            assert row["staff"] == pytest.approx(row["capacity"] * f.staff_per_unit)
            assert row["occupants"] == pytest.approx(row["capacity"] * f.occupants_per_unit)
        assert row["floor_area_m2"] == pytest.approx(row["capacity"] * f.floor_m2_per_unit)
        assert row["land_m2"] == pytest.approx(row["capacity"] * f.land_m2_per_unit)
        assert row["count"] == math.ceil(row["capacity"] / f.units_per_facility - 1e-9)
        assert row["capacity_unit"] == f.capacity_unit
        assert row["occupant_group"] == f.occupant_group


def test_streets_share_of_land(program, scenario):
    """Streets take street_share_of_land (30 %, UN-Habitat) of all land, streets included."""
    fac = program.facilities
    share = scenario.program.street_lighting.street_share_of_land
    assert fac.at["streets", "land_m2"] == pytest.approx(share * fac["land_m2"].sum())
    assert program.land_ha == pytest.approx(fac["land_m2"].sum() / 1e4)
    assert "streets" not in program.buildings.index


def test_default_town_published_counts(program):
    """15,000 residents = 12,000 specialists + 3,000 students (oncubanews.com/?p=603838); no
    dependents, so no daycares or schools, and a note says so."""
    fac = program.facilities
    assert program.population.residents == 15_000
    assert fac.at["residence", "floor_area_m2"] == 15_000 * 28
    assert fac.at["campus", "capacity"] == 3_000
    assert fac.at["daycare", "capacity"] == fac.at["school", "capacity"] == 0
    assert fac.at["daycare", "count"] == fac.at["school", "count"] == 0
    assert any("no children" in n for n in program.notes)


@pytest.mark.parametrize("which", ["default", "families"])
def test_occupants_add_up_by_group(which, program, family_program, scenario, families):
    """Residence holds the residents, offices + laboratories the specialists, the campus the
    students, industry its workers; daycares + schools hold no more than the children."""
    p, s = (program, scenario) if which == "default" else (family_program, families)
    occ = p.facilities.groupby("occupant_group")["occupants"].sum()
    pop = p.population
    fac = p.facilities
    assert fac.at["residence", "occupants"] == pytest.approx(pop.residents)
    assert occ["resident"] == pytest.approx(pop.residents)
    assert fac.at["office", "occupants"] + fac.at["laboratory", "occupants"] == pytest.approx(
        pop.specialists
    )
    assert occ["specialist"] == pytest.approx(pop.specialists)
    assert occ["student"] == pytest.approx(pop.students)
    assert occ["worker"] == s.program.industry.workers
    children = pop.child_0_2 + pop.child_3_6 + pop.child_7_17
    assert occ["child"] <= children + 1e-9
    if which == "families":
        assert occ["child"] > 0


def test_daycares_and_schools_follow_the_ages(family_program, families):
    """3,000 dependents with shares 0.15 / 0.20 / 0.20 / 0.45 (default scenario): 1,050 children
    aged 0–6 → 0.60 × 1,050 = 630 daycare places (Russian federal guideline); 600 aged 7–17 →
    600 school places (every child enrolled)."""
    fac = family_program.facilities
    pop = family_program.population
    assert pop.child_0_2 + pop.child_3_6 == pytest.approx(1_050)
    assert pop.child_7_17 == pytest.approx(600)
    assert fac.at["daycare", "capacity"] == pytest.approx(0.60 * 1_050)
    assert fac.at["daycare", "count"] == math.ceil(630 / 140)
    assert fac.at["school", "capacity"] == pytest.approx(600)
    assert fac.at["school", "count"] == 1
    assert not any("no children" in n for n in family_program.notes)


def test_adult_heavy_town_needs_fewer_school_places(families):
    """A town of specialists and students with a few families (adult-heavy) needs far fewer school
    places per 1,000 residents than a town with Cuba's national age structure, which lands in the
    91–125 places/1,000 of Russian regional norms (120 in St. Petersburg)."""

    def school_per_1000(scenario):
        p = build_program(scenario)
        return 1000 * p.facilities.at["school", "capacity"] / p.population.residents

    adult_heavy = school_per_1000(families)  # 600 places / 18,000 residents
    national = school_per_1000(
        with_people(
            families,
            specialists=0,
            students=0,
            dependents=18_000,
            dependent_age_shares=NATIONAL_AGES.model_dump(),
        )
    )
    assert adult_heavy == pytest.approx(1000 * 600 / 18_000)
    assert national == pytest.approx(1000 * 0.1148)
    assert 91 <= national <= 125
    assert adult_heavy < 0.5 * national


def test_students_drive_campus_and_resident_norms(families, family_program):
    """3,000 → 6,000 students: the campus (capacity, floor, staff, land) doubles; everything that
    follows residents or the day population (residence, shops, catering, clinics, sports...)
    grows with the residents (18,000 → 21,000); offices, laboratories, daycares, schools,
    industry and the data centre do not move."""
    more = build_program(with_people(families, students=6_000))
    a, b = family_program.facilities, more.facilities
    ratio = 21_000 / 18_000
    assert more.population.residents == 21_000
    numeric = ["capacity", "count", "floor_area_m2", "land_m2", "staff", "occupants"]
    for name, f in family_program.norms.items():
        if f.driver == "student":
            expected = 2.0
        elif f.driver in ("resident", "day_population"):
            expected = ratio
        else:
            expected = 1.0
        for col in ("capacity", "floor_area_m2", "land_m2", "staff", "occupants"):
            if name == "industry" and col in ("staff", "occupants"):
                continue
            assert b.at[name, col] == pytest.approx(expected * a.at[name, col]), (name, col)
        if expected == 1.0:
            pd.testing.assert_series_equal(a.loc[name, numeric], b.loc[name, numeric])
    for name in ("office", "laboratory", "daycare", "school", "industry", "data_centre"):
        pd.testing.assert_series_equal(a.loc[name], b.loc[name])
    assert b.at["campus", "capacity"] == 6_000
    assert b.at["campus", "floor_area_m2"] == 2 * a.at["campus", "floor_area_m2"] == 60_000
    assert b.at["campus", "staff"] == pytest.approx(2 * a.at["campus", "staff"])
    for name in ("residence", "shop", "shopping_centre", "catering", "polyclinic", "sports_hall"):
        assert b.at[name, "capacity"] == pytest.approx(ratio * a.at[name, "capacity"]), name


def test_norm_override_changes_that_norm_only(scenario, program):
    """program.norms {office: {floor_m2_per_unit: 12}}: office floor 10 → 12 m²/desk; the rest of
    the office row and every other facility stay (land does not depend on floor)."""
    p = build_program(with_program(scenario, norms={"office": {"floor_m2_per_unit": 12}}))
    assert p.norms["office"].floor_m2_per_unit == 12
    assert p.norms["laboratory"] == program.norms["laboratory"]
    a, b = program.facilities, p.facilities
    assert b.at["office", "floor_area_m2"] == pytest.approx(
        12 / 10 * a.at["office", "floor_area_m2"]
    )
    changed = a.compare(b)
    assert list(changed.index) == ["office"]
    assert {c for c, _ in changed.columns} == {"floor_area_m2"}


def test_capacity_override_sets_capacity(scenario, program):
    """program.capacity {school: 800, catering: 1000}: the capacities are taken as given and the
    rows follow them (schools of 600 places → 2 buildings); other facilities stay, streets follow
    the land."""
    p = build_program(with_program(scenario, capacity={"school": 800, "catering": 1000}))
    a, b = program.facilities, p.facilities
    assert b.at["school", "capacity"] == 800
    assert b.at["school", "count"] == 2
    assert b.at["school", "floor_area_m2"] == 800 * 10
    assert b.at["catering", "capacity"] == 1000
    assert b.at["catering", "floor_area_m2"] == 1000 * 3
    assert sorted(a.compare(b).index) == ["catering", "school", "streets"]


def test_population_groups():
    """children follow the dependents' age shares; day population adds commuters and visitors."""
    ages = DependentAges(age_0_2=0.1, age_3_6=0.2, age_7_17=0.3, adult=0.4)
    pop = Population.of(
        People(
            specialists=100,
            students=50,
            dependents=1000,
            dependent_age_shares=ages,
            commuters=20,
            visitors_per_day=5,
            household_size=2.5,
        )
    )
    assert pop.residents == 1150
    assert pop.count("child_0_6") == pytest.approx(300)
    assert pop.count("child_7_17") == pytest.approx(300)
    assert pop.count("adult_dependent") == pytest.approx(400)
    assert pop.count("day_population") == 1150 + 20 + 5
    assert pop.count("fixed") == 1
    # every driver is known and counts people: children and adult dependents add up to them
    counts = {d: pop.count(d) for d in DRIVERS}
    assert counts["child_0_6"] + counts["child_7_17"] + counts["adult_dependent"] == pytest.approx(
        1000
    )
    assert all(v >= 0 for v in counts.values())
