"""Hourly activity profiles from the 24-hour schedules of data/schedules.csv."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from cayo.data import table

HOURS = [f"h{h:02d}" for h in range(24)]
TERM_FACILITIES = frozenset({"school", "campus"})  # on their weekend profile in school holidays


@cache
def schedule(name: str) -> tuple[np.ndarray, np.ndarray]:
    """(weekday, weekend) 24-h profiles [-] of schedule `name`, hour 0 = 00:00–01:00."""
    df = table("schedules.csv")
    rows = df[df["schedule"] == name].set_index("daytype")
    if rows.empty:
        raise KeyError(f"no schedule '{name}' in data/schedules.csv")
    return rows.loc["weekday", HOURS].to_numpy(float), rows.loc["weekend", HOURS].to_numpy(float)


def schedule_names() -> list[str]:
    """Every schedule in the shipped table."""
    return list(dict.fromkeys(table("schedules.csv")["schedule"]))


def term_months(facility: str, holiday_months: tuple[int, ...] | list[int]) -> tuple[int, ...]:
    """The holiday months that apply to `facility`: all of them for schools and the campus
    (`TERM_FACILITIES`), none for the rest.

    >>> term_months("school", [7, 8]), term_months("office", [7, 8])
    ((7, 8), ())
    """
    return tuple(holiday_months) if facility in TERM_FACILITIES else ()


def off_days(index: pd.DatetimeIndex, holiday_months: tuple[int, ...] = ()) -> np.ndarray:
    """True for the hours that take the weekend profile: Saturdays, Sundays and every hour of
    the `holiday_months`."""
    off = index.day_of_week.to_numpy() >= 5
    if holiday_months:
        off |= np.isin(index.month.to_numpy(), holiday_months)
    return off


def hourly_profile(
    index: pd.DatetimeIndex, name: str, holiday_months: tuple[int, ...] = ()
) -> np.ndarray:
    """Schedule `name` laid on `index` [-].

    >>> from cayo.weather.year import hourly_index
    >>> p = hourly_profile(hourly_index(2025, -5), "office")
    >>> float(p[9]), float(p[4 * 24 + 9])   # Wed 1 Jan 09:00 (weekday), Sat 4 Jan 09:00
    (1.0, 0.25)
    """
    weekday, weekend = schedule(name)
    hours = index.hour.to_numpy()
    return np.where(off_days(index, holiday_months), weekend[hours], weekday[hours])


def daily_shape(
    index: pd.DatetimeIndex, name: str, holiday_months: tuple[int, ...] = ()
) -> np.ndarray:
    """Profile scaled so that a weekday sums to 1 [1/day]: multiply by a rate per working day
    to get hourly amounts; weekends and holidays get less as their profile is lower."""
    weekday, _ = schedule(name)
    return hourly_profile(index, name, holiday_months) / weekday.sum()


def peak_shape(
    index: pd.DatetimeIndex, name: str, holiday_months: tuple[int, ...] = ()
) -> np.ndarray:
    """Profile scaled so that its weekday busy hour is 1 [-]: multiply by a busy-hour rate."""
    weekday, _ = schedule(name)
    return hourly_profile(index, name, holiday_months) / weekday.max()
