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

from cayo.finance.annuity import capital_recovery_factor
from cayo.finance.metrics import UTILITY_COSTS
from cayo.program.workforce import WorkforceRamp
from cayo.scenario.schema import Scenario
from cayo.supply.fixed import FixedParts


def components(scenario: Scenario, capacity: dict[str, float], fixed: FixedParts) -> pd.DataFrame:
    """What a plan builds, one row per component: utility, size [its unit], capex [USD],
    life [yr]; capacity keys as in `cayo.supply.plan.CAPACITIES`."""
    t = scenario.technologies
    w = scenario.water_supply
    f = scenario.fuel_supply
    sw = scenario.solid_waste
    trucks = min(fixed.waste.trucks * sw.truck_capex_usd, fixed.waste.capex_usd)
    rows = [
        ("pv", "electricity", capacity["pv_kw"], t.pv.capex_usd_per_kw, t.pv.lifetime_yr),
        ("battery power", "electricity", capacity["battery_kw"],
         t.battery.capex_power_usd_per_kw, t.battery.lifetime_yr),
        ("battery energy", "electricity", capacity["battery_kwh"],
         t.battery.capex_energy_usd_per_kwh, t.battery.lifetime_yr),
        ("gensets", "electricity", capacity["genset_kw"], t.genset.capex_usd_per_kw,
         t.genset.lifetime_yr),
        ("diesel tank", "electricity", capacity["diesel_tank_l"],
         f.diesel.tank_capex_usd_per_m3 / 1000, f.diesel.tank_lifetime_yr),
        ("wells", "water", capacity["wells_m3_h"], w.wells.capex_usd_per_m3_per_h,
         w.wells.lifetime_yr),
        ("desalination", "water", capacity["ro_m3_h"], 24 * w.desalination.capex_usd_per_m3_per_day,
         w.desalination.lifetime_yr),
        ("water tank", "water", capacity["water_tank_m3"], w.tank.capex_usd_per_m3,
         w.tank.lifetime_yr),
        ("LPG tank", "cooking gas", capacity["lpg_tank_kg"], f.lpg.tank_capex_usd_per_t / 1000,
         f.lpg.tank_lifetime_yr),
        ("sewage plant", "sewage", fixed.sewage.capex_usd, 1.0, scenario.sewage.lifetime_yr),
        ("waste trucks", "solid waste", trucks, 1.0, sw.truck_lifetime_yr),
        ("waste-to-energy", "solid waste", fixed.waste.capex_usd - trucks, 1.0, sw.wte_lifetime_yr),
    ]  # fmt: skip
    for name, units in fixed.links.units.items():
        o = scenario.data_links.options[name]
        rows.append((f"link: {name}", "data links", float(units), o.capex_usd, o.lifetime_yr))
    df = pd.DataFrame(rows, columns=["component", "utility", "size", "usd_per_unit", "life_yr"])
    df["capex_usd"] = df["size"] * df["usd_per_unit"]
    return df.set_index("component")


def operating_costs(
    figures: dict[str, float], parts: pd.DataFrame, rate: float
) -> dict[str, float]:
    """Annual operating cost per utility [USD/yr]: its annual cost less the capital recovery of
    its components (what remains is O&M, fuel, purchases and electricity bought from the grid)."""
    out = {}
    for utility, key in UTILITY_COSTS.items():
        mine = parts[parts["utility"] == utility]
        capital = sum(
            c * capital_recovery_factor(rate, life)
            for c, life in zip(mine["capex_usd"], mine["life_yr"], strict=True)
        )
        out[utility] = max(float(figures.get(key, 0.0)) - capital, 0.0)
    return out


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
    lcoe_usd_per_kwh : NPC of electricity / present value of served kWh [USD/kWh].
    water_usd_per_m3 : the same for water [USD/m³].
    """

    flows: pd.DataFrame
    npc_usd: dict[str, float]
    npc_total_usd: float
    annualised_usd_yr: float
    lcoe_usd_per_kwh: float
    water_usd_per_m3: float

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
        lcoe_usd_per_kwh=npc["electricity"] / kwh if kwh > 0 else float("nan"),
        water_usd_per_m3=npc["water"] / m3 if m3 > 0 else float("nan"),
    )


def money_figures(money: Money, ramp: WorkforceRamp, s: Scenario) -> dict[str, float]:
    """Scalar money results over the horizon, unit in every key."""
    residents = s.people.residents
    out = {
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
        "workforce_target_year": float(ramp.target_year or float("nan")),
        "workforce_steady_state_specialists": ramp.steady_state,
    }
    for utility, value in money.npc_usd.items():
        out[f"npc_{utility.replace(' ', '_')}_usd"] = value
    return out
