"""Each criterion on both sides of its threshold; measuring from figures; the outcome rule; the
reference class by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from cayo.program.people import Population
from cayo.program.workforce import cohort_model
from cayo.scenario.io import load_scenario
from cayo.verdict.changes import Change
from cayo.verdict.criteria import CRITERIA, TIER_RANK, measure, scorecard
from cayo.verdict.judge import _outcome
from cayo.verdict.reference import reference_class

S = load_scenario().scenario
PASSING = {
    "capex_usd": 1e8,
    "unserved_energy_share_p90": 0.001,
    "unserved_water_share_p90": 0.001,
    "water_autonomy_days": 2.0,
    "data_centre_tier_p90": 4.0,
    "fuel_share": 0.1,
    "lcoe_usd_per_kwh": 0.2,
    "land_ha": 200.0,
}


def test_all_pass_by_default_values() -> None:
    card = scorecard(PASSING, S.criteria)
    assert card["passed"].all() and (card["margin"] >= 0).all()


@pytest.mark.parametrize("c", CRITERIA, ids=lambda c: c.name)
def test_each_criterion_flips_at_its_threshold(c) -> None:
    limit = getattr(S.criteria, c.threshold)
    threshold = float(TIER_RANK[limit]) if c.kind == "tier" else float(limit)
    step = 1.0 if c.kind == "tier" else 1e-6 * max(abs(threshold), 1.0)
    worse = threshold + step if c.kind == "max" else threshold - step
    better = threshold - step if c.kind == "max" else threshold + step
    for value, ok in ((worse, False), (better, True), (threshold, True)):
        card = scorecard(PASSING | {c.measured: value}, S.criteria)
        assert bool(card.loc[c.name, "passed"]) is ok, (value, card.loc[c.name].to_dict())
        assert bool(card.loc[c.name, "margin"] >= 0) is ok
        others = card.drop(index=c.name)
        assert others["passed"].all()  # one criterion moves alone


def test_measure_by_hand() -> None:
    figures = {
        "capex_lifecycle_usd": 5e7, "load_kwh_yr": 1e6, "served_kwh_yr": 9.9e5,
        "genset_kwh_yr": 1.98e5, "water_supplied_m3_yr": 36500.0, "water_unserved_m3_yr": 0.0,
        "water_tank_m3": 50.0, "lcoe_usd_per_kwh_served": 0.25,
        "lcoe_lifecycle_usd_per_kwh_served": 0.27, "land_total_ha": 10.0,
        "unserved_kwh_yr": 1e4,
    }  # fmt: skip
    stress = pd.DataFrame(
        {"p90": [3000.0, 73.0, 99.99]},
        index=["unserved_kwh", "unserved_water_m3", "data_centre_availability_pct"],
    )
    m = measure(figures, stress)
    assert m["unserved_energy_share_p90"] == pytest.approx(0.003)
    assert m["unserved_water_share_p90"] == pytest.approx(0.002)
    assert m["water_autonomy_days"] == pytest.approx(0.5)  # 50 m³ of 100 m³/day
    assert m["fuel_share"] == pytest.approx(0.2)
    assert m["data_centre_tier_p90"] == TIER_RANK["Tier III"]  # 99.99 ≥ 99.982, < 99.995
    assert m["lcoe_usd_per_kwh"] == 0.27 and m["capex_usd"] == 5e7
    no_stress = measure(figures, None)
    assert no_stress["unserved_energy_share_p90"] == pytest.approx(0.01)


def change(flips: bool, confirmed: bool | None = None) -> Change:
    return Change("water autonomy", "water tank", {"water_tank_m3": 1.0}, 1.0, 1.0, flips,
                  confirmed=confirmed)  # fmt: skip


def test_outcome_rule() -> None:
    card = scorecard(PASSING, S.criteria)
    assert _outcome(card, {}, slow=False) == "go"
    assert _outcome(card, {}, slow=True) == "go with conditions"
    failed = scorecard(PASSING | {"water_autonomy_days": 0.1}, S.criteria)
    assert _outcome(failed, {"water autonomy": change(True)}, False) == "go with conditions"
    assert _outcome(failed, {"water autonomy": change(True, False)}, False) == "no-go"
    assert _outcome(failed, {"water autonomy": None}, False) == "no-go"


def test_reference_class_by_hand() -> None:
    ramp = cohort_model(S.workforce, S.people)
    ref = reference_class(ramp, Population.of(S.people).residents)
    # Innopolis: 5,506 of 155,000 planned residents 11 years after opening (2015 → 2026)
    assert ref.loc["Innopolis", "reference_share"] == pytest.approx(5506 / 155000)
    assert ref.loc["Innopolis", "years_after_opening"] == 11
    planned = Population.of(S.people).residents
    mine = float(ramp.years.loc[S.workforce.start_year + 11, "residents"]) / planned
    assert ref.loc["Innopolis", "scenario_share"] == pytest.approx(mine)
    assert ref.loc["Cyberjaya", "reference_share"] == pytest.approx(49276 / 210000)
