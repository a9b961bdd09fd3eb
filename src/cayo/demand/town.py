"""Every utility's hourly demand for the whole town, and its summary."""

from __future__ import annotations

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
    def residents(self) -> int:
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

    def summary(self) -> pd.DataFrame:
        """Per carrier: annual total, peak and its hour, and the average per resident per day."""
        rows = []
        index = self.hourly["electricity"].index
        for carrier, (unit, annual_unit, factor) in CARRIERS.items():
            t = self.total(carrier)
            peak = int(np.argmax(t))
            rows.append(
                {
                    "carrier": carrier,
                    "annual": float(t.sum() * factor),
                    "annual_unit": annual_unit,
                    "peak": float(t[peak]),
                    "unit": unit,
                    "peak_time": index[peak].strftime("%Y-%m-%d %H:%M"),
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
            "bod": organic_load(scenario, ww.to_numpy().sum(axis=1), index),
            "lpg": lpg_demand(scenario, program, index),
            "waste": waste_generation(scenario, program, index),
            "data": data_traffic(scenario, program, index),
        },
    )
