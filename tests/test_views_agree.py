"""Every view of the default plan agrees with the saved hourly tables on every figure they
share: demand_summary.csv, summary.json, the terminal demand table (as `cayo plan` printed it
and as `cayo.report.tables.demand_table` prints the saved summary) and the report's numbers.

The truth is computed here by hand from ``demand_hourly.parquet`` (each carrier's columns picked
by their prefix, the electricity ``cooling_*`` parts left out: they are already inside their
facility's column) and ``hourly.parquet`` (the LP's dispatch). One electricity figure has two
scopes, each labelled where it is shown:

* the town's demand (buildings, industry, data centre, street lighting): the demand table;
* the LP load (``load_kwh_yr``, ``hourly.parquet`` ``load_kw``): the town + sewage treatment
  + water network pumping; the water plants (wells, desalination) are dispatched on top.

Uses the session's default plan (`default_run` in conftest.py, planned once per session).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from rich.console import Console

from cayo import fmt
from cayo.demand.town import monthly_totals
from cayo.report.html import monthly_plot
from cayo.report.tables import LABELS, demand_table

# carrier: (column prefix in demand_hourly.parquet, annual = Σ hourly × factor, annual unit)
CARRIERS = {
    "electricity": ("electricity_kW__", 1e-3, "MWh/yr"),
    "water": ("water_m3_per_h__", 1.0, "m³/yr"),
    "wastewater": ("wastewater_m3_per_h__", 1.0, "m³/yr"),
    "bod": ("bod_kg_per_h__", 1e-3, "t/yr"),
    "lpg": ("lpg_kg_per_h__", 1e-3, "t/yr"),
    "waste": ("waste_kg_per_h__", 1e-3, "t/yr"),
    "data": ("data_Gbit_per_s__", 3600 / 8 / 1000, "TB/yr"),  # Gbit/s × 3600 s / 8 → GB → TB
}
PEAK_UNIT = {"electricity": "kW", "water": "m³/h", "wastewater": "m³/h", "bod": "kg/h",
             "lpg": "kg/h", "waste": "kg/h", "data": "Gbit/s"}  # fmt: skip
NUMBER = re.compile(
    r'<span class="n" data-src="([^"]*)" data-value="([^"]*)" data-scale="([^"]*)" '
    r'data-fmt="([^"]*)"(?: data-missing="[^"]*" title="[^"]*")?>([^<]*)</span>'
)


@pytest.fixture(scope="module")
def folder(default_run: tuple[str, Path]) -> Path:
    return default_run[1]


@pytest.fixture(scope="module")
def doc(folder: Path) -> dict:
    return json.loads((folder / "summary.json").read_text())


@pytest.fixture(scope="module")
def hourly(folder: Path) -> pd.DataFrame:
    return pd.read_parquet(folder / "hourly.parquet")


@pytest.fixture(scope="module")
def demand(folder: Path) -> pd.DataFrame:
    """Each carrier's hourly total [its hourly unit], by hand from demand_hourly.parquet."""
    wide = pd.read_parquet(folder / "demand_hourly.parquet")
    out = {}
    for carrier, (prefix, _, _) in CARRIERS.items():
        cols = [c for c in wide.columns if c.startswith(prefix) and "__cooling_" not in c]
        assert cols, carrier
        out[carrier] = wide[cols].sum(axis=1)
    return pd.DataFrame(out)


@pytest.fixture(scope="module")
def truth(demand: pd.DataFrame, doc: dict) -> pd.DataFrame:
    """Per carrier: annual [annual unit], peak [hourly unit], first peak hour, hours at the
    peak, their hours of the day and days, per resident per day [hourly unit·h]."""
    residents = doc["metadata"]["residents"]
    rows = {}
    for carrier, (_, factor, _) in CARRIERS.items():
        t = demand[carrier]
        top = t.max()
        at = t.index[t.to_numpy() >= top * (1 - 1e-9)]
        rows[carrier] = {
            "annual": t.sum() * factor,
            "peak": top,
            "peak_time": at[0].strftime("%Y-%m-%d %H:%M"),
            "peak_hours": len(at),
            "clock": sorted({f"{h:02d}:00" for h in at.hour}),
            "days": len(set(at.date)),
            "per_resident_day": t.sum() / residents / (len(t) / 24),
        }
    return pd.DataFrame(rows).T


def figure(doc: dict, key: str) -> float:
    """A figure of summary.json; absent only with a reason in metadata["not_served"]."""
    f = doc["figures"]
    if key not in f:
        why = doc["metadata"].get("not_served", {}).get(key)
        pytest.fail(f"{key} is not in summary.json ({why or 'no reason given: renamed?'})")
    return float(f[key])


def agrees(text: str, truth: float) -> bool:
    """`text` (``12,939``, ``0.0122``, ``1.21 %``, ``111.2 M USD``) shows `truth` to the
    digits it prints: within half its last digit."""
    m = re.match(r"\s*(-?[\d,]+(?:\.(\d+))?)\s*(%|k |M |bn )?", text)
    assert m is not None, text
    value = float(m.group(1).replace(",", ""))
    step = 10.0 ** -len(m.group(2) or "")
    scale = {"%": 0.01, "k ": 1e3, "M ": 1e6, "bn ": 1e9}.get(m.group(3) or "", 1.0)
    return abs(value * scale - truth) <= 0.5 * step * scale * (1 + 1e-9)


def peak_text(row: pd.Series) -> str:
    """The peak hour(s) as the views print them, by hand."""
    if row["peak_hours"] == 1:
        return str(row["peak_time"])[5:]
    clock = list(row["clock"])
    return f"{clock[0] if len(clock) == 1 else ', '.join(clock[:-1]) + ' and ' + clock[-1]} on"


# ---------------------------------------------------------------- saved tables


def test_demand_summary_csv_agrees_with_the_hourly_table(folder: Path, truth: pd.DataFrame):
    summary = pd.read_csv(folder / "demand_summary.csv", index_col="carrier")
    assert set(summary.index) == set(CARRIERS)
    for carrier, t in truth.iterrows():
        row = summary.loc[carrier]
        for col in ("annual", "peak", "per_resident_day"):
            assert row[col] == pytest.approx(t[col], rel=1e-9), (carrier, col)
        assert row["peak_time"] == t["peak_time"], carrier
        assert row["peak_hours"] == t["peak_hours"], carrier
        if t["peak_hours"] > 1:
            assert row["peak_when"].startswith(peak_text(t)), carrier
            assert f" on {t['days']} " in row["peak_when"], carrier
    # schedule-driven demand peaks on many days at once, electricity in one hour
    assert truth.at["water", "peak_hours"] > 200 and truth.at["electricity", "peak_hours"] == 1


def test_summary_json_agrees_with_the_hourly_tables(
    doc: dict, hourly: pd.DataFrame, truth: pd.DataFrame
):
    h = hourly
    sums = {  # figure: the same from hourly.parquet
        "load_kwh_yr": h["load_kw"].sum(),
        "unserved_kwh_yr": h["unserved_kw"].sum(),
        "served_kwh_yr": (h["load_kw"] - h["unserved_kw"]).sum(),
        "pv_used_kwh_yr": h["pv_kw"].sum(),
        "pv_curtailed_kwh_yr": h["curtailed_kw"].sum(),
        "genset_kwh_yr": h["genset_kw"].sum(),
        "grid_import_kwh_yr": h["grid_import_kw"].sum(),
        "battery_discharge_kwh_yr": h["battery_discharge_kw"].sum(),
        "water_plants_kwh_yr": (h["wells_kw"] + h["ro_kw"]).sum(),
        "diesel_imported_m3_yr": h["diesel_delivery_l"].sum() / 1000,
        "diesel_burnt_m3_yr": h["diesel_burn_l"].sum() / 1000,
        "water_supplied_m3_yr": (h["water_demand_m3_h"] - h["unserved_water_m3_h"]).sum(),
        "lpg_delivered_t_yr": h["lpg_delivery_kg"].sum() / 1000,
    }
    for key, value in sums.items():
        assert figure(doc, key) == pytest.approx(value, rel=1e-9, abs=1e-6), key
    assert figure(doc, "peak_load_kw") == pytest.approx(h["load_kw"].max(), rel=1e-12)
    assert figure(doc, "diesel_ships_yr") == (h["diesel_delivery_l"] > 1e-3).sum()
    assert figure(doc, "lpg_ships_yr") == (h["lpg_delivery_kg"] > 1e-3).sum()
    # the two scopes of electricity: LP load = the town's demand + sewage + water pumping
    town_kwh = truth.at["electricity", "annual"] * 1000
    assert figure(doc, "load_kwh_yr") == pytest.approx(
        town_kwh + figure(doc, "sewage_kwh_yr") + figure(doc, "distribution_kwh_yr"), rel=1e-9
    )
    assert figure(doc, "load_kwh_yr") > town_kwh * 1.01  # the two differ: labels matter
    # the LP load is never below the town's own demand, hour by hour
    meta = doc["metadata"]
    assert meta["electricity_kwh_per_resident_yr"] == pytest.approx(
        town_kwh / meta["residents"], abs=1e-3
    )


# ---------------------------------------------------------------- terminal


def rows_of(text: str) -> dict[str, str]:
    """Demand-table lines of a terminal text, by utility label."""
    out = {}
    for line in text.splitlines():
        for label in LABELS.values():
            if line.strip().startswith(label + " "):
                out.setdefault(label, line)
    return out


def check_terminal_rows(rows: dict[str, str], truth: pd.DataFrame) -> None:
    for carrier, t in truth.iterrows():
        line = rows[LABELS[carrier]]
        cells = re.split(r"\s{2,}", line.strip())
        assert cells[0] == LABELS[carrier]
        annual, day, peak = cells[1], cells[2], cells[3]
        unit = CARRIERS[carrier][2]
        assert annual.endswith(unit) and agrees(annual, t["annual"]), (carrier, annual)
        assert annual == fmt.quantity(t["annual"], unit), (carrier, annual)
        assert peak.endswith(PEAK_UNIT[carrier]) and agrees(peak, t["peak"]), (carrier, peak)
        assert peak_text(t) in line, (carrier, line)
        # the average day, in the table's day unit (MWh, m³, kg, t, TB)
        day_value = t["annual"] / 365 * (1000.0 if carrier == "bod" else 1.0)
        assert agrees(day, day_value), (carrier, day)


def test_terminal_demand_table_agrees_with_the_hourly_table(folder: Path, truth: pd.DataFrame):
    console = Console(width=200, record=True, color_system=None)
    console.print(demand_table(pd.read_csv(folder / "demand_summary.csv", index_col="carrier")))
    check_terminal_rows(rows_of(console.export_text()), truth)


def test_cayo_plan_printed_the_same_demand_table(
    default_run: tuple[str, Path], truth: pd.DataFrame
):
    check_terminal_rows(rows_of(default_run[0]), truth)


# ---------------------------------------------------------------- report


@pytest.fixture(scope="module")
def report(folder: Path) -> dict[str, tuple[float, str]]:
    """The report's numbers: source → (saved value × scale, text shown)."""
    page = (folder / "report.html").read_text(encoding="utf-8")
    out = {}
    for src, value, scale, _kind, text in NUMBER.findall(page):
        out[html.unescape(src)] = (float(value) * float(scale), html.unescape(text))
    return out


def test_report_numbers_agree_with_the_hourly_tables(
    report: dict, doc: dict, hourly: pd.DataFrame, demand: pd.DataFrame, truth: pd.DataFrame
):
    mwh = 1e-3
    expected = {}
    for carrier, t in truth.iterrows():
        expected[f"csv:demand_summary.csv:{carrier}:annual"] = t["annual"]
        expected[f"csv:demand_summary.csv:{carrier}:peak"] = t["peak"]
        factor = CARRIERS[carrier][1]
        month = demand.index.month
        for m, v in (demand[carrier].groupby(month).sum() * factor).items():
            expected[f"monthly:{carrier}:{m}"] = v
    h = hourly
    expected |= {
        "summary:load_kwh_yr": h["load_kw"].sum() * mwh,
        "summary:peak_load_kw": h["load_kw"].max(),
        "summary:water_plants_kwh_yr": (h["wells_kw"] + h["ro_kw"]).sum() * mwh,
        "summary:pv_used_kwh_yr": h["pv_kw"].sum() * mwh,
        "summary:genset_kwh_yr": h["genset_kw"].sum() * mwh,
        "summary:grid_import_kwh_yr": h["grid_import_kw"].sum() * mwh,
        "summary:unserved_kwh_yr": h["unserved_kw"].sum() * mwh,
        "summary:diesel_imported_m3_yr": h["diesel_delivery_l"].sum() / 1000,
        "summary:diesel_burnt_m3_yr": h["diesel_burn_l"].sum() / 1000,
        "summary:water_supplied_m3_yr": (h["water_demand_m3_h"] - h["unserved_water_m3_h"]).sum(),
        "summary:sewage_kwh_yr": figure(doc, "sewage_kwh_yr") * mwh,
        "summary:distribution_kwh_yr": figure(doc, "distribution_kwh_yr") * mwh,
    }
    missing = sorted(set(expected) - set(report))
    assert missing == [], f"the report does not show {missing}"
    for src, value in expected.items():
        shown, text = report[src]
        assert shown == pytest.approx(value, rel=1e-9, abs=1e-9), src
        assert agrees(text, value), (src, text)
    # the electricity sum the report shows adds up: town + sewage + pumping = LP load
    town = report["csv:demand_summary.csv:electricity:annual"][0]
    parts = town + report["summary:sewage_kwh_yr"][0] + report["summary:distribution_kwh_yr"][0]
    assert parts == pytest.approx(report["summary:load_kwh_yr"][0], rel=1e-9)


def test_report_labels_each_electricity_scope_and_diesel_in_m3(folder: Path, doc: dict):
    page = (folder / "report.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    assert "the town: buildings, industry, data centre, streets (demand table)" in text
    assert "= load the supply plan serves (LP load, hourly.parquet load_kw)" in text
    # every diesel quantity of the report is in m³ (the terminal summary's unit too)
    rows = re.findall(r"<tr><td>(diesel [a-z]+)</td><td class=\"r\">(.*?)</td><td>(.*?)</td>", page)
    assert {r[0] for r in rows} >= {"diesel tank", "diesel imported", "diesel burnt"}
    for label, _cell, unit in rows:
        if label != "diesel ships":
            assert unit.startswith("m³"), (label, unit)
    tank = next(cell for label, cell, _ in rows if label == "diesel tank")
    value = re.sub(r"<[^>]+>", "", tank)
    assert agrees(value, figure(doc, "diesel_tank_l") / 1000), value


def test_monthly_chart_adds_up_to_the_demand_table(folder: Path, report: dict):
    """The chart's bars (drawn from `monthly_totals` of the saved table, as the report draws
    them) and the report's monthly table add up to the demand table's annual totals (0.1 %);
    before, the chart summed the cooling sub-columns too: 133 % of the electricity."""
    import matplotlib.pyplot as plt

    summary = pd.read_csv(folder / "demand_summary.csv", index_col="carrier")
    wide = pd.read_parquet(folder / "demand_hourly.parquet")
    monthly = monthly_totals(wide)
    fig = monthly_plot(monthly, summary["annual"], summary["annual_unit"])
    panels = [ax for ax in fig.axes if ax.patches]
    assert len(panels) == len(CARRIERS)
    for ax, carrier in zip(panels, monthly.columns, strict=True):
        bars = sum(p.get_height() for p in ax.patches)
        annual = summary.at[carrier, "annual"]
        assert bars == pytest.approx(annual, rel=1e-3), carrier
        table = sum(report[f"monthly:{carrier}:{m}"][0] for m in range(1, 13))
        assert table == pytest.approx(annual, rel=1e-3), carrier
        assert ax.get_title().startswith(LABELS[carrier])
    plt.close(fig)
    assert np.isfinite(monthly.to_numpy()).all()
