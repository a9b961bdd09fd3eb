"""User weather files (EPW, TMY3, PVGIS TMY) through pvlib's readers, laid on the reference year."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pvlib

from cayo.errors import CayoError
from cayo.scenario.schema import Site
from cayo.weather.year import HOURS, WeatherYear, hourly_index

COLUMNS = ("ghi", "dni", "dhi", "temp_air", "wind_speed")
FAR_DEG = 1.0  # [deg] a file's site farther than this from the scenario's gets a note


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
    raise CayoError(f"{path}: cannot tell the weather format from the name; set weather.format")


def read_weather_file(path: Path, fmt: str | None, site: Site, year: int) -> WeatherYear:
    """Read `path` and lay its 8760 hours on `year` at the site [local standard time]."""
    fmt = fmt or guess_format(path)
    try:
        if fmt == "epw":
            raw, meta = pvlib.iotools.read_epw(str(path))
            shift = 0
        elif fmt == "tmy3":
            raw, meta = pvlib.iotools.read_tmy3(str(path), map_variables=True)
            shift = 0
        else:
            out = pvlib.iotools.read_pvgis_tmy(str(path), map_variables=True)
            raw, meta = out[0], out[-1]
            meta = meta if isinstance(meta, dict) else {}
            shift = int(round(site.utc_offset_h))  # PVGIS hours are UTC
    except Exception as exc:  # pvlib raises many kinds on a bad file
        raise CayoError(
            f"{path}: cannot read it as {fmt}: {exc}\n    hint: if it is another format, set "
            "weather.format to epw, tmy3 or pvgis (a PVGIS CSV named tmy_*.csv is taken for TMY3)"
        ) from None
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise CayoError(f"{path}: lacks columns {missing}")
    # pvlib's PVGIS CSV reader pads a truncated file with empty rows up to 8760: drop them
    raw = raw.dropna(subset=list(COLUMNS), how="all")
    raw = raw[~((raw.index.month == 2) & (raw.index.day == 29))] if len(raw) == HOURS + 24 else raw
    if len(raw) != HOURS:
        raise CayoError(f"{path}: has {len(raw)} hourly rows, a reference year needs {HOURS}")
    gaps = {c: int(n) for c, n in raw[["temp_air", "wind_speed"]].isna().sum().items() if n}
    if gaps:
        raise CayoError(f"{path}: has missing values {gaps} (column: hours); fill them in the file")
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
    data[["ghi", "dni", "dhi"]] = data[["ghi", "dni", "dhi"]].clip(lower=0).fillna(0)
    return WeatherYear(data, source=f"{fmt} file {path.name}", notes=tuple(notes))
