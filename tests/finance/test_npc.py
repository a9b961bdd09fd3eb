"""Net present cost against hand-computed annuity cases (HOMER's definition: capital,
replacements, operation, less salvage, each discounted to the start year)."""

from __future__ import annotations

import pandas as pd
import pytest

from cayo.finance.npc import Stage, cash_flows

R = 0.08


def stage(year: int, capex: float, life: float, opex: float = 0.0, kwh: float = 0.0) -> Stage:
    parts = pd.DataFrame(
        {"utility": ["electricity"], "capex_usd": [capex], "life_yr": [life]}, index=["pv"]
    )
    return Stage(year, parts, {"electricity": opex}, {"electricity_kwh": kwh, "water_m3": 0.0})


def annuity_factor(r: float, n: int) -> float:
    return (1 - (1 + r) ** -n) / r


def test_one_component_one_replacement_no_salvage() -> None:
    # 1,000 USD in 2030, life 10: bought again in 2040, worn out exactly at the end of 2049
    m = cash_flows([stage(2030, 1000.0, 10.0, opex=100.0)], 2030, 2049, R)
    expected = 1000 + 1000 * 1.08**-10 + 100 * annuity_factor(R, 20)
    assert m.npc_usd["electricity"] == pytest.approx(expected)
    assert m.npc_total_usd == pytest.approx(expected)
    f = m.flows[m.flows["utility"] == "electricity"].set_index("year")
    assert f.loc[2040, "replacement_usd"] == 1000.0 and f["salvage_usd"].sum() == 0.0
    assert m.annualised_usd_yr == pytest.approx(expected / annuity_factor(R, 20))


def test_salvage_is_the_life_left() -> None:
    # life 15: bought again in 2045, 10 of its 15 years left at the end → salvage 666.67 in 2050
    m = cash_flows([stage(2030, 1000.0, 15.0)], 2030, 2049, R)
    expected = 1000 + 1000 * 1.08**-15 - 1000 * 10 / 15 * 1.08**-20
    assert m.npc_usd["electricity"] == pytest.approx(expected)


def test_a_later_stage_buys_only_what_is_new_and_switches_operating_cost() -> None:
    # 1,000 USD in 2030, total 1,600 USD in 2035: 600 more in 2035; opex 100 then 150 a year
    stages = [stage(2030, 1000.0, 30.0, 100.0), stage(2035, 1600.0, 30.0, 150.0)]
    m = cash_flows(stages, 2030, 2049, 0.0)
    f = m.flows[m.flows["utility"] == "electricity"].set_index("year")
    assert f.loc[2030, "capex_usd"] == 1000.0 and f.loc[2035, "capex_usd"] == 600.0
    # undiscounted: salvage of 1,000 bought 2030 (life left 10 of 30) and 600 bought 2035 (15)
    salvage = 1000 * 10 / 30 + 600 * 15 / 30
    assert m.npc_total_usd == pytest.approx(1600 + 100 * 5 + 150 * 15 - salvage)
    assert m.capex_by_year()["electricity"].to_dict() == {2030: 1000.0, 2035: 600.0}


def test_levelised_cost_divides_present_values() -> None:
    # constant 1,000 kWh/yr and no capital: LCOE = 100 USD/yr over 1,000 kWh = 0.1 USD/kWh
    m = cash_flows([stage(2030, 0.0, 10.0, opex=100.0, kwh=1000.0)], 2030, 2049, R)
    assert m.lcoe_usd_per_kwh == pytest.approx(0.1)
