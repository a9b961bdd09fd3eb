"""Weather: a reference year for the site and PV output per kWp."""

from __future__ import annotations

from pathlib import Path

from cayo.scenario.schema import Scenario
from cayo.weather.year import HOURS, WeatherYear, hourly_index

__all__ = ["HOURS", "WeatherYear", "hourly_index", "weather_for"]


def weather_for(scenario: Scenario, base_dir: Path | None = None) -> WeatherYear:
    """The scenario's weather year; a relative weather file is taken from `base_dir`."""
    w = scenario.weather
    if w.source == "reference":
        from cayo.weather.reference import reference_year

        return reference_year(scenario.site, w.year, w.monthly_mean_temp_c)
    from cayo.errors import CayoError
    from cayo.weather.files import read_weather_file

    if w.file is None:  # the scenario loader refuses this; a hand-made Scenario may not
        raise CayoError("weather.source is 'file' but no weather.file is given")
    path = w.file if w.file.is_absolute() or base_dir is None else base_dir / w.file
    return read_weather_file(path, w.format, scenario.site, w.year)
