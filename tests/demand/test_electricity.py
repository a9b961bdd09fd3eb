"""Hourly electricity per facility (cayo.demand.electricity): hand-computed cases and published
figures for the default scenario.

Figures and sources (see /work/shared/facts.md):
* Tropical office benchmark 135 kWh/m²/yr (Malaysia MS1525) —
  http://ajocs.com/index.php/ajocs/article/view/123
* Laboratories 320–1,080 kWh/m²/yr — https://tva.bizenergyadvisor.com/laboratories
* Data centres: PUE 1.56 world average (Uptime Institute survey, 2024)
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from scenario_edit import given_families_fixtures

from cayo.demand.electricity import (
    OUTSIDE_CITY_NORM,
    cooled,
    darkness,
    electricity_demand,
    facility_load,
    load_columns,
    pue,
)
from cayo.demand.profiles import hourly_profile, schedule, schedule_names, term_months
from cayo.program import build_program
from cayo.program.norms import norms
from cayo.scenario.schema import DataCentre, DependentAges, People
from cayo.weather.year import hourly_index

# 2025 starts on a Wednesday and has 365 = 52·7 + 1 days: 52·5 + 1 = 261 weekdays, 104 weekend days
WEEKDAYS_2025, WEEKEND_DAYS_2025 = 261, 104
# weekdays of July (1 Jul = Tuesday: 23) and August (1 Aug = Friday: 21) 2025
HOLIDAY_WEEKDAYS_2025 = 23 + 21
# data/schedules.csv 'office', summed by hand:
# weekday 5·0.15 + .20 + .35 + .65 + .95 + 3·1.00 + .90 + 3·1.00 + .95 + .80 + .55 + .40 + .30
#         + .25 + .20 + .15 = 13.40
# weekend 7·0.15 + .20 + 8·0.25 + .20 + 7·0.15 = 4.50
OFFICE_WEEKDAY_SUM, OFFICE_WEEKEND_SUM = 13.40, 4.50
# 'campus': weekday 6·.05 + .15 + .60 + 4·1.00 + .85 + 2·1.00 + .95 + .70 + .50 + .45 + .40 + .30
#           + .10 + 2·.05 = 11.40; weekend 7·.05 + .10 + .20 + 3·.25 + 4·.20 + .15 + .10 + 7·.05
#           = 2.75
CAMPUS_WEEKDAY_SUM, CAMPUS_WEEKEND_SUM = 11.40, 2.75
# Σ_year office profile = 261·13.40 + 104·4.50 = 3,497.4 + 468 = 3,965.4
OFFICE_YEAR_SUM = 3_965.4
# Σ_year campus profile with July–August off: (261 − 44)·11.40 + (104 + 44)·2.75
#   = 2,473.8 + 407 = 2,880.8
CAMPUS_TERM_YEAR_SUM = 2_880.8

IDX_2025 = hourly_index(2025, -5)
WED_1_JAN_10H = 10  # weekday, office full schedule
SAT_4_JAN_10H = 3 * 24 + 10  # weekend


def norm(**kw):
    """A facility norm built from the shipped office row with the given changes."""
    return replace(norms()["office"], **kw)


def with_dependents(scenario, dependents: int = 3000):
    """The default scenario with `dependents` family members (the default age shares)."""
    people = People(**{**scenario.people.model_dump(), "dependents": dependents})
    return scenario.model_copy(update={"people": people})


scenario, weather = given_families_fixtures()  # this module's `scenario` and `weather`


@pytest.fixture(scope="module")
def program(scenario):
    return build_program(scenario)


@pytest.fixture(scope="module")
def demand(scenario, program, weather):
    return electricity_demand(scenario, program, weather)


@pytest.fixture(scope="module")
def families(scenario, weather):
    """(program, electricity) of the default town with 3,000 dependents (schools are sized)."""
    s = with_dependents(scenario)
    p = build_program(s)
    return p, electricity_demand(s, p, weather)


# ---------------------------------------------------------------- schedules


def test_schedule_sums_by_hand():
    """The hand sums above (data/schedules.csv) and the 2025 calendar behind them."""
    weekday, weekend = schedule("office")
    assert weekday.sum() == pytest.approx(OFFICE_WEEKDAY_SUM)
    assert weekend.sum() == pytest.approx(OFFICE_WEEKEND_SUM)
    weekday, weekend = schedule("campus")
    assert weekday.sum() == pytest.approx(CAMPUS_WEEKDAY_SUM)
    assert weekend.sum() == pytest.approx(CAMPUS_WEEKEND_SUM)
    days = IDX_2025[::24]
    assert (days.day_of_week < 5).sum() == WEEKDAYS_2025
    assert ((days.day_of_week < 5) & days.month.isin([7, 8])).sum() == HOLIDAY_WEEKDAYS_2025
    assert hourly_profile(IDX_2025, "office").sum() == pytest.approx(OFFICE_YEAR_SUM)
    assert hourly_profile(IDX_2025, "campus", (7, 8)).sum() == pytest.approx(CAMPUS_TERM_YEAR_SUM)


# ---------------------------------------------------------------- facility_load


def test_facility_load_hand_computed():
    """1,000 m², 100 units, base 65 kWh/m²/yr, extra 50 kWh/unit/yr, k = 2 W/(m²·K), 30 °C
    outdoors against a 20 °C balance point, office schedules, 2025:
    base = 1,000·65 + 100·50 = 70,000 kWh;
    cooling = 1,000 m² · 2 W/(m²·K) · 10 K · 3,965.4 h / 1000 = 79,308 kWh."""
    f = norm(
        base_kwh_per_m2_yr=65.0,
        extra_kwh_per_unit_yr=50.0,
        cooling_w_per_m2_k=2.0,
        balance_temp_c=20.0,
        schedule="office",
        cooling_schedule="office",
    )
    total, cooling = facility_load(f, 100.0, 1000.0, IDX_2025, np.full(len(IDX_2025), 30.0))
    assert cooling.sum() == pytest.approx(79_308.0, rel=1e-12)
    assert (total - cooling).sum() == pytest.approx(70_000.0, rel=1e-12)
    assert total.sum() == pytest.approx(149_308.0, rel=1e-12)
    # Wednesday 1 Jan 10:00 (weekday 1.00): cooling 1,000·2·10/1000 = 20 kW,
    # base 70,000 · 1.00 / 3,965.4; Saturday 4 Jan 10:00 (weekend 0.25): a quarter of both
    assert cooling[WED_1_JAN_10H] == pytest.approx(20.0)
    assert total[WED_1_JAN_10H] == pytest.approx(20.0 + 70_000.0 / OFFICE_YEAR_SUM)
    assert cooling[SAT_4_JAN_10H] == pytest.approx(5.0)
    assert total[SAT_4_JAN_10H] == pytest.approx(5.0 + 0.25 * 70_000.0 / OFFICE_YEAR_SUM)


def test_facility_load_term_calendar_hand_computed():
    """Campus schedule with July–August off: cooling = 2,000 m² · 1.5 W/(m²·K) · 8 K · 2,880.8 h
    / 1000 = 69,139.2 kWh; the base still integrates to 2,000 · 45 = 90,000 kWh; a July weekday
    takes the weekend profile."""
    f = norm(
        base_kwh_per_m2_yr=45.0,
        extra_kwh_per_unit_yr=0.0,
        cooling_w_per_m2_k=1.5,
        balance_temp_c=20.0,
        schedule="campus",
        cooling_schedule="campus",
    )
    temp = np.full(len(IDX_2025), 28.0)
    total, cooling = facility_load(f, 200.0, 2000.0, IDX_2025, temp, (7, 8))
    assert cooling.sum() == pytest.approx(69_139.2, rel=1e-12)
    assert (total - cooling).sum() == pytest.approx(90_000.0, rel=1e-12)
    # Wednesday 9 July 10:00 vs Wednesday 4 June 10:00: weekend 0.25 vs weekday 1.00
    july = IDX_2025.get_loc(pd.Timestamp("2025-07-09 10:00", tz=IDX_2025.tz))
    june = IDX_2025.get_loc(pd.Timestamp("2025-06-04 10:00", tz=IDX_2025.tz))
    assert cooling[june] == pytest.approx(2000 * 1.5 * 8 / 1000)
    assert cooling[july] == pytest.approx(0.25 * cooling[june])
    # the same facility without a calendar cools (261·11.40 + 104·2.75)/2,880.8 times as much
    _, no_terms = facility_load(f, 200.0, 2000.0, IDX_2025, temp)
    assert no_terms.sum() == pytest.approx(2000 * 1.5 * 8 * (261 * 11.40 + 104 * 2.75) / 1000)


def test_no_cooling_at_or_below_balance_point():
    f = norm(cooling_w_per_m2_k=2.0, balance_temp_c=20.0, base_kwh_per_m2_yr=10.0)
    for t in (19.9, 20.0):
        total, cooling = facility_load(f, 0.0, 1000.0, IDX_2025, np.full(len(IDX_2025), t))
        assert (cooling == 0).all()
        assert total.sum() == pytest.approx(10_000.0)


def test_cooling_follows_the_temperature_excess():
    """cooling(t) = A·k·max(T − T_bal, 0)·c(t)/1000, hour by hour."""
    f = norm(cooling_w_per_m2_k=1.2, balance_temp_c=22.0, cooling_schedule="residence_cooling")
    temp = 22.0 + 10.0 * np.sin(np.arange(len(IDX_2025)) / 37.0)
    _, cooling = facility_load(f, 0.0, 500.0, IDX_2025, temp)
    c = hourly_profile(IDX_2025, "residence_cooling")
    np.testing.assert_allclose(cooling, 500 * 1.2 * np.maximum(temp - 22.0, 0) * c / 1000)


@pytest.mark.parametrize("sched", schedule_names())
def test_base_integrates_to_floor_times_intensity(sched):
    """base(t) = (A·e + C·x)·s(t)/Σs, so Σ base = A·e + C·x whatever the schedule, also in a leap
    year laid on 8760 h and with a term calendar."""
    idx = hourly_index(2028, -5)
    f = norm(base_kwh_per_m2_yr=65.0, extra_kwh_per_unit_yr=7.0, schedule=sched)
    total, _ = facility_load(f, 10.0, 1234.5, idx, np.full(len(idx), 10.0), (7, 8))
    assert total.sum() == pytest.approx(1234.5 * 65.0 + 10.0 * 7.0, rel=1e-12)


# ---------------------------------------------------------------- pue and darkness


def test_pue_hand_computed():
    dc = DataCentre(
        it_load_kw=1000,
        pue_min=1.2,
        pue_ref_temp_c=18,
        pue_per_c=0.015,
        water_l_per_kwh_it=0,
        external_gbps=10,
    )
    # 1.2 up to 18 °C, then +0.015 per °C: 28 °C → 1.35, 33 °C → 1.425
    np.testing.assert_allclose(pue(np.array([5.0, 18.0, 28.0, 33.0]), dc), [1.2, 1.2, 1.35, 1.425])


def test_darkness_follows_the_sun(scenario, weather):
    """At 21.75 °N the day lasts 10.7–13.3 h (sunrise equation cos H = −tan φ·tan δ with
    δ = ±23.44°), so every day has 10–14 dark hour mid-points, more in December than in June."""
    idx = weather.data.index
    dark = darkness(idx, scenario.site)
    assert set(np.unique(dark)) == {0.0, 1.0}
    per_day = dark.reshape(-1, 24).sum(axis=1)
    assert per_day.min() >= 10 and per_day.max() <= 14
    assert per_day[idx[::24].month == 12].mean() > per_day[idx[::24].month == 6].mean() + 1.5
    noon, midnight = idx.hour == 12, idx.hour == 0
    assert (dark[noon] == 0).all() and (dark[midnight] == 1).all()


# ---------------------------------------------------------------- electricity_demand


def test_columns(demand, program):
    names = list(program.norms)
    assert load_columns(demand) == [*names, "industry_process", "street_lighting"]
    cooling = [c for c in demand.columns if c.startswith("cooling_")]
    assert cooling == [f"cooling_{n}" for n in names if n != "data_centre"]
    assert len(demand) == 8760 and (demand.to_numpy() >= 0).all()
    assert set(OUTSIDE_CITY_NORM) <= set(demand.columns)


def test_cooling_parts_inside_their_facility(demand, program):
    for name in program.norms:
        if name == "data_centre":
            continue
        assert (demand[f"cooling_{name}"] <= demand[name] + 1e-9).all(), name


def test_default_base_parts_integrate(demand, program):
    """Σ_year (facility − cooling) = floor × base intensity + capacity × extra, per facility."""
    fac = program.facilities
    for name, f in program.norms.items():
        if name == "data_centre":
            continue
        base = (demand[name] - demand[f"cooling_{name}"]).sum()
        expected = (
            fac.at[name, "floor_area_m2"] * f.base_kwh_per_m2_yr
            + fac.at[name, "capacity"] * f.extra_kwh_per_unit_yr
        )
        assert base == pytest.approx(expected, rel=1e-9, abs=1e-9), name


def test_data_centre_is_it_times_pue(demand, scenario, weather):
    dc = scenario.program.data_centre
    temp = weather.data["temp_air"].to_numpy()
    np.testing.assert_allclose(demand["data_centre"], dc.it_load_kw * pue(temp, dc))


def test_annual_pue_below_world_average(demand, scenario):
    """Annual PUE = data-centre electricity / IT energy, between the scenario's PUE_min and the
    1.56 world average (Uptime Institute 2024 survey)."""
    dc = scenario.program.data_centre
    annual = demand["data_centre"].sum() / (dc.it_load_kw * len(demand))
    assert dc.pue_min <= annual < 1.56


def test_industry_process_peak_is_the_scenario_value(demand, scenario):
    """The process load peaks at program.industry.process_load_kw on weekday shift hours
    (data/schedules.csv 'industry': 1.00 from 06:00)."""
    process = demand["industry_process"]
    assert process.max() == pytest.approx(scenario.program.industry.process_load_kw)
    assert process.iloc[WED_1_JAN_10H] == pytest.approx(scenario.program.industry.process_load_kw)
    assert process.iloc[SAT_4_JAN_10H] == pytest.approx(0.1 * 800)  # weekend 0.10 of 800 kW


def test_street_lighting_only_in_the_dark(demand, program, scenario):
    """street lighting = street m² × W/m² / 1000 in dark hours, 0 otherwise; its annual energy is
    street m² × W/m² × dark hours / 1000."""
    dark = darkness(demand.index, scenario.site)
    light = demand["street_lighting"].to_numpy()
    street_m2 = program.facilities.at["streets", "land_m2"]
    w = scenario.program.street_lighting.w_per_m2_street
    assert (light[dark == 0] == 0).all()
    np.testing.assert_allclose(light[dark == 1], street_m2 * w / 1000)
    assert light.sum() == pytest.approx(street_m2 * w * dark.sum() / 1000, rel=1e-12)


def test_office_intensity_matches_ms1525(scenario, demand, program, weather):
    """Tropical office benchmark 135 kWh/m²/yr (Malaysia MS1525), ±10 %, for the table's
    reference office (cooled throughout at 24 °C by units of COP 3.0, the existing stock the
    benchmark measured); the default's new units (COP 4.2) cut its cooling part by 3.0 / 4.2."""
    from cayo.scenario.schema import Cooling

    plain = scenario.model_copy(update={"cooling": Cooling()})
    reference = electricity_demand(plain, program, weather)
    floor = program.facilities.at["office", "floor_area_m2"]
    assert reference["office"].sum() / floor == pytest.approx(135.0, rel=0.10)
    use = scenario.cooling.by_facility["office"]
    assert use.set_point_c == program.norms["office"].cooling_set_point_c
    assert demand["cooling_office"].sum() == pytest.approx(
        reference["cooling_office"].sum() * 3.0 / use.cop
    )


def test_laboratory_within_tva_range(demand, program):
    """Laboratories 320–1,080 kWh/m²/yr (TVA / E Source business energy advisor)."""
    lab = demand["laboratory"].sum() / program.facilities.at["laboratory", "floor_area_m2"]
    assert 320 <= lab <= 1_080


def test_weekend_office_load_lower(demand):
    """Offices are mostly empty at weekends (DOE reference office schedule, data/schedules.csv)."""
    office = demand["office"]
    weekend = office.index.day_of_week >= 5
    assert office[weekend].mean() < 0.6 * office[~weekend].mean()


def test_school_terms(families, weather, scenario):
    """In the default calendar's holiday months (July–August) the campus and the schools run on
    their weekend profile on weekdays too; offices keep their weekday profile."""
    program, demand = families
    assert program.facilities.at["school", "capacity"] > 0
    idx = demand.index
    temp = weather.data["temp_air"].to_numpy()
    weekday = idx.day_of_week < 5
    holiday = np.isin(idx.month, [7, 8])
    hours = idx.hour.to_numpy()
    fac = program.facilities
    for name, term in (("campus", True), ("school", True), ("office", False)):
        f = cooled(program.norms[name], scenario.cooling.by_facility.get(name))
        floor = fac.at[name, "floor_area_m2"]
        wk, we = schedule(f.schedule)
        s = hourly_profile(idx, f.schedule, term_months(name, (7, 8)))
        annual = floor * f.base_kwh_per_m2_yr + fac.at[name, "capacity"] * f.extra_kwh_per_unit_yr
        base = (demand[name] - demand[f"cooling_{name}"]).to_numpy()
        sel = weekday & holiday
        expected_profile = (we if term else wk)[hours[sel]]
        np.testing.assert_allclose(base[sel], annual * expected_profile / s.sum())
        cwk, cwe = schedule(f.cooling_schedule)
        excess = np.maximum(temp[sel] - f.balance_temp_c, 0)
        np.testing.assert_allclose(
            demand[f"cooling_{name}"].to_numpy()[sel],
            floor * f.cooling_w_per_m2_k * excess * (cwe if term else cwk)[hours[sel]] / 1000,
        )
        # a term weekday (June) still takes the weekday profile
        june = weekday & (idx.month == 6)
        np.testing.assert_allclose(base[june], annual * wk[hours[june]] / s.sum())


def test_scale_multiplies_everything(scenario, program, weather, demand):
    d = scenario.demand.model_copy(update={"scale": 2.0})
    d2 = electricity_demand(scenario.model_copy(update={"demand": d}), program, weather)
    np.testing.assert_allclose(d2.to_numpy(), 2 * demand.to_numpy())


def test_more_students_grow_campus_not_offices(scenario, weather, demand):
    """Students drive the campus (capacity, floor, electricity ×2 when students double); offices
    and laboratories follow the specialists and do not move."""
    ages = DependentAges(**scenario.people.dependent_age_shares.model_dump())
    people = People(
        specialists=scenario.people.specialists,
        students=2 * scenario.people.students,
        dependents=scenario.people.dependents,
        dependent_age_shares=ages,
        household_size=scenario.people.household_size,
    )
    more = scenario.model_copy(update={"people": people})
    d1 = electricity_demand(more, build_program(more), weather)
    np.testing.assert_allclose(d1["campus"], 2 * demand["campus"])
    for name in ("office", "laboratory", "data_centre", "industry", "industry_process"):
        np.testing.assert_array_equal(d1[name], demand[name])
