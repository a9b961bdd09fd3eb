"""Money over the town's life: capex when it is spent, replacements, salvage, net present cost.

Net present cost as HOMER defines it: the present value of every cost over the horizon (capital,
replacements, operation, fuel and purchases) less the present value of the salvage left at its
end. Costs are real USD; year t = year − start_year; capital and replacements paid in year t are
discounted by (1 + r)^t, a year's operating cost by (1 + r)^(t + 1) (paid through the year, at
its end), salvage by (1 + r)^N with N the number of years. A component bought for C in year y
with life L is bought again in y + L, y + 2L, ... while the horizon lasts; at its end it is worth
C × (life left) / L (linear depreciation, HOMER's salvage).

Build-out comes in stages (the milestones' plans, then the full town's): each stage's capacity is
a total; what exceeds everything built before is bought in the stage's year, and a stage's
operating cost runs until the next stage opens.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cayo.costs import capital_recovery_factor
from cayo.finance.metrics import UTILITY_COSTS, VARIABLE_COSTS, finite_figures
from cayo.finance.parts import components
from cayo.program.workforce import WorkforceRamp
from cayo.scenario.schema import Scenario

__all__ = [
    "Money", "Stage", "cash_flows", "components", "money_figures", "operating_costs",
]  # fmt: skip


def operating_costs(
    figures: dict[str, float], parts: pd.DataFrame, rate: float | None = None
) -> dict[str, float]:
    """Annual operating cost per utility [USD/yr], computed directly: the fixed O&M of its
    components (`parts`, from `components`) plus its variable costs from the plan's figures
    (`cayo.finance.metrics.VARIABLE_COSTS`: variable O&M, fuel, purchases, electricity bought by
    the water and sewage plants; electricity's is net of what it sells them, so it may be
    negative where PV's capital is most of what the plants pay for).

    With the capital recovery of the same components it adds up to the utility's annual cost in
    the figures. `rate` is unused (it was needed when the operating cost was derived by taking
    the capital recovery out of the annual cost).
    """
    fixed_om = parts.groupby("utility")["fixed_om_usd_yr"].sum()
    return {
        u: float(fixed_om.get(u, 0.0)) + float(figures[VARIABLE_COSTS[u]]) for u in UTILITY_COSTS
    }


@dataclass(frozen=True)
class Stage:
    """One stage of the build-out: from `year`, these components run at this operating cost."""

    year: int
    parts: pd.DataFrame
    opex_usd_yr: dict[str, float]
    served: dict[str, float]  # served kWh and m³ a year: {"electricity_kwh", "water_m3"}


@dataclass(frozen=True)
class Money:
    """Cash flows by year and their present values.

    Attributes
    ----------
    flows : one row per (year, utility): capex, replacement, opex, salvage [USD].
    npc_usd : net present cost by utility [USD]; npc_total_usd its sum.
    annualised_usd_yr : NPC × CRF(r, N) [USD/yr].
    lcoe_usd_per_kwh : NPC of electricity / present value of served kWh [USD/kWh] (None when
        no kWh is served over the horizon).
    water_usd_per_m3 : the same for water [USD/m³] (None when no water is served).
    """

    flows: pd.DataFrame
    npc_usd: dict[str, float]
    npc_total_usd: float
    annualised_usd_yr: float
    lcoe_usd_per_kwh: float | None
    water_usd_per_m3: float | None

    def capex_by_year(self) -> pd.DataFrame:
        """Capex [USD] by year (rows) and utility (columns), years with none left out."""
        df = self.flows.pivot_table(
            index="year", columns="utility", values="capex_usd", aggfunc="sum"
        )
        return df.loc[df.sum(axis=1) > 0]


def cash_flows(stages: list[Stage], start: int, end: int, rate: float) -> Money:
    """Cash flows of a build-out in `stages` (rising years) over [start, end] at real `rate`."""
    years = np.arange(start, end + 1)
    n = len(years)
    utilities = list(UTILITY_COSTS)
    capex = {u: np.zeros(n) for u in utilities}
    repl = {u: np.zeros(n) for u in utilities}
    salvage = {u: np.zeros(n) for u in utilities}
    opex = {u: np.zeros(n) for u in utilities}
    served = {"electricity_kwh": np.zeros(n), "water_m3": np.zeros(n)}
    built: dict[str, float] = {}
    for i, stage in enumerate(stages):
        first = max(stage.year, start) - start
        last = (stages[i + 1].year if i + 1 < len(stages) else end + 1) - start
        for u in utilities:
            opex[u][first:last] = stage.opex_usd_yr.get(u, 0.0)
        for k in served:
            served[k][first:last] = stage.served.get(k, 0.0)
        for name, row in stage.parts.iterrows():
            new = row["capex_usd"] - built.get(str(name), 0.0)
            if new <= 0:
                continue
            built[str(name)] = row["capex_usd"]
            u, life = row["utility"], float(row["life_yr"])
            capex[u][first] += new
            bought = float(stage.year)
            while bought + life <= end:
                bought_next = bought + life
                repl[u][int(np.floor(bought_next)) - start] += new
                bought = bought_next
            left = bought + life - (end + 1)
            salvage[u][-1] += new * max(left, 0.0) / life
    t = np.arange(n)
    now = (1 + rate) ** -t
    through = (1 + rate) ** -(t + 1)
    end_of = (1 + rate) ** -n
    npc = {
        u: float((capex[u] + repl[u]) @ now + opex[u] @ through - salvage[u].sum() * end_of)
        for u in utilities
    }
    total = sum(npc.values())
    flows = pd.concat(
        pd.DataFrame(
            {"year": years, "utility": u, "capex_usd": capex[u], "replacement_usd": repl[u],
             "opex_usd": opex[u], "salvage_usd": salvage[u]}
        )
        for u in utilities
    )  # fmt: skip
    kwh = float(served["electricity_kwh"] @ through)
    m3 = float(served["water_m3"] @ through)
    return Money(
        flows=flows.reset_index(drop=True),
        npc_usd=npc,
        npc_total_usd=total,
        annualised_usd_yr=total * capital_recovery_factor(rate, n),
        lcoe_usd_per_kwh=npc["electricity"] / kwh if kwh > 0 else None,
        water_usd_per_m3=npc["water"] / m3 if m3 > 0 else None,
    )


def money_figures(
    money: Money, ramp: WorkforceRamp, s: Scenario, residents: float
) -> dict[str, float]:
    """Scalar money results over the horizon, unit in every key; every value finite. A figure
    that cannot exist (a lifecycle cost per kWh with none served, the year of a target never
    reached) is left out: `cayo.finance.metrics.not_served_reasons` says why.

    ``capex_lifecycle_usd`` is the capex of the build-out, stage by stage (replacements aside);
    the up-front capex of the full town's plan is ``capex_full_town_usd`` (`plan_figures`);
    `residents` are the full town's, service households included [persons].
    """
    out: dict[str, float | None] = {
        "npc_total_usd": money.npc_total_usd,
        "annualised_cost_usd_yr": money.annualised_usd_yr,
        "lcoe_lifecycle_usd_per_kwh_served": money.lcoe_usd_per_kwh,
        "water_lifecycle_usd_per_m3_served": money.water_usd_per_m3,
        "capex_lifecycle_usd": float(money.flows["capex_usd"].sum()),
        "replacements_lifecycle_usd": float(money.flows["replacement_usd"].sum()),
        "salvage_usd": float(money.flows["salvage_usd"].sum()),
        "annualised_cost_usd_per_resident_yr": money.annualised_usd_yr / residents,
        "annualised_cost_usd_per_specialist_yr": money.annualised_usd_yr
        / max(s.people.specialists, 1),
        "horizon_years": float(s.workforce.horizon_year - s.workforce.start_year + 1),
        "workforce_target_year": None if ramp.target_year is None else float(ramp.target_year),
        "workforce_steady_state_specialists": ramp.steady_state,
    }
    for utility, value in money.npc_usd.items():
        out[f"npc_{utility.replace(' ', '_')}_usd"] = value
    return finite_figures(out)
