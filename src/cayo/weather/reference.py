"""Reference year for a site without its own weather file: pvlib's Miami TMY2 carried over.

The clear-sky index of each Miami hour (measured GHI / Ineichen clear-sky GHI at Miami) is applied
to the Ineichen clear-sky GHI at the site for the same hour, with the sun recomputed at the site;
direct and diffuse parts follow from the Erbs decomposition. Air temperature is Miami's, moved to
the site's altitude by the standard atmosphere's lapse rate; wind is Miami's. South of the equator
the whole Miami year is shifted by half a year first, so that its summer falls in the site's.
Miami (25.8 °N, 80.27 °W) is a tropical year 521 km (great circle) from Isla de la Juventud;
docs/weather.md measures how far the carried year is from real files of other sites.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pvlib

from cayo.errors import CayoError
from cayo.scenario.schema import Site
from cayo.weather.year import HOURS, WeatherYear, hourly_index

MIAMI_TMY2 = Path(pvlib.__file__).parent / "data" / "12839.tm2"
MIN_CLEARSKY_W_M2 = 20.0  # [W/m²] below this the hourly clear-sky index is too noisy to use
MAX_CLEARSKY_INDEX = 1.2  # [-] cap: cloud enhancement rarely exceeds this in hourly means
HALF_YEAR_H = 182 * 24  # [h] whole days, so that each hour keeps its time of day
LAPSE_K_PER_M = 0.0065  # [K/m] temperature fall with height in the ICAO standard atmosphere
# (ISO 2533:1975, troposphere), the rate pvlib's pressure-from-altitude formula assumes


def clearsky_ghi(
    times: pd.DatetimeIndex, latitude: float, longitude: float, altitude_m: float
) -> np.ndarray:
    """Ineichen clear-sky GHI [W/m²] at hour mid-points, pvlib's shipped Linke turbidity."""
    mid = times + pd.Timedelta(minutes=30)
    loc = pvlib.location.Location(latitude, longitude, altitude=altitude_m)
    return np.asarray(loc.get_clearsky(mid, model="ineichen")["ghi"], dtype=float)


def clearsky_index(ghi: np.ndarray, ghi_clear: np.ndarray) -> np.ndarray:
    """Hourly clear-sky index [-]; low-sun hours take their day's energy-weighted index.

    >>> clearsky_index(np.array([0, 50, 400] * 8), np.array([5, 100, 500] * 8))[:3].round(3)
    array([0.75, 0.5 , 0.8 ])
    """
    days = len(ghi) // 24
    g = ghi.reshape(days, 24)
    c = ghi_clear.reshape(days, 24)
    ok = c >= MIN_CLEARSKY_W_M2
    daily = np.where(ok, g, 0).sum(1) / np.maximum(np.where(ok, c, 0).sum(1), 1e-9)
    k = np.where(ok, g / np.where(ok, c, 1.0), daily[:, None])
    return np.clip(k, 0.0, MAX_CLEARSKY_INDEX).reshape(-1)


def read_miami_tmy2() -> tuple[pd.DataFrame, dict]:
    """pvlib's Miami TMY2 in SI units: ghi [W/m²], temp_air [°C], wind_speed [m/s]."""
    raw, meta = pvlib.iotools.read_tmy2(str(MIAMI_TMY2))
    data = pd.DataFrame(
        {
            "ghi": raw["GHI"].to_numpy(float),
            "temp_air": raw["DryBulb"].to_numpy(float) / 10.0,  # TMY2 stores tenths of °C
            "wind_speed": raw["Wspd"].to_numpy(float) / 10.0,  # and tenths of m/s
        }
    )
    return data, meta


def reference_year(
    site: Site, year: int, monthly_mean_c: Sequence[float] | None = None
) -> WeatherYear:
    """Miami TMY2 carried to `site` by clear-sky-index transfer, laid on `year` [local std time].

    Air temperature: Miami's, moved to the site's altitude, or, with `monthly_mean_c` (the
    site's 12 monthly means [°C]), moved month by month so that each month has its mean.
    """
    miami, meta = read_miami_tmy2()
    if len(miami) != HOURS:
        raise CayoError(
            f"{MIAMI_TMY2}: pvlib's Miami TMY2 has {len(miami)} hours, not {HOURS}; reinstall pvlib"
        )
    south = site.latitude < 0
    if south:  # Miami's summer laid on the southern summer
        miami = pd.DataFrame(np.roll(miami.to_numpy(), HALF_YEAR_H, axis=0), columns=miami.columns)
    # TMY2 hours are local standard time (UTC-5) ending at the stamp; pvlib labels the start.
    miami_times = hourly_index(year, float(meta["TZ"]))
    cs_miami = clearsky_ghi(miami_times, meta["latitude"], meta["longitude"], meta["altitude"])
    if south:  # the clear-sky index of each shifted hour, against Miami's own sky of that hour
        cs_miami = np.roll(cs_miami, HALF_YEAR_H)
    kt = clearsky_index(miami["ghi"].to_numpy(), cs_miami)
    times = hourly_index(year, site.utc_offset_h)
    cs_site = clearsky_ghi(times, site.latitude, site.longitude, site.altitude_m)
    ghi = kt * cs_site
    mid = times + pd.Timedelta(minutes=30)
    sun = pvlib.solarposition.get_solarposition(mid, site.latitude, site.longitude, site.altitude_m)
    parts = pvlib.irradiance.erbs(ghi, sun["zenith"].to_numpy(), mid)
    data = pd.DataFrame(
        {
            "ghi": ghi,
            "dni": np.nan_to_num(np.asarray(parts["dni"], float)),
            "dhi": np.nan_to_num(np.asarray(parts["dhi"], float)),
            "temp_air": _temperature(
                miami["temp_air"].to_numpy(), times, site, meta, monthly_mean_c
            ),
            "wind_speed": miami["wind_speed"].to_numpy(),
        },
        index=times,
    )
    temperature = (
        "Miami temperature moved to the site's 12 monthly means"
        if monthly_mean_c is not None
        else f"Miami temperature {-altitude_shift_k(site, meta):+.2f} K for the site's altitude "
        f"({LAPSE_K_PER_M * 1000:g} K/km)"
    )
    return WeatherYear(
        data,
        source=f"pvlib Miami TMY2 ({MIAMI_TMY2.name}) by clear-sky-index transfer to "
        f"{site.latitude:.2f}N {site.longitude:.2f}E; Erbs decomposition; "
        f"{temperature} and Miami wind"
        + ("; Miami's year shifted by half a year (southern hemisphere)" if south else ""),
    )


def _temperature(
    miami_c: np.ndarray,
    times: pd.DatetimeIndex,
    site: Site,
    meta: dict,
    monthly_mean_c: Sequence[float] | None,
) -> np.ndarray:
    """Air temperature at the site [°C] (see `reference_year`)."""
    if monthly_mean_c is None:
        return miami_c - altitude_shift_k(site, meta)
    return to_monthly_means(miami_c, np.asarray(times.month), monthly_mean_c)


def to_monthly_means(
    temp_c: np.ndarray, month: np.ndarray, monthly_mean_c: Sequence[float]
) -> np.ndarray:
    """`temp_c` [°C] moved month by month (month 1-12 per hour) so that each month's mean is
    `monthly_mean_c[month - 1]`; the hours keep their deviations from their month's mean.

    >>> to_monthly_means(np.array([1.0, 3.0, 10.0]), np.array([1, 1, 2]),
    ...                  [5.0, 0.0] + [0.0] * 10).tolist()
    [4.0, 6.0, 0.0]
    """
    out = np.asarray(temp_c, dtype=float).copy()
    for m in range(1, 13):
        hours = month == m
        if hours.any():
            out[hours] += monthly_mean_c[m - 1] - out[hours].mean()
    return out


def altitude_shift_k(site: Site, meta: dict) -> float:
    """How much cooler the site's air is than Miami's for its altitude [K] (negative: warmer).

    >>> from types import SimpleNamespace
    >>> round(altitude_shift_k(SimpleNamespace(altitude_m=1002.0), {"altitude": 2.0}), 3)
    6.5
    """
    return LAPSE_K_PER_M * (site.altitude_m - float(meta["altitude"]))
