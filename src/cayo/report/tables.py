"""Rich tables of the program (facilities) and of the demand summary."""

from __future__ import annotations

import pandas as pd
from rich import box
from rich.table import Table

LABELS = {
    "electricity": "electricity",
    "water": "water supplied",
    "wastewater": "wastewater",
    "bod": "BOD5 load",
    "lpg": "LPG (cooking)",
    "waste": "solid waste",
    "data": "data traffic",
}
# carrier: (unit of an average day, factor from the annual unit, unit per resident-day, factor)
PER_DAY = {
    "electricity": ("MWh", 1.0, "kWh", 1.0),
    "water": ("m³", 1.0, "L", 1000.0),
    "wastewater": ("m³", 1.0, "L", 1000.0),
    "bod": ("kg", 1000.0, "g", 1000.0),
    "lpg": ("t", 1.0, "kg", 1.0),
    "waste": ("t", 1.0, "kg", 1.0),
    "data": ("TB", 1.0, "", 0.0),
}


def _table(title: str, columns: list[tuple[str, str]]) -> Table:
    t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for name, justify in columns:
        t.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    return t


def facility_table(facilities: pd.DataFrame, title: str = "Facilities") -> Table:
    """The facility table with a totals row [capacity in each row's unit; m²; persons]."""
    t = _table(
        title,
        [
            ("facility", "left"),
            ("capacity", "right"),
            ("unit", "left"),
            ("bldgs", "right"),
            ("floor m²", "right"),
            ("land m²", "right"),
            ("staff", "right"),
            ("people", "right"),
        ],
    )
    for name, r in facilities.iterrows():
        t.add_row(
            str(name),
            f"{r.capacity:,.0f}",
            str(r.capacity_unit),
            f"{r['count']:,.0f}",
            f"{r.floor_area_m2:,.0f}",
            f"{r.land_m2:,.0f}",
            f"{r.staff:,.0f}",
            f"{r.occupants:,.0f}",
        )
    t.add_section()
    t.add_row(
        "total",
        "",
        "",
        f"{facilities['count'].sum():,.0f}",
        f"{facilities.floor_area_m2.sum():,.0f}",
        f"{facilities.land_m2.sum():,.0f}",
        f"{facilities.staff.sum():,.0f}",
        "",
    )
    return t


def demand_table(summary: pd.DataFrame, title: str = "Demand by utility") -> Table:
    """Average day, peak with its hour, and per resident per day, for every utility."""
    t = _table(
        title,
        [
            ("utility", "left"),
            ("average day", "right"),
            ("peak", "right"),
            ("peak hour (local)", "left"),
            ("per resident-day", "right"),
        ],
    )
    for carrier, r in summary.iterrows():
        day_unit, day_f, res_unit, res_f = PER_DAY[str(carrier)]
        per_res = f"{r.per_resident_day * res_f:,.2f} {res_unit}" if res_unit else "-"
        t.add_row(
            LABELS.get(str(carrier), str(carrier)),
            f"{r.annual / 365 * day_f:,.1f} {day_unit}",
            f"{r.peak:,.1f} {r.unit}",
            str(r.peak_time)[5:],
            per_res,
        )
    return t
