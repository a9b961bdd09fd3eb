"""Top risks: how much each class of failure adds to unserved service and its cost, found by
running the stress test again with that class switched off (same seed, same years)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd

from cayo.scenario.schema import Stress
from cayo.stress.metrics import year_table
from cayo.stress.run import sample, simulate
from cayo.stress.samplers import LinkUnits
from cayo.stress.system import System

Switch = Callable[[System, Stress], tuple[System, Stress]]


def _stress(s: Stress, section: str, **changes: float) -> Stress:
    return s.model_copy(update={section: getattr(s, section).model_copy(update=changes)})


def _no_link_failures(system: System, s: Stress) -> tuple[System, Stress]:
    links = system.links
    perfect = LinkUnits(links.capacity_gbps, np.ones_like(links.availability), links.option)
    return replace(system, links=perfect), s


FAILURE_CLASSES: dict[str, Switch] = {
    "island-grid cuts and collapses": lambda sy, s: (
        sy, _stress(s, "island_grid", cut_day_share=0.0, collapses_per_yr=0.0)),
    # engine failures are drawn in the kernel from the plant's parameters, not by the samplers
    "engine failures": lambda sy, s: (
        sy.with_plant(fail_to_start=0.0, fail_to_run_per_h=0.0), s),
    "national grid collapses": lambda sy, s: (sy, _stress(s, "main_grid", collapses_per_yr=0.0)),
    "late and missed ships": lambda sy, s: (
        sy, _stress(s, "ships", late_share=0.0, missed_share=0.0)),
    "hurricanes": lambda sy, s: (sy, _stress(s, "hurricanes", per_yr=0.0)),
    "data-link failures": _no_link_failures,
}  # fmt: skip


def mean_year(system: System, stress: Stress, seed: int, years: int) -> pd.Series:
    """Mean of every per-year metric over `years` sampled years (batch 0 of `seed`)."""
    events = sample(system, stress, seed, 0, years)
    return year_table(simulate(system, events, seed), system.hours, events.counts).mean()


def top_risks(
    system: System,
    stress: Stress,
    seed: int,
    years: int,
    usd_per_kwh: float,
    usd_per_m3: float,
) -> pd.DataFrame:
    """Each failure class's share of the mean unserved electricity [kWh/yr] and water [m³/yr],
    and their cost at the values of lost load and water [USD/yr], largest cost first."""
    base = mean_year(system, stress, seed, years)
    rows = {}
    for name, switch in FAILURE_CLASSES.items():
        sy, st = switch(system, stress)
        off = mean_year(sy, st, seed, years)
        kwh = float(base["unserved_kwh"] - off["unserved_kwh"])
        m3 = float(base["unserved_water_m3"] - off["unserved_water_m3"])
        rows[name] = {
            "unserved_kwh_yr": kwh,
            "unserved_water_m3_yr": m3,
            "data_service_h_yr": float(off["data_service_up_h"] - base["data_service_up_h"]),
            "cost_usd_yr": kwh * usd_per_kwh + m3 * usd_per_m3,
        }
    out = pd.DataFrame.from_dict(rows, orient="index").sort_values("cost_usd_yr", ascending=False)
    out.index.name = "failure class"
    return out
