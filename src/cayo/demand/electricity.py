"""Hourly electricity demand [kW] of every facility, street lighting, industry and data centre.

For a facility of floor area A [m²] and capacity C [its unit]:

* base(t)    = (A · e_base + C · e_extra) · s(t) / Σ_year s   — sums to the annual intensity;
* cooling(t) = A · share · k · (COP_ref / COP) · max(T(t) − T_bal − (set − set_ref), 0)
  · c(t) / 1000 [kW], with k, T_bal, set_ref and COP_ref from the table and share, set and
  COP from the scenario's `cooling` section (the table's reference where it is silent);

homes that cook on electricity add their cooking to the residence
(`cayo.demand.consumables.electric_cooking_kw`); industry adds its process load × its schedule
(peak = the scenario's process load), the data
centre draws IT × PUE(T) with PUE(T) = PUE_min + slope · max(T − T_ref, 0), and streets are lit
whenever the sun is below the horizon at the hour's mid-point.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pvlib

from cayo.demand.consumables import electric_cooking_kw
from cayo.demand.profiles import hourly_profile, peak_shape, term_months
from cayo.program.facilities import Program
from cayo.program.norms import FacilityNorm
from cayo.scenario.schema import CoolingUse, DataCentre, Scenario, Site
from cayo.weather.year import WeatherYear

# Left out when comparing with a city's per-resident norm: the norm covers homes, public and
# commercial buildings and street lighting, not industry or a data centre; and this town gives
# most residents an office or laboratory desk, which a normal city does not.
OUTSIDE_CITY_NORM = ("data_centre", "industry", "industry_process", "office", "laboratory")


def cooled(f: FacilityNorm, use: CoolingUse | None) -> FacilityNorm:
    """The norm `f` with its cooling coefficient [W/(m²·K)] and balance point [°C] moved to
    the scenario's AC share, set-point and COP (`f` itself when the scenario is silent).

    >>> from cayo.program.norms import norms
    >>> f = norms()["residence"]
    >>> g = cooled(f, CoolingUse(ac_share=0.5, set_point_c=f.cooling_set_point_c + 2,
    ...                          cop=2 * f.cooling_cop))
    >>> g.cooling_w_per_m2_k / f.cooling_w_per_m2_k, g.balance_temp_c - f.balance_temp_c
    (0.25, 2.0)
    """
    if use is None:
        return f
    return replace(
        f,
        cooling_w_per_m2_k=f.cooling_w_per_m2_k * use.ac_share * f.cooling_cop / use.cop,
        balance_temp_c=f.balance_temp_c + use.set_point_c - f.cooling_set_point_c,
        cooling_set_point_c=use.set_point_c,
        cooling_cop=use.cop,
    )


def facility_load(
    f: FacilityNorm,
    capacity: float,
    floor_m2: float,
    index: pd.DatetimeIndex,
    temp_c: np.ndarray,
    holidays: tuple[int, ...] = (),
) -> tuple[np.ndarray, np.ndarray]:
    """(total, cooling) hourly load [kW] of one facility type."""
    s = hourly_profile(index, f.schedule, holidays)
    annual = floor_m2 * f.base_kwh_per_m2_yr + capacity * f.extra_kwh_per_unit_yr
    base = annual * s / s.sum() if s.sum() > 0 else np.zeros(len(index))
    c = hourly_profile(index, f.cooling_schedule, holidays)
    excess = np.maximum(temp_c - f.balance_temp_c, 0.0)
    cooling = floor_m2 * f.cooling_w_per_m2_k * excess * c / 1000.0
    return base + cooling, cooling


def pue(temp_c: np.ndarray, dc: DataCentre) -> np.ndarray:
    """Power usage effectiveness [-] at outdoor temperature `temp_c` [°C].

    >>> dc = DataCentre(it_load_kw=1, pue_min=1.2, pue_ref_temp_c=18, pue_per_c=0.01,
    ...                 water_l_per_kwh_it=0, external_gbps=1)
    >>> pue(np.array([10.0, 18.0, 28.0]), dc).round(3).tolist()
    [1.2, 1.2, 1.3]
    """
    return dc.pue_min + dc.pue_per_c * np.maximum(np.asarray(temp_c) - dc.pue_ref_temp_c, 0.0)


def darkness(index: pd.DatetimeIndex, site: Site) -> np.ndarray:
    """1 where the sun is below the horizon at the hour's mid-point, else 0 [-]."""
    mid = index + pd.Timedelta(minutes=30)
    sun = pvlib.solarposition.get_solarposition(mid, site.latitude, site.longitude, site.altitude_m)
    return (sun["apparent_elevation"].to_numpy() < 0).astype(float)


def electricity_demand(scenario: Scenario, program: Program, weather: WeatherYear) -> pd.DataFrame:
    """Hourly electricity [kW], one column per facility plus ``industry_process``,
    ``street_lighting`` and ``cooling_<facility>`` columns (the cooling parts, already
    included in their facility's column). Scaled by ``demand.scale``."""
    index = weather.data.index
    temp = weather.data["temp_air"].to_numpy()
    holidays = tuple(scenario.program.calendar.school_holiday_months)
    fac = program.facilities
    cols: dict[str, np.ndarray] = {}
    cooling: dict[str, np.ndarray] = {}
    for name, f in program.norms.items():
        cap, floor = float(fac.at[name, "capacity"]), float(fac.at[name, "floor_area_m2"])
        if name == "data_centre":
            cols[name] = cap * pue(temp, scenario.program.data_centre)
            continue
        use = scenario.cooling.by_facility.get(name)
        cols[name], cooling[f"cooling_{name}"] = facility_load(
            cooled(f, use), cap, floor, index, temp, term_months(name, holidays)
        )
    cols["residence"] = cols["residence"] + electric_cooking_kw(scenario, program, index)
    ind = scenario.program.industry
    cols["industry_process"] = ind.process_load_kw * peak_shape(
        index, program.norms["industry"].schedule
    )
    lighting = scenario.program.street_lighting
    street_m2 = float(fac.at["streets", "land_m2"])
    cols["street_lighting"] = (
        street_m2 * lighting.w_per_m2_street / 1000 * darkness(index, scenario.site)
    )
    out = pd.DataFrame({**cols, **cooling}, index=index) * scenario.demand.scale
    return out


def load_columns(df: pd.DataFrame) -> list[str]:
    """The columns of an electricity table that add up to the load (not the cooling parts)."""
    return [c for c in df.columns if not c.startswith("cooling_")]
