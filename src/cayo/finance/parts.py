"""What a plan builds, costed from the one cost table (`cayo.costs`): one row per component with
its size, capex, capital recovery and fixed O&M. The plan's annual costs (`cayo.finance.metrics`)
and the net present cost (`cayo.finance.npc`) both read these rows."""

from __future__ import annotations

import pandas as pd

from cayo.costs import LINK_PREFIX, CostTable, cost_table
from cayo.scenario.schema import Scenario
from cayo.supply.fixed import FixedParts

PART_COLUMNS = (
    "key", "utility", "unit", "size", "usd_per_unit", "life_yr", "capex_usd",
    "capital_recovery_usd_yr", "fixed_om_usd_yr",
)  # fmt: skip


def built_sizes(capacity: dict[str, float], fixed: FixedParts | None) -> dict[str, float]:
    """Size of every component by capacity key [its unit]: the LP's capacities (keys of
    `cayo.supply.plan.CAPACITIES` values) and the services sized outside it (sewage plant
    [m³/day], waste trucks [-], waste-to-energy [t/day], data-link units [-]); nothing outside the
    LP without `fixed`."""
    out = {k: float(v) for k, v in capacity.items()}
    if fixed is not None:
        out["sewage_capacity_m3_per_day"] = fixed.sewage.capacity_m3_per_day
        out["waste_trucks"] = float(fixed.waste.trucks)
        out["wte_t_per_day"] = fixed.waste.wte_t_per_day
        for name, units in fixed.links.units.items():
            out[LINK_PREFIX + name] = float(units)
    return out


def costed(table: CostTable, sizes: dict[str, float]) -> pd.DataFrame:
    """One row per component of `table` (index: its name; columns `PART_COLUMNS`): size [its
    unit], usd_per_unit [USD/unit], life_yr [yr], capex_usd [USD], capital_recovery_usd_yr and
    fixed_om_usd_yr [USD/yr]; a component missing from `sizes` has size 0."""
    r = table.discount_rate
    rows = {}
    for c in table:
        size = float(sizes.get(c.key, 0.0))
        rows[c.component] = (
            c.key, c.utility, c.unit, size, c.capex_usd_per_unit, c.life_yr,
            size * c.capex_usd_per_unit, size * c.capital_recovery_usd_per_unit_yr(r),
            size * c.fixed_om_usd_per_unit_yr,
        )  # fmt: skip
    df = pd.DataFrame.from_dict(rows, orient="index", columns=list(PART_COLUMNS))
    df.index.name = "component"
    return df


def components(
    scenario: Scenario, capacity: dict[str, float], fixed: FixedParts | None
) -> pd.DataFrame:
    """What a plan builds, one row per component of the scenario's cost table (see `costed`);
    capacity keys as in `cayo.supply.plan.CAPACITIES`."""
    return costed(cost_table(scenario), built_sizes(capacity, fixed))
