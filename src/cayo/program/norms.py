"""Facility norms: the shipped table data/facilities.csv with the scenario's overrides."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from cayo.data import table
from cayo.scenario.schema import WasteUse, WaterUse

TABLE = "facilities.csv"


@dataclass(frozen=True)
class FacilityNorm:
    """Everything cayo knows per facility type; units are in data/facilities.csv.

    Attributes
    ----------
    driver : population group the capacity follows (`cayo.program.people.DRIVERS`).
    capacity_unit : what capacity counts (place, seat, desk, m2 retail...).
    occupant_group : who the capacity holds ('resident', 'specialist', 'student', 'child',
        'worker' or 'service' for facilities whose users are counted elsewhere).
    capacity_per_driver : capacity per person of the driver [unit/person].
    floor_m2_per_unit, land_m2_per_unit : floor and land per unit of capacity [m²/unit].
    staff_per_unit : staff per unit [persons/unit]; units_per_facility : size of one building.
    occupants_per_unit : people present per unit [persons/unit].
    base_kwh_per_m2_yr : non-cooling electricity [kWh/(m²·yr)] on `schedule`.
    extra_kwh_per_unit_yr : other electricity per unit of capacity [kWh/(unit·yr)].
    cooling_w_per_m2_k, balance_temp_c : cooling [W/(m²·K)] above the balance point [°C], for
        a building cooled throughout at `cooling_set_point_c` [°C] by units of COP
        `cooling_cop` [-] (the scenario's `cooling` section scales from there).
    water_l_per_unit_day : water on a working day [L/(unit·day)] on `water_schedule`.
    return_factor : share of the water returned as wastewater [-].
    lpg_kg_per_unit_day : cooking gas [kg/(unit·day)] on `lpg_schedule`.
    waste_kg_per_unit_day : solid waste [kg/(unit·day)]; waste_source : its category.
    data_mbps_per_unit : busy-hour traffic [Mbit/s per unit] on `data_schedule`.
    """

    name: str
    driver: str
    capacity_unit: str
    occupant_group: str
    capacity_per_driver: float
    floor_m2_per_unit: float
    land_m2_per_unit: float
    staff_per_unit: float
    units_per_facility: float
    occupants_per_unit: float
    base_kwh_per_m2_yr: float
    extra_kwh_per_unit_yr: float
    cooling_w_per_m2_k: float
    balance_temp_c: float
    cooling_set_point_c: float
    cooling_cop: float
    schedule: str
    cooling_schedule: str
    water_l_per_unit_day: float
    water_schedule: str
    return_factor: float
    lpg_kg_per_unit_day: float
    lpg_schedule: str
    waste_kg_per_unit_day: float
    waste_source: str
    data_mbps_per_unit: float
    data_schedule: str


TEXT_FIELDS = {"name", "driver", "capacity_unit", "occupant_group", "waste_source"} | {
    f.name for f in fields(FacilityNorm) if f.name.endswith("schedule")
}
NUMERIC_FIELDS = tuple(f.name for f in fields(FacilityNorm) if f.name not in TEXT_FIELDS)


WATER_TABLE = "water_norms.csv"
# waste sources counted as municipal solid waste (industry's is not)
MUNICIPAL_SOURCES = ("households", "offices", "commerce", "campus", "public")
# [kg/(person*day)] what the shipped waste norms add up to for a town's residents: Cuba's rate
# (World Bank What a Waste; data/facilities.csv's residence row)
TABLE_MSW_KG_PER_PERSON_DAY = 0.65


def residential_water_l(w: WaterUse) -> float:
    """Residential water [L/(person·day)] of the context `w`: the scenario's own value, else
    data/water_norms.csv's row for the income band, × its unmetered factor without meters.

    >>> residential_water_l(WaterUse(income_band="upper_middle", metered=False))
    150.0
    """
    if w.residential_l_per_person_day is not None:
        return w.residential_l_per_person_day
    values = dict(table(WATER_TABLE)[["parameter", "value"]].itertuples(index=False))
    litres = float(values[f"metered_{w.income_band}"])
    return litres if w.metered else litres * float(values["unmetered_factor"])


def facility_names() -> list[str]:
    """Facility types of the shipped table, in table order."""
    return list(dict.fromkeys(table(TABLE)["facility"]))


def norms(
    overrides: dict[str, dict[str, float]] | None = None,
    water: WaterUse | None = None,
    waste: WasteUse | None = None,
) -> dict[str, FacilityNorm]:
    """Every facility's norms: residential water from the context `water`
    (`residential_water_l`), municipal waste scaled to the context `waste` (not the hotels',
    which is per guest), then `overrides` ({facility: {parameter: value}}) applied."""
    df = table(TABLE)
    out: dict[str, FacilityNorm] = {}
    for name in facility_names():
        p = dict(df.loc[df["facility"] == name, ["parameter", "value"]].itertuples(index=False))
        values: dict[str, Any] = {
            k: (p[k] if k in TEXT_FIELDS else float(p[k]))
            for k in NUMERIC_FIELDS + tuple(TEXT_FIELDS - {"name"})
        }
        out[name] = FacilityNorm(name=name, **values)
    if water is not None:
        out["residence"] = replace(
            out["residence"], water_l_per_unit_day=residential_water_l(water)
        )
    if waste is not None:
        scale = waste.municipal_kg_per_person_day / TABLE_MSW_KG_PER_PERSON_DAY
        for name, f in out.items():
            if f.waste_source in MUNICIPAL_SOURCES and f.driver != "tourist":
                out[name] = replace(f, waste_kg_per_unit_day=f.waste_kg_per_unit_day * scale)
    for name, changes in (overrides or {}).items():
        numbers: dict[str, Any] = {k: float(v) for k, v in changes.items()}
        out[name] = replace(out[name], **numbers)
    return out
