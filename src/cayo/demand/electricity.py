"""Hourly electricity demand [kW] of the town's buildings.

For each archetype of floor area A [m²]:

* base load(t) = A · e_base · s(t) / Σ_year s  — so the base part sums to A · e_base [kWh/yr];
* cooling(t)   = A · k · max(T(t) − T_bal, 0) · c(t) / 1000 [kW],

with e_base [kWh/(m²·yr)], k [W/(m²·K)], T the outdoor air temperature [°C], and s, c the
archetype's 24-h weekday/weekend schedules [-].
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cayo.demand.archetypes import Archetype, archetypes, schedule
from cayo.program.floor_areas import floor_areas
from cayo.scenario.schema import Scenario
from cayo.weather.year import WeatherYear


@dataclass(frozen=True)
class ElectricityDemand:
    """Hourly electricity demand of the town.

    Attributes
    ----------
    by_archetype : DataFrame [kW] on the weather index, one column per archetype plus
        ``cooling_<archetype>`` columns for the cooling parts (already included in the first).
    floor_area_m2 : floor area per archetype [m²].
    residents : residents [persons].
    """

    by_archetype: pd.DataFrame
    floor_area_m2: dict[str, float]
    residents: int

    @property
    def total_kw(self) -> np.ndarray:
        """Town load [kW] per hour."""
        names = list(self.floor_area_m2)
        return self.by_archetype[names].to_numpy().sum(axis=1)

    @property
    def annual_kwh(self) -> float:
        """Annual electricity [kWh/yr]."""
        return float(self.total_kw.sum())

    @property
    def kwh_per_resident(self) -> float:
        """Annual electricity per resident [kWh/(person·yr)]."""
        return self.annual_kwh / self.residents


def hourly_profile(index: pd.DatetimeIndex, name: str) -> np.ndarray:
    """Schedule `name` laid on `index` (Saturday and Sunday take the weekend profile) [-]."""
    weekday, weekend = schedule(name)
    hours = index.hour.to_numpy()
    return np.where(index.day_of_week.to_numpy() >= 5, weekend[hours], weekday[hours])


def archetype_load(
    a: Archetype, area_m2: float, index: pd.DatetimeIndex, temp_c: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(total, cooling) hourly load [kW] of `area_m2` of archetype `a`."""
    s = hourly_profile(index, a.schedule)
    base = area_m2 * a.base_kwh_per_m2_yr * s / s.sum()
    c = hourly_profile(index, a.cooling_schedule)
    cooling = (
        area_m2 * a.cooling_w_per_m2_k * np.maximum(temp_c - a.balance_temp_c, 0.0) * c / 1000.0
    )
    return base + cooling, cooling


def electricity_demand(scenario: Scenario, weather: WeatherYear) -> ElectricityDemand:
    """Hourly electricity demand [kW] of every archetype, scaled by ``demand.scale``."""
    kinds = archetypes()
    areas = floor_areas(scenario.people, kinds, scenario.demand.floor_area_m2)
    index = weather.data.index
    temp = weather.data["temp_air"].to_numpy()
    cols: dict[str, np.ndarray] = {}
    for name, a in kinds.items():
        total, cooling = archetype_load(a, areas[name], index, temp)
        cols[name] = total * scenario.demand.scale
        cols[f"cooling_{name}"] = cooling * scenario.demand.scale
    return ElectricityDemand(pd.DataFrame(cols, index=index), areas, scenario.people.residents)
