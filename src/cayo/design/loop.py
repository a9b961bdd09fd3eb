"""The design loop: plan → stress → add what fails, on a sample of failure years, until the
P90 criteria hold; then a check on a fresh seed, or the floor that blocks every design.

What the design adds stands beside the calm plan: storage as a reserve held full for failures,
engines and water plants as standby units the simulator dispatches in merit order when they
are needed, hardened or underground lines and critical-load microgrids in the failure model.
Each is priced by the cost table (`cayo.costs`, the LP's own capital coefficients) or the
scenario's `design` section. The calm plan's LP is not solved again: re-planning it with the
added capacity as floors moved its dispatch each time (on the default town the engines grew
2,822 → 5,820 → 6,614 → 7,870 kW over four re-plans without settling, and the re-planned
engines' share of the calm year's electricity passed its criterion), while standby capacity
leaves the calm year as it was planned (docs/design.md).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from cayo.costs import annuity_factor
from cayo.design.floor import Floor, find_floor
from cayo.design.levers import apply, cost, levers
from cayo.design.search import STRESS_CRITERIA, YEAR_COLUMN, Found, Goal, Step, search
from cayo.scenario.schema import Scenario
from cayo.stress import kernel as k
from cayo.stress.metrics import TIER_RANK, quantile_interval, year_table
from cayo.stress.run import StressResult, sample, simulate, stress_test
from cayo.stress.samplers import Events
from cayo.stress.system import System
from cayo.supply.plan import SupplyPlan

log = logging.getLogger("cayo")
FRESH = 15  # spawn key of the out-of-sample seed: a stream the design never saw


def fresh_seed(seed: int) -> int:
    """The seed of the out-of-sample check: derived from the scenario's (a 32-bit number)."""
    return int(np.random.SeedSequence(seed, spawn_key=(FRESH,)).generate_state(1)[0])


@dataclass(frozen=True)
class Design:
    """The least-cost passing design found, or the closest one and the floor that blocks it.

    Attributes
    ----------
    passed : every stress criterion holds on the design years (P90).
    verified : they also hold on a fresh seed (None when there is nothing to check).
    sizes : lever key → total size of the design [lever's unit].
    levers : one row per lever moved: name, unit, calm, design, added, capex [USD], annual
        [USD/yr], and the criteria's values with that lever back at its calm size (why it is
        there).
    criteria : one row per judged criterion: threshold, calm (P90 of the calm stress test),
        design (the failing end of the 95 % interval of the P90 of the design years, which the
        search holds within the threshold), fresh (P90 of the fresh seed), its 95 % interval,
        passed.
    extra_capex_usd, extra_usd_yr : what the design adds to the calm plan [USD, USD/yr]
        (capex; capital recovery and fixed O&M).
    plan : the calm plan the design stands beside (its calm year is unchanged).
    system : the design's simulated town.
    stress : the design's stress test on the fresh seed (None when not run).
    evaluations : simulator runs of the search; steps : the search's path.
    floor : what blocks a passing design (None when one passed).
    seconds : time of the loop [s]; fresh_seed : the out-of-sample seed.
    timings : where the time went [s]: search, fresh-seed check, floor, lever table.
    """

    passed: bool
    verified: bool | None
    sizes: dict[str, float]
    levers: pd.DataFrame
    criteria: pd.DataFrame
    extra_capex_usd: float
    extra_usd_yr: float
    plan: SupplyPlan
    system: System
    stress: StressResult | None
    evaluations: int = 0
    steps: list[Step] = field(default_factory=list)
    floor: Floor | None = None
    seconds: float = 0.0
    fresh_seed: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def figures(self, calm: dict[str, float], s: Scenario) -> dict[str, float]:
        """Calm plan and design side by side (`design_` keys), money and unserved service."""
        return design_figures(self, calm, s)


def goal_of(s: Scenario, figures: dict[str, float], system: System) -> Goal:
    """The stress criteria the design must hold, with the year's load and water demand."""
    c = s.criteria
    limits = {"unserved electricity": c.max_unserved_energy_share,
              "unserved water": c.max_unserved_water_share}  # fmt: skip
    if float(system.series[:, k.DATA_CENTRE].max()) > 0:  # a data centre to judge
        limits["data-centre tier"] = float(TIER_RANK[c.min_data_centre_tier])
    water = figures.get("water_supplied_m3_yr", 0.0) + figures.get("water_unserved_m3_yr", 0.0)
    return Goal(figures["load_kwh_yr"], water, limits)


def design_town(
    s: Scenario,
    calm_plan: SupplyPlan,
    calm_system: System,
    calm_stress: pd.DataFrame,
    figures: dict[str, float],
    dwellings: float,
    on_round: Callable[[int, int, str], None] | None = None,
    on_step: Callable[[Step], None] | None = None,
    check: bool = True,
) -> Design:
    """Search the least-cost design that holds the scenario's stress criteria, check it on a
    fresh seed (`check`), or find the floor that blocks every design.

    `calm_stress` is the calm plan's stress summary (`StressResult.summary`); `dwellings` sizes
    the town's lines; `on_round(step, steps, what)` reports progress."""
    t0 = time.perf_counter()
    d = s.design
    note = on_round or (lambda _r, _n, _w: None)
    goal = goal_of(s, figures, calm_system)
    events = sample(calm_system, s.stress, s.seed, 0, d.years)
    clock = {"search": 0.0, "check": 0.0, "floor": 0.0, "table": 0.0}
    note(0, 3, "searching the levers on the design years")
    lv = levers(s, calm_system, calm_plan.capacity, dwellings)
    evaluate = _evaluator(calm_system, s, goal, events)
    a = time.perf_counter()
    found = search(lv, goal, evaluate, _autonomy_start(s, figures, calm_plan), on_step)
    clock["search"] = time.perf_counter() - a
    log.info("design: %d simulator runs, shortfall %.4f, extra %.0f USD/yr", found.evaluations,
             goal.shortfall(found.values), cost(lv, found.sizes)[1])  # fmt: skip
    sizes = found.sizes
    final = apply(calm_system, sizes, s)
    extra_capex, extra_usd = cost(lv, sizes)
    floor = None
    tested = None
    b = time.perf_counter()
    if not found.passed:
        note(1, 3, "no design passes: finding the floor")
        floor = find_floor(s, calm_system, lv, goal, found, events)
        clock["floor"] = time.perf_counter() - b
    elif check:
        note(1, 3, "checking the design on a fresh seed")
        tested = out_of_sample(final, s)
        clock["check"] = time.perf_counter() - b
    note(2, 3, "what each lever is for")
    b = time.perf_counter()
    lever_table = _lever_table(lv, sizes, calm_system, s, goal, events)
    clock["table"] = time.perf_counter() - b
    note(3, 3, "done")
    criteria = _criteria_table(goal, calm_stress, found, tested)
    verified = None if tested is None else bool(criteria["fresh_passed"].all())
    return Design(
        found.passed, verified, sizes, lever_table, criteria, extra_capex, extra_usd, calm_plan,
        final, tested, found.evaluations, found.steps, floor, time.perf_counter() - t0,
        fresh_seed(s.seed), {k: round(v, 4) for k, v in clock.items()},
    )  # fmt: skip


def out_of_sample(system: System, s: Scenario) -> StressResult:
    """The stress test of a design on a seed it was not designed on (`fresh_seed`), sampled
    until the mean unserved energy is known as the scenario's stress test asks."""
    return stress_test(system, s.stress, fresh_seed(s.seed))


def _evaluator(system: System, s: Scenario, goal: Goal, events: Events):  # type: ignore[no-untyped-def]
    def evaluate(sizes: dict[str, float]) -> dict[str, float]:
        sy = apply(system, sizes, s)
        return goal.values(year_table(simulate(sy, events, s.seed), sy.hours, {}))

    return evaluate


def _autonomy_start(s: Scenario, figures: dict[str, float], plan: SupplyPlan) -> dict[str, float]:
    """The water tank the autonomy criterion asks for, as the search's starting point (the
    criterion is a size, not a simulation)."""
    daily = figures.get("water_supplied_m3_yr", 0.0) / 365.0
    need = s.criteria.min_water_autonomy_days * daily
    tank = plan.capacity.get("water_tank_m3", 0.0)
    if s.water_supply.tank.enabled and daily > 0 and need > tank:
        return {"water_tank_m3": need * 1.0001}
    return {}


def _lever_table(lv, sizes, system, s, goal, events) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    evaluate = _evaluator(system, s, goal, events)
    rows = {}
    for lever in lv:
        if lever.key not in sizes:
            continue
        added = max(sizes[lever.key] - lever.calm, 0.0)
        without = evaluate({k: v for k, v in sizes.items() if k != lever.key})
        rows[lever.key] = {
            "lever": lever.name, "unit": lever.unit, "utility": lever.utility, "calm": lever.calm,
            "design": sizes[lever.key], "added": added,
            "capex_usd": added * lever.capex_usd_per_unit,
            "annual_usd_yr": added * lever.annual_usd_per_unit,
            **{f"without_{k}": v for k, v in without.items()},
        }  # fmt: skip
    return pd.DataFrame.from_dict(rows, orient="index")


def _criteria_table(goal: Goal, calm: pd.DataFrame, found: Found, tested: StressResult | None):  # type: ignore[no-untyped-def]
    """Threshold, calm plan (its stress summary's P90), design years, fresh seed with the 95 %
    interval of its P90, passed; one row per judged criterion."""
    point = replace(goal, sure=False)  # the sample's own P90, as the verdict judges it
    fresh = point.values(tested.years) if tested is not None else {}
    rows = {}
    for name in STRESS_CRITERIA:
        if name not in goal.limits:
            continue
        column, q = YEAR_COLUMN[name]
        low = high = np.nan
        if tested is not None:
            lo, hi = quantile_interval(tested.years[column].to_numpy(), q)
            low, high = goal.value_of(name, lo), goal.value_of(name, hi)
        rows[name] = {
            "threshold": goal.limits[name],
            "calm": goal.value_of(name, float(calm.loc[column, "p90"])),
            "design": found.values[name],
            "fresh": fresh.get(name, np.nan), "fresh_ci95_low": low, "fresh_ci95_high": high,
            "fresh_passed": goal.holds(name, fresh[name]) if name in fresh else None,
        }  # fmt: skip
    return pd.DataFrame.from_dict(rows, orient="index")


def design_figures(design: Design, calm: dict[str, float], s: Scenario) -> dict[str, float]:
    """Money of the calm plan and of the design side by side: the design's extra annual cost
    is paid every year of the horizon, so its net present cost adds that annuity's present
    value; its cost per kWh adds the electricity part over the calm plan's served kWh."""
    horizon = s.workforce.horizon_year - s.workforce.start_year + 1
    af = annuity_factor(s.finance.discount_rate, horizon)
    elec = _electricity_share(design)
    out = {
        "design_extra_usd_yr": design.extra_usd_yr,
        "design_extra_capex_usd": design.extra_capex_usd,
        "design_extra_npc_usd": design.extra_usd_yr * af,
    }
    if "npc_total_usd" in calm:
        out["design_npc_total_usd"] = calm["npc_total_usd"] + design.extra_usd_yr * af
    if "capex_lifecycle_usd" in calm:
        out["design_capex_lifecycle_usd"] = calm["capex_lifecycle_usd"] + design.extra_capex_usd
    if "lcoe_lifecycle_usd_per_kwh_served" in calm and calm.get("served_kwh_yr"):
        out["design_lcoe_lifecycle_usd_per_kwh_served"] = (
            calm["lcoe_lifecycle_usd_per_kwh_served"] + elec * design.extra_usd_yr
            / calm["served_kwh_yr"]
        )  # fmt: skip
    if "annualised_cost_usd_per_resident_yr" in calm and "annualised_cost_usd_yr" in calm:
        residents = calm["annualised_cost_usd_yr"] / calm["annualised_cost_usd_per_resident_yr"]
        out["design_annualised_cost_usd_per_resident_yr"] = (
            calm["annualised_cost_usd_per_resident_yr"] + design.extra_usd_yr / residents
        )
    return out


def _electricity_share(design: Design) -> float:
    """Share of the design's extra annual cost that electricity pays (each lever's utility) [-]."""
    if design.extra_usd_yr <= 0 or not len(design.levers):
        return 1.0
    other = design.levers.loc[design.levers["utility"] != "electricity", "annual_usd_yr"].sum()
    return float(np.clip(1 - other / design.extra_usd_yr, 0.0, 1.0))
