"""A utility the town needs and gets none of fails the verdict (cooking gas with every fuel
disabled once went missing from it); the verdict panel prints through `cayo.fmt` and beside the
money table."""

from __future__ import annotations

import io

import numpy as np
import pytest
from rich.columns import Columns
from rich.console import Console

from cayo.finance.metrics import not_served_reasons, plan_figures
from cayo.program.workforce import cohort_model
from cayo.report.summary import money_table, verdict_panel
from cayo.scenario.io import load_scenario
from cayo.scenario.schema import Scenario
from cayo.supply.assemble import build_inputs
from cayo.supply.plan import plan_supply
from cayo.verdict.judge import judge, verdict_doc

S = load_scenario().scenario
T = 48


def no_fuel(s: Scenario) -> Scenario:
    """Gensets, diesel and LPG disabled."""
    t, f = s.technologies, s.fuel_supply
    return s.model_copy(
        update={
            "technologies": t.model_copy(
                update={"genset": t.genset.model_copy(update={"enabled": False})}
            ),
            "fuel_supply": f.model_copy(
                update={
                    "diesel": f.diesel.model_copy(update={"enabled": False}),
                    "lpg": f.lpg.model_copy(update={"enabled": False}),
                }
            ),
        }
    )


def two_days(s: Scenario) -> tuple[dict[str, float], dict[str, float]]:
    """(figures, capacity) of a two-day plan: 500 kW of load with sun and grid, 10 kg/h of gas."""
    hour = np.arange(T) % 24
    sun = np.clip(np.sin((hour - 6) / 12 * np.pi), 0, None) * 0.8
    x = build_inputs(s, np.full(T, 500.0), sun, np.full(T, 600.0), lpg_kg_h=np.full(T, 10.0))
    plan = plan_supply(x)
    return plan_figures(s, x, plan), plan.capacity


def text(*renderables) -> str:  # type: ignore[no-untyped-def]
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    for r in renderables:
        console.print(r)
    return console.export_text()


def test_cooking_gas_with_every_fuel_disabled_fails_the_verdict() -> None:
    s = no_fuel(S)
    figures, capacity = two_days(s)
    assert figures["lpg_unserved_t_yr"] == pytest.approx(10 * T / 1e3)
    v = judge(s, figures, None, None, capacity, cohort_model(s.workforce, s.people))
    why = "no cooking gas is served: LPG supply is disabled (fuel_supply.lpg.enabled)"
    assert v.not_served == {"cooking gas": why}
    assert v.outcome == "no-go"
    assert v.reasons[0] == f"{why}; a failed criterion that no capacity lever flips"
    doc = verdict_doc(v)
    assert doc["not_served"] == {"cooking gas": why}
    panel = text(verdict_panel(doc))
    assert "cooking gas supplied" in panel and "FAIL" in panel.split("cooking gas supplied")[1]
    # with LPG on, the same plan serves the gas and nothing is listed
    figures_on, capacity_on = two_days(S)
    v_on = judge(S, figures_on, None, None, capacity_on, cohort_model(S.workforce, S.people))
    assert v_on.not_served == {}


def test_verdict_panel_and_money_table_print_together_through_fmt() -> None:
    """Values once printed as ``1.112e+08`` and ``0.01217``: now in their unit, through
    cayo.fmt; the panel and the money table render side by side."""
    s = no_fuel(S)
    figures, capacity = two_days(s)
    figures |= {"capex_lifecycle_usd": 111_245_375.2, "npc_total_usd": 103_583_616.9,
                "annualised_cost_usd_yr": 9_838_160.8, "horizon_years": 24.0}  # fmt: skip
    v = judge(s, figures, None, None, capacity, cohort_model(s.workforce, s.people))
    reasons = not_served_reasons(s, figures)
    both = text(Columns([money_table(figures, 2041, reasons), verdict_panel(verdict_doc(v))]))
    assert "111.2 M USD" in both  # the budget criterion and the build-out capex
    assert "103.6 M USD" in both and "9.84 M USD/yr" in both
    assert "e+0" not in both and "e-0" not in both and "nan" not in both.lower()
    assert "no fuel bought: the gensets are disabled" in both
    budget = next(r for r in verdict_doc(v)["scorecard"] if r["criterion"] == "budget")
    assert budget["value"] == pytest.approx(111_245_375.2)
