"""Hourly water [m³/h], wastewater [m³/h] and its organic load [kg BOD5/h].

Water per facility = capacity × litres per working day × the water schedule scaled so that a
weekday sums to 1; network losses come on top: supplied = used / (1 − loss share).
Wastewater per facility = its return factor × its water use. The organic load is
residents and tourists × g/day plus commuters and day visitors × g/day, spread over the year in
proportion to the hourly wastewater flow.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cayo.demand.profiles import daily_shape, term_months
from cayo.program.facilities import Program
from cayo.scenario.schema import Scenario


def water_use(
    scenario: Scenario, program: Program, index: pd.DatetimeIndex, it_kw: np.ndarray
) -> pd.DataFrame:
    """Water used [m³/h] per facility, plus the data centre's cooling water and the
    ``network_losses`` column; the columns add up to the water to supply."""
    holidays = tuple(scenario.program.calendar.school_holiday_months)
    fac = program.facilities
    cols: dict[str, np.ndarray] = {}
    for name, f in program.norms.items():
        litres_per_day = float(fac.at[name, "capacity"]) * f.water_l_per_unit_day
        cols[name] = (
            litres_per_day
            / 1000.0
            * daily_shape(index, f.water_schedule, term_months(name, holidays))
        )
    cols["data_centre"] = (
        cols["data_centre"] + it_kw * scenario.program.data_centre.water_l_per_kwh_it / 1000.0
    )
    used = np.sum(list(cols.values()), axis=0)
    loss = scenario.utilities.water_network_loss_share
    cols["network_losses"] = used * loss / (1.0 - loss)
    return pd.DataFrame(cols, index=index)


def wastewater(program: Program, water: pd.DataFrame) -> pd.DataFrame:
    """Wastewater [m³/h] per facility: return factor × water used (losses return nothing)."""
    return pd.DataFrame(
        {name: water[name] * f.return_factor for name, f in program.norms.items()},
        index=water.index,
    )


def organic_load(
    scenario: Scenario, program: Program, ww_total: np.ndarray, index: pd.DatetimeIndex
) -> pd.DataFrame:
    """Organic load [kg BOD5/h] of residents and of commuters + visitors."""
    u, people = scenario.utilities, program.population
    daily = {
        "residents": people.present * u.bod_g_per_resident_day / 1000.0,
        "commuters_visitors": (people.commuters + people.visitors)
        * u.bod_g_per_day_visitor
        / 1000.0,
    }
    share = ww_total / ww_total.sum() if ww_total.sum() > 0 else np.full(len(index), 1 / len(index))
    days = len(index) / 24
    return pd.DataFrame({k: v * days * share for k, v in daily.items()}, index=index)
