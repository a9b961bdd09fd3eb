"""Rich tables of the program (facilities) and of the demand summary, formatted by `cayo.fmt`."""

from __future__ import annotations

import re

import pandas as pd
from rich import box
from rich.markup import escape
from rich.table import Table

from cayo.fmt import MISSING, number, quantity

LABELS = {
    "electricity": "electricity",
    "water": "water supplied",
    "wastewater": "wastewater",
    "bod": "BOD5 load",
    "lpg": "LPG (cooking)",
    "waste": "solid waste",
    "data": "data traffic",
}
# What each row of the demand table holds (the report's demand table says the same).
SCOPE = {
    "electricity": "buildings, industry, data centre and street lighting; sewage treatment, "
    "water pumping and the water plants come on top in the supply plan",
    "water": "used by the town plus network losses",
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
DAYS_PER_YEAR = 365


def unit_text(unit: str) -> str:
    """A saved unit as printed (the saved tables spell m2 and m3): ``m3/h`` → ``m³/h``.

    >>> unit_text("m3/yr"), unit_text("m2 retail"), unit_text("kW"), unit_text("mm3x")
    ('m³/yr', 'm² retail', 'kW', 'mm3x')
    """
    return re.sub(r"\bm([23])\b", lambda m: "m" + "²³"[int(m.group(1)) - 2], unit)


def peak_hour_text(row: pd.Series) -> str:
    """When a utility peaks: its hour, or the hours of the day and how many days reach it
    (``07:00 on 217 weekdays``); the first peak hour when the summary predates ``peak_when``.

    >>> one = {"peak_time": "2025-06-09 15:00", "peak_when": "2025-06-09 15:00"}
    >>> many = {"peak_time": "2025-01-01 07:00", "peak_when": "07:00 on 3 weekdays"}
    >>> peak_hour_text(pd.Series(one)), peak_hour_text(pd.Series(many))
    ('06-09 15:00', '07:00 on 3 weekdays')
    """
    when = row.get("peak_when")
    if not isinstance(when, str) or not when:
        when = str(row.get("peak_time", MISSING))
    # a single hour: the year is the reference year's, so it is left out
    return when[5:] if when[:4].isdigit() and when[4:5] == "-" else when


def _table(title: str, columns: list[tuple[str, str]], caption: str | None = None) -> Table:
    t = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        caption=caption,
        caption_justify="left",
    )
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
            number(r.capacity),
            unit_text(str(r.capacity_unit)),
            number(r["count"]),
            number(r.floor_area_m2),
            number(r.land_m2),
            number(r.staff),
            number(r.occupants),
        )
    t.add_section()
    t.add_row(
        "total",
        "",
        "",
        number(facilities["count"].sum()),
        number(facilities.floor_area_m2.sum()),
        number(facilities.land_m2.sum()),
        number(facilities.staff.sum()),
        "",
    )
    return t


def demand_table(summary: pd.DataFrame, title: str = "Demand by utility") -> Table:
    """Annual total, average day, peak with its hour(s), and per resident per day, for every
    utility (the rows of ``demand_summary.csv``)."""
    t = _table(
        title,
        [
            ("utility", "left"),
            ("annual", "right"),
            ("average day", "right"),
            ("peak", "right"),
            ("peak hour (local)", "left"),
            ("per resident-day", "right"),
        ],
        caption="\n".join(f"{LABELS[c]}: {text}" for c, text in SCOPE.items()),
    )
    for carrier, r in summary.iterrows():
        day_unit, day_f, res_unit, res_f = PER_DAY[str(carrier)]
        per_res = quantity(r.per_resident_day * res_f, res_unit) if res_unit else MISSING
        t.add_row(
            LABELS.get(str(carrier), str(carrier)),
            quantity(r.annual, unit_text(str(r.annual_unit))),
            quantity(r.annual / DAYS_PER_YEAR * day_f, day_unit),
            quantity(r.peak, unit_text(str(r.unit))),
            peak_hour_text(r),
            per_res,
        )
    return t


def calibration_table(df: pd.DataFrame, tolerance: float) -> Table:
    """Published figures beside cayo's (`cayo.calibrate.compare`), with the error."""
    t = _table(
        "Calibration against real places",
        [
            ("place", "left"),
            ("figure", "left"),
            ("published", "right"),
            ("cayo", "right"),
            ("unit", "left"),
            ("error", "right"),
            ("", "left"),
        ],
        caption=f"error = cayo / published − 1; within ±{tolerance:.0%} passes",
    )
    for _, r in df.iterrows():
        t.add_row(
            escape(str(r["place"])),
            escape(str(r["label"])),
            number(float(r["published"]), _digits(float(r["published"]))),
            number(float(r["cayo"]), _digits(float(r["published"]))),
            escape(str(r["unit"])),
            f"{float(r['error']):+.0%}",
            "ok" if r["within"] else "OUT",
        )
    return t


def _digits(x: float) -> int:
    """Decimals that show a figure of this size to about three significant digits."""
    return 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 2
