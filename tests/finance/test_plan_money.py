"""Plan costs against the cost table and the LP; the net present cost against the annual cost
(a hand-derivable identity); no NaN or infinity in any figure, with the reason of every figure
left out.

A two-day town with every utility: 1 MW of load, water, cooking gas, sewage, waste and data
links, priced by the default scenario (changed where a test says so).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scenario_edit import with_

from cayo.costs import annuity_factor, capital_recovery_factor, cost_table
from cayo.finance.metrics import (
    UTILITY_COSTS,
    VARIABLE_COSTS,
    not_served_reasons,
    penalties_usd_yr,
    plan_figures,
)
from cayo.finance.npc import Stage, cash_flows, components, money_figures, operating_costs
from cayo.program.workforce import cohort_model
from cayo.scenario.io import load_scenario
from cayo.scenario.schema import Scenario
from cayo.supply.assemble import build_inputs
from cayo.supply.data_links import plan_links
from cayo.supply.fixed import FixedParts
from cayo.supply.plan import plan_supply
from cayo.supply.sewage import plan_sewage
from cayo.supply.solid_waste import constant, plan_waste

S = load_scenario().scenario
T = 48


HOUR = np.arange(T) % 24
SUN = np.clip(np.sin((HOUR - 6) / 12 * np.pi), 0, None) * 0.8


def small_town(s: Scenario):  # type: ignore[no-untyped-def]
    """(inputs, plan, fixed parts, figures) of the two-day town under scenario `s`; water not
    delivered costs 1,000 USD/m³ so that two days justify a year's capital recovery of wells."""
    s = with_(s, "water_supply.value_of_lost_water_usd_per_m3", 1000.0)
    r = s.finance.discount_rate
    sewage = plan_sewage(s.sewage, np.full(T, 30.0), np.full(T, 5.0), np.zeros(T), r)
    waste = plan_waste(s.solid_waste, 8.0, 0.5, r)
    links = plan_links(s.data_links, 2.0, r)
    water = np.full(T, 40.0)
    distribution = water * s.water_supply.distribution_kwh_per_m3
    load = 1000.0 + 200.0 * (HOUR >= 18) + sewage.energy_kw + distribution
    fixed = FixedParts(
        sewage, waste, links, load_kw=load, critical_kw=np.full(T, 150.0),
        must_run_kw=constant(waste.wte_kw, T), water_m3_h=water, lpg_kg_h=np.full(T, 20.0),
        distribution_kw=distribution,
    )  # fmt: skip
    x = build_inputs(
        s, fixed.load_kw, SUN, np.full(T, 300.0), critical_kw=fixed.critical_kw,
        must_run_kw=fixed.must_run_kw if waste.wte_kw > 0 else None, water_m3_h=fixed.water_m3_h,
        lpg_kg_h=fixed.lpg_kg_h,
    )  # fmt: skip
    plan = plan_supply(x)
    return x, plan, fixed, plan_figures(s, x, plan, fixed)


def test_annual_costs_are_the_table_plus_variable_costs() -> None:
    """Each utility's annual cost = Σ over its components (size × (capex × CRF + fixed O&M))
    + its variable costs; and, independently of that split, what the system costs + penalties
    = HiGHS's objective (the LP's own costs) + the annual costs the sewage, waste and links
    modules report for what they sized outside the LP."""
    x, plan, fixed, f = small_town(S)
    r = S.finance.discount_rate
    table = cost_table(S)
    sizes = {**plan.capacity, "sewage_capacity_m3_per_day": fixed.sewage.capacity_m3_per_day,
             "waste_trucks": fixed.waste.trucks, "wte_t_per_day": fixed.waste.wte_t_per_day,
             **{f"data_link_units_{k}": v for k, v in fixed.links.units.items()}}  # fmt: skip
    for u, key in UTILITY_COSTS.items():
        fixed_yearly = sum(
            sizes.get(c.key, 0.0)
            * (c.capex_usd_per_unit * capital_recovery_factor(r, c.life_yr)
               + c.fixed_om_usd_per_unit_yr)
            for c in table if c.utility == u
        )  # fmt: skip
        assert f[key] == pytest.approx(fixed_yearly + f[VARIABLE_COSTS[u]], rel=1e-12), u
    outside = fixed.sewage.annual_cost_usd + fixed.waste.annual_cost_usd
    outside += fixed.links.annual_cost_usd
    assert f["system_cost_usd_yr"] + penalties_usd_yr(f) == pytest.approx(
        plan.objective_usd_yr + outside, rel=1e-7
    )
    # the up-front capex is the table's capex of everything built
    capex = sum(sizes.get(c.key, 0.0) * c.capex_usd_per_unit for c in table)
    assert f["capex_full_town_usd"] == pytest.approx(capex, rel=1e-12)
    assert f["diesel_burnt_m3_yr"] == pytest.approx(
        plan.hourly["genset_kw"].sum() * S.technologies.genset.fuel_l_per_kwh / 1000, rel=1e-12
    )


def test_fuel_bought_as_burnt_is_on_the_fuel_bill() -> None:
    """Without diesel ships the gensets' fuel is bought as it is burnt: it is on the fuel bill
    (litres burnt × price), not hidden in the gensets' O&M."""
    s = with_(S, "fuel_supply.diesel.enabled", False)
    _, plan, _, f = small_town(s)
    g = s.technologies.genset
    burnt_l = plan.hourly["genset_kw"].sum() * g.fuel_l_per_kwh
    assert burnt_l > 0
    assert f["cost_diesel_purchases_usd_yr"] == pytest.approx(burnt_l * g.fuel_price_usd_per_l)
    assert f["cost_genset_variable_om_usd_yr"] == pytest.approx(
        plan.hourly["genset_kw"].sum() * g.variable_om_usd_per_kwh
    )
    assert f["diesel_imported_m3_yr"] == pytest.approx(burnt_l / 1000)
    assert "diesel_autonomy_days" not in f  # no tank without ships


N = 20  # [yr] the horizon, and every component's life


def same_lives(s: Scenario, years: float) -> Scenario:
    for path in (
        "technologies.pv.lifetime_yr", "technologies.battery.lifetime_yr",
        "technologies.genset.lifetime_yr", "water_supply.wells.lifetime_yr",
        "water_supply.desalination.lifetime_yr", "water_supply.tank.lifetime_yr",
        "fuel_supply.diesel.tank_lifetime_yr", "fuel_supply.lpg.tank_lifetime_yr",
        "sewage.lifetime_yr", "solid_waste.truck_lifetime_yr", "solid_waste.wte_lifetime_yr",
    ):  # fmt: skip
        s = with_(s, path, years)
    for name in s.data_links.options:
        s = with_(s, f"data_links.options.{name}.lifetime_yr", years)
    return s


def test_npc_of_one_stage_over_its_life_is_the_annual_cost_times_the_annuity_factor() -> None:
    """One stage bought in the first year, every life = the horizon N: nothing is replaced and
    nothing is left. NPC = capex + opex·AF(r, N) and annual cost = capex·CRF(r, N) + opex with
    CRF·AF = 1, so NPC = annual cost × AF(r, N), utility by utility.

    PV and battery have no fixed O&M and there are no gensets or grid, so electricity's
    operating cost is what the water and sewage plants pay for it, negative: the identity fails
    if operating costs are clamped at 0 or derived from anything but the table."""
    s = same_lives(S, N)
    for path, value in {
        "technologies.pv.fixed_om_usd_per_kw_yr": 0.0,
        "technologies.battery.fixed_om_usd_per_kw_yr": 0.0,
        "technologies.genset.enabled": False,
        "technologies.island_grid.enabled": False,
    }.items():
        s = with_(s, path, value)
    x, plan, fixed, f = small_town(s)
    parts = components(s, plan.capacity, fixed)
    opex = operating_costs(f, parts)
    assert f["water_supplied_m3_yr"] == pytest.approx(40 * T) and f["water_plants_kwh_yr"] > 0
    assert opex["electricity"] < 0  # the case the old max(…, 0) got wrong
    r = s.finance.discount_rate
    stage = Stage(2030, parts, opex, {"electricity_kwh": 1.0, "water_m3": 1.0})
    m = cash_flows([stage], 2030, 2030 + N - 1, r)
    assert m.flows["replacement_usd"].sum() == 0 and m.flows["salvage_usd"].sum() == 0
    af = annuity_factor(r, N)
    for u, key in UTILITY_COSTS.items():
        assert m.npc_usd[u] == pytest.approx(f[key] * af, rel=1e-9, abs=1e-6), u
    assert m.npc_total_usd == pytest.approx(f["system_cost_usd_yr"] * af, rel=1e-9)
    assert m.annualised_usd_yr == pytest.approx(f["system_cost_usd_yr"], rel=1e-9)


def all_finite(figures: dict[str, float]) -> bool:
    return all(isinstance(v, float) and math.isfinite(v) for v in figures.values())


def money_of(s: Scenario, plan, fixed, f):  # type: ignore[no-untyped-def]
    parts = components(s, plan.capacity, fixed)
    stage = Stage(
        2030, parts, operating_costs(f, parts),
        {"electricity_kwh": f["served_kwh_yr"], "water_m3": f["water_supplied_m3_yr"]},
    )  # fmt: skip
    m = cash_flows([stage], 2030, 2049, s.finance.discount_rate)
    return {**f, **money_figures(m, cohort_model(s.workforce, s.people), s, 15_000)}


def test_all_water_disabled_gives_finite_figures_and_reasons() -> None:
    s = S
    for path in ("wells", "desalination", "tank"):
        s = with_(s, f"water_supply.{path}.enabled", False)
    _, plan, fixed, f = small_town(s)
    f = money_of(s, plan, fixed, f)
    assert all_finite(f)
    assert f["water_supplied_m3_yr"] == 0 and f["water_unserved_m3_yr"] == pytest.approx(40 * T)
    reasons = not_served_reasons(s, f)
    water = "no water is served: every water technology is disabled (wells, desalination)"
    for key in (
        "water_usd_per_m3_served", "water_from_wells_share", "water_lifecycle_usd_per_m3_served",
    ):  # fmt: skip
        assert key not in f and reasons[key] == water
    assert "lcoe_usd_per_kwh_served" in f and "lcoe_usd_per_kwh_served" not in reasons
    assert set(reasons) == {
        "water_usd_per_m3_served", "water_from_wells_share", "water_lifecycle_usd_per_m3_served",
    }  # fmt: skip


def test_all_fuel_disabled_gives_finite_figures_and_reasons() -> None:
    s = S
    for path, value in {
        "technologies.genset.enabled": False,
        "fuel_supply.diesel.enabled": False,
        "fuel_supply.lpg.enabled": False,
    }.items():
        s = with_(s, path, value)
    _, plan, fixed, f = small_town(s)
    f = money_of(s, plan, fixed, f)
    assert all_finite(f)
    assert f["lpg_delivered_t_yr"] == 0 and f["lpg_unserved_t_yr"] == pytest.approx(20 * T / 1e3)
    assert f["diesel_burnt_m3_yr"] == 0 and f["cost_lpg_usd_yr"] == 0
    assert f["water_supplied_m3_yr"] == pytest.approx(40 * T)  # PV, battery and grid pump it
    reasons = not_served_reasons(s, f)
    assert reasons == {
        "cost_diesel_purchases_usd_yr": "no fuel bought: the gensets are disabled "
        "(technologies.genset.enabled)",
        "cost_lpg_purchases_usd_yr": "no cooking gas bought: LPG supply is disabled "
        "(fuel_supply.lpg.enabled)",
        "diesel_autonomy_days": "no diesel: the gensets are disabled (technologies.genset.enabled)",
        "diesel_min_stock_days": "no diesel: the gensets are disabled "
        "(technologies.genset.enabled)",
        "lpg_usd_per_kg_served": "no cooking gas is served: LPG supply is disabled "
        "(fuel_supply.lpg.enabled)",
    }
    assert not set(reasons) & set(f)


def rendered(*renderables) -> str:  # type: ignore[no-untyped-def]
    import io

    from rich.console import Console

    console = Console(width=160, file=io.StringIO(), record=True, color_system=None)
    for r in renderables:
        console.print(r)
    return console.export_text()


def test_summary_prints_the_full_towns_capex_and_the_build_outs_apart() -> None:
    """The summary once printed the sum of every capex_* key (216.5 M USD where the full town
    costs 111.2 M): the full town's up-front capex and the build-out's are two labelled lines,
    each its own figure."""
    from cayo.report.summary import money_table, summary

    s = with_(S, "technologies.genset.enabled", False)
    _, plan, fixed, f = small_town(s)
    f = money_of(s, plan, fixed, f)
    f["capex_lifecycle_usd"] = 105_300_000.0  # a build-out bought over several stages
    meta = {"scenario_name": "two days", "residents": 100, "not_served": not_served_reasons(s, f)}
    text = rendered(summary(f, meta))
    full = f["capex_full_town_usd"]
    assert 1e5 < full < 1e8
    from cayo.fmt import money

    line = next(x for x in text.splitlines() if x.startswith("capex, full town"))
    assert money(full) in line and "up front" in line
    line = next(x for x in text.splitlines() if x.startswith("capex, build-out"))
    assert "105.3 M USD" in line
    assert money(full + 105_300_000.0) not in text
    # every printed number through cayo.fmt: no scientific notation, no nan
    for bad in ("e+0", "e-0", "nan", "inf"):
        assert bad not in text.lower().replace("infra", "")
    # the fuel bill says why nothing is bought instead of a silent 0
    text = rendered(money_table(f, None, not_served_reasons(s, f)))
    line = next(x for x in text.splitlines() if x.startswith("diesel bill"))
    assert "—" in line and "no fuel bought: the gensets are disabled" in line
    line = next(x for x in text.splitlines() if x.startswith("capex, full town"))
    assert money(full) in line
