"""The cohort model against hand-computed cases: zero attrition, the steady state, a target never
reached, the target's cap."""

from __future__ import annotations

import pytest

from cayo.program.workforce import cohort_model
from cayo.scenario.schema import DependentAges, People, Workforce

AGES = DependentAges(age_0_2=0.25, age_3_6=0.25, age_7_17=0.25, adult=0.25)


def people(specialists: int = 12_000, dependents: int = 0) -> People:
    return People(
        specialists=specialists, students=3000, dependents=dependents,
        dependent_age_shares=AGES, household_size=2.5, commuters=0,
    )  # fmt: skip


def workforce(**kw) -> Workforce:
    base = dict(
        start_year=2027, horizon_year=2051, initial_specialists=0, intake_per_yr=1000,
        programme_years=3, completion_share=0.8, graduate_stay_share=0.5,
        attrition_per_yr=0.05, external_hires_per_yr=200,
    )  # fmt: skip
    base.update(kw)
    return Workforce(**base)


def test_zero_attrition_adds_stay_plus_hires_each_year() -> None:
    # 3 years of hires only (200), then 400 graduates staying (1000·0.8·0.5) + 200 a year
    r = cohort_model(workforce(attrition_per_yr=0.0), people())
    s = r.years["specialists"]
    assert s.loc[2027:2029].tolist() == [200.0, 400.0, 600.0]
    assert s.loc[2030:2032].tolist() == [1200.0, 1800.0, 2400.0]
    # 12,000 after 600 + 600·k: k = 19 years after 2029 → 2048
    assert r.target_year == 2048 and s.loc[2048] == 12000.0 and s.loc[2047] == 11400.0
    assert r.steady_state == float("inf")
    assert r.years.loc[2051, "hires"] == 0.0  # at the target nobody is hired
    assert r.years["students"].loc[2027:2030].tolist() == [1000.0, 2000.0, 3000.0, 3000.0]


def test_rates_converge_to_the_steady_state() -> None:
    # (0.5·0.8·1000 + 200) / 0.05 = 12,000 exactly; far from the cap the ramp tends to it
    w = workforce(horizon_year=2300, attrition_per_yr=0.05)
    r = cohort_model(w, people(specialists=1_000_000))
    assert r.steady_state == pytest.approx(12_000.0)
    assert r.years["specialists"].iloc[-1] == pytest.approx(12_000.0, rel=1e-5)  # 0.95^273 left
    assert r.target_year is None  # a million is never reached


def test_a_target_above_the_steady_state_is_never_reached() -> None:
    r = cohort_model(workforce(attrition_per_yr=0.10), people())  # steady state 6,000
    assert r.steady_state == pytest.approx(6000.0)
    assert r.target_year is None
    assert r.years["specialists"].max() < 6000.0


def test_the_target_caps_and_dependents_follow_specialists() -> None:
    r = cohort_model(
        workforce(initial_specialists=11_900, attrition_per_yr=0.0), people(12_000, 6000)
    )
    assert r.years["specialists"].iloc[0] == 12_000.0  # 11,900 + 100 of the 200 hires
    assert r.years["hires"].iloc[0] == 100.0
    assert r.target_year == 2027
    assert (r.years["dependents"] == 0.5 * r.years["specialists"]).all()
    assert (
        r.years["residents"] == r.years[["specialists", "students", "dependents"]].sum(axis=1)
    ).all()


def test_a_programme_longer_than_the_horizon_graduates_nobody() -> None:
    r = cohort_model(workforce(horizon_year=2031, programme_years=7), people())
    assert (r.years["graduates"] == 0).all() and len(r.years) == 5
