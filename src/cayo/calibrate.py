"""How close a scenario's demand comes to a real place's published figures.

A calibration folder (``examples/``) holds one scenario per place and ``calibration.csv``: one
row per published figure (place, scenario file, metric, value, year, scope, source). `compare`
runs each scenario's weather, program and demand stages (no supply plan: the figures are
demand) and sets cayo's value beside the published one; `TOLERANCE` is the error a place must
stay within (issue 14: ±25 %).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from cayo.demand.consumables import municipal_sources
from cayo.demand.town import TownDemand
from cayo.errors import CayoError

TOLERANCE = 0.25  # [-] |cayo / published − 1| a calibrated figure must stay within
TABLE = "calibration.csv"
COLUMNS = ("place", "scenario", "metric", "published", "year", "scope", "source")


def _days(d: TownDemand) -> float:
    return len(d.hourly["electricity"]) / 24


def _present(d: TownDemand) -> float:
    """Residents, tourists and day visitors on an average day [persons]."""
    p = d.program.population
    return p.present + p.visitors


def _municipal_waste_kg_day(d: TownDemand) -> float:
    w = d.hourly["waste"]
    names = [n for n, f in d.program.norms.items() if f.waste_source in municipal_sources()]
    return float(w[names].to_numpy().sum() / _days(d))


@dataclass(frozen=True)
class Metric:
    """A demand figure comparable with published ones: its unit, words and how to compute it
    from the town's demand."""

    unit: str
    label: str
    of: Callable[[TownDemand], float]


METRICS: dict[str, Metric] = {
    "electricity_kwh_per_resident_yr": Metric(
        "kWh/(person·yr)",
        "electricity per resident",
        lambda d: d.kwh_per_resident() * 365 / _days(d),
    ),
    "peak_mw": Metric(
        "MW", "peak electricity demand", lambda d: float(d.electricity_kw.max()) / 1e3
    ),
    "residential_kwh_per_dwelling_month": Metric(
        "kWh/(dwelling·month)",
        "home electricity per dwelling",
        lambda d: (
            float(d.hourly["electricity"]["residence"].sum())
            / d.program.dwellings
            / (_days(d) / 365 * 12)
        ),
    ),
    "residential_water_l_per_resident_day": Metric(
        "L/(person·day)",
        "home water per resident",
        lambda d: d.water_l_per_resident_day()["residential"],
    ),
    "water_supplied_l_per_resident_day": Metric(
        "L/(person·day)",
        "water supplied per resident (all buildings and losses)",
        lambda d: d.water_l_per_resident_day()["supplied"],
    ),
    "msw_kg_per_resident_day": Metric(
        "kg/(person·day)",
        "municipal solid waste per resident",
        lambda d: _municipal_waste_kg_day(d) / d.residents,
    ),
    "msw_kg_per_person_present_day": Metric(
        "kg/(person·day)",
        "municipal waste per person present",
        lambda d: _municipal_waste_kg_day(d) / _present(d),
    ),
}


def published(folder: Path) -> pd.DataFrame:
    """The published figures of a calibration folder (its `TABLE`), checked."""
    path = folder / TABLE
    if not path.is_file():
        raise CayoError(f"{path} not found: a calibration folder holds {TABLE} and scenarios")
    df = pd.read_csv(path, dtype={"year": str})
    missing = [c for c in COLUMNS if c not in df.columns]
    problems = [f"{path}: column(s) {', '.join(missing)} missing"] if missing else []
    for i, row in df.iterrows() if not missing else ():
        line = int(str(i)) + 2  # header is line 1
        if row["metric"] not in METRICS:
            problems.append(
                f"{path}:{line}: unknown metric '{row['metric']}' (known: {', '.join(METRICS)})"
            )
        if not (folder / str(row["scenario"])).is_file():
            problems.append(f"{path}:{line}: scenario file {row['scenario']} not found in {folder}")
        value = pd.to_numeric(row["published"], errors="coerce")
        if not (np.isfinite(value) and value > 0):
            problems.append(f"{path}:{line}: published value {row['published']!r} is not > 0")
    if problems:
        raise CayoError("\n".join(problems))
    return df


def demand_of(scenario: Path) -> TownDemand:
    """The hourly demand of a scenario file (weather, program and demand stages)."""
    from cayo.demand.town import town_demand
    from cayo.program import build_program
    from cayo.scenario.io import load_scenario
    from cayo.weather import weather_for

    loaded = load_scenario(scenario)
    s = loaded.scenario
    return town_demand(s, build_program(s), weather_for(s, loaded.path.parent))


def compare(folder: Path, on_place: Callable[[str], None] | None = None) -> pd.DataFrame:
    """Every published figure of `folder` with cayo's value, the error (cayo / published − 1)
    and whether it lies within `TOLERANCE`; one demand run per scenario file."""
    df = published(folder)
    values = []
    demands: dict[str, TownDemand] = {}
    for _, row in df.iterrows():
        name = str(row["scenario"])
        if name not in demands:
            if on_place is not None:
                on_place(str(row["place"]))
            demands[name] = demand_of(folder / name)
        values.append(METRICS[str(row["metric"])].of(demands[name]))
    out = df.copy()
    out["published"] = out["published"].astype(float)
    out["cayo"] = values
    out["unit"] = [METRICS[m].unit for m in out["metric"]]
    out["label"] = [METRICS[m].label for m in out["metric"]]
    out["error"] = out["cayo"] / out["published"] - 1
    out["within"] = out["error"].abs() <= TOLERANCE
    return out


def markdown_table(df: pd.DataFrame) -> list[str]:
    """The comparison (`compare`) as the rows of a Markdown table (docs/calibration.md)."""
    rows = [
        "| place | figure | year | published | cayo | unit | error |",
        "|---|---|---|---|---|---|---|",
    ]
    for _, r in df.iterrows():
        label = METRICS[str(r["metric"])].label
        digits = 2 if float(r["published"]) < 10 else 1 if float(r["published"]) < 1000 else 0
        rows.append(
            f"| {r['place']} | {label} | {r['year']} | {float(r['published']):,.{digits}f} | "
            f"{float(r['cayo']):,.{digits}f} | {r['unit']} | {float(r['error']):+.0%}"
            f"{'' if r['within'] else ' (outside)'} |"
        )
    return rows
