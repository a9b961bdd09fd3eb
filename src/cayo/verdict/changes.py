"""The cheapest change that flips a failed criterion.

For each failed criterion a few levers are tried at growing sizes (more battery or engines for
unserved electricity, more tank or desalination for water, a longer data-centre backup for its
tier, the tank that holds the required days). Each candidate is run through the stress
simulator on the same sampled years (same seed) and costed by the capital recovery of what it
adds plus its fixed O&M, per unit from the cost table (`cayo.costs`); the cheapest that flips
the criterion is kept. `confirm` then re-plans with it: the LP is solved again with the lever's
capacity as a floor (it may rebalance everything else), the new plan is stress-tested on the
same years, and the criterion judged again."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from cayo.costs import cost_table
from cayo.design.search import YEAR_COLUMN, Goal
from cayo.scenario.schema import Scenario
from cayo.stress import kernel as k
from cayo.stress.metrics import year_table
from cayo.stress.run import sample, simulate
from cayo.stress.system import System, engine_units, with_plan
from cayo.supply.inputs import LPInputs
from cayo.supply.lp import Basis
from cayo.supply.plan import plan_supply

PARAM_OF = {  # plan capacity key → the simulator's plant field
    "battery_kw": "battery_kw",
    "battery_kwh": "battery_kwh",
    "water_tank_m3": "water_tank_m3",
    "ro_m3_h": "ro_m3_h",
    "diesel_tank_l": "diesel_tank_l",
}


@dataclass(frozen=True)
class Change:
    """A candidate change and what it does to its criterion.

    Attributes
    ----------
    criterion, lever : what it is for and what it changes.
    sizes : new totals by plan capacity key [their units] (or ``data_centre_autonomy_h``).
    cost_usd_yr : annuity of what it adds plus its fixed O&M [USD/yr].
    value : the criterion's value with it, simulated on the plan [criterion's unit].
    flips : the simulated value passes.
    replanned_value, replanned_cost_usd_yr, confirmed : after re-planning (None before).
    """

    criterion: str
    lever: str
    sizes: dict[str, float]
    cost_usd_yr: float
    value: float
    flips: bool
    replanned_value: float | None = None
    replanned_cost_usd_yr: float | None = None
    confirmed: bool | None = None


def addition_cost(s: Scenario, capacity: dict[str, float], sizes: dict[str, float]) -> float:
    """Capital recovery + fixed O&M of raising `capacity` to `sizes` [USD/yr], per unit from the
    cost table (`cayo.costs`); a longer data-centre backup is costed as the diesel tank for its IT
    load at its lowest PUE over the extra hours (its engine is assumed to exist), so this lever's
    cost is a lower bound."""
    table = cost_table(s)
    total = 0.0
    for key, size in sizes.items():
        if key == "data_centre_autonomy_h":
            extra = size - s.stress.data_centre_autonomy_hours
            dc_kw = s.program.data_centre.it_load_kw * s.program.data_centre.pue_min
            litres = extra * dc_kw * s.technologies.genset.fuel_l_per_kwh
            total += litres * table.annual("diesel_tank_l")
            continue
        added = max(size - capacity.get(key, 0.0), 0.0)
        total += added * table.annual(key)
    return total


def apply(system: System, sizes: dict[str, float], unit_kw: float) -> System:
    """The simulator's plant with these sizes. Added battery energy and tank volume are kept
    full as a reserve: the plan's schedule (battery state, tank level) and starting stocks are
    raised by what is added, so the extra storage is there when a failure comes."""
    changes: dict[str, float] = {}
    out = system
    for key, size in sizes.items():
        if key == "genset_kw":
            n, unit = engine_units(size, unit_kw)
            changes |= {"engine_units": n, "unit_kw": unit}
        elif key == "data_centre_autonomy_h":
            changes["data_centre_autonomy_h"] = size
        else:
            param = PARAM_OF[key]
            changes[param] = size
            added = size - float(getattr(system.plant, param))
            if key == "battery_kwh" and added > 0:
                out = _raise_stock(out, k.SOC_TARGET, "soc_kwh", "soc0_kwh", added)
            if key == "water_tank_m3" and added > 0:
                out = _raise_stock(out, k.LEVEL_TARGET, "level_m3", "level0_m3", added)
    return out.with_plant(**changes)


def _raise_stock(system: System, row: int, states: str, start: str, added: float) -> System:
    raised = system.with_series(row, system.series[:, row] + added)
    raised = replace(raised, **{states: getattr(system, states) + added})  # type: ignore[arg-type]
    return raised.with_plant(**{start: float(getattr(system.plant, start)) + added})


def judged_value(criterion: str, years: pd.DataFrame, load_kwh: float, water_m3: float) -> float:
    """A stress criterion's value from sampled years (the P90 year), as the design judges it
    (`cayo.design.search.Goal`, the sample's own quantile)."""
    if criterion not in YEAR_COLUMN:
        raise ValueError(f"{criterion} is not judged on sampled years")
    goal = Goal(load_kwh, water_m3, {criterion: 0.0}, sure=False)
    return goal.values(years)[criterion]


def candidates(
    criterion: str, s: Scenario, capacity: dict[str, float], threshold: float, daily_m3: float
) -> list[tuple[str, dict[str, float]]]:
    """(lever, new sizes) to try for a failed criterion, smallest first; levers of disabled
    technologies are not tried, and a technology the plan did not build starts from a base size
    (a battery of 4 h at 1 MW, a tank of 100 m³, 10 m³/h of desalination, one engine unit)."""
    c = capacity
    t, w = s.technologies, s.water_supply
    unit = s.stress.gensets.unit_kw
    out: list[tuple[str, dict[str, float]]] = []
    if criterion == "unserved electricity":
        if t.battery.enabled:
            kw, kwh = max(c["battery_kw"], 1000.0), max(c["battery_kwh"], 4000.0)
            out += [
                ("battery", {"battery_kw": kw * f, "battery_kwh": kwh * f})
                for f in (1.25, 1.5, 2.0, 3.0)
            ]
        if t.genset.enabled:
            out += [("engines", {"genset_kw": c["genset_kw"] + n * unit}) for n in (1, 2, 4, 8)]
            if s.fuel_supply.diesel.enabled and c["diesel_tank_l"] > 0:
                out += [
                    ("diesel tank", {"diesel_tank_l": c["diesel_tank_l"] * f})
                    for f in (1.5, 2.0, 4.0)
                ]
        return out  # fmt: skip
    if criterion == "unserved water":
        if w.tank.enabled:
            tank = max(c["water_tank_m3"], 100.0)
            out += [("water tank", {"water_tank_m3": tank * f}) for f in (2.0, 4.0, 8.0, 16.0)]
        if w.desalination.enabled:
            ro = max(c["ro_m3_h"], 10.0)
            out += [("desalination", {"ro_m3_h": ro * f}) for f in (1.5, 2.0, 3.0)]
        if t.genset.enabled and s.fuel_supply.diesel.enabled and c["diesel_tank_l"] > 0:
            out += [
                ("diesel tank", {"diesel_tank_l": c["diesel_tank_l"] * f}) for f in (1.5, 2.0, 4.0)
            ]
        return out  # fmt: skip
    if criterion == "water autonomy" and w.tank.enabled:
        return [("water tank", {"water_tank_m3": threshold * daily_m3 * 1.0001})]
    if criterion == "data-centre tier":
        h = s.stress.data_centre_autonomy_hours
        return [("data-centre backup", {"data_centre_autonomy_h": h + extra})
                for extra in (12.0, 36.0, 84.0)]  # fmt: skip
    return []


def cheapest_change(
    criterion: str,
    s: Scenario,
    system: System,
    capacity: dict[str, float],
    threshold: float,
    figures: dict[str, float],
    seed: int,
    years: int,
) -> Change | None:
    """The cheapest candidate that flips `criterion` in simulation, None if none does."""
    load = figures["load_kwh_yr"]
    water = figures.get("water_supplied_m3_yr", 0.0) + figures.get("water_unserved_m3_yr", 0.0)
    daily = figures.get("water_supplied_m3_yr", 0.0) / 365.0
    found: list[Change] = []
    for lever, sizes in candidates(criterion, s, capacity, threshold, daily):
        cost = addition_cost(s, capacity, sizes)
        if criterion == "water autonomy":
            value = sizes["water_tank_m3"] / daily if daily else 0.0
            flips = value >= threshold
        else:
            sy = apply(system, sizes, s.stress.gensets.unit_kw)
            yrs = simulated_years(sy, s, seed, years)
            value = judged_value(criterion, yrs, load, water)
            flips = value >= threshold if criterion == "data-centre tier" else value <= threshold
        found.append(Change(criterion, lever, sizes, cost, value, flips))
    flipping = [c for c in found if c.flips]
    return min(flipping, key=lambda c: c.cost_usd_yr) if flipping else None


def simulated_years(system: System, s: Scenario, seed: int, years: int) -> pd.DataFrame:
    """Per-year results of batch 0 of `seed` (the same years for every candidate)."""
    events = sample(system, s.stress, seed, 0, years)
    return year_table(simulate(system, events, seed), system.hours, events.counts)


def confirm(
    change: Change,
    s: Scenario,
    system: System,
    inputs: LPInputs,
    index: pd.DatetimeIndex | None,
    threshold: float,
    figures: dict[str, float],
    seed: int,
    years: int,
    warm: Basis | None = None,
) -> Change:
    """Re-plan with the change as a capacity floor (added tank volume as a reserve the LP keeps
    full), stress the new plan on the same years and judge the criterion again; the re-planned
    cost is the change in the LP objective [USD/yr]."""
    floors = {k_: v for k_, v in change.sizes.items() if k_ != "data_centre_autonomy_h"}
    added_tank = floors.get("water_tank_m3", 0.0) - system.plant.water_tank_m3
    if added_tank > 0:  # what the tank adds is kept full, in the LP as in the simulation
        inputs = replace(inputs, water_min_level_m3=inputs.water_min_level_m3 + added_tank)
    load = figures["load_kwh_yr"]
    water = figures.get("water_supplied_m3_yr", 0.0) + figures.get("water_unserved_m3_yr", 0.0)
    daily = figures.get("water_supplied_m3_yr", 0.0) / 365.0
    if floors:
        plan = plan_supply(inputs, index, existing=floors, warm=warm)
        sy = with_plan(system, plan, s.stress.gensets.unit_kw)
        cost = plan.objective_usd_yr - figures["lp_objective_usd_yr"]
        tank = plan.capacity["water_tank_m3"]
    else:  # outside the LP: the plan stays, the data centre's own backup grows
        sy, cost, tank = system, change.cost_usd_yr, system.plant.water_tank_m3
    sy = apply(sy, {x: v for x, v in change.sizes.items() if x == "data_centre_autonomy_h"}, 1.0)
    if change.criterion == "water autonomy":
        value = tank / daily if daily else 0.0
        ok = value >= threshold
    else:
        value = judged_value(change.criterion, simulated_years(sy, s, seed, years), load, water)
        ok = value >= threshold if change.criterion == "data-centre tier" else value <= threshold
    return replace(change, replanned_value=value, replanned_cost_usd_yr=cost, confirmed=ok)
