"""The hourly reference year every series is laid on: 8760 interval-start stamps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, timezone

import numpy as np
import pandas as pd

HOURS = 8760  # [h] a year is always 8760 h; in leap years 29 February is left out


def hourly_index(year: int, utc_offset_h: float) -> pd.DatetimeIndex:
    """8760 hourly stamps [local standard time] marking the *start* of each hour of `year`.

    >>> idx = hourly_index(2028, -5)   # a leap year: 29 Feb is dropped
    >>> len(idx), str(idx[0]), str(idx[-1])
    (8760, '2028-01-01 00:00:00-05:00', '2028-12-31 23:00:00-05:00')
    """
    tz = timezone(timedelta(hours=utc_offset_h))
    idx = pd.date_range(f"{year}-01-01", f"{year}-12-31 23:00", freq="h", tz=tz)
    idx = idx[~((idx.month == 2) & (idx.day == 29))]
    if len(idx) != HOURS:  # cannot happen for the years 1900-2100 a scenario allows
        raise ValueError(f"{year} gives {len(idx)} hours, not {HOURS}")
    return idx


@dataclass(frozen=True)
class WeatherYear:
    """One year of hourly weather at the site.

    Attributes
    ----------
    data : DataFrame on `hourly_index`, columns ``ghi``, ``dni``, ``dhi`` [W/m²] (hour means),
        ``temp_air`` [°C], ``wind_speed`` [m/s].
    source : how the year was made (file name, transfer method).
    notes : anything the user should know (e.g. the file's own site differs).
    """

    data: pd.DataFrame
    source: str
    notes: tuple[str, ...] = ()

    @property
    def annual_ghi_kwh_m2(self) -> float:
        """Global horizontal irradiation [kWh/m²/yr]."""
        return float(self.data["ghi"].sum() / 1000.0)

    @property
    def mean_temp_c(self) -> float:
        """Annual mean air temperature [°C]."""
        return float(np.mean(self.data["temp_air"]))
