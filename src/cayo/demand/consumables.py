"""Hourly cooking gas [kg LPG/h], solid waste [kg/h] and data traffic [Gbit/s] per facility."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cayo.data import table
from cayo.demand.profiles import daily_shape, peak_shape, term_months
from cayo.program.facilities import Program
from cayo.program.norms import MUNICIPAL_SOURCES
from cayo.scenario.schema import (
    ELECTRIC_COOKING_EFFICIENCY,
    GAS_COOKING_EFFICIENCY,
    LPG_KWH_PER_KG,
    Scenario,
)


def per_facility(
    scenario: Scenario,
    program: Program,
    index: pd.DatetimeIndex,
    rate: str,
    shape: str,
    busy_hour: bool = False,
) -> pd.DataFrame:
    """capacity × norm `rate` on each facility's schedule `shape`: per working day
    (weekday sums to 1) or, with `busy_hour`, per busy hour (weekday maximum is 1)."""
    holidays = tuple(scenario.program.calendar.school_holiday_months)
    scale = peak_shape if busy_hour else daily_shape
    fac = program.facilities
    return pd.DataFrame(
        {
            name: float(fac.at[name, "capacity"])
            * getattr(f, rate)
            * scale(index, getattr(f, shape), term_months(name, holidays))
            for name, f in program.norms.items()
        },
        index=index,
    )


def lpg_demand(scenario: Scenario, program: Program, index: pd.DatetimeIndex) -> pd.DataFrame:
    """Cooking gas [kg LPG/h] per facility (households and kitchens); homes that cook on
    electricity (`cooking.electric_share`) burn none."""
    df = per_facility(scenario, program, index, "lpg_kg_per_unit_day", "lpg_schedule")
    df["residence"] = df["residence"] * (1.0 - scenario.cooking.electric_share)
    return df


def electric_cooking_kw(
    scenario: Scenario, program: Program, index: pd.DatetimeIndex
) -> np.ndarray:
    """Electricity [kW] of the homes that cook on it: the LPG they would burn × its heating
    value × gas / electric efficiency at the pot."""
    f = program.norms["residence"]
    holidays = tuple(scenario.program.calendar.school_holiday_months)
    kg_h = (
        float(program.facilities.at["residence", "capacity"])
        * f.lpg_kg_per_unit_day
        * daily_shape(index, f.lpg_schedule, term_months("residence", holidays))
    )
    share = scenario.cooking.electric_share
    return share * kg_h * LPG_KWH_PER_KG * GAS_COOKING_EFFICIENCY / ELECTRIC_COOKING_EFFICIENCY


def waste_generation(scenario: Scenario, program: Program, index: pd.DatetimeIndex) -> pd.DataFrame:
    """Solid waste [kg/h] per facility, generated with the facility's water (activity) schedule."""
    return per_facility(scenario, program, index, "waste_kg_per_unit_day", "water_schedule")


def data_traffic(scenario: Scenario, program: Program, index: pd.DatetimeIndex) -> pd.DataFrame:
    """Traffic [Gbit/s] per facility in every hour; the data centre's external link is constant."""
    df = (
        per_facility(
            scenario, program, index, "data_mbps_per_unit", "data_schedule", busy_hour=True
        )
        / 1000.0
    )
    df["data_centre"] = df["data_centre"] + scenario.program.data_centre.external_gbps
    return df


def waste_composition() -> pd.DataFrame:
    """Mass shares of municipal waste [-] with their sources (data/waste_composition.csv)."""
    return table("waste_composition.csv")


def waste_by_source(program: Program, waste_kg_h: pd.DataFrame) -> pd.Series:
    """Average waste [t/day] per source category (households, offices, commerce...)."""
    per_day = waste_kg_h.sum() / (len(waste_kg_h) / 24) / 1000.0
    sources = {name: f.waste_source for name, f in program.norms.items()}
    return per_day.groupby(sources).sum()


def municipal_sources() -> tuple[str, ...]:
    """Waste sources counted as municipal solid waste (industry is not)."""
    return MUNICIPAL_SOURCES
