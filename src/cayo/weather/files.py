"""User weather files (EPW, TMY3, PVGIS TMY) through pvlib's readers, laid on the reference year.

`read_weather_table` reads a file and checks it: a full year of 8760 hours (8784 with 29
February, which is dropped), every cell a number, nothing empty or NaN, every value physically
possible. Every finding names the row, the file line and the column, and all of them are listed
at once in one `WeatherFileError`. The scenario loader calls it when it validates a scenario
(`cayo.scenario.checks`), so a bad file is refused before any computing; `read_weather_file`
lays the checked hours on the scenario's year.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cayo.errors import CayoError
from cayo.scenario.schema import Site
from cayo.weather.year import HOURS, WeatherYear, hourly_index

COLUMNS = ("ghi", "dni", "dhi", "temp_air", "wind_speed")
FAR_DEG = 1.0  # [deg] a file's site farther than this from the scenario's gets a note
MAX_FILE_BYTES = 50 * 1024 * 1024  # [B] weather files are 1-3 MiB (EPW ~1.6 MiB)
MAX_LISTED = 12  # findings listed one by one; the rest are counted


@dataclass(frozen=True)
class Limit:
    """Plausible range of an hourly value [unit] and the reason for it."""

    low: float
    high: float
    unit: str
    why: str


LIMITS = {
    "ghi": Limit(
        0,
        1500,
        "W/m²",
        "irradiance is never negative, and the sun gives 1,361 W/m² above the atmosphere; "
        "cloud edges lift ground GHI to ~1,400 at most",
    ),
    "dni": Limit(
        0, 1450, "W/m²", "beam irradiance cannot exceed the sun's 1,361-1,412 W/m² in space"
    ),
    "dhi": Limit(0, 1000, "W/m²", "diffuse irradiance rarely exceeds 800 W/m²"),
    "temp_air": Limit(
        -60,
        60,
        "°C",
        "hourly air temperatures of inhabited places stay within -60 (Oymyakon) and 56.7 °C "
        "(Death Valley, the world record)",
    ),
    "wind_speed": Limit(0, 100, "m/s", "the strongest sustained hurricane winds are ~90 m/s"),
}
HINT = (
    "fix these cells in the file, or take the year from a trusted source (EPW: "
    "climate.onebuilding.org; PVGIS: re.jrc.ec.europa.eu/pvg_tools); EPW marks missing values "
    "with 9999 (radiation), 99.9 (temperature) and 999 (wind)"
)
# how the files name cayo's columns: EPW field numbers (EnergyPlus Auxiliary Programs, "EPW
# Data Dictionary"), TMY3 headers (NREL/TP-581-43156), PVGIS TMY names (PVGIS 5 API)
FILE_COLUMNS = {
    "epw": {
        "ghi": "field 14 (Global Horizontal Radiation)",
        "dni": "field 15 (Direct Normal Radiation)",
        "dhi": "field 16 (Diffuse Horizontal Radiation)",
        "temp_air": "field 7 (Dry Bulb Temperature)",
        "wind_speed": "field 22 (Wind Speed)",
    },
    "tmy3": {
        "ghi": "'GHI (W/m^2)'",
        "dni": "'DNI (W/m^2)'",
        "dhi": "'DHI (W/m^2)'",
        "temp_air": "'Dry-bulb (C)'",
        "wind_speed": "'Wspd (m/s)'",
    },
    "pvgis": {
        "ghi": "'G(h)'",
        "dni": "'Gb(n)'",
        "dhi": "'Gd(h)'",
        "temp_air": "'T2m'",
        "wind_speed": "'WS10m'",
    },
}


class WeatherFileError(CayoError):
    """A weather file cannot be used; `problems` lists every finding, `hint` how to fix them."""

    def __init__(self, path: Path, problems: list[str], hint: str):
        self.path = path
        self.problems = problems
        self.hint = hint
        body = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{path}: weather file refused\n{body}\n    hint: {hint}")


def guess_format(path: Path) -> str:
    """'epw', 'tmy3' or 'pvgis' from the file name.

    >>> [guess_format(Path(n)) for n in ("x.epw", "723170TYA.CSV", "a.json")]
    ['epw', 'tmy3', 'pvgis']
    """
    suffix = path.suffix.lower()
    if suffix == ".epw":
        return "epw"
    if suffix == ".json" or "pvgis" in path.name.lower():
        return "pvgis"
    if suffix == ".csv":
        return "tmy3"
    raise WeatherFileError(
        path,
        [f"cannot tell the weather format from the name '{path.name}'"],
        "set weather.format to epw, tmy3 or pvgis",
    )


def _first_data_line(path: Path, fmt: str) -> int | None:
    """1-based file line of the first data row (None for JSON, which has no rows by line)."""
    if fmt == "epw":
        return 9  # 8 header lines (LOCATION ... DATA PERIODS)
    if fmt == "tmy3":
        return 3  # the site line, then the column names
    if path.suffix.lower() == ".json":
        return None
    with path.open(encoding="utf-8", errors="replace") as f:  # PVGIS CSV: a header of notes
        for number, line in enumerate(f, start=1):
            if line.lower().startswith("time"):
                return number + 1
    return None


def _parse(path: Path, fmt: str) -> tuple[pd.DataFrame, dict[str, Any]]:
    """pvlib's reader for `fmt`; its many exceptions become one WeatherFileError."""
    import pvlib  # 1.5 s to import: only when a weather file is read

    try:
        if fmt == "epw":
            raw, meta = pvlib.iotools.read_epw(str(path))
        elif fmt == "tmy3":
            raw, meta = pvlib.iotools.read_tmy3(str(path), map_variables=True)
        else:
            out = pvlib.iotools.read_pvgis_tmy(str(path), map_variables=True)
            raw, meta = out[0], out[-1]
    except Exception as exc:  # noqa: BLE001 - pvlib raises many kinds on a bad file
        text = str(exc).strip().splitlines()
        raise WeatherFileError(
            path,
            [f"cannot read it as {fmt}: {type(exc).__name__}: {text[0] if text else ''}"[:300]],
            "check that the file is complete and in the format named; if it is another format, "
            "set weather.format to epw, tmy3 or pvgis (a PVGIS CSV named tmy_*.csv is taken "
            "for TMY3)",
        ) from None
    return raw, meta if isinstance(meta, dict) else {}


def _cell_problems(raw: pd.DataFrame, path: Path, fmt: str) -> list[str]:
    """Every non-numeric, empty or impossible cell of `raw` (8760 rows, column ``_row``)."""
    first = _first_data_line(path, fmt)
    names = FILE_COLUMNS[fmt]

    def at(row: int) -> str:
        return f"row {row + 1} (line {first + row})" if first else f"record {row + 1}"

    problems: list[str] = []
    rows = raw["_row"].to_numpy()
    for col in COLUMNS:
        cells = raw[col]
        values = pd.to_numeric(cells, errors="coerce").to_numpy(dtype=float)
        text = cells.astype(str).str.strip().to_numpy()
        missing = np.isnan(values)
        words = missing & cells.notna().to_numpy() & ~np.isin(text, ["", "nan", "NaN"])
        empty = missing & ~words
        lim = LIMITS[col]
        outside = ~missing & ((values < lim.low) | (values > lim.high))
        name = f"column {names[col]}"
        if words.any():
            i = int(np.flatnonzero(words)[0])
            problems.append(
                f"{name}: {int(words.sum())} cell(s) are not numbers, first at {at(rows[i])}: "
                f"{text[i]!r}"
            )
        if empty.any():
            i = int(np.flatnonzero(empty)[0])
            problems.append(
                f"{name}: {int(empty.sum())} cell(s) are empty or NaN, first at {at(rows[i])}"
            )
        if outside.any():
            i = int(np.flatnonzero(outside)[0])
            problems.append(
                f"{name}: {int(outside.sum())} value(s) outside {lim.low:g} to {lim.high:g} "
                f"{lim.unit} ({lim.why}), first at {at(rows[i])}: {values[i]:g}"
            )
    return problems


@lru_cache(maxsize=4)
def _checked(
    path: Path, fmt: str, _mtime_ns: int, _size: int
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """`read_weather_table` for one version of a file (cached: the loader and the pipeline
    both read it)."""
    raw, meta = _parse(path, fmt)
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise WeatherFileError(
            path, [f"lacks the columns {missing}"], f"give a complete {fmt} file"
        )
    raw = raw[list(COLUMNS)].copy()
    raw["_row"] = np.arange(len(raw))
    # pvlib's PVGIS CSV reader pads a truncated file with empty rows up to 8760: drop them
    raw = raw.dropna(subset=list(COLUMNS), how="all")
    if len(raw) == HOURS + 24:  # a leap year: 29 February is left out, as in `hourly_index`
        stamps = pd.DatetimeIndex(raw.index)
        raw = raw[~((stamps.month == 2) & (stamps.day == 29))]
    if len(raw) != HOURS:
        raise WeatherFileError(
            path,
            [f"has {len(raw)} hourly rows, a reference year needs {HOURS} (8784 with 29 February)"],
            "give a whole typical year, one row per hour (a TMY, EPW or PVGIS TMY file)",
        )
    problems = _cell_problems(raw, path, fmt)
    if problems:
        raise WeatherFileError(path, problems, HINT)
    data = raw[list(COLUMNS)].astype(float)
    return data, meta


def read_weather_table(path: Path, fmt: str | None) -> tuple[pd.DataFrame, dict[str, Any], str]:
    """Read and check a weather file.

    Returns
    -------
    (hours, meta, fmt): the 8760 hours in file order with `COLUMNS` as floats (ghi, dni, dhi
    [W/m²], temp_air [°C], wind_speed [m/s]), the file's metadata, and its format.

    Raises
    ------
    WeatherFileError
        listing every problem: a missing or unreadable file, a wrong number of rows, and each
        column's non-numeric, empty or physically impossible cells with row, line and value.
    """
    fmt = fmt or guess_format(path)
    try:
        stat = path.stat()
        found = path.is_file()
    except (OSError, ValueError):  # a name too long, a NUL byte...
        found = False
    if not found:
        raise WeatherFileError(
            path,
            ["weather file not found (or not a file)"],
            "give a path relative to the scenario file, or an absolute one",
        )
    if stat.st_size > MAX_FILE_BYTES:
        raise WeatherFileError(
            path,
            [
                f"is {stat.st_size / 2**20:.1f} MiB; weather files are 1-3 MiB, cayo reads at most "
                f"{MAX_FILE_BYTES // 2**20} MiB"
            ],
            "give one typical year of hourly weather (EPW, TMY3 or PVGIS TMY)",
        )
    data, meta = _checked(path.resolve(), fmt, stat.st_mtime_ns, stat.st_size)
    return data.copy(), dict(meta), fmt


def read_weather_file(path: Path, fmt: str | None, site: Site, year: int) -> WeatherYear:
    """Read `path` and lay its 8760 hours on `year` at the site [local standard time]."""
    raw, meta, fmt = read_weather_table(path, fmt)
    shift = int(round(site.utc_offset_h)) if fmt == "pvgis" else 0  # PVGIS hours are UTC
    values = {c: np.roll(raw[c].to_numpy(float), shift) for c in COLUMNS}
    notes: list[str] = []
    # the file's own site: EPW/TMY3 meta has it at the top, PVGIS under inputs(.location)
    inputs = meta.get("inputs", {}) if isinstance(meta, dict) else {}
    candidates = (meta, inputs.get("location", {}), inputs)
    where = next((d for d in candidates if isinstance(d, dict) and "latitude" in d), {})
    lat = where.get("latitude")
    lon = where.get("longitude", where.get("lon"))
    if (
        lat is not None
        and lon is not None
        and (
            abs(float(lat) - site.latitude) > FAR_DEG or abs(float(lon) - site.longitude) > FAR_DEG
        )
    ):
        notes.append(
            f"the weather file's site ({float(lat):.2f}, {float(lon):.2f}) is more than {FAR_DEG}° "
            f"from the scenario's ({site.latitude:.2f}, {site.longitude:.2f})"
        )
    data = pd.DataFrame(values, index=hourly_index(year, site.utc_offset_h))
    return WeatherYear(data, source=f"{fmt} file {path.name}", notes=tuple(notes))
