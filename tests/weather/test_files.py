"""User weather files (cayo.weather.files.read_weather_file).

The TMY3 file is pvlib's own test year for Greensboro, NC (pvlib/data/723170TYA.CSV: USAF 723170,
36.1 °N, 79.95 °W, UTC−5). pvlib ships no EPW or PVGIS file in its installed package, so those
are written here from the same Greensboro hours in the layouts the formats define:
* EPW: EnergyPlus "Auxiliary Programs", chapter "Weather Converter — EnergyPlus Weather File
  (EPW) Data Dictionary": 8 header lines (LOCATION first), then 35 comma fields per hour,
  hour 1 = 00:00–01:00 local standard time.
* PVGIS TMY JSON and CSV: as returned by the PVGIS 5.x API ``tmy`` tool (the same layout as
  pvlib's tests/data/tmy_45.000_8.000_2005_2023.{json,csv}); timestamps in UTC.
Each format must give back exactly the TMY3 hours, which are checked against the raw CSV cells.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pvlib
import pytest

from cayo.errors import CayoError
from cayo.scenario.io import load_scenario
from cayo.scenario.schema import Site
from cayo.weather import files
from cayo.weather.files import (
    LIMITS,
    WeatherFileError,
    guess_format,
    read_weather_file,
    read_weather_table,
)

TMY3 = Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"
GREENSBORO = Site(
    name="Greensboro", latitude=36.1, longitude=-79.95, altitude_m=273, utc_offset_h=-5
)
# 10.3° of latitude south of Greensboro: far enough for a note
MIAMI_LIKE = Site(name="Miami", latitude=25.8, longitude=-80.27, altitude_m=2, utc_offset_h=-5)
RAW_COLUMNS = {  # TMY3 user's manual (NREL/TP-581-43156) column names → cayo names
    "ghi": "GHI (W/m^2)",
    "dni": "DNI (W/m^2)",
    "dhi": "DHI (W/m^2)",
    "temp_air": "Dry-bulb (C)",
    "wind_speed": "Wspd (m/s)",
}


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    """The TMY3 cells read with plain pandas (line 1 is the site header)."""
    return pd.read_csv(TMY3, skiprows=1)


@pytest.fixture(scope="module")
def tmy3_year():
    return read_weather_file(TMY3, None, GREENSBORO, 2025)


def write_epw(path: Path, raw: pd.DataFrame, leap_day: bool = False) -> None:
    """An EPW file holding the Greensboro hours (optionally with a 29 February of 9999 W/m²)."""
    n = len(raw)
    dates = pd.to_datetime(raw["Date (MM/DD/YYYY)"], format="%m/%d/%Y")
    cols = {
        "year": np.full(n, 1992 if leap_day else 1990),
        "month": dates.dt.month,
        "day": dates.dt.day,
        "hour": raw["Time (HH:MM)"].str[:2].astype(int),
        "minute": np.zeros(n, int),
        "flags": ["?9?9?9?9E0?9?9?9?9?9?9?9?9?9?9?9?9?9?9?9*9*9?9?9?9"] * n,
        "temp_air": raw["Dry-bulb (C)"],
        "temp_dew": raw["Dew-point (C)"],
        "rh": raw["RHum (%)"],
        "pressure": raw["Pressure (mbar)"] * 100,
        "etr": raw["ETR (W/m^2)"],
        "etrn": raw["ETRN (W/m^2)"],
        "ir": np.full(n, 300),
        "ghi": raw["GHI (W/m^2)"],
        "dni": raw["DNI (W/m^2)"],
        "dhi": raw["DHI (W/m^2)"],
        **{f"lum{i}": np.zeros(n) for i in range(4)},
        "wind_dir": raw["Wdir (degrees)"],
        "wind_speed": raw["Wspd (m/s)"],
        "sky": np.zeros(n, int),
        "opaque": np.zeros(n, int),
        "vis": np.full(n, 9999),
        "ceil": np.full(n, 77777),
        "obs": np.full(n, 9),
        "codes": ["999999999"] * n,
        "pw": np.full(n, 20),
        "aod": np.full(n, 0.1),
        "snow": np.zeros(n, int),
        "snow_days": np.full(n, 88),
        "albedo": np.full(n, 0.2),
        "rain": np.zeros(n),
        "rain_h": np.zeros(n),
    }
    data = pd.DataFrame(cols)
    assert data.shape[1] == 35
    if leap_day:  # a leap-year EPW: 24 extra hours on 29 February, marked with 9999 W/m²
        extra = data[(data["month"] == 2) & (data["day"] == 28)].copy()
        extra["day"] = 29
        extra[["ghi", "dni", "dhi"]] = 9999
        cut = int(extra.index[-1]) + 1
        data = pd.concat([data.iloc[:cut], extra, data.iloc[cut:]], ignore_index=True)
    header = [
        "LOCATION,Greensboro,NC,USA,TMY3,723170,36.10,-79.95,-5.0,273.0",
        "DESIGN CONDITIONS,0",
        "TYPICAL/EXTREME PERIODS,0",
        "GROUND TEMPERATURES,0",
        "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0",
        "COMMENTS 1,written by cayo's tests from pvlib's 723170TYA.CSV",
        "COMMENTS 2,",
        "DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31",
    ]
    path.write_text("\n".join(header) + "\n" + data.to_csv(header=False, index=False))


def utc_rows(raw: pd.DataFrame) -> pd.DataFrame:
    """The Greensboro hours re-ordered as PVGIS gives them: row k is UTC hour k of the year.

    Local standard time is UTC−5, so UTC hour k is local hour k − 5 (the first five UTC hours of
    1 January are the last five local hours of 31 December, as in a TMY's wrap-around).
    """
    vals = {
        "T2m": raw["Dry-bulb (C)"],
        "RH": raw["RHum (%)"],
        "G(h)": raw["GHI (W/m^2)"],
        "Gb(n)": raw["DNI (W/m^2)"],
        "Gd(h)": raw["DHI (W/m^2)"],
        "IR(h)": 300.0,
        "WS10m": raw["Wspd (m/s)"],
        "WD10m": raw["Wdir (degrees)"],
        "SP": raw["Pressure (mbar)"] * 100,
    }
    df = pd.DataFrame(vals).astype(float)
    df = pd.DataFrame(np.roll(df.to_numpy(), 5, axis=0), columns=df.columns)
    times = pd.date_range("2010-01-01 00:00", periods=8760, freq="h")
    df.insert(0, "time(UTC)", times.strftime("%Y%m%d:%H%M"))
    return df


def write_pvgis_json(path: Path, raw: pd.DataFrame) -> None:
    rows = utc_rows(raw)
    doc = {
        "inputs": {
            "location": {
                "latitude": 36.1,
                "longitude": -79.95,
                "elevation": 273.0,
                "irradiance_time_offset": 0.0,
            },
            "meteo_data": {
                "radiation_db": "test",
                "meteo_db": "test",
                "year_min": 2010,
                "year_max": 2010,
                "use_horizon": False,
                "horizon_db": None,
            },
        },
        "outputs": {
            "months_selected": [{"month": m, "year": 2010} for m in range(1, 13)],
            "tmy_hourly": rows.to_dict(orient="records"),
        },
        "meta": {"inputs": {"location": {"description": "Selected location"}}},
    }
    path.write_text(json.dumps(doc))


def write_pvgis_csv(path: Path, raw: pd.DataFrame) -> None:
    rows = utc_rows(raw)
    head = [
        "Latitude (decimal degrees): 36.100",
        "Longitude (decimal degrees): -79.950",
        "Elevation (m): 273.0",
        "Irradiance Time Offset (h): 0.0",
        "month,year",
        *[f"{m},2010" for m in range(1, 13)],
    ]
    tail = ["T2m: 2-m air temperature (degree Celsius)", "G(h): Global irradiance (W/m2)"]
    path.write_text("\n".join(head) + "\n" + rows.to_csv(index=False) + "\n".join(tail) + "\n")


def assert_same_hours(year, raw: pd.DataFrame) -> None:
    """The year holds the TMY3 cells in file order: file row 0 (01:00, the hour ending at 1 am)
    is the hour starting at 00:00 on 1 January of the target year."""
    assert len(year.data) == 8760
    assert str(year.data.index[0]) == "2025-01-01 00:00:00-05:00"
    for ours, theirs in RAW_COLUMNS.items():
        np.testing.assert_allclose(
            year.data[ours].to_numpy(), raw[theirs].to_numpy(float), err_msg=ours
        )


def test_guess_format():
    assert guess_format(Path("a.EPW")) == "epw"
    assert guess_format(TMY3) == "tmy3"
    assert guess_format(Path("pvgis_tmy.csv")) == "pvgis"
    assert guess_format(Path("tmy.json")) == "pvgis"
    with pytest.raises(CayoError, match="set weather.format"):
        guess_format(Path("weather.txt"))


def test_tmy3_columns_map_to_raw_cells(tmy3_year, raw):
    assert_same_hours(tmy3_year, raw)
    assert tmy3_year.notes == ()
    assert "723170TYA.CSV" in tmy3_year.source
    # the annual GHI is the sum of the raw W/m² hour column in kWh/m²
    assert tmy3_year.annual_ghi_kwh_m2 == pytest.approx(raw["GHI (W/m^2)"].sum() / 1000)


def test_distant_file_gets_a_note():
    """Greensboro (36.1 °N, 79.95 °W) is ~14° of latitude from Isla de la Juventud (21.75 °N)."""
    site = load_scenario().scenario.site
    year = read_weather_file(TMY3, "tmy3", site, 2025)
    assert len(year.notes) == 1
    assert "36.10, -79.95" in year.notes[0] and "21.75, -82.85" in year.notes[0]


def test_epw_equals_tmy3(tmp_path, raw, tmy3_year):
    path = tmp_path / "greensboro.epw"
    write_epw(path, raw)
    year = read_weather_file(path, None, GREENSBORO, 2025)
    assert_same_hours(year, raw)
    assert year.notes == ()
    pd.testing.assert_frame_equal(year.data, tmy3_year.data)
    far = read_weather_file(path, None, MIAMI_LIKE, 2025)
    assert len(far.notes) == 1


def test_epw_leap_year_drops_29_february(tmp_path, raw, tmy3_year):
    path = tmp_path / "leap.epw"
    write_epw(path, raw, leap_day=True)
    year = read_weather_file(path, "epw", GREENSBORO, 2028)  # 2028 is a leap year
    assert len(year.data) == 8760
    assert year.data["ghi"].max() < 9999  # the marked 29 February is gone
    np.testing.assert_allclose(year.data["ghi"].to_numpy(), tmy3_year.data["ghi"].to_numpy())
    assert not ((year.data.index.month == 2) & (year.data.index.day == 29)).any()


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_pvgis_utc_hours_are_shifted_to_local_time(tmp_path, raw, tmy3_year, kind):
    """PVGIS stamps are UTC; at UTC−5 local hour h is UTC hour h + 5, so the reader must undo the
    5-hour rotation written by `utc_rows` and give back the local Greensboro hours exactly."""
    path = tmp_path / f"pvgis_tmy.{kind}"
    (write_pvgis_json if kind == "json" else write_pvgis_csv)(path, raw)
    year = read_weather_file(path, "pvgis", GREENSBORO, 2025)
    np.testing.assert_allclose(year.data["ghi"].to_numpy(), tmy3_year.data["ghi"].to_numpy())
    np.testing.assert_allclose(
        year.data["temp_air"].to_numpy(), tmy3_year.data["temp_air"].to_numpy()
    )
    np.testing.assert_allclose(
        year.data["wind_speed"].to_numpy(), tmy3_year.data["wind_speed"].to_numpy()
    )
    assert year.notes == ()


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_pvgis_distant_file_gets_a_note(tmp_path, raw, kind):
    path = tmp_path / f"pvgis_tmy.{kind}"
    (write_pvgis_json if kind == "json" else write_pvgis_csv)(path, raw)
    year = read_weather_file(path, "pvgis", load_scenario().scenario.site, 2025)
    assert len(year.notes) == 1
    assert "36.10, -79.95" in year.notes[0]


@pytest.mark.parametrize("keep", [20, 5000, 8761])  # header + 8760 rows is 8762 lines
def test_truncated_tmy3_raises_cayo_error(tmp_path, keep):
    lines = TMY3.read_text().splitlines(keepends=True)
    path = tmp_path / "cut_723170TYA.CSV"
    path.write_text("".join(lines[:keep]))
    with pytest.raises(CayoError) as err:
        read_weather_file(path, None, GREENSBORO, 2025)
    msg = str(err.value)
    assert path.name in msg
    assert f"has {keep - 2} hourly rows" in msg and "8760" in msg


def test_truncated_mid_line_raises_cayo_error(tmp_path):
    text = TMY3.read_text()
    path = tmp_path / "cut.csv"
    path.write_text(text[: len(text) // 2 + 7])  # stops inside a row
    with pytest.raises(CayoError, match="cut.csv"):
        read_weather_file(path, "tmy3", GREENSBORO, 2025)


@pytest.mark.parametrize("kind", ["epw", "json", "csv"])
def test_truncated_other_formats_raise_cayo_error(tmp_path, raw, kind):
    full = tmp_path / f"full.{kind}"
    if kind == "epw":
        write_epw(full, raw)
    elif kind == "json":
        write_pvgis_json(full, raw)
    else:
        write_pvgis_csv(full, raw)
    text = full.read_text()
    if kind == "json":  # a valid JSON document with one day missing
        doc = json.loads(text)
        doc["outputs"]["tmy_hourly"] = doc["outputs"]["tmy_hourly"][:-24]
        cut_text = json.dumps(doc)
    else:
        cut_text = "".join(text.splitlines(keepends=True)[:3000])
    path = tmp_path / f"cut.{kind}"
    path.write_text(cut_text)
    fmt = "epw" if kind == "epw" else "pvgis"
    with pytest.raises(CayoError, match="cut"):
        read_weather_file(path, fmt, GREENSBORO, 2025)


def test_missing_file_raises_cayo_error(tmp_path):
    with pytest.raises(CayoError, match="nothere.epw"):
        read_weather_file(tmp_path / "nothere.epw", None, GREENSBORO, 2025)


def test_missing_temperature_raises_cayo_error(tmp_path, raw):
    """A blank Dry-bulb cell would turn into NaN cooling demand downstream; it must be refused."""
    first = TMY3.read_text().splitlines()[0]
    holed = raw.copy()
    holed.loc[4000, "Dry-bulb (C)"] = np.nan
    path = tmp_path / "holed.csv"
    path.write_text(first + "\n" + holed.to_csv(index=False))
    with pytest.raises(WeatherFileError) as err:
        read_weather_file(path, "tmy3", GREENSBORO, 2025)
    # data row 4001 of the file is line 4003 (the site line and the column names come first)
    assert err.value.problems == [
        "column 'Dry-bulb (C)': 1 cell(s) are empty or NaN, first at row 4001 (line 4003)"
    ]
    assert "holed.csv" in str(err.value)


def holed_tmy3(tmp_path: Path, raw: pd.DataFrame, column: str, row: int, value: object) -> Path:
    """The Greensboro TMY3 with data `row` (0-based) of `column` set to `value`."""
    first = TMY3.read_text().splitlines()[0]
    bad = raw.copy().astype({column: object})
    bad.loc[row, column] = value
    path = tmp_path / "bad.csv"
    path.write_text(first + "\n" + bad.to_csv(index=False))
    return path


@pytest.mark.parametrize(
    ("column", "value", "found"),
    [
        ("GHI (W/m^2)", "abc", "1 cell(s) are not numbers, first at row 4013 (line 4015): 'abc'"),
        ("GHI (W/m^2)", "NaN", "1 cell(s) are empty or NaN, first at row 4013 (line 4015)"),
        ("GHI (W/m^2)", -5, "1 value(s) outside 0 to 1500 W/m²"),
        ("GHI (W/m^2)", 1600, "first at row 4013 (line 4015): 1600"),
        ("DNI (W/m^2)", 1500, "column 'DNI (W/m^2)': 1 value(s) outside 0 to 1450 W/m²"),
        ("DHI (W/m^2)", -1, "column 'DHI (W/m^2)': 1 value(s) outside 0 to 1000 W/m²"),
        ("Dry-bulb (C)", 75, "column 'Dry-bulb (C)': 1 value(s) outside -60 to 60 °C"),
        ("Dry-bulb (C)", -80, "first at row 4013 (line 4015): -80"),
        ("Dry-bulb (C)", 99.9, "outside -60 to 60 °C"),  # EPW's mark of a missing temperature
        ("Wspd (m/s)", -3, "column 'Wspd (m/s)': 1 value(s) outside 0 to 100 m/s"),
    ],
)
def test_impossible_or_non_numeric_cells_are_named(tmp_path, raw, column, value, found):
    """Each bad cell is named by its column, data row, file line and value (before, a negative
    or blank GHI was silently clipped or filled with 0, and 75 °C went into the cooling load)."""
    path = holed_tmy3(tmp_path, raw, column, 4012, value)
    with pytest.raises(WeatherFileError) as err:
        read_weather_file(path, "tmy3", GREENSBORO, 2025)
    assert len(err.value.problems) == 1
    assert found in err.value.problems[0]
    assert column in err.value.problems[0]


def test_every_bad_column_is_listed_at_once(tmp_path, raw):
    bad = raw.copy()
    bad.loc[10, "GHI (W/m^2)"] = -1
    bad.loc[20:29, "Dry-bulb (C)"] = 70
    bad.loc[30, "Wspd (m/s)"] = np.nan
    first = TMY3.read_text().splitlines()[0]
    path = tmp_path / "bad.csv"
    path.write_text(first + "\n" + bad.to_csv(index=False))
    with pytest.raises(WeatherFileError) as err:
        read_weather_file(path, "tmy3", GREENSBORO, 2025)
    problems = err.value.problems
    assert len(problems) == 3
    assert "row 11 (line 13): -1" in problems[0]
    assert (
        "10 value(s) outside -60 to 60 °C" in problems[1] and "row 21 (line 23): 70" in problems[1]
    )
    assert "column 'Wspd (m/s)': 1 cell(s) are empty or NaN, first at row 31" in problems[2]


def test_epw_cells_are_named_by_field_and_line(tmp_path, raw):
    """EPW: 8 header lines, so data row r is line r + 8; the columns are EPW field numbers."""
    bad = raw.copy()
    bad.loc[100, "GHI (W/m^2)"] = 9999  # EPW's mark of a missing value
    path = tmp_path / "bad.epw"
    write_epw(path, bad)
    with pytest.raises(WeatherFileError) as err:
        read_weather_file(path, None, GREENSBORO, 2025)
    assert err.value.problems == [
        "column field 14 (Global Horizontal Radiation): 1 value(s) outside 0 to 1500 W/m² "
        f"({LIMITS['ghi'].why}), first at row 101 (line 109): 9999"
    ]
    assert "9999 (radiation)" in err.value.hint


def test_pvgis_json_cells_are_named_by_record(tmp_path, raw):
    bad = raw.copy()
    bad.loc[0, "Dry-bulb (C)"] = -75
    path = tmp_path / "pvgis_tmy.json"
    write_pvgis_json(path, bad)
    with pytest.raises(WeatherFileError) as err:
        read_weather_file(path, "pvgis", GREENSBORO, 2025)
    # utc_rows puts the first local hour 5 rows down (UTC-5)
    assert "column 'T2m': 1 value(s) outside -60 to 60 °C" in err.value.problems[0]
    assert "first at record 6: -75" in err.value.problems[0]


def test_weather_file_is_read_once_for_load_and_run(tmp_path):
    """The loader checks the file and the pipeline reads it: the second read is cached, and a
    changed file is read again."""
    path = tmp_path / "site.csv"
    shutil.copy(TMY3, path)
    first = read_weather_table(path, None)[0]
    hits = files._checked.cache_info().hits
    second = read_weather_table(path, None)[0]
    assert files._checked.cache_info().hits == hits + 1
    pd.testing.assert_frame_equal(first, second)
    second.iloc[0, 0] = -1.0  # a copy: the cache is not changed through it
    assert read_weather_table(path, None)[0].iloc[0, 0] == first.iloc[0, 0]
    path.write_text(
        path.read_text().replace("01/01/1988,01:00,0,0,0,", "01/01/1988,01:00,0,0,-5,", 1)
    )
    with pytest.raises(WeatherFileError, match="row 1 \\(line 3\\): -5"):
        read_weather_table(path, None)
