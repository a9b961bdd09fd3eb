"""Reference year (cayo.weather.reference): Miami TMY2 carried to the site by clear-sky index.

Sources of the figures (see /work/shared/facts.md):
* Cuba ≈ 5.0 kWh/m²/day = 1,825 kWh/m²/yr — http://www.blackbenson.cn/english/2019-03/05/c_137870746.htm
* Isla de la Juventud annual mean 24.8 °C — https://www.cubatravel.cu/en/destinations/isla-de-la-juventud/weather
* Camagüey (21.4 °N) measured GHI: max April 5.06, July 4.91, min December 3.15 kWh/m²/day —
  https://www.mdpi.com/2072-4292/13/2/169
* Miami TMY2 site: WBAN 12839, 25.8 °N, 80.2667 °W, 2 m, UTC−5 (header of pvlib/data/12839.tm2).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pvlib
import pytest

from cayo.scenario.schema import Site
from cayo.weather.reference import (
    MAX_CLEARSKY_INDEX,
    clearsky_index,
    read_miami_tmy2,
    reference_year,
)
from cayo.weather.year import HOURS

MIAMI = Site(name="Miami", latitude=25.8, longitude=-80.2667, altitude_m=2, utc_offset_h=-5)


@pytest.fixture(scope="module")
def year(weather):
    return weather


def monthly_daily_ghi(data: pd.DataFrame) -> pd.Series:
    """Mean daily GHI per month [kWh/m²/day]."""
    daily = data["ghi"].groupby(data.index.date).sum() / 1000.0
    daily.index = pd.to_datetime(daily.index)
    return daily.groupby(daily.index.month).mean()


def test_shape_and_no_nan(year):
    assert len(year.data) == HOURS == 8760
    assert list(year.data.columns) == ["ghi", "dni", "dhi", "temp_air", "wind_speed"]
    assert not year.data.isna().any().any()
    assert (year.data[["ghi", "dni", "dhi"]] >= 0).all().all()


def test_annual_ghi_near_cuba_average(year):
    """Cuba ≈ 5.0 kWh/m²/day → 1,825 kWh/m²/yr (blackbenson.cn, facts.md 'Solar'); ±10 %."""
    assert year.annual_ghi_kwh_m2 == pytest.approx(1825.0, rel=0.10)


def test_mean_temperature_near_island_climate(year):
    """Isla de la Juventud annual mean 24.8 °C (cubatravel.cu, facts.md 'Climate'); ±1.5 °C."""
    assert year.mean_temp_c == pytest.approx(24.8, abs=1.5)


def test_temperature_and_wind_are_miami_in_si_units(year, scenario):
    """TMY2 stores DryBulb in tenths of °C and Wspd in tenths of m/s (NREL TMY2 user's manual,
    as reproduced in pvlib.iotools.read_tmy2's docstring); the year must carry °C and m/s (the
    air moved from Miami's 2 m to the site's altitude at 6.5 K/km)."""
    raw, _ = pvlib.iotools.read_tmy2(str(pvlib.__path__[0]) + "/data/12839.tm2")
    lapse = 0.0065 * (scenario.site.altitude_m - 2.0)
    np.testing.assert_allclose(
        year.data["temp_air"].to_numpy(), raw["DryBulb"].to_numpy() / 10 - lapse
    )
    np.testing.assert_allclose(year.data["wind_speed"].to_numpy(), raw["Wspd"].to_numpy() / 10)
    # inside Miami's all-time records, 27 °F = −2.8 °C and 100 °F = 37.8 °C (NWS Miami climate
    # records); the year's coldest hour, 3.3 °C, is the January 1962 cold wave in the TMY2.
    assert -2.8 < year.data["temp_air"].min() and year.data["temp_air"].max() < 37.8
    assert 0 <= year.data["wind_speed"].min() and year.data["wind_speed"].max() < 20


def test_seasonal_shape_like_camaguey(year):
    """Camagüey (21.4 °N) measurements: max in April (July close), min in December
    (mdpi.com/2072-4292/13/2/169, facts.md 'Solar'). The site's monthly GHI must peak in Apr–Aug,
    bottom in Nov–Jan, and its max/min ratio match Camagüey's 5.06/3.15 = 1.61 within ±15 %."""
    m = monthly_daily_ghi(year.data)
    assert int(m.idxmax()) in (4, 5, 6, 7, 8)
    assert int(m.idxmin()) in (11, 12, 1)
    assert m.max() / m.min() == pytest.approx(5.06 / 3.15, rel=0.15)


def test_hours_follow_the_sun(year, scenario):
    """Solar geometry: the sun at 82.85 °W crosses the meridian at ≈12:31 local standard time
    (UTC−5 meridian is 75 °W: +4 min per degree, ±16 min equation of time), so the brightest mean
    hour is the one starting at 12:00; hours with the sun below −1° throughout get no GHI."""
    d = year.data
    mean_by_hour = d["ghi"].groupby(d.index.hour).mean()
    assert int(mean_by_hour.idxmax()) == 12
    site = scenario.site
    start = pvlib.solarposition.get_solarposition(d.index, site.latitude, site.longitude)
    end = pvlib.solarposition.get_solarposition(
        d.index + pd.Timedelta(hours=1), site.latitude, site.longitude
    )
    dark = (start["elevation"].to_numpy() < -1) & (end["elevation"].to_numpy() < -1)
    assert dark.sum() > 3500
    assert (d["ghi"].to_numpy()[dark] == 0).all()


def test_components_close_on_ghi(year, scenario):
    """GHI = DHI + DNI·cos(zenith) (definition of the components; Erbs keeps it exactly)."""
    d = year.data
    mid = d.index + pd.Timedelta(minutes=30)
    zen = pvlib.solarposition.get_solarposition(
        mid, scenario.site.latitude, scenario.site.longitude, scenario.site.altitude_m
    )["zenith"].to_numpy()
    rebuilt = d["dhi"].to_numpy() + d["dni"].to_numpy() * np.cos(np.radians(zen))
    day = zen < 85  # Erbs sets DNI = 0 near the horizon, leaving GHI = DHI there
    np.testing.assert_allclose(rebuilt[day], d["ghi"].to_numpy()[day], atol=1e-6)


def test_miami_to_miami_reproduces_miami():
    """Self-consistency: carrying the Miami year to Miami's own TMY2 coordinates must give Miami's
    measured GHI back, except where the index is capped or replaced by the day's value."""
    miami, meta = read_miami_tmy2()
    assert (meta["latitude"], round(meta["longitude"], 4), meta["altitude"], meta["TZ"]) == (
        25.8,
        -80.2667,
        2.0,
        -5,
    )
    year = reference_year(MIAMI, 2025)
    measured = miami["ghi"].to_numpy()
    ours = year.data["ghi"].to_numpy()
    assert ours.sum() == pytest.approx(measured.sum(), rel=0.02)
    assert np.corrcoef(ours, measured)[0, 1] > 0.999
    # most daylight hours come back to within 1 W/m² (rounding of the site coordinates)
    day = measured > 50
    assert np.mean(np.abs(ours[day] - measured[day]) < 1.0) > 0.95
    np.testing.assert_allclose(year.data["temp_air"].to_numpy(), miami["temp_air"].to_numpy())


class TestClearskyIndex:
    """Hand-computed cases of the hourly clear-sky index k = GHI / GHI_clear."""

    @staticmethod
    def day(ghi, clear):
        """Repeat a 3-hour pattern 8 times to make one 24-h day."""
        return np.array(ghi * 8, dtype=float), np.array(clear * 8, dtype=float)

    def test_plain_ratio_and_low_sun_takes_day_value(self):
        # usable hours (clear ≥ 20 W/m²): 50/100 = 0.5 and 400/500 = 0.8;
        # the day's index = (50 + 400)/(100 + 500) = 0.75 goes to the 5 W/m² hour.
        k = clearsky_index(*self.day([0, 50, 400], [5, 100, 500]))
        np.testing.assert_allclose(k[:3], [0.75, 0.5, 0.8])
        assert k.shape == (24,)

    def test_threshold_is_inclusive_at_20(self):
        # 10/20 = 0.5 is used as is; day index = (10 + 300)/(20 + 600) = 0.5 for the 19.9 hour
        k = clearsky_index(*self.day([7, 10, 300], [19.9, 20, 600]))
        np.testing.assert_allclose(k[:3], [0.5, 0.5, 0.5])

    def test_cap_on_cloud_enhancement(self):
        # 700/500 = 1.4 is capped at 1.2; 100/100 = 1.0 stays
        k = clearsky_index(*self.day([700, 100, 0], [500, 100, 0]))
        assert MAX_CLEARSKY_INDEX == 1.2
        np.testing.assert_allclose(k[:2], [1.2, 1.0])
        # the dark hour takes the (capped) day's value (700 + 100)/(500 + 100) = 1.333 → 1.2
        assert k[2] == pytest.approx(1.2)

    def test_dark_day_is_zero_and_days_are_independent(self):
        g1, c1 = self.day([0, 0, 0], [0, 5, 10])
        g2, c2 = self.day([30, 60, 90], [100, 100, 100])
        k = clearsky_index(np.r_[g1, g2], np.r_[c1, c2])
        np.testing.assert_allclose(k[:24], 0.0)
        np.testing.assert_allclose(k[24:27], [0.3, 0.6, 0.9])


def test_air_is_cooler_by_the_lapse_rate_at_altitude(scenario) -> None:
    # the same site 1,000 m higher: every hour 6.5 K cooler (ICAO standard atmosphere)
    low = reference_year(scenario.site, 2025).data["temp_air"]
    high_site = scenario.site.model_copy(update={"altitude_m": scenario.site.altitude_m + 1000})
    high = reference_year(high_site, 2025).data["temp_air"]
    np.testing.assert_allclose(low.to_numpy() - high.to_numpy(), 6.5, atol=1e-9)


def test_southern_sites_get_miamis_summer_in_their_summer(scenario) -> None:
    # mirrored across the equator: Miami's year shifted by 182 whole days, so that January (the
    # southern summer) carries Miami's July, and every hour keeps its time of day
    north = reference_year(scenario.site, 2025).data["temp_air"].to_numpy()
    mirrored = scenario.site.model_copy(update={"latitude": -scenario.site.latitude})
    south = reference_year(mirrored, 2025).data["temp_air"].to_numpy()
    np.testing.assert_array_equal(south, np.roll(north, 182 * 24))
    jan, jul = slice(0, 31 * 24), slice(181 * 24, 212 * 24)
    assert south[jan].mean() > north[jan].mean() + 3 and south[jul].mean() < north[jul].mean() - 3


def greensboro(scenario):  # type: ignore[no-untyped-def]
    """pvlib's real TMY3 of Greensboro, NC, and the scenario's site moved there."""
    raw, meta = pvlib.iotools.read_tmy3(
        str(Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"), map_variables=True
    )
    site = scenario.site.model_copy(
        update={"latitude": meta["latitude"], "longitude": meta["longitude"],
                "altitude_m": meta["altitude"], "utc_offset_h": meta["TZ"]}
    )  # fmt: skip
    return raw, site


def test_far_sites_are_far_off_and_get_the_caveat(scenario) -> None:
    """What carrying Miami's year costs, against pvlib's real TMY3 of Greensboro, NC (36.1 °N,
    273 m; 1,146 km from Miami): the annual mean air temperature is 8.2 K too warm even after
    the altitude shift, which is why such sites get a caveat (docs/weather.md)."""
    from cayo.caveats import FAR_KM, MIAMI, distance_km

    raw, site = greensboro(scenario)
    carried = reference_year(site, 2025).data["temp_air"].to_numpy()
    error = carried.mean() - raw["temp_air"].to_numpy()[:HOURS].mean()
    assert error == pytest.approx(8.2, abs=0.1)
    assert distance_km((site.latitude, site.longitude), MIAMI) > FAR_KM


def test_monthly_normals_fix_the_monthly_means_and_most_of_the_cooling(scenario) -> None:
    """Monthly normals given in the scenario, against pvlib's real TMY3 of Greensboro, NC: each
    month of the moved year has the file's own monthly mean (to 0.02 K; the file's hours are
    laid on 2025's calendar), and the cooling degree-hours above 18 °C come within 20 % of the
    file's (16 % short, measured 2026-12-03: Miami's daily swing of 6.7 K is narrower than
    Greensboro's 10.7 K) where the altitude shift alone gave twice the file's (docs/weather.md)."""
    raw, site = greensboro(scenario)
    real = raw["temp_air"].to_numpy()[:HOURS]
    month = np.asarray(raw.index.month[:HOURS])
    normals = [float(real[month == m].mean()) for m in range(1, 13)]
    moved = reference_year(site, 2025, normals).data["temp_air"].to_numpy()
    plain = reference_year(site, 2025).data["temp_air"].to_numpy()
    for m in range(1, 13):
        assert moved[month == m].mean() == pytest.approx(normals[m - 1], abs=0.02)

    def cdh(t: np.ndarray) -> float:
        return float(np.maximum(t - 18.0, 0.0).sum())

    assert cdh(moved) / cdh(real) == pytest.approx(0.84, abs=0.04)
    assert cdh(plain) / cdh(real) > 2.0


def test_monthly_normals_are_refused_with_a_weather_file(tmp_path) -> None:
    """A file has the site's own temperatures: normals beside it are a clear error."""
    from cayo.errors import ScenarioError
    from cayo.scenario.io import default_scenario_text, load_scenario

    text = default_scenario_text().replace(
        "  source: reference\n",
        "  source: file\n  file: w.epw\n  monthly_mean_temp_c: [20, 20, 20, 20, 20, 20, 20, 20,"
        " 20, 20, 20, 20]\n",
    )
    (tmp_path / "w.epw").write_text("not read: the scenario is refused first\n")
    path = tmp_path / "s.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError, match="monthly_mean_temp_c is given but weather.source"):
        load_scenario(path)
