"""The passing design in the verdict: its own scorecard, and the failed criteria of the calm
plan that it flips (each becomes a condition: build the design, at its extra cost)."""

from __future__ import annotations

import pandas as pd

from cayo.design.loop import Design
from cayo.scenario.schema import Scenario
from cayo.verdict.changes import Change
from cayo.verdict.criteria import measure, scorecard

DESIGN_LEVER = "the passing design"


def design_measured(design: Design, figures: dict[str, float], s: Scenario) -> dict:
    """The criteria's values for the design: the stress criteria from its fresh-seed stress
    test, its water tank, its land (PV cut to the site), its engines' share of the served
    electricity (the re-planned LP), its capex and cost per kWh (`design_figures`)."""
    f = dict(figures)
    h = design.plan.hourly
    served = float((h["load_kw"] - h["unserved_kw"]).sum())
    f["genset_kwh_yr"] = float(h["genset_kw"].sum())
    f["served_kwh_yr"] = served
    f["water_tank_m3"] = design.sizes.get("water_tank_m3", design.plan.capacity["water_tank_m3"])
    pv_ha = design.plan.capacity["pv_kw"] / s.technologies.pv.kw_per_ha
    f["land_total_ha"] = figures.get("land_total_ha", 0.0) - figures.get("pv_land_ha", 0.0) + pv_ha
    for key in ("capex_lifecycle_usd", "lcoe_lifecycle_usd_per_kwh_served"):
        if f"design_{key}" in figures:
            f[key] = figures[f"design_{key}"]
    stress = design.stress.summary if design.stress is not None else None
    return measure(f, stress)


def design_scorecard(design: Design, figures: dict[str, float], s: Scenario) -> pd.DataFrame:
    """The design's scorecard (`cayo.verdict.criteria.scorecard`)."""
    return scorecard(design_measured(design, figures, s), s.criteria)


def design_changes(
    card: pd.DataFrame, design_card: pd.DataFrame, design: Design
) -> dict[str, Change]:
    """Failed criteria of the calm plan that the verified design passes → the design as their
    change (re-planned and checked on a fresh seed: confirmed). None when the design fails a
    criterion the calm plan passes (building it would break that one)."""
    out: dict[str, Change] = {}
    if not (design.passed and design.verified):
        return out
    broken = [n for n in design_card.index if not design_card.loc[n, "passed"]
              and n in card.index and card.loc[n, "passed"]]  # fmt: skip
    if broken:
        return out
    for name, row in card.iterrows():
        if row["passed"] or name not in design_card.index:
            continue
        d = design_card.loc[name]
        if bool(d["passed"]):
            out[str(name)] = Change(
                str(name), DESIGN_LEVER, dict(design.sizes), design.extra_usd_yr,
                float(d["value"]), True, float(d["value"]), design.extra_usd_yr, True,
            )  # fmt: skip
    return out
