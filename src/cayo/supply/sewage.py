"""Wastewater treatment: sized to the peak hourly flow; its energy is a fixed electricity load;
treated water can replace fresh water for irrigation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cayo.costs import sewage_plant
from cayo.scenario.schema import Sewage


@dataclass(frozen=True)
class SewagePlan:
    """The treatment plant and what it changes for the other utilities.

    Attributes
    ----------
    capacity_m3_per_day : hydraulic capacity, the peak hourly flow × 24 [m³/day].
    bod_capacity_kg_per_day : organic load capacity, the peak daily load [kg BOD5/day].
    energy_kw : treatment electricity per hour [kW].
    reuse_m3_h : treated water used for irrigation per hour [m³/h] (replaces fresh water).
    treated_m3_yr : wastewater treated over the series [m³].
    annual_cost_usd : capital recovery + fixed O&M, from `cayo.costs.sewage_plant` [USD/yr].
    capex_usd : overnight cost [USD].
    """

    capacity_m3_per_day: float
    bod_capacity_kg_per_day: float
    energy_kw: np.ndarray
    reuse_m3_h: np.ndarray
    treated_m3_yr: float
    annual_cost_usd: float
    capex_usd: float


def daily(series: np.ndarray) -> np.ndarray:
    """Daily sums of an hourly series [unit·h/day]."""
    return series.reshape(-1, 24).sum(axis=1)


def plan_sewage(
    s: Sewage,
    wastewater_m3_h: np.ndarray,
    bod_kg_h: np.ndarray,
    irrigation_m3_h: np.ndarray,
    discount_rate: float,
) -> SewagePlan:
    """Size the plant and derive its load and reuse.

    Reuse is balanced day by day (treated water is stored in the plant's effluent pond until the
    night's irrigation): each day reuses min(irrigation, recovery × wastewater), spread over the
    day's irrigation hours.

    >>> ww = np.full(48, 10.0); irr = np.tile(np.r_[np.full(6, 20.0), np.zeros(18)], 2)
    >>> p = plan_sewage(Sewage(capex_usd_per_m3_per_day=1000, fixed_om_share_per_yr=0.0,
    ...     lifetime_yr=10, kwh_per_m3=0.5, reuse_for_irrigation=True, reuse_recovery_share=0.5),
    ...     ww, np.ones(48), irr, 0.0)
    >>> p.capacity_m3_per_day, float(p.reuse_m3_h.sum()), float(p.energy_kw[0])
    (240.0, 240.0, 5.0)
    """
    capacity = float(wastewater_m3_h.max() * 24)
    unit = sewage_plant(s)
    capex = capacity * unit.capex_usd_per_unit
    annual = capacity * unit.annual_usd_per_unit_yr(discount_rate)
    reuse = np.zeros_like(irrigation_m3_h)
    if s.reuse_for_irrigation:
        day_irr = daily(irrigation_m3_h)
        day_reuse = np.minimum(day_irr, s.reuse_recovery_share * daily(wastewater_m3_h))
        share = np.divide(day_reuse, day_irr, out=np.zeros_like(day_irr), where=day_irr > 0)
        reuse = irrigation_m3_h * np.repeat(share, 24)
    return SewagePlan(
        capacity_m3_per_day=capacity,
        bod_capacity_kg_per_day=float(daily(bod_kg_h).max()),
        energy_kw=wastewater_m3_h * s.kwh_per_m3,
        reuse_m3_h=reuse,
        treated_m3_yr=float(wastewater_m3_h.sum()),
        annual_cost_usd=annual,
        capex_usd=capex,
    )
