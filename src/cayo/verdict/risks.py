"""Top risks: how much each class of failure adds to unserved service and its cost, found by
running the stress test again with that class switched off (same seed, same years)."""

from __future__ import annotations

import pandas as pd

from cayo.scenario.schema import Stress
from cayo.stress.classes import FAILURE_CLASSES
from cayo.stress.metrics import year_table
from cayo.stress.run import sample, simulate
from cayo.stress.system import System


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
