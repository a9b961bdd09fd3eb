"""Building archetypes: floor-area norms, energy intensities and hourly schedules."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cayo.data import table

DRIVERS = ("resident", "specialist", "student")


@dataclass(frozen=True)
class Archetype:
    """One building archetype (see data/archetypes.csv for every value's source).

    Attributes
    ----------
    name : archetype key.
    driver : who creates the floor area: 'resident', 'specialist' or 'student'.
    floor_m2_per_driver : floor area per driver person [m²/person].
    base_kwh_per_m2_yr : electricity other than cooling [kWh/(m²·yr)].
    cooling_w_per_m2_k : electric cooling power per m² per K above the balance point [W/(m²·K)].
    balance_temp_c : outdoor temperature above which cooling runs [°C].
    schedule, cooling_schedule : 24-h profiles of data/schedules.csv.
    """

    name: str
    driver: str
    floor_m2_per_driver: float
    base_kwh_per_m2_yr: float
    cooling_w_per_m2_k: float
    balance_temp_c: float
    schedule: str
    cooling_schedule: str


def archetype_names() -> list[str]:
    """Archetype keys of the shipped table, in table order."""
    return list(dict.fromkeys(table("archetypes.csv")["archetype"]))


def archetypes() -> dict[str, Archetype]:
    """Every shipped archetype by name."""
    df = table("archetypes.csv")
    out: dict[str, Archetype] = {}
    for name in archetype_names():
        p = dict(df.loc[df["archetype"] == name, ["parameter", "value"]].itertuples(index=False))
        out[name] = Archetype(
            name=name,
            driver=p["driver"],
            floor_m2_per_driver=float(p["floor_m2_per_driver"]),
            base_kwh_per_m2_yr=float(p["base_kwh_per_m2_yr"]),
            cooling_w_per_m2_k=float(p["cooling_w_per_m2_k"]),
            balance_temp_c=float(p["balance_temp_c"]),
            schedule=p["schedule"],
            cooling_schedule=p["cooling_schedule"],
        )
    return out


def schedule(name: str) -> tuple[np.ndarray, np.ndarray]:
    """(weekday, weekend) 24-h profiles [-] of schedule `name`, hour 0 = 00:00–01:00."""
    df = table("schedules.csv")
    hours = [f"h{h:02d}" for h in range(24)]
    rows = df[df["schedule"] == name].set_index("daytype")
    return rows.loc["weekday", hours].to_numpy(float), rows.loc["weekend", hours].to_numpy(float)
