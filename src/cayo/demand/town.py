"""Every utility's hourly demand for the whole town, and its summary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cayo.demand.consumables import data_traffic, lpg_demand, waste_generation
from cayo.demand.electricity import OUTSIDE_CITY_NORM, electricity_demand, load_columns
from cayo.demand.water import organic_load, wastewater, water_use
from cayo.program.facilities import Program
from cayo.scenario.schema import Scenario
from cayo.weather.year import WeatherYear

# carrier: (hourly unit, annual unit, annual = Σ hourly × factor)
CARRIERS: dict[str, tuple[str, str, float]] = {
    "electricity": ("kW", "MWh/yr", 1e-3),
    "water": ("m3/h", "m3/yr", 1.0),
    "wastewater": ("m3/h", "m3/yr", 1.0),
    "bod": ("kg/h", "t/yr", 1e-3),
    "lpg": ("kg/h", "t/yr", 1e-3),
    "waste": ("kg/h", "t/yr", 1e-3),
    "data": ("Gbit/s", "TB/yr", 3600 / 8 / 1000),
}


@dataclass(frozen=True)
class TownDemand:
    """Hourly demand of every utility.

    Attributes
    ----------
    program : the facilities behind it.
    hourly : carrier → DataFrame on the weather index, one column per facility or component,
        in the carrier's hourly unit (`CARRIERS`); for electricity the ``cooling_*`` columns
        are parts of their facility's column, not extra load.
    """

    program: Program
    hourly: dict[str, pd.DataFrame]

    @property
    def residents(self) -> float:
        """Residents [persons]."""
        return self.program.population.residents

    def total(self, carrier: str) -> np.ndarray:
        """Hourly total of a carrier [its hourly unit]."""
        df = self.hourly[carrier]
        cols = load_columns(df) if carrier == "electricity" else list(df.columns)
        return df[cols].to_numpy().sum(axis=1)

    @property
    def electricity_kw(self) -> np.ndarray:
        """Town electricity load [kW] per hour."""
        return self.total("electricity")

    def kwh_per_resident(self) -> float:
        """All electricity per resident [kWh/(person·yr)]."""
        return float(self.electricity_kw.sum() / self.residents)

    def kwh_per_resident_city_scope(self) -> float:
        """Electricity per resident of what a city norm covers [kWh/(person·yr)]: homes,
        public and commercial buildings, street lighting — not offices, laboratories,
        industry or the data centre (`OUTSIDE_CITY_NORM`)."""
        df = self.hourly["electricity"]
        cols = [c for c in load_columns(df) if c not in OUTSIDE_CITY_NORM]
        return float(df[cols].to_numpy().sum() / self.residents)

    def water_l_per_resident_day(self) -> dict[str, float]:
        """Water per resident [L/(person·day)]: homes' own use, and all water supplied (every
        facility and the network's losses)."""
        w = self.hourly["water"]
        days = len(w) / 24
        per = 1000.0 / self.residents / days
        return {
            "residential": float(w["residence"].sum() * per),
            "supplied": float(self.total("water").sum() * per),
        }

    def summary(self) -> pd.DataFrame:
        """Per carrier: annual total, peak and its hour, how many hours reach that peak, when
        they fall, and the average per resident per day.

        Demand that does not follow the weather repeats day after day, so its peak is reached
        in many hours: ``peak_time`` is the first of them, ``peak_hours`` counts them and
        ``peak_when`` says when they fall (e.g. ``07:00 on 217 weekdays``).
        """
        rows = []
        index = self.hourly["electricity"].index
        for carrier, (unit, annual_unit, factor) in CARRIERS.items():
            t = self.total(carrier)
            hours = peak_hours(t)
            rows.append(
                {
                    "carrier": carrier,
                    "annual": float(t.sum() * factor),
                    "annual_unit": annual_unit,
                    "peak": float(t[hours[0]]),
                    "unit": unit,
                    "peak_time": index[hours[0]].strftime("%Y-%m-%d %H:%M"),
                    "peak_hours": len(hours),
                    "peak_when": peak_when(index[hours]),
                    "per_resident_day": float(t.sum() / self.residents / (len(t) / 24)),
                }
            )
        return pd.DataFrame(rows).set_index("carrier")

    def wide(self) -> pd.DataFrame:
        """One table of every series, columns ``<carrier>_<unit>__<component>``."""
        parts = []
        for carrier, df in self.hourly.items():
            unit = CARRIERS[carrier][0].replace("/", "_per_")
            parts.append(df.add_prefix(f"{carrier}_{unit}__"))
        out = pd.concat(parts, axis=1)
        out.index.name = "time"
        return out


PEAK_RTOL = 1e-9  # hours within this relative distance of the maximum reach the peak


def peak_hours(series: np.ndarray) -> np.ndarray:
    """Positions of the hours that reach the series' maximum (within `PEAK_RTOL`), in order.

    >>> peak_hours(np.array([1.0, 3.0, 2.0, 3.0])).tolist()
    [1, 3]
    """
    t = np.asarray(series, dtype=float)
    top = float(t.max())
    return np.flatnonzero(t >= top - abs(top) * PEAK_RTOL)


def peak_when(times: pd.DatetimeIndex) -> str:
    """When the peak hours `times` fall, in words: the hour itself when there is one, else the
    hours of the day and on how many days (weekdays, weekend days or days).

    >>> from cayo.weather.year import hourly_index
    >>> i = hourly_index(2025, -5)
    >>> peak_when(i[[9]]), peak_when(i[[7, 31, 55]]), peak_when(i[[7, 19, 24 * 4 + 7]])
    ('2025-01-01 09:00', '07:00 on 3 weekdays', '07:00 and 19:00 on 2 days')
    """
    if len(times) == 1:
        return times[0].strftime("%Y-%m-%d %H:%M")
    clock = [f"{h:02d}:00" for h in sorted(set(times.hour))]
    days = pd.Index(times.normalize()).unique()
    weekday = days.day_of_week < 5
    kind = "weekdays" if weekday.all() else "weekend days" if not weekday.any() else "days"
    when = clock[0] if len(clock) == 1 else ", ".join(clock[:-1]) + " and " + clock[-1]
    return f"{when} on {len(days)} {kind}"


def column_prefix(carrier: str) -> str:
    """The prefix of a carrier's columns in the saved wide table (`TownDemand.wide`).

    >>> column_prefix("electricity"), column_prefix("water")
    ('electricity_kW__', 'water_m3_per_h__')
    """
    return f"{carrier}_{CARRIERS[carrier][0].replace('/', '_per_')}__"


def total_columns(columns: Iterable[str], carrier: str) -> list[str]:
    """The columns of the saved wide table that add up to `carrier`'s total: the same ones
    `TownDemand.total` adds (for electricity, not the ``cooling_*`` parts, which are already
    inside their facility's column).

    >>> total_columns(["electricity_kW__office", "electricity_kW__cooling_office",
    ...                "water_m3_per_h__office", "wastewater_m3_per_h__office"], "electricity")
    ['electricity_kW__office']
    """
    prefix = column_prefix(carrier)
    names = [c[len(prefix) :] for c in columns if c.startswith(prefix)]
    keep = load_columns(pd.DataFrame(columns=names)) if carrier == "electricity" else names
    return [prefix + n for n in keep]


def wide_total(wide: pd.DataFrame, carrier: str) -> pd.Series:
    """Hourly total of a carrier from the saved wide table [its hourly unit]."""
    return wide[total_columns(wide.columns, carrier)].sum(axis=1)


def monthly_totals(wide: pd.DataFrame) -> pd.DataFrame:
    """Monthly totals of every carrier in the saved wide table, in the carrier's annual unit
    (MWh, m³, t, TB; `CARRIERS`): rows are months 1-12, and each column adds up to the
    carrier's annual total in `TownDemand.summary`."""
    month = wide.index.month
    out = {
        c: wide_total(wide, c).groupby(month).sum() * CARRIERS[c][2]
        for c in CARRIERS
        if total_columns(wide.columns, c)
    }
    return pd.DataFrame(out).rename_axis("month")


def town_demand(scenario: Scenario, program: Program, weather: WeatherYear) -> TownDemand:
    """Every utility's hourly demand of the town described by `program`."""
    index = weather.data.index
    el = electricity_demand(scenario, program, weather)
    # the IT load is the data centre's capacity (program.capacity may override the scenario's)
    it_kw = np.full(len(index), float(program.facilities.at["data_centre", "capacity"]))
    water = water_use(scenario, program, index, it_kw)
    ww = wastewater(program, water)
    return TownDemand(
        program,
        {
            "electricity": el,
            "water": water,
            "wastewater": ww,
            "bod": organic_load(scenario, program, ww.to_numpy().sum(axis=1), index),
            "lpg": lpg_demand(scenario, program, index),
            "waste": waste_generation(scenario, program, index),
            "data": data_traffic(scenario, program, index),
        },
    )
